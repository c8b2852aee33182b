/** @module keyset.test — KeySet: building from a JWKS, the keys it leaves out, and the core's one-key selection. */

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
  assert.equal(thrown(() => KeySet.fromJwks({ keys: [] })).code, 'invalid_key');
});

const SECRET_JWK = { kty: 'oct', kid: 'h', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA' };

test('skipped lists the keys left out, frozen, with their reasons', () => {
  const set = KeySet.fromJwks({ keys: [...jwks.keys, SECRET_JWK, { kty: 'RSA', n: 'AQAB', e: 'AQAB' }] });
  const { skipped } = set;
  assert.deepEqual(
    skipped.map(({ index, kid, reason }) => ({ index, kid, reason })),
    [
      { index: 3, kid: 'enc', reason: 'unsupported' },
      { index: 4, kid: 'h', reason: 'oct_not_allowed' },
      { index: 5, kid: null, reason: 'invalid' },
    ],
  );
  assert.match(skipped[2].message, /2048/);
  assert.ok(Object.isFrozen(skipped) && skipped.every(Object.isFrozen));
  assert.equal(set.skipped, skipped, 'parsed once');
  assert.deepEqual(KeySet.fromJwks({ keys: jwks.keys.slice(0, 3) }).skipped, []);
});

test('oct keys are used only with allowOct, an option the core judges', () => {
  const only = { keys: [SECRET_JWK] };
  const refused = thrown(() => KeySet.fromJwks(only));
  assert.equal(refused.code, 'invalid_key');
  assert.match(refused.message, /no usable key.*oct_not_allowed/);
  assert.equal(KeySet.fromJwks(only, { allowOct: true }).size, 1);
  assert.equal(KeySet.fromJwks(JSON.stringify(only), { allowOct: true }).size, 1);
  assert.equal(thrown(() => KeySet.fromJwks(only, { allowOct: false })).code, 'invalid_key');
  assert.equal(thrown(() => KeySet.fromJwks(only, {})).code, 'invalid_key');
  for (const [options, option, message] of [
    [{ allowOct: 'yes' }, 'allowOct', /boolean/],
    [{ allow_oct: true }, 'allow_oct', /unknown option \(onejwt calls it `allowOct`\)/],
  ]) {
    const err = thrown(() => KeySet.fromJwks(only, options));
    assert.ok(err instanceof TypeError && !(err instanceof JwtError), String(err));
    assert.equal(err.option, option);
    assert.match(err.message, message);
  }
  assert.throws(() => KeySet.fromJwks(only, 'allowOct'), TypeError);
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
