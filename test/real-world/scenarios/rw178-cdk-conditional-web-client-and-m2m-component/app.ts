/**
 * Written after aws-solutions/generative-ai-application-builder-on-aws (source/infrastructure/lib/auth/cognito-setup.ts
 * createUserPoolClient and lib/auth/component-cognito-app-client.ts): a web client whose OAuth settings all sit in
 * Fn::If on a deploy-web-app condition (code grant; ALLOW_USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH,
 * ALLOW_CUSTOM_AUTH, SRP and refresh; the admin scope) and whose resource is itself conditional on no existing client id
 * being given, 5-minute tokens and a 1-day refresh token; plus a machine-to-machine component client (client
 * credentials only, generateSecret, 60-minute access token, refresh validity in hours, auth session 3 minutes).
 * Names and values are this project's own.
 */
import { Aws, CfnCondition, CfnOutput, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw178');
  const deployWebApp = new CfnParameter(stack, 'DeployUI', { type: 'String', allowedValues: ['Yes', 'No'], default: 'Yes' });
  const existingClientId = new CfnParameter(stack, 'ExistingCognitoUserPoolClient', {
    type: 'String',
    default: '',
    allowedPattern: '^$|^[a-z0-9]{3,128}$',
    description: 'Optional - Provide a User Pool Client (App Client) to use an existing one.',
  });
  const deploy = new CfnCondition(stack, 'DeployWebAppCognitoCondition', { expression: Fn.conditionEquals(deployWebApp.valueAsString, 'Yes') });
  const pool = new cognito.UserPool(stack, 'NewUserPool', { selfSignUpEnabled: false, signInAliases: { email: true } });
  const callbackUrl = 'https://chat.genai.example.org';
  const web = new cognito.CfnUserPoolClient(stack, 'CfnAppClient', {
    accessTokenValidity: Duration.minutes(5).toMinutes(),
    idTokenValidity: Duration.minutes(5).toMinutes(),
    refreshTokenValidity: Duration.days(1).toDays(),
    userPoolId: pool.userPoolId,
    generateSecret: false,
    allowedOAuthFlowsUserPoolClient: Fn.conditionIf(deploy.logicalId, true, Aws.NO_VALUE) as unknown as boolean,
    allowedOAuthFlows: Fn.conditionIf(deploy.logicalId, ['code'], Aws.NO_VALUE).toString() as unknown as string[],
    explicitAuthFlows: Fn.conditionIf(
      deploy.logicalId,
      ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      Aws.NO_VALUE,
    ).toString() as unknown as string[],
    allowedOAuthScopes: Fn.conditionIf(
      deploy.logicalId,
      [cognito.OAuthScope.EMAIL.scopeName, cognito.OAuthScope.COGNITO_ADMIN.scopeName, cognito.OAuthScope.OPENID.scopeName],
      Aws.NO_VALUE,
    ).toString() as unknown as string[],
    callbackUrLs: [Fn.conditionIf(deploy.logicalId, callbackUrl, Aws.NO_VALUE).toString()],
    logoutUrLs: [Fn.conditionIf(deploy.logicalId, callbackUrl, Aws.NO_VALUE).toString()],
    supportedIdentityProviders: ['COGNITO'],
    tokenValidityUnits: { accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' },
  });
  const create = new CfnCondition(stack, 'CreateUserPoolClientCondition', { expression: Fn.conditionEquals(existingClientId.valueAsString, '') });
  web.cfnOptions.condition = create;
  const clientId = Fn.conditionIf(create.logicalId, web.attrClientId, existingClientId.valueAsString).toString();

  new cognito.CfnUserPoolResourceServer(stack, 'ComponentResourceServer', {
    userPoolId: pool.userPoolId,
    identifier: 'agentcore',
    name: 'agentcore',
    scopes: [{ scopeName: 'componentAccess', scopeDescription: 'Component to component access' }],
  });
  const component = new cognito.CfnUserPoolClient(stack, 'ComponentAppClient', {
    userPoolId: pool.userPoolId,
    clientName: 'agent-3f9a2c1e-client',
    generateSecret: true,
    explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: ['client_credentials'],
    allowedOAuthScopes: ['agentcore/componentAccess'],
    tokenValidityUnits: { accessToken: 'minutes', refreshToken: 'hours' },
    accessTokenValidity: 60,
    refreshTokenValidity: 24,
    preventUserExistenceErrors: 'ENABLED',
    enableTokenRevocation: true,
    authSessionValidity: 3,
    supportedIdentityProviders: ['COGNITO'],
  });
  new CfnOutput(stack, 'ClientId', { value: clientId });
  new CfnOutput(stack, 'ComponentClientId', { value: component.attrClientId });
  new CfnOutput(stack, 'CognitoDomainTokenUrl', { value: `https://agents-${Aws.ACCOUNT_ID}.auth.${Aws.REGION}.amazoncognito.com/oauth2/token` });
  return templateOf(app, stack);
}
