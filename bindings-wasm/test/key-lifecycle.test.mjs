/**
 * @module key-lifecycle.test — key generation, export, ecosystem keys and rotation through `onejwt-wasm` under
 * Node (the shared suite; the verify-only entry has none of it: verify.test.mjs).
 */

import * as onejwtWasm from 'onejwt-wasm';

import { keyLifecycleSuite } from '../../bindings-js/test/key-lifecycle-suite.mjs';

// A 3072-bit RSA key takes ~10 s to generate in WebAssembly here (2048 bits: ~1 s); the napi run of the
// suite generates one through the same core call (host::js::generate_key).
keyLifecycleSuite(onejwtWasm, { largeRsa: false });
