/** Standard output and error as the binary writes them (bin/cli/io.ts): to the descriptor, a stream only when it must. */
// The module object itself (not an import's copy of it), whose writeSync io.ts reads at each call.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import fs = require('node:fs');
import { Readable } from 'node:stream';
import { descriptorStream, readLimited } from '../../bin/cli/io';

describe('output written to a descriptor', () => {
  let calls: Array<{ data: string; from: number }>;
  let plan: Array<number | string>; // per call: how many bytes the descriptor takes, or the error code it fails with
  beforeEach(() => {
    calls = [];
    plan = [];
    jest.spyOn(fs, 'writeSync').mockImplementation(((_fd: number, data: string | Buffer, offset?: number) => {
      const text = typeof data === 'string' ? data : data.subarray(offset ?? 0).toString('utf8');
      calls.push({ data: text, from: typeof data === 'string' ? 0 : (offset ?? 0) });
      const step = plan.shift() ?? Buffer.byteLength(text);
      if (typeof step === 'string') throw Object.assign(new Error(step), { code: step });
      return Math.min(step, Buffer.byteLength(text));
    }) as typeof fs.writeSync);
  });
  afterEach(() => jest.restoreAllMocks());

  const streamThatRecords = () => {
    const written: string[] = [];
    return { written, stream: () => ({ write: (chunk: string | Buffer) => written.push(chunk.toString()) }) as unknown as NodeJS.WriteStream };
  };

  it('writes a string whole, without a stream', () => {
    const { written, stream } = streamThatRecords();
    descriptorStream(1, stream, () => undefined).write('{"findings": []}\n');
    expect(calls).toEqual([{ data: '{"findings": []}\n', from: 0 }]);
    expect(written).toEqual([]);
  });

  it('goes on from where a short write stopped, counting bytes, not characters', () => {
    plan = [5, 4]; // 'ab→' is five bytes; 'cdé' four
    const { written, stream } = streamThatRecords();
    descriptorStream(1, stream, () => undefined).write('ab→cdéf');
    expect(calls.map((c) => c.from)).toEqual([0, 5, 9]);
    expect(calls.map((c) => c.data)).toEqual(['ab→cdéf', 'cdéf', 'f']);
    expect(written).toEqual([]);
  });

  it('hands the rest, and everything after it, to the stream when the descriptor would block', () => {
    plan = [4, 'EAGAIN'];
    const { written, stream } = streamThatRecords();
    const out = descriptorStream(1, stream, () => undefined);
    out.write('abcdefgh');
    out.write('next');
    expect(written).toEqual(['efgh', 'next']);
    plan = ['EAGAIN'];
    const other = streamThatRecords();
    descriptorStream(2, other.stream, () => undefined).write('whole');
    expect(other.written).toEqual(['whole']);
  });

  it('stops writing, once, when the reader has gone (EPIPE), and lets other errors through', () => {
    plan = ['EPIPE'];
    const closed = jest.fn();
    const { written, stream } = streamThatRecords();
    const out = descriptorStream(1, stream, closed);
    out.write('one');
    out.write('two');
    expect([calls.length, closed.mock.calls.length, written]).toEqual([1, 1, []]);
    plan = ['EIO'];
    expect(() => descriptorStream(1, stream, closed).write('x')).toThrow('EIO');
  });
});

describe('standard input, counted while it is read', () => {
  /** An endless stream of zeros in 16 KiB chunks that counts what was taken from it. */
  const endless = () => {
    let produced = 0;
    const stream = new Readable({
      read() {
        produced += 16 * 1024;
        this.push(Buffer.alloc(16 * 1024));
      },
    });
    return { stream, produced: () => produced };
  };

  it('stops reading past the limit and says so, having read no more than the limit and a few chunks', async () => {
    const input = endless();
    await expect(readLimited(input.stream, 1024 * 1024)).resolves.toBeUndefined();
    expect(input.produced()).toBeLessThanOrEqual(1024 * 1024 + 4 * 16 * 1024);
    expect(input.stream.destroyed).toBe(true);
  });

  it('gives the whole input when it is within the limit, the limit itself included', async () => {
    await expect(readLimited(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4)).resolves.toEqual(Buffer.from('abcd'));
    await expect(readLimited(Readable.from([Buffer.from('ab'), Buffer.from('cde')]), 4)).resolves.toBeUndefined();
  });
});
