/**
 * Sweep4 miss (danbartlett-twilio/aws-sam-twilio-survey-application, template.yaml; rw765): every function of a
 * telephony survey app takes `TWILIO_AUTH_TOKEN: '{{resolve:ssm:TWILIO_AUTH_TOKEN}}'` into its environment. A plain
 * ssm reference reads only String and StringList parameters, so the vendor's auth token is kept in plaintext in
 * Parameter Store and CloudFormation copies it into the function's configuration; nothing was reported. The same
 * shape in the sweep: ECS task definitions with `{{resolve:ssm:/stubs/…/ORCHESTRATOR_BASIC_AUTH_PASSWORD}}` and
 * `{{resolve:ssm:/journey-map/env/…/ANALYTICS_API_KEY}}`.
 * - A plain ssm reference whose parameter is named for secret material is secret material where it lands (function,
 *   container, CodeBuild and Batch environments, SSM String values), as an SSM-typed template parameter already was.
 * - An identifier (`…_ACCOUNT_SID`), a qualified name (`/app/token-endpoint`), a bare `secret` (usually the name of
 *   a Secrets Manager secret) or a computed name are not; outputs leave dynamic references unresolved.
 * Cannot tell: not applicable (a reference's name is written in the template, or says nothing).
 */
import { audit } from '../helpers';

const findings = (variables: Record<string, unknown>, outputs: Record<string, unknown> = {}) =>
  audit({
    Parameters: { Env: { Type: 'String' } },
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'app.handler', Runtime: 'nodejs20.x', Code: { ZipFile: 'x' }, Environment: { Variables: variables } } },
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: { ContainerDefinitions: [{ Name: 'stub', Image: 'example/stub', Environment: Object.entries(variables).map(([Name, Value]) => ({ Name, Value })) }] },
      },
    },
    Outputs: outputs,
  })
    .filter((f) => /SEC(1|2|7)$/.test(f.ruleId))
    .map((f) => `${f.ruleId} ${f.kind} ${f.path}`)
    .sort();

describe('plain ssm references named for secret material', () => {
  test('compliant: identifiers, qualified names, a bare secret, a computed name; an output', () => {
    expect(
      findings(
        {
          ACCOUNT_SID: '{{resolve:ssm:TWILIO_ACCOUNT_SID}}',
          TOKEN_ENDPOINT: '{{resolve:ssm:/app/token-endpoint}}',
          DB_SECRET: '{{resolve:ssm:/app/db-secret}}',
          VALUE: { 'Fn::Sub': ['{{resolve:ssm:${Name}}}', { Name: { 'Fn::ImportValue': 'shared-name' } }] },
        },
        { Token: { Value: '{{resolve:ssm:TWILIO_AUTH_TOKEN}}' } },
      ),
    ).toEqual([]);
  });

  test('non-compliant: an auth token, a password, an API key with a version, a path built with Fn::Sub', () => {
    expect(
      findings({
        AUTH_TOKEN: '{{resolve:ssm:TWILIO_AUTH_TOKEN}}',
        BASIC_AUTH: '{{resolve:ssm:/stubs/orch/env/ORCHESTRATOR_BASIC_AUTH_PASSWORD:3}}',
        ANALYTICS: { 'Fn::Sub': '{{resolve:ssm:/journey-map/env/${Env}/ANALYTICS_API_KEY}}' },
      }),
    ).toEqual([
      'TokenGuard-SEC1 violation Properties.Environment.Variables.ANALYTICS',
      'TokenGuard-SEC1 violation Properties.Environment.Variables.AUTH_TOKEN',
      'TokenGuard-SEC1 violation Properties.Environment.Variables.BASIC_AUTH',
      'TokenGuard-SEC2 violation Properties.ContainerDefinitions.0.Environment.0.Value',
      'TokenGuard-SEC2 violation Properties.ContainerDefinitions.0.Environment.1.Value',
      'TokenGuard-SEC2 violation Properties.ContainerDefinitions.0.Environment.2.Value',
    ]);
  });
});
