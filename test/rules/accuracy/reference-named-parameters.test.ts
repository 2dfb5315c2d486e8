/**
 * A false ERROR found by the real-world holdout rw437 (after aws-ia/cfn-ps-jfrog-saas-log-collector
 * templates/jfrog-saas-log-collector-ec2-instance.template.yaml, commit cb69114c…): parameters named
 * `JpdAdminTokenSecretName` and `SplunkHECTokenSecretName`, described "JFrog admin token for AWS Secrets Manager.",
 * hold the names of Secrets Manager secrets that user data reads at boot (`--secret-id ${JpdAdminTokenSecretName}`).
 * The description mentions a token, but the parameter's own name says it holds a name (…Name, …Arn, …Id, …Path,
 * …Param): that wins over a description, as it does over a secret noun earlier in the name. NoEcho, a credential use
 * or an SSM-typed parameter whose path names secret material still count.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

const found = (t: Record<string, unknown>, ...rules: string[]) =>
  audit(t).filter((f: Finding) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();

const described = (name: string, extra: Record<string, unknown> = {}) => ({ [name]: { Type: 'String', Description: 'JFrog admin token for AWS Secrets Manager.', ...extra } });
const instance = (script: string) => ({
  Type: 'AWS::EC2::Instance',
  Properties: { ImageId: 'ami-0123456789abcdef0', UserData: { 'Fn::Base64': { 'Fn::Sub': script } } },
});
const readsByName = (p: string) => `#!/bin/bash\nexport TOKEN=$(aws secretsmanager get-secret-value --secret-id \${${p}} --query SecretString --output text)\n`;

describe('parameters named as a reference', () => {
  test('compliant: a parameter named …SecretName (or …Arn) described as a token holds a name, in user data and an IAM resource', () => {
    const t = {
      Parameters: { ...described('JpdAdminTokenSecretName'), ...described('SplunkHecTokenArn') },
      Resources: {
        Collector: instance(`${readsByName('JpdAdminTokenSecretName')}export HEC=\${SplunkHecTokenArn}\n`),
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: [{ PolicyName: 'read', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { 'Fn::Sub': 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${JpdAdminTokenSecretName}-*' } }] } }],
          },
        },
      },
    };
    expect(found(t, 'TokenGuard-SEC6', 'TokenGuard-SEC8')).toEqual([]);
  });

  test('non-compliant: the same description on a parameter not named as a reference, or NoEcho on one that is', () => {
    const t = {
      Parameters: { ...described('JpdAdminToken'), ...described('SplunkHecTokenSecretName', { NoEcho: true }) },
      Resources: { Collector: instance('#!/bin/bash\nexport JPD=${JpdAdminToken}\nexport HEC=${SplunkHecTokenSecretName}\n') },
    };
    expect(found(t, 'TokenGuard-SEC6', 'TokenGuard-SEC8')).toEqual([
      'TokenGuard-SEC6 violation JpdAdminToken Parameters.JpdAdminToken.NoEcho',
      'TokenGuard-SEC8 violation Collector Properties.UserData',
    ]);
  });

  test('non-compliant: an SSM-typed parameter named …Param whose path names secret material is still its content', () => {
    const t = {
      Parameters: { AdminTokenParam: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/prod/jfrog/admin-token', Description: 'JFrog admin token' } },
      Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::111122223333:role/fn', Environment: { Variables: { JPD_TOKEN: { Ref: 'AdminTokenParam' } } } } } },
    };
    expect(found(t, 'TokenGuard-SEC1')).toEqual(['TokenGuard-SEC1 violation Fn Properties.Environment.Variables.JPD_TOKEN']);
  });

  test('cannot tell: beside the reference-named parameter, an import named like a token stays cannot-tell', () => {
    const t = {
      Parameters: described('JpdAdminTokenSecretName'),
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Handler: 'index.handler',
            Runtime: 'nodejs20.x',
            Role: 'arn:aws:iam::111122223333:role/fn',
            Environment: { Variables: { JPD_TOKEN_SECRET: { Ref: 'JpdAdminTokenSecretName' }, JPD_ADMIN_TOKEN: { 'Fn::ImportValue': 'shared-jpd-admin-token' } } },
          },
        },
      },
    };
    expect(found(t, 'TokenGuard-SEC1', 'TokenGuard-SEC6')).toEqual(['TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.JPD_ADMIN_TOKEN']);
  });
});
