/**
 * @module redis-suite — the RedisStore tests shared by `onejwt` (bindings-node/test/redis.test.mjs) and
 * `onejwt-wasm` under Node (bindings-wasm/test/redis.test.mjs), against a real redis-server started on a
 * free loopback port (tests/js/redis-server.mjs) and stopped at the end: sessions through Redis, the key
 * schema, concurrent redemption, an outage and its recovery, a timeout. `redisSuite(lib, { createClient })`
 * registers them; `createClient` is the test package's node-redis (a package resolves `redis` from its own
 * node_modules, which this shared folder has not).
 */

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { startRedis } from '../../tests/js/redis-server.mjs';
import { SECRET, rejected, thrown } from './service-suite.mjs';

const NOW = 1_767_225_600;
const CONFIG = { secretKey: SECRET, issuer: 'https://auth.example', audience: 'api' };
const at = (now = NOW) => ({ now });

/**
 * @param {object} lib the package namespace (`onejwt` or `onejwt-wasm`)
 * @param {{ createClient: Function }} redis the node-redis package of the test
 */
export function redisSuite(lib, { createClient }) {
  const { JwtError, RedisStore, TokenService } = lib;
  let redis;
  /** A node-redis client of the test's own, to look at the keys. */
  let inspector;
  /** Stores to close after the suite (each one the test made). */
  const stores = [];
  let prefixes = 0;

  /** A store with its own client and a prefix no other test uses. */
  const store = (options = {}) => {
    const made = new RedisStore(redis.url, { prefix: `t${++prefixes}:`, timeout: 1000, ...options });
    stores.push(made);
    return made;
  };

  before(async () => {
    redis = await startRedis();
    inspector = createClient({ url: redis.url });
    inspector.on('error', () => {});
    await inspector.connect();
  });

  after(async () => {
    try {
      await Promise.all(stores.map((made) => made.close()));
      await inspector?.close();
    } finally {
      await redis?.stop();
    }
  });

  test('RedisStore refuses a bad client or option at construction, naming it', () => {
    for (const client of [undefined, null, 42, {}, { evalSha() {} }, '', 'localhost:6379', 'http://localhost', 'redis//x']) {
      const e = thrown(() => new RedisStore(client));
      assert.deepEqual([e.constructor, e.argument], [TypeError, 'client'], String(client));
    }
    const option = (options) => thrown(() => new RedisStore({ evalSha() {}, eval() {} }, options));
    assert.equal(option({ prefix: 'a{b' }).option, 'prefix');
    assert.match(option({ prefix: 'a}' }).message, /hash tag/);
    assert.equal(option({ prefix: 5 }).option, 'prefix');
    for (const timeout of [0, -1, 1.5, 60_001, '2000', NaN, null]) assert.equal(option({ timeout }).option, 'timeout', String(timeout));
    assert.equal(option({ ttl: 5 }).option, 'ttl');
    assert.equal(option(null).argument, 'options');
    const given = new RedisStore({ evalSha() {}, eval() {} });
    assert.deepEqual([given.prefix, given.timeout, Object.prototype.toString.call(given)], ['onejwt:', 2000, '[object RedisStore]']);
  });

  test('sessions through Redis: login, refresh, reuse revokes the session for every instance, logout', async () => {
    const shared = store();
    const other = new RedisStore(redis.url, { prefix: shared.prefix, timeout: 1000 });
    stores.push(other);
    const a = new TokenService({ ...CONFIG, store: shared });
    const b = new TokenService({ ...CONFIG, store: other, cacheSize: 16 });
    const login = await a.login('42', { email: 'ada@example.com', permissions: ['read'], ...at() });
    const { sid } = await b.verify(login.accessToken, 'access', at());
    // One hash per session, under the prefix, with the session id as its hash tag and a relative lifetime.
    const key = `${shared.prefix}{${sid}}:session`;
    assert.deepEqual(await inspector.keys(`${shared.prefix}*`), [key]);
    assert.deepEqual({ ...(await inspector.hGetAll(key)) }, {
      g: '0', p: '0', r: '0', d: '{"email":"ada@example.com","permissions":["read"],"extra":{}}',
    });
    const pttl = await inspector.pTTL(key);
    assert.ok(pttl > 7 * 86_400_000 - 60_000 && pttl <= 7 * 86_400_000, `PTTL ${pttl}`);
    const next = await b.refresh(login.refreshToken, { permissions: ['read', 'write'], ...at(NOW + 1) });
    assert.deepEqual((await a.verify(next.accessToken, 'access', at(NOW + 1))).permissions, ['read', 'write']);
    assert.equal((await inspector.hGet(key, 'g')), '1');
    // Presented again, on the other instance: reuse. The whole session is revoked, everywhere.
    const reuse = await rejected(a.refresh(login.refreshToken, at(NOW + 2)));
    assert.ok(reuse instanceof JwtError);
    assert.equal(reuse.code, 'revoked');
    assert.equal((await rejected(b.verify(next.accessToken, 'access', at(NOW + 2)))).code, 'revoked');
    assert.equal((await rejected(a.refresh(next.refreshToken, at(NOW + 2)))).code, 'revoked');
    assert.equal(await b.isRevoked(login.accessToken, at(NOW + 2)), true);
    assert.equal(a.metrics().sessions_reused, 1);
    // Logout from one instance ends a session in the other; a loose access token is revoked alone.
    const second = await b.login('7', at());
    await a.logout(second.accessToken, at());
    assert.equal(await b.validateToken(second.accessToken, 'access', at()), null);
    assert.equal((await rejected(b.refresh(second.refreshToken, at()))).code, 'revoked');
    const loose = a.createAccessToken('9', at());
    await b.revoke(loose, at());
    assert.equal(await a.extractUserId(loose, at()), null);
    assert.equal(a.metrics().store_errors + b.metrics().store_errors, 0);
  });

  test('a grace window and the absolute session lifetime hold in Redis as in memory', async () => {
    const s = new TokenService({ ...CONFIG, store: store(), reuseGrace: 10, sessionTtl: 100 });
    const login = await s.login('42', at());
    await s.refresh(login.refreshToken, at(NOW + 1));
    const tab = await s.refresh(login.refreshToken, at(NOW + 5));
    assert.equal((await s.verify(tab.refreshToken, 'refresh', at(NOW + 5))).gen, 1);
    assert.equal((await rejected(s.refresh(login.refreshToken, at(NOW + 11)))).code, 'revoked');
    const late = await s.login('42', at());
    const e = await rejected(s.refresh(late.refreshToken, at(NOW + 100)));
    assert.equal(e.code, 'expired');
  });

  test('a caller-configured client works, stays open after close(), and EVAL reloads flushed scripts', async () => {
    const client = createClient({ url: redis.url });
    client.on('error', () => {});
    await client.connect();
    try {
      const given = new RedisStore(client, { prefix: 'given:' });
      const s = new TokenService({ ...CONFIG, store: given });
      const { refreshToken } = await s.login('42', at());
      await inspector.scriptFlush();
      const next = await s.refresh(refreshToken, at(NOW + 1));
      assert.equal((await s.verify(next.refreshToken, 'refresh', at(NOW + 1))).gen, 1);
      await given.close();
      assert.equal(await client.ping(), 'PONG', 'the caller owns its client');
      assert.equal((await rejected(s.verify(next.accessToken, 'access', at(NOW + 1)))).code, 'store_unavailable');
    } finally {
      await client.close();
    }
  });

  test('prefixes keep services apart', async () => {
    const a = new TokenService({ ...CONFIG, store: store() });
    const b = new TokenService({ ...CONFIG, store: store() });
    const { refreshToken } = await a.login('42', at());
    const e = await rejected(b.refresh(refreshToken, at(NOW + 1)));
    assert.equal(e.code, 'revoked');
    assert.match(e.message, /unknown/);
  });

  test('two instances racing to redeem one refresh token: exactly one wins, 200 rounds out of 200', async () => {
    const first = store();
    // A second store, with a client of its own, on the same keys: as a second instance of the service.
    const second = new RedisStore(redis.url, { prefix: first.prefix, timeout: 1000 });
    stores.push(second);
    const a = new TokenService({ ...CONFIG, store: first });
    const b = new TokenService({ ...CONFIG, store: second });
    for (let round = 0; round < 200; round++) {
      const { refreshToken } = await a.login(`user-${round}`, at());
      const outcomes = await Promise.allSettled([a.refresh(refreshToken, at(NOW + 1)), b.refresh(refreshToken, at(NOW + 1))]);
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      assert.equal(winners.length, 1, `round ${round}: ${outcomes.map((o) => o.status).join(', ')}`);
      assert.equal(outcomes.find((o) => o.status === 'rejected').reason.code, 'revoked', `round ${round}`);
    }
    assert.equal(a.metrics().sessions_reused + b.metrics().sessions_reused, 200);
    assert.equal(a.metrics().store_errors + b.metrics().store_errors, 0);
  });

  test('Redis stopped mid-run: every call fails closed with store_unavailable and is counted; back on the same port, it recovers', async () => {
    const made = store();
    const s = new TokenService({ ...CONFIG, store: made });
    const before = await s.login('42', at());
    assert.equal((await s.verify(before.accessToken, 'access', at())).sub, '42');
    await redis.stop();
    try {
      const started = Date.now();
      const calls = [
        s.verify(before.accessToken, 'access', at()),
        s.validateToken(before.accessToken, 'access', at()),
        s.extractUserId(before.accessToken, at()),
        s.refresh(before.refreshToken, at(NOW + 1)),
        s.login('43', at()),
        s.logout(before.accessToken, at()),
        s.isRevoked(before.accessToken, at()),
      ];
      for (const call of calls) {
        const e = await rejected(call);
        assert.ok(e instanceof JwtError, String(e));
        assert.equal(e.code, 'store_unavailable');
        assert.ok(e.cause instanceof Error, 'the client error is the cause');
      }
      assert.ok(Date.now() - started < 3000, 'no call outlived its timeout');
      const m = s.metrics();
      assert.equal(m.store_errors, 7);
      assert.equal(m.failures.store_unavailable, 3);
      assert.match(s.metricsText(), /^onejwt_verification_failures_total\{code="store_unavailable"\} 3$/m);
    } finally {
      await redis.start();
    }
    // node-redis reconnects by itself; the fresh server has neither the scripts nor the sessions.
    const deadline = Date.now() + 10_000;
    let after;
    while (after === undefined) {
      try {
        after = await s.login('44', at());
      } catch (e) {
        assert.equal(e.code, 'store_unavailable');
        assert.ok(Date.now() < deadline, 'the store did not recover within 10 s of Redis returning');
        await sleep(100);
      }
    }
    assert.equal((await s.verify(after.accessToken, 'access', at())).sub, '44');
    assert.equal((await s.verify((await s.refresh(after.refreshToken, at(NOW + 1))).refreshToken, 'refresh', at(NOW + 1))).gen, 1);
    assert.equal((await rejected(s.refresh(before.refreshToken, at(NOW + 1)))).code, 'revoked', 'the lost session is unknown');
  });

  test('a Redis that stops answering (CLIENT PAUSE) fails the call closed after the timeout, without hanging', async () => {
    const made = store({ timeout: 300 });
    const s = new TokenService({ ...CONFIG, store: made });
    const { accessToken } = await s.login('42', at());
    await redis.command('CLIENT PAUSE 1500 ALL');
    const started = Date.now();
    const e = await rejected(s.verify(accessToken, 'access', at()));
    const took = Date.now() - started;
    assert.equal(e.code, 'store_unavailable');
    assert.equal(e.cause?.name, 'TimeoutError');
    assert.match(e.message, /no reply from Redis in 300 ms/);
    assert.ok(took >= 290 && took < 1200, `took ${took} ms`);
    assert.equal(s.metrics().store_errors, 1);
    await sleep(1300);
    assert.equal((await s.verify(accessToken, 'access', at())).sub, '42', 'it answers again once Redis does');
  });

  test('close() ends the store: its calls fail closed, and closing twice is fine', async () => {
    const made = store();
    const s = new TokenService({ ...CONFIG, store: made });
    const { accessToken } = await s.login('42', at());
    await made.close();
    await made.close();
    const e = await rejected(s.verify(accessToken, 'access', at()));
    assert.equal(e.code, 'store_unavailable');
    assert.match(e.cause.message, /closed/);
    // A store closed before it ever connected lets the process exit (no client left retrying).
    await new RedisStore('redis://127.0.0.1:1', { timeout: 50 }).close();
  });
}
