/** The shared check behind the three token-lifetime rules. */
import type { Evaluator } from '../engine/evaluate';
import type { LifetimeThresholds } from '../engine/policy';
import type { ResourceEntry } from '../engine/template';
import type { Observation } from '../engine/types';
import { formatMinutes, Known, tokenLifetime, TokenKind } from './client-facts';

const LABEL: Record<TokenKind, string> = { AccessToken: 'Access tokens', IdToken: 'ID tokens', RefreshToken: 'Refresh tokens' };
const PROPERTY: Record<TokenKind, string> = {
  AccessToken: 'AccessTokenValidity',
  IdToken: 'IdTokenValidity',
  RefreshToken: 'RefreshTokenValidity',
};

/**
 * @param thresholdsMinutes the policy's thresholds converted to minutes
 * @param settingName the policy setting, for messages (e.g. `accessTokenMinutes`)
 * @param applies optional gate per alternative (refresh tokens only matter when the client can receive them)
 */
export function lifetimeObservations(
  r: ResourceEntry,
  ev: Evaluator,
  token: TokenKind,
  thresholdsMinutes: LifetimeThresholds,
  settingName: string,
  applies?: (l: Known<number>) => boolean,
): Observation[] {
  const out: Observation[] = [];
  const path = `Properties.${PROPERTY[token]}`;
  for (const l of tokenLifetime(r, ev, token)) {
    if (applies && !applies(l)) continue;
    if (!l.known) {
      out.push({
        outcome: 'cannot-tell',
        path,
        when: l.when,
        message: `${LABEL[token]} lifetime cannot be determined statically: ${l.explain}.`,
      });
      continue;
    }
    const over = l.value > thresholdsMinutes.errorAbove ? 'error' : l.value > thresholdsMinutes.warnAbove ? 'warning' : undefined;
    if (!over) continue;
    const limit = over === 'error' ? thresholdsMinutes.errorAbove : thresholdsMinutes.warnAbove;
    const which = over === 'error' ? 'errorAbove' : 'warnAbove';
    out.push({
      outcome: 'non-compliant',
      severity: over,
      path,
      when: l.when,
      message:
        `${LABEL[token]} live ${formatMinutes(l.value)} (${l.explain}); ` +
        `the policy ${over === 'error' ? 'allows at most' : 'targets at most'} ${formatMinutes(limit)} (${settingName}.${which}).`,
    });
  }
  return out;
}

export function daysToMinutes(t: LifetimeThresholds): LifetimeThresholds {
  return { warnAbove: t.warnAbove * 1440, errorAbove: t.errorAbove * 1440 };
}
