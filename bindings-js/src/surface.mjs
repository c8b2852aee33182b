/**
 * @module surface — Key, KeySet, Verifier, decodeUnverified and sign, written once for both packages
 * over a package's raw module (napi-rs in onejwt, wasm-bindgen in onejwt-wasm), so the two surfaces
 * cannot drift. It decides nothing: it checks the JS types of positional arguments, encodes every object
 * as JSON text (encode.mjs), rethrows raw verdicts as `JwtError` and parses the JSON text the raw layer
 * returns (faster than building objects through either FFI). Every option is the core's to judge.
 * The package's build copies it (bindings-js/manifest.json) beside its entry modules.
 */

import { encoder } from './encode.mjs';

/** Guards the constructors: instances come from the static factories only. */
const INTERNAL = Symbol('onejwt.internal');

const utf8 = new TextEncoder();

/**
 * The verification surface over one package's raw module.
 *
 * @param {object} options
 * @param {object} options.raw the raw `Key`, `KeySet`, `Verifier`, `decodeUnverified`, `sign`,
 *   `unixSeconds` and `maxHostDepth`
 * @param {(e: unknown) => unknown} options.failure what a raw call's exception becomes (a `JwtError`, a
 *   `TypeError` unchanged, or the package's own translation)
 * @param {(half: object) => object} options.handOver the raw handle a raw constructor is given
 * @returns the public classes and functions, plus `call`, `encode` and `argumentError` for service.mjs
 */
