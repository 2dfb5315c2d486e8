/**
 * Written after a Python CDK helper found by code search (the index does not name its repository;
 * `configure_user_pool(self, base_name, domain_name, cognito_user_pool)` adding a TU Delft SAML provider for a
 * JupyterHub), rewritten in TypeScript: a SAML provider whose metadata is a URL, a confidential client with
 * existence errors on, COGNITO and the SAML provider, code and implicit grants, profile and openid scopes and the hub's
 * /hub/oauth_callback; an AwsCustomResource calling describeUserPoolClient with the default logging (its response,
 * the client secret, is not used further in the file), a Cognito domain "<first label>-secure" and a pre-token
 * generation trigger. The pool, base name and domain name are ours (the caller passes them).
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'JupyterHubAuth', { env: { account: '111122223333', region: 'eu-central-1' } });
  const baseName = 'jupyterhub';
  const domainName = 'hub.example.org';
  const cognitoUserPool = new cognito.UserPool(stack, `${baseName}UserPool`, { userPoolName: `${baseName}-users` });
  const domainPrefix = `${domainName.split('.')[0]}-secure`;
  const tudelft = new cognito.UserPoolIdentityProviderSaml(stack, 'TUDelftIdentityProvider', {
    metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://login.tudelft.nl/sso/saml2/idp/metadata.php'),
    userPool: cognitoUserPool,
    attributeMapping: { email: cognito.ProviderAttribute.other('mail'), preferredUsername: cognito.ProviderAttribute.other('eduPersonPrincipalName') },
    idpSignout: false,
    name: baseName,
  });
  const cognitoAppClient = new cognito.UserPoolClient(stack, `${baseName}UserPoolClient`, {
    userPool: cognitoUserPool,
    generateSecret: true,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.custom(tudelft.providerName)],
    preventUserExistenceErrors: true,
    oAuth: {
      callbackUrls: [`https://${domainName}/hub/oauth_callback`],
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
      scopes: [cognito.OAuthScope.PROFILE, cognito.OAuthScope.OPENID],
    },
  });
  new cr.AwsCustomResource(stack, `${baseName}UserPoolClientIDResource`, {
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    onCreate: {
      service: 'CognitoIdentityServiceProvider',
      action: 'describeUserPoolClient',
      parameters: { UserPoolId: cognitoUserPool.userPoolId, ClientId: cognitoAppClient.userPoolClientId },
      physicalResourceId: cr.PhysicalResourceId.of(cognitoAppClient.userPoolClientId),
    },
  });
  new cognito.UserPoolDomain(stack, `${baseName}UserPoolDomain`, { cognitoDomain: { domainPrefix }, userPool: cognitoUserPool });
  cognitoUserPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, new lambda.Function(stack, 'TidyUsernameFn', {
    runtime: lambda.Runtime.PYTHON_3_9,
    handler: 'tidy_username_lambda.lambda_handler',
    code: lambda.Code.fromInline('def lambda_handler(event, context):\n    return event\n'),
  }));
  return templateOf(app, stack);
}
