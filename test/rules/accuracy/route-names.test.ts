/**
 * Sweep4 (govuk-one-login/authentication-api, ci/cloudformation/auth/function/reset-password-request.yaml; rw760): a
 * password-reset function's environment holds `RESET_PASSWORD_ROUTE: "reset-password?code="`, the route of the
 * reset page to which the handler appends the code. SEC1 read the name as a password's and the path as a literal
 * password (two ERRORs, the same variable in two functions).
 * - A secret noun followed by `route` names a route (a page's path), as one followed by `url`, `uri` or `path` names
 *   a location: not the secret.
 * - The noun still names a password before a route word (`ROUTE_PASSWORD`) or alone, and a value that cannot be
 *   traced under such a name stays a cannot-tell.
 */
import { audit } from '../helpers';

const fn = (variables: Record<string, unknown>) => ({
  Resources: {
    ResetFn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'i.h', Runtime: 'java17', Code: { ZipFile: 'x' }, Environment: { Variables: variables } } },
  },
});

const sec1 = (variables: Record<string, unknown>) =>
  audit(fn(variables))
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.path}`);

describe('names that end in a route', () => {
  test('compliant: the route of a password-reset page', () => {
    expect(sec1({ RESET_PASSWORD_ROUTE: 'reset-password?code=', PASSWORD_ROUTES: '/password/reset,/password/change' })).toEqual([]);
  });

  test('non-compliant: a password under a name that ends in the noun, or puts a route word before it', () => {
    expect(sec1({ RESET_PASSWORD: 'Quokka-Lantern-42', ROUTE_PASSWORD: 'Quokka-Lantern-42' })).toEqual([
      'violation Properties.Environment.Variables.RESET_PASSWORD',
      'violation Properties.Environment.Variables.ROUTE_PASSWORD',
    ]);
  });

  test('cannot tell: an import under a password name; not under a route name', () => {
    expect(sec1({ RESET_PASSWORD: { 'Fn::ImportValue': 'shared-reset-password' }, RESET_PASSWORD_ROUTE: { 'Fn::ImportValue': 'shared-reset-password-route' } })).toEqual([
      'cannot-tell Properties.Environment.Variables.RESET_PASSWORD',
    ]);
  });
});
