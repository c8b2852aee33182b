/** @module fixtures — shared test inputs: the corpus's committed test keys (never real secrets) and a fixed clock. */

import { readFileSync } from 'node:fs';

const KEYS = new URL('../../tests/vectors/keys/', import.meta.url);

/** The text of tests/vectors/keys/<name>. */
export function keyText(name) {
  return readFileSync(new URL(name, KEYS), 'utf8');
}

/** A JWK from tests/vectors/keys/<name>, parsed. */
export function keyJwk(name) {
  return JSON.parse(keyText(name));
}

/** A 32-byte HS256 secret. */
export const SECRET = 'a-32-byte-secret-for-hs256-use!!';

/** The tests' clock: 2026-01-01T00:00:00Z. */
export const NOW = 1_767_225_600;

/** Claims valid at NOW. */
export const CLAIMS = Object.freeze({ sub: 'user-42', iss: 'https://auth.example', aud: 'api', iat: NOW - 60, exp: NOW + 900 });

/** The exception `fn` throws (fails the test when it returns). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an exception, got a return');
}
