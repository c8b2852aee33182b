/**
 * @module onejwt — the public types of `onejwt` (Node, napi-rs) and `onejwt-wasm` (browsers, edge):
 * the two packages export exactly this surface, so code switches between them by changing the import.
 *
 * Conversions at the boundary, in both packages:
 * - JS → JSON (claims, headers, JWK objects, options): strings, finite numbers, booleans, `null`, arrays
 *   and objects (own enumerable string keys). A member whose value is `undefined` is left out, as
 *   `JSON.stringify` does. `NaN`, `Infinity`, `BigInt`, functions, symbols, `Date`s and binary data are
 *   refused with a `TypeError` (give times as Unix seconds). Whole numbers up to 2^53 are written as JSON
 *   integers.
 * - JSON → JS (claims, headers): plain objects, as `JSON.parse` builds them. Integers beyond 2^53
 *   (`Number.MAX_SAFE_INTEGER`) become the nearest JS number: the conversion is lossy for them.
 */

/** The stable verdict codes, identical in every runtime (Rust, Python, Node, WASM). */
export type ErrorCode =
  | 'malformed'
  | 'token_too_large'
  | 'unsupported_algorithm'
  | 'algorithm_not_allowed'
  | 'key_not_found'
  | 'invalid_key'
  | 'invalid_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'invalid_issuer'
  | 'invalid_audience'
  | 'missing_claim'
  | 'invalid_claim'
  | 'wrong_token_type'
  | 'revoked';

/**
 * A token or key was refused. The message comes from the Rust core and never contains the token or
 * key material, so it is safe to log. Caller mistakes (bad options, wrong argument types) are
 * `TypeError`s, not `JwtError`s.
 *
 * @example
 * try {
 *   verifier.verify(token);
 * } catch (err) {
 *   if (err instanceof JwtError && err.code === 'expired') return reply401('token expired');
 *   throw err;
 * }
 */
export class JwtError extends Error {
  /** @param claim the claim at fault, when there is one */
  constructor(message: string, code: ErrorCode, claim?: string);
  readonly name: 'JwtError';
  /** Which rule refused the token or key. */
  readonly code: ErrorCode;
  /** The claim at fault (`"exp"`, `"aud"`, …), for claim failures. */
  readonly claim?: string;
}

/**
 * Every error code, in the core's order (frozen; read from the native module, never retyped).
 *
 * @example
 * ERROR_CODES.includes('expired'); // true
 */
export const ERROR_CODES: readonly ErrorCode[];

/** The key family a `Key` is bound to when it is built; it never changes and is never guessed from a token. */
export type KeyFamily = 'hmac' | 'rsa' | 'ec-p256' | 'ec-p384' | 'ed25519';

/**
 * A verification (and, with private material, signing) key bound to one algorithm family.
 * Immutable; build it once and reuse it.
 *
 * @example
 * const key = Key.fromPem(fs.readFileSync('public.pem', 'utf8'));
 * key.family; // 'rsa'
 */
export class Key {
  private constructor();
  /**
   * An HMAC secret for HS256/HS384/HS512 (a string is taken as its UTF-8 bytes). At least 32/48/64
   * bytes for HS256/384/512 (checked when used). PEM or JWK text is refused (`invalid_key`).
   *
   * @throws {JwtError} `invalid_key` @throws {TypeError} when `secret` is neither a string nor bytes
   * @example
   * const key = Key.hmac(process.env.JWT_SECRET);
   */
  static hmac(secret: string | Uint8Array): Key;
  /**
   * A key from one PEM block: SPKI public key, PKCS#1 RSA, X.509 certificate, PKCS#8 or SEC1 private key.
   *
   * @throws {JwtError} `invalid_key` @throws {TypeError} when `pem` is neither a string nor bytes
   * @example
   * const key = Key.fromPem('-----BEGIN PUBLIC KEY-----\n...');
   */
  static fromPem(pem: string | Uint8Array): Key;
  /**
   * A key from a JWK (RFC 7517), as an object or as JSON text. With `d` the key can sign. The JWK's
   * `alg`, `use` and `key_ops` restrict what the key may do.
   *
   * @throws {JwtError} `invalid_key` @throws {TypeError} when `jwk` is neither an object nor a string
   * @example
   * const key = Key.fromJwk({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
   */
  static fromJwk(jwk: object | string): Key;
  /** The family the key serves. */
  readonly family: KeyFamily;
  /** The JWK `kid`, or `null` (PEM keys, secrets, JWKs without one). */
  readonly kid: string | null;
  /** Whether the key can sign (a secret or a private key). */
  readonly canSign: boolean;
}

