/**
 * Written after a C# CDK stack found by code search (the index does not name its repository; namespace
 * ServerlessEmailServer, CognitoStack), rewritten in TypeScript: a self-sign-up pool (username or email) per
 * environment, a public app client with the user-password and SRP flows, the code grant, email/openid/profile scopes
 * and login/logout URLs on the custom domain, a custom hosted-UI domain with a DNS-validated certificate and a CNAME in
 * the zone. Environment "Prod", pool name "mail-users" and domain "auth.mail.example.net" are ours; the zone is
 * imported by attributes instead of looked up, and the CNAME reads the domain's cloudFrontEndpoint (the source uses the
 * older CloudFrontDomainName, deprecated since).
 */
import { Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const props = { environmentName: 'Prod', userPoolName: 'mail-users', domainName: 'auth.mail.example.net' };
  const environmentName = props.environmentName.toLowerCase();
  const stack = new Stack(app, 'CognitoStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, `${environmentName}-UserPool`, {
    userPoolName: `${props.userPoolName}-${environmentName}`,
    signInAliases: { username: true, email: true },
    selfSignUpEnabled: true,
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  });
  new cognito.UserPoolClient(stack, `${environmentName}-AppClient`, {
    userPool,
    userPoolClientName: `${props.userPoolName}-AppClient-${environmentName}`,
    generateSecret: false,
    authFlows: { userPassword: true, userSrp: true },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE],
      callbackUrls: [`https://${props.domainName}/login`],
      logoutUrls: [`https://${props.domainName}/logout`],
    },
  });
  const customDomain = userPool.addDomain(`${environmentName}-CustomDomain`, {
    customDomain: {
      domainName: props.domainName,
      certificate: new acm.Certificate(stack, `${environmentName}-Certificate`, { domainName: props.domainName, validation: acm.CertificateValidation.fromDns() }),
    },
  });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, `${environmentName}-HostedZone`, { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: props.domainName.replace('auth.', '') });
  new route53.CnameRecord(stack, `${environmentName}-CognitoCnameRecord`, { zone: hostedZone, recordName: 'auth', domainName: customDomain.cloudFrontEndpoint });
  return templateOf(app, stack);
}
