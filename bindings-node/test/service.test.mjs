/** @module service.test — TokenService and extractToken through `onejwt` (the shared suite), plus `fromEnv`, with and without a store. */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

import * as onejwt from 'onejwt';

import { MemoryStore, SECRET, rejected, serviceSuite, thrown } from '../../bindings-js/test/service-suite.mjs';

serviceSuite(onejwt);

const ENTRY = new URL('../js/index.mjs', import.meta.url).href;

/** Runs `script` in a fresh Node with exactly `env` (plus PATH) and returns its stdout as JSON. */
function inChild(script, env) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  return JSON.parse(out);
}

test('fromEnv reads the process environment of a child Node (the core reads it, not JS)', () => {
  const script = `
    import { TokenService } from '${ENTRY}';
    const s = TokenService.fromEnv();
    const token = s.createAccessToken('42', { now: 1767225600 });
    const claims = s.verify(token, 'access', { now: 1767225600 });
    console.log(JSON.stringify({ iss: claims.iss, aud: claims.aud, ttl: claims.exp - claims.iat, health: s.health().algorithm }));
  `;
  const env = { JWT_SECRET_KEY: SECRET, JWT_ISSUER: 'https://env.example', JWT_AUDIENCE: 'api', JWT_ACCESS_TTL: '60' };
  assert.deepEqual(inChild(script, env), { iss: 'https://env.example', aud: 'api', ttl: 60, health: 'HS256' });
});

test('fromEnv refuses a missing or weak secret, naming the variable', () => {
  const script = `
    import { TokenService } from '${ENTRY}';
    try { TokenService.fromEnv(); console.log('null'); } catch (e) { console.log(JSON.stringify({ type: e.constructor.name, option: e.option })); }
  `;
  assert.deepEqual(inChild(script, {}), { type: 'TypeError', option: 'JWT_SECRET_KEY' });
  assert.deepEqual(inChild(script, { JWT_SECRET_KEY: 'short' }), { type: 'TypeError', option: 'JWT_SECRET_KEY' });
  assert.deepEqual(inChild(script, { JWT_SECRET_KEY: SECRET, JWT_REFRESH_TTL: 'soon' }), { type: 'TypeError', option: 'JWT_REFRESH_TTL' });
});

test('fromEnv sees variables set through process.env on the main thread', () => {
  const saved = { ...process.env };
  try {
    for (const name of Object.keys(process.env)) if (name.startsWith('JWT_')) delete process.env[name];
    process.env.JWT_SECRET_KEY = SECRET;
    process.env.JWT_ALGORITHM = 'HS256';
    process.env.JWT_LEEWAY = '30';
    const s = onejwt.TokenService.fromEnv();
    const token = s.createAccessToken('7', { now: 1000 });
    // Expired at 1900, accepted until 1930 with the 30 s leeway read from the environment.
    assert.equal(s.verify(token, 'access', { now: 1920 }).sub, '7');
    assert.equal(thrown(() => s.verify(token, 'access', { now: 1931 })).code, 'expired');
    delete process.env.JWT_SECRET_KEY;
    assert.equal(thrown(() => onejwt.TokenService.fromEnv()).option, 'JWT_SECRET_KEY');
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
});

test('fromEnv is a factory of the same class', () => {
  const saved = process.env.JWT_SECRET_KEY;
  process.env.JWT_SECRET_KEY = SECRET;
  try {
    assert.ok(onejwt.TokenService.fromEnv() instanceof onejwt.TokenService);
  } finally {
    if (saved === undefined) delete process.env.JWT_SECRET_KEY;
    else process.env.JWT_SECRET_KEY = saved;
  }
});

test('fromEnv({ store }) reads the environment and keeps sessions in the store: its methods return Promises', async () => {
  const saved = process.env.JWT_SECRET_KEY;
  process.env.JWT_SECRET_KEY = SECRET;
  try {
    const store = new MemoryStore();
    const s = onejwt.TokenService.fromEnv({ store });
    assert.ok(s instanceof onejwt.TokenService);
    const login = s.login('42', { now: 1000 });
    assert.ok(login instanceof Promise);
    const { accessToken, refreshToken } = await login;
    assert.equal((await s.verify(accessToken, 'access', { now: 1000 })).sub, '42');
    await s.refresh(refreshToken, { now: 1001 });
    assert.equal((await rejected(s.refresh(refreshToken, { now: 1002 }))).code, 'revoked');
    assert.deepEqual(store.requests.map((r) => r.op), ['start', 'check', 'advance', 'advance']);
    // Without a store (or with `store: undefined`) it stays synchronous.
    assert.equal(typeof onejwt.TokenService.fromEnv({ store: undefined }).login('42', { now: 1000 }).accessToken, 'string');
  } finally {
    if (saved === undefined) delete process.env.JWT_SECRET_KEY;
    else process.env.JWT_SECRET_KEY = saved;
  }
});

test("fromEnv's options are checked before the environment is read", () => {
  const { TokenService } = onejwt;
  assert.equal(thrown(() => TokenService.fromEnv(null)).argument, 'options');
  assert.equal(thrown(() => TokenService.fromEnv('redis://localhost')).argument, 'options');
  assert.equal(thrown(() => TokenService.fromEnv({ secretKey: SECRET })).option, 'secretKey');
  assert.equal(thrown(() => TokenService.fromEnv({ store: {} })).option, 'store');
  assert.equal(thrown(() => TokenService.fromEnv({ store: null })).option, 'store');
});
