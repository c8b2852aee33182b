/** @module panic.test — a Rust panic inside the addon becomes a thrown Error; the process lives on. */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { Key, Verifier, sign } from '../js/index.mjs';

const native = createRequire(import.meta.url)('../js/native.cjs');

test('a panic in a native call is thrown as an Error, and the addon keeps working', () => {
  for (let round = 0; round < 3; round++) {
    assert.throws(() => native.__panicForTest(), (err) => {
      assert.ok(err instanceof Error);
      assert.match(String(err.message), /deliberate panic/);
      return true;
    });
  }
  const key = Key.hmac('a-32-byte-secret-for-hs256-use!!');
  const token = sign({ sub: '42' }, key, 'HS256');
  assert.deepEqual(new Verifier({ key, algorithms: ['HS256'] }).verify(token, { now: 1_700_000_000 }), { sub: '42' });
});

test('the hook is not part of the public surface', async () => {
  const api = await import('../js/index.mjs');
  assert.equal(Object.keys(api).some((name) => /panic/i.test(name)), false);
});
