/**
 * The rules' text pre-checks may search the JSON text a template was read from instead of serialising it again
 * (the pack and the CLI pass it). They must find in pretty-printed text what they find in compact text, and must not
 * be fooled by text that hides a key behind \u escapes.
 */
import { auditTemplate } from '../../rules/engine/run';
import { ALL_RULES } from '../../rules/registry';

const template = {
  Parameters: { Stage: { Type: 'String', Default: 'dev' } },
  Resources: {
    Connection: {
      Type: 'AWS::Events::Connection',
      Properties: {
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: { OAuthParameters: { ClientParameters: { ClientID: 'abc', ClientSecret: 'kx8Qw2Vn5Lp0Rz7Ty4Hs1Jd6' } } },
      },
    },
  },
};

const ids = (sourceText?: string) =>
  auditTemplate(JSON.parse(JSON.stringify(template)), { rules: ALL_RULES, sourceText }).map((f) => `${f.ruleId} ${f.logicalId} ${f.path}`);

describe('source text for the pre-checks', () => {
  const expected = ids();

  test('an inline client secret is found without source text', () => {
    expect(expected).toContain('TokenGuard-SEC11 Connection Properties.AuthParameters.OAuthParameters.ClientParameters.ClientSecret');
  });

  test('pretty-printed text (as CDK writes templates) gives the same findings', () => {
    expect(ids(JSON.stringify(template, undefined, 1))).toEqual(expected);
    expect(ids(JSON.stringify(template, undefined, 4))).toEqual(expected);
  });

  test('text that hides the key behind a \\u escape is not trusted: the template is serialised instead', () => {
    const hidden = JSON.stringify(template).replace('"ClientSecret"', '"\\u0043lientSecret"');
    expect(JSON.parse(hidden)).toEqual(template);
    expect(ids(hidden)).toEqual(expected);
  });
});
