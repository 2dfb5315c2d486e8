/**
 * Written after christokur/cdk-cognito-userpool-identity-provider-github (src/user-pool-identity-provider-github.ts,
 * src/lambda.ts): a third-party construct that deploys the GitHub OpenID Connect wrapper for Cognito - a Lambda
 * function behind a REST API (a proxy route and a favicon mock whose response template is a base64 icon) whose
 * environment carries the GitHub OAuth app's client id and client secret, and an OIDC identity provider on the pool
 * pointing at that API with the same client id and secret. The construct takes the secret as a string, so the consumer
 * here (ours) unwraps a Secrets Manager reference into it, the way a string-typed secret prop is usually fed. The
 * wrapper's bundle is inline code here; one-month log retention as in the construct.
 */
import { CfnOutput, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

const FAVICON = 'AAABAAEAEBAQAAEABAAoAQAAFgAAACgAAAAQAAAAIAAAAAEABAAAAAAAgAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAA////AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEREQAAAAAAEAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAERERAAAAAAARAAERAAAAAAEREQAAAAAAEQABEQAAAAARERAAAAAAABERERAAAAAAERERAAAAAAARERAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

class UserPoolIdentityProviderGithub extends Construct {
  constructor(scope: Construct, id: string, props: { userPool: cognito.IUserPool; clientId: string; clientSecret: string; cognitoHostedUiDomain: string }) {
    super(scope, id);
    const api = new apigw.RestApi(this, 'GitHubApi', { restApiName: 'github-oidc-wrapper' });
    const fn = new lambda.Function(this, 'indexFunction', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async (event) => ({ statusCode: 200, body: "{}" });'),
      environment: {
        COGNITO_REDIRECT_URI: `${props.cognitoHostedUiDomain}/oauth2/idpresponse`,
        GITHUB_API_URL: 'https://api.github.com',
        GITHUB_CLIENT_ID: props.clientId,
        GITHUB_CLIENT_SECRET: props.clientSecret,
        GITHUB_LOGIN_URL: 'https://github.com',
        SOURCE_MAP_SUPPORT: 'false',
        CONSUMER: 'cdk-cognito-userpool-identity-provider-github',
        VERSION_CONSUMER: '0.0.0',
        VERSION_COMPONENT: '2.0.24',
        LOG_LEVEL: 'info',
      },
      timeout: Duration.seconds(900),
    });
    // What the construct's deprecated `logRetention` prop renders (the same Custom::LogRetention), without its warning.
    new logs.LogRetention(this, 'indexFunctionLogRetention', { logGroupName: `/aws/lambda/${fn.functionName}`, retention: logs.RetentionDays.ONE_MONTH });
    api.root.addMethod('GET', new apigw.LambdaIntegration(fn, { proxy: true }));
    api.root.addResource('favicon.ico').addMethod('GET', new apigw.MockIntegration({
      integrationResponses: [{
        statusCode: '200',
        responseParameters: { 'method.response.header.Content-Type': "'image/x-icon'", 'method.response.header.Cache-Control': "'public, max-age=31536000'" },
        responseTemplates: { 'image/x-icon': FAVICON },
      }],
      contentHandling: apigw.ContentHandling.CONVERT_TO_BINARY,
      passthroughBehavior: apigw.PassthroughBehavior.NEVER,
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }), { methodResponses: [{ statusCode: '200', responseParameters: { 'method.response.header.Content-Type': true, 'method.response.header.Cache-Control': true } }] });
    api.root.addResource('{proxy+}').addMethod('ANY', new apigw.LambdaIntegration(fn, { proxy: true }));
    new cognito.CfnUserPoolIdentityProvider(this, 'UserPoolIdentityProvider', {
      userPoolId: props.userPool.userPoolId,
      providerName: 'GitHub',
      providerType: 'OIDC',
      providerDetails: {
        client_id: props.clientId,
        client_secret: props.clientSecret,
        attributes_request_method: 'GET',
        attributes_url: `${api.url}/userinfo`,
        attributes_url_add_attributes: false,
        oidc_issuer: api.url,
        authorize_scopes: 'openid read:user user:email',
      },
      attributeMapping: { email: 'email', name: 'name', username: 'sub', preferredUsername: 'preferred_username' },
    });
    new CfnOutput(this, 'oidcIssuerUrl', { value: api.url });
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'GithubLogin', { env: { account: '111122223333', region: 'eu-west-1' } });
  const userPool = new cognito.UserPool(stack, 'UserPool', { signInAliases: { email: true } });
  userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'acme-github-login' } });
  new UserPoolIdentityProviderGithub(stack, 'UserPoolIdentityProviderGithub', {
    userPool,
    clientId: 'Ov23liQ7mZk2Xw9Rb4Tn',
    clientSecret: SecretValue.secretsManager('github/oauth-app', { jsonField: 'client_secret' }).unsafeUnwrap(),
    cognitoHostedUiDomain: 'https://acme-github-login.auth.eu-west-1.amazoncognito.com',
  });
  return templateOf(app, stack);
}
