/**
 * Written after joekendal/aws-oauth-rotator (lib/oauth-rotate.ts and bin/oauth-rotate.ts), a CDK v1 app rewritten
 * against aws-cdk-lib 2: a construct that keeps a third-party OAuth access token in a Secrets Manager secret and
 * "rotates" it every day with a Lambda function that runs the client-credentials grant. The client id, client secret
 * and token URL are read from the shell (process.env) at synth time and written into the function's environment, so
 * the client secret lands in the template as a literal. The values below stand for what the shell held (the secret is
 * a made-up 40-character string); the function's code is inline. The secret's name is exported.
 */
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

interface OAuthRotateProps { clientId: string; clientSecret: string; authUrl: string; every?: Duration; secretName?: string }

class OAuthRotate extends Construct {
  constructor(scope: Construct, id: string, props: OAuthRotateProps) {
    super(scope, id);
    const secret = new secretsmanager.Secret(this, 'OAuthSecret', { secretName: props.secretName });
    const rotate = new lambda.Function(this, 'OAuthCreate', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => { /* client_credentials grant, putSecretValue */ };'),
      environment: {
        SECRET_REGION: Stack.of(this).region,
        CLIENT_ID: props.clientId,
        CLIENT_SECRET: props.clientSecret,
        AUTH_URL: props.authUrl,
      },
    });
    secret.addRotationSchedule('RotationSchedule', { rotationLambda: rotate, automaticallyAfter: props.every ?? Duration.days(1) });
    new CfnOutput(this, 'SecretName', { exportName: 'SecretName', value: secret.secretName });
  }
}

// What `process.env` held when `cdk synth` ran.
const shell = {
  CLIENT_ID: '4f1c9e2ab7d04c58',
  CLIENT_SECRET: 'q8Zr2LxT0vNw5mKc7HbY3sJd9FgP1uAe6RtWiOyX',
  AUTH_URL: 'https://auth.vendor.example.com/oauth/token',
};

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'OAuthRotateStack', { env: { account: '111122223333', region: 'eu-west-2' } });
  new OAuthRotate(stack, 'OAuthRotate', { clientId: shell.CLIENT_ID, clientSecret: shell.CLIENT_SECRET, authUrl: shell.AUTH_URL });
  return templateOf(app, stack);
}
