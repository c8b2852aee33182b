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
 * A host revocation store that starts with `revoked` and records every `revoke` call, so the test
 * can check the (jti, expiresAt) the core hands to a store.
 */
function recordingStore(revoked = []) {
  const jtis = new Set(revoked);
  const calls = [];
  return {
    calls,
    isRevoked: (jti) => jtis.has(jti),
    revoke: (jti, expiresAt) => {
      jtis.add(jti);
      calls.push({ jti, expires_at: expiresAt });
    },
  };
}

/** `issue`: per service, an access token, a refresh token and one more access token revoked at once. */
function issue(lib, { now, services, user }) {
  const tokens = {};
  const revocations = {};
  for (const [name, config] of Object.entries(services)) {
    const store = recordingStore();
    const service = new lib.TokenService({ ...camelConfig(config), revocationStore: store });
    const access = () =>
      service.createAccessToken(user.user_id, {
        email: user.email,
        permissions: user.permissions,
        extra: user.access_extra,
        now,
      });
    tokens[name] = {
      access: access(),
      refresh: service.createRefreshToken(user.user_id, { extra: user.refresh_extra, now }),
      revoked: access(),
    };
    service.revoke(tokens[name].revoked, { now });
    revocations[name] = store.calls;
  }
  return { tokens, revocations };
}

/** `verify`: every check through `verify` (claims or code) and `validateToken` (claims or null). */
function verify(lib, { services, revoked, checks }) {
  const built = Object.fromEntries(
    Object.entries(services).map(([name, config]) => [
      name,
      new lib.TokenService({ ...camelConfig(config), revocationStore: recordingStore(revoked) }),
    ]),
  );
  const results = {};
  for (const { id, service, token, token_type: tokenType, now } of checks) {
    let verdict;
    try {
      verdict = { claims: built[service].verify(token, tokenType, { now }) };
    } catch (e) {
      // Only a token verdict is an answer; anything else is a bug and must crash the run.
      if (!(e instanceof lib.JwtError)) throw e;
      verdict = { code: e.code };
    }
    results[id] = { verify: verdict, validate: built[service].validateToken(token, tokenType, { now }) };
  }
  return { results };
}

/**
 * Answers one request of the protocol with plain JSON-able data.
 *
 * @param {object} lib the `onejwt` or `onejwt-wasm` module namespace
 * @param {{ op: 'issue' | 'verify' }} request
 * @example
 * import * as onejwt from '../../bindings-node/js/index.mjs';
 * run(onejwt, { op: 'verify', services: {}, revoked: [], checks: [] }); // { results: {} }
 */
export function run(lib, request) {
  if (request.op === 'issue') return issue(lib, request);
  if (request.op === 'verify') return verify(lib, request);
  throw new TypeError(`unknown op ${JSON.stringify(request.op)}`);
}
