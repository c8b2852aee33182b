/**
 * @module api — the verify, sign and decode part of the public onejwt-wasm surface (identical to
 * `onejwt`'s: see index.d.ts) over the raw wasm-bindgen classes; service-api.mjs adds TokenService.
 * Like the Node package's js/index.mjs it decides nothing: it rethrows native verdicts as `JwtError`,
 * parses the JSON text the module returns (faster than building objects through wasm-bindgen calls)
 * and hands raw halves to each other. Nothing here calls into the WebAssembly module at import time,
 * so the entry modules can instantiate it first.
 * Runs from the built package: scripts/build-pkg.mjs copies it beside `wasm/` and `errors.mjs` twice,
 * into pkg/ (over the full module) and into pkg/verify/ (over the module built without the service),
 * so it names nothing that only the full module exports.
 */
import { RawKey, RawKeySet, RawVerifier, decodeUnverifiedJson, sign as rawSign, takePanicMessage } from './wasm/onejwt_wasm.js';
import { JwtError, toJwtError } from './errors.mjs';

export { JwtError };

/** Guards the constructors: instances come from the static factories only. */
const INTERNAL = Symbol('onejwt-wasm.internal');

/**
 * What a raw call's failure becomes: a native verdict is a `JwtError` and a caller mistake stays a
 * `TypeError`. A WebAssembly trap means a Rust panic (wasm32 cannot unwind; the binding is written
 * never to panic): it becomes an `Error` named `OnejwtInternalError` carrying the panic's message
 * (src/panic.rs), never an opaque `RuntimeError: unreachable`.
 */
function failure(e) {
  if (e instanceof WebAssembly.RuntimeError) {
    const panic = takePanicMessage();
    const error = new Error(`onejwt-wasm internal error (please report it): ${panic ?? e.message}`, { cause: e });
    error.name = 'OnejwtInternalError';
    return error;
  }
  return toJwtError(e);
}

/**
 * Runs a raw call, rethrowing its failure as `failure` describes. Exported for service-api.mjs
 * only: the entries re-export the public names alone.
 */
export function call(fn) {
  try {
    return fn();
  } catch (e) {
    throw failure(e);
  }
}

/** The `TypeError` of a caller's bad option, naming it in `.option` (exported for service-api.mjs). */
export function optionTypeError(option, message) {
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
export function decodeUnverified(token) {
  return JSON.parse(call(() => decodeUnverifiedJson(token)));
}

/** Signs `claims` with `key` using `algorithm`; returns the compact JWS. */
export function sign(claims, key, algorithm, options) {
  const raw = keyRaw(key);
  if (raw === undefined) throw new TypeError('invalid argument `key`: must be a Key');
  return call(() => rawSign(claims, raw, algorithm, options));
}
