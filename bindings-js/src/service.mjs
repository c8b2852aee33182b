/**
 * @module service — TokenService and extractToken, written once for both packages over a package's raw
 * module (napi-rs in onejwt, wasm-bindgen in onejwt-wasm). Like surface.mjs it decides nothing: every
 * options bag goes to the core as JSON text (encode.mjs), the host revocation store is lent to each call
 * through a bridge whose every answer is a boolean or a message, and the JSON text the core returns is
 * parsed here. The package's build copies it (bindings-js/manifest.json) beside its entry modules.
 */

/** Marks the constructor call of `TokenService.fromEnv`, which hands over a ready raw service. */
const FROM_ENV = Symbol('onejwt.fromEnv');

/**
 * The service classes over one package's raw module.
 *
 * @param {object} options
 * @param {Function} options.RawTokenService the raw service class (its constructor takes the config's JSON text)
 * @param {Function} options.rawExtractToken the raw `extractToken`
 * @param {object} options.api what `surface()` returned: `call`, `encode`, `argumentError`, `text`
 * @param {Function} options.fromEnv returns a raw service configured from the environment, or throws
 * @returns {{ TokenService: Function, extractToken: Function }}
 */
export function serviceSurface({ RawTokenService, rawExtractToken, api, fromEnv }) {
  const { call, encode, argumentError, text } = api;

  /** An optional options bag as JSON text (the core checks its names and values). */
  const bag = (options) => (options === undefined ? undefined : encode(options, 'options', true));

  /** The `tokenType` argument: absent, or a string the core parses. */
  function kind(tokenType) {
    if (tokenType === undefined || tokenType === null) return undefined;
    if (typeof tokenType !== 'string') throw argumentError('tokenType', 'must be "access" or "refresh"');
    return tokenType;
  }

  /** What a store threw, as the message the core quotes in its `revoked` error. */
  function thrownText(e) {
    try {
      return String(e) || 'the store threw';
    } catch {
      return 'the store threw';
    }
  }

  /**
   * The host store as ONE function the raw layers call synchronously during a service call (a JS object
   * cannot be shared across threads as the core's stores are): `(jti)` asks `isRevoked`, `(jti, expiresAt)`
   * revokes. It answers `true`/`false`, or the message of what went wrong (a throw, a non-boolean, a
   * Promise: async stores are not supported), which the core turns into a fail-closed `revoked`.
   * `this` stays the caller's store, so class-based stores work.
   */
  function storeBridge(store) {
    if (store === undefined || store === null) return undefined;
    if (
      (typeof store !== 'object' && typeof store !== 'function') ||
      typeof store.isRevoked !== 'function' ||
      typeof store.revoke !== 'function'
    ) {
      const error = new TypeError(
        'invalid option `revocationStore`: must be an object with isRevoked(jti) and revoke(jti, expiresAt) methods',
      );
      error.option = 'revocationStore';
      throw error;
    }
    return (jti, expiresAt) => {
      try {
        const revoking = expiresAt !== undefined && expiresAt !== null;
        const answer = revoking ? store.revoke(jti, expiresAt) : store.isRevoked(jti);
        if (answer instanceof Promise) return `${revoking ? 'revoke' : 'isRevoked'} returned a Promise`;
        if (revoking) return true;
        return typeof answer === 'boolean' ? answer : 'isRevoked must return a boolean';
      } catch (e) {
        return thrownText(e);
      }
    };
  }

  /** Issues, verifies, refreshes and revokes access and refresh tokens for one service. */
  class TokenService {
    #raw;
    #store;

    constructor(config, raw) {
      if (config === FROM_ENV) {
        this.#raw = raw;
        return;
      }
      if (config === null || typeof config !== 'object' || Array.isArray(config)) {
        throw argumentError('config', 'must be an object');
      }
      const { revocationStore, ...rest } = config;
      this.#store = storeBridge(revocationStore);
      const json = encode(rest, 'config', true);
      this.#raw = call(() => new RawTokenService(json));
    }

    /**
     * A service configured from the process environment (`JWT_SECRET_KEY`, …), read by the core
     * (Node); onejwt-wasm throws a `TypeError`: browsers and edge runtimes have no environment.
     */
    static fromEnv() {
      return new TokenService(FROM_ENV, fromEnv());
    }

    /** Issues an access token. */
    createAccessToken(userId, options) {
      const args = [text(userId, 'userId'), bag(options)];
      return call(() => this.#raw.createAccessToken(...args));
    }

    /** Issues a refresh token. */
    createRefreshToken(userId, options) {
      const args = [text(userId, 'userId'), bag(options)];
      return call(() => this.#raw.createRefreshToken(...args));
    }

    /** Verifies a token of the expected type and returns its claims. */
    verify(token, tokenType, options) {
      const args = [text(token, 'token'), kind(tokenType), bag(options), this.#store];
      return JSON.parse(call(() => this.#raw.verify(...args)));
    }

    /** The claims of a valid token of the expected type, or `null` (a non-string is no token). */
    validateToken(token, tokenType, options) {
      const args = [typeof token === 'string' ? token : '', kind(tokenType), bag(options), this.#store];
      const claims = call(() => this.#raw.validateToken(...args));
      return claims == null ? null : JSON.parse(claims);
    }

    /** The `sub` of a verified access token, or `null`. */
    extractUserId(token, options) {
      const args = [typeof token === 'string' ? token : '', bag(options), this.#store];
      return call(() => this.#raw.extractUserId(...args)) ?? null;
    }

    /** Exchanges a refresh token for a new pair; the old refresh token is revoked. */
    refresh(refreshToken, options) {
      const args = [text(refreshToken, 'token'), bag(options), this.#store];
      const [accessToken, newRefreshToken] = call(() => this.#raw.refresh(...args));
      return { accessToken, refreshToken: newRefreshToken };
    }

    /** Revokes a (verifying) token until it expires. */
    revoke(token, options) {
      const args = [text(token, 'token'), bag(options), this.#store];
      call(() => this.#raw.revoke(...args));
    }

    /** Whether a (verifying) token has been revoked. */
    isRevoked(token, options) {
      const args = [text(token, 'token'), bag(options), this.#store];
      return call(() => this.#raw.isRevoked(...args));
    }

    /** Every counter, as a plain object (the core's names). */
    metrics() {
      return JSON.parse(this.#raw.metrics());
    }

    /** The counters in the Prometheus text exposition format. */
    metricsText() {
      return this.#raw.metricsText();
    }

    /** Status, algorithm, issuing ability, cache size and metrics. */
    health() {
      return JSON.parse(this.#raw.health());
    }

    get [Symbol.toStringTag]() {
      return 'TokenService';
    }
  }

  /** Finds the token of an HTTP request or WebSocket handshake (not verified yet), or `null`. */
  function extractToken(headers, options) {
    // A fetch `Headers` or a `Map` has no own members: taken as its [name, value] pairs.
    const pairs =
      headers !== null && typeof headers === 'object' && !Array.isArray(headers) && typeof headers[Symbol.iterator] === 'function'
        ? Array.from(headers)
        : headers;
    const args = [encode(pairs, 'headers'), bag(options)];
    const found = call(() => rawExtractToken(...args));
    if (found == null) return null;
    const [token, source, echoProtocol = null] = found;
    return { token, source, echoProtocol };
  }

  return { TokenService, extractToken };
}
