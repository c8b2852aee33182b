/**
 * @module package-types — compile-time check that `onejwt-wasm` resolves to the shared public types
 * through its package.json (`exports` → `types`), under both bundler and Node ESM resolution.
 */
import {
  ERROR_CODES,
  JwtError,
  Key,
  TokenService,
  Verifier,
  decodeUnverified,
  extractToken,
  sign,
  RedisStore,
  type ErrorCode,
  type ExtractedToken,
  type Jwk,
  type Jwks,
  type SessionStore,
  type StoreReply,
  type StoreRequest,
  type TokenPair,
} from 'onejwt-wasm';

declare const token: string;

const key: Key = Key.hmac(new Uint8Array(32));
const verifier = new Verifier({ key, algorithms: ['HS256'], maxTokenBytes: 4096 });
const claims: Record<string, unknown> = verifier.verify(token, { now: new Date() });
const header: Record<string, unknown> = decodeUnverified(token).header;
const issued: string = sign(claims, key, 'HS256', { kid: 'k1' });
const first: ErrorCode | undefined = ERROR_CODES[0];
const caught: unknown = new JwtError('expired', 'expired', 'exp');
// @ts-expect-error the algorithm list is required
new Verifier({ key });
// @ts-expect-error not an error code
const bad: ErrorCode = 'nope';

// The TokenService types, from the package too: synchronous in memory, Promises with a store.
const service = new TokenService({ secretKey: 'a-32-byte-secret-for-hs256-use!!', cacheSize: 64 });
const access: string = service.createAccessToken('42', { permissions: ['read'] });
const pair: TokenPair = service.refresh(service.login('42').refreshToken);
const user: string | null = service.extractUserId(pair.accessToken);
const valid: Record<string, unknown> | null = service.validateToken(access, 'access', { now: new Date() });
const found: ExtractedToken | null = extractToken([['authorization', `Bearer ${access}`]]);
const hits: number = service.metrics().cache_hits;
// @ts-expect-error the token type is 'access' or 'refresh'
service.verify(access, 'id');
const store: SessionStore = { execute: async (request: StoreRequest): Promise<StoreReply> => ({ status: request.op === 'check' ? 'valid' : 'done' }) };
const shared = new TokenService({ secretKey: 'a-32-byte-secret-for-hs256-use!!', store });
const login: Promise<TokenPair> = shared.login('42');
const checked: Promise<boolean> = shared.isRevoked(access);
// @ts-expect-error with a store, refresh answers in a Promise
const direct: TokenPair = shared.refresh(access);
// RedisStore is declared for the package (its Node entry exports it).
const redis: SessionStore = new RedisStore('redis://127.0.0.1:6379', { prefix: 'auth:' });
// Key generation, export and rotation: in the main entry.
const generated: Key = Key.generate('ES256', { kid: 'k1' });
const jwk: Jwk = generated.toJwk();
const pem: string = generated.toPem({ private: true });
const thumbprint: string = generated.thumbprint();
service.rotateKey(Key.generate('HS256'), { now: new Date() });
const published: Jwks = service.jwks({ private: true });
const signingKid: string | null = service.signingKid;
const fromCryptoKey: Promise<Key> = Key.fromCryptoKey({ type: 'secret', extractable: true, algorithm: { name: 'HMAC' }, usages: ['sign'] });

export { bad, caught, first, header, issued, user, valid, found, hits, login, checked, direct, redis };
export { jwk, pem, thumbprint, published, signingKid, fromCryptoKey };
