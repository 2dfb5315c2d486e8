import { audit, only, Template, verdict } from './helpers';

const KEY = { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } };
const ROTATOR = { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Code: { ZipFile: 'x' } } };

function secretTemplate(secret: Record<string, unknown>, extra: Record<string, unknown> = {}, rest: Template = {}): Template {
  return {
    ...rest,
    Resources: {
      Key: KEY,
      Rotator: ROTATOR,
      Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] }, GenerateSecretString: {}, ...secret } },
      Schedule: {
        Type: 'AWS::SecretsManager::RotationSchedule',
        Properties: { SecretId: { Ref: 'Secret' }, RotationLambdaARN: { 'Fn::GetAtt': ['Rotator', 'Arn'] }, RotationRules: { ScheduleExpression: 'rate(7 days)' } },
      },
      ...extra,
    },
  };
}

function withoutSchedule(t: Template): Template {
  const { Schedule: _s, ...resources } = t.Resources as Record<string, unknown>;
  return { ...t, Resources: resources };
}

function schedule(props: Record<string, unknown>): Record<string, unknown> {
  return { Type: 'AWS::SecretsManager::RotationSchedule', Properties: props };
}

describe('the compliant baseline', () => {
  test('a secret with its own key and a 7-day rotation has no finding', () => {
    expect(audit(secretTemplate({}))).toEqual([]);
  });
});

