/**
 * rw806 (sweep5, after an integration stack that marks its org's host prefix `SFHost` NoEcho and passes it to a
 * function's environment): NoEcho is the author's word that a value is sensitive, but on a parameter named as an
 * identifier (a host, a client id, a tenant) it hides something every request carries, as NoEcho on a user name does.
 * Such a parameter is not secret by NoEcho alone (no SEC1 ERROR in the environment); NoEcho still makes any other
 * parameter a secret, and a name that says secret still counts.
 */
import { audit } from '../helpers';

const sec1 = (parameter: string) =>
  audit({
    Parameters: { [parameter]: { Type: 'String', NoEcho: true } },
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Environment: { Variables: { VALUE: { Ref: parameter } } } } },
    },
  })
    .filter((f) => f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.kind} ${f.severity}`);

describe('NoEcho parameters named as identifiers', () => {
  test.each(['SFHost', 'OktaClientId', 'TenantId', 'DatabaseEndpoint'])('compliant: NoEcho %s is an identifier', (name) => {
    expect(sec1(name)).toEqual([]);
  });

  test.each(['SFValue', 'OktaClientSecret', 'HostPassword', 'Seed'])('non-compliant: NoEcho %s is a secret', (name) => {
    expect(sec1(name)).toEqual(['violation error']);
  });
});
