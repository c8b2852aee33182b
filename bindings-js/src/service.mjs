/**
 * @module service — TokenService and extractToken, written once for both packages over a package's raw
 * module (napi-rs in onejwt, wasm-bindgen in onejwt-wasm). Like surface.mjs it decides nothing: every
 * options bag goes to the core as JSON text (encode.mjs), and the JSON text the core returns is parsed here.
 *
 * Sessions and their store: the core decides everything about a session (login, refresh, reuse, logout)
 * and asks a session store to keep the state, one atomic request per call. Without a `store` option the
 * core keeps it in memory and every method is synchronous. With one (a `RedisStore`, or any object with
 * `execute(request)`), the store-touching methods return Promises: a raw method returns either its result
 * or a pending call, whose request this module hands to `store.execute` and whose reply (or failure) it
 * hands back to the core's `finish`. That hand-over is all the driver does; a failing store fails closed
 * in the core (`store_unavailable`). The package's build copies it (bindings-js/manifest.json) beside its
 * entry modules.
 */

/** Marks the constructor call of `TokenService.fromEnv`, which hands over a ready raw service. */
const FROM_ENV = Symbol('onejwt.fromEnv');

/**
 * The service classes over one package's raw module.
 *
 * @param {object} options
 * @param {Function} options.RawTokenService the raw service class: `new RawTokenService(configJson, hostStore)`
 * @param {Function} options.rawExtractToken the raw `extractToken`
 * @param {object} options.api what `surface()` returned: `call`, `encode`, `argumentError`, `text`, `keyHalf`,
 *   `keyOptionPem`
 * @param {(hostStore: boolean) => object} options.fromEnv a raw service configured from the environment, or throws
 * @returns {{ TokenService: Function, extractToken: Function }}
 */
