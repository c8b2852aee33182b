/**
 * @module redis-api — RedisStore, the Redis session store of the public onejwt-wasm surface under Node: the
 * shared redis-store.mjs (bindings-js/src, copied by the build) over the raw module's Redis helpers. Only
 * the Node entry (node.mjs) imports it: browsers and edge runtimes reach no Redis server, and the browser
 * entry stays free of the lazy `import('redis')` a bundler would try to resolve. Runs from the built
 * package, beside wasm/ and api.mjs.
 */
import { redisCommand, redisPrefix, redisReply } from './wasm/onejwt_wasm.js';
import { api } from './api.mjs';
import { redisStore } from './redis-store.mjs';

export const { RedisStore } = redisStore({ raw: { redisCommand, redisPrefix, redisReply }, api });
