/**
 * @module api.test — the public surface of `onejwt-wasm`: the same names and types as the Node package
 * (bindings-js/src/index.d.ts is the one source), error shapes, the host clock, signing randomness.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import * as onejwtWasm from 'onejwt-wasm';
import { ERROR_CODES, JwtError, Key, KeySet, Verifier, decodeUnverified, sign } from 'onejwt-wasm';
// The raw module the entry above instantiated (ES modules are loaded once).
import { schemaJson } from '../pkg/wasm/onejwt_wasm.js';

import { disagreements } from '../../bindings-js/test/schema.mjs';

const TYPES = readFileSync(new URL('../../bindings-js/src/index.d.ts', import.meta.url), 'utf8');
const KEYS = new URL('../../tests/vectors/keys/', import.meta.url);
const SECRET = 'onejwt-test-hs256-secret-32bytes';
const key = Key.hmac(SECRET);

function keyFile(name) {
  return readFileSync(new URL(name, KEYS), 'utf8');
}

/** The error `fn` throws (fails when it returns). */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an exception');
}

test('the package exports exactly the values index.d.ts declares', () => {
  const declared = [...TYPES.matchAll(/^export (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(Object.keys(onejwtWasm).sort(), declared);
});

test("index.d.ts agrees with the option schema of the WebAssembly module's core", () => {
  const ts = createRequire(import.meta.url)('typescript');
  assert.deepEqual(disagreements(ts, TYPES, JSON.parse(schemaJson())), []);
});

test('ERROR_CODES is frozen, comes from the core, and equals the ErrorCode type of index.d.ts', () => {
  const union = /export type ErrorCode =([^;]+);/.exec(TYPES)[1];
  const typed = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
  assert.ok(Object.isFrozen(ERROR_CODES));
  assert.deepEqual([...ERROR_CODES], typed);
  assert.equal(new Set(ERROR_CODES).size, 16);
});

test('the Node package (when its addon is built) exports the same names', { skip: !existsSync(new URL('../../bindings-node/js/onejwt.linux-x64-gnu.node', import.meta.url)) && 'bindings-node is not built' }, async () => {
  const onejwt = await import('../../bindings-node/js/index.mjs');
  assert.deepEqual(Object.keys(onejwtWasm).sort(), Object.keys(onejwt).sort());
  assert.deepEqual([...onejwt.ERROR_CODES], [...ERROR_CODES]);
});

test('keys report their family, kid and signing ability; the classes have no public constructor', () => {
  assert.deepEqual([key.family, key.kid, key.canSign], ['hmac', null, true]);
  const rsa = Key.fromPem(keyFile('rsa2048.public.spki.pem'));
  assert.deepEqual([rsa.family, rsa.kid, rsa.canSign], ['rsa', null, false]);
  const ec = Key.fromJwk({ ...JSON.parse(keyFile('p256.private.jwk')), kid: 'ec-1' });
  assert.deepEqual([ec.family, ec.kid, ec.canSign], ['ec-p256', 'ec-1', true]);
  assert.equal(Key.fromPem(new TextEncoder().encode(keyFile('ed25519.public.spki.pem'))).family, 'ed25519');
  assert.equal(Object.prototype.toString.call(key), '[object Key]');
  assert.ok(thrown(() => new Key()) instanceof TypeError);
  assert.ok(thrown(() => new KeySet()) instanceof TypeError);
  assert.equal(KeySet.fromJwks(JSON.stringify({ keys: [JSON.parse(keyFile('ed25519.public.jwk'))] })).size, 1);
});

test('a key set reports the keys it left out; oct keys need allowOct; ES512 signs and verifies', () => {
  const oct = { kty: 'oct', kid: 'h', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA' };
  const jwks = { keys: [JSON.parse(keyFile('p521.public.jwk')), oct, JSON.parse(keyFile('x25519.public.jwk'))] };
  const set = KeySet.fromJwks(jwks);
  assert.equal(set.size, 1);
  assert.deepEqual(set.skipped.map((s) => [s.index, s.kid, s.reason]), [[1, 'h', 'oct_not_allowed'], [2, null, 'unsupported']]);
  assert.ok(Object.isFrozen(set.skipped));
  assert.equal(KeySet.fromJwks(jwks, { allowOct: true }).size, 2);
  assert.equal(thrown(() => KeySet.fromJwks({ keys: [oct] })).code, 'invalid_key');
  assert.equal(thrown(() => KeySet.fromJwks(jwks, { allowOct: 1 })).option, 'allowOct');
  const p521 = Key.fromPem(keyFile('p521.private.pkcs8.pem'));
  assert.deepEqual([p521.family, p521.canSign], ['ec-p521', true]);
  const token = sign({ sub: 'p521' }, p521, 'ES512');
  assert.deepEqual(new Verifier({ keys: set, algorithms: ['ES512'] }).verify(token, { now: 0 }), { sub: 'p521' });
});

test('a verdict is a JwtError with code, claim and the core message, never the token', () => {
  const token = sign({ sub: 'x', exp: 1000 }, key, 'HS256');
  const verifier = new Verifier({ key, algorithms: ['HS256'] });
  const e = thrown(() => verifier.verify(token, { now: 1000 }));
  assert.ok(e instanceof JwtError && e instanceof Error);
  assert.equal(e.name, 'JwtError');
  assert.equal(e.code, 'expired');
  assert.equal(e.claim, 'exp');
  assert.ok(e.message.length > 0 && !e.message.includes(token) && !e.message.includes(token.split('.')[1]));
  const bad = thrown(() => Key.hmac(''));
  assert.ok(bad instanceof JwtError);
  assert.equal(bad.code, 'invalid_key');
  assert.equal(bad.claim, undefined);
});

test('option mistakes are TypeErrors naming the option in camelCase', () => {
  for (const [options, option] of [
    [{ key, algorithms: ['HS256'], maxTokenBytes: -1 }, 'maxTokenBytes'],
    [{ key, algorithms: ['HS256'], maxAge: 'soon' }, 'maxAge'],
    [{ key, algorithms: ['none'] }, 'algorithms'],
    [{ key, algorithms: ['HS256'], leway: 5 }, 'leway'],
    [{ key, algorithms: ['HS256'], leeway: Number.NaN }, 'leeway'],
    [{ key: 'secret', algorithms: ['HS256'] }, 'key'],
    [{ keys: key, algorithms: ['HS256'] }, 'keys'],
    [{ algorithms: ['HS256'] }, 'key'],
  ]) {
    const e = thrown(() => new Verifier(options));
    assert.ok(e instanceof TypeError, `${option}: ${e}`);
    assert.equal(e.option, option);
    assert.match(e.message, new RegExp(`\`${option}\``));
  }
  const e = thrown(() => sign({}, key, 'HS256', { headers: { alg: 'none' } }));
  assert.ok(e instanceof TypeError);
  assert.equal(e.option, 'headers');
  assert.equal(thrown(() => sign({}, key, 'HS256', { kidd: 'x' })).option, 'kidd');
  assert.equal(thrown(() => new Verifier({ key, algorithms: ['HS256'] }).verify('a.b.c', { when: 1 })).option, 'when');
});

test('the clock is the host’s Date.now() unless `now` is given (seconds, floored, or a Date)', () => {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const verifier = new Verifier({ key, algorithms: ['HS256'] });
  const live = sign({ exp: nowSeconds + 3600 }, key, 'HS256');
  const dead = sign({ exp: nowSeconds - 3600 }, key, 'HS256');
  assert.deepEqual(verifier.verify(live), { exp: nowSeconds + 3600 });
  assert.equal(thrown(() => verifier.verify(dead)).code, 'expired');
  const at = sign({ exp: 2_000_000_000 }, key, 'HS256');
  assert.ok(verifier.verify(at, { now: 1_999_999_999.99 }));
  assert.equal(thrown(() => verifier.verify(at, { now: 2_000_000_000 })).code, 'expired');
  assert.ok(verifier.verify(at, { now: new Date(1_999_999_999_999) }));
  assert.equal(thrown(() => verifier.verify(at, { now: new Date(2_000_000_000_000) })).code, 'expired');
  for (const now of [Number.NaN, Infinity, new Date(Number.NaN), '2026-01-01', 10n, {}, [1]]) {
    const e = thrown(() => verifier.verify(at, { now }));
    assert.ok(e instanceof TypeError && e.option === 'now', String(now));
  }
  // `null` means "not set" (the core's rule for every option, as in onejwt): the host clock.
  assert.equal(thrown(() => verifier.verify(dead, { now: null })).code, 'expired');
  assert.deepEqual(verifier.verify(live, { now: null }), { exp: nowSeconds + 3600 });
});

test('sign stamps expiresIn and setIssuedAt at the host clock (Date.now) unless `now` is given', () => {
  const claims = (options) => decodeUnverified(sign({ sub: '42' }, key, 'HS256', options)).claims;
  const before = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims({ expiresIn: 60, setIssuedAt: true });
  assert.ok(iat >= before && iat <= Math.floor(Date.now() / 1000), `iat ${iat}`);
  assert.equal(exp, iat + 60);
  assert.deepEqual(claims({ expiresIn: 5, now: new Date(1_000_999) }), { sub: '42', exp: 1005 });
});

test('verifyComplete returns the header; decodeUnverified reads without verifying', () => {
  const token = sign({ sub: '42' }, key, 'HS256', { kid: 'k1', headers: { typ: 'at+jwt', x: [1] } });
  const verifier = new Verifier({ key, algorithms: ['HS256'], typ: 'at+jwt' });
  assert.deepEqual(verifier.verifyComplete(token, { now: 0 }), {
    header: { alg: 'HS256', kid: 'k1', typ: 'at+jwt', x: [1] },
    claims: { sub: '42' },
  });
  const unsigned = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiJ9.';
  assert.deepEqual(decodeUnverified(unsigned), { header: { alg: 'none' }, claims: { sub: '42' } });
  assert.equal(thrown(() => new Verifier({ key, algorithms: ['HS256'] }).verify(unsigned, { now: 0 })).code, 'algorithm_not_allowed');
});

test('integers beyond 2^53 become the nearest JS number (documented as lossy)', () => {
  // {"n":9007199254740993} signed elsewhere would do; decoding needs no signature.
  const payload = Buffer.from('{"n":9007199254740993}').toString('base64url');
  const { claims } = decodeUnverified(`eyJhbGciOiJIUzI1NiJ9.${payload}.`);
  assert.equal(claims.n, 9007199254740992);
});

test('ECDSA and RSA-PSS signing draw randomness from crypto.getRandomValues', () => {
  for (const [file, alg] of [['p256.private.jwk', 'ES256'], ['p384.private.jwk', 'ES384'], ['rsa2048.private.jwk', 'PS256']]) {
    const signer = Key.fromJwk(keyFile(file));
    const a = sign({ sub: alg }, signer, alg);
    const b = sign({ sub: alg }, signer, alg);
    assert.notEqual(a, b, `${alg} signatures are randomized`);
    const verifier = new Verifier({ key: signer, algorithms: [alg] });
    assert.deepEqual(verifier.verify(a), { sub: alg });
    assert.deepEqual(verifier.verify(b), { sub: alg });
  }
});

test('a key stays usable after a Verifier and other keys are built from it', () => {
  const keys = KeySet.fromJwks({ keys: [JSON.parse(keyFile('ed25519.public.jwk'))] });
  for (let i = 0; i < 3; i += 1) {
    new Verifier({ key, algorithms: ['HS256'] });
    new Verifier({ keys, algorithms: ['EdDSA'] });
  }
  assert.equal(key.family, 'hmac');
  assert.equal(keys.size, 1);
  assert.ok(sign({}, key, 'HS256'));
});

test('per-call options follow the Node package exactly (one surface.mjs): null, numbers and unknown names are TypeErrors', () => {
  const key = Key.hmac('a-32-byte-secret-for-hs256-use!!');
  const verifier = new Verifier({ key, algorithms: ['HS256'] });
  const token = sign({ sub: '1' }, key, 'HS256');
  for (const options of [null, 5, 'now', [1]]) assert.throws(() => verifier.verify(token, options), TypeError);
  assert.throws(() => verifier.verify(token, { now: 1, leeway: 5 }), (err) => err instanceof TypeError && err.option === 'leeway');
  assert.deepEqual(verifier.verify(token, { now: 1_700_000_000, extra: undefined }), { sub: '1' });
});
