/** @module verifier.test — Verifier: options validated by the core, the injected clock, and argument types. */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { JwtError, Key, KeySet, Verifier, sign } from 'onejwt';

import { CLAIMS, NOW, SECRET, keyJwk, thrown } from './fixtures.mjs';

const key = Key.hmac(SECRET);
const token = sign(CLAIMS, key, 'HS256', { kid: 'k1' });
const base = { key, algorithms: ['HS256'], issuer: 'https://auth.example', audience: 'api' };

test('verify returns the claims; verifyComplete also the header', () => {
  const verifier = new Verifier(base);
  assert.deepEqual(verifier.verify(token, { now: NOW }), CLAIMS);
  assert.deepEqual(verifier.verifyComplete(token, { now: NOW }), {
    header: { alg: 'HS256', kid: 'k1', typ: 'JWT' },
    claims: CLAIMS,
  });
});

test('now: Unix seconds (floored), a Date, or the current time when absent', () => {
  const verifier = new Verifier(base);
  const exp = CLAIMS.exp;
  assert.deepEqual(verifier.verify(token, { now: exp - 0.5 }), CLAIMS, 'exp - 0.5 floors to exp - 1');
  assert.equal(thrown(() => verifier.verify(token, { now: exp })).code, 'expired');
  assert.deepEqual(verifier.verify(token, { now: new Date((exp - 1) * 1000 + 999) }), CLAIMS);
  assert.equal(thrown(() => verifier.verify(token, { now: new Date(exp * 1000) })).code, 'expired');
  // The machine's clock is long past NOW + 900, so the default clock must say expired; an
  // undefined or null now means the same (not set).
  assert.ok(Date.now() / 1000 > exp);
  for (const options of [undefined, {}, { now: undefined }, { now: null }]) {
    assert.equal(thrown(() => verifier.verify(token, options)).code, 'expired');
  }
  const fresh = sign({ ...CLAIMS, iat: undefined, exp: Math.floor(Date.now() / 1000) + 60 }, key, 'HS256');
  assert.equal(verifier.verify(fresh).sub, 'user-42');
});

test('a bad now or per-call option is a TypeError naming it', () => {
  const verifier = new Verifier(base);
  for (const now of ['1767225600', NaN, Infinity, 1e300, new Date('nope'), {}, [NOW], 10n]) {
    const err = thrown(() => verifier.verify(token, { now }));
    assert.ok(err instanceof TypeError, `${String(now)}: ${err}`);
    assert.equal(err.option, 'now');
  }
  const hinted = thrown(() => verifier.verify(token, { currentDate: new Date() }));
  assert.equal(hinted.message, 'invalid option `currentDate`: unknown option (onejwt calls it `now`)');
  const unknown = thrown(() => verifier.verify(token, { now: NOW, leeway: 5 }));
  assert.ok(unknown instanceof TypeError);
  assert.equal(unknown.option, 'leeway');
  for (const options of [null, 5, 'now', [NOW]]) assert.throws(() => verifier.verify(token, options), TypeError);
});

test('options errors come from the core as TypeErrors naming the option (camelCase)', () => {
  const cases = [
    [{ key, algorithms: [] }, 'algorithms', /at least one algorithm/],
    [{ key, algorithms: ['none'] }, 'algorithms', /none/],
    [{ key }, 'algorithms', /algorithm/],
    [{ key, algorithms: 'HS256' }, 'algorithms', /list of strings/],
    [{ ...base, leeway: -1 }, 'leeway', /negative/],
    [{ ...base, leeway: 1.5 }, 'leeway', /whole number/],
    [{ ...base, leeway: '5' }, 'leeway', /whole number/],
    [{ ...base, leeway: NaN }, 'leeway', /NaN/],
    [{ ...base, maxTokenBytes: 0 }, 'maxTokenBytes', /at least 1/],
    [{ ...base, max_token_bytes: 10 }, 'max_token_bytes', /unknown option/],
    [{ ...base, issuer: [] }, 'issuer', /empty/],
    [{ ...base, audience: [1] }, 'audience', /strings/],
    [{ ...base, typ: '' }, 'typ', /empty/],
    [{ ...base, leway: 5 }, 'leway', /unknown option/],
    [{ ...base, clockTolerance: 5 }, 'clockTolerance', /unknown option \(onejwt calls it `leeway`\)$/],
    [{ ...base, subject: 5 }, 'subject', /must be a string/],
    [{ algorithms: ['HS256'] }, 'key', /key/],
    [{ ...base, keys: KeySet.fromJwks({ keys: [keyJwk('p256.public.jwk')] }) }, 'key', /not both/],
    [{ ...base, key: 'secret' }, 'key', /must be a Key/],
    [{ algorithms: ['HS256'], keys: [keyJwk('p256.public.jwk')] }, 'keys', /must be a KeySet/],
  ];
  for (const [options, option, message] of cases) {
    const err = thrown(() => new Verifier(options));
    assert.ok(err instanceof TypeError && !(err instanceof JwtError), `${option}: ${err}`);
    assert.equal(err.option, option, err.message);
    assert.match(err.message, message);
    assert.match(err.message, new RegExp(`\`${option}\``), 'the message names the option');
  }
});

