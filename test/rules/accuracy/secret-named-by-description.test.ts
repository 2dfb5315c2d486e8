/**
 * A false ERROR found by the real-world holdout rw436 (after aws-quickstart/quickstart-mongodb-atlas-mean-stack-aws-
 * fargate-integration templates/mongodb-atlas-mean-stack.template.yaml, commit 47b518ef…, the parameter pattern of
 * the MongoDB Atlas CloudFormation resources): `Profile`, described "Secret with name cfn/atlas/profile/{Profile}.",
 * with Default `default`, is the last part of a Secrets Manager secret's name. A description whose secret noun is
 * followed by "named", "called" or "with name/ARN/id/path" names a secret by its name; it does not say the
 * parameter holds one. "Secret with which …" or "token with read access" still do.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const found = (t: Record<string, unknown>, ...rules: string[]) =>
  audit(t).filter((f: Finding) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();

const fn = (variables: Record<string, unknown>) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::111122223333:role/fn', Environment: { Variables: variables } },
});
const nested = (parameters: Record<string, unknown>) => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example-bucket.s3.amazonaws.com/atlas.yaml', Parameters: parameters } });

describe('descriptions that name a secret by its name', () => {
  test('compliant: "Secret with name …" and "… secret named …" with a word default, passed on and put in an environment', () => {
    const t = {
      Parameters: {
        Profile: { Type: 'String', Description: 'Secret with name cfn/atlas/profile/{Profile}.', Default: 'default' },
        Tenant: { Type: 'String', Description: 'The Secrets Manager secret named tenants/{Tenant}/api holds the key.' },
        Store: { Type: 'String', Description: 'Token called by this label in the vault.' },
      },
      Resources: { Atlas: nested({ Profile: { Ref: 'Profile' } }), Fn: fn({ ATLAS_PROFILE: { Ref: 'Profile' }, TENANT: { Ref: 'Tenant' }, STORE: { Ref: 'Store' } }) },
    };
    expect(found(t, 'TokenGuard-SEC6', 'TokenGuard-SEC1')).toEqual([]);
  });

  test('non-compliant: a secret noun followed by "with" and something else still describes a secret', () => {
    const t = {
      Parameters: {
        Signing: { Type: 'String', Description: 'Secret with which the webhook payloads are signed.' },
        Reader: { Type: 'String', Description: 'API token with read access to the project.' },
      },
      Resources: { Fn: fn({ SIGNING: { Ref: 'Signing' }, READER: { Ref: 'Reader' } }) },
    };
    expect(found(t, 'TokenGuard-SEC6', 'TokenGuard-SEC1')).toEqual([
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.READER',
      'TokenGuard-SEC1 violation Fn Properties.Environment.Variables.SIGNING',
      'TokenGuard-SEC6 violation Reader Parameters.Reader.NoEcho',
      'TokenGuard-SEC6 violation Signing Parameters.Signing.NoEcho',
    ]);
  });

  test('cannot tell: beside the named-secret parameter, an import named like a secret stays cannot-tell', () => {
    const t = {
      Parameters: { Profile: { Type: 'String', Description: 'Secret with name cfn/atlas/profile/{Profile}.', Default: 'default' } },
      Resources: { Fn: fn({ ATLAS_PROFILE: { Ref: 'Profile' }, ATLAS_SECRET: { 'Fn::ImportValue': 'atlas-api-secret' } }) },
    };
    expect(found(t, 'TokenGuard-SEC6', 'TokenGuard-SEC1')).toEqual(['TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.ATLAS_SECRET']);
  });
});
