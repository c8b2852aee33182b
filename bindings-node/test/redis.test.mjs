/**
 * @module redis.test — RedisStore through `onejwt` against a real redis-server (the suite shared with
 * onejwt-wasm: bindings-js/test/redis-suite.mjs; `make test-node` installs redis-server first).
 */
import { createClient } from 'redis';

import * as onejwt from 'onejwt';

import { redisSuite } from '../../bindings-js/test/redis-suite.mjs';

redisSuite(onejwt, { createClient });
