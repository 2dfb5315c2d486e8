/**
 * Written after NHSDigital/eps-prescription-tracker-ui (packages/cdk/resources/Cognito.ts, with the repository's
 * nagSuppressions.ts): a user pool federated to CIS2 and a mock OIDC provider (each given clientSecret "dummy_value",
 * which the source's comment says is not used but required by the L2), a web client with the code grant only, scopes
 * openid/email/phone/profile and COGNITO_ADMIN, HTTPS callbacks on the CloudFront domain plus three
 * http://localhost:3000 callbacks because the dev environment sets allowLocalhostAccess, and no authFlows. The app
 * runs cdk-nag: NagSuppressions wrote AwsSolutions suppressions into the pool's and the template's metadata, as cdk-nag 2
 * writes them (no cdk-nag dependency here). Names and domains are ours.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'StatefulStack', { env: { account: '111122223333', region: 'eu-west-2' } });
  const site = 'cpt-ui-pr-101.dev.example-nhs.uk';
  const userPool = new cognito.UserPool(stack, 'UserPool', {
    removalPolicy: RemovalPolicy.DESTROY,
    customAttributes: { session_id: new cognito.StringAttribute({ minLen: 36, maxLen: 72, mutable: true }) },
  });
  new cognito.UserPoolDomain(stack, 'UserPoolDomain', { userPool, cognitoDomain: { domainPrefix: 'cpt-ui-pr-101' } });
  const oidc = (id: string, name: string, clientId: string, path: string) => {
    const provider = new cognito.UserPoolIdentityProviderOidc(stack, id, {
      name,
      clientId,
      clientSecret: 'dummy_value',
      issuerUrl: `https://am.nhsint.auth-ptl.example-nhs.uk:443/openam/oauth2/realms/root/realms/${path}`,
      userPool,
      attributeRequestMethod: cognito.OidcAttributeRequestMethod.GET,
      scopes: ['openid', 'profile', 'email', 'nhsperson', 'nationalrbacaccess', 'associatedorgs'],
      endpoints: {
        authorization: `https://${site}/oauth2/${name === 'Mock' ? 'mock-' : ''}authorize`,
        jwksUri: `https://${site}/jwks/`,
        token: `https://${site}/oauth2/${name === 'Mock' ? 'mock-' : ''}token`,
        userInfo: `https://am.nhsint.auth-ptl.example-nhs.uk/openam/oauth2/realms/root/realms/${path}/userinfo`,
      },
    });
    (provider.node.defaultChild as cognito.CfnUserPoolIdentityProvider).attributeMapping = {
      username: 'sub', name: 'name', given_name: 'given_name', family_name: 'family_name', email: 'email', 'custom:session_id': 'jti',
    };
    return provider;
  };
  const primary = oidc('UserPoolIdentityProvider', 'Primary', '969567331415.apps.example-nhs.uk', 'NHSIdentity/realms/Healthcare');
  const mock = oidc('MockUserPoolIdentityProvider', 'Mock', 'cpt-ui-mock-client', 'mock');
  const client = userPool.addClient('WebClient', {
    supportedIdentityProviders: [
      cognito.UserPoolClientIdentityProvider.custom(primary.providerName),
      cognito.UserPoolClientIdentityProvider.custom(mock.providerName),
    ],
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PHONE, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN],
      callbackUrls: [
        `https://${site}/site/select-your-role`,
        `https://${site}/oauth2/callback`,
        'http://localhost:3000/select-your-role',
        'http://localhost:3000/site/select-your-role',
        'http://localhost:3000/auth/',
      ],
      logoutUrls: [`https://${site}/site/logout`, 'http://localhost:3000/logout'],
    },
  });
  client.node.addDependency(primary, mock);
  // What NagSuppressions.addResourceSuppressionsByPath / addStackSuppressions wrote (cdk-nag 2 format).
  (userPool.node.defaultChild as cognito.CfnUserPool).addMetadata('cdk_nag', {
    rules_to_suppress: [
      { id: 'AwsSolutions-COG3', reason: 'Suppress error for not implementing AdvancedSecurityMode on cognito. We do not need this' },
      { id: 'AwsSolutions-COG1', reason: 'Suppress error for not implementing password policy. We are using cognito in federated IdP mode so do not need it' },
      { id: 'AwsSolutions-COG2', reason: 'Suppress error for not implementing MFA. We are using cognito in federated IdP mode so do not need it' },
    ],
  });
  stack.templateOptions.metadata = {
    cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-IAM4', reason: 'Suppress error for using AWS managed policy' }, { id: 'AwsSolutions-L1', reason: 'Suppress error for not using latest runtime' }] },
  };
  return templateOf(app, stack);
}
