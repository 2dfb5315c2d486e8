/** Small helpers shared by the input-layer tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../../bin/cli/input-error';

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'tg-loader-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      // chmod 000 leftovers would make rmSync fail for non-root users.
      try {
        fs.chmodSync(dir, 0o755);
      } catch {
        /* ignore */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Runs `fn`, expects an InputError, and returns it with the time it took. */
export function expectInputError(fn: () => unknown): InputError & { elapsedMs: number } {
  const started = process.hrtime.bigint();
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (!(caught instanceof InputError)) {
    throw new Error(`expected an InputError, got ${caught === undefined ? 'no error' : String((caught as Error)?.stack ?? caught)}`);
  }
  return Object.assign(caught, { elapsedMs });
}

/** A tiny valid template body for tests that need one. */
export const MINIMAL_JSON = '{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}';
export const MINIMAL_YAML = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n';

/** Deterministic PRNG for fuzz-style tests. */
export { seededRandom as random } from '../seeded-random';
