/**
 * Generated CloudFormation templates for the audit benchmark and the CLI tests: a realistic mix of the resources a
 * service stack holds (Cognito app clients, secrets with their KMS keys, rotation schedules and rotation permissions,
 * Lambda functions with roles, queues, topics, tables, buckets), in units of eleven resources.
 *
 * `riskyEvery: n` makes one unit in n risky the way real templates are: a client left at Cognito's defaults with
 * the implicit grant and password flows, a secret on the AWS managed key without rotation whose value comes from a
 * parameter, a function whose environment carries the client secret, a rotation permission without SourceAccount.
 * `riskyEvery: 0` makes every unit compliant.
 *
 * Also writes YAML in the short form people write by hand (`!Ref`, `!GetAtt a.b`, `!Sub`), with a small emitter of
 * our own so that the YAML benchmark does not depend on how the `yaml` library chooses to print.
 */

import { GOOD_CLIENT } from '../test/rules/helpers';

export interface GenerateOptions {
  /** How many resources, at least (whole units of eleven; the shared user pool and rotator add two). */
  readonly resources: number;
  /** One unit in this many is risky; 0 for none. */
  readonly riskyEvery: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ref = (id: string): Json => ({ Ref: id });
const getAtt = (id: string, attribute: string): Json => ({ 'Fn::GetAtt': [id, attribute] });
const sub = (text: string): Json => ({ 'Fn::Sub': text });

/** A template object; call toJson / toYaml to write it. */
export function generateTemplate(options: GenerateOptions): Record<string, Json> {
  const units = Math.max(1, Math.ceil((options.resources - 2) / 11));
  const resources: Record<string, Json> = {
    UserPool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: { UserPoolName: sub('${AWS::StackName}-users'), MfaConfiguration: 'OPTIONAL', AutoVerifiedAttributes: ['email'] },
    },
    RotatorRole: lambdaRole('Rotator', ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']),
  };
  const parameters: Record<string, Json> = {
    Stage: { Type: 'String', AllowedValues: ['dev', 'prod'], Default: 'dev' },
  };
  let risky = 0;
  for (let u = 0; u < units; u++) {
    const isRisky = options.riskyEvery > 0 && u % options.riskyEvery === 0;
    if (isRisky) risky++;
    Object.assign(resources, unit(u, isRisky));
    if (isRisky) parameters[`PartnerSecret${u}`] = { Type: 'String', Description: `Client secret of partner ${u}` };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Generated benchmark stack: ${units} service units, ${risky} risky`,
    Parameters: parameters,
    Conditions: { IsProd: { 'Fn::Equals': [ref('Stage'), 'prod'] } },
    Resources: resources,
    Outputs: {
      UserPoolId: { Value: ref('UserPool'), Export: { Name: sub('${AWS::StackName}-UserPoolId') } },
    },
  };
}

function lambdaRole(name: string, actions: string[]): Json {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')],
      Policies: [
        {
          PolicyName: `${name}Access`,
          PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
        },
      ],
    },
  };
}

function unit(u: number, risky: boolean): Record<string, Json> {
  const id = (name: string) => `${name}${u}`;
  const client: Json = risky
    ? {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: ref('UserPool'),
          ClientName: `partner-${u}`,
          GenerateSecret: true,
          RefreshTokenValidity: 3650,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: { 'Fn::If': ['IsProd', ['code'], ['code', 'implicit']] },
          AllowedOAuthScopes: ['openid', 'email', 'aws.cognito.signin.user.admin'],
          CallbackURLs: ['http://localhost:3000/callback', `https://partner${u}.example.com/callback`],
          SupportedIdentityProviders: ['COGNITO'],
        },
      }
    : {
        Type: 'AWS::Cognito::UserPoolClient',
        // The baseline the rule tests vary: short tokens, rotation, revocation, code flow only, HTTPS callback.
        Properties: { UserPoolId: ref('UserPool'), ClientName: `service-${u}`, ...(GOOD_CLIENT as Record<string, Json>), CallbackURLs: [`https://service${u}.example.com/callback`] },
      };
  const secret: Json = risky
    ? {
        Type: 'AWS::SecretsManager::Secret',
        Properties: {
          Description: `Partner ${u} credentials`,
          SecretString: sub(`{"clientId":"partner-${u}","clientSecret":"\${PartnerSecret${u}}"}`),
        },
      }
    : {
        Type: 'AWS::SecretsManager::Secret',
        Properties: {
          Description: `Refresh token vault of service ${u}`,
          KmsKeyId: ref(id('Key')),
          GenerateSecretString: { SecretStringTemplate: '{"username":"svc"}', GenerateStringKey: 'password', ExcludePunctuation: true },
        },
      };
  const out: Record<string, Json> = {
    [id('Client')]: client,
    [id('Key')]: {
      Type: 'AWS::KMS::Key',
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') }, Action: 'kms:*', Resource: '*' }],
        },
      },
    },
    [id('Secret')]: secret,
    [id('Permission')]: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(id('Fn'), 'Arn'),
        Principal: 'secretsmanager.amazonaws.com',
        ...(risky ? {} : { SourceAccount: ref('AWS::AccountId') }),
      },
    },
    [id('Fn')]: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: getAtt(id('Role'), 'Arn'),
        Timeout: 30,
        Code: { ZipFile: 'exports.handler = async () => ({ ok: true });' },
        Environment: {
          Variables: {
            QUEUE_URL: ref(id('Queue')),
            TOPIC_ARN: ref(id('Topic')),
            TABLE_NAME: ref(id('Table')),
            BUCKET: ref(id('Bucket')),
            SECRET_ARN: ref(id('Secret')),
            ...(risky ? { CLIENT_SECRET: getAtt(id('Client'), 'ClientSecret') } : {}),
          },
        },
      },
    },
    [id('Role')]: lambdaRole(id('Fn'), ['sqs:SendMessage', 'sns:Publish', 'dynamodb:PutItem', 's3:GetObject', 'secretsmanager:GetSecretValue']),
    [id('Table')]: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
    },
    [id('Queue')]: { Type: 'AWS::SQS::Queue', Properties: { KmsMasterKeyId: ref(id('Key')), VisibilityTimeout: 60 } },
    [id('Topic')]: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: ref(id('Key')) } },
    [id('Bucket')]: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: ref(id('Key')) } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
    },
  };
  if (!risky) {
    out[id('Rotation')] = {
      Type: 'AWS::SecretsManager::RotationSchedule',
      Properties: {
        SecretId: ref(id('Secret')),
        RotationLambdaARN: getAtt(id('Fn'), 'Arn'),
        RotationRules: { ScheduleExpression: 'rate(30 days)' },
      },
    };
  } else {
    out[id('Log')] = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 14 } };
  }
  return out;
}

