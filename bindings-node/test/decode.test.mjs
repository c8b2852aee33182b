/** @module decode.test — decodeUnverified: structure only, for display. */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { JwtError, Key, decodeUnverified, sign } from 'onejwt';

import { CLAIMS, SECRET, thrown } from './fixtures.mjs';

test('returns header and claims without checking signature or claims', () => {
  const token = sign({ ...CLAIMS, exp: 1 }, Key.hmac(SECRET), 'HS256', { kid: 'k' });
  const tampered = `${token.slice(0, -4)}AAAA`;
  assert.deepEqual(decodeUnverified(tampered), { header: { alg: 'HS256', kid: 'k', typ: 'JWT' }, claims: { ...CLAIMS, exp: 1 } });
});

test('structure is still enforced (malformed, token_too_large)', () => {
  for (const [token, code] of [
    ['abc', 'malformed'],
    ['e30.e30', 'malformed'],
    ['e30.W10.', 'malformed'],
    [`e30.${'A'.repeat(17 * 1024)}.`, 'token_too_large'],
  ]) {
    const err = thrown(() => decodeUnverified(token));
    assert.ok(err instanceof JwtError);
    assert.equal(err.code, code, token.slice(0, 20));
  }
  for (const bad of [undefined, 1, {}]) assert.throws(() => decodeUnverified(bad), TypeError);
});
