/**
 * Written after the Amplify Gen 2 backend.ts pattern found by code search (the index does not name the repository):
 * the auth resource's L1 user pool gets Policies.SignInPolicy.AllowedFirstAuthFactors through addPropertyOverride and
 * its L1 client gets explicitAuthFlows ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']. Two pools side by side: the
 * members pool is passwordless (e-mail OTP and passkeys only), the staff pool keeps PASSWORD among the first factors
 * as most of those backends do. Written with aws-cdk-lib L2 pools (Essentials tier) and their L1 escape hatches; the
 * clients otherwise keep short lifetimes. Names are ours.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { newApp, templateOf } from '../../app-helpers';

function choiceClient(pool: cognito.UserPool, id: string): cognito.UserPoolClient {
  const client = pool.addClient(id, {
    authFlows: { userSrp: true },
    disableOAuth: true,
    accessTokenValidity: Duration.minutes(10),
    idTokenValidity: Duration.minutes(10),
    refreshTokenValidity: Duration.days(7),
    preventUserExistenceErrors: true,
  });
  (client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  return client;
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'amplify-members-auth', { env: { account: '111122223333', region: 'us-east-1' } });
  const members = new cognito.UserPool(stack, 'MembersPool', {
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    signInAliases: { email: true },
    passkeyRelyingPartyId: 'members.example.com',
  });
  (members.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('Policies.SignInPolicy.AllowedFirstAuthFactors', ['EMAIL_OTP', 'WEB_AUTHN']);
  choiceClient(members, 'MembersClient');
  const staff = new cognito.UserPool(stack, 'StaffPool', { featurePlan: cognito.FeaturePlan.ESSENTIALS, signInAliases: { email: true } });
  (staff.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('Policies.SignInPolicy.AllowedFirstAuthFactors', ['EMAIL_OTP', 'PASSWORD']);
  choiceClient(staff, 'StaffClient');
  return templateOf(app, stack);
}
