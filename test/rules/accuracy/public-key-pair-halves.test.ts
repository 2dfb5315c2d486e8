/**
 * Sweep class (session 8, sweep1's rw541, a false ERROR): the public half of a key pair read as a secret. MongoDB
 * Atlas resource types authenticate with an organization API key pair, and their sample stacks
 * (mongodb/mongodbatlas-cloudformation-resources, cfn-resources/network-peering/test/networkpeering.sample-template.yaml
 * and two more, commit 3b4e97113ae6cc65c0130701ca064454252dd97f) take it as `PublicKey` ("Your MongoDB Cloud Public
 * API Key") and `PrivateKey` ("… Private API Key"): SEC6 reported both. The public key identifies the pair, as an
 * access key id does, and a publishable key or public token is made to be shipped to browsers. "public" or
 * "publishable" right before the secret noun, in a name or a description, names that half; anything else keeps it.
 */
import type { Finding } from '../../../rules/engine/types';
import { audit } from '../helpers';

function template(parameters: Record<string, unknown>, variables: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Parameters: parameters,
    Resources: {
      Peering: { Type: 'MongoDB::Atlas::NetworkPeering', Properties: { ProjectId: 'p', ApiKeys: Object.fromEntries(Object.keys(parameters).map((k) => [k, { Ref: k }])) } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'x' }, Environment: { Variables: variables } } },
    },
  };
}
const found = (t: Record<string, unknown>) =>
  audit(t)
    .filter((f: Finding) => f.ruleId === 'TokenGuard-SEC6' || f.ruleId === 'TokenGuard-SEC1')
    .map((f) => `${f.ruleId} ${f.kind} ${f.severity} ${f.path}`)
    .sort();

describe('the public half of a key pair', () => {
  test('compliant: described as a public API key, or named a public API key, publishable key or public token', () => {
    const t = template(
      {
        PublicKey: { Type: 'String', Description: 'Your MongoDB Cloud Public API Key', Default: '' },
        AtlasPublicApiKey: { Type: 'String' },
        StripePublishableApiKey: { Type: 'String' },
        MapboxPublicToken: { Type: 'String' },
      },
      { ATLAS_PUBLIC_API_KEY: { 'Fn::ImportValue': 'shared-atlas-public-api-key' } },
    );
    expect(found(t)).toEqual([]);
  });

  test('non-compliant: the private half, and a secret noun that "public" does not qualify', () => {
    const t = template({
      PrivateKey: { Type: 'String', Description: 'Your MongoDB Cloud Private API Key', Default: '' },
      PublicSiteSecretKey: { Type: 'String' },
    });
    expect(found(t)).toEqual(['TokenGuard-SEC6 violation error Parameters.PrivateKey.NoEcho', 'TokenGuard-SEC6 violation error Parameters.PublicSiteSecretKey.NoEcho']);
  });

  test('cannot tell: an import named for the private API key, beside one named for the public key', () => {
    const t = template({}, { ATLAS_PRIVATE_API_KEY: { 'Fn::ImportValue': 'shared-atlas-private-api-key' }, ATLAS_PUBLIC_API_KEY: { 'Fn::ImportValue': 'shared-atlas-public-api-key' } });
    expect(found(t)).toEqual(['TokenGuard-SEC1 cannot-tell warning Properties.Environment.Variables.ATLAS_PRIVATE_API_KEY']);
  });
});
