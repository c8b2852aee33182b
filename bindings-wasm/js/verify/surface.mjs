/** @module surface (verify entry) — the one shared surface.mjs of the package root, so both entries run the same code. */
export { surface } from '../surface.mjs';
