/** The compile cache's checksum (bin/cli/checksum.ts): its WebAssembly module against the same hash written with BigInt. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checksum, CHECKSUM_BYTES, readChecked } from '../../bin/cli/checksum';
import { seededRandom } from '../seeded-random';
import { tempDir } from './helpers';

const P = 0x100000001b3n;
const u64 = (x: bigint) => BigInt.asUintN(64, x);

/** 64-bit FNV-1a in four lanes over 32-byte blocks (the last zero-padded), seeded with the length, lanes folded in order. */
function reference(data: Uint8Array): Buffer {
  const padded = Buffer.alloc(Math.ceil(data.length / 32) * 32);
  padded.set(data);
  const lanes = Array.from({ length: 4 }, () => u64(0xcbf29ce484222325n ^ BigInt(data.length)));
  for (let i = 0; i < padded.length; i += 32) {
    for (let l = 0; l < 4; l++) lanes[l] = u64((lanes[l] ^ padded.readBigUInt64LE(i + 8 * l)) * P);
  }
  let hash = lanes[0];
  for (let l = 1; l < 4; l++) hash = u64((hash ^ lanes[l]) * P);
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(hash);
  return out;
}

describe('the compile cache checksum', () => {
  const random = seededRandom(7);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const tmp = tempDir('tg-checksum-');
  afterAll(() => tmp.cleanup());

  it.each([0, 1, 7, 8, 9, 31, 32, 33, 1000, 65_535, 65_536, 65_537, 400_001])('is the four-lane FNV-1a for %i bytes, across memory pages', (n) => {
    const data = bytes(n);
    expect(checksum(data)).toEqual(reference(data));
    expect(checksum(data)).toHaveLength(CHECKSUM_BYTES);
  });

  it('changes with any changed byte, and with trailing zeros added', () => {
    const data = bytes(5000);
    const before = checksum(data)!;
    for (const at of [0, 7, 8, 15, 16, 24, 31, 2500, 4999]) {
      const changed = Buffer.from(data);
      changed[at] ^= 0x01;
      expect(checksum(changed)!.equals(before)).toBe(false);
    }
    expect(checksum(Buffer.concat([data, Buffer.alloc(3)]))!.equals(before)).toBe(false);
  });

  it('reads back what follows a matching checksum, and nothing from a damaged, short or missing file', () => {
    const body = bytes(70_000);
    const file = path.join(tmp.dir, 'cache');
    fs.writeFileSync(file, Buffer.concat([checksum(body)!, body]));
    expect(readChecked(file)?.equals(body)).toBe(true);
    const damaged = Buffer.concat([checksum(body)!, body]);
    damaged[40_000] ^= 0x20;
    fs.writeFileSync(file, damaged);
    expect(readChecked(file)).toBeUndefined();
    fs.writeFileSync(file, Buffer.concat([checksum(body)!, body]).subarray(0, 50_000));
    expect(readChecked(file)).toBeUndefined();
    fs.writeFileSync(file, Buffer.alloc(CHECKSUM_BYTES));
    expect(readChecked(file)).toBeUndefined();
    expect(readChecked(path.join(tmp.dir, 'missing'))).toBeUndefined();
  });
});
