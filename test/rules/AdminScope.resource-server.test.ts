import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { TokenGuardChecks } from '../../rules/pack';

function cog12(scopes: (server: cognito.UserPoolResourceServer) => cognito.OAuthScope[]): { severity?: string; description: string }[] {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'S');
  const pool = new cognito.UserPool(stack, 'Pool');
  const server = pool.addResourceServer('Api', { identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'r' })] });
  pool.addClient('Client', { oAuth: { flows: { clientCredentials: true }, scopes: scopes(server) }, generateSecret: true });
  return new TokenGuardChecks(app)
    .validateScope(app)
    .violations.filter((v) => v.ruleName === 'TokenGuard-COG12')
    .map((v) => ({ severity: v.severity, description: v.description }));
}

describe('TokenGuard-COG12 with resource-server scopes built from a reference', () => {
  test('`{Ref Server}/read` is known not to be the admin scope: no finding, not even cannot-tell', () => {
    const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'r' });
    expect(cog12((server) => [cognito.OAuthScope.resourceServer(server, read)])).toEqual([]);
  });

  test('the admin scope beside such a scope is still found', () => {
    const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'r' });
    const found = cog12((server) => [cognito.OAuthScope.resourceServer(server, read), cognito.OAuthScope.COGNITO_ADMIN]);
    expect(found).toHaveLength(1);
    expect(found[0].description).not.toMatch(/cannot tell/);
    expect(found[0].description).toMatch(/aws\.cognito\.signin\.user\.admin/);
  });

  test('a scope that is entirely a reference still cannot be told', () => {
    const found = cog12((server) => [cognito.OAuthScope.custom(server.userPoolResourceServerId)]);
    expect(found).toHaveLength(1);
    expect(found[0].description).toMatch(/cannot tell/);
  });
});
