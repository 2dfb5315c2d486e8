/**
 * The policy: every threshold and level the rules use, in one typed object with documented defaults.
 *
 * It is set in layers, each validated on its own so an error names where the bad value came from:
 * defaults ← `cdk.json` context key {@link POLICY_CONTEXT_KEY} ← pack props (or, for the CLI, its config file ←
 * its flags).
 */
import type { Severity } from './types';

export interface LifetimeThresholds {
  /** Above this, a finding is a warning. */
  readonly warnAbove: number;
  /** Above this, a finding is an error. Must not be below `warnAbove`. */
  readonly errorAbove: number;
}

/** A setting with a target only: above it, a finding is a warning. */
export interface TargetThreshold {
  /** Above this, a finding is a warning. */
  readonly warnAbove: number;
}

/** `'error'`, `'warning'` or `'off'`: the level a policy gives a rule. */
export type RuleLevel = Severity | 'off';

/** The policy in force: every threshold and level the rules use. */
export interface TokenGuardPolicy {
  /**
   * Access token lifetime, in minutes.
   * @default { warnAbove: 15, errorAbove: 60 }
   */
  readonly accessTokenMinutes: LifetimeThresholds;
  /**
   * ID token lifetime, in minutes.
   * @default { warnAbove: 15, errorAbove: 60 }
   */
  readonly idTokenMinutes: LifetimeThresholds;
  /**
   * Refresh token lifetime, in days.
   * @default { warnAbove: 7, errorAbove: 30 }
   */
  readonly refreshTokenDays: LifetimeThresholds;
  /**
   * Sign-in session (`AuthSessionValidity`) lifetime, in minutes.
   * @default { warnAbove: 5 }
   */
  readonly authSessionMinutes: TargetThreshold;
  /**
   * Secrets Manager rotation interval, in days.
   * @default { warnAbove: 30 }
   */
  readonly secretRotationDays: TargetThreshold;
  /**
   * Level of "cannot tell" findings (a value that cannot be known statically): `'warning'` or `'error'`.
   * @default 'warning'
   */
  readonly cannotTell: Severity;
  /**
   * Level overrides by rule id: `'error'`, `'warning'` or `'off'`. A threshold rule set to `'warning'` never
   * reports an error; set to `'error'` it reports its warnings as errors.
   * @default {} (every rule at its own level)
   */
  readonly rules: { readonly [ruleId: string]: RuleLevel };
}

/** Lifetime thresholds to change; the ones left out keep their value. */
export interface LifetimeThresholdsInput {
  /**
   * Above this, a finding is a warning.
   * @default - unchanged
   */
  readonly warnAbove?: number;
  /**
   * Above this, a finding is an error. Must not be below `warnAbove`.
   * @default - unchanged
   */
  readonly errorAbove?: number;
}

/** A target to change. */
export interface TargetThresholdInput {
  /**
   * Above this, a finding is a warning.
   * @default - unchanged
   */
  readonly warnAbove?: number;
}

/**
 * Policy settings to layer over the defaults (or over the `cdk.json` context's settings): any subset, and within a
 * threshold any of its values. Each is validated when it is given, and a bad one fails with one line naming it.
 */
export interface TokenGuardPolicyInput {
  /**
   * Access token lifetime, in minutes (5 to 1440).
   * @default { warnAbove: 15, errorAbove: 60 }
   */
  readonly accessTokenMinutes?: LifetimeThresholdsInput;
  /**
   * ID token lifetime, in minutes (5 to 1440).
   * @default { warnAbove: 15, errorAbove: 60 }
   */
  readonly idTokenMinutes?: LifetimeThresholdsInput;
  /**
   * Refresh token lifetime, in days (1/24 to 3650).
   * @default { warnAbove: 7, errorAbove: 30 }
   */
  readonly refreshTokenDays?: LifetimeThresholdsInput;
  /**
   * Sign-in session (`AuthSessionValidity`) lifetime, in minutes (3 to 15).
   * @default { warnAbove: 5 }
   */
  readonly authSessionMinutes?: TargetThresholdInput;
  /**
   * Secrets Manager rotation interval, in days (1/6 to 1000).
   * @default { warnAbove: 30 }
   */
  readonly secretRotationDays?: TargetThresholdInput;
  /**
   * Level of "cannot tell" findings: `'warning'` or `'error'`.
   * @default 'warning'
   */
  readonly cannotTell?: Severity;
  /**
   * Level overrides by rule id (`'TokenGuard-COG8'`): `'error'`, `'warning'` or `'off'`.
   * @default {} (every rule at its own level)
   */
  readonly rules?: { readonly [ruleId: string]: RuleLevel };
}

/** The `cdk.json` context key that holds a {@link TokenGuardPolicyInput}. */
export const POLICY_CONTEXT_KEY = 'cdk-token-guard:policy';

export const DEFAULT_POLICY: TokenGuardPolicy = Object.freeze({
  accessTokenMinutes: Object.freeze({ warnAbove: 15, errorAbove: 60 }),
  idTokenMinutes: Object.freeze({ warnAbove: 15, errorAbove: 60 }),
  refreshTokenDays: Object.freeze({ warnAbove: 7, errorAbove: 30 }),
  authSessionMinutes: Object.freeze({ warnAbove: 5 }),
  secretRotationDays: Object.freeze({ warnAbove: 30 }),
  cannotTell: 'warning',
  rules: Object.freeze({}),
});

