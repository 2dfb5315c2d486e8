/**
 * A 64-bit FNV-1a checksum over 8-byte little-endian words, for the compile cache's files (compile-cache.ts): release
 * builds of V8 do not check cached code, and a damaged code cache crashes the process when it runs.
 *
 * It runs as a 104-byte WebAssembly module because every way a cold process has to checksum 400 kB costs more:
 * loading node:crypto (for a SHA-256) takes about 3 ms, and brings node:stream with it; the same loop in JavaScript
 * runs in V8's interpreter for about 2.5 ms; this takes about 0.5 ms, most of it instantiating the module. It detects
 * damage, not tampering: a file only its owner can write is as trusted as the bundle it caches.
 *
 * The module, in WebAssembly text (the data is copied into its memory, whose bytes past the data are zero, so the
 * last word is zero-padded):
 *
 *   (module
 *     (memory (export "m") 1)
 *     (func (export "h") (param $n i32) (result i64) (local $i i32) (local $h i64)
 *       (local.set $h (i64.xor (i64.extend_i32_u (local.get $n)) (i64.const 0xcbf29ce484222325)))
 *       (block $done (loop $next
 *         (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
 *         (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (local.get $i))) (i64.const 0x100000001b3)))
 *         (local.set $i (i32.add (local.get $i) (i32.const 8)))
 *         (br $next)))
 *       (local.get $h)))
 */
const MODULE =
  'AGFzbQEAAAABBgFgAX8BfgMCAQAFAwEAAQcJAgFtAgABaAAACkIBQAIBfwF+IACtQqXGiKHInKf5S4UhAgJAA0AgASAATw0BIAIgASkDAIVCs4OAgIAgfiECIAFBCGohAQwACwsgAgs=';

export const CHECKSUM_BYTES = 8;

/** What is used of WebAssembly (the global is typed only by TypeScript's DOM library, which this project leaves out). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: { m: { buffer: ArrayBuffer; grow(pages: number): number }; h(n: number): bigint } };
}

const PAGE = 65536;

/**
 * The checksum of `data` (its length mixed in), as 8 bytes; undefined where WebAssembly is not available (`--jitless`),
 * so that callers go without what needs it.
 */
export function checksum(data: Uint8Array): Buffer | undefined {
  const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
  if (wasm === undefined) return undefined;
  let module;
  try {
    module = new wasm.Instance(new wasm.Module(Buffer.from(MODULE, 'base64'))).exports;
  } catch {
    return undefined;
  }
  const memory = module.m;
  const pages = Math.ceil((data.length + CHECKSUM_BYTES) / PAGE); // the last word may read past the data: zeros
  if (pages > 1) memory.grow(pages - 1);
  new Uint8Array(memory.buffer).set(data);
  const out = Buffer.alloc(CHECKSUM_BYTES);
  out.writeBigUInt64LE(BigInt.asUintN(64, module.h(data.length)));
  return out;
}
