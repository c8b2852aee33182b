/**
 * @module agent — the JS side of the cross-runtime TokenService test (protocol in README.md beside
 * this file). `run(lib, request)` takes the library as a parameter, as jose's `tap/run.ts` does, so the
 * same code runs against Node's `onejwt`, `onejwt-wasm` under Node and `onejwt-wasm` in Chromium. It
 * imports nothing, so the browser page can load it as it is.
 */

/** The request's snake_case option names in JS casing (`secret_key` → `secretKey`). */
function camelConfig(config) {
  return Object.fromEntries(
    Object.entries(config).map(([name, value]) => [name.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), value]),
  );
}

/**
 * A host session store that starts with `revoked` and records every token revocation. It answers the
 * requests of the store contract the agent's calls make (`SessionStore` in index.d.ts): `check` from the
 * revoked `jti`s, `revoke_token` by recording `{jti, expires_at}` (Unix seconds: the request's `at` +
 * `ttl`, the token's `exp` + leeway), `start` (a login) with `started`; anything else throws (the service
 * fails closed). As agent.py's `RecordingStore`.
 */
function recordingStore(revoked = []) {
  const jtis = new Set(revoked);
  const calls = [];
  return {
    calls,
    execute(request) {
      switch (request.op) {
        case 'check':
          return { status: jtis.has(request.jti) ? 'revoked' : 'valid' };
        case 'start':
          return { status: 'started' };
        case 'revoke_token':
          jtis.add(request.jti);
          calls.push({ jti: request.jti, expires_at: Math.floor((request.at + request.ttl) / 1000) });
          return { status: 'done' };
        default:
          throw new Error(`the recording store performs no ${request.op}`);
      }
    },
  };
}

/** `issue`: per service, an access token, a refresh token (from a login) and one more access token revoked at once. */
async function issue(lib, { now, services, user }) {
  const tokens = {};
  const revocations = {};
  for (const [name, config] of Object.entries(services)) {
    const store = recordingStore();
    // With a store, the store-touching methods answer in Promises.
    const service = new lib.TokenService({ ...camelConfig(config), store });
    const access = () =>
      service.createAccessToken(user.user_id, {
        email: user.email,
        permissions: user.permissions,
        extra: user.access_extra,
        now,
      });
    const session = await service.login(user.user_id, { email: user.email, permissions: user.permissions, now });
    tokens[name] = { access: access(), refresh: session.refreshToken, revoked: access() };
    await service.revoke(tokens[name].revoked, { now });
    revocations[name] = store.calls;
  }
  return { tokens, revocations };
}

/** `verify`: every check through `verify` (claims or code) and `validateToken` (claims or null). */
async function verify(lib, { services, revoked, checks }) {
  const built = Object.fromEntries(
    Object.entries(services).map(([name, config]) => [
      name,
      new lib.TokenService({ ...camelConfig(config), store: recordingStore(revoked) }),
    ]),
  );
  const results = {};
  for (const { id, service, token, token_type: tokenType, now } of checks) {
    let verdict;
    try {
      verdict = { claims: await built[service].verify(token, tokenType, { now }) };
    } catch (e) {
      // Only a token verdict is an answer; anything else is a bug and must crash the run.
      if (!(e instanceof lib.JwtError)) throw e;
      verdict = { code: e.code };
    }
    results[id] = { verify: verdict, validate: await built[service].validateToken(token, tokenType, { now }) };
  }
  return { results };
}

/** A JwtError's code as the answer; anything else is a bug and must crash the run. */
function codeOf(lib, e) {
  if (!(e instanceof lib.JwtError)) throw e;
  return { code: e.code };
}

/** `keys_generate`: one new key per algorithm, with every export of it (issue 14). */
function keysGenerate(lib, { algorithms }) {
  const keys = {};
  for (const alg of algorithms) {
    const key = lib.Key.generate(alg);
    const exported = { kid: key.kid, thumbprint: key.thumbprint(), private_jwk: key.toJwk({ private: true }) };
    if (key.family !== 'hmac') {
      exported.private_pem = key.toPem({ private: true });
      exported.public_jwk = key.toJwk();
      exported.public_pem = key.toPem();
    }
    keys[alg] = exported;
  }
  return { keys };
}

/** `keys_sign`: each key read back from its private JWK (and PEM), its thumbprint, and `claims` signed with it. */
function keysSign(lib, { keys, claims }) {
  const tokens = {};
  const thumbprints = {};
  for (const [id, { alg, private_jwk: jwk, private_pem: pem }] of Object.entries(keys)) {
    const forms = { jwk: lib.Key.fromJwk(jwk) };
    if (pem !== undefined) forms.pem = lib.Key.fromPem(pem);
    tokens[id] = {};
    thumbprints[id] = {};
    for (const [form, key] of Object.entries(forms)) {
      tokens[id][form] = lib.sign(claims, key, alg);
      thumbprints[id][form] = key.thumbprint();
    }
  }
  return { tokens, thumbprints };
}

/** `keys_verify`: each token verified with the key given as a JWK or a PEM (claims and header kid, or the code). */
function keysVerify(lib, { checks, now }) {
  const results = {};
  for (const { id, alg, jwk, pem, token } of checks) {
    try {
      const key = jwk === undefined ? lib.Key.fromPem(pem) : lib.Key.fromJwk(jwk);
      const verifier = new lib.Verifier({ key, algorithms: [alg] });
      const { header, claims } = verifier.verifyComplete(token, { now });
      results[id] = { claims, kid: header.kid ?? null };
    } catch (e) {
      results[id] = codeOf(lib, e);
    }
  }
  return { results };
}

/**
 * Answers one request of the protocol with plain JSON-able data (in a Promise: the services have a store).
 *
 * @param {object} lib the `onejwt` or `onejwt-wasm` module namespace
 * @param {{ op: 'issue' | 'verify' | 'keys_generate' | 'keys_sign' | 'keys_verify' }} request
 * @example
 * import * as onejwt from '../../bindings-node/js/index.mjs';
 * await run(onejwt, { op: 'verify', services: {}, revoked: [], checks: [] }); // { results: {} }
 */
export async function run(lib, request) {
  if (request.op === 'issue') return issue(lib, request);
  if (request.op === 'verify') return verify(lib, request);
  if (request.op === 'keys_generate') return keysGenerate(lib, request);
  if (request.op === 'keys_sign') return keysSign(lib, request);
  if (request.op === 'keys_verify') return keysVerify(lib, request);
  throw new TypeError(`unknown op ${JSON.stringify(request.op)}`);
}
