/**
 * Classes 1, 2 and 4 of issue 15: secrets that come out of custom resources, secrets that custom resources log, and
 * literal credentials judged by value with the name as context. The calls are written the way CDK's AwsCustomResource
 * renders them (a Fn::Join around the tokens of the call's JSON), after these public patterns:
 * - aws-samples/serverless-patterns cdk-eventbridge-appsync-oauth/cdk/lib/auth.ts (commit 9a4c7902…) and
 *   stratospheric-dev/stratospheric cdk/…/CognitoStack.java (commit 3457910b…): describeUserPoolClient, default logging;
 * - aws-samples/serverless-patterns waf-cloudfront-websocket-apigw-cdk-python (commit 90694649…): getApiKey includeValue;
 * - aws/aws-cdk issue #16207: getSecretValue through AwsCustomResource; the SSMParameterReader copies of the AWS blog
 *   "Read parameters across AWS Regions with AWS CloudFormation custom resources": getParameter with WithDecryption;
 * - aws/aws-cdk user-pool-client.ts (userPoolClientSecret, logApiResponseData false since aws/aws-cdk#33983);
 * - aws-samples/cloudfront-authorization-at-edge template.yaml (commit 37a825b4…): Custom::NonceSigningSecret's Ref;
 * - TestAndunR/Cognito-Resource lambda.js: a test user's literal password.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit, callJson } from '../helpers';

type Template = Record<string, unknown>;

function awsCustomResource(call: Record<string, unknown>, type = 'Custom::AWS'): Record<string, unknown> {
  return { Type: type, Properties: { ServiceToken: { 'Fn::GetAtt': ['Provider', 'Arn'] }, Create: callJson(call), Update: callJson(call), InstallLatestAwsSdk: false } };
}

const POOL = { Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} } };
const client = (generateSecret: unknown) => ({ Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, GenerateSecret: generateSecret } });
const describe_ = (extra: Record<string, unknown> = {}) =>
  awsCustomResource({ service: 'CognitoIdentityServiceProvider', action: 'describeUserPoolClient', parameters: { UserPoolId: { Ref: 'Pool' }, ClientId: { Ref: 'Client' } }, physicalResourceId: { id: { Ref: 'Client' } }, ...extra }, 'Custom::DescribeCognitoUserPoolClient');
const fn = (variables: Record<string, unknown>) => ({ Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Environment: { Variables: variables } } });
const getAtt = (id: string, field: string) => ({ 'Fn::GetAtt': [id, field] });

const summary = (findings: Finding[], rule?: string) =>
  findings.filter((f) => f.ruleId.startsWith('TokenGuard-SEC') && (rule === undefined || f.ruleId === rule)).map((f) => `${f.ruleId} ${f.kind} ${f.logicalId} ${f.path}`).sort();

describe('secrets that come out of custom resources (an AwsCustomResource call and field are traced)', () => {
  test('non-compliant: describeUserPoolClient\'s UserPoolClient.ClientSecret in an environment variable and an output', () => {
    const t: Template = {
      Resources: { ...POOL, Client: client(true), Describe: describe_({ logApiResponseData: false }), Fn: fn({ CLIENT_SECRET: getAtt('Describe', 'UserPoolClient.ClientSecret') }) },
      Outputs: { Secret: { Value: getAtt('Describe', 'UserPoolClient.ClientSecret') } },
    };
    const found = audit(t);
    expect(summary(found)).toEqual(['TokenGuard-SEC1 violation Fn Properties.Environment.Variables.CLIENT_SECRET', 'TokenGuard-SEC7 violation Secret Outputs.Secret.Value']);
    expect(found.find((f) => f.ruleId === 'TokenGuard-SEC1')!.message).toMatch(/^UserPoolClient\.ClientSecret of custom resource Describe \(its describeUserPoolClient call returns the app client secret\) reaches/);
  });

  test.each([
    ['getApiKey with includeValue (the key value)', { service: 'APIGateway', action: 'getApiKey', parameters: { apiKey: 'abc123', includeValue: true } }, 'value'],
    ['getParameter WithDecryption (a SecureString value)', { service: 'SSM', action: 'getParameter', parameters: { Name: '/hooks/key', WithDecryption: true } }, 'Parameter.Value'],
    ['getSecretValue (SDK v3 names)', { service: '@aws-sdk/client-secrets-manager', action: 'GetSecretValueCommand', parameters: { SecretId: 'central/db' } }, 'SecretString'],
    ['createAccessKey', { service: 'IAM', action: 'createAccessKey', parameters: { UserName: 'ci' } }, 'AccessKey.SecretAccessKey'],
  ])('non-compliant: %s in an SSM String parameter', (_what, call, field) => {
    const t = { Resources: { Call: awsCustomResource({ ...call, logApiResponseData: false }), Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: getAtt('Call', field) } } } };
    expect(summary(audit(t))).toEqual(['TokenGuard-SEC5 violation Param Properties.Value']);
  });

  test('non-compliant: a Ref whose physical id is the secret field (physicalResourceId.responsePath)', () => {
    const t = { Resources: { ...POOL, Client: client(true), Describe: describe_({ logApiResponseData: false, physicalResourceId: { responsePath: 'UserPoolClient.ClientSecret' } }), Fn: fn({ S: { Ref: 'Describe' } }) } };
    expect(summary(audit(t), 'TokenGuard-SEC1')).toEqual(['TokenGuard-SEC1 violation Fn Properties.Environment.Variables.S']);
  });

  test.each([
    ['another field of the same call (the client id)', { ...POOL, Client: client(true), Describe: describe_({ logApiResponseData: false }), Fn: fn({ ID: getAtt('Describe', 'UserPoolClient.ClientId') }) }],
    ['describeUserPoolClient of a client without a secret', { ...POOL, Client: client(false), Describe: describe_(), Fn: fn({ S: getAtt('Describe', 'UserPoolClient.ClientSecret') }) }],
    ['getParameter without decryption (a String value, or a SecureString\'s ciphertext)', { Call: awsCustomResource({ service: 'SSM', action: 'getParameter', parameters: { Name: '/edge/web-acl-arn' } }), Fn: fn({ ACL: getAtt('Call', 'Parameter.Value') }) }],
    ['a Ref with a physical id of its own', { ...POOL, Client: client(true), Describe: describe_({ logApiResponseData: false }), Fn: fn({ S: { Ref: 'Describe' } }) }],
  ])('compliant: %s', (_what, resources) => {
    expect(summary(audit({ Resources: resources }))).toEqual([]);
  });

  test("compliant: CDK's own userPoolClientSecret pattern, straight into a Secrets Manager secret with the response hidden", () => {
    const t = { Resources: { ...POOL, Client: client(true), Describe: describe_({ logApiResponseData: false }), Vault: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: getAtt('Describe', 'UserPoolClient.ClientSecret') } } } };
    expect(summary(audit(t))).toEqual([]);
  });

  test('cannot tell: WithDecryption given by a parameter', () => {
    const t = {
      Parameters: { Decrypt: { Type: 'String', AllowedValues: ['true', 'false'], Default: 'true' } },
      Resources: { Call: awsCustomResource({ service: 'SSM', action: 'getParameter', parameters: { Name: '/hooks/key', WithDecryption: { Ref: 'Decrypt' } }, logApiResponseData: false }), Fn: fn({ K: getAtt('Call', 'Parameter.Value') }) },
    };
    expect(summary(audit(t))).toEqual(['TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.K']);
  });

  test('cannot tell: describeUserPoolClient of a client that is not in this template', () => {
    const t = { Resources: { Describe: awsCustomResource({ service: 'CognitoIdentityServiceProvider', action: 'describeUserPoolClient', parameters: { UserPoolId: 'eu-west-1_AbCdEfGhI', ClientId: { 'Fn::ImportValue': 'partner-client-id' } }, logApiResponseData: false }), Fn: fn({ S: getAtt('Describe', 'UserPoolClient.ClientSecret') }) } };
    expect(summary(audit(t))).toEqual(['TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.S']);
  });

  test('cannot tell: the Ref of a Lambda-backed custom resource whose type says it generates a secret, in an environment and in another resource\'s configuration', () => {
    const t = {
      Resources: {
        Nonce: { Type: 'Custom::NonceSigningSecret', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:gen', Length: 16 } },
        Fn: fn({ NONCE: { Ref: 'Nonce' } }),
        Config: { Type: 'Custom::LambdaCodeUpdate', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:upd', Configuration: { 'Fn::Sub': '{"nonceSigningSecret": "${Nonce}"}' } } },
      },
    };
    const found = audit(t);
    expect(summary(found)).toEqual(['TokenGuard-SEC1 cannot-tell Fn Properties.Environment.Variables.NONCE', 'TokenGuard-SEC9 cannot-tell Config Properties.Configuration']);
    expect(found.find((f) => f.ruleId === 'TokenGuard-SEC1')!.message).toContain('whose name says it holds a secret');
  });

  test('compliant: the Ref of a Lambda-backed custom resource whose name says nothing secret', () => {
    const t = { Resources: { Lookup: { Type: 'Custom::UserPoolDomainLookup', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:lookup' } }, Fn: fn({ DOMAIN: { Ref: 'Lookup' } }) } };
    expect(summary(audit(t))).toEqual([]);
  });
});

describe('TokenGuard-SEC12 CustomResourceLogsSecret', () => {
  const sec12 = (t: Template) => audit(t).filter((f) => f.ruleId === 'TokenGuard-SEC12');

  test('non-compliant: a call returning the client secret with the response logged (logApiResponseData absent), once per resource', () => {
    const found = sec12({ Resources: { ...POOL, Client: client(true), Describe: describe_() } });
    expect(found.map((f) => `${f.kind} ${f.severity} ${f.logicalId} ${f.path}`)).toEqual(['violation error Describe Properties.Create']);
    expect(found[0].message).toContain('The describeUserPoolClient call returns the app client secret and the provider logs the response');
  });

  test('non-compliant: logApiResponseData true', () => {
    expect(sec12({ Resources: { Call: awsCustomResource({ service: 'SecretsManager', action: 'getSecretValue', parameters: { SecretId: 'x' }, logApiResponseData: true }) } })).toHaveLength(1);
  });

  test('non-compliant: a NoEcho password sent as a parameter is logged with the request, whatever logApiResponseData says', () => {
    const t = {
      Parameters: { AdminPassword: { Type: 'String', NoEcho: true } },
      Resources: { ...POOL, SetPassword: awsCustomResource({ service: 'CognitoIdentityServiceProvider', action: 'adminSetUserPassword', parameters: { UserPoolId: { Ref: 'Pool' }, Username: 'admin', Password: { Ref: 'AdminPassword' }, Permanent: true }, logApiResponseData: false }) },
    };
    const [f, ...rest] = sec12(t);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'violation', path: 'Properties.Create' });
    expect(f.message).toContain('Parameter Password of the adminSetUserPassword call is parameter AdminPassword (NoEcho');
  });

  test.each([
    ['the response hidden', describe_({ logApiResponseData: false })],
    ['a call whose response holds nothing secret', awsCustomResource({ service: 'SSM', action: 'getParameter', parameters: { Name: '/edge/web-acl-arn' } })],
    ['a secure dynamic reference as a parameter (CloudFormation passes it unresolved to custom resources)', awsCustomResource({ service: 'CognitoIdentityServiceProvider', action: 'adminSetUserPassword', parameters: { Password: '{{resolve:secretsmanager:demo/user:SecretString:password}}' }, logApiResponseData: false })],
  ])('compliant: %s', (_what, resource) => {
    expect(sec12({ Resources: { ...POOL, Client: client(true), R: resource } })).toEqual([]);
  });

  test('compliant: a Lambda-backed custom resource is not an SDK call (its handler cannot be read)', () => {
    expect(sec12({ Resources: { X: { Type: 'Custom::ClientSecretRetrieval', Properties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111122223333:function:x', UserPoolClientId: 'abc' } } } })).toEqual([]);
  });

  test('cannot tell: whether the response is decrypted comes from a parameter', () => {
    const t = { Parameters: { Decrypt: { Type: 'String' } }, Resources: { Call: awsCustomResource({ service: 'SSM', action: 'getParameter', parameters: { Name: '/k', WithDecryption: { Ref: 'Decrypt' } } }) } };
    expect(sec12(t).map((f) => f.kind)).toEqual(['cannot-tell']);
  });
});

describe('literal credentials, judged by value with the name as context', () => {
  const setPassword = (password: unknown) =>
    awsCustomResource({ service: 'CognitoIdentityServiceProvider', action: 'adminSetUserPassword', parameters: { UserPoolId: { Ref: 'Pool' }, Username: 'demo', Password: password, Permanent: true } });

  test("non-compliant: a test user's low-entropy password in an SDK call (written in the template, and logged)", () => {
    const found = audit({ Resources: { ...POOL, Set: setPassword('Orchard-Lamp-77') } });
    expect(summary(found)).toEqual(['TokenGuard-SEC11 violation Set Properties.Create', 'TokenGuard-SEC12 violation Set Properties.Create']);
    expect(found.find((f) => f.ruleId === 'TokenGuard-SEC11')!.message).toMatch(/^Parameter Password of the adminSetUserPassword call of Set is written in the template: a literal password \(.*sha256 [0-9a-f]{8}\)/);
  });

  test('non-compliant: a TemporaryPassword (named like a password, not a known property name)', () => {
    const t = { Resources: { ...POOL, Create: awsCustomResource({ service: 'CognitoIdentityServiceProvider', action: 'adminCreateUser', parameters: { UserPoolId: { Ref: 'Pool' }, Username: 'demo', TemporaryPassword: 'Reviewer#2024' } }) } };
    expect(summary(audit(t), 'TokenGuard-SEC11')).toEqual(['TokenGuard-SEC11 violation Create Properties.Create']);
  });

  test.each([['an empty value', ''], ['a placeholder', '<password>'], ['a Secrets Manager dynamic reference', '{{resolve:secretsmanager:demo/user:SecretString:password}}']])('compliant: %s', (_what, value) => {
    expect(summary(audit({ Resources: { ...POOL, Set: setPassword(value) } }), 'TokenGuard-SEC11')).toEqual([]);
  });

  test('cannot tell: a password imported from another stack', () => {
    expect(summary(audit({ Resources: { ...POOL, Set: setPassword({ 'Fn::ImportValue': 'demo-password' }) } }), 'TokenGuard-SEC11')).toEqual(['TokenGuard-SEC11 cannot-tell Set Properties.Create']);
  });

  test('outputs: a literal password under a password name is reported; an instruction, a placeholder and a policy are not', () => {
    const t = {
      Resources: POOL,
      Outputs: {
        DemoUserPassword: { Value: 'Lantern-Quiet-42' },
        AdminPassword: { Value: 'Set via the console after the first sign-in' },
        DefaultPassword: { Value: '' },
        InitialPassword: { Value: 'CHANGE_ME' },
        SamplePassword: { Value: '<your-password>' },
        PasswordPolicy: { Value: 'at least 12 characters' },
      },
    };
    expect(summary(audit(t))).toEqual(['TokenGuard-SEC7 violation DemoUserPassword Outputs.DemoUserPassword.Value']);
  });
});

describe("a Lambda-backed custom resource's secret-named properties (no schema): literals judged by value with the name as context", () => {
  const thing = (properties: Record<string, unknown>) => ({ Type: 'Custom::Thing', Properties: { ServiceToken: { 'Fn::GetAtt': ['Provider', 'Arn'] }, ...properties } });
  const sec11 = (properties: Record<string, unknown>, extra: Template = {}) => summary(audit({ ...extra, Resources: { Thing: thing(properties) } }), 'TokenGuard-SEC11');

  test.each([
    ['a list of secret names', { SecretsToReplicate: ['prod/orders/db', 'prod/orders/api'] }],
    ['a boolean flag', { ClientSecretGenerated: 'true' }],
    ['an enumeration word', { TokenKind: 'refresh' }],
    ['a count', { Tokens: '3' }],
    ['a mode', { TokensToRevoke: 'all' }],
  ])('compliant: %s', (_what, properties) => {
    expect(sec11(properties)).toEqual([]);
  });

  test('non-compliant: a written-out password, a generated-looking client secret, token material, a plaintext SSM reference', () => {
    expect(sec11({ Password: 'Orchard-Lamp-77' })).toEqual(['TokenGuard-SEC11 violation Thing Properties.Password']);
    expect(sec11({ ClientSecret: 'q7Vx2LmP9sKd4RtZ8wNb3YcH6fJe1UgA' })).toEqual(['TokenGuard-SEC11 violation Thing Properties.ClientSecret']);
    expect(sec11({ Secrets: ['prod/a', 'ghp_Zq8mN3vL7xR2kT9wY4bC6dF1hJ5pS0aE8uQi'] })).toEqual(['TokenGuard-SEC11 violation Thing Properties.Secrets']);
    expect(sec11({ AuthToken: '{{resolve:ssm:/app/auth-token}}' })).toEqual(['TokenGuard-SEC11 violation Thing Properties.AuthToken']);
  });

  test('cannot tell: a secret-named property imported from another stack', () => {
    expect(sec11({ ApiKey: { 'Fn::ImportValue': 'shared-ApiKey' } })).toEqual(['TokenGuard-SEC11 cannot-tell Thing Properties.ApiKey']);
  });
});
