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
  type ErrorCode,
  type ExtractedToken,
  type KeyFamily,
  type KeySetOptions,
  type RevocationStore,
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
// @ts-expect-error codes are the 15 stable strings
new JwtError('x', 'not_a_code');

// TokenService: every option, every method, both packages.
const revoked = new Map<string, number>();
const store: RevocationStore = {
  isRevoked: (jti) => revoked.has(jti),
  revoke: (jti, expiresAt) => {
    revoked.set(jti, expiresAt);
  },
};
const serviceConfig: TokenServiceConfig = {
  secretKey: 'a-32-byte-secret-for-hs256-use!!',
  algorithm: 'HS256',
  issuer: 'https://auth.example',
  audience: 'api',
  kid: 'svc-2026',
  accessTtl: 900,
  refreshTtl: 604_800,
  leeway: 5,
  cacheSize: 1024,
  cacheTtl: 60,
  maxRevocations: 10_000,
  revocationStore: store,
};
const service = new TokenService(serviceConfig);
const asymmetric = new TokenService({ algorithm: 'EdDSA', privateKey: '-----BEGIN PRIVATE KEY-----', jwks: { keys: [] } });
const fromEnv: TokenService = TokenService.fromEnv();
const access: string = service.createAccessToken('42', { email: 'ada@example.com', permissions: ['read'], extra: { tenant: 't1' }, now: new Date() });
const refreshToken: string = service.createRefreshToken('42', { extra: { device: 'd1' }, now: 1_767_225_600 });
const serviceClaims: Record<string, unknown> = service.verify(access);
const asRefresh: Record<string, unknown> = service.verify(refreshToken, 'refresh', { now: 1_767_225_600 });
const validated: Record<string, unknown> | null = service.validateToken(undefined);
const validatedAt: Record<string, unknown> | null = service.validateToken(access, 'access', { now: new Date() });
const userId: string | null = service.extractUserId(access, { now: 1 });
const pair: TokenPair = service.refresh(refreshToken);
const pairTokens: [string, string] = [pair.accessToken, pair.refreshToken];
const revokedNothing: void = service.revoke(access, { now: 1 });
const isRevoked: boolean = service.isRevoked(access);
const metrics: TokenServiceMetrics = service.metrics();
const verifications: number = metrics.verifications + metrics.failures.revoked + metrics.latency_us.mean;
const metricsText: string = service.metricsText();
const health: TokenServiceHealth = service.health();
const healthy: 'ok' = health.status;
// @ts-expect-error option names are camelCase
new TokenService({ secret_key: 'x' });
// @ts-expect-error a TTL is a number of seconds
new TokenService({ secretKey: 'x', accessTtl: '15m' });
// @ts-expect-error a store has both methods
new TokenService({ secretKey: 'x', revocationStore: { isRevoked: () => false } });
// @ts-expect-error a store answers synchronously
const asyncStore: RevocationStore = { isRevoked: async () => false, revoke: () => {} };
// @ts-expect-error the token type is 'access' or 'refresh'
service.verify(access, 'id');
// @ts-expect-error permissions are strings
service.createAccessToken('42', { permissions: [1] });
// @ts-expect-error refresh tokens carry no email
service.createRefreshToken('42', { email: 'ada@example.com' });
// @ts-expect-error validateToken may return null
const notNull: Record<string, unknown> = service.validateToken(access);
// @ts-expect-error a user id is a string
service.createAccessToken(42);

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
  asymmetric, fromEnv, serviceClaims, asRefresh, validated, validatedAt, userId, pairTokens, revokedNothing,
  isRevoked, verifications, metricsText, healthy, asyncStore, notNull, fromPairs, fromFetch,
};

export {
  fromBytes, jwkText, family, kid, canSign, noNull, badFamily, size, claims, atSeconds, atDate, complete,
  decoded, signed, signedWithHeaders, stamped, stampedAt, codes, made,
};
