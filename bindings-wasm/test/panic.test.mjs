/**
 * @module panic.test — a Rust panic inside the WebAssembly module (which traps: wasm32 cannot unwind)
 * reaches the caller as a clear `OnejwtInternalError` with the panic's message, never an opaque
 * `RuntimeError: unreachable`, and the module keeps verifying afterwards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Key, Verifier, sign } from 'onejwt-wasm';
import { call } from '../pkg/api.mjs';
import { __panicForTest } from '../pkg/wasm/onejwt_wasm.js';

test('a panic becomes an OnejwtInternalError carrying its message, and the module lives on', () => {
  const key = Key.hmac('a-32-byte-secret-for-hs256-use!!');
  const verifier = new Verifier({ key, algorithms: ['HS256'] });
  for (let round = 0; round < 3; round++) {
    assert.throws(() => call(() => __panicForTest()), (err) => {
      assert.equal(err.name, 'OnejwtInternalError');
      assert.match(err.message, /deliberate panic at .*panic\.rs:\d+/);
      assert.ok(err.cause instanceof WebAssembly.RuntimeError);
      return true;
    });
    const token = sign({ sub: `${round}` }, key, 'HS256');
    assert.deepEqual(verifier.verify(token, { now: 1_700_000_000 }), { sub: `${round}` });
  }
});

test('the hook is not part of the public surface', async () => {
  const api = await import('onejwt-wasm');
  assert.equal(Object.keys(api).some((name) => /panic/i.test(name)), false);
});
