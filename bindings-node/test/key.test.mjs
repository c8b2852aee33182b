/** @module key.test — Key: the three factories, the facts a key exposes, and their refusals. */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { JwtError, Key } from 'onejwt';

import { SECRET, keyJwk, keyText, thrown } from './fixtures.mjs';

test('each factory binds the key to its family', () => {
  const cases = [
    [Key.hmac(SECRET), 'hmac', true],
    [Key.fromPem(keyText('rsa2048.public.spki.pem')), 'rsa', false],
    [Key.fromPem(keyText('rsa2048.private.pkcs8.pem')), 'rsa', true],
    [Key.fromPem(keyText('rsa2048.cert.pem')), 'rsa', false],
    [Key.fromPem(keyText('p256.private.sec1.pem')), 'ec-p256', true],
    [Key.fromPem(keyText('p384.public.spki.pem')), 'ec-p384', false],
    [Key.fromPem(keyText('p521.public.spki.pem')), 'ec-p521', false],
    [Key.fromPem(keyText('p521.private.pkcs8.pem')), 'ec-p521', true],
    [Key.fromJwk(keyText('p521.private.jwk')), 'ec-p521', true],
    [Key.fromPem(keyText('ed25519.private.pkcs8.pem')), 'ed25519', true],
    [Key.fromJwk(keyJwk('ed25519.public.jwk')), 'ed25519', false],
    [Key.fromJwk(keyText('p256.private.jwk')), 'ec-p256', true],
  ];
  for (const [key, family, canSign] of cases) {
    assert.ok(key instanceof Key);
    assert.equal(key.family, family);
    assert.equal(key.canSign, canSign);
  }
});

test('kid comes from the JWK, null otherwise', () => {
  assert.equal(Key.fromJwk({ ...keyJwk('ed25519.public.jwk'), kid: 'k-1' }).kid, 'k-1');
  assert.equal(Key.fromJwk({ ...keyJwk('ed25519.public.jwk'), kid: undefined }).kid, null);
  assert.equal(Key.hmac(SECRET).kid, null);
  assert.equal(Key.fromPem(keyText('ed25519.public.spki.pem')).kid, null);
});

test('a secret may be text or bytes (Buffer included); the same bytes make the same key', () => {
  const bytes = new TextEncoder().encode(SECRET);
  for (const secret of [bytes, Buffer.from(SECRET), SECRET]) assert.equal(Key.hmac(secret).family, 'hmac');
  assert.equal(Key.fromPem(Buffer.from(keyText('p256.public.spki.pem'))).family, 'ec-p256');
});

test('the core refuses bad keys with invalid_key', () => {
  for (const make of [
    () => Key.hmac(''),
    () => Key.hmac(keyText('rsa2048.public.spki.pem')),
    () => Key.hmac(JSON.stringify(keyJwk('ed25519.public.jwk'))),
    () => Key.fromPem('not a pem'),
    () => Key.fromPem(keyText('rsa1024.public.spki.pem')),
    () => Key.fromJwk({ kty: 'RSA' }),
    () => Key.fromJwk('{not json'),
  ]) {
    const err = thrown(make);
    assert.ok(err instanceof JwtError, String(err));
    assert.equal(err.code, 'invalid_key');
  }
});

test('arguments of the wrong type are TypeErrors', () => {
  for (const make of [
    () => Key.hmac(),
    () => Key.hmac(42),
    () => Key.hmac(new Uint16Array(16)),
    () => Key.hmac({ secret: SECRET }),
    () => Key.fromPem(null),
    () => Key.fromJwk(42),
    () => Key.fromJwk([]),
    () => Key.fromJwk({ kty: 'oct', k: 1n }),
  ]) {
    const err = thrown(make);
    assert.ok(err instanceof TypeError, String(err));
    assert.ok(!(err instanceof JwtError));
  }
});

test('a key is immutable', () => {
  const key = Key.hmac(SECRET);
  assert.throws(() => {
    'use strict';
    key.family = 'rsa';
  }, TypeError);
  assert.equal(key.family, 'hmac');
});
