/**
 * A 64-bit FNV-1a checksum in four lanes over 32-byte blocks (each lane takes every fourth little-endian 8-byte word),
 * for the compile cache's files (compile-cache.ts): release builds of V8 do not check cached code, and a damaged code
 * cache crashes the process when it runs.
 *
 * It runs as a 208-byte WebAssembly module because every way a cold process has to checksum 400 kB costs more:
 * loading node:crypto (for a SHA-256) takes about 3 ms, and brings node:stream with it; the same loop in JavaScript
 * runs in V8's interpreter for about 2.5 ms; this takes about 0.5 ms, most of it instantiating the module. Four lanes
 * let the processor overlap the multiplications. A cache file is read straight into the module's memory, and V8 is
 * given that memory: no copy. It detects damage, not tampering: a file only its owner can write is as trusted as the
 * bundle it caches.
 *
 * The module, in WebAssembly text (memory from JavaScript; its bytes past the data are zero, so the last block is
 * zero-padded):
 *
 *   (module
 *     (import "e" "m" (memory 1))
 *     (func (export "h") (param $at i32) (param $n i32) (result i64)
 *       (local $end i32) (local $a i64) (local $b i64) (local $c i64) (local $d i64)
 *       (local.set $end (i32.add (local.get $at) (local.get $n)))
 *       (local.set $d (local.tee $c (local.tee $b (local.tee $a
 *         (i64.xor (i64.extend_i32_u (local.get $n)) (i64.const 0xcbf29ce484222325))))))
 *       (block $done (loop $next
 *         (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
 *         (local.set $a (i64.mul (i64.xor (local.get $a) (i64.load offset=0 (local.get $at))) (i64.const 0x100000001b3)))
 *         (local.set $b (i64.mul (i64.xor (local.get $b) (i64.load offset=8 (local.get $at))) (i64.const 0x100000001b3)))
 *         (local.set $c (i64.mul (i64.xor (local.get $c) (i64.load offset=16 (local.get $at))) (i64.const 0x100000001b3)))
 *         (local.set $d (i64.mul (i64.xor (local.get $d) (i64.load offset=24 (local.get $at))) (i64.const 0x100000001b3)))
 *         (local.set $at (i32.add (local.get $at) (i32.const 32)))
 *         (br $next)))
 *       (i64.mul (i64.xor (i64.mul (i64.xor (i64.mul (i64.xor (local.get $a) (local.get $b)) (i64.const 0x100000001b3))
 *         (local.get $c)) (i64.const 0x100000001b3)) (local.get $d)) (i64.const 0x100000001b3))))
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const MODULE =
  'AGFzbQEAAAABBwFgAn9/AX4CCAEBZQFtAgABAwIBAAcFAQFoAAAKpwEBpAECAX8EfiAAIAFqIQIgAa1CpcaIocicp/lLhSIDIgQiBSEGAkADQCAAIAJPDQEgAyAAKQMAhUKzg4CAgCB+IQMgBCAAKQMIhUKzg4CAgCB+IQQgBSAAKQMQhUKzg4CAgCB+IQUgBiAAKQMYhUKzg4CAgCB+IQYgAEEgaiEADAALCyADIASFQrODgICAIH4gBYVCs4OAgIAgfiAGhUKzg4CAgCB+Cw==';

export const CHECKSUM_BYTES = 8;

/** What is used of WebAssembly (the global is typed only by TypeScript's DOM library, which this project leaves out). */
interface Wasm {
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { h(at: number, n: number): bigint } };
}

const PAGE = 65536;
/** The hash reads whole 32-byte blocks: memory holds this many zero bytes past the data. */
const BLOCK = 32;

/** Memory for `bytes` bytes, and the checksum of a part of it; undefined where WebAssembly is not available. */
function hasher(bytes: number): { memory: Uint8Array; checksum(at: number, n: number): Buffer } | undefined {
  const wasm = (globalThis as { WebAssembly?: Wasm }).WebAssembly;
  if (wasm === undefined) return undefined;
  try {
    const memory = new wasm.Memory({ initial: Math.ceil((bytes + BLOCK) / PAGE) });
    const { h } = new wasm.Instance(new wasm.Module(Buffer.from(MODULE, 'base64')), { e: { m: memory } }).exports;
    return {
      memory: new Uint8Array(memory.buffer),
      checksum(at, n) {
        const out = Buffer.alloc(CHECKSUM_BYTES);
        out.writeBigUInt64LE(BigInt.asUintN(64, h(at, n)));
        return out;
      },
    };
  } catch {
    return undefined; // --jitless: no WebAssembly
  }
}

/** The checksum of `data` (its length mixed in), as 8 bytes; undefined where WebAssembly is not available. */
export function checksum(data: Uint8Array): Buffer | undefined {
  const h = hasher(data.length);
  if (h === undefined) return undefined;
  h.memory.set(data);
  return h.checksum(0, data.length);
}

/**
 * What follows the checksum at the start of `file`, when the checksum matches it: read straight into the checksum's
 * memory and returned as a view of it (no copy). Undefined when the file cannot be read, is damaged or WebAssembly
 * is not available.
 */
export function readChecked(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    if (size <= CHECKSUM_BYTES) return undefined;
    const h = hasher(size);
    if (h === undefined) return undefined;
    for (let read = 0; read < size; ) {
      const n = readSync(fd, h.memory, read, size - read, read);
      if (n === 0) return undefined; // shorter than it was a moment ago
      read += n;
    }
    const body = size - CHECKSUM_BYTES;
    if (!h.checksum(CHECKSUM_BYTES, body).equals(h.memory.subarray(0, CHECKSUM_BYTES))) return undefined;
    return Buffer.from(h.memory.buffer, CHECKSUM_BYTES, body);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
