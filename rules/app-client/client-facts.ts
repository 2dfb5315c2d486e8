/**
 * What an `AWS::Cognito::UserPoolClient` will actually do once deployed, with Cognito's defaults modelled.
 * Shared by the app-client rules; each function returns one answer per `Fn::If` alternative.
 */
import type { Evaluator } from '../engine/evaluate';
import { toNumber } from '../engine/evaluate';
import type { ResourceEntry } from '../engine/template';
import type { Observation } from '../engine/types';
import { describeCandidate, stringList } from '../engine/describe';
import { ABSENT, Assumption, cfnBoolean, isPlainObject, mergeAssumptions, Opaque } from '../engine/values';

export const USER_POOL_CLIENT = 'AWS::Cognito::UserPoolClient';
export const USER_POOL = 'AWS::Cognito::UserPool';

export type TokenKind = 'AccessToken' | 'IdToken' | 'RefreshToken';

const VALIDITY_PROPERTY: Record<TokenKind, string> = {
  AccessToken: 'AccessTokenValidity',
  IdToken: 'IdTokenValidity',
  RefreshToken: 'RefreshTokenValidity',
};

/** Cognito's defaults when `TokenValidityUnits` (or one of its fields) is absent. */
const DEFAULT_UNIT: Record<TokenKind, Unit> = { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' };
/** Cognito's defaults when the validity itself is absent, in minutes: 1 h, 1 h, 30 days. */
const DEFAULT_MINUTES: Record<TokenKind, number> = { AccessToken: 60, IdToken: 60, RefreshToken: 30 * 1440 };

type Unit = 'seconds' | 'minutes' | 'hours' | 'days';
const UNIT_MINUTES: Record<Unit, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };

export type Known<T> =
  | { readonly known: true; readonly value: T; readonly when: readonly Assumption[]; readonly explain: string }
  | { readonly known: false; readonly when: readonly Assumption[]; readonly explain: string };

/**
 * The lifetime of one token type in minutes, normalised through `TokenValidityUnits`.
 * `explain` says how it was derived, e.g. `AccessTokenValidity 1440 with TokenValidityUnits.AccessToken minutes`.
 */
export function tokenLifetime(r: ResourceEntry, ev: Evaluator, token: TokenKind): Known<number>[] {
  const prop = VALIDITY_PROPERTY[token];
  const out: Known<number>[] = [];
  for (const v of ev.scalars(r.properties, [prop], r.when)) {
    if (v.value === ABSENT) {
      out.push({
        known: true,
        value: DEFAULT_MINUTES[token],
        when: v.when,
        explain: `${prop} is not set, so Cognito's default of ${formatMinutes(DEFAULT_MINUTES[token])} applies`,
      });
      continue;
    }
    const n = toNumber(v.value);
    if (n === undefined) {
      out.push({ known: false, when: v.when, explain: `${prop} comes from ${describeCandidate(v)}` });
      continue;
    }
    for (const u of ev.scalars(r.properties, ['TokenValidityUnits', token], v.when)) {
      const when = mergeAssumptions(v.when, u.when);
      if (when === undefined) continue;
      const via = [v.via, u.via].filter(Boolean).join('; ');
      if (u.value === ABSENT) {
        const unit = DEFAULT_UNIT[token];
        let minutes = n * UNIT_MINUTES[unit];
        let note = `${prop} ${n} with TokenValidityUnits.${token} not set, so the unit is ${unit}`;
        if (token === 'RefreshToken' && n === 0) {
          minutes = DEFAULT_MINUTES.RefreshToken;
          note = `${prop} 0, which Cognito replaces with its default of 30 days`;
        }
        out.push({ known: true, value: minutes, when, explain: note + (via ? ` (${via})` : '') });
        continue;
      }
      const unit = typeof u.value === 'string' ? (u.value.toLowerCase() as Unit) : undefined;
      if (unit === undefined || !(unit in UNIT_MINUTES)) {
        out.push({ known: false, when, explain: `TokenValidityUnits.${token} comes from ${describeCandidate(u)}` });
        continue;
      }
      out.push({
        known: true,
        value: n * UNIT_MINUTES[unit],
        when,
        explain: `${prop} ${n} with TokenValidityUnits.${token} ${unit}` + (via ? ` (${via})` : ''),
      });
    }
  }
  return out;
}

