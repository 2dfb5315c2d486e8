/**
 * Written after ScienceVikings/BlazorJWT (BlazorJWT.Infrastructure/BlazorJWTStack.cs with BlazorJWTStackOptions.cs and
 * the options BlazorJWT.Web.Infrastructure/Program.cs passes), a C# CDK NestedStack rewritten in TypeScript and audited
 * from its own template: a self-sign-up pool with e-mail link verification, a custom hosted-UI domain on an imported
 * certificate, a public client for a Blazor WebAssembly app (the implicit grant only, the options' default scopes
 * email/openid/COGNITO_ADMIN/profile, callbacks on https://localhost:7166 and the site, the user-password flow,
 * revocation and existence errors on) and an identity pool over it without unauthenticated identities. The account in
 * the certificate ARN and the e-mail and site domains are ours.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const rootStack = new Stack(app, 'BlazorJWT-Root', { stackName: 'BlazorJWT' });
  const options = {
    stackObjectNamePrefix: 'BlazorJWT-',
    domainName: 'blazor-jwt-login.example.org',
    certificate: acm.Certificate.fromCertificateArn(rootStack, 'BlazorJWT-Certificate', 'arn:aws:acm:us-east-1:111122223333:certificate/7ceb483f-0000-4a54-b849-084c488b6b80'),
    oAuthScopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.PROFILE],
    oAuthCallbackUrls: ['https://localhost:7166/login-callback', 'https://blazor-jwt.example.org/login-callback'],
  };
  const userPoolName = `${options.stackObjectNamePrefix}UserPool`;
  const userPoolClientName = `${options.stackObjectNamePrefix}UserPoolClient`;
  const identityPoolName = `${options.stackObjectNamePrefix}IdentityPool`;
  const stack = new NestedStack(rootStack, 'BlazorJWT-Cognito', { description: 'Cognito' });
  const userPool = new cognito.UserPool(stack, userPoolName, {
    removalPolicy: RemovalPolicy.RETAIN,
    userPoolName,
    selfSignUpEnabled: true,
    signInAliases: { email: true, username: false },
    userVerification: { emailStyle: cognito.VerificationEmailStyle.LINK },
    email: cognito.UserPoolEmail.withCognito('noreply@example.org'),
  });
  new cognito.UserPoolDomain(stack, `${options.stackObjectNamePrefix}UserPoolDomain`, { userPool, customDomain: { domainName: options.domainName, certificate: options.certificate } });
  const userPoolAppClient = new cognito.UserPoolClient(stack, userPoolClientName, {
    userPool,
    userPoolClientName,
    generateSecret: false,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    oAuth: { scopes: options.oAuthScopes, flows: { implicitCodeGrant: true }, callbackUrls: options.oAuthCallbackUrls },
    enableTokenRevocation: true,
    authFlows: { userPassword: true },
    preventUserExistenceErrors: true,
  });
  new cognito.CfnIdentityPool(stack, identityPoolName, {
    allowClassicFlow: false,
    allowUnauthenticatedIdentities: false,
    identityPoolName,
    cognitoIdentityProviders: [{ clientId: userPoolAppClient.userPoolClientId, providerName: userPool.userPoolProviderName }],
  });
  const assembly = app.synth();
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.templateFile), 'utf8')) as Record<string, unknown>;
}
