/**
 * @module service-suite — the TokenService / extractToken tests shared by `onejwt` (bindings-node/test/service.test.mjs)
 * and `onejwt-wasm` (bindings-wasm/test/service.test.mjs): `serviceSuite(lib)` registers them against the
 * package namespace it is given, so both packages are held to the same behaviour.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

export const SECRET = 'service-secret-service-secret-32';
const NOW = 1_767_225_600;
const CONFIG = { secretKey: SECRET, issuer: 'https://auth.example', audience: 'api' };

/** The error `fn` throws (fails when it returns). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an exception');
}

/** A Map-backed store that records its calls; `this` must be the store (class-based stores work). */
class RecordingStore {
  revoked = new Map();
  calls = [];
  isRevoked(jti) {
    this.calls.push(['isRevoked', jti]);
    return this.revoked.has(jti);
  }
  revoke(jti, expiresAt) {
    this.calls.push(['revoke', jti, expiresAt]);
    this.revoked.set(jti, expiresAt);
  }
}

/** @param {object} lib the package namespace (`onejwt` or `onejwt-wasm`) */
export function serviceSuite(lib) {
  const { JwtError, TokenService, extractToken } = lib;
  const service = (extra = {}) => new TokenService({ ...CONFIG, ...extra });
  const at = (now = NOW) => ({ now });

  test('issues access and refresh tokens with the documented claims', () => {
    const s = service();
    const access = s.createAccessToken('42', { email: 'ada@example.com', permissions: ['read'], extra: { tenant: 't1' }, ...at() });
    const claims = s.verify(access, 'access', at());
    assert.equal(typeof claims.jti, 'string');
    assert.deepEqual({ ...claims, jti: 'x' }, {
      sub: '42', email: 'ada@example.com', permissions: ['read'], tenant: 't1', iat: NOW, exp: NOW + 900,
      jti: 'x', iss: 'https://auth.example', aud: 'api', type: 'access',
    });
    // The default token type is 'access'; `now` may be a Date.
    assert.equal(s.verify(access, undefined, { now: new Date(NOW * 1000) }).sub, '42');
    const refresh = s.createRefreshToken('42', at());
    const r = s.verify(refresh, 'refresh', at());
    assert.deepEqual(Object.keys(r).sort(), ['aud', 'exp', 'iat', 'iss', 'jti', 'sub', 'type']);
    assert.equal(r.exp, NOW + 7 * 24 * 3600);
    assert.notEqual(s.createAccessToken('42', at()), s.createAccessToken('42', at()), 'jti is random');
  });

  test('a token of one type is never accepted as the other', () => {
    const s = service();
    const access = s.createAccessToken('42', at());
    const refresh = s.createRefreshToken('42', at());
    assert.equal(thrown(() => s.verify(access, 'refresh', at())).code, 'wrong_token_type');
    assert.equal(thrown(() => s.verify(refresh, 'access', at())).code, 'wrong_token_type');
    assert.equal(thrown(() => s.verify(refresh, undefined, at())).code, 'wrong_token_type');
    assert.equal(s.validateToken(refresh, 'access', at()), null);
    assert.equal(thrown(() => s.refresh(access, at())).code, 'wrong_token_type');
    const e = thrown(() => s.verify(access, 'id', at()));
    assert.ok(e instanceof TypeError && !(e instanceof JwtError), 'a bad tokenType is a caller mistake');
  });

  test('validateToken and extractUserId give null for garbage of every JS type, never throwing', () => {
    const s = service();
    const valid = s.createAccessToken('42', at());
    const expired = s.createAccessToken('42', at(NOW - 10_000));
    const garbage = [
      undefined, null, 0, 42, NaN, -Infinity, 0n, true, false, Symbol('t'), '', ' ', 'garbage', 'a.b.c',
      `${valid}x`, valid.toUpperCase(), expired, {}, [], [valid], { token: valid }, () => valid,
      new Date(), new Uint8Array(8), new Map(), Promise.resolve(valid), Object.create(null),
      new Proxy({}, { get() { throw new Error('trap'); } }), 'x'.repeat(100_000),
    ];
    for (const value of garbage) {
      assert.equal(s.validateToken(value, 'access', at()), null, String(typeof value));
      assert.equal(s.validateToken(value, 'refresh', at()), null);
      assert.equal(s.extractUserId(value, at()), null);
    }
    assert.equal(s.validateToken(valid, 'access', at()).sub, '42');
    assert.equal(s.extractUserId(valid, at()), '42');
    // Each was a verification the metrics saw fail.
    assert.ok(s.metrics().failures.malformed >= garbage.length);
  });

  test('two tokens sharing a long prefix never share a cache entry', () => {
    const s = service({ cacheSize: 16 });
    const token = s.createAccessToken('42', at());
    assert.ok(s.validateToken(token, 'access', at()));
    assert.ok(s.validateToken(token, 'access', at()));
    assert.deepEqual([s.metrics().cache_hits, s.metrics().cache_misses], [1, 1]);
    // Same header and claims, a different signature: everything but the last characters is shared.
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const forged = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    assert.notEqual(forged, token);
    assert.equal(s.validateToken(forged, 'access', at()), null);
    assert.ok(['invalid_signature', 'malformed'].includes(thrown(() => s.verify(forged, 'access', at())).code));
    assert.equal(s.validateToken(`${token}A`, 'access', at()), null);
    assert.equal(s.metrics().cache_hits, 1, 'no forged token was answered from the cache');
    assert.equal(s.health().cache_entries, 1);
  });

  test('refresh rotates the pair and rejects reuse of the old refresh token', () => {
    const s = service();
    const refresh = s.createRefreshToken('42', at());
    const pair = s.refresh(refresh, at(NOW + 5));
    assert.deepEqual(Object.keys(pair), ['accessToken', 'refreshToken']);
    assert.equal(s.verify(pair.accessToken, 'access', at(NOW + 5)).sub, '42');
    assert.equal(s.verify(pair.refreshToken, 'refresh', at(NOW + 5)).sub, '42');
    const reuse = thrown(() => s.refresh(refresh, at(NOW + 6)));
    assert.ok(reuse instanceof JwtError);
    assert.equal(reuse.code, 'revoked');
    assert.equal(s.isRevoked(refresh, at(NOW + 6)), true);
    assert.equal(s.isRevoked(pair.refreshToken, at(NOW + 6)), false);
  });

  test('revoke and isRevoked need a verifying token; a revoked token stays refused, cache or not', () => {
    const s = service({ cacheSize: 4 });
    const token = s.createAccessToken('42', at());
    assert.ok(s.validateToken(token, 'access', at()));
    assert.equal(s.revoke(token, at()), undefined);
    s.revoke(token, at()); // twice is fine
    assert.equal(thrown(() => s.verify(token, 'access', at())).code, 'revoked');
    assert.equal(s.validateToken(token, 'access', at()), null);
    assert.equal(s.extractUserId(token, at()), null);
    assert.equal(thrown(() => s.revoke('a.b.c', at())).code, 'malformed');
    assert.equal(thrown(() => s.isRevoked(`${token.slice(0, -4)}AAAA`, at())).code, 'invalid_signature');
  });

  test('the host revocation store is called, shared between services, and keeps `this`', () => {
    const store = new RecordingStore();
    const a = service({ revocationStore: store, cacheSize: 8 });
    const b = service({ revocationStore: store });
    const token = a.createAccessToken('42', at());
    const { jti, exp } = a.verify(token, 'access', at());
    assert.deepEqual(store.calls, [['isRevoked', jti]]);
    a.verify(token, 'access', at()); // a cache hit still asks the store
    assert.equal(store.calls.length, 2);
    a.revoke(token, at());
    assert.deepEqual(store.calls.at(-1), ['revoke', jti, exp]);
    assert.equal(thrown(() => b.verify(token, 'access', at())).code, 'revoked');
    assert.equal(b.isRevoked(token, at()), true);
    const refresh = b.createRefreshToken('7', at());
    b.refresh(refresh, at());
    assert.equal(thrown(() => a.refresh(refresh, at())).code, 'revoked', 'reuse is seen by the other service');
    assert.equal(a.metrics().revoked, 1);
  });

  test('a host store that throws or answers wrongly fails closed, keeping its message', () => {
    const failing = (isRevoked, revoke = () => {}) => service({ revocationStore: { isRevoked, revoke }, cacheSize: 4 });
    const cases = [
      [() => { throw new Error('redis down'); }, 'redis down'],
      [() => { throw 'plain string'; }, 'plain string'],
      [() => 'yes', 'must return a boolean'],
      [() => undefined, 'must return a boolean'],
      [() => 1, 'must return a boolean'],
      [async () => false, 'returned a Promise'],
    ];
    for (const [isRevoked, message] of cases) {
      const s = failing(isRevoked);
      const token = s.createAccessToken('42', at());
      const e = thrown(() => s.verify(token, 'access', at()));
      assert.ok(e instanceof JwtError, String(e));
      assert.equal(e.code, 'revoked');
      assert.ok(e.message.includes(message), e.message);
      assert.equal(s.validateToken(token, 'access', at()), null);
      assert.equal(s.extractUserId(token, at()), null);
      assert.equal(thrown(() => s.isRevoked(token, at())).code, 'revoked');
      assert.equal(thrown(() => s.refresh(s.createRefreshToken('42', at()), at())).code, 'revoked');
    }
    const refusing = failing(() => false, () => { throw new RangeError('store full'); });
    const token = refusing.createAccessToken('42', at());
    const e = thrown(() => refusing.revoke(token, at()));
    assert.equal(e.code, 'revoked');
    assert.ok(e.message.includes('RangeError: store full'), e.message);
    assert.equal(thrown(() => failing(() => false, async () => {}).revoke(token, at())).code, 'revoked');
    // The service still works afterwards.
    assert.equal(refusing.verify(token, 'access', at()).sub, '42');
  });

  test('a revocation store without both methods is refused at construction', () => {
    for (const revocationStore of [{}, { isRevoked() {} }, { revoke() {} }, 'redis', 42]) {
      const e = thrown(() => service({ revocationStore }));
      assert.ok(e instanceof TypeError);
      assert.equal(e.option, 'revocationStore');
    }
  });

  test('configuration mistakes are TypeErrors naming the camelCase option; there is no default secret', () => {
    const option = (config) => thrown(() => new TokenService(config)).option;
    assert.equal(option({}), 'secretKey');
    assert.equal(option({ secretKey: 'short' }), 'secretKey');
    assert.equal(option({ ...CONFIG, accessTtl: 0 }), 'accessTtl');
    assert.equal(option({ ...CONFIG, refreshTtl: -1 }), 'refreshTtl');
    assert.equal(option({ ...CONFIG, cacheSize: 1.5 }), 'cacheSize');
    assert.equal(option({ ...CONFIG, secret_key: SECRET }), 'secret_key');
    assert.ok(thrown(() => new TokenService(null)) instanceof TypeError);
    assert.ok(thrown(() => new TokenService('secret')) instanceof TypeError);
    const s = service();
    const empty = thrown(() => s.createAccessToken('', at()));
    assert.deepEqual([empty.argument, empty.option], ['userId', undefined]); // a positional argument, not an option
    assert.equal(thrown(() => s.createAccessToken('42', { extra: { sub: 'admin' }, ...at() })).option, 'extra');
    assert.equal(thrown(() => s.createAccessToken('42', { scope: 'x' })).option, 'scope');
    assert.equal(thrown(() => s.createAccessToken('42', { permissions: 'read' })).option, 'permissions');
    assert.equal(thrown(() => s.createAccessToken('42', { permissions: [1] })).option, 'permissions');
    assert.equal(thrown(() => s.createAccessToken('42', { email: 5 })).option, 'email');
    assert.equal(thrown(() => s.createAccessToken('42', { now: '2026' })).option, 'now');
    assert.equal(thrown(() => s.verify(s.createAccessToken('42'), 'access', { when: 1 })).option, 'when');
    assert.ok(thrown(() => s.createAccessToken(42)) instanceof TypeError);
    assert.ok(thrown(() => s.verify(42)) instanceof TypeError);
  });

  test('metrics(), metricsText() and health() have the documented shapes', () => {
    const s = service({ cacheSize: 4 });
    const token = s.createAccessToken('42', at());
    s.createRefreshToken('42', at());
    s.verify(token, 'access', at());
    s.validateToken(token, 'access', at());
    s.validateToken('garbage', 'access', at());
    s.validateToken(token, 'refresh', at());
    const m = s.metrics();
    assert.deepEqual(Object.keys(m).sort(), [
      'cache_hits', 'cache_misses', 'failures', 'issued_access', 'issued_refresh', 'latency_us', 'revoked', 'successes',
      'verifications',
    ]);
    assert.deepEqual(
      [m.verifications, m.successes, m.cache_hits, m.cache_misses, m.issued_access, m.issued_refresh, m.revoked],
      [4, 2, 2, 2, 1, 1, 0],
    );
    assert.deepEqual(Object.keys(m.failures), [...lib.ERROR_CODES]);
    assert.equal(m.failures.malformed, 1);
    assert.equal(m.failures.wrong_token_type, 1);
    assert.deepEqual(Object.keys(m.latency_us).sort(), ['count', 'max', 'mean', 'sum']);
    assert.equal(m.latency_us.count, 4, 'the host clock times every verification');
    const text = s.metricsText();
    assert.match(text, /^# HELP onejwt_verifications_total /m);
    assert.match(text, /^# TYPE onejwt_verifications_total counter$/m);
    assert.match(text, /^onejwt_verifications_total 4$/m);
    assert.match(text, /^onejwt_verification_failures_total\{code="malformed"\} 1$/m);
    assert.match(text, /^onejwt_verification_seconds_bucket\{le="\+Inf"\} 4$/m);
    assert.ok(text.endsWith('\n'));
    const h = s.health();
    assert.deepEqual(Object.keys(h).sort(), ['algorithm', 'cache_entries', 'can_issue', 'metrics', 'status']);
    assert.deepEqual([h.status, h.algorithm, h.can_issue, h.cache_entries], ['ok', 'HS256', true, 1]);
    assert.equal(h.metrics.verifications, 4);
    assert.equal(Object.prototype.toString.call(s), '[object TokenService]');
  });

  test('extractToken reads Node-style header objects, [name, value] pairs, Headers and Maps', () => {
    const bearer = { token: 'a.b.c', source: 'bearer', echoProtocol: null };
    assert.deepEqual(extractToken({ authorization: 'Bearer a.b.c' }), bearer);
    assert.deepEqual(extractToken({ Authorization: 'bearer a.b.c', host: 'x', 'x-missing': undefined }), bearer);
    assert.deepEqual(extractToken([['AUTHORIZATION', 'BEARER a.b.c']]), bearer);
    assert.deepEqual(extractToken(new Headers({ authorization: 'Bearer a.b.c' })), bearer);
    assert.deepEqual(extractToken(new Map([['authorization', 'Bearer a.b.c']])), bearer);
    assert.deepEqual(extractToken({ 'sec-websocket-protocol': 'onejwt, onejwt.w.w.w' }), {
      token: 'w.w.w', source: 'websocket_protocol', echoProtocol: 'onejwt',
    });
    assert.deepEqual(extractToken({ cookie: ['a=1', 'session=c.c.c'] }, { cookie: 'session' }), { token: 'c.c.c', source: 'cookie', echoProtocol: null });
    assert.equal(extractToken({ cookie: 'session=c.c.c' }), null, 'cookies are off unless named');
    assert.equal(extractToken({}, { queryString: 'access_token=q.q.q' }), null, 'query tokens are off unless named');
    assert.deepEqual(extractToken({}, { queryString: 'x=1&access_token=q.q.q', query: 'access_token' }), {
      token: 'q.q.q', source: 'query', echoProtocol: null,
    });
    assert.equal(extractToken({ authorization: 'Bearer a.b.c' }, { bearer: false }), null);
    assert.equal(extractToken({ authorization: 'Basic eDp5' }), null);
    assert.equal(extractToken([]), null);
  });

  test('extractToken: malformed places are coded errors, wrong types are TypeErrors', () => {
    for (const headers of [
      { authorization: 'Bearer' },
      { authorization: 'Bearer a b' },
      [['authorization', 'Bearer a'], ['Authorization', 'Bearer b']],
      { 'sec-websocket-protocol': 'onejwt.x.y.z' },
    ]) {
      const e = thrown(() => extractToken(headers));
      assert.ok(e instanceof JwtError, JSON.stringify(headers));
      assert.equal(e.code, 'malformed');
    }
    assert.equal(thrown(() => extractToken({}, { queryString: 'access_token=a%2Eb', query: 'access_token' })).code, 'malformed');
    for (const headers of [undefined, null, 'authorization: Bearer x', 42, [['a']], [['a', 1]], ['authorization'], { authorization: 5 }, { a: [1] }]) {
      const e = thrown(() => extractToken(headers));
      assert.ok(e instanceof TypeError, String(headers));
    }
    assert.equal(thrown(() => extractToken({}, { bearer: 'no' })).option, 'bearer');
    assert.equal(thrown(() => extractToken({}, { cookie: 1 })).option, 'cookie');
    assert.equal(thrown(() => extractToken({}, { queryString: 1 })).option, 'queryString');
    assert.equal(thrown(() => extractToken({}, { query: ['a'] })).option, 'query');
    assert.equal(thrown(() => extractToken({}, { header: 'x' })).option, 'header');
  });
}
