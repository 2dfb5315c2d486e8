/**
 * `TokenBroker`'s synthesised template: who may invoke it, what its roles may do, the rotation attachment, the
 * revocation function, the alarms and the unexpected-read alert, the synth-time checks, and that it passes
 * TokenGuardChecks and cdk-nag's four packs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DelegatedClient, RefreshTokenVault, TokenBroker, type TokenBrokerProps, type VaultChangeAlert } from '../../lib';
import { allPacks, expectGuardedResourcePolicy, MANAGEMENT_ACTIONS, NEWEST_NODE, packFindings, poolStack, testApp } from './helpers';

const logicalId = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

function brokerStack(options: { props?: Partial<TokenBrokerProps>; access?: Duration; grace?: Duration } = {}) {
  const { app, stack, pool } = poolStack(testApp());
  const client = new DelegatedClient(stack, 'Integration', {
    userPool: pool,
    callbackUrls: ['https://app.example.com/callback'],
    accessTokenValidity: options.access ?? Duration.minutes(15),
    refreshTokenRotationGracePeriod: options.grace,
  });
  const vault = new RefreshTokenVault(stack, 'Vault', { client });
  const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const bystander = new iam.Role(stack, 'Bystander', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const oncall = new iam.Role(stack, 'Oncall', { assumedBy: new iam.AccountRootPrincipal(), description: 'incident response' });
  const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal(), description: 'runs token-guard seed and revoke' });
  const broker = new TokenBroker(stack, 'Broker', { vault, consumers: [consumer], revokers: [oncall], serviceUser: { userPool: pool, username: 'crm-integration' }, ...options.props });
  broker.grantOperator(operator);
  return { app, stack, pool, client, vault, consumer, bystander, oncall, operator, broker };
}

describe('TokenBroker: what it deploys', () => {
  const s = brokerStack();
  const template = Template.fromStack(s.stack);
  const fnArn = { 'Fn::GetAtt': [logicalId(s.stack, s.broker.function), 'Arn'] };
  const rotationArn = { 'Fn::GetAtt': [logicalId(s.stack, s.broker.rotationFunction), 'Arn'] };
  const secretRef = { Ref: logicalId(s.stack, s.vault.secret) };
  const keyArn = { 'Fn::GetAtt': [logicalId(s.stack, s.vault.encryptionKey), 'Arn'] };
  const roleArn = (fn: { role?: iam.IRole }) => ({ 'Fn::GetAtt': [logicalId(s.stack, fn.role as iam.Role), 'Arn'] });
  /** Every statement of every policy that applies to `role`: attached through the policy's Roles or the role's ManagedPolicyArns. */
  const statementsOf = (role: iam.IRole) => {
    const roleId = logicalId(s.stack, role as iam.Role);
    const attached = JSON.stringify(template.findResources('AWS::IAM::Role')[roleId]?.Properties.ManagedPolicyArns ?? []);
    const policies = { ...template.findResources('AWS::IAM::ManagedPolicy'), ...template.findResources('AWS::IAM::Policy') };
    return Object.entries(policies)
      .filter(([id, p]) => JSON.stringify(p.Properties.Roles ?? []).includes(`"${roleId}"`) || attached.includes(`"${id}"`))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
  };

  test('the broker function: the newest Node.js on ARM64, bounded concurrency and timeout, encrypted logs kept a year, configured by environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: NEWEST_NODE,
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 30,
      ReservedConcurrentExecutions: 2,
      Environment: {
        Variables: Match.objectLike({
          VAULT_SECRET_ARN: secretRef,
          CLIENT_ID: { Ref: logicalId(s.stack, s.client.userPoolClient) },
          GRANT_NAME: s.broker.grantName,
          GRACE_SECONDS: '60',
          MIN_VALIDITY_SECONDS: '120',
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `${s.vault.logGroupPrefix}broker`, RetentionInDays: 365, KmsKeyId: keyArn });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `${s.vault.logGroupPrefix}broker-rotation`, RetentionInDays: 365, KmsKeyId: keyArn });
  });

  test('only the consumers may invoke the broker: a managed policy on each, no resource-based permission, no URL', () => {
    const invokers = Object.values({ ...template.findResources('AWS::IAM::Policy'), ...template.findResources('AWS::IAM::ManagedPolicy') })
      .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('lambda:InvokeFunction') && JSON.stringify(p.Properties.PolicyDocument).includes(JSON.stringify(fnArn)))
      .map((p) => ({ roles: p.Properties.Roles as unknown[], statements: p.Properties.PolicyDocument.Statement as unknown[] }));
    expect(invokers).toEqual([{ roles: [{ Ref: logicalId(s.stack, s.consumer) }], statements: [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: fnArn }] }]);
    expect(statementsOf(s.bystander)).toEqual([]);
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map((p) => p.Properties);
    expect(permissions.filter((p) => JSON.stringify(p.FunctionName) === JSON.stringify(fnArn))).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Url', 0);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
  });

  /** The vault as a writer of its protocol uses it: the one secret (read, write, list versions), its key through Secrets Manager only. */
  const vaultWriter = [
    {
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
      Effect: 'Allow',
      Resource: secretRef,
    },
    { Sid: 'ListVaultVersions', Action: 'secretsmanager:ListSecretVersionIds', Effect: 'Allow', Resource: secretRef },
    {
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Effect: 'Allow',
      Resource: keyArn,
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] }, 'kms:EncryptionContext:SecretARN': secretRef } },
    },
  ];

  test("the broker's role: the one secret (read, write, list versions), its key through Secrets Manager only, its own logs; no Cognito permission (the calls it makes need none)", () => {
    const statements = statementsOf(s.broker.function.role as iam.IRole);
    expect(statements).toEqual(expect.arrayContaining(vaultWriter));
    expect(statements).toContainEqual({
      Sid: 'WriteOwnLogs',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [s.stack.getLogicalId(s.broker.node.findChild('Broker').node.findChild('Logs').node.defaultChild as never), 'Arn'] },
    });
    expect(statements).toHaveLength(4);
    expect(JSON.stringify(statements)).not.toContain('cognito-idp');
    expect(JSON.stringify(statements)).not.toContain('"Resource":"*"');
  });

  test('the vault admits the broker, its rotation and revocation functions and the operator, and nobody else', () => {
    expectGuardedResourcePolicy(template, secretRef, [
      roleArn(s.broker.function),
      roleArn(s.broker.rotationFunction),
      roleArn(s.broker.revocationFunction),
      { 'Fn::GetAtt': [logicalId(s.stack, s.operator), 'Arn'] },
    ]);
  });

  test("the vault's schedule runs the broker's rotation function; Secrets Manager may invoke it from this account only", () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { SecretId: secretRef, RotationLambdaARN: rotationArn, RotationRules: { ScheduleExpression: 'rate(42 hours)' } });
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'secretsmanager.amazonaws.com', FunctionName: rotationArn, SourceAccount: { Ref: 'AWS::AccountId' } });
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: NEWEST_NODE, Architectures: ['arm64'], ReservedConcurrentExecutions: 1, Timeout: 60 });
    // The vault's default (empty-vault) rotator is gone: the broker, the rotation and the revocation remain.
    template.resourceCountIs('AWS::Lambda::Function', 3);
  });

  test('the revocation function: the newest Node.js on ARM64, one at a time, two minutes, encrypted logs, configured with the lifetime and the service user', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: NEWEST_NODE,
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: 1,
      Timeout: 120,
      Environment: {
        Variables: Match.objectLike({
          VAULT_SECRET_ARN: secretRef,
          CLIENT_ID: { Ref: logicalId(s.stack, s.client.userPoolClient) },
          GRANT_NAME: s.broker.grantName,
          ACCESS_TOKEN_VALIDITY_SECONDS: '900',
          SIGN_OUT_USER_POOL_ID: { Ref: logicalId(s.stack, s.pool) },
          SIGN_OUT_USERNAME: 'crm-integration',
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `${s.vault.logGroupPrefix}revocation`, RetentionInDays: 365, KmsKeyId: keyArn });
  });

  test("the revocation function's role: the one secret and its key as the broker's, and AdminUserGlobalSignOut on the one user pool; RevokeToken needs no IAM", () => {
    const statements = statementsOf(s.broker.revocationFunction.role as iam.IRole);
    expect(statements).toEqual(
      expect.arrayContaining([
        ...vaultWriter,
        { Sid: 'SignOutTheServiceUser', Action: 'cognito-idp:AdminUserGlobalSignOut', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId(s.stack, s.pool), 'Arn'] } },
      ]),
    );
    expect(statements).toHaveLength(5); // and its own log group
    expect(JSON.stringify(statements).match(/cognito-idp:\w+/g)).toEqual(['cognito-idp:AdminUserGlobalSignOut']);
    expect(JSON.stringify(statements)).not.toContain('"Resource":"*"');
  });

  test('revokers may invoke the revocation function and nothing else; the operator is admitted to the vault and may list its versions', () => {
    const revocationArn = { 'Fn::GetAtt': [logicalId(s.stack, s.broker.revocationFunction), 'Arn'] };
    expect(statementsOf(s.oncall)).toEqual([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: revocationArn }]);
    const operator = statementsOf(s.operator);
    expect(operator).toContainEqual({ Sid: 'ListVaultVersions', Action: 'secretsmanager:ListSecretVersionIds', Effect: 'Allow', Resource: secretRef });
    expect(operator).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']), Resource: secretRef }));
    expect(JSON.stringify(operator)).not.toContain('lambda:InvokeFunction');
  });

  test('unexpected reads of the vault: an EventBridge rule for read-only CloudTrail management events, matching the vault by ARN, name or partial ARN, excluding the three functions\' roles, to the topic', () => {
    const rule = s.broker.unexpectedReadAlert?.rule as events.Rule;
    const topicRef = { Ref: logicalId(s.stack, s.broker.alarmTopic as sns.Topic) };
    const resourceName = { 'Fn::Select': [6, { 'Fn::Split': [':', secretRef] }] };
    const name = { 'Fn::Join': ['-', [0, 1].map((i) => ({ 'Fn::Select': [i, { 'Fn::Split': ['-', resourceName] }] }))] };
    const partialArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':secret:', name]] };
    template.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      EventPattern: {
        source: ['aws.secretsmanager'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['secretsmanager.amazonaws.com'],
          eventName: ['GetSecretValue'],
          requestParameters: { secretId: [secretRef, name, partialArn] },
          $or: [
            {
              userIdentity: {
                type: ['AssumedRole'],
                sessionContext: { sessionIssuer: { arn: [{ 'anything-but': [roleArn(s.broker.function), roleArn(s.broker.rotationFunction), roleArn(s.broker.revocationFunction)] }] } },
              },
            },
            { userIdentity: { type: [{ 'anything-but': ['AssumedRole'] }] } },
          ],
        },
      },
      Targets: [{ Arn: topicRef, Id: 'Target0', InputTransformer: Match.objectLike({ InputPathsMap: Match.objectLike({ 'detail-userIdentity-arn': '$.detail.userIdentity.arn' }) }) }],
    });
    // EventBridge may publish to the topic for this rule only, and use the topic's key for rules of this account only.
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(s.stack, rule), 'Arn'] } } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'EventBridgeRulesPublish', Principal: { Service: 'events.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
        ]),
      },
    });
  });

  test('changes to what protects the vault alert: its configuration and key by anyone, its value by anyone but the three functions', () => {
    const alert = s.broker.vaultChangeAlert as VaultChangeAlert;
    const topicRef = { Ref: logicalId(s.stack, s.broker.alarmTopic as sns.Topic) };
    const ruleOf = (rule: events.Rule) => template.findResources('AWS::Events::Rule')[logicalId(s.stack, rule)]?.Properties;
    const configuration = ruleOf(alert.configurationRule);
    expect(configuration.EventPattern.detail.eventName).toEqual(MANAGEMENT_ACTIONS.map((a) => a.replace('secretsmanager:', '')));
    expect(configuration.EventPattern.detail.requestParameters.secretId[0]).toEqual(secretRef);
    expect(configuration.EventPattern.detail.$or).toBeUndefined(); // anyone: a deployment's change alerts too
    const writes = ruleOf(alert.writeRule);
    expect(writes.EventPattern.detail.eventName).toEqual(['PutSecretValue', 'UpdateSecretVersionStage']);
    expect(writes.EventPattern.detail.$or[0].userIdentity.sessionContext.sessionIssuer.arn).toEqual([
      { 'anything-but': [roleArn(s.broker.function), roleArn(s.broker.rotationFunction), roleArn(s.broker.revocationFunction)] },
    ]);
    const key = ruleOf(alert.keyRule);
    expect(key.EventPattern).toEqual({
      source: ['aws.kms'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['kms.amazonaws.com'], eventName: ['PutKeyPolicy', 'ScheduleKeyDeletion', 'DisableKey', 'DisableKeyRotation'], resources: { ARN: [keyArn] } },
    });
    for (const rule of [configuration, writes, key]) expect(rule.Targets).toEqual([expect.objectContaining({ Arn: topicRef })]);
  });

  test('the daily write bound at these settings, and the budget the functions enforce', () => {
    expect(s.broker.dailyVersionBound).toBe(115); // 111 refreshes (every 13 minutes) + 1 rotation (every 42 hours) + 3
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MAX_VERSIONS_PER_DAY: '144' }) } });
  });

  test('alarms on the failure metrics (EMF, namespace CdkTokenGuard, dimension Grant) notify an encrypted topic', () => {
    const topicRef = { Ref: logicalId(s.stack, s.broker.alarmTopic as sns.Topic) };
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    for (const metric of ['BrokerFailure', 'RotationFailure', 'GrantUnusable', 'RevocationFailure']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'CdkTokenGuard',
        MetricName: metric,
        Dimensions: [{ Name: 'Grant', Value: s.broker.grantName }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicRef],
      });
    }
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } });
  });

  test('a topic given is used instead of a new one; the read alert can be left out', () => {
    const { app, stack, pool } = poolStack(testApp());
    const client = new DelegatedClient(stack, 'Integration', { userPool: pool, callbackUrls: ['https://app.example.com/callback'], accessTokenValidity: Duration.minutes(15) });
    const topic = sns.Topic.fromTopicArn(stack, 'Ops', 'arn:aws:sns:us-east-1:123456789012:ops');
    const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new TokenBroker(stack, 'Broker', { vault: new RefreshTokenVault(stack, 'Vault', { client }), consumers: [consumer], alarmTopic: topic });
    new TokenBroker(stack, 'Quiet', { vault: new RefreshTokenVault(stack, 'Vault2', { client }), consumers: [consumer], alarmTopic: topic, unexpectedReadAlert: false, vaultChangeAlert: false });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.resourceCountIs('AWS::SNS::TopicPolicy', 0); // the given topic's policy is its owner's to write (README says what it needs)
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ops'] });
    t.resourceCountIs('AWS::Events::Rule', 4); // the first broker's read alert and its three change rules
    t.hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: 'arn:aws:sns:us-east-1:123456789012:ops' })] });
    expect(app).toBeDefined();
  });
});

