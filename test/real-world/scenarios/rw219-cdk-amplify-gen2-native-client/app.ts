/**
 * Written after abhi7cr/gen2-migration (amplify/backend.ts): an Amplify Gen 2 backend migrated from Gen 1 that
 * overrides the generated L1 user pool and identity pool (names, weak password policy, no unauthenticated identities)
 * and adds a native app client with OAuth disabled, a 3-minute auth session, revocation on and a 30-day refresh token.
 * Amplify's defineAuth is stood in for by the user pool and identity pool it generates; names are this project's own.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import { newApp, templateOf } from '../../app-helpers';

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'Rw219');
  const userPool = new cognito.UserPool(stack, 'UserPool', { signInAliases: { email: true }, selfSignUpEnabled: true });
  const cfnUserPool = userPool.node.defaultChild as cognito.CfnUserPool;
  cfnUserPool.userPoolName = 'basicauthtest6acef4d2_userpool_6acef4d2-dev';
  cfnUserPool.policies = {
    passwordPolicy: { minimumLength: 8, requireLowercase: false, requireNumbers: false, requireSymbols: false, requireUppercase: false, temporaryPasswordValidityDays: 7 },
  };
  const webClient = userPool.addClient('UserPoolAppClient', {
    authFlows: { userSrp: true },
    disableOAuth: true,
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.minutes(15),
    idTokenValidity: Duration.minutes(15),
    refreshTokenValidity: Duration.days(7),
    refreshTokenRotationGracePeriod: Duration.seconds(10),
  });
  userPool.addClient('NativeAppClient', {
    disableOAuth: true,
    authSessionValidity: Duration.minutes(3),
    userPoolClientName: 'basica6acef4d2_app_client',
    enablePropagateAdditionalUserContextData: false,
    enableTokenRevocation: true,
    refreshTokenValidity: Duration.days(30),
  });
  const identityPool = new identitypool.IdentityPool(stack, 'IdentityPool', {
    identityPoolName: 'basicauthtest6acef4d2_identitypool_6acef4d2__dev',
    allowUnauthenticatedIdentities: false,
    authenticationProviders: { userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool, userPoolClient: webClient })] },
  });
  void identityPool;
  return templateOf(app, stack);
}
