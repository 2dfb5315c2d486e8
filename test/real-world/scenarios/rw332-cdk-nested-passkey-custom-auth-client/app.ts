/**
 * Written after Engam/webauthn-passkey-example-aws-cdk-cognito (lib/cognito/cognito-stack.ts, lib/lambda/lambda-stack.ts
 * and lib/dynamodb/dynamodb-stack.ts): a passkey (WebAuthn) sign-in example built from NestedStacks - a DynamoDB child
 * with the passkey table, a Lambda child with the three custom-auth challenge functions (given the relying-party id),
 * and a Cognito child with a phone-number user pool whose custom-auth triggers are the other child's functions and a
 * web client with the password, custom and SRP flows, 60-minute access and ID tokens, 30-day refresh tokens, a
 * 3-minute auth session, revocation on, OAuth disabled and existence errors hidden. The Cognito child's template (as
 * cdk.out writes it) is audited. Function code is inline here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const main = new Stack(app, 'PasskeyAuthStack');
  const dynamo = new NestedStack(main, 'DynamoDbChildStack');
  const table = new dynamodb.Table(dynamo, 'PasskeyTable', { partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING } });
  const lambdas = new NestedStack(main, 'LambdaChildStack');
  const rpId = 'passkeys.example.no';
  const challenge = (id: string, env?: Record<string, string>) => new lambda.Function(lambdas, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async (event) => event;'),
    environment: env,
  });
  const create = challenge('CreateAuthChallengeLambda', { RP_ID: rpId });
  const define = challenge('DefineAuthChallengeLambda');
  const verify = challenge('VerifyAuthChallengeLambda', { RP_ID: rpId });
  table.grantReadWriteData(create);
  const cognitoStack = new NestedStack(main, 'CognitoChildStack');
  const userPool = new cognito.UserPool(cognitoStack, 'EngamPasskeyAuthUserPool', {
    passwordPolicy: { minLength: 16, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    userPoolName: 'EngamPassKeyUserpool',
    selfSignUpEnabled: false,
    signInAliases: { phone: true },
    autoVerify: { phone: true },
    lambdaTriggers: { createAuthChallenge: create, defineAuthChallenge: define, verifyAuthChallengeResponse: verify },
    standardAttributes: { phoneNumber: { required: true, mutable: false } },
    customAttributes: {
      publicPasskey: new cognito.StringAttribute({ mutable: true }),
      passkeyCounter: new cognito.NumberAttribute({ mutable: true }),
      passkeyId: new cognito.StringAttribute({ mutable: true }),
      aaguid: new cognito.StringAttribute({ mutable: true }),
      attestation: new cognito.StringAttribute({ mutable: true }),
    },
  });
  new cognito.UserPoolClient(cognitoStack, 'EngamPasskeyAuthUserPoolClient', {
    userPool,
    userPoolClientName: 'EngamPasskeyAuthUserPoolClientWeb',
    generateSecret: false,
    authFlows: { userPassword: true, custom: true, userSrp: true },
    accessTokenValidity: Duration.minutes(60),
    refreshTokenValidity: Duration.days(30),
    idTokenValidity: Duration.minutes(60),
    authSessionValidity: Duration.minutes(3),
    enableTokenRevocation: true,
    disableOAuth: true,
    preventUserExistenceErrors: true,
  });
  const assembly = app.synth();
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, cognitoStack.templateFile), 'utf8')) as Record<string, unknown>;
}
