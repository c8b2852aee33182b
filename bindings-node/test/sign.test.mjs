/** @module sign.test — sign: tokens the core issues, header choices, and refused arguments. */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { JwtError, Key, Verifier, decodeUnverified, sign } from 'onejwt';

import { CLAIMS, NOW, SECRET, keyText, thrown } from './fixtures.mjs';

const hmac = Key.hmac(SECRET);

test('HS256 signing is deterministic and byte-exact (same bytes as the Rust core doc example)', () => {
  const token = sign({ sub: '42' }, hmac, 'HS256', { kid: 'k1' });
  assert.ok(token.startsWith('eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.'));
  assert.equal(sign({ sub: '42' }, hmac, 'HS256', { kid: 'k1' }), token);
});

test('every algorithm family round-trips through the verifier', () => {
  const pairs = [
    ['HS256', hmac, hmac],
    ['HS512', Key.hmac('x'.repeat(64)), Key.hmac('x'.repeat(64))],
    ['RS256', Key.fromPem(keyText('rsa2048.private.pkcs8.pem')), Key.fromPem(keyText('rsa2048.public.spki.pem'))],
    ['PS384', Key.fromPem(keyText('rsa2048.private.pkcs1.pem')), Key.fromPem(keyText('rsa2048.public.pkcs1.pem'))],
    ['ES256', Key.fromPem(keyText('p256.private.pkcs8.pem')), Key.fromPem(keyText('p256.public.spki.pem'))],
    ['ES384', Key.fromPem(keyText('p384.private.sec1.pem')), Key.fromPem(keyText('p384.public.spki.pem'))],
    ['EdDSA', Key.fromPem(keyText('ed25519.private.pkcs8.pem')), Key.fromPem(keyText('ed25519.public.spki.pem'))],
  ];
  for (const [alg, signer, verifierKey] of pairs) {
    const token = sign(CLAIMS, signer, alg);
    const verifier = new Verifier({ key: verifierKey, algorithms: [alg], audience: 'api' });
    assert.deepEqual(verifier.verifyComplete(token, { now: NOW }), { header: { alg, typ: 'JWT' }, claims: CLAIMS }, alg);
  }
});

test('headers: typ may be replaced and extras added; reserved names are refused as an option error', () => {
  const token = sign({ sub: '42' }, hmac, 'HS256', { headers: { typ: 'at+jwt', cty: 'x' } });
  assert.deepEqual(decodeUnverified(token).header, { alg: 'HS256', cty: 'x', typ: 'at+jwt' });
  for (const name of ['alg', 'kid', 'crit', 'b64']) {
    const err = thrown(() => sign({}, hmac, 'HS256', { headers: { [name]: 'x' } }));
    assert.ok(err instanceof TypeError, `${name}: ${err}`);
    assert.equal(err.option, 'headers');
  }
});

test('the core refuses keys and claims it cannot sign with, as JwtErrors', () => {
  const cases = [
    [() => sign(CLAIMS, Key.fromPem(keyText('rsa2048.public.spki.pem')), 'RS256'), 'invalid_key'],
    [() => sign(CLAIMS, hmac, 'RS256'), 'invalid_key'],
    [() => sign(CLAIMS, Key.hmac('short'), 'HS256'), 'invalid_key'],
    [() => sign(CLAIMS, hmac, 'ES512'), 'invalid_key'],
    [() => sign(CLAIMS, hmac, 'ES256K'), 'unsupported_algorithm'],
    [() => sign(CLAIMS, hmac, 'none'), 'unsupported_algorithm'],
    [() => sign({ exp: 'tomorrow' }, hmac, 'HS256'), 'invalid_claim'],
  ];
  for (const [make, code] of cases) {
    const err = thrown(make);
    assert.ok(err instanceof JwtError, String(err));
    assert.equal(err.code, code);
  }
});

test('arguments of the wrong type are TypeErrors', () => {
  const cases = [
    () => sign(null, hmac, 'HS256'),
    () => sign('{"sub":"42"}', hmac, 'HS256'),
    () => sign([1], hmac, 'HS256'),
    () => sign({}, SECRET, 'HS256'),
    () => sign({}, { family: 'hmac' }, 'HS256'),
    () => sign({}, hmac, 256),
    () => sign({}, hmac),
    () => sign({}, hmac, 'HS256', 'k1'),
    () => sign({}, hmac, 'HS256', { kid: 1 }),
    () => sign({}, hmac, 'HS256', { headers: 'x' }),
    () => sign({}, hmac, 'HS256', { kidd: 'k1' }),
  ];
  for (const make of cases) {
    const err = thrown(make);
    assert.ok(err instanceof TypeError && !(err instanceof JwtError), String(err));
  }
  assert.equal(thrown(() => sign({}, hmac, 'HS256', { kidd: 'k1' })).option, 'kidd');
});

test('expiresIn and setIssuedAt stamp exp and iat at `now` (seconds or a Date), else at the clock', () => {
  const at = (options) => decodeUnverified(sign({ sub: '42' }, hmac, 'HS256', options)).claims;
  assert.deepEqual(at({ expiresIn: 900, setIssuedAt: true, now: NOW + 0.9 }), { sub: '42', iat: NOW, exp: NOW + 900 });
  assert.deepEqual(at({ expiresIn: 60, now: new Date(NOW * 1000) }), { sub: '42', exp: NOW + 60 });
  const before = Math.floor(Date.now() / 1000);
  const { iat, exp } = at({ expiresIn: 60, setIssuedAt: true });
  assert.ok(iat >= before && iat <= Math.floor(Date.now() / 1000), `iat ${iat} is the system clock's`);
  assert.equal(exp, iat + 60);
  for (const [options, option] of [[{ expiresIn: -1 }, 'expiresIn'], [{ setIssuedAt: 'yes' }, 'setIssuedAt'], [{ now: 'soon', expiresIn: 1 }, 'now']]) {
    const err = thrown(() => sign({}, hmac, 'HS256', options));
    assert.ok(err instanceof TypeError && !(err instanceof JwtError), String(err));
    assert.equal(err.option, option);
  }
  assert.equal(thrown(() => sign({ exp: 1 }, hmac, 'HS256', { expiresIn: 60 })).option, 'expiresIn');
});

test("an unknown option that another library spells that way gets the core's hint", () => {
  const err = thrown(() => sign({}, hmac, 'HS256', { expirationTime: 60 }));
  assert.equal(err.option, 'expirationTime');
  assert.equal(err.message, 'invalid option `expirationTime`: unknown option (onejwt calls it `expiresIn`)');
});
