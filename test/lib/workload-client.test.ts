import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TokenGuardValidationError } from '../../lib/internal/policy';
import { UNSEEDED_CLIENT_CREDENTIALS, WorkloadClient, WorkloadClientProps } from '../../lib/workload-client';
import { MATERIAL_TAG_KEY } from '../../rules/engine/material';
import { expectGuardedResourcePolicy, NEWEST_NODE, poolStack, testApp } from './helpers';

const CLIENT = 'AWS::Cognito::UserPoolClient';

// One synthesised stack for the template assertions: bundling the rotation function is the expensive part.
const { stack, pool, readScope } = poolStack();
const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
const workload = new WorkloadClient(stack, 'Workload', { userPool: pool, scopes: [readScope], consumers: [consumer] });
const template = Template.fromStack(stack);
const id = (c: { node: { defaultChild?: unknown } } | undefined) => stack.getLogicalId((c as { node: { defaultChild: never } }).node.defaultChild);
const secretRef = { Ref: id(workload.secret as never) };
const keyArn = { 'Fn::GetAtt': [id(workload.encryptionKey as never), 'Arn'] };
const roleArn = { 'Fn::GetAtt': [stack.getLogicalId(workload.rotationFunction.role!.node.defaultChild as never), 'Arn'] };

describe('WorkloadClient: the app client', () => {
  test('client credentials only, resource-server scopes only, short access tokens', () => {
    template.hasResourceProperties(CLIENT, {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: [{ 'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('^PoolApi') }, '/read']] }],
      AccessTokenValidity: 5,
      TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes' }),
    });
  });

  test('no flow that issues refresh tokens: ALLOW_CLIENT_TOKEN_AUTH is its only explicit flow', () => {
    template.hasResourceProperties(CLIENT, { ExplicitAuthFlows: ['ALLOW_CLIENT_TOKEN_AUTH'] });
    const props = Object.values(template.findResources(CLIENT))[0].Properties;
    expect(JSON.stringify(props)).not.toMatch(/"code"|implicit|USER_SRP|PASSWORD|CUSTOM_AUTH|REFRESH_TOKEN_AUTH|CallbackURLs/);
  });

  test('confidential (AddUserPoolClientSecret needs it), but no secret value is read anywhere in the template', () => {
    template.hasResourceProperties(CLIENT, { GenerateSecret: true, EnableTokenRevocation: true, PreventUserExistenceErrors: 'ENABLED' });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/ClientSecret"\]|DescribeUserPoolClient/);
    template.resourceCountIs('Custom::DescribeCognitoUserPoolClient', 0);
  });

  test('ID and refresh lifetimes at Cognito’s minimum, though neither is ever issued', () => {
    template.hasResourceProperties(CLIENT, { IdTokenValidity: 5, RefreshTokenValidity: 60, AuthSessionValidity: 3 });
  });
});

describe('WorkloadClient: the secret', () => {
  test('its own KMS key with rotation on; tagged as client-secret material', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Tags: Match.arrayWith([{ Key: MATERIAL_TAG_KEY, Value: 'client-secret' }]),
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: keyArn,
      SecretString: UNSEEDED_CLIENT_CREDENTIALS,
      Tags: Match.arrayWith([{ Key: MATERIAL_TAG_KEY, Value: 'client-secret' }]),
    });
    expect(JSON.parse(UNSEEDED_CLIENT_CREDENTIALS)).toEqual({ clientId: '', clientSecret: '' });
  });

  test('resource policy: non-TLS denied; the value denied to all but the rotator and the consumers; public policies blocked', () => {
    expectGuardedResourcePolicy(template, secretRef, [roleArn, { 'Fn::GetAtt': [stack.getLogicalId(consumer.node.defaultChild as never), 'Arn'] }]);
  });

  test('rotation schedule every 30 days, starting at once (the seeding rotation), after its permissions exist', () => {
    const schedules = template.findResources('AWS::SecretsManager::RotationSchedule');
    expect(Object.values(schedules)).toHaveLength(1);
    const [schedule] = Object.values(schedules);
    expect(schedule.Properties).toEqual({
      SecretId: secretRef,
      RotationLambdaARN: { 'Fn::GetAtt': [stack.getLogicalId(workload.rotationFunction.node.defaultChild as never), 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
      RotateImmediatelyOnUpdate: true,
    });
    expect(schedule.DependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^WorkloadRotationInvokeBySecretsManager/),
        expect.stringMatching(/^WorkloadRotationRotatorAccess/),
        expect.stringMatching(/^WorkloadCredentialsResourcePolicy/),
      ]),
    );
  });

  test('Secrets Manager may invoke the rotation function from this account only (aws:SourceAccount)', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'secretsmanager.amazonaws.com' }, 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'secretsmanager.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  test('consumers get read access to this secret only, decrypting through Secrets Manager only', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: stack.getLogicalId(consumer.node.defaultChild as never) }],
      PolicyDocument: {
        Statement: [
          { Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: secretRef },
          {
            Action: 'kms:Decrypt',
            Effect: 'Allow',
            Resource: keyArn,
            Condition: { StringEquals: { 'kms:ViaService': Match.anyValue(), 'kms:EncryptionContext:SecretARN': secretRef } },
          },
        ],
      },
    });
  });
});

