/**
 * Holdout class (session 4, found by the real-world holdout rw101, a miss): API keys written into a secret's
 * SecretString as a JSON object under keys not named like secrets (key1, key2, key3), as
 * aws-samples/aws-secrets-manager-rotation-lambdas SecretsManagerAlb/alb_secrets_stack.yaml (commit
 * 94f56d11583549ff9d10848b13f8cfb0ceb06ddb) keeps its ALB API keys. Under such a key a generated-looking value is still
 * secret material; identifiers (a user name, a host, a client id) and plain settings are not. The keys here are
 * made up.
 */
import { audit } from '../helpers';

const smg4 = (secretString: unknown) =>
  audit({ Resources: { Keys: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: secretString } } } })
    .filter((f) => f.ruleId === 'TokenGuard-SMG4')
    .map((f) => `${f.kind} ${f.severity} ${f.path}`);

describe('generated-looking literals under any JSON key of a SecretString', () => {
  test('compliant: identifiers and settings, even a generated-looking client id', () => {
    expect(smg4('{"username": "svc_reports", "host": "db.example.internal", "port": "5432", "client_id": "6p3bs000no6a4ue1idruvd05ad", "mode": "primary"}')).toEqual([]);
    expect(smg4('{}')).toEqual([]);
  });

  test('non-compliant: random keys under key1..key3, in a literal and in a Join of literals', () => {
    expect(smg4('{"key1": "Qm7tVb2LxR9cWk4H", "key2": "Za8Jp3NdX6yqFs1E"}')).toEqual(['violation error Properties.SecretString']);
    expect(smg4({ 'Fn::Join': ['', ['{"primary": "4vUcG0hKe7TrMw2B", "region": "', { Ref: 'AWS::Region' }, '"}']] })).toEqual(['violation error Properties.SecretString']);
  });

  test('cannot tell: an import under a secret-named key (unchanged)', () => {
    expect(smg4({ 'Fn::Join': ['', ['{"key1": "', { 'Fn::ImportValue': 'shared-api-key' }, '"}']] })).toEqual([]);
    expect(smg4({ 'Fn::Join': ['', ['{"apiKey": "', { 'Fn::ImportValue': 'shared-api-key' }, '"}']] })).toEqual(['cannot-tell warning Properties.SecretString']);
  });
});
