/**
 * Reproduces the pattern of aws/aws-cdk, packages/@aws-cdk-testing/framework-integ/test/aws-cognito/test/
 * integ.user-pool-client-secret.ts and the userPoolClientSecret getter of packages/aws-cdk-lib/aws-cognito/lib/
 * user-pool-client.ts: the client secret read by CDK's own custom resource (logging hidden since the fix for
 * GHSA-qq4x-c6h6-rfxh, aws/aws-cdk#33983) straight into a Secrets Manager secret with its own key and a rotation
 * schedule. The client itself is configured the way the rules want it.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw02');
  const pool = new cognito.UserPool(stack, 'Pool');
  const client = pool.addClient('WebClient', {
    generateSecret: true,
    authFlows: { userSrp: true },
    accessTokenValidity: Duration.minutes(5),
    idTokenValidity: Duration.minutes(5),
    refreshTokenValidity: Duration.days(7),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
    preventUserExistenceErrors: true,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      callbackUrls: ['https://portal.example.org/auth/callback'],
    },
  });
  const key = new kms.Key(stack, 'VaultKey', { enableKeyRotation: true });
  const vault = new secretsmanager.Secret(stack, 'ClientSecretVault', {
    secretStringValue: client.userPoolClientSecret,
    encryptionKey: key,
  });
  const rotator = new lambda.Function(stack, 'Rotator', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
  vault.addRotationSchedule('Rotation', { rotationLambda: rotator, automaticallyAfter: Duration.days(30) });
  return templateOf(app, stack);
}
