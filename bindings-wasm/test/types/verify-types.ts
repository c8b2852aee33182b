/**
 * @module verify-types — compile-time check that `onejwt-wasm/verify` resolves to its derived types
 * through the package.json (`exports["./verify"]` → `types`): the verify subset, typed as in the
 * main entry, and nothing of the service or its stores.
 */
import { ERROR_CODES, JwtError, Key, KeySet, Verifier, decodeUnverified, sign, type ErrorCode, type VerifierOptions } from 'onejwt-wasm/verify';
import * as main from 'onejwt-wasm';
// @ts-expect-error the verify entry has no TokenService
import { TokenService } from 'onejwt-wasm/verify';
// @ts-expect-error nor extractToken
import { extractToken } from 'onejwt-wasm/verify';
// @ts-expect-error nor RedisStore
import { RedisStore } from 'onejwt-wasm/verify';

declare const token: string;

const key: Key = Key.hmac(new Uint8Array(32));
const options: VerifierOptions = { key, algorithms: ['HS256'], maxTokenBytes: 4096 };
const verifier = new Verifier(options);
const claims: Record<string, unknown> = verifier.verify(token, { now: new Date() });
const header: Record<string, unknown> = decodeUnverified(token).header;
const issued: string = sign(claims, key, 'HS256', { kid: 'k1' });
const keys: number = KeySet.fromJwks({ keys: [] }, { allowOct: false }).size;
const skippedReason: 'unsupported' | 'oct_not_allowed' | 'not_for_verification' | 'invalid' | undefined =
  KeySet.fromJwks({ keys: [] }).skipped[0]?.reason;
const first: ErrorCode | undefined = ERROR_CODES[0];
const caught: unknown = new JwtError('expired', 'expired', 'exp');
// The same declarations as the main entry's, so values are interchangeable at the type level.
const same: main.ErrorCode | undefined = first;
// @ts-expect-error the algorithm list is required
new Verifier({ key });
// The conversions of ecosystem keys are there; generation and export are not (the module has none).
declare const keyObject: { readonly type: 'public'; export(options: { format: 'jwk' }): object };
const converted: Key = Key.fromKeyObject(keyObject);
const verifiedWithKeyObject = new Verifier({ key: keyObject, algorithms: ['ES256'] });
const fromCryptoKey: Promise<Key> = Key.fromCryptoKey({ type: 'public', extractable: true, algorithm: {}, usages: ['verify'] });
// @ts-expect-error no key generation in the verify entry
Key.generate('ES256');
// @ts-expect-error no JWK export
key.toJwk();
// @ts-expect-error no PEM export
key.toPem();
// @ts-expect-error no thumbprint
key.thumbprint();
// @ts-expect-error no renaming
key.withKid('k');
// @ts-expect-error no JWKS export
KeySet.fromJwks({ keys: [] }).toJwks();
// @ts-expect-error nor the types of those
import type { GenerateOptions } from 'onejwt-wasm/verify';

export { caught, header, issued, keys, same, skippedReason, TokenService, extractToken, RedisStore };
export { converted, verifiedWithKeyObject, fromCryptoKey, type GenerateOptions };
