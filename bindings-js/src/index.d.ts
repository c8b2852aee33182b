/**
 * @module onejwt — the public types of `onejwt` (Node, napi-rs) and `onejwt-wasm` (browsers, edge):
 * the two packages export exactly this surface, so code switches between them by changing the import.
 *
 * Conversions at the boundary, in both packages (one encoder, bindings-js/src/encode.mjs):
 * - JS → JSON (claims, headers, JWK objects, options): strings, finite numbers, booleans, `null`, arrays
 *   and objects (own enumerable string keys), as `JSON.stringify` writes them: a member whose value is
 *   `undefined` is left out, `toJSON` is honoured, `new String('x')` is `'x'`. A `Date` anywhere (a claim,
 *   an option, `now`) becomes a NumericDate: its Unix seconds, floored (RFC 7519 §2); an invalid `Date`,
 *   or one beyond a `Date`'s range, is refused. `NaN`, `Infinity`, `BigInt`, functions, symbols, binary
 *   data (`ArrayBuffer` and its views), Promises and `undefined` inside an array are refused with a
 *   `TypeError` that names the argument (or the option) and the path, e.g. "invalid argument `claims`:
 *   a.b[2]: NaN and Infinity have no JSON form", as is a value nested deeper than 64 levels (or one that
 *   contains itself). An exception thrown by the caller's own getter, `toJSON` or Proxy trap propagates
 *   unchanged.
 * - JSON → JS (claims, headers, exported JWKs and JWKS): plain objects, as `JSON.parse` builds them.
 *   Integers beyond 2^53 (`Number.MAX_SAFE_INTEGER`) become the nearest JS number: the conversion is lossy
 *   for them.
 * - Ecosystem keys: a Node `KeyObject` (`node:crypto`) is accepted wherever a `Key` is, read as
 *   `Key.fromKeyObject` reads it (a secret's bytes, else its JWK), and as a `TokenService`'s `privateKey` /
 *   `publicKey` it becomes that key's PEM; a WebCrypto `CryptoKey` is read by `await Key.fromCryptoKey(key)`.
 */

/** The stable codes, identical in every runtime (Rust, Python, Node, WASM). */
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
  | 'revoked'
  | 'store_unavailable';

/**
 * A token or key was refused. The message comes from the Rust core and never contains the token or
 * key material, so it is safe to log. `store_unavailable` is no verdict on the token: a
 * `TokenService`'s session store failed (its `cause` is what the store threw, when it threw) and the
 * call failed closed, which a server answers with 503, not 401. Caller mistakes (bad options, wrong argument types) are
 * `TypeError`s, not `JwtError`s: their `option` property names the option at fault, or their `argument`
 * property the positional argument (`token`, `claims`, `userId`, …).
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
export type KeyFamily = 'hmac' | 'rsa' | 'ec-p256' | 'ec-p384' | 'ec-p521' | 'ed25519';

/**
 * A JSON Web Key (RFC 7517) as onejwt exports it: the members that define the key (RFC 7518 §6), then
 * the `kid`, `use`, `key_ops` and `alg` the key carries. A public JWK never has a private member (`d`,
 * `p`, `q`, `dp`, `dq`, `qi`, `k`). `Key.fromJwk` reads it back.
 */
export interface Jwk {
  /** `RSA`, `EC`, `OKP` (Ed25519) or `oct` (an HMAC secret, private exports only). */
  kty: 'RSA' | 'EC' | 'OKP' | 'oct';
  /** The key id a token's `kid` header selects the key by. */
  kid?: string;
  /** The one algorithm the key serves. */
  alg?: string;
  /** `sig` for a signing key. */
  use?: string;
  /** The operations the key allows (`sign`, `verify`). */
  key_ops?: string[];
  /** EC and OKP: the curve (`P-256`, `P-384`, `P-521`, `Ed25519`). */
  crv?: string;
  /** EC and OKP: the public point's x coordinate (OKP: the public key). */
  x?: string;
  /** EC: the public point's y coordinate. */
  y?: string;
  /** RSA: the modulus. */
  n?: string;
  /** RSA: the public exponent. */
  e?: string;
  /** Private: RSA's private exponent, EC's scalar, Ed25519's seed. */
  d?: string;
  /** Private, RSA: the first prime factor. */
  p?: string;
  /** Private, RSA: the second prime factor. */
  q?: string;
  /** Private, RSA: the first factor's CRT exponent. */
  dp?: string;
  /** Private, RSA: the second factor's CRT exponent. */
  dq?: string;
  /** Private, RSA: the first CRT coefficient. */
  qi?: string;
  /** Private, oct: the secret. */
  k?: string;
}

/** A JWK Set (RFC 7517 §5), what `KeySet.toJwks` and `TokenService.jwks` return. */
export interface Jwks {
  keys: Jwk[];
}

/**
 * A Node `KeyObject` (`node:crypto`), described by the members onejwt reads so that these types need no
 * `@types/node`: a secret's bytes (`export()`), or a public or private key's JWK (`export({ format:
 * 'jwk' })`). Accepted wherever a `Key` is (`Verifier`'s `key`, `sign`, `TokenService.rotateKey`, and
 * `TokenService`'s `privateKey` / `publicKey`), and by `Key.fromKeyObject`.
 */
export interface KeyObjectLike {
  readonly type: 'secret' | 'public' | 'private';
  export(options: { format: 'jwk' }): object;
}