describe('TokenGuard-SMG1 SecretCustomerManagedKey', () => {
  const id = 'TokenGuard-SMG1';
  test('compliant: a key or alias resource of the template, or a literal customer key ARN', () => {
    expect(verdict(audit(secretTemplate({})), id, 'Secret')).toBe('compliant');
    expect(verdict(audit(secretTemplate({ KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' })), id, 'Secret')).toBe('compliant');
  });
  test('non-compliant: absent, or the AWS managed key by alias or alias ARN', () => {
    const t = secretTemplate({});
    delete ((t.Resources as Record<string, { Properties: Record<string, unknown> }>).Secret.Properties).KmsKeyId;
    expect(only(audit(t), id, 'Secret')[0]).toMatchObject({ severity: 'error', path: 'Properties.KmsKeyId' });
    expect(verdict(audit(secretTemplate({ KmsKeyId: 'alias/aws/secretsmanager' })), id, 'Secret')).toBe('non-compliant');
    expect(verdict(audit(secretTemplate({ KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager' })), id, 'Secret')).toBe('non-compliant');
  });
  test('cannot tell: an imported key, or a parameter without default', () => {
    expect(verdict(audit(secretTemplate({ KmsKeyId: { 'Fn::ImportValue': 'shared-key' } })), id, 'Secret')).toBe('cannot-tell');
    expect(verdict(audit(secretTemplate({ KmsKeyId: { Ref: 'KeyArn' } }, {}, { Parameters: { KeyArn: { Type: 'String' } } })), id, 'Secret')).toBe('cannot-tell');
  });
});

describe('TokenGuard-SMG1 on ReplicaRegions (each replica has its own key)', () => {
  const id = 'TokenGuard-SMG1';
  const replicas = (...regions: Record<string, unknown>[]) => secretTemplate({ ReplicaRegions: regions }, {}, { Parameters: { ReplicaKey: { Type: 'String' } } });
  test('compliant: a customer key ARN, or an ARN built around this template\'s multi-Region key', () => {
    expect(verdict(audit(replicas({ Region: 'eu-west-2', KmsKeyId: 'arn:aws:kms:eu-west-2:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab' })), id, 'Secret')).toBe('compliant');
    const built = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:eu-west-2:111122223333:key/', { Ref: 'Key' }]] };
    expect(verdict(audit(replicas({ Region: 'eu-west-2', KmsKeyId: built })), id, 'Secret')).toBe('compliant');
  });
  test('non-compliant: a replica without KmsKeyId (the replica Region\'s aws/secretsmanager) or with the AWS managed alias', () => {
    const [f] = only(audit(replicas({ Region: 'eu-west-2', KmsKeyId: 'alias/custom' }, { Region: 'us-west-2' })), id, 'Secret');
    expect(f).toMatchObject({ severity: 'error', path: 'Properties.ReplicaRegions.1.KmsKeyId' });
    expect(verdict(audit(replicas({ Region: 'us-west-2', KmsKeyId: 'alias/aws/secretsmanager' })), id, 'Secret')).toBe('non-compliant');
  });
  test('cannot tell: a replica key from a parameter without default', () => {
    const [f, ...more] = only(audit(replicas({ Region: 'us-west-2', KmsKeyId: { Ref: 'ReplicaKey' } })), id, 'Secret');
    expect(more).toEqual([]);
    expect(f).toMatchObject({ kind: 'cannot-tell', path: 'Properties.ReplicaRegions.0.KmsKeyId' });
  });
});

describe('TokenGuard-SMG2 SecretRotationSchedule', () => {
  const id = 'TokenGuard-SMG2';
  test('non-compliant: no schedule', () => {
    const [f] = only(audit(withoutSchedule(secretTemplate({}))), id, 'Secret');
    expect(f.severity).toBe('error');
    expect(f.message).toContain('No AWS::SecretsManager::RotationSchedule');
  });
  test('compliant: schedule by Ref with rate() (and with AutomaticallyAfterDays)', () => {
    expect(verdict(audit(secretTemplate({})), id, 'Secret')).toBe('compliant');
    const t = secretTemplate({}, { Schedule: schedule({ SecretId: { Ref: 'Secret' }, RotationLambdaARN: 'arn:aws:lambda:eu-west-1:111122223333:function:rot', RotationRules: { AutomaticallyAfterDays: 7 } }) });
    expect(verdict(audit(t), id, 'Secret')).toBe('compliant');
  });
  test('compliant: schedule by literal name, by literal ARN, and through a target attachment (the CDK pattern)', () => {
    const byName = secretTemplate({ Name: 'prod/integration' }, { Schedule: schedule({ SecretId: 'prod/integration', HostedRotationLambda: { RotationType: 'PostgreSQLSingleUser' }, RotationRules: { ScheduleExpression: 'rate(4 hours)' } }) });
    expect(verdict(audit(byName), id, 'Secret')).toBe('compliant');
    const byArn = secretTemplate({ Name: 'prod/integration' }, { Schedule: schedule({ SecretId: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/integration-AbCdEf', RotationLambdaARN: 'arn:x', RotationRules: { AutomaticallyAfterDays: 7 } }) });
    expect(verdict(audit(byArn), id, 'Secret')).toBe('compliant');
    const attached = secretTemplate({}, {
      Attachment: { Type: 'AWS::SecretsManager::SecretTargetAttachment', Properties: { SecretId: { Ref: 'Secret' }, TargetId: 'db', TargetType: 'AWS::RDS::DBInstance' } },
      Schedule: schedule({ SecretId: { Ref: 'Attachment' }, RotationLambdaARN: 'arn:x', RotationRules: { AutomaticallyAfterDays: 7 } }),
    });
    expect(verdict(audit(attached), id, 'Secret')).toBe('compliant');
  });
  test('non-compliant: a schedule without a function or without rules', () => {
    const t = secretTemplate({}, { Schedule: schedule({ SecretId: { Ref: 'Secret' }, RotationRules: { AutomaticallyAfterDays: 7 } }) });
    expect(only(audit(t), id, 'Secret')[0].message).toContain('lacks a rotation function');
  });
  test('non-compliant when the only schedule is conditional: reported with the condition false', () => {
    const t = secretTemplate({}, {});
    (t.Resources as Record<string, Record<string, unknown>>).Schedule.Condition = 'Rotate';
    const [f] = only(audit({ ...t, Conditions: { Rotate: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } } }), id, 'Secret');
    expect(f.conditions).toEqual(['Rotate=false']);
  });
  test('a schedule for another secret does not count', () => {
    const t = secretTemplate({}, {
      Other: { Type: 'AWS::SecretsManager::Secret', Properties: { KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } },
      Schedule: schedule({ SecretId: { Ref: 'Other' }, RotationLambdaARN: 'arn:x', RotationRules: { AutomaticallyAfterDays: 7 } }),
    });
    expect(verdict(audit(t), id, 'Secret')).toBe('non-compliant');
    expect(verdict(audit(t), id, 'Other')).toBe('compliant');
  });
});

describe('TokenGuard-SMG2 with a schedule whose SecretId cannot be resolved', () => {
  const id = 'TokenGuard-SMG2';
  const rotating = (secretId: unknown) => schedule({ SecretId: secretId, RotationLambdaARN: 'arn:x', RotationRules: { AutomaticallyAfterDays: 7 } });
  const params = { Parameters: { TargetArn: { Type: 'String' }, SecretName: { Type: 'String' }, Named: { Type: 'String', Default: 'prod/other' } } };
  test('cannot tell: the only schedule names its secret by an import, a parameter without default, or an unknown intrinsic', () => {
    for (const secretId of [
      { 'Fn::ImportValue': 'shared-secret-arn' },
      { Ref: 'TargetArn' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${SecretName}' },
      { 'Fn::Transform': { Name: 'Lookup' } },
    ]) {
      const t = withoutSchedule(secretTemplate({}, { Unknown: rotating(secretId) }, params));
      const [f, ...more] = only(audit(t), id, 'Secret');
      expect(more).toEqual([]);
      expect(f).toMatchObject({ kind: 'cannot-tell', severity: 'warning' });
      expect(f.message).toContain('Unknown');
    }
  });
  test('compliant: a schedule names the secret, whatever another schedule targets; or both name the same parameter', () => {
    expect(verdict(audit(secretTemplate({}, { Unknown: rotating({ 'Fn::ImportValue': 'x' }) })), id, 'Secret')).toBe('compliant');
    const sameParameter = withoutSchedule(secretTemplate({ Name: { Ref: 'SecretName' } }, { ByName: rotating({ Ref: 'SecretName' }) }, params));
    expect(verdict(audit(sameParameter), id, 'Secret')).toBe('compliant');
  });
  test('non-compliant: the unresolved schedule rotates nothing, or the id is known to be another secret (a literal ARN, a default, another resource\'s secret)', () => {
    const noFunction = withoutSchedule(secretTemplate({}, { Unknown: schedule({ SecretId: { Ref: 'TargetArn' }, RotationRules: { AutomaticallyAfterDays: 7 } }) }, params));
    expect(verdict(audit(noFunction), id, 'Secret')).toBe('non-compliant');
    for (const secretId of [{ Ref: 'Named' }, 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:elsewhere-AbCdEf', { 'Fn::GetAtt': ['Db', 'MasterUserSecret.SecretArn'] }, { 'Fn::GetAtt': ['Lookup', 'SecretArn'] }]) {
      const t = withoutSchedule(secretTemplate({}, { Db: { Type: 'AWS::RDS::DBCluster', Properties: { ManageMasterUserPassword: true } }, Lookup: { Type: 'Custom::DatabaseUser', Properties: { ServiceToken: 'arn:x' } }, Other: rotating(secretId) }, params));
      expect(verdict(audit(t), id, 'Secret')).toBe('non-compliant');
    }
  });
});

describe('TokenGuard-SMG3 SecretRotationInterval', () => {
  const id = 'TokenGuard-SMG3';
  const withRules = (rules: unknown) => secretTemplate({}, { Schedule: schedule({ SecretId: { Ref: 'Secret' }, RotationLambdaARN: 'arn:x', RotationRules: rules }) });
  test.each([
    [{ ScheduleExpression: 'rate(7 days)' }, 'compliant'],
    [{ ScheduleExpression: 'rate(12 hours)' }, 'compliant'],
    [{ AutomaticallyAfterDays: 30 }, 'compliant'],
    [{ ScheduleExpression: 'cron(0 4 ? * MON *)' }, 'compliant'],
    [{ ScheduleExpression: 'cron(0 4 1,15 * ? *)' }, 'compliant'],
    [{ AutomaticallyAfterDays: 90 }, 'non-compliant'],
    [{ ScheduleExpression: 'rate(60 days)' }, 'non-compliant'],
    [{ ScheduleExpression: 'cron(0 4 1 * ? *)' }, 'non-compliant'],
    [{ ScheduleExpression: 'cron(0 4 1 1/3 ? *)' }, 'non-compliant'],
    [{ ScheduleExpression: 'every now and then' }, 'cannot-tell'],
    [{ AutomaticallyAfterDays: { 'Fn::ImportValue': 'days' } }, 'cannot-tell'],
  ])('%j is %s', (rules, expected) => {
    expect(verdict(audit(withRules(rules)), id, 'Schedule')).toBe(expected);
  });
  test('the warning names the interval and the policy setting, and follows the policy', () => {
    const [f] = only(audit(withRules({ AutomaticallyAfterDays: 90 })), id, 'Schedule');
    expect(f).toMatchObject({ severity: 'warning', path: 'Properties.RotationRules.AutomaticallyAfterDays' });
    expect(f.message).toContain('90 days');
    expect(f.message).toContain('secretRotationDays.warnAbove');
    expect(only(audit(withRules({ AutomaticallyAfterDays: 90 }), { secretRotationDays: { warnAbove: 90 } }), id, 'Schedule')).toHaveLength(0);
  });
});

describe('TokenGuard-SMG4 SecretValueInTemplate', () => {
  const id = 'TokenGuard-SMG4';
  const params = { Parameters: { Open: { Type: 'String' }, Hidden: { Type: 'String', NoEcho: true }, HiddenDefault: { Type: 'String', NoEcho: true, Default: 'x1' }, Placeholder: { Type: 'String', NoEcho: true, Default: '<>' } } };
  test('compliant: generated, an empty placeholder, a client secret attribute copied in', () => {
    expect(verdict(audit(secretTemplate({})), id, 'Secret')).toBe('compliant');
    expect(verdict(audit(secretTemplate({ GenerateSecretString: undefined, SecretString: '{"refreshToken":""}' })), id, 'Secret')).toBe('compliant');
    const fromClient = secretTemplate({ GenerateSecretString: undefined, SecretString: { 'Fn::GetAtt': ['Client', 'ClientSecret'] } }, {
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'x', GenerateSecret: true } },
    });
    expect(verdict(audit(fromClient), id, 'Secret')).toBe('compliant');
  });
  // Holdout class (session 5, holdout5 probes): a secret created with placeholders that are set out of band later.
  test.each(['<set by token-guard seed>', 'REPLACE_ME', 'changeme', '[your token]', '${REFRESH_TOKEN}', '***'])(
    'compliant: a placeholder literal under a secret key (%s)',
    (placeholder) => {
      expect(verdict(audit(secretTemplate({ GenerateSecretString: undefined, SecretString: JSON.stringify({ client_id: 'abc', refresh_token: placeholder }) })), id, 'Secret')).toBe('compliant');
      expect(verdict(audit(secretTemplate({ GenerateSecretString: undefined, SecretString: placeholder })), id, 'Secret')).toBe('compliant');
    },
  );
  test('compliant: literal non-secret keys beside a dynamic reference (a managed AD join secret)', () => {
    const t = secretTemplate({ SecretString: '{ "domainUsername" : "Admin", "domainPassword" : "{{resolve:secretsmanager:AdminPassword:SecretString:password}}" }' });
    expect(verdict(audit(t), id, 'Secret')).toBe('compliant');
  });
  test('compliant: parameters under non-secret keys (a username, a client id)', () => {
    const t = secretTemplate({ SecretString: { 'Fn::Sub': '{"username": "${Open}", "ClientID": "${Open}"}' } }, {}, params);
    expect(verdict(audit(t), id, 'Secret')).toBe('compliant');
  });
  test('non-compliant: a whole literal, and a literal under a secret-named key (errors)', () => {
    expect(only(audit(secretTemplate({ SecretString: 'hunter2-but-longer' })), id, 'Secret')[0].severity).toBe('error');
    const [f] = only(audit(secretTemplate({ SecretString: '{"username":"svc","password":"hunter2-but-longer"}' })), id, 'Secret');
    expect(f.severity).toBe('error');
    expect(f.message).toContain('"password"');
    const sub = secretTemplate({ SecretString: { 'Fn::Sub': '{"host":"${Open}","apiKey":"abcd1234efgh5678"}' } }, {}, params);
    expect(only(audit(sub), id, 'Secret')[0].message).toContain('"apiKey"');
  });
  test('a NoEcho parameter (no Default, or a placeholder one) under a secret key is a warning: the value still passes through CloudFormation', () => {
    const [f] = only(audit(secretTemplate({ SecretString: { 'Fn::Sub': '{"user":"svc","password":"${Hidden}"}' } }, {}, params)), id, 'Secret');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('NoEcho parameter Hidden');
    expect(verdict(audit(secretTemplate({ SecretString: { Ref: 'Placeholder' } }, {}, params)), id, 'Secret')).toBe('non-compliant');
  });
  test('a visible or defaulted parameter is reported once, on the parameter (TokenGuard-SEC6), not again here', () => {
    const visible = audit(secretTemplate({ SecretString: { 'Fn::Sub': '{"password":"${Open}"}' } }, {}, params));
    expect(verdict(visible, id, 'Secret')).toBe('compliant');
    expect(verdict(visible, 'TokenGuard-SEC6', 'Open')).toBe('non-compliant');
    const defaulted = audit(secretTemplate({ SecretString: { Ref: 'HiddenDefault' } }, {}, params));
    expect(verdict(defaulted, id, 'Secret')).toBe('compliant');
    expect(verdict(defaulted, 'TokenGuard-SEC6', 'HiddenDefault')).toBe('non-compliant');
  });
  test('the literal is never echoed', () => {
    const [f] = only(audit(secretTemplate({ SecretString: '{"token":"do_not_print_me_1234"}' })), id, 'Secret');
    expect(f.message).not.toContain('do_not_print');
  });
  test('cannot tell: a value imported from another stack', () => {
    expect(verdict(audit(secretTemplate({ SecretString: { 'Fn::ImportValue': 'x' } })), id, 'Secret')).toBe('cannot-tell');
  });
});

describe('TokenGuard-SMG5 SecretPolicyOpen', () => {
  const id = 'TokenGuard-SMG5';
  const policy = (statement: unknown) =>
    secretTemplate({}, { Policy: { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: { Ref: 'Secret' }, ResourcePolicy: { Version: '2012-10-17', Statement: statement } } } });
  test('compliant: named principals, a deny to "*", or "*" pinned to the account', () => {
    expect(verdict(audit(policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/broker' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }])), id, 'Policy')).toBe('compliant');
    expect(verdict(audit(policy([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }])), id, 'Policy')).toBe('compliant');
    expect(verdict(audit(policy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }])), id, 'Policy')).toBe('compliant');
  });
  test('non-compliant: "*" or NotPrincipal without a pinning condition; a policy given as a JSON string is read too', () => {
    const [f] = only(audit(policy({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' })), id, 'Policy');
    expect(f).toMatchObject({ severity: 'error', path: 'Properties.ResourcePolicy.Statement' });
    expect(f.message).toContain('Open');
    expect(verdict(audit(policy([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: '*', Resource: '*' }])), id, 'Policy')).toBe('non-compliant');
    const asString = secretTemplate({}, { Policy: { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: { Ref: 'Secret' }, ResourcePolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: '*', Resource: '*' }] }) } } });
    expect(only(audit(asString), id, 'Policy')[0].path).toBe('Properties.ResourcePolicy.Statement.0');
  });
  test('cannot tell: a policy imported from elsewhere', () => {
    const t = secretTemplate({}, { Policy: { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: { Ref: 'Secret' }, ResourcePolicy: { 'Fn::ImportValue': 'policy' } } } });
    expect(verdict(audit(t), id, 'Policy')).toBe('cannot-tell');
  });
});

describe('TokenGuard-SMG6 RotationPermissionSourceAccount', () => {
  const id = 'TokenGuard-SMG6';
  const permission = (extra: Record<string, unknown>) =>
    secretTemplate({}, { Permission: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Rotator' }, Principal: 'secretsmanager.amazonaws.com', ...extra } } });
  test('compliant with SourceAccount or SourceArn; other principals are not this rule\'s business', () => {
    expect(verdict(audit(permission({ SourceAccount: { Ref: 'AWS::AccountId' } })), id, 'Permission')).toBe('compliant');
    expect(verdict(audit(permission({ SourceArn: { Ref: 'Secret' } })), id, 'Permission')).toBe('compliant');
    expect(verdict(audit(permission({ Principal: 'events.amazonaws.com' })), id, 'Permission')).toBe('compliant');
  });
  test('non-compliant without either (a warning)', () => {
    expect(only(audit(permission({})), id, 'Permission')[0]).toMatchObject({ severity: 'warning', path: 'Properties.SourceAccount' });
  });
  test('non-compliant in the branch that drops SourceAccount', () => {
    const t = permission({ SourceAccount: { 'Fn::If': ['Pin', { Ref: 'AWS::AccountId' }, { Ref: 'AWS::NoValue' }] } });
    const findings = only(audit({ ...t, Conditions: { Pin: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'x'] } } }), id, 'Permission');
    expect(findings.map((f) => f.conditions)).toEqual([['Pin=false']]);
  });
});
