/**
 * @module service.test — TokenService and extractToken through `onejwt-wasm` under Node: the suite shared
 * with the Node package (bindings-js/test/service-suite.mjs), plus what differs on the web: the host
 * clock, and `fromEnv`, which throws (browsers have no environment).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as onejwtWasm from 'onejwt-wasm';

import { MemoryStore, SECRET, serviceSuite, thrown } from '../../bindings-js/test/service-suite.mjs';

const { TokenService } = onejwtWasm;

serviceSuite(onejwtWasm);

test('fromEnv exists (the types are shared) but throws a TypeError: there is no environment', () => {
  process.env.JWT_SECRET_KEY = SECRET;
  try {
    for (const fromEnv of [() => TokenService.fromEnv(), () => TokenService.fromEnv({ store: new MemoryStore() })]) {
      const e = thrown(fromEnv);
      assert.ok(e instanceof TypeError);
      assert.match(e.message, /not available in onejwt-wasm/);
      assert.match(e.message, /new TokenService\(config\)/);
    }
    assert.equal(thrown(() => TokenService.fromEnv({ store: {} })).option, 'store');
  } finally {
    delete process.env.JWT_SECRET_KEY;
  }
});

test('without `now` the service reads the host clock (Date.now), never the trapping system clock', () => {
  const service = new TokenService({ secretKey: SECRET });
  const before = Math.floor(Date.now() / 1000);
  const claims = service.verify(service.createAccessToken('42'));
  const after = Math.floor(Date.now() / 1000);
  assert.ok(claims.iat >= before && claims.iat <= after, `iat ${claims.iat} not in [${before}, ${after}]`);
  assert.equal(claims.exp - claims.iat, 900);
  // A token issued an hour ago with the default 15 minutes is expired now.
  const old = service.createAccessToken('42', { now: before - 3600 });
  assert.equal(thrown(() => service.verify(old)).code, 'expired');
  assert.equal(service.validateToken(old), null);
  const { accessToken } = service.refresh(service.login('42').refreshToken);
  assert.equal(service.extractUserId(accessToken), '42');
  const session = service.verify(service.login('42').refreshToken, 'refresh');
  assert.ok(session.iat >= before && session.session_exp === session.iat + 30 * 86_400);
});

test('with a store, the requests carry the host clock in milliseconds', async () => {
  const store = new MemoryStore();
  const service = new TokenService({ secretKey: SECRET, store });
  const before = Math.floor(Date.now() / 1000) * 1000;
  const { accessToken } = await service.login('42');
  assert.equal(await service.extractUserId(accessToken), '42');
  const after = Math.floor(Date.now() / 1000) * 1000;
  for (const { at } of store.requests) assert.ok(at >= before && at <= after, `at ${at} not in [${before}, ${after}]`);
});
