/**
 * @module surface — Key, KeySet, Verifier, decodeUnverified and sign, written once for both packages
 * over a package's raw halves (napi-rs in onejwt, wasm-bindgen in onejwt-wasm), so the two surfaces
 * cannot drift. It decides nothing: it rethrows native verdicts as `JwtError`, parses the JSON text
 * the raw layer returns (faster than building objects through the binding) and hands raw halves to
 * each other. onejwt imports it from js/; bindings-wasm/scripts/build-pkg.mjs copies it into both
 * entries of onejwt-wasm, as it does errors.mjs.
 */

/** Guards the constructors: instances come from the static factories only. */
const INTERNAL = Symbol('onejwt.internal');

/**
 * The verification surface over one package's raw halves.
 *
 * @param {object} raw
 * @param {object} raw.Raw the raw `Key`, `KeySet`, `Verifier`, `decodeUnverifiedJson` and `sign`
 * @param {(e: unknown) => unknown} raw.failure what a raw call's exception becomes (a `JwtError`,
 *   a `TypeError` unchanged, or the package's own translation)
 * @param {(half: object) => object} raw.handOver the raw handle a raw constructor is given
 * @returns the public classes and functions, plus `call` and `optionTypeError` for service.mjs
 */
export function surface({ Raw, failure, handOver }) {
  /** Runs a raw call, rethrowing its failure as the package's `failure` says. */
  function call(fn) {
    try {
      return fn();
    } catch (e) {
      throw failure(e);
    }
  }

  /** The `TypeError` of a caller's bad option, naming it in `.option`. */
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
  class Key {
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
      return new Key(INTERNAL, call(() => Raw.Key.hmac(secret)));
    }

    /** A key from one PEM block. */
    static fromPem(pem) {
      return new Key(INTERNAL, call(() => Raw.Key.fromPem(pem)));
    }

    /** A key from a JWK object or its JSON text. */
    static fromJwk(jwk) {
      return new Key(INTERNAL, call(() => Raw.Key.fromJwk(jwk)));
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
  class KeySet {
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
      return new KeySet(INTERNAL, call(() => Raw.KeySet.fromJwks(jwks)));
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
   * The public `key`/`keys` option as the raw handle the raw constructor takes (`undefined` when not
   * set; `handOver` gives onejwt-wasm a fresh handle, as its raw constructor owns what it is given).
   */
  function rawOf(options, name, unwrap, className) {
    const value = options[name];
    if (value === undefined || value === null) return undefined;
    const raw = unwrap(value);
    if (raw === undefined) throw optionTypeError(name, `must be a ${className}`);
    return handOver(raw);
  }

  /**
   * The `now` of the per-call options (`undefined`: the current time, as the raw layer reads it).
   * Read here rather than natively because walking a small object is several times cheaper in JS
   * than through napi or wasm-bindgen calls, on the hot path of every verification.
   */
  function nowOf(options) {
    if (options === undefined) return undefined;
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
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
  class Verifier {
    #raw;

    constructor(options) {
      if (options === null || typeof options !== 'object' || Array.isArray(options)) {
        throw new TypeError('invalid argument `options`: must be an object');
      }
      const key = rawOf(options, 'key', keyRaw, 'Key');
      const keys = rawOf(options, 'keys', keySetRaw, 'KeySet');
      const { key: _key, keys: _keys, ...rest } = options;
      this.#raw = call(() => new Raw.Verifier(key, keys, rest));
    }

    /** Verifies `token` and returns its claims. */
    verify(token, options) {
      try {
        return JSON.parse(this.#raw.verifyJson(token, nowOf(options)));
      } catch (e) {
        throw failure(e);
      }
    }

    /** Verifies `token` and returns its header and claims. */
    verifyComplete(token, options) {
      try {
        return JSON.parse(this.#raw.verifyCompleteJson(token, nowOf(options)));
      } catch (e) {
        throw failure(e);
      }
    }

    get [Symbol.toStringTag]() {
      return 'Verifier';
    }
  }

  /** Reads a token's header and claims WITHOUT verifying them (display and debugging only). */
  function decodeUnverified(token) {
    return JSON.parse(call(() => Raw.decodeUnverifiedJson(token)));
  }

  /** Signs `claims` with `key` using `algorithm`; returns the compact JWS. */
  function sign(claims, key, algorithm, options) {
    const raw = keyRaw(key);
    if (raw === undefined) throw new TypeError('invalid argument `key`: must be a Key');
    return call(() => Raw.sign(claims, raw, algorithm, options));
  }

  return { Key, KeySet, Verifier, decodeUnverified, sign, call, optionTypeError };
}
