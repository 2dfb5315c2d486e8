/** The compile cache's checksum (bin/cli/checksum.ts): its WebAssembly module against FNV-1a written out with BigInt. */
import { checksum, CHECKSUM_BYTES } from '../../bin/cli/checksum';
import { seededRandom } from '../seeded-random';

/** 64-bit FNV-1a over little-endian 8-byte words (the last one zero-padded), seeded with the length. */
function reference(data: Uint8Array): Buffer {
  const padded = Buffer.alloc(Math.ceil(data.length / 8) * 8);
  padded.set(data);
  let hash = BigInt.asUintN(64, 0xcbf29ce484222325n ^ BigInt(data.length));
  for (let i = 0; i < padded.length; i += 8) hash = BigInt.asUintN(64, (hash ^ padded.readBigUInt64LE(i)) * 0x100000001b3n);
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(hash);
  return out;
}

describe('the compile cache checksum', () => {
  const random = seededRandom(7);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));

  it.each([0, 1, 7, 8, 9, 1000, 65_535, 65_536, 65_537, 400_001])('is 64-bit FNV-1a over words for %i bytes, across memory pages', (n) => {
    const data = bytes(n);
    expect(checksum(data)).toEqual(reference(data));
    expect(checksum(data)).toHaveLength(CHECKSUM_BYTES);
  });

  it('changes with any changed byte, and with trailing zeros added', () => {
    const data = bytes(5000);
    const before = checksum(data)!;
    for (const at of [0, 7, 2500, 4999]) {
      const changed = Buffer.from(data);
      changed[at] ^= 0x01;
      expect(checksum(changed)!.equals(before)).toBe(false);
    }
    expect(checksum(Buffer.concat([data, Buffer.alloc(3)]))!.equals(before)).toBe(false);
  });
});
