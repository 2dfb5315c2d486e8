/** The compile-cache loader's choices that need no built binary; the binary's use of it is in audit/binary.test.ts. */
import * as os from 'node:os';
import * as path from 'node:path';
import { CACHED_COMMANDS, cacheDirectory } from '../../bin/cli/compile-cache';
import type { CliIo } from '../../bin/cli/io';
import { buildProgram } from '../../bin/token-guard';

describe('the compile cache', () => {
  it('has a cache of its own for each subcommand', () => {
    const program = buildProgram({ io: {} as CliIo, setExitCode: () => undefined });
    expect([...CACHED_COMMANDS].sort()).toEqual(program.commands.map((c) => c.name()).sort());
  });

  it('lives in TOKEN_GUARD_CACHE_DIR, else in $XDG_CACHE_HOME/token-guard', () => {
    expect(cacheDirectory({ TOKEN_GUARD_CACHE_DIR: 'relative', XDG_CACHE_HOME: '/xdg' })).toBe(path.resolve('relative'));
    expect(cacheDirectory({ XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'token-guard'));
  });

  (process.platform === 'linux' ? it : it.skip)('else in ~/.cache/token-guard on Linux (a relative XDG_CACHE_HOME is ignored, as the spec says)', () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: 'relative' })).toBe(path.join(os.homedir(), '.cache', 'token-guard'));
  });
});
