/**
 * @module types.test-d — compile-time checks of the public types (bindings-js/src/index.d.ts): every
 * export used correctly, and each misuse marked `@ts-expect-error` so tsc fails if the types stop refusing it.
 */

import {
  ERROR_CODES,
  JwtError,
  Key,
  KeySet,
  TokenService,
  Verifier,
  decodeUnverified,
  extractToken,
  sign,
  type CryptoKeyLike,
  type ErrorCode,
  type ExportOptions,
  type ExtractedToken,
  type GenerateOptions,
  type Jwk,
  type Jwks,
  type JwksOptions,
  type KeyObjectLike,
  type RotateKeyOptions,
  type KeyFamily,
  type KeySetOptions,
  RedisStore,
  type LoginOptions,
  type RedisScriptClient,
  type RedisStoreOptions,
  type RefreshOptions,
  type ServiceMode,
  type SessionStore,
  type StoreReply,
  type StoreRequest,
  type StoreResult,
  type SkippedKey,
  type SkipReason,
  type TokenPair,
  type TokenServiceConfig,
  type TokenServiceHealth,
  type TokenServiceMetrics,
  type VerifierOptions,
} from 'onejwt';


declare const token: string;

// Keys: three factories, read-only facts.
const hmac: Key = Key.hmac('a-32-byte-secret-for-hs256-use!!');
const fromBytes: Key = Key.hmac(new Uint8Array(32));
const pem: Key = Key.fromPem('-----BEGIN PUBLIC KEY-----');
const jwk: Key = Key.fromJwk({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
const jwkText: Key = Key.fromJwk('{"kty":"oct","k":"..."}');
const family: KeyFamily = hmac.family;
const kid: string | null = jwk.kid;
const canSign: boolean = pem.canSign;
// @ts-expect-error a secret is text or bytes
Key.hmac(42);
// @ts-expect-error keys come from the factories
new Key();
// @ts-expect-error the facts are read-only
hmac.family = 'rsa';
// @ts-expect-error kid may be null
const noNull: string = jwk.kid;
const p521: KeyFamily = 'ec-p521';
// @ts-expect-error not a family
const badFamily: KeyFamily = 'ec-secp256k1';

// Key lifecycle: generation, export, thumbprints, ecosystem keys.
const generated: Key = Key.generate('ES256');
const generatedRsa: Key = Key.generate('PS384', { kid: '2026-12', bits: 3072 });
const generateOptions: GenerateOptions = { bits: 4096 };
const publicJwk: Jwk = generated.toJwk();
const privateJwk: Jwk = generated.toJwk({ private: true });
const jwkKty: 'RSA' | 'EC' | 'OKP' | 'oct' = publicJwk.kty;
const jwkD: string | undefined = privateJwk.d;
const exportOptions: ExportOptions = { private: false };
const publicPem: string = generated.toPem();
const privatePem: string = generatedRsa.toPem(exportOptions);
const thumbprint: string = generated.thumbprint();
const renamed: Key = generated.withKid('k2');
const fromOwnJwk: Key = Key.fromJwk(generated.toJwk());
const setJwks: Jwks = keys0().toJwks({ private: true });
function keys0(): KeySet {
  return KeySet.fromJwks({ keys: [publicJwk] });
}
// A Node KeyObject as @types/node declares it (the members that matter, overloads included).
declare const nodeKeyObject: {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string;
  export(options: { type: 'pkcs1' | 'spki' | 'pkcs8' | 'sec1'; format: 'pem' }): string | Uint8Array;
  export(options?: { type?: 'pkcs1' | 'spki' | 'pkcs8' | 'sec1'; format?: 'der' }): Uint8Array;
  export(options?: { format: 'jwk' }): { kty?: string; [member: string]: unknown };
  equals(other: unknown): boolean;
};
const keyObject: KeyObjectLike = nodeKeyObject;
const fromKeyObject: Key = Key.fromKeyObject(nodeKeyObject);
const signedWithKeyObject: string = sign({ sub: '42' }, nodeKeyObject, 'ES256');
const verifierWithKeyObject = new Verifier({ key: nodeKeyObject, algorithms: ['ES256'] });
// A WebCrypto CryptoKey as lib.dom declares it.
declare const cryptoKey: {
  readonly algorithm: { name: string };
  readonly extractable: boolean;
  readonly type: 'private' | 'public' | 'secret';
  readonly usages: ('sign' | 'verify')[];
};
const cryptoKeyLike: CryptoKeyLike = cryptoKey;
const fromCryptoKey: Promise<Key> = Key.fromCryptoKey(cryptoKey);
// @ts-expect-error fromCryptoKey is asynchronous (WebCrypto's exportKey is)
const notYet: Key = Key.fromCryptoKey(cryptoKey);
// @ts-expect-error bits is a number
Key.generate('RS256', { bits: '2048' });
// @ts-expect-error option names are those of the core (bits, not modulusLength)
Key.generate('RS256', { modulusLength: 2048 });
// @ts-expect-error the algorithm is a string
Key.generate(256);
// @ts-expect-error private is a boolean
generated.toJwk({ private: 'yes' });
// @ts-expect-error a PEM is text
const pemBytes: Uint8Array = generated.toPem();
// @ts-expect-error a thumbprint is computed, not a property
const thumbprintProperty: string = generated.thumbprint;
// @ts-expect-error a kid is a string
generated.withKid(7);
// @ts-expect-error a JWK has a kty
const noKty: Jwk = { kid: 'x' };
// @ts-expect-error a secret string is not a KeyObject
Key.fromKeyObject('secret');
// @ts-expect-error a JWK is no KeyObject
sign({ sub: '42' }, publicJwk, 'ES256');

// Key sets.
const keys: KeySet = KeySet.fromJwks({ keys: [] });
const size: number = KeySet.fromJwks('{"keys":[]}').size;
// @ts-expect-error a JWKS is an object or text
KeySet.fromJwks(7);
const withOct: KeySet = KeySet.fromJwks({ keys: [] }, { allowOct: true });
const setOptions: KeySetOptions = {};
const skipped: readonly SkippedKey[] = keys.skipped;
const reason: SkipReason = skipped[0].reason;
const skippedKid: string | null = skipped[0].kid;
// @ts-expect-error option names are camelCase
KeySet.fromJwks({ keys: [] }, { allow_oct: true });
// @ts-expect-error allowOct is a boolean
KeySet.fromJwks({ keys: [] }, { allowOct: 'yes' });
// @ts-expect-error the list is read-only
keys.skipped.push(skipped[0]);
// @ts-expect-error not a reason
const badReason: SkipReason = 'weak';

// Verifiers: every option, correct types.
const options: VerifierOptions = {
  key: jwk,
  algorithms: ['EdDSA'],
  issuer: ['https://a.example', 'https://b.example'],
  audience: 'api',
  subject: 'user-42',
  leeway: 30,
  required: ['sub'],
  typ: 'at+jwt',
  maxTokenBytes: 8192,
  maxAge: 3600,
};
const verifier = new Verifier(options);
const withKeys = new Verifier({ keys, algorithms: ['RS256'] });
const claims: Record<string, unknown> = verifier.verify(token);
const atSeconds: Record<string, unknown> = verifier.verify(token, { now: 1_767_225_600 });
const atDate: Record<string, unknown> = withKeys.verify(token, { now: new Date() });
const complete: { header: Record<string, unknown>; claims: Record<string, unknown> } = verifier.verifyComplete(token);
// @ts-expect-error algorithms is required
new Verifier({ key: hmac });
// @ts-expect-error option names are camelCase
new Verifier({ key: hmac, algorithms: ['HS256'], max_token_bytes: 10 });
// @ts-expect-error leeway is a number of seconds
new Verifier({ key: hmac, algorithms: ['HS256'], leeway: '30' });
// @ts-expect-error a key is a Key, not a secret
new Verifier({ key: 'secret', algorithms: ['HS256'] });
// @ts-expect-error a token is a string
verifier.verify(new Uint8Array(4));
// @ts-expect-error now is seconds or a Date
verifier.verify(token, { now: '2026-01-01' });

// Decoding and signing.
const decoded: { header: Record<string, unknown>; claims: Record<string, unknown> } = decodeUnverified(token);
const signed: string = sign({ sub: '42' }, hmac, 'HS256');
const signedWithHeaders: string = sign({ sub: '42' }, hmac, 'HS256', { kid: 'k1', headers: { typ: 'at+jwt' } });
// @ts-expect-error the key is a Key
sign({ sub: '42' }, 'secret', 'HS256');
// @ts-expect-error kid is a string
sign({ sub: '42' }, hmac, 'HS256', { kid: 1 });
const stamped: string = sign({ sub: '42' }, hmac, 'HS256', { expiresIn: 900, setIssuedAt: true, now: new Date() });
const stampedAt: string = sign({ sub: '42', iat: new Date() }, hmac, 'HS256', { expiresIn: 60, now: 1_767_225_600 });
// @ts-expect-error expiresIn is seconds, not a duration string
sign({ sub: '42' }, hmac, 'HS256', { expiresIn: '15m' });
// @ts-expect-error a subject is one string
new Verifier({ key: hmac, algorithms: ['HS256'], subject: ['a', 'b'] });

// Errors: one class, one code vocabulary.
try {
  verifier.verify(token);
} catch (err) {
  if (err instanceof JwtError) {
    const code: ErrorCode = err.code;
    const claim: string | undefined = err.claim;
    const name: 'JwtError' = err.name;
    const message: string = err.message;
    // @ts-expect-error the code is read-only
    err.code = 'expired';
    // @ts-expect-error not a code
    const wrong: typeof err.code = 'expired_token';
  }
}
const codes: readonly ErrorCode[] = ERROR_CODES;
// @ts-expect-error ERROR_CODES is read-only
ERROR_CODES.push('revoked');
const made: JwtError = new JwtError('the token has expired', 'expired', 'exp');
// @ts-expect-error codes are the 16 stable strings
new JwtError('x', 'not_a_code');

// TokenService without a store: sessions in memory, every method synchronous.
const serviceConfig = {
  secretKey: 'a-32-byte-secret-for-hs256-use!!',
  algorithm: 'HS256',
  issuer: 'https://auth.example',
  audience: 'api',
  kid: 'svc-2026',
  accessTtl: 900,
  refreshTtl: 604_800,
  sessionTtl: 2_592_000,
  reuseGrace: 5,
  leeway: 5,
  cacheSize: 1024,
  cacheTtl: 60,
  maxSessions: 10_000,
  maxRevocations: 10_000,
} satisfies TokenServiceConfig;
const service = new TokenService(serviceConfig);
const sync: TokenService<'sync'> = service;
const asymmetric: TokenService = new TokenService({ algorithm: 'EdDSA', privateKey: '-----BEGIN PRIVATE KEY-----', jwks: { keys: [] } });
const fromEnv: TokenService<'sync'> = TokenService.fromEnv();
// Key rings: keys as PEM text, a Key or a KeyObject; a private JWKS; rotation and the published JWKS.
const fromKeys: TokenService = new TokenService({ algorithm: 'ES256', privateKey: generated, publicKey: nodeKeyObject });
const fromRing: TokenService = new TokenService({ algorithm: 'ES256', privateJwks: setJwks, kid: 'k2' });
const fromRingText: TokenService = new TokenService({ algorithm: 'ES256', privateJwks: '{"keys":[]}' });
const rotated: void = fromRing.rotateKey(Key.generate('ES256'), { now: new Date() });
const rotatedKeyObject: void = fromRing.rotateKey(nodeKeyObject);
const rotateOptions: RotateKeyOptions = { now: 1_767_225_600 };
const published: Jwks = fromRing.jwks();
const jwksOptions: JwksOptions = { private: true, now: new Date() };
const ring: Jwks = fromRing.jwks(jwksOptions);
const signingKid: string | null = fromRing.signingKid;
const keysRotated: number = fromRing.metrics().keys_rotated;
// @ts-expect-error a JWK is no Key
fromRing.rotateKey(publicJwk);
// @ts-expect-error the signing kid may be null
const kidNotNull: string = fromRing.signingKid;
// @ts-expect-error the signing kid is read-only
fromRing.signingKid = 'x';
// @ts-expect-error private is a boolean
fromRing.jwks({ private: 1 });
// @ts-expect-error privateJwks is an object or text
new TokenService({ algorithm: 'ES256', privateJwks: 7 });
const access: string = service.createAccessToken('42', { email: 'ada@example.com', permissions: ['read'], extra: { tenant: 't1' }, now: new Date() });
const loginOptions: LoginOptions = { email: 'ada@example.com', permissions: ['read'], extra: { tenant: 't1' }, now: 1_767_225_600 };
const session: TokenPair = service.login('42', loginOptions);
const serviceClaims: Record<string, unknown> = service.verify(access);
const asRefresh: Record<string, unknown> = service.verify(session.refreshToken, 'refresh', { now: 1_767_225_600 });
const validated: Record<string, unknown> | null = service.validateToken(undefined);
const validatedAt: Record<string, unknown> | null = service.validateToken(access, 'access', { now: new Date() });
const userId: string | null = service.extractUserId(access, { now: 1 });
const refreshOptions: RefreshOptions = { email: 'new@example.com', permissions: ['read'], extra: { tenant: 't2' }, now: new Date() };
const pair: TokenPair = service.refresh(session.refreshToken, refreshOptions);
const pairTokens: [string, string] = [pair.accessToken, pair.refreshToken];
const revokedNothing: void = service.revoke(access, { now: 1 });
// Rotation is synchronous with a store too (sessions are unaffected).
const rotatedWithStore: void = new TokenService({ secretKey: 'x', store: { execute: () => ({ status: 'valid' }) } }).rotateKey(hmac);
const loggedOut: void = service.logout(pair.accessToken);
const isRevoked: boolean = service.isRevoked(access);
const metrics: TokenServiceMetrics = service.metrics();
const verifications: number = metrics.verifications + metrics.failures.store_unavailable + metrics.latency_us.mean;
const sessionCounters: number = metrics.sessions_started + metrics.sessions_refused + metrics.sessions_reused + metrics.store_errors;
const metricsText: string = service.metricsText();
const health: TokenServiceHealth = service.health();
const healthy: 'ok' = health.status;
// @ts-expect-error without a store, nothing is a Promise
const notAPromise: Promise<TokenPair> = service.login('42');
// @ts-expect-error refresh tokens come from login
service.createRefreshToken('42');
// @ts-expect-error option names are camelCase
new TokenService({ secret_key: 'x' });
// @ts-expect-error a TTL is a number of seconds
new TokenService({ secretKey: 'x', accessTtl: '15m' });
// @ts-expect-error the old option is gone: sessions and revocations live in `store`
new TokenService({ secretKey: 'x', revocationStore: { isRevoked: () => false, revoke: () => {} } });
// @ts-expect-error the token type is 'access' or 'refresh'
service.verify(access, 'id');
// @ts-expect-error permissions are strings
service.createAccessToken('42', { permissions: [1] });
// @ts-expect-error a login's permissions are strings too
service.login('42', { permissions: 'read' });
// @ts-expect-error refresh takes no user id
service.refresh(session.refreshToken, { userId: '42' });
// @ts-expect-error validateToken may return null
const notNull: Record<string, unknown> = service.validateToken(access);
// @ts-expect-error a user id is a string
service.createAccessToken(42);

// TokenService with a store: the same methods, the store-touching ones in Promises.
const requests: StoreRequest[] = [];
const store: SessionStore = {
  async execute(request) {
    requests.push(request);
    switch (request.op) {
      case 'check': {
        const generation: number | null = request.generation;
        const session: string | null = request.session;
        return { status: generation === null && session === null ? 'valid' : 'revoked' };
      }
      case 'start': {
        const record: string = request.record;
        return { status: record.length > 0 ? 'started' : 'full' };
      }
      case 'advance':
        return { status: 'advanced', generation: request.generation + 1, record: '{}' };
      case 'revoke_token':
      case 'revoke_session': {
        const ttl: number = request.ttl;
        return { status: ttl > 0 ? 'done' : 'done' };
      }
    }
  },
};
const syncStore: SessionStore = { execute: () => ({ status: 'valid' }) };
const reply: StoreReply = { status: 'grace', generation: 2, record: '{}' };
// @ts-expect-error an advanced reply carries the generation and the record
const badReply: StoreReply = { status: 'advanced' };
// @ts-expect-error not a status
const otherReply: StoreReply = { status: 'ok' };
// @ts-expect-error a request is one of the five ops
const badRequest: StoreRequest = { op: 'get', at: 0 };
// @ts-expect-error a store performs requests
const noStore: SessionStore = { isRevoked: () => false };
const shared = new TokenService({ ...serviceConfig, store });
const async: TokenService<'async'> = shared;
const sharedFromEnv: TokenService<'async'> = TokenService.fromEnv({ store });
async function withStore(): Promise<void> {
  const started: Promise<TokenPair> = shared.login('42', loginOptions);
  const { accessToken, refreshToken } = await started;
  const claims: Record<string, unknown> = await shared.verify(accessToken);
  const valid: Record<string, unknown> | null = await shared.validateToken(accessToken, 'access');
  const user: string | null = await shared.extractUserId(accessToken);
  const next: TokenPair = await shared.refresh(refreshToken, refreshOptions);
  const revoked: boolean = await shared.isRevoked(next.accessToken);
  const revoking: Promise<void> = shared.revoke(next.accessToken);
  const loggingOut: Promise<void> = shared.logout(next.refreshToken);
  await Promise.all([revoking, loggingOut]);
  // Issuing without a session, the counters and the health stay synchronous.
  const issued: string = shared.createAccessToken('42');
  const counters: TokenServiceMetrics = shared.metrics();
  // @ts-expect-error with a store, verify answers in a Promise
  const direct: Record<string, unknown> = shared.verify(accessToken);
  // @ts-expect-error with a store, login answers in a Promise
  const directPair: TokenPair = shared.login('42');
  // @ts-expect-error createAccessToken stays synchronous
  const promisedToken: Promise<string> = shared.createAccessToken('42');
  void [claims, valid, user, revoked, issued, counters, direct, directPair, promisedToken];
}
// A service whose mode only the run time knows: await its results (a value or a Promise).
declare const looseConfig: TokenServiceConfig;
const either: TokenService<ServiceMode> = new TokenService(looseConfig);
const eitherClaims: StoreResult<ServiceMode, Record<string, unknown>> = either.verify(access);
async function whichever(): Promise<Record<string, unknown>> {
  return await either.verify(access);
}
// @ts-expect-error a service of unknown mode may answer in a Promise
const eitherDirect: Record<string, unknown> = either.verify(access);
// @ts-expect-error a sync service is not an async one
const wrongMode: TokenService<'async'> = service;
// The class is a value: instanceof narrows to a service of either mode.
declare const anything: unknown;
if (anything instanceof TokenService) {
  const m: TokenServiceMetrics = anything.metrics();
  // @ts-expect-error its mode is unknown
  const direct: boolean = anything.isRevoked(access);
  void [m, direct];
}

// RedisStore: a URL or a node-redis client; a SessionStore.
declare const client: RedisScriptClient;
const redis = new RedisStore('redis://127.0.0.1:6379', { prefix: 'auth:', timeout: 500 });
const fromClient: SessionStore = new RedisStore(client);
const redisOptions: RedisStoreOptions = { prefix: 'onejwt:', timeout: 2000 };
const prefix: string = redis.prefix;
const timeout: number = redis.timeout;
const redisReply: Promise<StoreReply> = redis.execute({ op: 'revoke_session', session: 's', ttl: 1000, at: 0 });
const closed: Promise<void> = redis.close();
const overRedis: TokenService<'async'> = new TokenService({ secretKey: 'x', store: redis });
// @ts-expect-error the prefix is text
new RedisStore('redis://x', { prefix: 1 });
// @ts-expect-error options are camelCase and known
new RedisStore('redis://x', { keyPrefix: 'a' });
// @ts-expect-error a client is a URL or a node-redis client
new RedisStore(6379);
// @ts-expect-error the prefix is read-only
redis.prefix = 'x';

// extractToken: Node's req.headers, [name, value] pairs, fetch Headers; every option.
declare const nodeHeaders: Record<string, string | string[] | undefined>;
declare const fetchHeaders: Iterable<[string, string]>;
const found: ExtractedToken | null = extractToken(nodeHeaders, {
  queryString: 'access_token=a.b.c',
  bearer: true,
  websocketProtocol: true,
  cookie: 'session',
  query: 'access_token',
});
const fromPairs: ExtractedToken | null = extractToken([['authorization', 'Bearer a.b.c']]);
const fromFetch: ExtractedToken | null = extractToken(fetchHeaders);
if (found) {
  const source: 'bearer' | 'websocket_protocol' | 'cookie' | 'query' = found.source;
  const echoProtocol: string | null = found.echoProtocol;
  const text: string = found.token;
}
// @ts-expect-error headers are not a string
extractToken('authorization: Bearer a.b.c');
// @ts-expect-error bearer is a boolean
extractToken(nodeHeaders, { bearer: 'yes' });

// (onejwt-wasm ships this same file as its types: bindings-wasm/test/types/package-types.ts checks it
// resolves there, and bindings-wasm/test/api.test.mjs that its exports equal the declared values.)

export {
  sync, asymmetric, fromEnv, session, serviceClaims, asRefresh, validated, validatedAt, userId, pairTokens, revokedNothing,
  loggedOut, isRevoked, verifications, sessionCounters, metricsText, healthy, notAPromise, notNull, fromPairs, fromFetch,
  syncStore, reply, badReply, otherReply, badRequest, noStore, async, sharedFromEnv, withStore, eitherClaims, whichever,
  eitherDirect, wrongMode, fromClient, redisOptions, prefix, timeout, redisReply, closed, overRedis,
  fromKeys, fromRingText, rotated, rotatedKeyObject, rotateOptions, published, ring, signingKid, keysRotated, kidNotNull,
  rotatedWithStore,
};

export {
  generateOptions, jwkKty, jwkD, publicPem, privatePem, thumbprint, renamed, fromOwnJwk, keyObject, fromKeyObject,
  signedWithKeyObject, verifierWithKeyObject, cryptoKeyLike, fromCryptoKey, notYet, pemBytes, thumbprintProperty, noKty,
};

export {
  fromBytes, jwkText, family, kid, canSign, noNull, badFamily, size, claims, atSeconds, atDate, complete,
  decoded, signed, signedWithHeaders, stamped, stampedAt, codes, made,
};
