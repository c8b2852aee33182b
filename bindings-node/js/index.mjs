/**
 * @module onejwt — the public JS surface of the Node package (types: index.d.ts, shared with onejwt-wasm).
 *
 * Each class wraps its native (napi-rs) half: the wrapper rethrows native verdicts as `JwtError`,
 * parses the claims JSON the addon returns (faster than building the objects through napi), and
 * hands native halves to each other. It decides nothing: every check is the Rust core's.
 */

import { createRequire } from 'node:module';

import { JwtError, toJwtError } from './errors.mjs';
import { serviceSurface } from './service.mjs';

const native = createRequire(import.meta.url)('./native.cjs');

export { JwtError };

/** Every error code, in the core's order; frozen, read from the native module. */
export const ERROR_CODES = Object.freeze(native.errorCodes());

/** Guards the constructors: instances come from the static factories only. */
const INTERNAL = Symbol('onejwt.internal');

/** Runs a native call, rethrowing a native verdict as `JwtError` (anything else unchanged). */
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

/** Reads a private native half, or `undefined` when `value` is not an instance of the class. */
let keyNative;
let keySetNative;

/** A verification (and optionally signing) key bound to one algorithm family. */
export class Key {
  #native;

  /** @private */
  constructor(internal, nativeKey) {
    if (internal !== INTERNAL) throw noConstructor('Key', 'Key.hmac, Key.fromPem or Key.fromJwk');
    this.#native = nativeKey;
  }

  static {
    keyNative = (value) => (value !== null && typeof value === 'object' && #native in value ? value.#native : undefined);
  }

  /** An HMAC secret (a string is taken as its UTF-8 bytes). */
  static hmac(secret) {
    return new Key(INTERNAL, call(() => native.Key.hmac(secret)));
  }

  /** A key from one PEM block. */
  static fromPem(pem) {
    return new Key(INTERNAL, call(() => native.Key.fromPem(pem)));
  }

  /** A key from a JWK object or its JSON text. */
  static fromJwk(jwk) {
    return new Key(INTERNAL, call(() => native.Key.fromJwk(jwk)));
  }

  /** `hmac`, `rsa`, `ec-p256`, `ec-p384` or `ed25519`. */
  get family() {
    return this.#native.family;
  }

  /** The JWK `kid`, or `null`. */
  get kid() {
    return this.#native.kid;
  }

  /** Whether the key can sign. */
  get canSign() {
    return this.#native.canSign;
  }

  get [Symbol.toStringTag]() {
    return 'Key';
  }
}

/** A JWKS; each token selects exactly one key by `kid` and `alg`. */
export class KeySet {
  #native;

  /** @private */
  constructor(internal, nativeSet) {
    if (internal !== INTERNAL) throw noConstructor('KeySet', 'KeySet.fromJwks');
    this.#native = nativeSet;
  }

  static {
    keySetNative = (value) => (value !== null && typeof value === 'object' && #native in value ? value.#native : undefined);
  }

  /** A key set from a JWKS object or its JSON text. */
  static fromJwks(jwks) {
    return new KeySet(INTERNAL, call(() => native.KeySet.fromJwks(jwks)));
  }

  /** How many usable keys the set holds. */
  get size() {
    return this.#native.size;
  }

  get [Symbol.toStringTag]() {
    return 'KeySet';
  }
}

/** Turns the public `key`/`keys` option into its native half (`undefined` when not set). */
function nativeOf(options, name, unwrap, className) {
  const value = options[name];
  if (value === undefined || value === null) return undefined;
  const half = unwrap(value);
  if (half === undefined) throw optionTypeError(name, `must be a ${className}`);
  return half;
}

/**
 * The `now` of the per-call options (`undefined`: the current time). The names are checked here,
 * where it costs nanoseconds instead of a napi round trip per member; the addon converts the value.
 */
function nowOf(options) {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('invalid argument `options`: must be an object');
  }
  for (const name of Object.keys(options)) {
    if (name !== 'now' && options[name] !== undefined) throw optionTypeError(name, 'unknown option');
  }
  return options.now;
}

/** Verifies compact JWS JWTs with one key (or key set) and options; synchronous. */
export class Verifier {
  #native;

  constructor(options) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new TypeError('invalid argument `options`: must be an object');
    }
    const key = nativeOf(options, 'key', keyNative, 'Key');
    const keys = nativeOf(options, 'keys', keySetNative, 'KeySet');
    const { key: _key, keys: _keys, ...rest } = options;
    this.#native = call(() => new native.Verifier(key, keys, rest));
  }

  /** Verifies `token` and returns its claims. */
  verify(token, options) {
    try {
      return JSON.parse(this.#native.verifyJson(token, nowOf(options)));
    } catch (e) {
      throw toJwtError(e);
    }
  }

  /** Verifies `token` and returns its header and claims. */
  verifyComplete(token, options) {
    try {
      return JSON.parse(this.#native.verifyCompleteJson(token, nowOf(options)));
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
  return JSON.parse(call(() => native.decodeUnverifiedJson(token)));
}

/** Signs `claims` with `key` using `algorithm`; returns the compact JWS. */
export function sign(claims, key, algorithm, options) {
  const half = keyNative(key);
  if (half === undefined) throw new TypeError('invalid argument `key`: must be a Key');
  return call(() => native.sign(claims, half, algorithm, options));
}

/** TokenService and extractToken: the service API over the native halves (service.mjs, shared). */
export const { TokenService, extractToken } = serviceSurface({
  RawTokenService: native.TokenService,
  rawExtractToken: native.extractToken,
  call,
  optionTypeError,
  fromEnv: () => call(() => native.TokenService.fromEnv()),
});
