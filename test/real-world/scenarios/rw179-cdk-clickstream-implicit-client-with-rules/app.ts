/**
 * Written after aws-solutions/clickstream-analytics-on-aws (src/control-plane/private/solution-cognito.ts and
 * src/cloudfront-control-plane-stack.ts): a template Rules section asserting the region supports Cognito (Fn::Or of
 * Fn::Equals), an admin-created user pool whose invitation says "your temporary password is {####}", a client with
 * both the code and the implicit grant and openid/email/profile scopes, a hosted domain, an admin user, and a function
 * given the issuer, the client id and OAuth endpoint URLs. Names and values are this project's own.
 */
import { Aws, CfnRule, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw179');
  new CfnRule(stack, 'CognitoUnsupportedRegionRule', {
    assertions: [{
      assert: Fn.conditionOr(
        Fn.conditionEquals(Aws.REGION, 'us-east-1'),
        Fn.conditionEquals(Aws.REGION, 'us-west-2'),
        Fn.conditionEquals(Aws.REGION, 'eu-west-1'),
        Fn.conditionEquals(Aws.REGION, 'eu-central-1'),
        Fn.conditionEquals(Aws.REGION, 'ap-northeast-1'),
      ),
      assertDescription: 'Cognito is not supported in current region. Please use the correct CloudFormation template and try again.',
    }],
  });
  const pool = new cognito.UserPool(stack, 'userPool', {
    selfSignUpEnabled: false,
    signInCaseSensitive: false,
    removalPolicy: RemovalPolicy.DESTROY,
    signInAliases: { email: true },
    autoVerify: { email: true },
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    userInvitation: {
      emailSubject: 'Welcome to the clickstream console',
      emailBody: 'Hello {username}, your temporary password for the clickstream console is {####}',
    },
  });
  const client = new cognito.UserPoolClient(stack, 'clickstream-backend-client', {
    userPool: pool,
    preventUserExistenceErrors: true,
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls: ['https://clickstream.example.org/signin'],
      logoutUrls: ['https://clickstream.example.org'],
    },
  });
  const domain = pool.addDomain('cognito-domain', { cognitoDomain: { domainPrefix: 'clickstream-7c21' } });
  new cognito.CfnUserPoolUser(stack, 'backend-user', { userPoolId: pool.userPoolId, userAttributes: [{ name: 'email', value: 'admin@example.org' }], username: 'admin@example.org' });
  const region = Aws.REGION;
  new lambda.Function(stack, 'ApiFunction', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => undefined;'),
    environment: {
      ISSUER: `https://cognito-idp.${region}.amazonaws.com/${pool.userPoolId}`,
      OIDC_CLIENT_ID: client.userPoolClientId,
      TOKEN_ENDPOINT: `https://${domain.domainName}.auth.${region}.amazoncognito.com/oauth2/token`,
      AUTHORIZATION_ENDPOINT: `https://${domain.domainName}.auth.${region}.amazoncognito.com/oauth2/authorize`,
      AUTH_TOKEN_HEADER: 'Authorization',
    },
  });
  return templateOf(app, stack);
}
