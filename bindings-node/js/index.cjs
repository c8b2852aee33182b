/** @module onejwt (CommonJS) — the same module as index.mjs, loaded with require(esm), so `require('onejwt')` and `import 'onejwt'` share one JwtError class and one native addon. */
'use strict';

module.exports = require('./index.mjs');