/**
 * A JWKS: each token selects exactly one key by its `kid` and `alg`, otherwise `key_not_found`.
 * Keys of types onejwt does not implement are skipped; a malformed key fails the whole set.
 *
 * @example
 * const keys = KeySet.fromJwks(await (await fetch(jwksUrl)).json());
 * const verifier = new Verifier({ keys, algorithms: ['RS256'], issuer: 'https://issuer.example' });
 */
export class KeySet {
  private constructor();
  /**
   * Builds a key set from a JWKS object (`{ keys: [...] }`) or its JSON text.
   *
   * @throws {JwtError} `invalid_key` @throws {TypeError} when `jwks` is neither an object nor a string
   */
  static fromJwks(jwks: object | string): KeySet;
  /** How many usable keys the set holds. */
  readonly size: number;
}

/**
 * What a `Verifier` accepts. Give exactly one of `key` and `keys`. The core validates every option:
 * an unknown name, a wrong type or a refused value throws a `TypeError` whose message names the
 * option (and whose `option` property holds its name).
 */
export interface VerifierOptions {
  /** The one key every token is verified with. */
  key?: Key;
  /** A key set; each token selects its key by `kid` and `alg`. */
  keys?: KeySet;
  /** The allow-list of `alg` values (required; `"none"` is never allowed). */
  algorithms: string[];
  /** Accepted `iss` value(s), compared exactly. */
  issuer?: string | string[];
  /** Accepted `aud` value(s); a token with `aud` needs one configured. */
  audience?: string | string[];
  /** Seconds of clock skew tolerated on `exp`, `nbf`, `iat` and `maxAge` (default 0). */
  leeway?: number;
  /** Claims that must be present. */
  required?: string[];
  /** The expected `typ` header, e.g. `"at+jwt"` (case-insensitive, `application/` optional). */
  typ?: string;
  /** The largest token accepted, in bytes (default 16384). */
  maxTokenBytes?: number;
  /** The oldest token accepted, in seconds since its `iat` (which becomes required). */
  maxAge?: number;
}

/** Per-call verification options. */
export interface VerifyCallOptions {
  /** The time to judge `exp`/`nbf`/`iat` against: Unix seconds (floored) or a `Date`. Default: now. */
  now?: number | Date;
}

/** A verified (or, from `decodeUnverified`, merely decoded) token's protected header and claims. */
export interface DecodedToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/**
 * Verifies compact JWS JWTs: structure, header, key selection, signature and claims. Build one per
 * configuration and reuse it; verification is synchronous.
 *
 * @example
 * const verifier = new Verifier({ key, algorithms: ['HS256'], issuer: 'https://auth.example', audience: 'api' });
 * const claims = verifier.verify(token); // throws JwtError
 */
export class Verifier {
  /** @throws {TypeError} for a bad option (its `option` property names it) */
  constructor(options: VerifierOptions);
  /**
   * Verifies `token` and returns its claims.
   *
   * @throws {JwtError} with the verdict's code @throws {TypeError} when `token` is not a string
   */
  verify(token: string, options?: VerifyCallOptions): Record<string, unknown>;
  /** Like `verify`, also returning the protected header. */
  verifyComplete(token: string, options?: VerifyCallOptions): DecodedToken;
}

/**
 * Reads a token's header and claims WITHOUT verifying anything but its structure. For display and
 * debugging only: never make an authorization decision on the result.
 *
 * @throws {JwtError} `malformed` or `token_too_large`
 */
export function decodeUnverified(token: string): DecodedToken;

/** Header choices for `sign`. */
export interface SignOptions {
  /** The `kid` header. */
  kid?: string;
  /** Extra header parameters; `typ` defaults to `"JWT"`. `alg`, `kid`, `crit` and `b64` are refused. */
  headers?: Record<string, unknown>;
}

/**
 * Signs `claims` with `key` using `algorithm` and returns the compact JWS. Registered claims must
 * have their RFC 7519 types; the key must be able to sign and fit the algorithm.
 *
 * @throws {JwtError} `invalid_key`, `invalid_claim`, `unsupported_algorithm`
 * @throws {TypeError} for arguments of the wrong type or refused `headers`
 * @example
 * const token = sign({ sub: '42', exp: Math.floor(Date.now() / 1000) + 900 }, key, 'EdDSA', { kid: '2026-01' });
 */
export function sign(
  claims: Record<string, unknown>,
  key: Key,
  algorithm: string,
  options?: SignOptions,
): string;
