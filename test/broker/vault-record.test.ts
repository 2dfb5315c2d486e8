/**
 * The vault's JSON: what parses as what, and that errors and shape problems never repeat the content.
 */
import { EMPTY_VAULT_VALUE } from '../../lib/handlers/vault-format';
import {
  parseVaultRecord,
  refreshTokenShapeProblem,
  serializeVaultRecord,
  VAULT_SCHEMA,
  VaultFormatError,
  type VaultRecord,
} from '../../lib/token-broker/vault-record';

const TOKEN = ['eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ', 'a'.repeat(342), 'b'.repeat(16), 'c'.repeat(400), 'd'.repeat(22)].join('.');

test("RefreshTokenVault's placeholder and the minimal shape", () => {
  expect(parseVaultRecord(EMPTY_VAULT_VALUE)).toMatchObject({ state: 'empty', writer: 'placeholder' });
  expect(parseVaultRecord('{}')).toMatchObject({ state: 'empty' });
  expect(parseVaultRecord(JSON.stringify({ refreshToken: TOKEN, note: 'ignored' }))).toMatchObject({ state: 'active', refreshToken: TOKEN });
});

test('a full record survives serialise and parse, with a fixed key order', () => {
  const record: VaultRecord = {
    schema: VAULT_SCHEMA,
    state: 'active',
    clientId: 'client',
    refreshToken: TOKEN,
    accessToken: 'x.y.z',
    accessTokenExpiresAt: '2026-01-15T12:15:00.000Z',
    obtainedAt: '2026-01-15T12:00:00.000Z',
    parentVersionId: 'p',
    lineage: ['p', 'q'],
    writer: 'broker',
  };
  const text = serializeVaultRecord(record);
  expect(parseVaultRecord(text)).toEqual(record);
  expect(serializeVaultRecord({ ...record, writer: 'broker' })).toBe(text);
  expect(Object.keys(JSON.parse(text))[0]).toBe('schema');
});

test('a revoked tombstone survives serialise and parse: when, and which versions it revoked', () => {
  const record: VaultRecord = {
    schema: VAULT_SCHEMA,
    state: 'revoked',
    clientId: 'client',
    obtainedAt: '2026-01-15T12:05:00.000Z',
    parentVersionId: 'p',
    lineage: ['p'],
    writer: 'revocation',
    revokedAt: '2026-01-15T12:00:00.000Z',
    revokedVersionIds: ['p', 'q'],
  };
  expect(parseVaultRecord(serializeVaultRecord(record))).toEqual(record);
});

test.each([
  ['not JSON', `not json ${TOKEN}`, 'not JSON'],
  ['an array', `["${TOKEN}"]`, 'not a JSON object'],
  ['another schema', JSON.stringify({ schema: 'other', state: 'active', refreshToken: TOKEN }), 'field "schema"'],
  ['an unknown state', JSON.stringify({ schema: VAULT_SCHEMA, state: 'weird', refreshToken: TOKEN }), 'field "state"'],
  ['active without a token', JSON.stringify({ schema: VAULT_SCHEMA, state: 'active' }), 'without "refreshToken"'],
  ['revoked holding a token', JSON.stringify({ schema: VAULT_SCHEMA, state: 'revoked', refreshToken: TOKEN }), 'must not hold tokens'],
  ['revoked version ids that are not a list', JSON.stringify({ schema: VAULT_SCHEMA, state: 'revoked', revokedVersionIds: TOKEN }), 'field "revokedVersionIds" is not a list'],
  ['a revocation time that is not a date', JSON.stringify({ schema: VAULT_SCHEMA, state: 'revoked', revokedAt: TOKEN }), 'field "revokedAt" is not an ISO date'],
  ['a token that is not a string', JSON.stringify({ schema: VAULT_SCHEMA, state: 'active', refreshToken: [TOKEN] }), 'field "refreshToken" is not a string'],
])('%s is a VaultFormatError that does not repeat the content', (_name, text, problem) => {
  let error: unknown;
  try {
    parseVaultRecord(text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(VaultFormatError);
  expect((error as Error).message).toContain(problem);
  expect((error as Error).message.includes('aaaaaaaaaaaaaaaa')).toBe(false);
});

test.each([
  ['a JWE', TOKEN, undefined],
  ['a JWT', 'eyJhbGciOiJSUzI1NiJ9.' + 'e'.repeat(200) + '.sig', 'three segments'],
  ['four segments', ['h', 'a'.repeat(120), 'b', 'c'].join('.'), 'four'],
  ['a header that is not JSON', ['bm90IGpzb24', 'a'.repeat(120), 'b', 'c', 'd'].join('.'), 'not a base64url JSON header'],
  ['a header without enc', [Buffer.from('{"alg":"RS256"}').toString('base64url'), 'a'.repeat(120), 'b', 'c', 'd'].join('.'), 'does not name'],
  ['non-base64url characters', TOKEN.replace('aaaa', 'a+/a'), 'not base64url'],
])('refresh token shape: %s', (_name, token, problem) => {
  const found = refreshTokenShapeProblem(token);
  if (problem === undefined) expect(found).toBeUndefined();
  else expect(found).toContain(problem === 'four' ? '4 dot-separated segments' : problem);
  if (found) expect(found.includes('aaaaaaaaaaaaaaaa')).toBe(false);
});
