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

  /** An optional options bag as JSON text (the core checks its names and values). */
  const optionsBag = (options) => (options === undefined ? undefined : encode(options, 'options', true));

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

    /**
     * A new random key for `algorithm`, bound to it, named `kid` (default: its RFC 7638 thumbprint);
     * `bits` sizes an RSA key. The core generates it and judges the options.
     */
    static generate(algorithm, options) {
      text(algorithm, 'algorithm');
      const bag = optionsBag(options);
      return new Key(INTERNAL, call(() => raw.Key.generate(algorithm, bag)));
    }

    /**
     * A key from a Node `KeyObject` (node:crypto): a secret's bytes as `Key.hmac`, a public or private
     * key through its JWK as `Key.fromJwk`.
     */
    static fromKeyObject(keyObject) {
      if (!isKeyObject(keyObject)) throw argumentError('keyObject', 'must be a KeyObject (node:crypto)');
      return fromKeyObject(keyObject, 'keyObject');
    }

    /**
     * A key from a WebCrypto `CryptoKey`, read through its JWK (`crypto.subtle.exportKey('jwk', …)`), so
     * only an extractable key can be read. Resolves to the `Key`; rejects with a `TypeError` for a
     * non-extractable key or another value, and as `Key.fromJwk` does for a key onejwt refuses.
     */
    static async fromCryptoKey(cryptoKey) {
      if (!isCryptoKey(cryptoKey)) throw argumentError('cryptoKey', 'must be a CryptoKey (WebCrypto)');
      if (cryptoKey.extractable !== true) {
        throw argumentError(
          'cryptoKey',
          'is not extractable, so its key cannot be read: create or import it with extractable set to true',
        );
      }
      const subtle = globalThis.crypto?.subtle;
      if (subtle === undefined) {
        throw argumentError('cryptoKey', 'cannot be read: this runtime has no WebCrypto (globalThis.crypto.subtle)');
      }
      return Key.fromJwk(await subtle.exportKey('jwk', cryptoKey));
    }

    /** The key as a JWK object: its public half, or with `{ private: true }` the whole key. */
    toJwk(options) {
      const bag = optionsBag(options);
      return JSON.parse(call(() => this.#raw.toJwk(bag)));
    }

    /** The key as PEM text: its public half (SPKI), or with `{ private: true }` the whole key (PKCS#8). */
    toPem(options) {
      const bag = optionsBag(options);
      return call(() => this.#raw.toPem(bag));
    }

    /** The key's RFC 7638 JWK thumbprint (base64url SHA-256), the same for both halves of a key pair. */
    thumbprint() {
      return call(() => this.#raw.thumbprint());
    }

    /** The same key under another `kid` (this key is unchanged). */
    withKid(kid) {
      text(kid, 'kid');
      return new Key(INTERNAL, call(() => this.#raw.withKid(kid)));
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

    /** The set as a JWKS object: each key's public JWK, or with `{ private: true }` each whole key. */
    toJwks(options) {
      const bag = optionsBag(options);
      return JSON.parse(call(() => this.#raw.toJwks(bag)));
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

  // The verify-only WebAssembly module (onejwt-wasm/verify) generates and exports no keys: its classes
  // then have no such members, as its index.d.ts (derived from the runtime) declares none.
  if (typeof raw.Key.generate !== 'function') {
    delete Key.generate;
    for (const name of ['toJwk', 'toPem', 'thumbprint', 'withKid']) delete Key.prototype[name];
    delete KeySet.prototype.toJwks;
  }

  /**
   * Whether `value` is a Node `KeyObject` (node:crypto), told by its tag: this module also runs in
   * browsers, which have no node:crypto to import.
   */
  function isKeyObject(value) {
    return (
      value !== null &&
      typeof value === 'object' &&
      value[Symbol.toStringTag] === 'KeyObject' &&
      typeof value.export === 'function' &&
      typeof value.type === 'string'
    );
  }

  /** Whether `value` looks like a WebCrypto `CryptoKey` (by its members: there is no class to test in Node 18). */
  function isCryptoKey(value) {
    return (
      value !== null &&
      typeof value === 'object' &&
      typeof value.extractable === 'boolean' &&
      typeof value.type === 'string' &&
      value.algorithm !== null &&
      typeof value.algorithm === 'object'
    );
  }

  /** A `Key` from a `KeyObject` given as the argument (or option) `name`. */
  function fromKeyObject(keyObject, name) {
    if (keyObject.type === 'secret') return Key.hmac(keyObject.export());
    let jwk;
    try {
      jwk = keyObject.export({ format: 'jwk' });
    } catch (e) {
      // node:crypto has no JWK form for some key types (DSA, DH, RSA-PSS-only keys): none onejwt serves.
      throw argumentError(name, `is a KeyObject without a JWK form (${e instanceof Error ? e.message : String(e)})`);
    }
    return Key.fromJwk(jwk);
  }

  /**
   * The raw half of a `Key`, or of a `KeyObject` converted to one (given as the argument `name`);
   * `undefined` for anything else.
   */
  function keyHalf(value, name) {
    const half = keyRaw(value);
    if (half !== undefined || !isKeyObject(value)) return half;
    return keyRaw(fromKeyObject(value, name));
  }

  /**
   * A `Key` or `KeyObject` given as a TokenService key option (`privateKey`, `publicKey`) as the PEM text
   * the option takes: the whole key (`isPrivate`) or its public half. `undefined` for any other value, which
   * the core judges. A key that has no such PEM form is a mistake in that option, as a bad PEM text is.
   */
  function keyOptionPem(value, option, isPrivate) {
    if (keyRaw(value) === undefined && !isKeyObject(value)) return undefined;
    try {
      const key = keyRaw(value) === undefined ? fromKeyObject(value, option) : value;
      return key.toPem(isPrivate ? { private: true } : undefined);
    } catch (e) {
      if (!(e instanceof Error) || (e.name !== 'JwtError' && !(e instanceof TypeError))) throw e;
      const error = new TypeError(`invalid option \`${option}\`: ${e.message}`);
      error.option = option;
      throw error;
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
      // A KeyObject becomes a Key here; anything else given as `key`/`keys` stays in the bag, where the
      // core refuses it by name.
      const single = keyHalf(key, 'key');
      const set = keySetRaw(keys);
      if (single === undefined && key !== undefined) rest.key = key;
      if (set === undefined && keys !== undefined) rest.keys = keys;
      const json = encode(rest, 'options', true);
      this.#raw = call(() => new raw.Verifier(single && handOver(single), set && handOver(set), json));
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

  /** Signs `claims` with `key` (a `Key` or a Node `KeyObject`) using `algorithm`; returns the compact JWS. */
  function sign(claims, key, algorithm, options) {
    const half = keyHalf(key, 'key');
    if (half === undefined) throw argumentError('key', 'must be a Key (or a node:crypto KeyObject)');
    text(algorithm, 'algorithm');
    const json = encode(claims, 'claims');
    const bag = options === undefined ? undefined : encode(options, 'options', true);
    return call(() => raw.sign(json, half, algorithm, bag));
  }

  return { Key, KeySet, Verifier, decodeUnverified, sign, call, encode, argumentError, text, keyHalf, keyOptionPem };
}
