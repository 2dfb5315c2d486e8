/**
 * The constructs' side of the one policy object: the same `TokenGuardPolicy` the rules use, read from the
 * construct's context (`cdk.json` key `cdk-token-guard:policy`) with an optional `policy` prop layered on top, and
 * the checks that turn a prop beyond the policy into a synth-time error that names the prop, the value and the limit.
 */
import { Annotations, Duration, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { contextPolicy } from '../../rules/context-policy';
import type { TokenGuardPolicy, TokenGuardPolicyInput } from '../../rules/engine/policy';

/**
 * A construct prop that the construct or the policy does not allow. Thrown while the app is being built, like
 * aws-cdk-lib's own L2 validation errors; the message starts with the construct type and the prop.
 */
export class TokenGuardValidationError extends Error {
  /** Path of the construct whose props were rejected. */
  public readonly constructPath: string;
  constructor(message: string, scope: IConstruct) {
    super(message);
    this.name = 'ValidationError';
    this.constructPath = scope.node.path;
  }
}

/** The effective policy for a construct: defaults ← context ← the construct's `policy` prop. */
export function constructPolicy(scope: IConstruct, kind: string, input: TokenGuardPolicyInput | undefined): TokenGuardPolicy {
  return contextPolicy(scope, `${kind} policy prop`, input);
}

/** Reads a Duration prop, refusing unresolved tokens: the policy can only be enforced on a known value. */
export function knownDuration(scope: IConstruct, kind: string, prop: string, d: Duration): Duration {
  if (Token.isUnresolved(d.toSeconds({ integral: false }))) {
    throw new TokenGuardValidationError(`${kind} ${prop}: must be a known duration, not a token, so the policy can be checked at synth`, scope);
  }
  return d;
}

interface LimitCheck {
  readonly scope: IConstruct;
  /** e.g. `DelegatedClient` */
  readonly kind: string;
  /** e.g. `accessTokenValidity` */
  readonly prop: string;
  readonly value: Duration;
  /** e.g. `accessTokenMinutes` */
  readonly setting: string;
  readonly unit: 'minutes' | 'days';
  readonly errorAbove?: number;
  readonly warnAbove?: number;
}

/**
 * Throws when `value` is above the policy's error ceiling; adds a warning (acknowledgeable, printed by `cdk synth`)
 * when it is above the target. TokenGuardChecks reports the same warning on the rendered template.
 */
export function checkAgainstPolicy(c: LimitCheck): void {
  const amount = c.unit === 'minutes' ? c.value.toMinutes({ integral: false }) : c.value.toDays({ integral: false });
  if (c.errorAbove !== undefined && amount > c.errorAbove) {
    throw new TokenGuardValidationError(
      `${c.kind} ${c.prop}: ${c.value.toHumanString()} exceeds the policy ceiling of ${c.errorAbove} ${c.unit} (${c.setting}.errorAbove)`,
      c.scope,
    );
  }
  if (c.warnAbove !== undefined && amount > c.warnAbove) {
    Annotations.of(c.scope).addWarningV2(
      `cdk-token-guard:${c.prop}`,
      `${c.kind} ${c.prop}: ${c.value.toHumanString()} is above the policy target of ${c.warnAbove} ${c.unit} (${c.setting}.warnAbove)`,
    );
  }
}

/** Throws unless `min <= value <= max`. */
export function checkRange(scope: IConstruct, kind: string, prop: string, value: Duration, min: Duration, max: Duration, why: string): void {
  const s = value.toSeconds({ integral: false });
  if (s < min.toSeconds() || s > max.toSeconds()) {
    throw new TokenGuardValidationError(
      `${kind} ${prop}: must be between ${min.toHumanString()} and ${max.toHumanString()} (${why}); received ${value.toHumanString()}`,
      scope,
    );
  }
}
