/**
 * @module redis.test — RedisStore through `onejwt-wasm`'s Node entry against a real redis-server (the suite
 * shared with onejwt: bindings-js/test/redis-suite.mjs; `make test-wasm` installs redis-server first).
 */
import { createClient } from 'redis';

import * as onejwtWasm from 'onejwt-wasm';

import { redisSuite } from '../../bindings-js/test/redis-suite.mjs';

redisSuite(onejwtWasm, { createClient });