/** JSON as `cdk synth` writes it (one-space indentation). */
export function toJson(template: unknown): string {
  return `${JSON.stringify(template, undefined, 1)}\n`;
}

const SHORT_FORM = new Set(['Ref', 'Condition', 'Fn::GetAtt', 'Fn::Sub', 'Fn::If', 'Fn::Equals', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::ImportValue', 'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Not', 'Fn::And', 'Fn::Or', 'Fn::Cidr']);

/** Block-style YAML with short-form intrinsic tags, as hand-written templates are. */
export function toYaml(template: unknown): string {
  const lines: string[] = [];
  emit(template, 0, lines);
  return `${lines.join('\n')}\n`;
}

function scalar(v: null | boolean | number | string): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  // Plain when unambiguous; JSON double quotes (valid YAML) otherwise.
  if (/^[A-Za-z_/][A-Za-z0-9_.\-/ :]*$/.test(v) && !/: |:$| #/.test(v) && !/^(?:y|n|yes|no|on|off|true|false|null)$/i.test(v)) return v;
  return JSON.stringify(v);
}

function intrinsic(v: unknown): [string, unknown] | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1 || !SHORT_FORM.has(keys[0])) return undefined;
  const key = keys[0];
  const tag = key === 'Ref' || key === 'Condition' ? `!${key}` : `!${key.slice(4)}`;
  return [tag, (v as Record<string, unknown>)[key]];
}

/** Inline form of a value (for sequences of scalars and tagged scalars). */
function inline(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return scalar(v as string);
  const tagged = intrinsic(v);
  if (tagged) {
    const [tag, inner] = tagged;
    if (tag === '!GetAtt' && Array.isArray(inner) && inner.length === 2) return `${tag} ${inner.join('.')}`;
    if (inner === null || typeof inner !== 'object') return `${tag} ${scalar(inner as string)}`;
    const flow = inline(inner);
    return flow === undefined ? undefined : `${tag} ${flow}`;
  }
  if (Array.isArray(v)) {
    const parts = v.map(inline);
    if (parts.some((p) => p === undefined || p.startsWith('!'))) return undefined;
    return `[${parts.join(', ')}]`;
  }
  return undefined;
}

function emit(v: unknown, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v) {
      const flat = inline(item);
      if (flat !== undefined) lines.push(`${pad}- ${flat}`);
      else {
        const start = lines.length;
        emit(item, indent + 2, lines);
        lines[start] = `${pad}- ${lines[start].slice(indent + 2)}`;
      }
    }
    return;
  }
  for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
    const flat = inline(value);
    if (flat !== undefined) {
      lines.push(`${pad}${scalar(key)}: ${flat}`);
      continue;
    }
    const tagged = intrinsic(value);
    if (tagged) {
      lines.push(`${pad}${scalar(key)}: ${tagged[0]}`);
      emit(tagged[1], indent + 2, lines);
    } else if (Array.isArray(value) && value.length === 0) {
      lines.push(`${pad}${scalar(key)}: []`);
    } else if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) {
      lines.push(`${pad}${scalar(key)}: {}`);
    } else {
      lines.push(`${pad}${scalar(key)}:`);
      emit(value, indent + 2, lines);
    }
  }
}
