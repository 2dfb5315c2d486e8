/**
 * Written after the configuration stacks of yennanliu/yennj12_blog_V4 and reapit/ts-cdk-constructs (publishing a
 * pool's endpoints for other services): SSM String parameters holding the OAuth token URL, the JWKS URI, the issuer,
 * client ids, token lifetimes, a secret's ARN and name and a KMS alias, and a consumer function that reads two of them
 * at deploy time ({{resolve:ssm}} via valueForStringParameter) and the rest by name at runtime. The pool lives in
 * another stack. Names and values are this project's own.
 */
import { Duration, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw223');
  const poolId = Fn.importValue('CentralAuth-UserPoolId');
  const domain = 'https://acme-central-auth.auth.eu-west-1.amazoncognito.com';
  const key = new kms.Key(stack, 'ConfigKey', { enableKeyRotation: true, alias: 'alias/central-auth/config' });
  const params: Record<string, string> = {
    'token-url': `${domain}/oauth2/token`,
    'authorize-url': `${domain}/oauth2/authorize`,
    'revoke-url': `${domain}/oauth2/revoke`,
    'jwks-uri': Fn.join('', ['https://cognito-idp.eu-west-1.amazonaws.com/', poolId, '/.well-known/jwks.json']),
    issuer: Fn.join('', ['https://cognito-idp.eu-west-1.amazonaws.com/', poolId]),
    'web-client-id': '4f8k2m9q1r7s3t5v6w0x2y4z6a',
    'access-token-validity-minutes': '15',
    'refresh-token-validity-days': '7',
    'token-validity-units': 'minutes,minutes,days',
    'client-secret-arn': 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:central-auth/reporting-client-secret-AbC123',
    'client-secret-name': 'central-auth/reporting-client-secret',
    'kms-key-alias': 'alias/central-auth/config',
  };
  for (const [name, value] of Object.entries(params)) {
    new ssm.StringParameter(stack, `Param-${name}`, { parameterName: `/central-auth/prod/${name}`, stringValue: value, description: `Central auth ${name}` });
  }
  new ssm.StringListParameter(stack, 'AllowedScopes', { parameterName: '/central-auth/prod/allowed-scopes', stringListValue: ['openid', 'email', 'orders.read'] });
  const consumer = new lambda.Function(stack, 'OrdersApiAuthorizer', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ isAuthorized: false });'),
    timeout: Duration.seconds(5),
    environment: {
      JWKS_URI: ssm.StringParameter.valueForStringParameter(stack, '/central-auth/prod/jwks-uri'),
      TOKEN_ISSUER: ssm.StringParameter.valueForStringParameter(stack, '/central-auth/prod/issuer'),
      CLIENT_SECRET_PARAMETER: '/central-auth/prod/client-secret-arn',
      CONFIG_KEY_ARN: key.keyArn,
    },
  });
  void consumer;
  return templateOf(app, stack);
}
