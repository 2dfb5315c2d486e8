/**
 * Reproduces a pattern found by code search in CDK apps (a wiki with an MCP endpoint: CloudFront in front of API
 * Gateway with an 'x-origin-verify' custom origin header whose value is a generated Secrets Manager secret,
 * secretValue.unsafeUnwrap(); a web client and a CLI client on the code grant with ALLOW_REFRESH_TOKEN_AUTH only,
 * set through the L1 escape hatch; the client ids published as one JSON String parameter). Names and values are this
 * project's own.
 */
import { Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cf from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw113');
  const originSecret = new secretsmanager.Secret(stack, 'OriginVerifySecret', {
    description: 'Shared value CloudFront sends to the API so that only CloudFront can call it',
    generateSecretString: { passwordLength: 48, excludePunctuation: true },
  });
  const api = new lambda.Function(stack, 'WikiApi', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    environment: { ORIGIN_SECRET_ARN: originSecret.secretArn, CONFIG_PARAMETER: '/wiki/prod/runtime-config' },
  });
  originSecret.grantRead(api);
  const url = api.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  const distribution = new cf.Distribution(stack, 'Cdn', {
    defaultBehavior: {
      origin: new origins.HttpOrigin(Fn.select(2, Fn.split('/', url.url)), {
        protocolPolicy: cf.OriginProtocolPolicy.HTTPS_ONLY,
        customHeaders: { 'x-origin-verify': originSecret.secretValue.unsafeUnwrap() },
        readTimeout: Duration.seconds(30),
      }),
      viewerProtocolPolicy: cf.ViewerProtocolPolicy.HTTPS_ONLY,
      cachePolicy: cf.CachePolicy.CACHING_DISABLED,
    },
  });
  const publicUrl = `https://${distribution.distributionDomainName}`;

  const pool = new cognito.UserPool(stack, 'WikiUsers', { selfSignUpEnabled: false, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'wiki-login-example' } });
  const scopes = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];
  const web = pool.addClient('WebClient', {
    generateSecret: false,
    oAuth: { flows: { authorizationCodeGrant: true }, scopes, callbackUrls: [`${publicUrl}/callback`], logoutUrls: [`${publicUrl}/`] },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: Duration.minutes(60),
    idTokenValidity: Duration.minutes(60),
    refreshTokenValidity: Duration.hours(12),
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
  });
  const cli = pool.addClient('CliClient', {
    generateSecret: false,
    oAuth: { flows: { authorizationCodeGrant: true }, scopes, callbackUrls: ['http://localhost:53682/callback'], logoutUrls: ['http://localhost:53682/'] },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    accessTokenValidity: Duration.minutes(60),
    idTokenValidity: Duration.minutes(60),
    refreshTokenValidity: Duration.days(7),
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
  });
  for (const c of [web, cli]) (c.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];

  new ssm.StringParameter(stack, 'RuntimeConfig', {
    parameterName: '/wiki/prod/runtime-config',
    description: 'Runtime configuration read by the API',
    stringValue: Fn.toJsonString({ webClientId: web.userPoolClientId, cliClientId: cli.userPoolClientId, publicUrl }),
  });
  return templateOf(app, stack);
}
