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
  type ErrorCode,
  type ExtractedToken,
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

// The TokenService types, from the package too.
const service = new TokenService({ secretKey: 'a-32-byte-secret-for-hs256-use!!', cacheSize: 64, revocationStore: { isRevoked: () => false, revoke: () => {} } });
const access: string = service.createAccessToken('42', { permissions: ['read'] });
const pair: TokenPair = service.refresh(service.createRefreshToken('42'));
const user: string | null = service.extractUserId(pair.accessToken);
const valid: Record<string, unknown> | null = service.validateToken(access, 'access', { now: new Date() });
const found: ExtractedToken | null = extractToken([['authorization', `Bearer ${access}`]]);
const hits: number = service.metrics().cache_hits;
// @ts-expect-error the token type is 'access' or 'refresh'
service.verify(access, 'id');

export { bad, caught, first, header, issued, user, valid, found, hits };
