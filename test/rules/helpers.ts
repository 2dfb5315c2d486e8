/** Helpers for rule tests: audit a plain template and reduce the findings of one rule on one subject. */
import { auditTemplate } from '../../rules/engine/run';
import { DEFAULT_POLICY, resolvePolicy, TokenGuardPolicyInput } from '../../rules/engine/policy';
import type { Finding } from '../../rules/engine/types';
import { ALL_RULES, RULE_IDS } from '../../rules/registry';

export type Template = Record<string, unknown>;

export function audit(template: Template, policy?: TokenGuardPolicyInput): Finding[] {
  return auditTemplate(template, {
    rules: ALL_RULES,
    policy: policy ? resolvePolicy([{ source: 'test', input: policy }], RULE_IDS) : DEFAULT_POLICY,
  });
}

export type Verdict = 'compliant' | 'non-compliant' | 'cannot-tell';

/** The tri-state outcome of one rule on one subject: a violation wins over cannot-tell. */
export function verdict(findings: Finding[], ruleId: string, logicalId: string): Verdict {
  const mine = findings.filter((f) => f.ruleId === ruleId && f.logicalId === logicalId);
  if (mine.some((f) => f.kind === 'violation')) return 'non-compliant';
  if (mine.length > 0) return 'cannot-tell';
  return 'compliant';
}

export function only(findings: Finding[], ruleId: string, logicalId = 'Client'): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId && f.logicalId === logicalId);
}

/** A template with one user pool client (logical id `Client`) with the given properties. */
export function clientTemplate(properties: Record<string, unknown>, extra: Template = {}): Template {
  const { Resources, ...rest } = extra as { Resources?: Record<string, unknown> };
  return {
    ...rest,
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, ...properties } },
      ...(Resources ?? {}),
    },
  };
}

/** A client configured the way the rules want it: the compliant baseline each test varies. */
export const GOOD_CLIENT: Record<string, unknown> = {
  AccessTokenValidity: 5,
  IdTokenValidity: 5,
  RefreshTokenValidity: 7,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 60 },
  EnableTokenRevocation: true,
  PreventUserExistenceErrors: 'ENABLED',
  AuthSessionValidity: 3,
  ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email'],
  CallbackURLs: ['https://app.example.com/callback'],
  SupportedIdentityProviders: ['COGNITO'],
};

/** An AwsCustomResource call's JSON as CDK writes it: intrinsic values become pieces of a Fn::Join around the JSON text. */
export function callJson(call: Record<string, unknown>): unknown {
  const tokens: unknown[] = [];
  const text = JSON.stringify(call, (_k, v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => k === 'Ref' || k.startsWith('Fn::')) ? `@@${tokens.push(v) - 1}@@` : v));
  const parts: unknown[] = [];
  let last = 0;
  for (const m of text.matchAll(/@@(\d+)@@/g)) {
    parts.push(text.slice(last, m.index), tokens[Number(m[1])]);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return tokens.length === 0 ? text : { 'Fn::Join': ['', parts] };
}
