/**
 * `token-guard audit <paths…>`: the rules over CloudFormation, SAM and cdk.out templates (README.md, "Audit CLI").
 *
 * The flags are defined here, the work is in ../audit/run.ts. Both are imported statically: the CLI is one bundle,
 * and a module loaded with `require` would make the bundler wrap it and everything it imports in a function of its
 * own, which V8 then parses twice (about 20 M instructions on every audit; `--help` pays some 8 M to set up the rules).
 * The YAML reader is still loaded with the first YAML file, and node:crypto with the first SARIF fingerprint.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_LIMITS, MAX_DEPTH_CAP, type LoadLimits } from '../limits';
import type { CommandContext } from '../io';
import { parametersFromOptions, policyFromOptions, type PolicyFlags } from '../audit/policy-options';
import { runAudit, type AuditRun } from '../audit/run';

type AuditFlags = Pick<AuditRun, 'format' | 'output' | 'failOn'> &
  PolicyFlags &
  LoadLimits & {
    readonly parameter: string[];
    /** `--color <when>`; `--no-color` makes it false. */
    readonly color?: AuditRun['colour'] | false;
    readonly verbose?: boolean;
  };

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerAudit(program: Command, ctx: CommandContext): void {
  program
    .command('audit')
    .description('audit CloudFormation and SAM templates and CDK cloud assemblies (cdk.out) against the TokenGuard rules')
    .argument('<paths...>', 'template files (JSON or YAML), cdk.out directories, directories to search, or - for standard input')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-o, --output <file>', 'write the report to this file (atomically) instead of standard output')
    .addOption(new Option('--fail-on <level>', 'findings that make the exit code 1').choices(['error', 'warning', 'none']).default('error'))
    .option('-c, --config <file>', 'policy file: JSON or YAML with the policy object of the pack, or a cdk.json holding it under "cdk-token-guard:policy"')
    .addOption(new Option('--cannot-tell <level>', 'level of findings whose value cannot be known statically').choices(['warning', 'error']))
    .option('--rule <id=level>', 'set one rule to error, warning or off, e.g. TokenGuard-COG8=off (repeatable)', collect, [])
    .option('-p, --parameter <name=value>', 'audit as if the template parameter had this value (repeatable)', collect, [])
    .option('--max-bytes <size>', `largest template file to read, e.g. 10MiB (default ${DEFAULT_LIMITS.maxBytes / 1024 / 1024}MiB)`, parseSize)
    .option('--max-depth <levels>', `deepest nesting accepted (default ${DEFAULT_LIMITS.maxDepth}, at most ${MAX_DEPTH_CAP})`, parseDepth)
    .addOption(new Option('--duplicate-keys <mode>', 'a key twice in one mapping: reject the file, or keep the last as CloudFormation does').choices(['error', 'last-wins']))
    .addOption(new Option('--color <when>', 'colour the text report and summary').choices(['auto', 'always', 'never']))
    .option('--no-color', 'same as --color never (NO_COLOR is honoured too)')
    .option('-v, --verbose', 'say which files were skipped and why, and list suppressed findings')
    .addHelpText(
      'after',
      `
Exit codes: 0 no error findings; 1 error findings (with --fail-on warning, warnings too); 2 usage, config or input
error (the other inputs are still audited); 70 internal error (a bug: please report it); 74 the report could not be
written to standard output.

Suppress a finding in the template with a reason of at least ten characters:
  Metadata: { cdk-token-guard: { suppress: [ { id: TokenGuard-COG3, reason: "…" } ] } }
or cdk-nag's Metadata.cdk_nag.rules_to_suppress. See README.md and RULES.md.

Examples:
  token-guard audit template.yaml
  token-guard audit cdk.out --format sarif --output token-guard.sarif
  token-guard audit infra/ --config token-guard.json --rule TokenGuard-COG8=off --fail-on warning`,
    )
    .action(async (paths: string[], flags: AuditFlags) => {
      const code = await runAudit(
        {
          paths,
          format: flags.format,
          output: flags.output,
          failOn: flags.failOn,
          verbose: flags.verbose === true,
          colour: flags.color === false ? 'never' : (flags.color ?? 'auto'),
          limits: { maxBytes: flags.maxBytes, maxDepth: flags.maxDepth, duplicateKeys: flags.duplicateKeys },
          policy: policyFromOptions(flags, ctx.io.cwd),
          parameters: parametersFromOptions(flags.parameter),
        },
        ctx.io,
      );
      ctx.setExitCode(code);
    });
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3 };

/** `5242880`, `512KiB`, `10MB`, `10M` → bytes. */
export function parseSize(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  const bytes = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new InvalidArgumentError('expected a size such as 5242880, 512KiB or 10MiB');
  return bytes;
}

function parseDepth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 || n > MAX_DEPTH_CAP) throw new InvalidArgumentError(`expected a whole number from 2 to ${MAX_DEPTH_CAP}`);
  return n;
}
