/** Standard output and error as the binary writes them (bin/cli/io.ts): through node's streams, errors in one line. */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { OutputError, processStream, readLimited } from '../../bin/cli/io';

describe('output written through a stream', () => {
  /** A stream that takes what is written, and fails a write as planned (an error code), as node's stdio does: at once. */
  const stream = (plan: Array<string | undefined>) => {
    const fake = Object.assign(new EventEmitter(), {
      written: [] as string[],
      errored: null as Error | null,
      write(text: string) {
        fake.written.push(text);
        const code = plan.shift();
        if (code !== undefined) fake.errored ??= Object.assign(new Error(code), { code });
        return true;
      },
    });
    return fake;
  };

  it('writes each text whole', () => {
    const out = stream([]);
    const io = processStream(out as unknown as NodeJS.WriteStream, 'output', () => undefined);
    io.write('{"findings": []}\n');
    io.write('ab→cdéf');
    expect(out.written).toEqual(['{"findings": []}\n', 'ab→cdéf']);
  });

  it('calls closed when the reader has gone (EPIPE), at the write or later, and throws nothing', () => {
    const closed = jest.fn();
    const out = stream(['EPIPE']);
    expect(() => processStream(out as unknown as NodeJS.WriteStream, 'output', closed).write('one')).not.toThrow();
    expect(closed).toHaveBeenCalledTimes(1);
    const later = stream([]);
    processStream(later as unknown as NodeJS.WriteStream, 'output', closed).write('two');
    later.emit('error', Object.assign(new Error('EPIPE'), { code: 'EPIPE' }));
    expect(closed).toHaveBeenCalledTimes(2);
  });

  it('throws one line in our words for any other error (a full disk, /dev/full)', () => {
    const write = () => processStream(stream(['ENOSPC']) as unknown as NodeJS.WriteStream, 'output', () => undefined).write('x');
    expect(write).toThrow(OutputError);
    expect(write).toThrow('cannot write to standard output: no space left on the device (ENOSPC)');
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