/** A WebCrypto `CryptoKey` (browsers, Deno, workers, `crypto.webcrypto` in Node), as `Key.fromCryptoKey` reads it. */
export interface CryptoKeyLike {
  readonly type: string;
  /** Only an extractable key can be read (`crypto.subtle.exportKey`). */
  readonly extractable: boolean;
  readonly algorithm: object;
  readonly usages: readonly string[];
}

/** The options of `Key.generate`. */
export interface GenerateOptions {
  /** The key's `kid` (default: its RFC 7638 thumbprint); tokens signed with the key carry it. */
  kid?: string;
  /** The RSA modulus size: 2048 (the default), 3072 or 4096 bits. Only for RS* and PS*. */
  bits?: number;
}

/** The options of `key.toJwk`, `key.toPem` and `keySet.toJwks`. */
export interface ExportOptions {
  /**
   * Export the whole key (JWK private members, PKCS#8 PEM) instead of its public half (default `false`).
   * Keep the result as secret as the key. An HMAC secret has no public half: without `private` it is
   * `invalid_key`, and it has no PEM form at all.
   */
  private?: boolean;
}

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
  /**
   * A new random key for `algorithm`: an HMAC secret of the hash's length (HS256: 32 bytes, HS384: 48,
   * HS512: 64), a P-256, P-384 or P-521 key pair (ES256, ES384, ES512), an Ed25519 key pair (EdDSA,
   * Ed25519) or an RSA key pair of `bits` bits (RS*, PS*; 2048 by default; 4096 bits take seconds). The
   * key is bound to `algorithm` (its JWK `alg`) and named `kid`, by default its RFC 7638 thumbprint;
   * tokens signed with it carry that `kid`.
   *
   * @throws {JwtError} `unsupported_algorithm` @throws {TypeError} for a bad option (its `option`
   *   property names it: `bits` with another family, or a size other than 2048, 3072 or 4096)
   * @example
   * const key = Key.generate('EdDSA');
   * const token = sign({ sub: '42' }, key, 'EdDSA'); // its header carries key.kid
   * const published = { keys: [key.toJwk()] };
   */
  static generate(algorithm: string, options?: GenerateOptions): Key;
  /**
   * A key from a Node `KeyObject` (`node:crypto`): a secret as `Key.hmac` of its bytes, a public or
   * private key through its JWK as `Key.fromJwk`. A `KeyObject` is also accepted as it is wherever a
   * `Key` is.
   *
   * @throws {JwtError} `invalid_key` @throws {TypeError} when `keyObject` is not a `KeyObject`, or one
   *   without a JWK form (DSA, DH)
   * @example
   * const key = Key.fromKeyObject(crypto.createPrivateKey(fs.readFileSync('private.pem')));
   */
  static fromKeyObject(keyObject: KeyObjectLike): Key;
  /**
   * A key from a WebCrypto `CryptoKey`, read through its JWK (`crypto.subtle.exportKey('jwk', key)`), so
   * the key must be extractable. The JWK's `alg` and `key_ops` (from the key's algorithm and usages)
   * restrict what the key may do.
   *
   * @throws {TypeError} (a rejection) for a non-extractable key or a value that is no `CryptoKey`
   * @throws {JwtError} `invalid_key` (a rejection)
   * @example
   * const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
   * const key = await Key.fromCryptoKey(pair.privateKey);
   */
  static fromCryptoKey(cryptoKey: CryptoKeyLike): Promise<Key>;
  /**
   * The key as a JWK: its public half (to publish), or with `{ private: true }` the whole key. Not in
   * `onejwt-wasm/verify`.
   *
   * @throws {JwtError} `invalid_key` for the public half of an HMAC secret, or the private half of a public key
   * @throws {TypeError} for a bad option
   * @example
   * const jwks = { keys: [key.toJwk()] }; // serve at /.well-known/jwks.json
   */
  toJwk(options?: ExportOptions): Jwk;
  /**
   * The key as PEM text: its public half (`PUBLIC KEY`, SPKI), or with `{ private: true }` the whole key
   * (`PRIVATE KEY`, unencrypted PKCS#8), as `openssl` and `node:crypto` read them. Not in `onejwt-wasm/verify`.
   *
   * @throws {JwtError} `invalid_key` for an HMAC secret (PEM has no form for one), or the private half of a public key
   * @throws {TypeError} for a bad option
   * @example
   * fs.writeFileSync('private.pem', key.toPem({ private: true }), { mode: 0o600 });
   */
  toPem(options?: ExportOptions): string;
  /**
   * The key's RFC 7638 JWK thumbprint (base64url SHA-256 of its defining members): the same for both
   * halves of a key pair, whatever `kid` it carries; a generated key's default `kid`. Not in `onejwt-wasm/verify`.
   *
   * @example
   * Key.fromJwk(rfc7638Example).thumbprint(); // 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
   */
  thumbprint(): string;
  /**
   * The same key under another `kid` (this one is unchanged): what tokens signed with it carry and what a
   * key set selects it by. Not in `onejwt-wasm/verify`.
   *
   * @throws {TypeError} when `kid` is not a string
   * @example
   * const named = Key.fromPem(pem).withKid('2026-12');
   */
  withKid(kid: string): Key;
  /** The family the key serves. */
  readonly family: KeyFamily;
  /** The JWK `kid`, or `null` (PEM keys, secrets, JWKs without one). */
  readonly kid: string | null;
  /** Whether the key can sign (a secret or a private key). */
  readonly canSign: boolean;
}

