/**
 * Sweep4 (govuk-one-login/ipv-core-back, deploy/template.yaml; rw759): an internal testing API's key is
 * `Value: !Sub ['{{resolve:secretsmanager:TestingApiKey:SecretString}}${env}', { env: !Sub '-${Environment}' }]`,
 * one key per personal dev stack, and the conditions compare Environment with dev, build, staging and production.
 * Environment was taken for a secret ("passed to Properties.Value"): four ERRORs (SEC6 on the parameter, SEC1 on
 * ENVIRONMENT and a metrics namespace in SAM Globals, SEC8 on a certificate's tag) and two dozen cannot-tell warnings.
 * - A parameter glued to a Secrets Manager or SecureString reference in a credential property is a piece of the
 *   credential: weak evidence, as a name is, which a setting's shape overrides.
 * - Conditions that compare a parameter with several short words enumerate its values, as AllowedValues would: a
 *   setting.
 * - A piece that nothing shows to be a setting is still a visible piece of the credential (rw108: a password prefix);
 *   so is a parameter passed alone to a credential property, or beside a reference that selects an identifier field.
 */
import { audit } from '../helpers';

const ids = (t: Record<string, unknown>, rule: RegExp) =>
  audit(t)
    .filter((f) => rule.test(f.ruleId))
    .map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`)
    .sort();

const equals = (value: string) => ({ 'Fn::Equals': [{ Ref: 'Environment' }, value] });

const stack = (value: unknown, options: { conditions?: Record<string, unknown>; parameters?: Record<string, unknown> } = {}) => ({
  Parameters: { Environment: { Type: 'String' }, ...options.parameters },
  Conditions: options.conditions ?? { IsSharedDev: equals('dev'), IsProduction: equals('production'), IsStagingOrBuild: { 'Fn::Or': [equals('staging'), equals('build')] } },
  Resources: {
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'i.h', Runtime: 'java21', Code: { ZipFile: 'x' }, Environment: { Variables: { ENVIRONMENT: { Ref: 'Environment' } } } },
    },
    Cert: {
      Type: 'AWS::CertificateManager::Certificate',
      Properties: { DomainName: { 'Fn::Sub': 'api.${Environment}.example.com' }, Tags: [{ Key: 'Environment', Value: { Ref: 'Environment' } }] },
    },
    TestingApiKey: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Enabled: true, Value: value } },
  },
});

const suffix = { 'Fn::Sub': ['{{resolve:secretsmanager:TestingApiKey:SecretString}}${env}', { env: { 'Fn::If': ['IsSharedDev', '', { 'Fn::Sub': '-${Environment}' }] } }] };

describe('parameters glued to a dynamic reference in a credential property', () => {
  test('compliant: an environment name the conditions enumerate, as a suffix (through an Fn::If variable) or a prefix', () => {
    expect(ids(stack(suffix), /SEC\d+$/)).toEqual([]);
    expect(ids(stack({ 'Fn::Sub': '${Environment}-{{resolve:ssm-secure:/testing/api-key}}' }), /SEC\d+$/)).toEqual([]);
  });

  test('non-compliant: a piece nothing calls a setting; passed alone elsewhere; beside an identifier field', () => {
    const environment = 'TokenGuard-SEC6 violation Environment Parameters.Environment.NoEcho';
    // One comparison is a sentinel, not an enumeration.
    expect(ids(stack(suffix, { conditions: { IsSharedDev: equals('dev') } }), /SEC6$/)).toEqual([environment]);
    const alone = stack(suffix) as { Resources: Record<string, unknown> };
    alone.Resources.OtherKey = { Type: 'AWS::ApiGateway::ApiKey', Properties: { Value: { Ref: 'Environment' } } };
    expect(ids(alone, /SEC6$/)).toEqual([environment]);
    expect(ids(stack({ 'Fn::Sub': '{{resolve:secretsmanager:TestingApiKey:SecretString:username}}${Environment}' }), /SEC6$/)).toEqual([environment]);
    const prefix = stack({ 'Fn::Sub': '${KeyPrefix}-{{resolve:secretsmanager:TestingApiKey:SecretString}}' }, { parameters: { KeyPrefix: { Type: 'String' } } });
    expect(ids(prefix, /SEC6$/)).toEqual(['TokenGuard-SEC6 violation KeyPrefix Parameters.KeyPrefix.NoEcho']);
  });
});
