/**
 * Found by a probe after holdout rw361 (per-stage Mappings deciding client settings, the pattern of rw64 and
 * aws-solutions/qnabot-on-aws): with AWS::LanguageExtensions, Fn::FindInMap takes a DefaultValue for keys the mapping
 * lacks. The engine used it only when no key option matched at all, so a Stage parameter whose prod key is in the
 * mapping and whose dev key is not lost the dev branch (DefaultValue 1440 minutes) and passed silently. Every key
 * option that misses now gives the DefaultValue under its own assumption; without a DefaultValue a missing key still
 * gives nothing (the lookup fails at deploy time).
 */
import { audit, clientTemplate, Template } from '../helpers';

const ID = 'TokenGuard-COG1';

function staged(defaultValue: unknown, extraParameters: Record<string, unknown> = {}): Template {
  return clientTemplate(
    {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      RefreshTokenRotation: { Feature: 'ENABLED' },
      AccessTokenValidity: { 'Fn::FindInMap': ['StageSettings', { Ref: 'Stage' }, 'AccessMinutes', ...(defaultValue === undefined ? [] : [{ DefaultValue: defaultValue }])] },
      TokenValidityUnits: { AccessToken: 'minutes' },
    },
    {
      Transform: 'AWS::LanguageExtensions',
      Parameters: { Stage: { Type: 'String', AllowedValues: ['dev', 'staging', 'prod'], Default: 'dev' }, ...extraParameters },
      Mappings: { StageSettings: { prod: { AccessMinutes: 5 }, staging: { AccessMinutes: 10 } } },
    },
  );
}
const cog1 = (t: Template) => audit(t).filter((f) => f.ruleId === ID).map((f) => `${f.severity} ${f.kind} ${f.logicalId} ${f.path}`);

describe('Fn::FindInMap DefaultValue for the key options a mapping lacks', () => {
  test('compliant: the DefaultValue the missing dev key falls back to is short too; no DefaultValue, no deployable dev branch', () => {
    expect(cog1(staged(5))).toEqual([]);
    expect(cog1(staged(undefined))).toEqual([]);
  });

  test('non-compliant: dev falls back to a DefaultValue of a day while prod and staging are found', () => {
    expect(cog1(staged(1440))).toEqual(['error violation Client Properties.AccessTokenValidity']);
  });

  test('cannot tell: the DefaultValue is a parameter without default', () => {
    expect(cog1(staged({ Ref: 'DevAccessMinutes' }, { DevAccessMinutes: { Type: 'Number' } }))).toEqual(['warning cannot-tell Client Properties.AccessTokenValidity']);
  });
});
