/**
 * @module package-types — compile-time check that `onejwt-wasm` resolves to the shared public types
 * through its package.json (`exports` → `types`), under both bundler and Node ESM resolution.
 */
import { ERROR_CODES, JwtError, Key, Verifier, decodeUnverified, sign, type ErrorCode } from 'onejwt-wasm';

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

export { bad, caught, first, header, issued };
