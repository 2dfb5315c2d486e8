/**
 * Written after MalchielUrias/kubecounty_infrastructure (terraform/aws/modules/cognito/output.tf: the cognito module
 * outputs the app client's secret, marked sensitive, for the modules that need it), as the same wiring looks in a CDK
 * app: an auth stack owns the pool and a confidential client, and an API stack in the same app receives
 * client.userPoolClientSecret for its function's environment. CDK turns that cross-stack reference into an Output
 * with an Export in the auth stack (and Fn::ImportValue in the API stack); Terraform's "sensitive" has no CloudFormation
 * counterpart. The auth stack's template is audited. Names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const env = { account: '111122223333', region: 'eu-west-2' };
  const auth = new Stack(app, 'KubecountyAuth', { env });
  const pool = new cognito.UserPool(auth, 'Main', { signInAliases: { email: true }, selfSignUpEnabled: true });
  const client = pool.addClient('WebApp', {
    generateSecret: true,
    authFlows: { userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL], callbackUrls: ['https://kubecounty.example.com/api/auth/callback'] },
    accessTokenValidity: Duration.minutes(15),
    idTokenValidity: Duration.minutes(15),
    refreshTokenValidity: Duration.days(7),
    refreshTokenRotationGracePeriod: Duration.seconds(30),
    preventUserExistenceErrors: true,
  });
  const api = new Stack(app, 'KubecountyApi', { env });
  new lambda.Function(api, 'ApiFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { COGNITO_CLIENT_ID: client.userPoolClientId, COGNITO_CLIENT_SECRET: client.userPoolClientSecret.unsafeUnwrap() },
  });
  return templateOf(app, auth);
}
