/**
 * @module errors (onejwt-wasm/verify) — the package's one errors.mjs, for the copy of api.mjs in
 * pkg/verify/: both entries throw the same `JwtError` class, so `instanceof` holds across them.
 */
export { JwtError, toJwtError } from '../errors.mjs';
