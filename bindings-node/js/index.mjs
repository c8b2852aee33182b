/**
 * @module onejwt — the public JS surface of the Node package (types: index.d.ts, shared with onejwt-wasm):
 * surface.mjs, service.mjs and redis-store.mjs, written once for both packages (bindings-js/src, copied here by the
 * build), over the native (napi-rs) module. It decides nothing: every check is the Rust core's.
 */

import { createRequire } from 'node:module';

import { JwtError, toJwtError } from './errors.mjs';
import { redisStore } from './redis-store.mjs';
import { serviceSurface } from './service.mjs';
import { surface } from './surface.mjs';

const native = createRequire(import.meta.url)('./native.cjs');

export { JwtError };

/** Every error code, in the core's order; frozen, read from the native module. */
export const ERROR_CODES = Object.freeze(native.errorCodes());

const api = surface({
  raw: native,
  // napi-rs functions catch panics themselves (`catch_unwind`): every failure is already an Error.
  failure: toJwtError,
  // A napi constructor borrows the halves it is given.
  handOver: (half) => half,
});
export const { Key, KeySet, Verifier, decodeUnverified, sign } = api;

/** TokenService and extractToken: the service API over the native module (service.mjs, shared). */
export const { TokenService, extractToken } = serviceSurface({
  RawTokenService: native.TokenService,
  rawExtractToken: native.extractToken,
  api,
  fromEnv: (hostStore) => api.call(() => native.TokenService.fromEnv(hostStore)),
});

/** RedisStore: the session store several instances share (redis-store.mjs, shared with onejwt-wasm's Node entry). */
export const { RedisStore } = redisStore({ raw: native, api });