describe('TokenBroker: refused at synth', () => {
  test.each([
    [
      "DelegatedClient's default 5-minute access tokens (a refresh, and a secret version, every 3 minutes)",
      { access: Duration.minutes(5) },
      /TokenBroker minValidity: with access tokens of 5 minutes and minValidity 2 minutes the broker may refresh \(and write a secret version\) every 3 minutes: 484 versions a day with the vault's rotations and an operator's seed, more than the 141 a budget of maxVersionsPerDay 144 leaves \(Secrets Manager advises one write per 10 minutes sustained\); access tokens must live at least 12 minutes 31 seconds/,
    ],
    ['a margin that leaves 9 minutes between refreshes', { access: Duration.minutes(15), props: { minValidity: Duration.minutes(6) } }, /164 versions a day .* access tokens must live at least 16 minutes 31 seconds/],
    ['15-minute access tokens under a budget set to the strictest reading of the quota (96 a day)', { props: { maxVersionsPerDay: 96 } }, /115 versions a day .* more than the 93 a budget of maxVersionsPerDay 96 leaves/],
    ['a budget that is not a whole number of versions', { props: { maxVersionsPerDay: 14.5 } }, /TokenBroker maxVersionsPerDay: must be a whole number from 10 to 10000/],
    ['a grace period too short to recover from a crash', { grace: Duration.seconds(10) }, /refreshTokenRotationGracePeriod of 10 seconds is below 30 seconds/],
    ['a margin under 30 seconds', { props: { minValidity: Duration.seconds(5) } }, /TokenBroker minValidity: must be between 30 seconds and 1 hour/],
    ['no consumer', { props: { consumers: [] } }, /TokenBroker consumers: name at least one principal/],
  ])('%s', (_name, options, message) => {
    expect(() => brokerStack(options as Parameters<typeof brokerStack>[0])).toThrow(message);
  });
});

