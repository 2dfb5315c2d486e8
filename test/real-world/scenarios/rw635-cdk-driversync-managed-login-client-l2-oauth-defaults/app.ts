/**
 * Written after PrettySolution/driversync-infra (src/stacks/core/CognitoStack.ts), the CDK infrastructure of the
 * DriverSync fleet-reporting product: a pool with self sign-up and a weak password policy, one client that sets only
 * `oAuth.callbackUrls` (so the L2's default flows, implicit and code, and default scopes, admin included, apply), a
 * custom domain on the newer managed login with Cognito-provided branding, a Route 53 alias and SSM String parameters
 * with the provider URL and the client id "used in Readme.md". The hosted zone is imported by attributes instead of
 * looked up; domain names are ours. Construct ids are the source's.
 */
import { Stack } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { CfnManagedLoginBranding, ManagedLoginVersion, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { UserPoolDomainTarget } from 'aws-cdk-lib/aws-route53-targets';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { newApp, templateOf } from '../../app-helpers';

const env = { domainName: 'driversync.example.com', subDomain: 'dev', loginSubDomain: 'login' };

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'CognitoStack', { env: { account: '111122223333', region: 'us-east-1' } });
  const hostedZone = HostedZone.fromHostedZoneAttributes(stack, 'HostedZone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: env.domainName });
  const certificate = new Certificate(stack, 'Certificate', {
    validation: CertificateValidation.fromDns(hostedZone),
    domainName: hostedZone.zoneName,
    subjectAlternativeNames: [`*.${env.subDomain}.${env.domainName}`],
  });
  const userPool01 = new UserPool(stack, 'userPool01', {
    userPoolName: 'simple-userPool01',
    selfSignUpEnabled: true,
    passwordPolicy: { minLength: 6, requireDigits: false, requireLowercase: false, requireSymbols: false, requireUppercase: false },
  });
  const userPoolClient01 = new UserPoolClient(stack, 'userPoolClient01', {
    userPool: userPool01,
    oAuth: { callbackUrls: [`https://${env.subDomain}.${env.domainName}/`] },
  });
  const userPoolDomain01 = userPool01.addDomain('login01', {
    customDomain: { domainName: `${env.loginSubDomain}-01.${env.subDomain}.${env.domainName}`, certificate },
    managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
  });
  new CfnManagedLoginBranding(stack, 'cfnManagedLoginBranding01', { clientId: userPoolClient01.userPoolClientId, userPoolId: userPool01.userPoolId, useCognitoProvidedValues: true });
  new ARecord(stack, 'ARecord01', { recordName: `${env.loginSubDomain}.${env.subDomain}`, zone: hostedZone, target: RecordTarget.fromAlias(new UserPoolDomainTarget(userPoolDomain01)) });
  new StringParameter(stack, 'userPoolProviderUrl01', { parameterName: '/core/CognitoStack/userPool01/userPoolProviderUrl', stringValue: userPool01.userPoolProviderUrl });
  new StringParameter(stack, 'userPoolClientId01', { parameterName: '/core/CognitoStack/userPoolClient01/userPoolClientId', stringValue: userPoolClient01.userPoolClientId });
  return templateOf(app, stack);
}
