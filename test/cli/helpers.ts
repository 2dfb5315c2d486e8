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

/** Runs `fn`, expects an InputError, and returns it. */
export function expectInputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw new Error(`expected an InputError, got ${String((error as Error)?.stack ?? error)}`);
  }
  throw new Error('expected an InputError, got no error');
}

/** A tiny valid template body for tests that need one. */
export const MINIMAL_JSON = '{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}';
export const MINIMAL_YAML = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n';

/** Deterministic PRNG for fuzz-style tests. */
export { seededRandom as random } from '../seeded-random';
