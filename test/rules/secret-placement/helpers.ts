/** Helpers for the secret-placement tests: run every rule on a plain template and keep what this folder reports. */
import type { Finding } from '../../../rules/engine/types';
import { audit, Template } from '../helpers';

export type { Template };

/** Findings of the secret-placement rules (TokenGuard-SEC…) on a template. */
export function sec(template: Template): Finding[] {
  return audit(template).filter((f) => f.ruleId.startsWith('TokenGuard-SEC'));
}

/** `ruleId kind logicalId path`, sorted: compact and exact to compare. */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();
}

export function fn(variables: Record<string, unknown>, type = 'AWS::Lambda::Function'): Record<string, unknown> {
  return { Type: type, Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables } } };
}

export const USER_POOL_CLIENT = {
  Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
  Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, GenerateSecret: true } },
};

/** A template with the user pool client above, the given resources, and optionally parameters and outputs. */
export function template(resources: Record<string, unknown>, extra: Template = {}): Template {
  return { ...extra, Resources: { ...USER_POOL_CLIENT, ...resources } };
}
