/**
 * Written after IAspect implementations found by code search that rewrite L1 properties app-wide (an IamPathAspect that
 * calls addPropertyOverride on every CfnRole, an ApplyDestroyPolicyAspect on every CfnResource; the index does not name
 * their repositories), as teams apply the pattern to Cognito: an app-level aspect visits every
 * CfnUserPoolClient and sets the organisation's token policy (5-minute access and ID tokens in minutes, 1-day refresh,
 * rotation with a 30-second grace period, PreventUserExistenceErrors ENABLED), after the L2 clients were declared with
 * CDK's defaults. The template shows what the aspect wrote; the rules must read that, not the L2 props. One client is
 * a legacy password-flow client the aspect leaves its flows to. Names are ours.
 */
import { Aspects, IAspect, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { newApp, templateOf } from '../../app-helpers';

class ClientTokenPolicy implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof cognito.CfnUserPoolClient)) return;
    node.accessTokenValidity = 5;
    node.idTokenValidity = 5;
    node.refreshTokenValidity = 1440;
    node.tokenValidityUnits = { accessToken: 'minutes', idToken: 'minutes', refreshToken: 'minutes' };
    node.preventUserExistenceErrors = 'ENABLED';
    node.addPropertyOverride('RefreshTokenRotation', { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 });
    // Rotation refuses REFRESH_TOKEN_AUTH: refresh goes through GetTokensFromRefreshToken.
    if (Array.isArray(node.explicitAuthFlows)) node.explicitAuthFlows = node.explicitAuthFlows.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH');
  }
}

export function synth(): Record<string, unknown> {
  const app = newApp();
  const stack = new Stack(app, 'IdentityStack', { env: { account: '111122223333', region: 'eu-north-1' } });
  const pool = new cognito.UserPool(stack, 'Users', { signInAliases: { email: true } });
  pool.addClient('Portal', {
    authFlows: { userSrp: true },
    oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE], callbackUrls: ['https://portal.example.se/oauth/callback'] },
  });
  pool.addClient('LegacyKiosk', { authFlows: { userPassword: true }, disableOAuth: true });
  Aspects.of(app).add(new ClientTokenPolicy());
  return templateOf(app, stack);
}