test('every option is honoured (undefined and null mean "not set")', () => {
  const all = new Verifier({
    ...base,
    issuer: ['https://other.example', 'https://auth.example'],
    audience: ['x', 'api'],
    leeway: 60,
    required: ['sub'],
    typ: 'JWT',
    maxTokenBytes: 4096,
    maxAge: 120,
  });
  assert.deepEqual(all.verify(token, { now: CLAIMS.iat + 180 }), CLAIMS, 'maxAge 120 + leeway 60');
  assert.equal(thrown(() => all.verify(token, { now: CLAIMS.iat + 181 })).code, 'expired', 'older than maxAge');
  const lenient = new Verifier({ ...base, leeway: 60 });
  assert.deepEqual(lenient.verify(token, { now: CLAIMS.exp + 59 }), CLAIMS, 'leeway applies to exp');
  assert.equal(thrown(() => lenient.verify(token, { now: CLAIMS.exp + 60 })).code, 'expired');
  assert.equal(thrown(() => new Verifier({ ...base, required: ['jti'] }).verify(token, { now: NOW })).code, 'missing_claim');
  assert.equal(thrown(() => new Verifier({ ...base, typ: 'at+jwt' }).verify(token, { now: NOW })).code, 'wrong_token_type');
  assert.equal(thrown(() => new Verifier({ ...base, issuer: 'x' }).verify(token, { now: NOW })).code, 'invalid_issuer');
  assert.deepEqual(new Verifier({ ...base, subject: 'user-42' }).verify(token, { now: NOW }), CLAIMS);
  assert.equal(thrown(() => new Verifier({ ...base, subject: 'user-7' }).verify(token, { now: NOW })).claim, 'sub');
  assert.equal(thrown(() => new Verifier({ ...base, audience: 'x' }).verify(token, { now: NOW })).code, 'invalid_audience');
  assert.equal(thrown(() => new Verifier({ ...base, maxTokenBytes: 100 }).verify(token, { now: NOW })).code, 'token_too_large');
  const unset = new Verifier({ ...base, leeway: undefined, typ: null, keys: undefined });
  assert.deepEqual(unset.verify(token, { now: NOW }), CLAIMS);
});

test('a huge token is token_too_large, quickly, without crashing', () => {
  const verifier = new Verifier(base);
  const huge = `${token.split('.')[0]}.${'A'.repeat(32 * 1024 * 1024)}.sig`;
  const started = performance.now();
  const err = thrown(() => verifier.verify(huge, { now: NOW }));
  assert.ok(err instanceof JwtError);
  assert.equal(err.code, 'token_too_large');
  assert.ok(!err.message.includes('AAAA'));
  assert.ok(performance.now() - started < 2000);
});

test('arguments of the wrong type are TypeErrors, never crashes or opaque errors', () => {
  const verifier = new Verifier(base);
  for (const bad of [undefined, null, 42, {}, [], Buffer.from(token), Symbol('t'), () => token, 1n]) {
    const err = thrown(() => verifier.verify(bad));
    assert.ok(err instanceof TypeError, String(err));
    assert.match(err.message, /token/);
    assert.ok(thrown(() => verifier.verifyComplete(bad)) instanceof TypeError);
  }
  for (const bad of [undefined, null, 'HS256', ['HS256'], 42]) assert.throws(() => new Verifier(bad), TypeError);
});

test('broken tokens are JwtErrors with the core codes', () => {
  const verifier = new Verifier(base);
  const [h, p, s] = token.split('.');
  const cases = [
    ['', 'malformed'],
    ['a.b', 'malformed'],
    [`${h}.${p}.${s}.x`, 'malformed'],
    [`${h}.${p}.${s.slice(0, -2)}AA`, 'invalid_signature'],
    [`${h}.${p}x.${s}`, 'malformed'],
    ['\u0000\uffff.\ud800.é', 'malformed'],
  ];
  for (const [bad, code] of cases) {
    const err = thrown(() => verifier.verify(bad, { now: NOW }));
    assert.ok(err instanceof JwtError, `${JSON.stringify(bad)}: ${err}`);
    assert.equal(err.code, code, JSON.stringify(bad));
  }
});

test('a Verifier is reusable and independent of later changes to its options object', () => {
  const options = { ...base };
  const verifier = new Verifier(options);
  options.audience = 'other';
  options.algorithms.push('RS256');
  assert.deepEqual(verifier.verify(token, { now: NOW }), CLAIMS);
});