/**
 * A JWKS: each token selects exactly one key by its `kid` and `alg`, otherwise `key_not_found`.
 * A key that could never be selected (a type, curve or `alg` onejwt does not implement, an `oct`
 * secret unless `allowOct`, a key not for verification, a malformed or weak key) is left out and
 * listed in `skipped`; a set with no usable key throws `invalid_key`.
 *
 * @example
 * const keys = KeySet.fromJwks(await (await fetch(jwksUrl)).json());
 * for (const { kid, reason, message } of keys.skipped) console.warn(`JWKS key ${kid} skipped (${reason}): ${message}`);
 * const verifier = new Verifier({ keys, algorithms: ['RS256'], issuer: 'https://issuer.example' });
 */
export class KeySet {
  private constructor();
  /**
   * Builds a key set from a JWKS object (`{ keys: [...] }`) or its JSON text.
   *
   * @throws {JwtError} `invalid_key` @throws {TypeError} when `jwks` is neither an object nor a
   * string, or for a wrong option
   */
  static fromJwks(jwks: object | string, options?: KeySetOptions): KeySet;
  /**
   * The set as a JWKS: each key's public JWK (to publish; a set holding a secret is `invalid_key`), or
   * with `{ private: true }` each whole key (every key must be private). Not in `onejwt-wasm/verify`.
   *
   * @throws {JwtError} `invalid_key` @throws {TypeError} for a bad option
   * @example
   * const published = KeySet.fromJwks(privateJwks).toJwks();
   */
  toJwks(options?: ExportOptions): Jwks;
  /** How many usable keys the set holds. */
  readonly size: number;
  /** The JWKS keys the set left out, in JWKS order (frozen). */
  readonly skipped: readonly SkippedKey[];
}

/** The options of `KeySet.fromJwks`. */
export interface KeySetOptions {
  /**
   * Use the JWKS's `oct` keys (shared secrets, for HS256/384/512); default `false`, which skips them:
   * a published JWKS that holds a secret lets anyone who reads it sign tokens.
   */
  allowOct?: boolean;
}

/** Why a JWKS key was left out of a `KeySet`. */
export type SkipReason = 'unsupported' | 'oct_not_allowed' | 'not_for_verification' | 'invalid';

/** A JWKS key that a `KeySet` left out, and why (the message never holds key material). */
export interface SkippedKey {
  /** Its position in the JWKS `keys` array. */
  readonly index: number;
  /** Its `kid`, or `null`. */
  readonly kid: string | null;
  /** Why it was left out. */
  readonly reason: SkipReason;
  /** What is wrong with it, for a log line. */
  readonly message: string;
}

/**
 * What a `Verifier` accepts. Give exactly one of `key` and `keys`. The core validates every option:
 * an unknown name, a wrong type or a refused value throws a `TypeError` whose message names the
 * option (and whose `option` property holds its name).
 */
