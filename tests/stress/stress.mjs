/**
 * @module stress — JS stress (issue 8): 10**6 verifications of the corpus mix with flat RSS; with
 * `--workers N`, N worker_threads verify the same token list with the same verifiers (each worker builds
 * its own from the same keys and options: a JS object cannot cross threads) and must reach exactly the
 * single-threaded verdicts, token for token.
 *
 * Usage: node --expose-gc stress.mjs MIX.json --impl native|wasm [--tokens N] [--workers N] [--max-growth-mb MB]
 */

import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const LIBS = {
  native: new URL('../../bindings-node/js/index.mjs', import.meta.url).href,
  wasm: new URL('../../bindings-wasm/pkg/node.mjs', import.meta.url).href,
};

function base64urlBytes(text) {
  return Uint8Array.from(Buffer.from(text, 'base64url'));
}

function build(lib, testCase) {
  const [[kind, value]] = Object.entries(testCase.key);
  const options = {};
  for (const [name, v] of Object.entries(testCase.options)) {
    options[name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())] = v;
  }
  let source;
  if (kind === 'hmac') source = { key: lib.Key.hmac(value) };
  else if (kind === 'hmac_base64url') source = { key: lib.Key.hmac(base64urlBytes(value)) };
  else if (kind === 'pem') source = { key: lib.Key.fromPem(value) };
  else if (kind === 'jwk') source = { key: lib.Key.fromJwk(value) };
  else source = { keys: lib.KeySet.fromJwks(value) };
  return new lib.Verifier({ ...options, ...source });
}

/** The verdict as a string: the error code, or `ok` and the claims (keys sorted). */
function verdict(lib, verifier, token, now) {
  try {
    const claims = verifier.verify(token, { now });
    return `ok ${JSON.stringify(claims, Object.keys(claims).sort())}`;
  } catch (e) {
    if (e instanceof lib.JwtError) return e.code;
    throw e;
  }
}

/** Per bucket, the first candidate whose key and verifier build and whose verdict is the bucket's. */
function select(lib, mix) {
  const chosen = [];
  for (const [bucket, candidates] of Object.entries(mix.buckets)) {
    const found = candidates.find((testCase) => {
      let verifier;
      try {
        verifier = build(lib, testCase);
      } catch {
        return false;
      }
      if (verdict(lib, verifier, testCase.token, testCase.now).split(' ')[0] !== bucket.split(' ')[0]) return false;
      chosen.push({ id: testCase.id, verifier, token: testCase.token, now: testCase.now });
      return true;
    });
    if (!found) throw new Error(`no candidate of bucket ${bucket} gives its verdict`);
  }
  return chosen;
}

/** Verdicts of tokens start, start+step, … < n, as ids into a table of distinct verdict strings. */
function run(lib, chosen, n, start, step, ids = new Int32Array(n).fill(-1)) {
  const table = [];
  const index = new Map();
  for (let i = start; i < n; i += step) {
    const { verifier, token, now } = chosen[i % chosen.length];
    const text = verdict(lib, verifier, token, now);
    let id = index.get(text);
    if (id === undefined) {
      id = table.length;
      table.push(text);
      index.set(text, id);
    }
    ids[i] = id;
  }
  return { table, ids };
}

const mb = (bytes) => bytes / 2 ** 20;

async function main() {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : args[at + 1];
  };
  const mix = JSON.parse(readFileSync(args[0], 'utf8'));
  const impl = flag('--impl', 'native');
  const n = Number(flag('--tokens', 10 ** 6));
  const workers = Number(flag('--workers', 0));
  const bound = Number(flag('--max-growth-mb', 20));
  const lib = await import(LIBS[impl]);
  const chosen = select(lib, mix);
  const name = impl === 'native' ? 'node' : 'wasm-node';

  run(lib, chosen, 10_000, 0, 1); // warm up: JIT, allocator pools, WebAssembly memory
  const ids = new Int32Array(n).fill(-1); // allocated (4 bytes a token) before RSS is measured
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const single = run(lib, chosen, n, 0, 1, ids);
  globalThis.gc?.();
  const after = process.memoryUsage().rss;
  console.log(`${name}: ${chosen.length} tokens (${chosen.map((c) => c.id).join(', ')})`);
  console.log(`${name}: ${n} verifications, RSS ${mb(before).toFixed(1)} MB -> ${mb(after).toFixed(1)} MB ` +
    `(growth ${mb(after - before) >= 0 ? '+' : ''}${mb(after - before).toFixed(1)} MB, bound ${bound} MB)`);
  console.log(`${name}: verdicts seen: ${[...new Set(single.table.map((t) => t.split(' ')[0]))].sort().join(', ')}`);
  let failed = false;
  if (mb(after - before) > bound) {
    console.log(`${name}: FAIL: RSS grew beyond the bound`);
    failed = true;
  }

  if (workers > 0) {
    const results = await Promise.all(Array.from({ length: workers }, (_, k) => new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { mix, impl, n, start: k, step: workers } });
      worker.once('message', resolve);
      worker.once('error', reject);
    })));
    let differ = 0;
    let first = null;
    for (const [k, { table, ids }] of results.entries()) {
      for (let i = k; i < n; i += workers) {
        if (table[ids[i]] !== single.table[single.ids[i]]) {
          differ++;
          first ??= `token ${i} (${chosen[i % chosen.length].id}): ${table[ids[i]]} != ${single.table[single.ids[i]]}`;
        }
      }
    }
    console.log(`${name}: ${workers} worker_threads: ${differ} verdicts differ from single-threaded; ` +
      `RSS after ${mb(process.memoryUsage().rss).toFixed(1)} MB`);
    if (differ) {
      console.log(`${name}: FAIL: ${first}`);
      failed = true;
    }
  }
  process.exitCode = failed ? 1 : 0;
}

if (isMainThread) {
  await main();
} else {
  const { mix, impl, n, start, step } = workerData;
  const lib = await import(LIBS[impl]);
  const { table, ids } = run(lib, select(lib, mix), n, start, step);
  parentPort.postMessage({ table, ids }, [ids.buffer]);
}
