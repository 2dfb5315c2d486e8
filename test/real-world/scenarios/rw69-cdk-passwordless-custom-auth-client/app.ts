/**
 * Reproduces aws-samples/amazon-cognito-passwordless-auth cdk/lib/cognito-passwordless.ts (commit
 * cb5d706ccb30de10ed4256c11be7346f64625d0a): a pool with the define/create/verify auth challenge triggers, a client
 * that allows only custom auth (generateSecret false, user existence errors prevented, OAuth left at the L2
 * default), and trigger functions whose environment names a DynamoDB "secrets" table, a KMS key id and expiry
 * settings. Names and values are this project's own.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw69');
  const code = lambda.Code.fromInline('exports.handler = async (event) => event;');
  const key = new kms.Key(stack, 'MagicLinkKey', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });
  const secretsTable = new dynamodb.Table(stack, 'SecretsTable', { partitionKey: { name: 'userNameHash', type: dynamodb.AttributeType.BINARY } });
  const fn = (id: string, environment: Record<string, string>) =>
    new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment });
  const create = fn('CreateAuthChallenge', {
    MAGIC_LINK_ENABLED: 'TRUE',
    SES_FROM_ADDRESS: 'no-reply@example.com',
    KMS_KEY_ID: key.keyId,
    DYNAMODB_SECRETS_TABLE: secretsTable.tableName,
    SECONDS_UNTIL_EXPIRY: '900',
    STACK_ID: stack.stackId,
  });
  const verify = fn('VerifyAuthChallenge', { DYNAMODB_SECRETS_TABLE: secretsTable.tableName, ALLOWED_ORIGINS: 'https://app.example.com' });
  const define = fn('DefineAuthChallenge', { LOG_LEVEL: 'INFO' });
  secretsTable.grantReadWriteData(create);
  secretsTable.grantReadWriteData(verify);
  const pool = new cognito.UserPool(stack, 'UserPool', {
    signInAliases: { email: true },
    lambdaTriggers: { createAuthChallenge: create, defineAuthChallenge: define, verifyAuthChallengeResponse: verify },
  });
  pool.addClient('UserPoolClient', {
    generateSecret: false,
    authFlows: { adminUserPassword: false, userPassword: false, userSrp: false, custom: true },
    preventUserExistenceErrors: true,
  });
  return templateOf(app, stack);
}
