/**
 * @module types.test-d — compile-time checks of the public types (bindings-node/js/index.d.ts): every
 * export used correctly, and each misuse marked `@ts-expect-error` so tsc fails if the types stop refusing it.
 */

import {
  ERROR_CODES,
  JwtError,
  Key,
  KeySet,
  Verifier,
  decodeUnverified,
  sign,
  type ErrorCode,
  type KeyFamily,
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
// @ts-expect-error not a family
const badFamily: KeyFamily = 'ec-p521';

// Key sets.
const keys: KeySet = KeySet.fromJwks({ keys: [] });
const size: number = KeySet.fromJwks('{"keys":[]}').size;
// @ts-expect-error a JWKS is an object or text
KeySet.fromJwks(7);

// Verifiers: every option, correct types.
const options: VerifierOptions = {
  key: jwk,
  algorithms: ['EdDSA'],
  issuer: ['https://a.example', 'https://b.example'],
  audience: 'api',
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

export {
  fromBytes, jwkText, family, kid, canSign, noNull, badFamily, size, claims, atSeconds, atDate, complete,
  decoded, signed, signedWithHeaders, codes, made,
};