describe('WorkloadClient: the rotation function', () => {
  test('the newest Node.js on ARM64, one concurrent execution, its own log group with retention, encrypted', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: NEWEST_NODE,
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: 1,
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^WorkloadSecretRotationLogs') } },
      Environment: {
        Variables: Match.objectLike({ USER_POOL_ID: { Ref: Match.stringLikeRegexp('^Pool') }, CLIENT_ID: { Ref: id(workload.userPoolClient) }, SECRET_ARN: secretRef }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: keyArn, LogGroupName: Match.stringLikeRegexp('^/cdk-token-guard/.+/secret-rotation$') });
  });

  test('no secret or token in its environment', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['CLIENT_ID', 'LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'SECRET_ARN', 'USER_POOL_ID']);
  });

  test('IAM: the one secret, the one key (through Secrets Manager), the one user pool, its own logs; no wildcard, no inline or AWS managed policy', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const roleId = stack.getLogicalId(workload.rotationFunction.role!.node.defaultChild as never);
    const role = template.toJSON().Resources[roleId];
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).not.toMatch(/arn:aws:iam::aws:policy/);
    const attached = new Set(role.Properties.ManagedPolicyArns.map((r: { Ref: string }) => r.Ref));
    const statements = Object.entries(template.findResources('AWS::IAM::ManagedPolicy'))
      .filter(([logicalId, p]) => attached.has(logicalId) || JSON.stringify(p.Properties.Roles ?? []).includes(roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^WorkloadSecretRotationLogs/), 'Arn'] } }),
        expect.objectContaining({
          Action: ['cognito-idp:AddUserPoolClientSecret', 'cognito-idp:DeleteUserPoolClientSecret', 'cognito-idp:ListUserPoolClientSecrets'],
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Pool/), 'Arn'] },
        }),
        expect.objectContaining({
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
          Resource: secretRef,
        }),
        expect.objectContaining({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn }),
      ]),
    );
    expect(statements).toHaveLength(4);
    for (const s of statements) expect(JSON.stringify(s.Resource)).not.toContain('*');
  });

  test('the key lets CloudWatch Logs encrypt the construct’s own log groups only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchLogsForRotatorLogGroups',
            Principal: { Service: Match.anyValue() },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });
});

describe('WorkloadClient: props beyond the policy or the service fail at synth', () => {
  const build = (props: Partial<WorkloadClientProps>, context?: Record<string, unknown>) => {
    const s = poolStack(testApp(context ? { context } : {}));
    return new WorkloadClient(s.stack, 'Workload', { userPool: s.pool, scopes: [s.readScope], ...props });
  };

  test.each<[string, Partial<WorkloadClientProps>, string]>([
    ['access token', { accessTokenValidity: Duration.hours(2) }, 'WorkloadClient accessTokenValidity: 2 hours exceeds the policy ceiling of 60 minutes (accessTokenMinutes.errorAbove)'],
    ['user scope', { scopes: [cognito.OAuthScope.OPENID] }, 'WorkloadClient scopes: openid is a user scope'],
    ['admin scope', { scopes: [cognito.OAuthScope.COGNITO_ADMIN] }, 'WorkloadClient scopes: aws.cognito.signin.user.admin is a user scope'],
    ['no scope', { scopes: [] }, 'WorkloadClient scopes: at least one resource-server scope is required'],
    ['rotation too often', { secretRotationInterval: Duration.hours(2) }, "WorkloadClient secretRotationInterval: must be between 4 hours and 1000 days (Secrets Manager's rotation schedule range); received 2 hours"],
    ['rotation in minutes', { secretRotationInterval: Duration.minutes(270) }, 'WorkloadClient secretRotationInterval: must be a whole number of hours'],
  ])('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(TokenGuardValidationError);
    expect(() => build(props)).toThrow(message);
  });

  test('a rotation interval above the policy target draws a warning', () => {
    const w = build({ secretRotationInterval: Duration.days(45) });
    Annotations.fromStack(Stack.of(w)).hasWarning('/Stack/Workload', Match.stringLikeRegexp('secretRotationInterval: 45 days is above the policy target of 30 days'));
  });
});