describe('TokenBroker: the packs', () => {
  test('no unacknowledged finding from TokenGuardChecks, AwsSolutions, NIST 800-53 R5, HIPAA or PCI DSS', () => {
    expect(packFindings(brokerStack().app)).toEqual([]);
  });

  test('end to end: synth with the five packs; the three functions deploy their pre-built bundles, SDK clients inside', () => {
    const { app } = brokerStack();
    Validations.of(app).addPlugins(...allPacks());
    const assembly = app.synth();
    const stack = assembly.getStackByName('Stack');
    // The bundles the template's functions deploy (the vault's replaced default rotator was staged, but is not used).
    const hashes = Object.values(stack.template.Resources as Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => String(r.Properties.Code?.S3Key).replace(/\.zip$/, ''));
    expect(hashes).toHaveLength(3);
    const bundles = hashes.map((hash) => fs.readFileSync(path.join(assembly.directory, `asset.${hash}`, 'index.js'), 'utf8'));
    for (const bundle of bundles) {
      expect(bundle.includes('RevokeToken')).toBe(true);
      expect(/require\("@aws-sdk\/client-/.test(bundle)).toBe(false);
    }
    expect(bundles.filter((b) => b.includes('GetTokensFromRefreshToken')).length).toBe(3);
    expect(bundles.filter((b) => b.includes('the revoked tombstone is committed')).length).toBe(1);
  }, 60_000);
});
