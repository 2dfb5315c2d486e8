#!/usr/bin/env node
/**
 * The `token-guard` command. Subcommands live in bin/cli/commands/*.ts and register themselves below, one line each.
 * scripts/build.js bundles this file and what it imports into the package's `bin`, dist/bin/token-guard.js.
 *
 * `main(argv, io)` runs a whole command line in-process and returns the exit code; it never calls process.exit
 * and never lets an exception out. Every problem is one line on stderr: usage and input errors exit 2, an
 * output that cannot be written exits 74; an unexpected exception (a bug) exits 70 with a hint to report it
 * (TOKEN_GUARD_DEBUG=1 adds the stack trace). Node.js's own error texts are never printed: system errors in our words.
 */
import { Command, CommanderError, type OutputConfiguration } from 'commander';
import { registerAudit } from './cli/commands/audit';
import { registerRevoke, registerSeed } from './cli/commands/register-aws';
import { EXIT, OutputError, UsageError, processIo, type CliIo, type CommandContext } from './cli/io';
import { describeError, oneLine } from './cli/input-error';
import { packageInfo } from './cli/package-info';

export const ISSUES_HINT = 'this is a bug in token-guard: please report it with the command line that caused it';

export function buildProgram(ctx: CommandContext): Command {
  const { io } = ctx;
  const program = new Command('token-guard')
    .description('Keep OAuth refresh tokens rare, protected and revocable: audit templates against the TokenGuard rules.')
    .version(packageInfo().version, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput(output(io, 'token-guard --help'));

  registerAudit(program, ctx);
  registerSeed(program, ctx);
  registerRevoke(program, ctx);

  for (const command of program.commands) command.configureOutput(output(io, `token-guard ${command.name()} --help`));
  return program;
}

/** Help to stdout, errors to stderr; commander's "error: …" (a suggestion may follow on a second line) as one line. */
function output(io: CliIo, help: string): OutputConfiguration {
  return {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    outputError: (text, write) => write(`token-guard: ${oneLine(text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' '), 600)} (see ${help})\n`),
    getOutHelpWidth: () => io.stdout.columns ?? 100,
    getErrHelpWidth: () => io.stderr.columns ?? 100,
  };
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const ctx: CommandContext = { io, setExitCode: (code) => (exitCode = code) };
  try {
    const program = buildProgram(ctx);
    if (argv.length === 0) {
      io.stderr.write(program.helpInformation());
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`token-guard: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof OutputError) return reportOutputError(error, io);
    return reportInternalError(error, io);
  }
}

function reportOutputError(error: OutputError, io: CliIo): number {
  try {
    io.stderr.write(`token-guard: ${error.message}\n`);
  } catch {
    // standard error is what failed: the exit code says it
  }
  return EXIT.output;
}

function reportInternalError(error: unknown, io: CliIo): number {
  if (error instanceof OutputError) return reportOutputError(error, io);
  io.stderr.write(`token-guard: internal error: ${describeError(error)}; ${ISSUES_HINT} (TOKEN_GUARD_DEBUG=1 shows the stack trace)\n`);
  if (io.env.TOKEN_GUARD_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

/** Runs this process's command line (`process.argv`) and sets its exit code. */
export function run(): void {
  let finished = false;
  // `token-guard audit … | head`: a closed pipe ends the output, not the process with a stack trace.
  const io = processIo(() => process.exit(process.exitCode ?? 0));
  const fail = (error: unknown) => {
    if (finished) return;
    finished = true;
    process.exitCode = reportInternalError(error, io);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  main(process.argv.slice(2), io).then(
    (code) => {
      finished = true;
      process.exitCode = code;
    },
    fail,
  );
}

if (require.main === module) run();
