/**
 * @module service — TokenService and extractToken, written once for both packages over a package's
 * raw halves (napi-rs in onejwt, wasm-bindgen in onejwt-wasm). Like the rest of the JS layer it
 * decides nothing: it names the per-call options, lends the host revocation store to each call and
 * turns the JSON text the core returns into objects. onejwt imports it from js/;
 * bindings-wasm/scripts/build-pkg.mjs copies it into onejwt-wasm's pkg/, as it does errors.mjs.
 */

/** Marks the constructor call of `TokenService.fromEnv`, which hands over a ready raw service. */
const FROM_ENV = Symbol('onejwt.fromEnv');

/**
 * The service classes over one package's raw halves.
 *
 * @param {object} raw
 * @param {Function} raw.RawTokenService the raw service class (its constructor takes the config)
 * @param {Function} raw.rawExtractToken the raw `extractToken`
 * @param {Function} raw.call runs a raw call, rethrowing its failure as the package does
 * @param {Function} raw.optionTypeError the package's `TypeError` naming a bad option
 * @param {Function} raw.fromEnv returns a raw service configured from the environment, or throws
 * @returns {{ TokenService: Function, extractToken: Function }}
 */
export function serviceSurface({ RawTokenService, rawExtractToken, call, optionTypeError, fromEnv }) {
  /** Checks a per-call options object's member names against `allowed`; returns it (`{}` if absent). */
  function callOptions(options, allowed) {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError('invalid argument `options`: must be an object');
    }
    for (const name of Object.keys(options)) {
      if (options[name] !== undefined && !allowed.includes(name)) throw optionTypeError(name, 'unknown option');
    }
    return options;
  }

  /**
   * The bridge the native layer calls for a host revocation store: the store stays in JS and is lent
   * to the core for each call (a JS object cannot be shared across threads as the core's stores are).
   * The closures keep `this` the caller's store, so class-based stores work.
   */
  function storeBridge(store) {
    if (store === undefined || store === null) return undefined;
    if (
      (typeof store !== 'object' && typeof store !== 'function') ||
      typeof store.isRevoked !== 'function' ||
      typeof store.revoke !== 'function'
    ) {
      throw optionTypeError('revocationStore', 'must be an object with isRevoked(jti) and revoke(jti, expiresAt) methods');
    }
    return Object.freeze({
      isRevoked: (jti) => {
        try {
          return store.isRevoked(jti);
        } catch (e) {
          throw asError(e);
        }
      },
      revoke: (jti, expiresAt) => {
        try {
          return store.revoke(jti, expiresAt);
        } catch (e) {
          throw asError(e);
        }
      },
    });
  }

  /**
   * What a store threw, as an `Error`: the native layers quote an Error's `name: message`, and a thrown
   * primitive (`throw 'down'`) would otherwise lose its text on the way (napi cannot reference it).
   */
  function asError(e) {
    if (e instanceof Error) return e;
    let text;
    try {
      text = String(e);
    } catch {
      text = 'the store threw';
    }
    return new Error(text);
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
        throw new TypeError('invalid argument `config`: must be an object');
      }
      const { revocationStore, ...rest } = config;
      this.#store = storeBridge(revocationStore);
      this.#raw = call(() => new RawTokenService(rest));
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
      const { email, permissions, extra, now } = callOptions(options, ['email', 'permissions', 'extra', 'now']);
      return call(() => this.#raw.createAccessToken(userId, email, permissions, extra, now));
    }

    /** Issues a refresh token. */
    createRefreshToken(userId, options) {
      const { extra, now } = callOptions(options, ['extra', 'now']);
      return call(() => this.#raw.createRefreshToken(userId, extra, now));
    }

    /** Verifies a token of the expected type and returns its claims. */
    verify(token, tokenType, options) {
      const { now } = callOptions(options, ['now']);
      return JSON.parse(call(() => this.#raw.verifyJson(token, tokenType, now, this.#store)));
    }

    /** The claims of a valid token of the expected type, or `null`. */
    validateToken(token, tokenType, options) {
      const { now } = callOptions(options, ['now']);
      const text = call(() => this.#raw.validateTokenJson(token, tokenType, now, this.#store));
      // `null` or `undefined` (the raw layers differ): no claims.
      return text == null ? null : JSON.parse(text);
    }

    /** The `sub` of a verified access token, or `null`. */
    extractUserId(token, options) {
      const { now } = callOptions(options, ['now']);
      return call(() => this.#raw.extractUserId(token, now, this.#store)) ?? null;
    }

    /** Exchanges a refresh token for a new pair; the old refresh token is revoked. */
    refresh(refreshToken, options) {
      const { now } = callOptions(options, ['now']);
      const [accessToken, newRefreshToken] = call(() => this.#raw.refresh(refreshToken, now, this.#store));
      return { accessToken, refreshToken: newRefreshToken };
    }

    /** Revokes a (verifying) token until it expires. */
    revoke(token, options) {
      const { now } = callOptions(options, ['now']);
      call(() => this.#raw.revoke(token, now, this.#store));
    }

    /** Whether a (verifying) token has been revoked. */
    isRevoked(token, options) {
      const { now } = callOptions(options, ['now']);
      return call(() => this.#raw.isRevoked(token, now, this.#store));
    }

    /** Every counter, as a plain object (the core's names). */
    metrics() {
      return JSON.parse(this.#raw.metricsJson());
    }

    /** The counters in the Prometheus text exposition format. */
    metricsText() {
      return this.#raw.metricsText();
    }

    /** Status, algorithm, issuing ability, cache size and metrics. */
    health() {
      return JSON.parse(this.#raw.healthJson());
    }

    get [Symbol.toStringTag]() {
      return 'TokenService';
    }
  }

  /** Finds the token of an HTTP request or WebSocket handshake (not verified yet), or `null`. */
  function extractToken(headers, options) {
    const { queryString, bearer, websocketProtocol, cookie, query } = callOptions(options, [
      'queryString',
      'bearer',
      'websocketProtocol',
      'cookie',
      'query',
    ]);
    // A fetch `Headers` or a `Map` has no own members: taken as its [name, value] pairs.
    const pairs =
      headers !== null && typeof headers === 'object' && !Array.isArray(headers) && typeof headers[Symbol.iterator] === 'function'
        ? Array.from(headers)
        : headers;
    const found = call(() => rawExtractToken(pairs, queryString, bearer, websocketProtocol, cookie, query));
    if (found == null) return null;
    const [token, source, echoProtocol = null] = found;
    return { token, source, echoProtocol };
  }

  return { TokenService, extractToken };
}
