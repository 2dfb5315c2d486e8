/**
 * Token and secret material shaped like Cognito's.
 *
 * Refresh tokens are JWE-shaped (five base64url segments: header, encrypted key, IV, ciphertext,
 * tag) and opaque: their content is random, and the model maps the string to its record. Access and
 * ID tokens are JWT-shaped (header.payload.signature) with Cognito's claims in a readable payload;
 * the signature is random bytes, not a real signature. Nothing here is a usable credential anywhere
 * but in the stand-in that issued it.
 */
import { randomBytes, randomInt } from 'node:crypto';

export function b64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export interface Material {
  value: string;
  /** The secret-bearing parts, for the leak detector (the header is the same in every token). */
  partialSources: string[];
}

const JWE_HEADER = b64url(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }));

export function makeRefreshToken(): Material {
  const parts = [randomBytes(256), randomBytes(12), randomBytes(1024), randomBytes(16)].map(b64url);
  // Everything after the constant header is random and secret-bearing, dots included.
  return { value: [JWE_HEADER, ...parts].join('.'), partialSources: [parts.join('.')] };
}

export function makeJwt(kid: string, claims: Record<string, unknown>): Material {
  const header = b64url(JSON.stringify({ kid, alg: 'RS256' }));
  const payload = b64url(JSON.stringify(claims));
  const signature = b64url(randomBytes(256));
  // Only the signature is matched as a fragment: payloads of tokens from one sign-in share long
  // runs (sub, iss, pool id) with each other and with the header, and carry claims, not secrets.
  return { value: `${header}.${payload}.${signature}`, partialSources: [signature] };
}

/** Decodes the payload of a JWT-shaped token (access or ID token). Test helper; no verification. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new Error('not a JWT-shaped token');
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

const SECRET_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A Cognito-style generated client secret: 52 characters of [a-z0-9]. */
export function makeClientSecret(): string {
  let s = '';
  for (let i = 0; i < 52; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return s;
}

/** A Cognito-style app client id: 26 characters of [a-z0-9]. */
export function makeClientId(): string {
  let s = '';
  for (let i = 0; i < 26; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return s;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}
