/**
 * A miss found by a probe after the holdout rw404-rw428 (CDK apps from construct libraries): a parameter of an SSM type
 * (`AWS::SSM::Parameter::Value<String>`, what CDK's `ssm.StringParameter.valueForStringParameter(this, path)` writes)
 * resolves at deployment to the CONTENT of the SSM parameter its Default names. The rules read that Default path as
 * "the parameter holds a name" (true of a String parameter whose Default is a path), so
 * `STRIPE_SECRET_KEY: valueForStringParameter(this, '/prod/stripe/secret-key')` put a secret into a function's
 * environment with no finding. A path named like a secret is now evidence that the value is one, as a parameter's own
 * name is; paths named for identifiers (`/prod/api/secret-arn`, CDK's `/cdk-bootstrap/.../version`) stay names, and so
 * does a bare "Secret" (`/clinic/MysqlSecret`), which in Parameter Store usually names a Secrets Manager secret.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const sec = (findings: Finding[]) => findings.filter((f) => /^TokenGuard-SEC\d+$/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();
const ssm = (path: string) => ({ Type: 'AWS::SSM::Parameter::Value<String>', Default: path });
const fn = (parameters: Record<string, unknown>) => ({
  Parameters: parameters,
  Resources: {
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: Object.fromEntries(Object.keys(parameters).map((p) => [`V_${p.toUpperCase()}`, { Ref: p }])) } },
    },
  },
});

describe('SSM-typed parameters resolve to the named parameter\'s content', () => {
  test('compliant: SSM paths named for identifiers, settings or public values, and String parameters whose Default is a path', () => {
    const t = fn({
      BootstrapVersion: ssm('/cdk-bootstrap/hnb659fds/version'),
      SsmParameterValueprodstripepublishablekeyC96584B6F00A464EAD1953AFF4B05118Parameter: ssm('/prod/stripe/publishable-key'),
      DbHost: ssm('/app/db/host'),
      ApiSecretArn: ssm('/prod/api/secret-arn'),
      // A bare "Secret" in Parameter Store usually holds a Secrets Manager secret's name (rw267's DB_SECRET_NAME).
      MysqlSecret: ssm('/clinic/MysqlSecret'),
      DbPasswordSecret: ssm('/prod/db/password-secret-name'),
      LatestAmi: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
      StripeKeyParameterName: { Type: 'String', Default: '/prod/stripe/secret-key' },
      NoDefault: { Type: 'AWS::SSM::Parameter::Value<String>' },
    });
    expect(sec(audit(t))).toEqual([]);
  });

  test('non-compliant: the content of an SSM parameter named like a secret reaches a function environment', () => {
    const generated = 'SsmParameterValueprodstripesecretkeyC96584B6F00A464EAD1953AFF4B05118Parameter';
    expect(sec(audit(fn({ [generated]: ssm('/prod/stripe/secret-key') })))).toEqual([
      `TokenGuard-SEC1 violation Fn Properties.Environment.Variables.V_${generated.toUpperCase()}`,
      `TokenGuard-SEC6 violation ${generated} Parameters.${generated}.NoEcho`,
    ]);
    expect(sec(audit(fn({ OAuth: ssm('/prod/oauth/client-secret') })))).toContain('TokenGuard-SEC1 violation Fn Properties.Environment.Variables.V_OAUTH');
  });

  test('cannot tell: a CodeBuild variable of a Type the template cannot know, holding such content', () => {
    const t = {
      Parameters: { VarType: { Type: 'String' }, Token: ssm('/ci/github/token') },
      Resources: {
        Build: {
          Type: 'AWS::CodeBuild::Project',
          Properties: { Environment: { Type: 'LINUX_CONTAINER', Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL', EnvironmentVariables: [{ Name: 'GITHUB_TOKEN', Type: { Ref: 'VarType' }, Value: { Ref: 'Token' } }] } },
        },
      },
    };
    expect(sec(audit(t))).toContain('TokenGuard-SEC3 cannot-tell Build Properties.Environment.EnvironmentVariables.0.Value');
  });
});