/** Why each default is what it is; RULES.md prints these next to the defaults. */
export const POLICY_JUSTIFICATIONS: Record<keyof TokenGuardPolicy, string> = {
  accessTokenMinutes:
    'A revoked grant leaves already-issued access tokens valid until they expire (Cognito JWTs verify locally), so the access-token lifetime is the exposure after revocation. 15 minutes is a common upper bound for bearer tokens without sender constraint; 60 minutes is Cognito\'s own default, so anything longer was chosen on purpose and fails.',
  idTokenMinutes:
    'ID tokens are frequently accepted as bearer tokens by Cognito authorizers, so they get the access-token limits.',
  refreshTokenDays:
    'Cognito\'s default is 30 days and NIST SP 800-63B asks even AAL1 sessions to re-authenticate within 30 days, so longer grants (Cognito allows 10 years) fail. A week is the target for integrations acting for a user: with rotation on, a broker that refreshes regularly never needs more.',
  authSessionMinutes:
    'Cognito\'s default is 3 minutes and its maximum 15; a sign-in step rarely needs more than 5.',
  secretRotationDays:
    '30 days matches cdk-nag\'s and AWS Config\'s common rotation checks and CDK\'s default schedule; a vault holding a refresh token should rotate well inside the grant\'s lifetime.',
  cannotTell:
    'A value that cannot be known statically is reported, never passed; as a warning by default so that parameterised templates stay deployable while the finding is visible.',
  rules: 'Every rule starts at its documented level; teams tighten or relax one rule at a time, in reviewed configuration.',
};

/** A policy value that is out of range, of the wrong type, or unknown. The message names the setting and source. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

interface Range {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

/** Allowed ranges follow what Cognito and Secrets Manager themselves accept. */
const THRESHOLD_RANGES: Record<string, Range> = {
  accessTokenMinutes: { min: 5, max: 1440, unit: 'minutes' },
  idTokenMinutes: { min: 5, max: 1440, unit: 'minutes' },
  refreshTokenDays: { min: 1 / 24, max: 3650, unit: 'days' },
  authSessionMinutes: { min: 3, max: 15, unit: 'minutes' },
  secretRotationDays: { min: 1 / 6, max: 1000, unit: 'days' },
};

const TWO_LEVEL = new Set(['accessTokenMinutes', 'idTokenMinutes', 'refreshTokenDays']);

export interface PolicyLayer {
  /** Where this layer comes from, for error messages, e.g. `pack props` or `config file policy.json`. */
  readonly source: string;
  readonly input: unknown;
}

/**
 * Validates each layer and merges them over the defaults, later layers winning.
 * @param knownRuleIds rule ids accepted as keys of `rules`
 */
export function resolvePolicy(layers: readonly PolicyLayer[], knownRuleIds: ReadonlySet<string>): TokenGuardPolicy {
  let policy: TokenGuardPolicy = DEFAULT_POLICY;
  for (const layer of layers) {
    if (layer.input === undefined || layer.input === null) continue;
    policy = mergeLayer(policy, layer, knownRuleIds);
  }
  for (const key of TWO_LEVEL) {
    const t = policy[key as 'accessTokenMinutes'];
    if (t.warnAbove > t.errorAbove) {
      throw new PolicyError(
        `cdk-token-guard policy: ${key}.warnAbove (${t.warnAbove}) must not be greater than ${key}.errorAbove (${t.errorAbove})`,
      );
    }
  }
  return policy;
}

function mergeLayer(base: TokenGuardPolicy, layer: PolicyLayer, knownRuleIds: ReadonlySet<string>): TokenGuardPolicy {
  const fail = (what: string): never => {
    throw new PolicyError(`cdk-token-guard policy (${layer.source}): ${what}`);
  };
  const input = layer.input;
  if (typeof input !== 'object' || Array.isArray(input)) fail(`must be an object; got ${describe(input)}`);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key in THRESHOLD_RANGES) {
      const range = THRESHOLD_RANGES[key];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        fail(`${key} must be an object like ${JSON.stringify((DEFAULT_POLICY as unknown as Record<string, unknown>)[key])}; got ${describe(value)}`);
      }
      const allowed = TWO_LEVEL.has(key) ? ['warnAbove', 'errorAbove'] : ['warnAbove'];
      const merged: Record<string, number> = { ...(base as unknown as Record<string, Record<string, number>>)[key] };
      for (const [sub, n] of Object.entries(value as Record<string, unknown>)) {
        if (!allowed.includes(sub)) fail(`unknown setting ${key}.${sub}; ${key} takes ${allowed.join(' and ')}`);
        if (typeof n !== 'number' || !Number.isFinite(n) || n < range.min || n > range.max) {
          fail(`${key}.${sub} must be a number of ${range.unit} between ${fmt(range.min)} and ${fmt(range.max)}; got ${describe(n)}`);
        }
        merged[sub] = n as number;
      }
      out[key] = Object.freeze(merged);
    } else if (key === 'cannotTell') {
      if (value !== 'warning' && value !== 'error') fail(`cannotTell must be "warning" or "error"; got ${describe(value)}`);
      out.cannotTell = value;
    } else if (key === 'rules') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        fail(`rules must be an object of rule id to "error", "warning" or "off"; got ${describe(value)}`);
      }
      const rules: Record<string, RuleLevel> = { ...base.rules };
      for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
        if (!knownRuleIds.has(id)) fail(`rules.${id}: unknown rule id; known ids are ${[...knownRuleIds].sort().join(', ')}`);
        if (level !== 'error' && level !== 'warning' && level !== 'off') {
          fail(`rules.${id} must be "error", "warning" or "off"; got ${describe(level)}`);
        }
        rules[id] = level as RuleLevel;
      }
      out.rules = Object.freeze(rules);
    } else {
      fail(`unknown setting "${key}"; known settings are ${Object.keys(DEFAULT_POLICY).join(', ')}`);
    }
  }
  return Object.freeze(out) as unknown as TokenGuardPolicy;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '');
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}
