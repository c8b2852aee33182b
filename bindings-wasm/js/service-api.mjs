/**
 * @module service-api — TokenService and extractToken, the service part of the public onejwt-wasm
 * surface: the shared service.mjs (bindings-js/src, copied by the build) over the raw module. Only the
 * full entries (node.mjs, browser.mjs) import it: the verify-only module (pkg/verify/) has no raw
 * service classes. Runs from the built package, beside wasm/ and api.mjs.
 */
import { RawTokenService, extractToken as rawExtractToken } from './wasm/onejwt_wasm.js';
import { api } from './api.mjs';
import { serviceSurface } from './service.mjs';

export const { TokenService, extractToken } = serviceSurface({
  RawTokenService,
  rawExtractToken,
  api,
  // The core does not read an environment on wasm32, and browsers and edge runtimes have none.
  fromEnv: () => {
    throw new TypeError(
      'TokenService.fromEnv() is not available in onejwt-wasm: browsers have no environment; use new TokenService(config)',
    );
  },
});