export interface VerifierOptions {
  /** The one key every token is verified with (a Node `KeyObject` is read as `Key.fromKeyObject` reads it). */
  key?: Key | KeyObjectLike;
  /** A key set; each token selects its key by `kid` and `alg`. */
  keys?: KeySet;
  /** The allow-list of `alg` values (required; `"none"` is never allowed). */
  algorithms: string[];
  /** Accepted `iss` value(s), compared exactly. */
  issuer?: string | string[];
  /** Accepted `aud` value(s); a token with `aud` needs one configured. */
  audience?: string | string[];
  /** The `sub` every token must carry, compared exactly. */
  subject?: string;
  /** Seconds of clock skew tolerated on `exp`, `nbf`, `iat` and `maxAge` (default 0, at most 3600). */
  leeway?: number;
  /** Claims that must be present with a value other than `null`. */
  required?: string[];
  /** The expected `typ` header, e.g. `"at+jwt"` (case-insensitive, `application/` optional). */
  typ?: string;
  /** The largest token accepted, in bytes (default 16384, at most 16 MiB). */
  maxTokenBytes?: number;
  /** The oldest token accepted, in seconds since its `iat` (which becomes required); at most ten years. */
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
  /**
   * @throws {TypeError} for a bad option (its `option` property names it), including a `key` that can
   * verify none of the allowed algorithms (`keys`: a set none of whose keys can)
   */
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

/** Header and time choices for `sign`. */
export interface SignOptions {
  /** The `kid` header. */
  kid?: string;
  /** Extra header parameters; `typ` defaults to `"JWT"`. `alg`, `kid`, `crit`, `b64`, `zip` and `enc` are refused. */
  headers?: Record<string, unknown>;
  /** Sets `exp` to `now` plus this many seconds, 1 to ten years (the claims must not carry `exp`). */
  expiresIn?: number;
  /** Sets `iat` to `now` (the claims must not carry `iat`; default `false`). */
  setIssuedAt?: boolean;
  /** The time `expiresIn` and `setIssuedAt` stamp: Unix seconds (floored) or a `Date`. Default: now. */
  now?: number | Date;
}

/**
 * Signs `claims` with `key` (a `Key`, or a Node `KeyObject`) using `algorithm` and returns the compact
 * JWS. Registered claims must have their RFC 7519 types; the key must be able to sign and fit the
 * algorithm. A key with a `kid` puts it in the header (the `kid` option replaces it).
 *
 * @throws {JwtError} `invalid_key`, `invalid_claim`, `unsupported_algorithm`
 * @throws {TypeError} for arguments of the wrong type or refused `headers`
 * @example
 * const token = sign({ sub: '42' }, key, 'EdDSA', { kid: '2026-01', expiresIn: 900, setIssuedAt: true });
 */
export function sign(
  claims: Record<string, unknown>,
  key: Key | KeyObjectLike,
  algorithm: string,
  options?: SignOptions,
): string;

/**
 * One atomic operation a `TokenService` asks of its session store, discriminated by `op`. Times are
 * Unix milliseconds of the service's clock (`at`) and durations in milliseconds from it (`ttl`,
 * `grace`), never absolute expiry times, so a store with a clock of its own (Redis) keeps entries as
 * long under a test clock as under the real one.
 * - `check`: is this token revoked? Revoked when its `jti` was revoked, when its session was (or was
 *   ended by reuse), and for a refresh token (`generation` given) when the session is unknown or has
 *   moved past this generation (except the previous one inside the grace window). Answers `valid` or
 *   `revoked`.
 * - `start`: a new session at generation 0, keeping `record` (opaque text) for its refreshes. Answers
 *   `started`, or `full` when the store refuses new sessions.
 * - `advance`: redeem generation `generation`, compare-and-set: the current one moves the session on
 *   (`advanced`, with the new generation and the record); the previous one before its grace window
 *   closes changes nothing (`grace`); any other is reuse and revokes the session (`reused`); a revoked
 *   session answers `revoked`, an unknown one `unknown`.
 * - `revoke_token`: revoke one `jti` for `ttl` ms (`done`).
 * - `revoke_session`: revoke a session and every token of it, kept at least `ttl` ms (`done`).
 *
 * Each request must be performed atomically with respect to every other request on the same session
 * (one lock, one Lua script, one transaction): that is what lets exactly one of two concurrent
 * redemptions of a refresh token win.
 */
export type StoreRequest =
  | { readonly op: 'check'; readonly session: string | null; readonly jti: string; readonly generation: number | null; readonly at: number }
  | { readonly op: 'start'; readonly session: string; readonly record: string; readonly ttl: number; readonly at: number }
  | {
      readonly op: 'advance';
      readonly session: string;
      readonly generation: number;
      readonly grace: number;
      readonly ttl: number;
      readonly at: number;
    }
  | { readonly op: 'revoke_token'; readonly session: string | null; readonly jti: string; readonly ttl: number; readonly at: number }
  | { readonly op: 'revoke_session'; readonly session: string; readonly ttl: number; readonly at: number };

/**
 * A session store's answer to a `StoreRequest` (see there which request allows which status). A
 * status the request cannot have, or a missing member, is the store's fault: the call fails closed
 * with `store_unavailable`.
 */
export type StoreReply =
  | { status: 'valid' | 'revoked' | 'started' | 'full' | 'reused' | 'unknown' | 'done' }
  | {
      status: 'advanced' | 'grace';
      /** The session's generation after the request. */
      generation: number;
      /** The record the session kept at `start`. */
      record: string;
    };

/**
 * Where a `TokenService` keeps its sessions and revocations when they must be shared by several
 * instances: a `RedisStore`, or any object that performs the five atomic `StoreRequest`s. The core
 * decides everything; the store only keeps state. A service with a `store` returns Promises from its
 * store-touching methods. If `execute` throws, rejects, or answers something that is no reply (or
 * that the request cannot have), the call fails closed with `store_unavailable`, counted in the
 * metrics (`store_errors`); the thrown value is that error's `cause`.
 *
 * @example
 * const service = new TokenService({ secretKey, store: new RedisStore(process.env.REDIS_URL) });
 * const { accessToken, refreshToken } = await service.login('42', { permissions: ['read'] });
 */
export interface SessionStore {
  /** Performs one request atomically; `this` is the store. */
  execute(request: StoreRequest): StoreReply | PromiseLike<StoreReply>;
}

/**
 * The settings of a `TokenService`. There is never a default secret: HMAC algorithms need
 * `secretKey`, asymmetric ones `privateKey` (to issue) and/or `publicKey` or `jwks` (to verify). The
 * core validates every option: an unknown name, a wrong type, a weak secret, a key or JWKS that
 * cannot verify the algorithm, or a number outside its range (a zero lifetime, a leeway over an
 * hour) throws a `TypeError` whose `option` property names the option.
 */
export interface TokenServiceConfig {
  /** The HMAC secret (HS256/384/512), at least 32/48/64 bytes. */
  secretKey?: string;
  /**
   * The PEM private key that signs (asymmetric algorithms); a `Key` or Node `KeyObject` is taken as its
   * private PEM (`toPem({ private: true })`: its `kid` is not carried over, give `kid`).
   */
  privateKey?: string | Key | KeyObjectLike;
  /**
   * The PEM public key that verifies (defaults to the private key's public half); a `Key` or Node
   * `KeyObject` is taken as its public PEM.
   */
  publicKey?: string | Key | KeyObjectLike;
  /** A JWKS (object or JSON text) that verifies, instead of `publicKey`. */
  jwks?: object | string;
  /**
   * A key ring as a private JWKS (object or JSON text), what `service.jwks({ private: true })` returns:
   * `kid` names the current signing key (required when there are several), the other keys verify the
   * tokens they signed. Instead of `secretKey`, `privateKey`, `publicKey` and `jwks`.
   */
  privateJwks?: object | string;
  /** The one algorithm issued and accepted (default `"HS256"`). */
  algorithm?: string;
  /** The `iss` of issued tokens, required on verified ones. */
  issuer?: string;
  /** The `aud` of issued tokens, required on verified ones. */
  audience?: string;
  /**
   * The `kid` of the signing key, carried by issued tokens so verifiers holding the JWKS pick the key
   * (default: the key's own `kid`, else its RFC 7638 thumbprint); with `privateJwks`, the current key.
   */
  kid?: string;
  /** Access-token lifetime in seconds (default 900, at most a day). */
  accessTtl?: number;
  /** Refresh-token lifetime in seconds (default 7 days, at most 400 days); each refresh issues a new one. */
  refreshTtl?: number;
  /**
   * Absolute lifetime of a session in seconds (default 30 days, at most 400 days): no refresh after it,
   * however often the session was refreshed, and no token of it lives past it.
   */
  sessionTtl?: number;
  /**
   * Seconds the previous refresh token may be presented again without revoking the session (default 0:
   * off, at most 60): for two browser tabs, or a retried request that lost its response, racing one
   * refresh. Every second of it is a second in which a stolen refresh token is redeemed unnoticed.
   */
  reuseGrace?: number;
  /** Seconds of clock skew tolerated when verifying (default 0, at most 3600). */
  leeway?: number;
  /** Entries of the validation cache (default 0: off, at most 1,000,000); keyed by a SHA-256 of the whole token. */
  cacheSize?: number;
  /** Seconds a cache entry lives at most (default 60, 1 to 86400; never past the token's `exp`). */
  cacheTtl?: number;
  /**
   * Bound on live sessions held by the default in-memory store (default 100 000, 1 to 10 000 000): when
   * it is full, new logins fail with `store_unavailable` (never a refresh of a live session).
   */
  maxSessions?: number;
  /** Bound on revoked tokens held by the default in-memory store (default 100 000, 1 to 10 000 000). */
  maxRevocations?: number;
  /**
   * A session store shared by several instances (a `RedisStore`) instead of the in-memory one; the
   * store-touching methods then return Promises.
   */
  store?: SessionStore;
}

/** `access` or `refresh`: the `type` claim; a token of one type is never accepted as the other. */
export type TokenType = 'access' | 'refresh';

/** Options of `TokenService.login` and `TokenService.createAccessToken`: what the access tokens carry. */
export interface AccessTokenOptions {
  /** The `email` claim. */
  email?: string;
  /** The `permissions` claim (default `[]`). */
  permissions?: string[];
  /** More claims; they may not replace the service's own (`sub`, `exp`, `type`, `sid`, …: `TypeError`). */
  extra?: Record<string, unknown>;
  /** The issue time: Unix seconds (floored) or a `Date`. Default: now. */
  now?: number | Date;
}

/** Options of `TokenService.login`: what the session records and each of its access tokens carries. */
export type LoginOptions = AccessTokenOptions;

/**
 * Options of `TokenService.refresh`. The new access token carries what the session recorded at login;
 * each of `email`, `permissions` and `extra` given replaces the recorded one (for this token: the
 * record stays as it was), so a refresh can carry the user's current authorization.
 */
export interface RefreshOptions {
  /** The user's current email (default: the one recorded at login). */
  email?: string;
  /** The user's current permissions (default: those recorded at login). */
  permissions?: string[];
  /** The current extra claims, replacing all recorded ones (default: those recorded at login). */
  extra?: Record<string, unknown>;
  /** The time of the refresh: Unix seconds (floored) or a `Date`. Default: now. */
  now?: number | Date;
}

/** What `TokenService.login` and `TokenService.refresh` return. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * Every counter of a `TokenService`. The keys are the core's, identical in every runtime (Rust,
 * Python, Node, WASM), so dashboards and log queries work whatever language a service is written in.
 */
export interface TokenServiceMetrics {
  verifications: number;
  successes: number;
  /** Failed verifications by error code (every code present, 0 when none). */
  failures: Record<ErrorCode, number>;
  cache_hits: number;
  cache_misses: number;
  issued_access: number;
  issued_refresh: number;
  revoked: number;
  /** Logins that started a session. */
  sessions_started: number;
  /** Logins refused because the store is full of live sessions. */
  sessions_refused: number;
  /** Refresh tokens presented again: each revoked its session. */
  sessions_reused: number;
  /** Calls that failed closed because the session store failed, timed out or answered nonsense. */
  store_errors: number;
  /** Signing keys rotated in (`rotateKey` calls that changed the key). */
  keys_rotated: number;
  /** Verification latency in microseconds. */
  latency_us: { count: number; sum: number; mean: number; max: number };
}

/** What `TokenService.health` returns (keys as in `TokenServiceMetrics`). */
export interface TokenServiceHealth {
  status: 'ok';
  algorithm: string;
  /** Whether the service holds a signing key (a verify-only service cannot issue). */
  can_issue: boolean;
  cache_entries: number;
  metrics: TokenServiceMetrics;
}

/**
 * How a `TokenService` answers the methods that touch its session store: `'sync'` with the in-memory
 * store (no `store` option), `'async'` (Promises) with a `store`.
 */
export type ServiceMode = 'sync' | 'async';

/** `T` for a `'sync'` service, `Promise<T>` for an `'async'` one (and either for a service of unknown mode). */
export type StoreResult<Mode extends ServiceMode, T> = Mode extends 'async' ? Promise<T> : T;

/**
 * The `TokenService` class: `new TokenService(config)` gives a `TokenService<'sync'>` without a
 * `store` and a `TokenService<'async'>` with one.
 */
export interface TokenServiceConstructor {
  /**
   * A service whose sessions live in `config.store`, shared by every instance that uses the same store:
   * its store-touching methods return Promises.
   *
   * @throws {TypeError} for a missing, weak or unknown option (its `option` property names it), or a
   *   `store` without an `execute` method
   */
  new (config: TokenServiceConfig & { store: SessionStore }): TokenService<'async'>;
  /**
   * A service whose sessions live in memory, in this process: every method is synchronous.
   *
   * @throws {TypeError} for a missing, weak or unknown option (its `option` property names it)
   */
  new (config: TokenServiceConfig & { store?: undefined }): TokenService<'sync'>;
  /** A service whose mode is known only at run time: await its store-touching methods' results. */
  new (config: TokenServiceConfig): TokenService<ServiceMode>;
  readonly prototype: TokenService<ServiceMode>;
  /** As `fromEnv()` below, over a session `store`: the store-touching methods return Promises. */
  fromEnv(options: { store: SessionStore }): TokenService<'async'>;
  /**
   * **Node only** (`onejwt`): a service configured from the process environment — `JWT_SECRET_KEY`
   * (HMAC) or `JWT_PRIVATE_KEY` / `JWT_PUBLIC_KEY` / `JWT_JWKS`, or `JWT_PRIVATE_JWKS` (a key ring), `JWT_ALGORITHM` (default HS256),
   * `JWT_ISSUER`, `JWT_AUDIENCE`, `JWT_KID`, `JWT_ACCESS_TTL`, `JWT_REFRESH_TTL`, `JWT_SESSION_TTL`,
   * `JWT_REUSE_GRACE`, `JWT_LEEWAY`, `JWT_CACHE_SIZE`, `JWT_CACHE_TTL`, `JWT_MAX_SESSIONS`,
   * `JWT_MAX_REVOCATIONS`. The Rust core reads the environment of the process (what `process.env` of
   * the main thread sets). In `onejwt-wasm` it always throws a `TypeError`: browsers and edge runtimes
   * have no environment, so pass a config object to the constructor.
   *
   * @throws {TypeError} for a missing or refused variable (its `option` property names the variable)
   */
  fromEnv(options?: { store?: undefined }): TokenService<'sync'>;
}

/**
 * Issues and validates access and refresh tokens for one service, and keeps its sessions (refresh-token
 * families, RFC 9700 §4.14.2): the API an auth client gives a backend, implemented once in the Rust core.
 *
 * `login` starts a session and returns its first pair; every token of it carries the session id
 * (`sid`). Each refresh token works once: `refresh` advances the session to the next pair, and
 * presenting a used refresh token again revokes the whole session, every access and refresh token of
 * it (unless it is the previous one inside `reuseGrace`). A session ends for good after `sessionTtl`,
 * at `logout`, or when its refresh token is revoked. Access tokens carry `sub`, `email`,
 * `permissions`, `sid`, `iat`, `exp`, a random `jti`, `iss`, `aud` and `type: "access"`; refresh
 * tokens `sub`, `sid`, `gen`, `session_exp`, `iat`, `exp`, `jti`, `iss`, `aud` and `type: "refresh"`.
 *
 * One instance: sessions live in memory and every method is synchronous. Several instances share a
 * `store` (a `RedisStore`); the store-touching methods (`login`, `verify`, `validateToken`,
 * `extractUserId`, `refresh`, `revoke`, `logout`, `isRevoked`) then return Promises, and a failing
 * store fails them closed with `store_unavailable` (answer 503, not 401). Build one per process and
 * reuse it.
 *
 * @example
 * const service = new TokenService({ secretKey: process.env.JWT_SECRET_KEY, issuer: 'https://auth.example', audience: 'api' });
 * const { accessToken, refreshToken } = service.login('42', { email: 'ada@example.com', permissions: ['read'] });
 * service.validateToken(accessToken)?.sub; // '42'
 * const next = service.refresh(refreshToken); // the next pair; refreshToken is used up
 * service.logout(next.accessToken);
 * service.validateToken(next.accessToken); // null
 */
export interface TokenService<Mode extends ServiceMode = 'sync'> {
  /**
   * Issues an access token for `userId` (the `sub`, not empty) outside any session: it can be revoked
   * alone, and lives until it expires.
   *
   * @throws {TypeError} for an empty `userId`, a bad option or an `extra` claim that replaces the service's own
   * @throws {JwtError} `invalid_key` for a verify-only service
   */
  createAccessToken(userId: string, options?: AccessTokenOptions): string;
  /**
   * Logs `userId` in: starts a session recording `email`, `permissions` and `extra` (what its access
   * tokens carry) and returns its first pair.
   *
   * @throws {TypeError} as `createAccessToken` does
   * @throws {JwtError} `store_unavailable` when the store fails, or is full of live sessions
   */
  login(userId: string, options?: LoginOptions): StoreResult<Mode, TokenPair>;
  /**
   * Verifies a token of the expected type (default `'access'`) and returns its claims; checks the store
   * on every call (cache hit or miss).
   *
   * @throws {JwtError} `wrong_token_type` for the other type, `revoked` for a revoked token or session
   *   (and a refresh token its session has moved past), `store_unavailable`, or any verification code
   * @throws {TypeError} when `token` is not a string or `tokenType` is neither type
   */
  verify(token: string, tokenType?: TokenType, options?: VerifyCallOptions): StoreResult<Mode, Record<string, unknown>>;
  /**
   * The claims of a valid token of the expected type (default `'access'`), or `null` for any bad
   * token: empty, malformed, expired, wrong type, revoked, or not a string at all (any JS value is
   * accepted). A failing store is no verdict on the token: it throws `store_unavailable`.
   */
  validateToken(
    token: unknown,
    tokenType?: TokenType,
    options?: VerifyCallOptions,
  ): StoreResult<Mode, Record<string, unknown> | null>;
  /** The `sub` of a verified access token, else `null` (any JS value is accepted, as in `validateToken`). */
  extractUserId(token: unknown, options?: VerifyCallOptions): StoreResult<Mode, string | null>;
  /**
   * Exchanges a refresh token for the session's next pair. A refresh token works once: presenting it
   * again revokes the whole session (`revoked`), unless it is the previous one inside `reuseGrace`;
   * after `sessionTtl` the session cannot be refreshed (`expired`). The new access token carries what
   * the session recorded at login, each option given replacing the recorded one.
   *
   * @throws {JwtError} as `verify(refreshToken, 'refresh')` does, `revoked`, or `store_unavailable`
   */
  refresh(refreshToken: string, options?: RefreshOptions): StoreResult<Mode, TokenPair>;
  /**
   * Revokes a token until it would have expired anyway: an access token alone, a refresh token with its
   * whole session. The token must verify, so nobody revokes other people's tokens with forged ids;
   * revoking twice succeeds.
   *
   * @throws {JwtError} when the token does not verify, or `store_unavailable`
   */
  revoke(token: string, options?: VerifyCallOptions): StoreResult<Mode, void>;
  /**
   * Ends the session of a (verifying) token of either type, revoking every token of it; a token outside
   * any session is revoked alone.
   *
   * @throws {JwtError} when the token does not verify, or `store_unavailable`
   */
  logout(token: string, options?: VerifyCallOptions): StoreResult<Mode, void>;
  /**
   * Whether a (verifying) token has been revoked, alone or with its session.
   *
   * @throws {JwtError} when the token does not verify, or `store_unavailable`
   */
  isRevoked(token: string, options?: VerifyCallOptions): StoreResult<Mode, boolean>;
  /**
   * Makes `key` (a `Key` or a Node `KeyObject`) the signing key from `now` on; synchronous, with or
   * without a `store`. The key it replaces (and the previous keys of `privateJwks`) keep verifying the
   * tokens they signed for the longest token lifetime (the larger of `accessTtl` and `refreshTtl`, plus
   * `leeway`), then are dropped, and their tokens are `key_not_found`. The key's `kid` is its own, else its
   * RFC 7638 thumbprint; issued tokens carry it. Rotating to the current key changes nothing, so every
   * instance of a service may be told. Each instance keeps its own ring: tell every instance, or configure
   * each from the same `privateJwks`.
   *
   * @throws {TypeError} naming the option `key` for a key that cannot sign for the service's algorithm, a
   *   public key, a key whose `kid` another key of the ring has, or a service that verifies with
   *   `publicKey`/`jwks` or has no signing key; naming the argument `key` for a value that is no key
   * @example
   * service.rotateKey(Key.generate('ES256'));
   * publish(service.jwks()); // the new key first, the old one until its tokens have expired
   */
  rotateKey(key: Key | KeyObjectLike, options?: RotateKeyOptions): void;
  /**
   * The public JWKS to publish (`/.well-known/jwks.json`): every key that verifies at `now`, the signing
   * key first (a verify-only service: its configured keys). With `{ private: true }` the private key ring,
   * what `privateJwks` configures a service with again (with `kid` = `signingKid`): keep it secret.
   *
   * @throws {JwtError} `invalid_key` for the public JWKS of an HMAC service, or the private one of a
   *   verify-only service @throws {TypeError} for a bad option
   * @example
   * app.get('/.well-known/jwks.json', (req, res) => res.json(service.jwks()));
   */
  jwks(options?: JwksOptions): Jwks;
  /** The `kid` of the current signing key (issued tokens carry it), or `null` for a verify-only service. */
  readonly signingKid: string | null;
  /** Every counter, as a plain object. */
  metrics(): TokenServiceMetrics;
  /** The counters in the Prometheus text exposition format (0.0.4), metric names prefixed `onejwt_`. */
  metricsText(): string;
  /** Status, algorithm, issuing ability, cache size and metrics. */
  health(): TokenServiceHealth;
}

/** The options of `TokenService.rotateKey`. */
export interface RotateKeyOptions {
  /** The time of the rotation, from which the replaced keys' retirement counts: Unix seconds or a `Date`. Default: now. */
  now?: number | Date;
}

/** The options of `TokenService.jwks`. */
export interface JwksOptions {
  /** The private key ring (what `privateJwks` reads) instead of the public JWKS to publish (default `false`). */
  private?: boolean;
  /** The time that decides which retired keys still verify: Unix seconds or a `Date`. Default: now. */
  now?: number | Date;
}

/** The `TokenService` class (see `TokenServiceConstructor` and the `TokenService` interface). */
export const TokenService: TokenServiceConstructor;

/** The options of `new RedisStore(client, options)`. */
export interface RedisStoreOptions {
  /**
   * What every key starts with (default `"onejwt:"`), so services (or tenants) can share one Redis
   * without sharing sessions. No `{` or `}`: the session id is the Redis Cluster hash tag.
   */
  prefix?: string;
  /**
   * Milliseconds each store call may take, from 1 to 60000 (default 2000); a call that takes longer
   * fails closed with `store_unavailable`.
   */
  timeout?: number;
}

/**
 * What `RedisStore` needs of a Redis client: node-redis's (5.x, 6.x) `evalSha` and `eval`, as on a
 * client from `createClient` or a cluster from `createCluster`.
 */
export interface RedisScriptClient {
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * **Node only** (`onejwt`, and `onejwt-wasm`'s Node entry): a `SessionStore` in Redis, the way to run
 * more than one instance of a service. The atomic logic is the core's Lua scripts (one per
 * `StoreRequest`, run with `EVALSHA`, falling back to `EVAL`); lifetimes are relative (`PEXPIRE`), and a
 * session's keys share a hash tag, so Redis Cluster works. Give a `redis://` / `rediss://` URL (the store
 * imports the npm package `redis`, an optional peer dependency, creates and connects its own client, and
 * `close()` closes it) or a node-redis client you configured (TLS, ACL, cluster) and own. Every call has
 * a `timeout`; any failure rejects, and the service fails closed with `store_unavailable`.
 *
 * @example
 * const store = new RedisStore(process.env.REDIS_URL, { prefix: 'auth:' });
 * const service = new TokenService({ secretKey: process.env.JWT_SECRET_KEY, store });
 * const { accessToken } = await service.login('42');
 * await service.verify(accessToken);
 * await store.close();
 */
export class RedisStore implements SessionStore {
  /**
   * @throws {TypeError} for a `client` that is neither a Redis URL nor a node-redis client (its
   *   `argument` property is `'client'`), or a bad option (its `option` property names it)
   */
  constructor(client: string | RedisScriptClient, options?: RedisStoreOptions);
  /** The key prefix. */
  readonly prefix: string;
  /** Milliseconds each call may take. */
  readonly timeout: number;
  /** Performs one request: rejects when Redis fails, refuses, answers nonsense or exceeds `timeout`. */
  execute(request: StoreRequest): Promise<StoreReply>;
  /** Closes the client the store created from a URL (a client you passed stays yours to close). */
  close(): Promise<void>;
}

/** Request headers: an object of names to values (Node's `req.headers`), `[name, value]` pairs, or a fetch `Headers`. */
export type RequestHeaders =
  | Record<string, string | string[] | undefined>
  | ReadonlyArray<readonly [string, string]>
  | Iterable<readonly [string, string]>;

/**
 * Where `extractToken` looks, in this fixed order: `Authorization: Bearer`, the WebSocket subprotocol,
 * the cookie, the query parameter.
 */
export interface ExtractOptions {
  /** The raw query string of the request (without `?`), searched only when `query` names a parameter. */
  queryString?: string;
  /** Look at `Authorization: Bearer <token>` (scheme case-insensitive; default `true`). */
  bearer?: boolean;
  /**
   * Look at `Sec-WebSocket-Protocol` (default `true`): browsers cannot set headers on a WebSocket, so
   * the client offers `new WebSocket(url, ['onejwt', 'onejwt.' + token])` and the server must echo the
   * returned `echoProtocol` (`'onejwt'`), never the token entry.
   */
  websocketProtocol?: boolean;
  /** The name of a cookie carrying the token (default: none). */
  cookie?: string;
  /**
   * The name of a query parameter carrying the token (default: none). Off by default because URLs
   * end up in access logs, proxies and browser history, so a token there leaks (RFC 6750 §5.3).
   */
  query?: string;
}

/** A token found by `extractToken` (not verified yet). */
export interface ExtractedToken {
  token: string;
  /** Where it was found. */
  source: 'bearer' | 'websocket_protocol' | 'cookie' | 'query';
  /** For WebSocket handshakes: the subprotocol the server must echo (`'onejwt'`); otherwise `null`. */
  echoProtocol: string | null;
}

/**
 * Finds the token of an HTTP request or WebSocket handshake, or returns `null` when no enabled place
 * carries one. Header names are case-insensitive; other `Authorization` schemes (`Basic`) are passed over.
 *
 * @throws {JwtError} `malformed` when a place is present but broken (`Bearer` without a token, two
 *   `Authorization` headers, a token subprotocol without `onejwt` to echo, a percent-encoded query token)
 * @throws {TypeError} when `headers` or an option has the wrong type
 * @example
 * const found = extractToken(req.headers, { cookie: 'session' });
 * const claims = found && service.validateToken(found.token);
 */
export function extractToken(headers: RequestHeaders, options?: ExtractOptions): ExtractedToken | null;