/** Cognito's `ExplicitAuthFlows` default when the property is absent. */
export const DEFAULT_EXPLICIT_AUTH_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

/** Explicit auth flows, with Cognito's default when absent (`isDefault`). */
function computeExplicitAuthFlows(
  r: ResourceEntry,
  ev: Evaluator,
): (Known<string[]> & { readonly isDefault?: boolean })[] {
  return ev.scalars(r.properties, ['ExplicitAuthFlows'], r.when).map((c) => {
    if (c.value === ABSENT) {
      return {
        known: true as const,
        value: DEFAULT_EXPLICIT_AUTH_FLOWS,
        when: c.when,
        isDefault: true,
        explain: `ExplicitAuthFlows is not set, so Cognito's default (${DEFAULT_EXPLICIT_AUTH_FLOWS.join(', ')}) applies`,
      };
    }
    const list = stringList(c.value);
    if (list === undefined) return { known: false as const, when: c.when, explain: `ExplicitAuthFlows comes from ${describeCandidate(c)}` };
    return { known: true as const, value: list, when: c.when, explain: `ExplicitAuthFlows is [${list.join(', ')}]` + (c.via ? ` (${c.via})` : '') };
  });
}

/** The OAuth flows actually enabled: `AllowedOAuthFlows`, but only when `AllowedOAuthFlowsUserPoolClient` is true. */
function computeOauthFlows(r: ResourceEntry, ev: Evaluator): Known<string[]>[] {
  const out: Known<string[]>[] = [];
  for (const enabled of ev.scalars(r.properties, ['AllowedOAuthFlowsUserPoolClient'], r.when)) {
    const on = cfnBoolean(enabled.value) === true;
    const off = enabled.value === ABSENT || cfnBoolean(enabled.value) === false;
    if (off) {
      out.push({ known: true, value: [], when: enabled.when, explain: 'AllowedOAuthFlowsUserPoolClient is not true, so no OAuth flow is enabled' });
      continue;
    }
    for (const flows of ev.scalars(r.properties, ['AllowedOAuthFlows'], enabled.when)) {
      const when = mergeAssumptions(enabled.when, flows.when);
      if (when === undefined) continue;
      if (!on) {
        out.push({ known: false, when, explain: `AllowedOAuthFlowsUserPoolClient comes from ${describeCandidate(enabled)}` });
        continue;
      }
      if (flows.value === ABSENT) {
        out.push({ known: true, value: [], when, explain: 'AllowedOAuthFlows is not set' });
        continue;
      }
      const list = stringList(flows.value);
      if (list === undefined) out.push({ known: false, when, explain: `AllowedOAuthFlows comes from ${describeCandidate(flows)}` });
      else out.push({ known: true, value: list, when, explain: `AllowedOAuthFlows is [${list.join(', ')}]` + (flows.via ? ` (${flows.via})` : '') });
    }
  }
  return out;
}

/** Explicit auth flows through which a user signs in through the API and receives a refresh token. */
const SIGN_IN_FLOWS = new Set([
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
]);

/** The custom-auth flows: they complete only when the user pool has a DefineAuthChallenge trigger. */
const CUSTOM_AUTH_FLOWS = new Set(['ALLOW_CUSTOM_AUTH', 'CUSTOM_AUTH_FLOW_ONLY']);

/**
 * Whether the client can receive refresh tokens: through the authorization-code flow, or through any API sign-in
 * flow (explicit or default). A client-credentials-only client whose explicit flows allow no sign-in cannot, nor
 * can a client whose only sign-in flow is custom auth on a pool (in this template) without a DefineAuthChallenge
 * trigger: custom auth cannot complete there.
 */