export function surface({ raw, failure, handOver }) {
  const encode = encoder(raw);

  /** Runs a raw call, rethrowing its failure as the package's `failure` says. */
  function call(fn) {
    try {
      return fn();
    } catch (e) {
      throw failure(e);
    }
  }

  /** The `TypeError` of a positional argument of the wrong JS type (worded like the core's). */
  function argumentError(name, message) {
    const error = new TypeError(`invalid argument \`${name}\`: ${message}`);
    error.argument = name;
    return error;
  }

  /** An argument that must be a string. */
  function text(value, name) {
    if (typeof value !== 'string') throw argumentError(name, 'must be a string');
    return value;
  }

  /** Text or bytes as bytes: a string is its UTF-8, a `Uint8Array` (a Node `Buffer` is one) itself. */
  function bytes(value, name) {
    if (typeof value === 'string') return utf8.encode(value);
    if (value instanceof Uint8Array) return value;
    throw argumentError(name, 'must be a string or a Uint8Array');
  }

  /** A JWK or JWKS: JSON text as given (`true`: parsed by the core as key text), or an encoded object. */
  function document(value, name) {
    if (typeof value === 'string') return [value, true];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw argumentError(name, 'must be an object or a JSON string');
    }
    return [encode(value, name), false];
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
    constructor(internal, half) {
      if (internal !== INTERNAL) throw noConstructor('Key', 'Key.hmac, Key.fromPem or Key.fromJwk');
      this.#raw = half;
    }

    static {
      keyRaw = (value) => (value !== null && typeof value === 'object' && #raw in value ? value.#raw : undefined);
    }

    /** An HMAC secret (a string is taken as its UTF-8 bytes). */
    static hmac(secret) {
      const given = bytes(secret, 'secret');
      return new Key(INTERNAL, call(() => raw.Key.hmac(given)));
    }

    /** A key from one PEM block. */
    static fromPem(pem) {
      const given = bytes(pem, 'pem');
      return new Key(INTERNAL, call(() => raw.Key.fromPem(given)));
    }

    /** A key from a JWK object or its JSON text. */
    static fromJwk(jwk) {
      const [json, isText] = document(jwk, 'jwk');
      return new Key(INTERNAL, call(() => raw.Key.fromJwk(json, isText)));
    }

    /** `hmac`, `rsa`, `ec-p256`, `ec-p384`, `ec-p521` or `ed25519`. */
    get family() {
      return this.#raw.family;
    }

    /** The JWK `kid`, or `null`. */
    get kid() {
      return this.#raw.kid ?? null;
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
    #skipped;

    /** @private */
    constructor(internal, half) {
      if (internal !== INTERNAL) throw noConstructor('KeySet', 'KeySet.fromJwks');
      this.#raw = half;
    }

    static {
      keySetRaw = (value) => (value !== null && typeof value === 'object' && #raw in value ? value.#raw : undefined);
    }

    /** A key set from a JWKS object or its JSON text, and its options (`allowOct`). */
    static fromJwks(jwks, options) {
      const [json, isText] = document(jwks, 'jwks');
      const bag = options === undefined ? undefined : encode(options, 'options', true);
      return new KeySet(INTERNAL, call(() => raw.KeySet.fromJwks(json, isText, bag)));
    }

    /** How many usable keys the set holds. */
    get size() {
      return this.#raw.size;
    }

    /** The JWKS keys the set left out, each `{ index, kid, reason, message }` (frozen). */
    get skipped() {
      this.#skipped ??= Object.freeze(JSON.parse(this.#raw.skipped).map((entry) => Object.freeze(entry)));
      return this.#skipped;
    }

    get [Symbol.toStringTag]() {
      return 'KeySet';
    }
  }

  /**
   * The `now` of a per-call bag that holds nothing else, a number: the hot path of every verification
   * hands it over as is (the core applies the time rule); any other bag goes to the core as JSON text.
   */
  function nowOnly(options) {
    if (options === null || typeof options !== 'object' || Object.getPrototypeOf(options) !== Object.prototype) {
      return undefined;
    }
    let now;
    for (const name in options) {
      if (name !== 'now') return undefined;
      now = options.now;
    }
    return typeof now === 'number' ? now : undefined;
  }

  /** Verifies compact JWS JWTs with one key (or key set) and options; synchronous. */
  class Verifier {
    #raw;

    constructor(options) {
      if (options === null || typeof options !== 'object' || Array.isArray(options)) {
        throw argumentError('options', 'must be an object');
      }
      const { key, keys, ...rest } = options;
      const keyHalf = keyRaw(key);
      const keysHalf = keySetRaw(keys);
      // Anything else given as `key`/`keys` stays in the bag, where the core refuses it by name.
      if (keyHalf === undefined && key !== undefined) rest.key = key;
      if (keysHalf === undefined && keys !== undefined) rest.keys = keys;
      const json = encode(rest, 'options', true);
      this.#raw = call(
        () => new raw.Verifier(keyHalf && handOver(keyHalf), keysHalf && handOver(keysHalf), json),
      );
    }

    /** Verifies `token` and returns its claims. */
    verify(token, options) {
      return JSON.parse(this.#verify(token, options, false));
    }

    /** Verifies `token` and returns its header and claims. */
    verifyComplete(token, options) {
      return JSON.parse(this.#verify(token, options, true));
    }

    #verify(token, options, complete) {
      text(token, 'token');
      let now;
      let json;
      if (options !== undefined) {
        now = nowOnly(options);
        if (now === undefined) json = encode(options, 'options', true);
      }
      try {
        return this.#raw.verify(token, now, json, complete);
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
    text(token, 'token');
    return JSON.parse(call(() => raw.decodeUnverified(token)));
  }

  /** Signs `claims` with `key` using `algorithm`; returns the compact JWS. */
  function sign(claims, key, algorithm, options) {
    const half = keyRaw(key);
    if (half === undefined) throw argumentError('key', 'must be a Key');
    text(algorithm, 'algorithm');
    const json = encode(claims, 'claims');
    const bag = options === undefined ? undefined : encode(options, 'options', true);
    return call(() => raw.sign(json, half, algorithm, bag));
  }

  return { Key, KeySet, Verifier, decodeUnverified, sign, call, encode, argumentError, text };
}
