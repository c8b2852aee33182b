/**
 * @module api — the public onejwt-wasm surface (identical to `onejwt`'s: see index.d.ts) over the raw
 * wasm-bindgen classes. Like the Node package's js/index.mjs it decides nothing: it rethrows native
 * verdicts as `JwtError`, parses the JSON text the module returns (faster than building objects
 * through wasm-bindgen calls) and hands raw halves to each other. Nothing here calls into the
 * WebAssembly module at import time, so the entry modules can instantiate it first.
 * Runs from the built package: scripts/build-pkg.mjs copies it into pkg/ beside wasm/ and errors.mjs.
 */
import {
  RawKey,
  RawKeySet,
  RawTokenService,
  RawVerifier,
  decodeUnverifiedJson,
  extractToken as rawExtractToken,
  sign as rawSign,
} from './wasm/onejwt_wasm.js';
import { JwtError, toJwtError } from './errors.mjs';

export { JwtError };

/** Guards the constructors: instances come from the static factories only. */
const INTERNAL = Symbol('onejwt-wasm.internal');

/** Runs a raw call, rethrowing a native verdict as `JwtError` (anything else unchanged). */
function call(fn) {
  try {
    return fn();
  } catch (e) {
    throw toJwtError(e);
  }
}

function optionTypeError(option, message) {
  const error = new TypeError(`invalid option \`${option}\`: ${message}`);
  error.option = option;
  return error;
}

function noConstructor(name, factories) {
  return new TypeError(`${name} has no public constructor; use ${factories}`);
}

/** Reads a private raw half, or `undefined` when `value` is not an instance of the class. */
let keyRaw;
let keySetRaw;

/** A verification (and optionally signing) key bound to one algorithm family. */
export class Key {
  #raw;

  /** @private */
  constructor(internal, raw) {
    if (internal !== INTERNAL) throw noConstructor('Key', 'Key.hmac, Key.fromPem or Key.fromJwk');
    this.#raw = raw;
  }

  static {
    keyRaw = (value) => (value !== null && typeof value === 'object' && #raw in value ? value.#raw : undefined);
  }

  /** An HMAC secret (a string is taken as its UTF-8 bytes). */
  static hmac(secret) {
    return new Key(INTERNAL, call(() => RawKey.hmac(secret)));
  }

  /** A key from one PEM block. */
  static fromPem(pem) {
    return new Key(INTERNAL, call(() => RawKey.fromPem(pem)));
  }

  /** A key from a JWK object or its JSON text. */
  static fromJwk(jwk) {
    return new Key(INTERNAL, call(() => RawKey.fromJwk(jwk)));
  }

  /** `hmac`, `rsa`, `ec-p256`, `ec-p384` or `ed25519`. */
  get family() {
    return this.#raw.family;
  }

  /** The JWK `kid`, or `null`. */
  get kid() {
    return this.#raw.kid;
  }

  /** Whether the key can sign. */
  get canSign() {
    return this.#raw.canSign;
  }

  get [Symbol.toStringTag]() {
    return 'Key';
  }
}

/** A JWKS; each token selects exactly one key by `kid` and `alg`. */
export class KeySet {
  #raw;

  /** @private */
  constructor(internal, raw) {
    if (internal !== INTERNAL) throw noConstructor('KeySet', 'KeySet.fromJwks');
    this.#raw = raw;
  }

  static {
    keySetRaw = (value) => (value !== null && typeof value === 'object' && #raw in value ? value.#raw : undefined);
  }

  /** A key set from a JWKS object or its JSON text. */
  static fromJwks(jwks) {
    return new KeySet(INTERNAL, call(() => RawKeySet.fromJwks(jwks)));
  }

  /** How many usable keys the set holds. */
  get size() {
    return this.#raw.size;
  }

  get [Symbol.toStringTag]() {
    return 'KeySet';
  }
}

/**
 * The public `key`/`keys` option as a fresh raw handle (`undefined` when not set): the raw
 * constructor takes ownership of what it is given, so it never gets the caller's own key.
 */
function rawOf(options, name, unwrap, className) {
  const value = options[name];
  if (value === undefined || value === null) return undefined;
  const raw = unwrap(value);
  if (raw === undefined) throw optionTypeError(name, `must be a ${className}`);
  return raw.share();
}

/**
 * The `now` of the per-call options (`undefined`: the module reads `Date.now()`). Read here rather
 * than in Rust because walking a small object is several times cheaper in JS than through
 * wasm-bindgen calls, on the hot path of every verification; the rules are the Node binding's.
 */
function nowOf(options) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('invalid argument `options`: must be an object');
  }
  let now;
  for (const name of Object.keys(options)) {
    const value = options[name];
    if (value === undefined) continue;
    if (name !== 'now') throw optionTypeError(name, 'unknown option');
    now = value;
  }
  return now;
}

/** Verifies compact JWS JWTs with one key (or key set) and options; synchronous. */
export class Verifier {
  #raw;

  constructor(options) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError('invalid argument `options`: must be an object');
    }
    const key = rawOf(options, 'key', keyRaw, 'Key');
    const keys = rawOf(options, 'keys', keySetRaw, 'KeySet');
    const { key: _key, keys: _keys, ...rest } = options;
    this.#raw = call(() => new RawVerifier(key, keys, rest));
  }

  /** Verifies `token` and returns its claims. */
  verify(token, options) {
    try {
      return JSON.parse(this.#raw.verifyJson(token, nowOf(options)));
    } catch (e) {
      throw toJwtError(e);
    }
  }

  /** Verifies `token` and returns its header and claims. */
  verifyComplete(token, options) {
    try {
      return JSON.parse(this.#raw.verifyCompleteJson(token, nowOf(options)));
    } catch (e) {
      throw toJwtError(e);
    }
  }

  get [Symbol.toStringTag]() {
    return 'Verifier';
  }
}

/** Reads a token's header and claims WITHOUT verifying them (display and debugging only). */
export function decodeUnverified(token) {
  return JSON.parse(call(() => decodeUnverifiedJson(token)));
}

/** Signs `claims` with `key` using `algorithm`; returns the compact JWS. */
export function sign(claims, key, algorithm, options) {
  const raw = keyRaw(key);
  if (raw === undefined) throw new TypeError('invalid argument `key`: must be a Key');
  return call(() => rawSign(claims, raw, algorithm, options));
}

// ---------------------------------------------------------------------------------------------
// TokenService and extractToken (issue 7): the service API over the raw halves. As above, the
// wrapper only names the per-call options and turns JSON text into objects; the core decides.

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
 * The bridge the raw module calls for a host revocation store: the store stays in JS and is lent
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
export class TokenService {
  #raw;
  #store;

  constructor(config) {
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new TypeError('invalid argument `config`: must be an object');
    }
    const { revocationStore, ...rest } = config;
    this.#store = storeBridge(revocationStore);
    this.#raw = call(() => new RawTokenService(rest));
  }

  /**
   * Not available in onejwt-wasm: browsers and edge runtimes have no process environment (and the
   * core does not read one on wasm32). Always throws; pass a config object to the constructor.
   */
  static fromEnv() {
    throw new TypeError(
      'TokenService.fromEnv() is not available in onejwt-wasm: browsers have no environment; use new TokenService(config)',
    );
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
export function extractToken(headers, options) {
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
