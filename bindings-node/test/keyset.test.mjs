/** @module keyset.test — KeySet: building from a JWKS and the core's one-key selection. */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { JwtError, Key, KeySet, Verifier, sign } from 'onejwt';

import { CLAIMS, NOW, keyJwk, keyText, thrown } from './fixtures.mjs';

const publicJwk = (name, kid) => ({ ...keyJwk(name), kid });
const jwks = {
  keys: [
    publicJwk('ed25519.public.jwk', 'ed-a'),
    publicJwk('ed25519-b.public.jwk', 'ed-b'),
    publicJwk('p256.public.jwk', 'ec-a'),
    { kty: 'OKP', crv: 'X25519', kid: 'enc', x: keyJwk('x25519.public.jwk').x },
  ],
};

test('size counts the usable keys (unsupported key types are skipped)', () => {
  assert.equal(KeySet.fromJwks(jwks).size, 3);
  assert.equal(KeySet.fromJwks(JSON.stringify(jwks)).size, 3);
  assert.equal(KeySet.fromJwks({ keys: [] }).size, 0);
});

test('each token selects its key by kid', () => {
  const verifier = new Verifier({ keys: KeySet.fromJwks(jwks), algorithms: ['EdDSA', 'ES256'], audience: 'api' });
  const signer = Key.fromPem(keyText('ed25519-b.private.pkcs8.pem'));
  const token = sign(CLAIMS, signer, 'EdDSA', { kid: 'ed-b' });
  assert.deepEqual(verifier.verify(token, { now: NOW }), CLAIMS);
  const wrongKid = sign(CLAIMS, signer, 'EdDSA', { kid: 'ed-a' });
  assert.equal(thrown(() => verifier.verify(wrongKid, { now: NOW })).code, 'invalid_signature');
  const unknownKid = sign(CLAIMS, signer, 'EdDSA', { kid: 'nope' });
  assert.equal(thrown(() => verifier.verify(unknownKid, { now: NOW })).code, 'key_not_found');
  const noKid = sign(CLAIMS, signer, 'EdDSA');
  assert.equal(thrown(() => verifier.verify(noKid, { now: NOW })).code, 'key_not_found');
});

test('a broken JWKS is invalid_key; a wrong argument type is a TypeError', () => {
  for (const bad of [{}, { keys: 'x' }, { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] }, '[]', '{']) {
    const err = thrown(() => KeySet.fromJwks(bad));
    assert.ok(err instanceof JwtError, String(err));
    assert.equal(err.code, 'invalid_key');
  }
  for (const bad of [undefined, null, 5, [jwks]]) assert.throws(() => KeySet.fromJwks(bad), TypeError);
});