function computeReceivesRefreshTokens(r: ResourceEntry, ev: Evaluator): Known<boolean>[] {
  const out: Known<boolean>[] = [];
  // The pool is looked at only for a client whose sole sign-in flows are custom auth.
  let pool: ResourceEntry | undefined;
  let customAuth: boolean | undefined | null = null;
  const customAuthUsable = (): boolean => {
    if (customAuth === null) {
      pool = userPoolOf(r, ev);
      customAuth = pool === undefined ? undefined : customAuthTrigger(pool, ev);
    }
    return customAuth !== false;
  };
  for (const oauth of oauthFlows(r, ev)) {
    for (const flows of explicitAuthFlows(r, ev)) {
      const when = mergeAssumptions(oauth.when, flows.when);
      if (when === undefined) continue;
      const candidates = flows.known ? flows.value.filter((f) => SIGN_IN_FLOWS.has(f)) : [];
      const onlyCustom = candidates.length > 0 && candidates.every((f) => CUSTOM_AUTH_FLOWS.has(f));
      const signIn = onlyCustom && !customAuthUsable() ? [] : candidates;
      if (oauth.known && oauth.value.includes('code')) {
        out.push({ known: true, value: true, when, explain: 'the authorization-code flow is enabled' });
      } else if (signIn.length > 0) {
        out.push({
          known: true,
          value: true,
          when,
          explain: flows.isDefault
            ? `ExplicitAuthFlows is not set, so Cognito's default sign-in flows (${signIn.join(', ')}) issue refresh tokens`
            : `sign-in flows ${signIn.join(', ')} issue refresh tokens`,
        });
      } else if (!oauth.known || !flows.known) {
        out.push({ known: false, when, explain: oauth.known ? flows.explain : oauth.explain });
      } else {
        const custom = flows.value.filter((f) => CUSTOM_AUTH_FLOWS.has(f));
        out.push({
          known: true,
          value: false,
          when,
          explain:
            custom.length > 0 && pool !== undefined
              ? `the only sign-in flow is ${custom.join(', ')} and user pool ${(pool as ResourceEntry).logicalId} has no DefineAuthChallenge trigger, so no sign-in completes`
              : 'no flow of this client issues refresh tokens',
        });
      }
    }
  }
  return out;
}

/**
 * Whether a user can sign in through the client at all, whatever its pool's triggers: an authorization-code or
 * implicit grant, or an API sign-in flow (explicit or default). These are the clients that issue ID tokens; a
 * client-credentials client whose explicit flows allow no sign-in issues none.
 */
function computeUserSignIn(r: ResourceEntry, ev: Evaluator): Known<boolean>[] {
  const out: Known<boolean>[] = [];
  for (const oauth of oauthFlows(r, ev)) {
    for (const flows of explicitAuthFlows(r, ev)) {
      const when = mergeAssumptions(oauth.when, flows.when);
      if (when === undefined) continue;
      const grant = oauth.known ? oauth.value.find((f) => f === 'code' || f === 'implicit') : undefined;
      const signIn = flows.known ? flows.value.filter((f) => SIGN_IN_FLOWS.has(f)) : [];
      if (grant !== undefined) out.push({ known: true, value: true, when, explain: `the ${grant} grant is enabled` });
      else if (signIn.length > 0) out.push({ known: true, value: true, when, explain: `sign-in flows ${signIn.join(', ')} are enabled` });
      else if (!oauth.known || !flows.known) out.push({ known: false, when, explain: oauth.known ? flows.explain : oauth.explain });
      else out.push({ known: true, value: false, when, explain: 'no OAuth grant and no sign-in flow lets a user sign in through this client' });
    }
  }
  return out;
}

/** The user pool of a client, when `UserPoolId` refers to an `AWS::Cognito::UserPool` of the template. */
export function userPoolOf(r: ResourceEntry, ev: Evaluator): ResourceEntry | undefined {
  const ids = ev.scalars(r.properties, ['UserPoolId'], r.when);
  const ref = ids.length === 1 ? ids[0].value : undefined;
  if (!(ref instanceof Opaque) || ref.source.kind !== 'resource' || ref.source.resourceType !== USER_POOL) return undefined;
  return ev.template.resource(ref.source.logicalId);
}

/**
 * Whether a user pool of the template can run custom auth: it has a DefineAuthChallenge trigger in its
 * LambdaConfig (on any branch), or a SAM function attaches one with a Cognito event.
 */
