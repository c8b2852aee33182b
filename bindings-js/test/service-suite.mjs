/**
 * @module service-suite — the TokenService / extractToken tests shared by `onejwt` (bindings-node/test/service.test.mjs)
 * and `onejwt-wasm` (bindings-wasm/test/service.test.mjs): `serviceSuite(lib)` registers them against the
 * package namespace it is given, so both packages are held to the same behaviour. Sessions are tested twice:
 * in memory (every method synchronous) and over a JS session store (`MemoryStore` below, the store contract
 * written out in JS as RedisStore's Lua scripts implement it), whose methods return Promises.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

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

/** The reason `promise` rejects with (fails when it is not a Promise, or fulfils). */
export async function rejected(promise) {
  assert.ok(promise instanceof Promise, 'expected a Promise');
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

/**
 * The session store contract in JS, asynchronous (each request waits `latency` ms first, then runs at
 * once, so it is atomic as one Lua script is): what a host store must do, written as the core's Redis
 * scripts do it, with lifetimes counted from each request's `at`. Records every request; `this` must be
 * the store, so class-based stores work.
 */
export class MemoryStore {
  sessions = new Map();
  tokens = new Map();
  requests = [];

  constructor({ latency = 0 } = {}) {
    this.latency = latency;
  }

  #session(id, at) {
    const s = this.sessions.get(id);
    return s !== undefined && s.until > at ? s : undefined;
  }

  async execute(request) {
    this.requests.push(request);
    if (this.latency > 0) await sleep(this.latency);
    const { op, session, jti, generation, at, ttl } = request;
    switch (op) {
      case 'check': {
        const until = this.tokens.get(`${session ?? jti}:${jti}`);
        if (until !== undefined && until > at) return { status: 'revoked' };
        if (session === null) return { status: 'valid' };
        const s = this.#session(session, at);
        if (s?.r) return { status: 'revoked' };
        if (generation === null) return { status: 'valid' };
        if (s === undefined) return { status: 'revoked' };
        const valid = generation === s.g || (generation + 1 === s.g && at < s.p);
        return { status: valid ? 'valid' : 'revoked' };
      }
      case 'start':
        this.sessions.set(session, { g: 0, p: 0, r: false, d: request.record, until: at + ttl });
        return { status: 'started' };
      case 'advance': {
        const s = this.#session(session, at);
        if (s === undefined) return { status: 'unknown' };
        if (s.r) return { status: 'revoked' };
        if (generation === s.g) {
          s.g += 1;
          s.p = at + request.grace;
          s.until = Math.max(s.until, at + ttl);
          return { status: 'advanced', generation: s.g, record: s.d };
        }
        if (generation + 1 === s.g && at < s.p) return { status: 'grace', generation: s.g, record: s.d };
        s.r = true;
        return { status: 'reused' };
      }
      case 'revoke_token': {
        const key = `${session ?? jti}:${jti}`;
        this.tokens.set(key, Math.max(this.tokens.get(key) ?? 0, at + ttl));
        return { status: 'done' };
      }
      case 'revoke_session': {
        const s = this.#session(session, at);
        if (s === undefined) this.sessions.set(session, { g: 0, p: 0, r: true, d: '', until: at + ttl });
        else Object.assign(s, { r: true, until: Math.max(s.until, at + ttl) });
        return { status: 'done' };
      }
      default:
        throw new Error(`unknown op ${op}`);
    }
  }
}

