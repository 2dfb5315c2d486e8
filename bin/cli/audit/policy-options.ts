/**
 * The policy for `token-guard audit`: the pack's policy object (`TokenGuardPolicyInput`), layered as
 * defaults ← `--config <file>` ← flags (`--cannot-tell`, `--rule Id=level`). Each layer is validated on its own,
 * so a bad value is one line naming the setting and where it came from.
 *
 * The config file is JSON or YAML holding the policy object itself, or a `cdk.json` whose context key
 * `cdk-token-guard:policy` holds it (so the CLI and the pack can share one file).
 */
import { resolve } from 'node:path';
import { POLICY_CONTEXT_KEY, PolicyError, resolvePolicy, type PolicyLayer, type TokenGuardPolicy } from '../../../rules/engine/policy';
import { RULE_IDS } from '../../../rules/registry';
import { InputError } from '../input-error';
import { resolveLimits } from '../limits';
import { readTextFile } from '../read-file';
import { parseSource } from '../source';
import { UsageError } from '../io';

/** Config files are small; anything bigger is a mistake (a template given as --config?). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface PolicyFlags {
  readonly config?: string;
  readonly cannotTell?: string;
  /** `Id=level` */
  readonly rule?: readonly string[];
}

/** Throws UsageError with one line. */
export function policyFromOptions(flags: PolicyFlags, cwd: string): TokenGuardPolicy {
  const layers: PolicyLayer[] = [];
  if (flags.config !== undefined) {
    layers.push({ source: `config file ${flags.config}`, input: readConfig(flags.config, cwd) });
  }
  const fromFlags: Record<string, unknown> = {};
  if (flags.cannotTell !== undefined) fromFlags.cannotTell = flags.cannotTell;
  if (flags.rule !== undefined && flags.rule.length > 0) {
    const rules: Record<string, string> = {};
    for (const item of flags.rule) {
      const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(item);
      if (match === null) throw new UsageError(`--rule ${JSON.stringify(item)}: expected <rule id>=<error|warning|off>, e.g. --rule TokenGuard-COG8=off`);
      rules[match[1].replace(/^TokenGuard::/, '')] = match[2];
    }
    fromFlags.rules = rules;
  }
  if (Object.keys(fromFlags).length > 0) layers.push({ source: 'command-line flags', input: fromFlags });
  try {
    return resolvePolicy(layers, RULE_IDS);
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(error.message);
    throw error;
  }
}

function readConfig(file: string, cwd: string): unknown {
  const resolved = resolve(cwd, file);
  let value: unknown;
  try {
    const text = readTextFile(resolved, MAX_CONFIG_BYTES);
    const isYaml = /\.ya?ml$/i.test(file) || !/^\s*\{/.test(text);
    value = parseSource(file, text, isYaml ? 'yaml' : 'json', resolveLimits()).value;
  } catch (error) {
    if (error instanceof InputError) {
      // Messages name the path as resolved; show it as given.
      throw new UsageError(`config file ${error.message.startsWith(resolved) ? file + error.message.slice(resolved.length) : error.message}`);
    }
    throw error;
  }
  // A cdk.json: the policy is under context["cdk-token-guard:policy"].
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'context' in value) {
    const context = (value as { context: unknown }).context;
    if (context !== null && typeof context === 'object' && POLICY_CONTEXT_KEY in context) {
      return (context as Record<string, unknown>)[POLICY_CONTEXT_KEY];
    }
    throw new UsageError(`config file ${file}: has a "context" section (a cdk.json?) but no "${POLICY_CONTEXT_KEY}" key in it`);
  }
  return value;
}

/** `--parameter Name=Value` (repeatable) into a map. */
export function parametersFromOptions(items: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const at = item.indexOf('=');
    const name = at === -1 ? '' : item.slice(0, at).trim();
    if (!/^[A-Za-z0-9]+$/.test(name)) {
      throw new UsageError(`--parameter ${JSON.stringify(item)}: expected <ParameterName>=<value> (parameter names are alphanumeric), e.g. --parameter Stage=prod`);
    }
    out[name] = item.slice(at + 1);
  }
  return out;
}
