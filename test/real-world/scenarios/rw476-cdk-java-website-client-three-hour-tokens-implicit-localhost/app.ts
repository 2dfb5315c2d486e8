/**
 * Written after smarkwal/jarhc-online (jarhc-aws-cdk/src/main/java/org/jarhc/online/awscdk/stacks/CognitoStack.java),
 * a Java CDK stack rewritten in TypeScript: a self-sign-up pool with optional TOTP MFA and SES e-mail, a public
 * website client (code and implicit grants, openid/profile/email/phone, a default redirect and callbacks on the
 * website and on http://localhost:3000, three-hour ID and access tokens, seven-day refresh tokens, revocation and
 * existence errors on, no authFlows), a custom hosted-UI domain on an imported certificate, and outputs of the client
 * id, discovery and issuer URLs and the pool ARN. The domains and certificate are ours (properties of the app); the
 * source's alias record is left out (its UserPoolDomainTarget prints a CDK deprecation warning at every synth).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const cfg = { cognitoCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', cognitoDomain: 'login.jarhc.example.org', websiteDomain: 'online.jarhc.example.org', emailAddress: 'noreply@jarhc.example.org' };
  const stack = new Stack(app, 'JarhcOnlineCognito', { env: { account: '111122223333', region: 'eu-central-1' } });
  const createOutput = (id: string, value: string, description: string) => new CfnOutput(stack, id, { value, description });
  const cognitoUserPool = new cognito.UserPool(stack, 'CognitoUserPool', {
    userPoolName: cfg.cognitoDomain,
    signInAliases: { email: true },
    autoVerify: { email: true },
    signInCaseSensitive: false,
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    email: cognito.UserPoolEmail.withSES({ fromEmail: cfg.emailAddress, fromName: 'JarHC' }),
    selfSignUpEnabled: true,
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    passwordPolicy: { minLength: 8, requireUppercase: true, requireLowercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(7) },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const cognitoAppClient = cognitoUserPool.addClient(cfg.websiteDomain, {
    userPoolClientName: cfg.websiteDomain,
    generateSecret: false,
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true, clientCredentials: false },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PHONE],
      defaultRedirectUri: `https://${cfg.websiteDomain}/login.html`,
      callbackUrls: [`https://${cfg.websiteDomain}/login.html`, 'http://localhost:3000/login.html'],
      logoutUrls: [`https://${cfg.websiteDomain}/logout.html`, 'http://localhost:3000/logout.html'],
    },
    idTokenValidity: Duration.hours(3),
    accessTokenValidity: Duration.hours(3),
    refreshTokenValidity: Duration.days(7),
    enableTokenRevocation: true,
    preventUserExistenceErrors: true,
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
  });
  const cognitoCertificate = acm.Certificate.fromCertificateArn(stack, 'CognitoCertificate', cfg.cognitoCertificateArn);
  cognitoUserPool.addDomain('CognitoCustomDomain', { customDomain: { domainName: cfg.cognitoDomain, certificate: cognitoCertificate } });
  createOutput('CognitoClientID', cognitoAppClient.userPoolClientId, 'Cognito App Client ID');
  createOutput('CognitoDiscoveryEndpointURL', `${cognitoUserPool.userPoolProviderUrl}/.well-known/openid-configuration`, 'Cognito Discovery Endpoint URL');
  createOutput('CognitoIssuerURL', cognitoUserPool.userPoolProviderUrl, 'Cognito Issuer URL');
  createOutput('CognitoUserPoolARN', cognitoUserPool.userPoolArn, 'Cognito User Pool ARN');
  return templateOf(app, stack);
}