/** @param {object} lib the package namespace (`onejwt` or `onejwt-wasm`) */
export function serviceSuite(lib) {
  const { JwtError, TokenService, extractToken } = lib;
  const service = (extra = {}) => new TokenService({ ...CONFIG, ...extra });
  const at = (now = NOW) => ({ now });

  test('login starts a session: the pair carries its id, the refresh token its generation and end', () => {
    const s = service();
    const pair = s.login('42', { email: 'ada@example.com', permissions: ['read'], extra: { tenant: 't1' }, ...at() });
    assert.deepEqual(Object.keys(pair), ['accessToken', 'refreshToken']);
    const claims = s.verify(pair.accessToken, 'access', at());
    assert.equal(typeof claims.jti, 'string');
    assert.equal(typeof claims.sid, 'string');
    assert.deepEqual({ ...claims, jti: 'x', sid: 'y' }, {
      sub: '42', email: 'ada@example.com', permissions: ['read'], tenant: 't1', sid: 'y', iat: NOW, exp: NOW + 900,
      jti: 'x', iss: 'https://auth.example', aud: 'api', type: 'access',
    });
    const refresh = s.verify(pair.refreshToken, 'refresh', at());
    assert.deepEqual(Object.keys(refresh).sort(), ['aud', 'exp', 'gen', 'iat', 'iss', 'jti', 'session_exp', 'sid', 'sub', 'type']);
    assert.deepEqual([refresh.sid, refresh.gen, refresh.exp, refresh.session_exp], [claims.sid, 0, NOW + 7 * 86_400, NOW + 30 * 86_400]);
    // The default token type is 'access'; `now` may be a Date.
    assert.equal(s.verify(pair.accessToken, undefined, { now: new Date(NOW * 1000) }).sub, '42');
    assert.notEqual(s.login('42', at()).accessToken, s.login('42', at()).accessToken, 'sid and jti are random');
    assert.notEqual(s.verify(s.login('7', at()).accessToken, 'access', at()).sid, claims.sid, 'one session per login');
    // createAccessToken issues outside any session; refresh tokens come from login only.
    const loose = s.verify(s.createAccessToken('42', at()), 'access', at());
    assert.equal(loose.sid, undefined);
    assert.equal(s.createRefreshToken, undefined);
    assert.deepEqual([s.metrics().sessions_started, s.metrics().issued_refresh, s.metrics().issued_access], [4, 4, 5]);
  });

  test('a token of one type is never accepted as the other', () => {
    const s = service();
    const { accessToken, refreshToken } = s.login('42', at());
    assert.equal(thrown(() => s.verify(accessToken, 'refresh', at())).code, 'wrong_token_type');
    assert.equal(thrown(() => s.verify(refreshToken, 'access', at())).code, 'wrong_token_type');
    assert.equal(thrown(() => s.verify(refreshToken, undefined, at())).code, 'wrong_token_type');
    assert.equal(s.validateToken(refreshToken, 'access', at()), null);
    assert.equal(thrown(() => s.refresh(accessToken, at())).code, 'wrong_token_type');
    const e = thrown(() => s.verify(accessToken, 'id', at()));
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

  test('refresh advances the session; a used refresh token revokes the whole session (RFC 9700 §4.14.2)', () => {
    const s = service();
    const first = s.login('42', { permissions: ['read'], ...at() });
    const second = s.refresh(first.refreshToken, at(NOW + 5));
    assert.equal(s.verify(second.refreshToken, 'refresh', at(NOW + 5)).gen, 1);
    assert.equal(s.verify(second.accessToken, 'access', at(NOW + 5)).sid, s.verify(first.accessToken, 'access', at(NOW + 5)).sid);
    // The used refresh token is refused by verify before anyone presents it again.
    assert.equal(thrown(() => s.verify(first.refreshToken, 'refresh', at(NOW + 5))).code, 'revoked');
    assert.equal(s.isRevoked(first.refreshToken, at(NOW + 5)), true);
    assert.equal(s.isRevoked(second.refreshToken, at(NOW + 5)), false);
    // Presenting it again is reuse: the session ends, with every token of it, the newest pair included.
    const reuse = thrown(() => s.refresh(first.refreshToken, at(NOW + 6)));
    assert.ok(reuse instanceof JwtError);
    assert.equal(reuse.code, 'revoked');
    assert.match(reuse.message, /already used/);
    for (const token of [second.accessToken, first.accessToken]) {
      assert.equal(thrown(() => s.verify(token, 'access', at(NOW + 7))).code, 'revoked');
    }
    assert.equal(thrown(() => s.refresh(second.refreshToken, at(NOW + 7))).code, 'revoked');
    assert.equal(s.isRevoked(second.accessToken, at(NOW + 7)), true);
    assert.equal(s.metrics().sessions_reused, 1);
  });

  test('refresh carries what login recorded; each option given replaces it in the new access token', () => {
    const s = service();
    const login = s.login('42', { email: 'ada@example.com', permissions: ['read', 'write'], extra: { tenant: 't1' }, ...at() });
    const kept = s.refresh(login.refreshToken, at(NOW + 1));
    assert.deepEqual(pick(s.verify(kept.accessToken, 'access', at(NOW + 1))), ['ada@example.com', ['read', 'write'], 't1']);
    const narrowed = s.refresh(kept.refreshToken, { permissions: ['read'], ...at(NOW + 2) });
    assert.deepEqual(pick(s.verify(narrowed.accessToken, 'access', at(NOW + 2))), ['ada@example.com', ['read'], 't1']);
    const moved = s.refresh(narrowed.refreshToken, { email: 'new@example.com', extra: { tenant: 't2' }, ...at(NOW + 3) });
    // The record stays what login recorded: permissions are back to both.
    assert.deepEqual(pick(s.verify(moved.accessToken, 'access', at(NOW + 3))), ['new@example.com', ['read', 'write'], 't2']);
    assert.equal(thrown(() => s.refresh(moved.refreshToken, { extra: { sid: 'mine' }, ...at(NOW + 4) })).option, 'extra');
    assert.equal(thrown(() => s.refresh(moved.refreshToken, { permissions: 'read' })).option, 'permissions');
    assert.equal(thrown(() => s.refresh(moved.refreshToken, { scope: 'x' })).option, 'scope');
    // A refused option touched nothing: the refresh token still works.
    assert.equal(s.verify(s.refresh(moved.refreshToken, at(NOW + 5)).refreshToken, 'refresh', at(NOW + 5)).gen, 4);
  });

  test('reuseGrace lets the previous refresh token be presented again for a few seconds (off by default)', () => {
    const s = service({ reuseGrace: 10 });
    const login = s.login('42', at());
    const a = s.refresh(login.refreshToken, at(NOW + 1));
    const b = s.refresh(login.refreshToken, at(NOW + 5)); // a second tab, inside the window
    assert.equal(s.verify(b.refreshToken, 'refresh', at(NOW + 5)).gen, 1);
    assert.equal(s.verify(a.accessToken, 'access', at(NOW + 5)).sub, '42');
    assert.equal(thrown(() => s.refresh(login.refreshToken, at(NOW + 11))).code, 'revoked', 'the window closed');
    assert.equal(thrown(() => s.verify(b.accessToken, 'access', at(NOW + 11))).code, 'revoked');
    const strict = service();
    const again = strict.login('42', at());
    strict.refresh(again.refreshToken, at(NOW + 1));
    assert.equal(thrown(() => strict.refresh(again.refreshToken, at(NOW + 1))).code, 'revoked');
  });

  test('a session ends at sessionTtl however often it is refreshed', () => {
    const s = service({ sessionTtl: 100, refreshTtl: 1000, leeway: 10 });
    const login = s.login('42', at());
    assert.equal(s.verify(login.refreshToken, 'refresh', at()).exp, NOW + 100, 'no token outlives its session');
    const next = s.refresh(login.refreshToken, at(NOW + 50));
    const e = thrown(() => s.refresh(next.refreshToken, at(NOW + 105)));
    assert.deepEqual([e.code, e.claim], ['expired', 'session_exp']);
  });

  test('logout ends the session of either token; revoke revokes an access token alone and a refresh token with its session', () => {
    const s = service();
    const one = s.login('42', at());
    assert.equal(s.logout(one.accessToken, at()), undefined);
    assert.equal(thrown(() => s.refresh(one.refreshToken, at())).code, 'revoked');
    assert.equal(thrown(() => s.verify(one.accessToken, 'access', at())).code, 'revoked');
    s.logout(one.accessToken, at()); // twice is fine
    const two = s.login('42', at());
    assert.equal(s.revoke(two.accessToken, at()), undefined);
    assert.equal(thrown(() => s.verify(two.accessToken, 'access', at())).code, 'revoked');
    const three = s.refresh(two.refreshToken, at(NOW + 1));
    assert.equal(s.verify(three.accessToken, 'access', at(NOW + 1)).sub, '42', 'the session lives on');
    s.revoke(three.refreshToken, at(NOW + 1));
    assert.equal(thrown(() => s.verify(three.accessToken, 'access', at(NOW + 1))).code, 'revoked');
    const loose = s.createAccessToken('42', at());
    s.logout(loose, at());
    assert.equal(s.isRevoked(loose, at()), true);
    assert.equal(thrown(() => s.logout('a.b.c', at())).code, 'malformed');
    assert.equal(thrown(() => s.isRevoked(`${loose.slice(0, -4)}AAAA`, at())).code, 'invalid_signature');
    assert.equal(s.metrics().revoked, 5);
  });

  test('a revoked token stays revoked until exp + leeway, cache or not (no second life in the leeway)', () => {
    const s = service({ leeway: 60, accessTtl: 60, cacheSize: 4 });
    const token = s.createAccessToken('42', at());
    assert.ok(s.validateToken(token, 'access', at()));
    s.revoke(token, at(NOW + 1));
    assert.equal(thrown(() => s.verify(token, 'access', at(NOW + 119))).code, 'revoked');
    assert.equal(s.isRevoked(token, at(NOW + 119)), true);
    assert.equal(s.validateToken(token, 'access', at(NOW + 119)), null);
    assert.equal(thrown(() => s.verify(token, 'access', at(NOW + 120))).code, 'expired');
  });

  test('rotation costs the store nothing; a store full of live sessions refuses logins only', () => {
    const s = service({ maxSessions: 2, maxRevocations: 1 });
    let pair = s.login('42', at());
    const other = s.login('43', at());
    for (let i = 1; i <= 2000; i++) pair = s.refresh(pair.refreshToken, at(NOW + 1));
    assert.equal(s.verify(pair.refreshToken, 'refresh', at(NOW + 1)).gen, 2000);
    const full = thrown(() => s.login('44', at(NOW + 1)));
    assert.deepEqual([full instanceof JwtError, full.code], [true, 'store_unavailable']);
    assert.equal(s.metrics().sessions_refused, 1);
    pair = s.refresh(pair.refreshToken, at(NOW + 2)); // a live session still refreshes
    s.logout(other.accessToken, at(NOW + 2));
    // An ended session leaves when its last token expires: then logins work again.
    assert.equal(s.verify(s.login('45', at(NOW + 8 * 86_400)).accessToken, 'access', at(NOW + 8 * 86_400)).sub, '45');
  });

  test('configuration mistakes are TypeErrors naming the camelCase option; there is no default secret', () => {
    const option = (config) => thrown(() => new TokenService(config)).option;
    assert.equal(option({}), 'secretKey');
    assert.equal(option({ secretKey: 'short' }), 'secretKey');
    assert.equal(option({ ...CONFIG, accessTtl: 0 }), 'accessTtl');
    assert.equal(option({ ...CONFIG, refreshTtl: -1 }), 'refreshTtl');
    assert.equal(option({ ...CONFIG, sessionTtl: 0 }), 'sessionTtl');
    assert.equal(option({ ...CONFIG, sessionTtl: 400 * 86_400 + 1 }), 'sessionTtl');
    assert.equal(option({ ...CONFIG, reuseGrace: 61 }), 'reuseGrace');
    assert.equal(option({ ...CONFIG, maxSessions: 0 }), 'maxSessions');
    assert.equal(option({ ...CONFIG, cacheSize: 1.5 }), 'cacheSize');
    assert.equal(option({ ...CONFIG, secret_key: SECRET }), 'secret_key');
    const renamed = thrown(() => new TokenService({ ...CONFIG, revocationStore: new MemoryStore() }));
    assert.deepEqual([renamed.constructor, renamed.option], [TypeError, 'revocationStore']);
    assert.match(renamed.message, /calls it `store`/);
    for (const store of [null, {}, { execute: 'x' }, 'redis://localhost', 42, { isRevoked() {}, revoke() {} }]) {
      const e = thrown(() => service({ store }));
      assert.deepEqual([e.constructor, e.option], [TypeError, 'store'], String(store));
    }
    assert.ok(thrown(() => new TokenService(null)) instanceof TypeError);
    assert.ok(thrown(() => new TokenService('secret')) instanceof TypeError);
    const s = service();
    for (const make of [() => s.createAccessToken('', at()), () => s.login('', at())]) {
      const empty = thrown(make);
      assert.deepEqual([empty.argument, empty.option], ['userId', undefined]); // a positional argument, not an option
    }
    assert.equal(thrown(() => s.createAccessToken('42', { extra: { sub: 'admin' }, ...at() })).option, 'extra');
    assert.equal(thrown(() => s.login('42', { extra: { gen: 5 }, ...at() })).option, 'extra');
    assert.equal(thrown(() => s.createAccessToken('42', { scope: 'x' })).option, 'scope');
    assert.equal(thrown(() => s.createAccessToken('42', { permissions: 'read' })).option, 'permissions');
    assert.equal(thrown(() => s.login('42', { permissions: [1] })).option, 'permissions');
    assert.equal(thrown(() => s.createAccessToken('42', { email: 5 })).option, 'email');
    assert.equal(thrown(() => s.login('42', { now: '2026' })).option, 'now');
    assert.equal(thrown(() => s.verify(s.createAccessToken('42'), 'access', { when: 1 })).option, 'when');
    assert.ok(thrown(() => s.createAccessToken(42)) instanceof TypeError);
    assert.ok(thrown(() => s.login(42)) instanceof TypeError);
    assert.ok(thrown(() => s.verify(42)) instanceof TypeError);
  });

  test('metrics(), metricsText() and health() have the documented shapes', () => {
    const s = service({ cacheSize: 4 });
    const { accessToken } = s.login('42', at());
    s.verify(accessToken, 'access', at());
    s.validateToken(accessToken, 'access', at());
    s.validateToken('garbage', 'access', at());
    s.validateToken(accessToken, 'refresh', at());
    const m = s.metrics();
    assert.deepEqual(Object.keys(m).sort(), [
      'cache_hits', 'cache_misses', 'failures', 'issued_access', 'issued_refresh', 'keys_rotated', 'latency_us', 'revoked',
      'sessions_refused', 'sessions_reused', 'sessions_started', 'store_errors', 'successes', 'verifications',
    ]);
    assert.deepEqual(
      [m.verifications, m.successes, m.cache_hits, m.cache_misses, m.issued_access, m.issued_refresh, m.revoked, m.sessions_started],
      [4, 2, 2, 2, 1, 1, 0, 1],
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
    assert.match(text, /^onejwt_verification_failures_total\{code="store_unavailable"\} 0$/m);
    assert.match(text, /^onejwt_verification_seconds_bucket\{le="\+Inf"\} 4$/m);
    assert.ok(text.endsWith('\n'));
    const h = s.health();
    assert.deepEqual(Object.keys(h).sort(), ['algorithm', 'cache_entries', 'can_issue', 'metrics', 'status']);
    assert.deepEqual([h.status, h.algorithm, h.can_issue, h.cache_entries], ['ok', 'HS256', true, 1]);
    assert.equal(h.metrics.verifications, 4);
    assert.equal(Object.prototype.toString.call(s), '[object TokenService]');
  });

  // --- With a host session store: the store-touching methods return Promises --------------------------

  test('with a store, the store-touching methods return Promises and the others stay synchronous', async () => {
    const store = new MemoryStore();
    const s = service({ store });
    const login = s.login('42', { email: 'ada@example.com', ...at() });
    assert.ok(login instanceof Promise);
    const { accessToken, refreshToken } = await login;
    const calls = [
      s.verify(accessToken, 'access', at()),
      s.validateToken(accessToken, 'access', at()),
      s.extractUserId(accessToken, at()),
      s.isRevoked(accessToken, at()),
      s.refresh(refreshToken, at(NOW + 1)),
    ];
    for (const call of calls) assert.ok(call instanceof Promise);
    const [claims, valid, user, revoked, next] = await Promise.all(calls);
    assert.deepEqual([claims.email, valid.sub, user, revoked], ['ada@example.com', '42', '42', false]);
    assert.equal(typeof s.createAccessToken('42', at()), 'string');
    assert.equal(typeof s.metrics().verifications, 'number');
    assert.equal(typeof s.metricsText(), 'string');
    assert.equal(s.health().status, 'ok');
    const revoke = s.revoke(next.accessToken, at(NOW + 1));
    assert.ok(revoke instanceof Promise);
    assert.equal(await revoke, undefined);
    assert.equal(await s.logout(next.refreshToken, at(NOW + 1)), undefined);
    assert.equal(await s.validateToken(next.refreshToken, 'refresh', at(NOW + 1)), null);
    assert.equal(await s.extractUserId(42), null);
    assert.deepEqual(store.requests.map((r) => r.op), [
      'start', 'check', 'check', 'check', 'check', 'advance', 'revoke_token', 'revoke_session', 'check',
    ]);
  });

  test('the store receives the documented requests, with `this` bound to it', async () => {
    const store = new MemoryStore();
    const s = service({ store, reuseGrace: 3 });
    const { accessToken, refreshToken } = await s.login('42', { permissions: ['read'], ...at() });
    const { sid, jti } = await s.verify(accessToken, 'access', at());
    await s.refresh(refreshToken, at(NOW + 2));
    const loose = s.createAccessToken('42', at());
    await s.revoke(loose, at(NOW + 10));
    await s.logout(accessToken, at(NOW + 10));
    const [start, check, advance, revokeToken, revokeSession] = store.requests;
    assert.deepEqual(start, {
      op: 'start', session: sid, record: '{"permissions":["read"],"extra":{}}', ttl: 7 * 86_400_000, at: NOW * 1000,
    });
    assert.deepEqual(check, { op: 'check', session: sid, jti, generation: null, at: NOW * 1000 });
    assert.deepEqual(advance, {
      op: 'advance', session: sid, generation: 0, grace: 3000, ttl: 7 * 86_400_000, at: (NOW + 2) * 1000,
    });
    assert.deepEqual({ ...revokeToken, jti: 'j' }, { op: 'revoke_token', session: null, jti: 'j', ttl: 890_000, at: (NOW + 10) * 1000 });
    assert.deepEqual(revokeSession, { op: 'revoke_session', session: sid, ttl: 7 * 86_400_000, at: (NOW + 10) * 1000 });
    assert.equal(store.requests.length, 5);
  });

  test('services sharing a store share sessions: a reuse seen by one revokes the session in the other', async () => {
    const store = new MemoryStore({ latency: 2 });
    const a = service({ store, cacheSize: 8 });
    const b = service({ store });
    const login = await a.login('42', at());
    assert.equal((await b.verify(login.accessToken, 'access', at())).sub, '42');
    const next = await b.refresh(login.refreshToken, at(NOW + 1));
    assert.equal((await rejected(a.refresh(login.refreshToken, at(NOW + 2)))).code, 'revoked');
    assert.equal((await rejected(b.verify(next.accessToken, 'access', at(NOW + 2)))).code, 'revoked');
    assert.equal(await a.isRevoked(next.refreshToken, at(NOW + 2)), true);
    assert.equal(a.metrics().sessions_reused, 1);
    assert.equal(b.metrics().sessions_reused, 0);
  });

  test('two concurrent redemptions of one refresh token: exactly one wins, and the session ends', async () => {
    const store = new MemoryStore({ latency: 1 });
    const s = service({ store });
    for (let round = 0; round < 50; round++) {
      const { refreshToken } = await s.login('42', at());
      const outcomes = await Promise.allSettled([s.refresh(refreshToken, at(NOW + 1)), s.refresh(refreshToken, at(NOW + 1))]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      assert.equal(won.length, 1, `round ${round}`);
      assert.equal(outcomes.find((o) => o.status === 'rejected').reason.code, 'revoked');
      assert.equal((await rejected(s.verify(won[0].value.accessToken, 'access', at(NOW + 1)))).code, 'revoked');
    }
    assert.equal(s.metrics().sessions_reused, 50);
  });

  test('a failing store fails every store-touching call closed with store_unavailable, its error as the cause', async () => {
    const oops = new RangeError('redis down');
    const answers = [
      [() => { throw oops; }, oops],
      [() => Promise.reject(oops), oops],
      [async () => { await sleep(1); throw 'plain string'; }, 'plain string'],
      [() => undefined, undefined],
      [() => null, undefined],
      [() => 42n, TypeError],
      [() => ({ status: 'maybe' }), undefined],
      [({ op }) => ({ status: op === 'check' ? 'started' : 'valid' }), undefined], // another op's answer
      [() => ({ status: 'advanced' }), undefined], // no generation or record
      [() => 'valid', undefined],
    ];
    for (const [answer, cause] of answers) {
      const s = service({ store: { execute: answer }, cacheSize: 4 });
      const token = s.createAccessToken('42', at());
      const e = await rejected(s.verify(token, 'access', at()));
      assert.ok(e instanceof JwtError, String(e));
      assert.equal(e.code, 'store_unavailable');
      assert.match(e.message, /session store failed/);
      if (typeof cause === 'function') assert.ok(e.cause instanceof cause, String(e.cause));
      else assert.equal(e.cause, cause);
      // An outage is no verdict on the token: never a null.
      assert.equal((await rejected(s.validateToken(token, 'access', at()))).code, 'store_unavailable');
      assert.equal((await rejected(s.extractUserId(token, at()))).code, 'store_unavailable');
      assert.equal((await rejected(s.isRevoked(token, at()))).code, 'store_unavailable');
      assert.equal((await rejected(s.revoke(token, at()))).code, 'store_unavailable');
      assert.equal((await rejected(s.logout(token, at()))).code, 'store_unavailable');
      assert.equal((await rejected(s.login('42', at()))).code, 'store_unavailable');
      const m = s.metrics();
      assert.equal(m.store_errors, 7);
      assert.deepEqual([m.failures.store_unavailable, m.successes, m.cache_misses], [3, 0, 3]);
      assert.equal(s.health().cache_entries, 0, 'a token the store could not check is never cached');
    }
  });

  test('after an outage the service works again, and a bad token is still judged before the store', async () => {
    let down = true;
    const memory = new MemoryStore();
    const store = { execute: (request) => (down ? Promise.reject(new Error('connection refused')) : memory.execute(request)) };
    const s = service({ store });
    assert.equal((await rejected(s.login('42', at()))).code, 'store_unavailable');
    // A malformed token needs no store: refused (or null) even while it is down.
    assert.equal((await rejected(s.verify('a.b.c', 'access', at()))).code, 'malformed');
    assert.equal(await s.validateToken('a.b.c', 'access', at()), null);
    down = false;
    const { accessToken } = await s.login('42', at());
    assert.equal(await s.extractUserId(accessToken, at()), '42');
    assert.equal(s.metrics().store_errors, 1);
  });

  test('with a store, caller mistakes reject with TypeErrors and never throw synchronously', async () => {
    const s = service({ store: new MemoryStore() });
    const mistakes = [
      () => s.login(''),
      () => s.login('42', { scope: 'x' }),
      () => s.verify(42),
      () => s.verify('a.b.c', 'id'),
      () => s.refresh(undefined),
      () => s.revoke('a.b.c', { now: 'soon' }),
      () => s.logout(null),
      () => s.isRevoked({}),
      () => s.validateToken('x', 'access', { when: 1 }),
    ];
    for (const mistake of mistakes) {
      const e = await rejected(mistake());
      assert.ok(e instanceof TypeError, String(e));
    }
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

/** The email, permissions and tenant of access-token claims. */
function pick(claims) {
  return [claims.email, claims.permissions, claims.tenant];
}