function customAuthTrigger(pool: ResourceEntry, ev: Evaluator): boolean {
  if (ev.scalars(pool.properties, ['LambdaConfig', 'DefineAuthChallenge'], pool.when).some((c) => c.value !== ABSENT)) return true;
  for (const fn of ev.template.resourcesOfType('AWS::Serverless::Function')) {
    const events = isPlainObject(fn.properties) && isPlainObject(fn.properties.Events) ? Object.values(fn.properties.Events) : [];
    for (const e of events) {
      if (!isPlainObject(e) || e.Type !== 'Cognito' || !isPlainObject(e.Properties)) continue;
      const target = ev.value(e.Properties.UserPool)[0]?.value;
      const triggers = e.Properties.Trigger;
      const onPool = target instanceof Opaque && target.source.kind === 'resource' && target.source.logicalId === pool.logicalId;
      if (onPool && (triggers === 'DefineAuthChallenge' || (Array.isArray(triggers) && triggers.includes('DefineAuthChallenge')))) return true;
    }
  }
  return false;
}

/**
 * Whether password can be a first sign-in factor for choice-based sign-in (ALLOW_USER_AUTH), per alternative: the
 * pool's `Policies.SignInPolicy.AllowedFirstAuthFactors` includes PASSWORD, or is absent (Cognito's default is
 * password only). Unknown when the pool is not in the template or the list is not known statically.
 */
export function passwordFirstFactor(r: ResourceEntry, ev: Evaluator): Known<boolean>[] {
  const pool = userPoolOf(r, ev);
  if (pool === undefined) return [{ known: false, when: r.when, explain: 'the user pool is not in this template, so its first sign-in factors are not known' }];
  return ev.scalars(pool.properties, ['Policies', 'SignInPolicy', 'AllowedFirstAuthFactors'], r.when).map((c) => {
    if (c.value === ABSENT) {
      return { known: true, value: true, when: c.when, explain: `user pool ${pool.logicalId} sets no AllowedFirstAuthFactors, so password is its first factor` };
    }
    const list = stringList(c.value);
    if (list === undefined) return { known: false, when: c.when, explain: `AllowedFirstAuthFactors of user pool ${pool.logicalId} comes from ${describeCandidate(c)}` };
    const password = list.includes('PASSWORD');
    return { known: true, value: password, when: c.when, explain: `user pool ${pool.logicalId} allows ${list.join(', ')} as first factors` };
  });
}

/** The facts several rules read of one client, each worked out once per client by the evaluator. */
export const explicitAuthFlows = (r: ResourceEntry, ev: Evaluator) => ev.once(computeExplicitAuthFlows, r);
export const oauthFlows = (r: ResourceEntry, ev: Evaluator) => ev.once(computeOauthFlows, r);
export const receivesRefreshTokens = (r: ResourceEntry, ev: Evaluator) => ev.once(computeReceivesRefreshTokens, r);
export const userSignIn = (r: ResourceEntry, ev: Evaluator) => ev.once(computeUserSignIn, r);

export function formatMinutes(minutes: number): string {
  const plural = (n: number, unit: string) => `${Number.isInteger(n) ? n : n.toFixed(2)} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes >= 1440 && minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes >= 60 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  if (minutes < 1) return plural(minutes * 60, 'second');
  return plural(minutes, 'minute');
}

/**
 * Observations for "one of these explicit auth flows is enabled": cannot-tell when the flows are not known,
 * non-compliant with `message(found, isDefault)` when any of `flows` is enabled (explicitly or by default).
 */
export function enabledFlowObservations(
  r: ResourceEntry,
  ev: Evaluator,
  flows: readonly string[],
  what: string,
  message: (found: string[], isDefault: boolean) => string,
): Observation[] {
  const out: Observation[] = [];
  const path = 'Properties.ExplicitAuthFlows';
  for (const alt of explicitAuthFlows(r, ev)) {
    if (!alt.known) {
      out.push({ outcome: 'cannot-tell', path, when: alt.when, message: `${what} cannot be ruled out: ${alt.explain}.` });
      continue;
    }
    const found = alt.value.filter((f) => flows.includes(f));
    if (found.length > 0) out.push({ outcome: 'non-compliant', path, when: alt.when, message: message(found, alt.isDefault === true) });
  }
  return out;
}
