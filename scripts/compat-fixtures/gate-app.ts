/**
 * The compatibility job's app for apps not on cdk-nag 3 (scripts/compat-apps.js): the four constructs behind the gate,
 * and, when the app has cdk-nag 2, its four packs as Aspects. The `variant` context adds a client with a 90-day
 * refresh token (`risky`), acknowledged in the way the app's cdk-nag generation writes it (`acknowledged`).
 */
import { App, Aspects, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DelegatedClient, RefreshTokenVault, TokenBroker, TokenGuardChecks, WorkloadClient } from 'cdk-token-guard';

// cdk-nag 2 when the app has it (this file also runs in an app without cdk-nag).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nag2 = (() => { try { return require('cdk-nag'); } catch { return undefined; } })();

const app = new App();
const variant = app.node.tryGetContext('variant') ?? 'compliant';
const stack = new Stack(app, 'Gated');
const pool = new cognito.UserPool(stack, 'Pool', {
  featurePlan: cognito.FeaturePlan.PLUS,
  standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
  mfa: cognito.Mfa.REQUIRED,
  mfaSecondFactor: { otp: true, sms: false },
  passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
});
const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
const server = pool.addResourceServer('Api', { identifier: 'api', scopes: [read] });
const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

const client = new DelegatedClient(stack, 'Integration', { userPool: pool, callbackUrls: ['https://app.example.com/callback'], accessTokenValidity: Duration.minutes(15) });
const vault = new RefreshTokenVault(stack, 'Vault', { client });
new TokenBroker(stack, 'Broker', { vault, consumers: [role('Worker')] });
new WorkloadClient(stack, 'Workload', { userPool: pool, scopes: [cognito.OAuthScope.resourceServer(server, read)], consumers: [role('Reader')] });

if (variant !== 'compliant') {
  const legacy = pool.addClient('Legacy', {
    accessTokenValidity: Duration.minutes(5),
    idTokenValidity: Duration.minutes(5),
    refreshTokenValidity: Duration.days(90),
    refreshTokenRotationGracePeriod: Duration.seconds(60),
    preventUserExistenceErrors: true,
    authFlows: { userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: ['https://legacy.example.com/callback'] },
  });
  if (variant === 'acknowledged') {
    const reason = 'The vendor integration needs 90-day refresh tokens until its March release; ticket SEC-42';
    if (nag2) nag2.NagSuppressions.addResourceSuppressions(legacy, [{ id: 'TokenGuard-COG3', reason }]);
    else Validations.of(legacy).acknowledge({ id: 'TokenGuard::TokenGuard-COG3', reason });
  }
}

if (nag2) {
  for (const pack of [new nag2.AwsSolutionsChecks(), new nag2.NIST80053R5Checks(), new nag2.HIPAASecurityChecks(), new nag2.PCIDSS321Checks()]) Aspects.of(app).add(pack);
}
Validations.of(app).addPlugins(new TokenGuardChecks(app));