export function serviceSurface({ RawTokenService, rawExtractToken, api, fromEnv }) {
  const { call, encode, argumentError, text, keyHalf, keyOptionPem } = api;

  /** An optional options bag as JSON text (the core checks its names and values). */
  const bag = (options) => (options === undefined ? undefined : encode(options, 'options', true));

  /** The `tokenType` argument: absent, or a string the core parses. */
  function kind(tokenType) {
    if (tokenType === undefined || tokenType === null) return undefined;
    if (typeof tokenType !== 'string') throw argumentError('tokenType', 'must be "access" or "refresh"');
    return tokenType;
  }

  /** A token a null-returning method accepts as any JS value: a non-string is no token. */
  const anyToken = (token) => (typeof token === 'string' ? token : '');

  /** The `TypeError` of an option of the wrong kind (worded like the core's). */
  function optionError(name, message) {
    const error = new TypeError(`invalid option \`${name}\`: ${message}`);
    error.option = name;
    return error;
  }

  /** The `store` option: absent, or an object whose `execute(request)` answers (or resolves to) a reply. */
  function sessionStore(store) {
    if (store === undefined) return undefined;
    if ((typeof store !== 'object' && typeof store !== 'function') || store === null || typeof store.execute !== 'function') {
      throw optionError('store', 'must be a session store: an object with an execute(request) method, such as a RedisStore');
    }
    return store;
  }

  /**
   * What a store threw or rejected with, as the message the core quotes (shortened) in its
   * `store_unavailable` error: an Error's message, anything else as text. The value itself is the cause.
   */
  function thrownText(e) {
    try {
      return (e instanceof Error ? e.message || e.name : String(e)) || 'the store failed';
    } catch {
      return 'the store failed';
    }
  }

  /**
   * Performs a pending call's request on the host store and finishes the call: the result's JSON text.
   * The store's reply goes to the core as JSON text; a throw, a rejection or a reply without a JSON form
   * goes as a message, and the core fails the call closed (`store_unavailable`, counted in the metrics).
   * What the store threw stays reachable as that error's `cause`.
   */
  async function perform(raw, store, pending) {
    const request = JSON.parse(pending.request());
    let reply;
    let failure;
    let cause;
    try {
      // `this` is the store, so class-based stores work.
      reply = JSON.stringify(await store.execute(request));
      if (reply === undefined) failure = 'the store answered undefined (or a function), which is no reply';
    } catch (e) {
      cause = e;
      failure = thrownText(e);
    }
    try {
      return call(() => raw.finish(pending, failure === undefined ? reply : undefined, failure));
    } catch (e) {
      if (cause !== undefined && e !== null && typeof e === 'object' && e.code === 'store_unavailable') {
        Object.defineProperty(e, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
      }
      throw e;
    }
  }

  // The results of the store-touching raw methods, as JSON text.
  const parsed = (json) => JSON.parse(json);
  const pair = (json) => {
    const [accessToken, refreshToken] = JSON.parse(json);
    return { accessToken, refreshToken };
  };
  const nothing = () => undefined;

  /** Issues and validates access and refresh tokens, and keeps sessions, for one service. */
  class TokenService {
    #raw;
    #store;

    constructor(config, fromEnvironment) {
      if (config === FROM_ENV) {
        ({ raw: this.#raw, store: this.#store } = fromEnvironment);
        return;
      }
      if (config === null || typeof config !== 'object' || Array.isArray(config)) {
        throw argumentError('config', 'must be an object');
      }
      // `store` is an object of the host, handed over as a flag; a `Key` or `KeyObject` given as
      // `privateKey` / `publicKey` goes as its PEM text; everything else is the core's to judge (the old
      // `revocationStore` too, which it refuses with a hint).
      const { store, ...rest } = config;
      const hostStore = sessionStore(store);
      for (const [option, isPrivate] of [['privateKey', true], ['publicKey', false]]) {
        const pem = keyOptionPem(rest[option], option, isPrivate);
        if (pem !== undefined) rest[option] = pem;
      }
      const json = encode(rest, 'config', true);
      this.#raw = call(() => new RawTokenService(json, hostStore !== undefined));
      this.#store = hostStore;
    }

    /**
     * A service configured from the process environment (`JWT_SECRET_KEY`, …), read by the core
     * (Node), optionally over a session `store`; onejwt-wasm throws a `TypeError`: browsers and edge
     * runtimes have no environment.
     */
    static fromEnv(options) {
      let store;
      if (options !== undefined) {
        if (options === null || typeof options !== 'object' || Array.isArray(options)) {
          throw argumentError('options', 'must be an object');
        }
        for (const name of Object.keys(options)) {
          if (name !== 'store') throw optionError(name, 'unknown option (fromEnv takes `store`; the rest comes from the environment)');
        }
        store = sessionStore(options.store);
      }
      return new TokenService(FROM_ENV, { raw: fromEnv(store !== undefined), store });
    }

    /**
     * One store-touching call: `prepare` checks and encodes the arguments, `start` makes the raw call,
     * `result` reads the result's JSON text. Without a host store the core answers at once (synchronous);
     * with one, a Promise, rejected for any failure (a caller mistake too).
     */
    #run(prepare, start, result) {
      if (this.#store === undefined) {
        const args = prepare();
        const step = call(() => start(this.#raw, args));
        if (typeof step !== 'string') throw new Error('onejwt internal error: a service without a store asked for one');
        return result(step);
      }
      return this.#drive(prepare, start, result);
    }

    async #drive(prepare, start, result) {
      const args = prepare();
      const step = call(() => start(this.#raw, args));
      return result(typeof step === 'string' ? step : await perform(this.#raw, this.#store, step));
    }

    /** Issues an access token outside any session (no store involved). */
    createAccessToken(userId, options) {
      const args = [text(userId, 'userId'), bag(options)];
      return call(() => this.#raw.createAccessToken(...args));
    }

    /** Logs `userId` in: starts a session and returns its first pair. */
    login(userId, options) {
      return this.#run(() => [text(userId, 'userId'), bag(options)], (raw, args) => raw.login(...args), pair);
    }

    /** Verifies a token of the expected type and returns its claims. */
    verify(token, tokenType, options) {
      return this.#run(
        () => [text(token, 'token'), kind(tokenType), bag(options)],
        (raw, args) => raw.verify(...args),
        parsed,
      );
    }

    /** The claims of a valid token of the expected type, or `null` (a non-string is no token). */
    validateToken(token, tokenType, options) {
      return this.#run(
        () => [anyToken(token), kind(tokenType), bag(options)],
        (raw, args) => raw.validateToken(...args),
        parsed,
      );
    }

    /** The `sub` of a verified access token, or `null`. */
    extractUserId(token, options) {
      return this.#run(() => [anyToken(token), bag(options)], (raw, args) => raw.extractUserId(...args), parsed);
    }

    /** Exchanges a refresh token for a new pair, advancing its session; a used one revokes the session. */
    refresh(refreshToken, options) {
      return this.#run(() => [text(refreshToken, 'token'), bag(options)], (raw, args) => raw.refresh(...args), pair);
    }

    /** Revokes a (verifying) token: an access token alone, a refresh token with its session. */
    revoke(token, options) {
      return this.#run(() => [text(token, 'token'), bag(options)], (raw, args) => raw.revoke(...args, false), nothing);
    }

    /** Ends the session of a (verifying) token of either type, and with it every token of the session. */
    logout(token, options) {
      return this.#run(() => [text(token, 'token'), bag(options)], (raw, args) => raw.revoke(...args, true), nothing);
    }

    /** Whether a (verifying) token has been revoked, alone or with its session. */
    isRevoked(token, options) {
      return this.#run(() => [text(token, 'token'), bag(options)], (raw, args) => raw.isRevoked(...args), parsed);
    }

    /**
     * Makes `key` (a `Key` or a Node `KeyObject`) the signing key from `now` on; the keys it replaces keep
     * verifying the tokens they signed until those have expired. Synchronous, with or without a store.
     */
    rotateKey(key, options) {
      const half = keyHalf(key, 'key');
      if (half === undefined) throw argumentError('key', 'must be a Key (or a node:crypto KeyObject)');
      const json = bag(options);
      call(() => this.#raw.rotateKey(half, json));
    }

    /** The public JWKS to publish, or with `{ private: true }` the private key ring, at `now`. */
    jwks(options) {
      const json = bag(options);
      return JSON.parse(call(() => this.#raw.jwks(json)));
    }

    /** The `kid` of the current signing key, or `null` for a verify-only service. */
    get signingKid() {
      return this.#raw.signingKid ?? null;
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
