/**
 * @module bench/js/harness — the one timing and correctness-gate method of every JS benchmark (Node native,
 * onejwt-wasm under Node, onejwt-wasm in Chromium). It imports nothing, so a browser page loads it
 * unchanged; each runtime passes in its own clock (`wallNs`, `cpuNs`, the latter `null` where CPU time
 * is not measurable).
 *
 * Method (issue 6): gate first (a contender that accepts a bad token or returns other claims is never
 * timed); batch size calibrated once so a batch takes ~30 ms; one discarded warm-up round; then R rounds
 * in which every contender runs one batch, in an order rotated by one per round so no contender always
 * runs right after the same neighbour (caches, turbo, GC debt); medians of the per-batch ns/op.
 */

/** Parallel verifications per batch step of a "concurrent" contender (awaited with Promise.all). */
export const CONCURRENCY = 64;

/**
 * The run settings from the environment-like object `env` (`process.env` in Node, a plain object in
 * the browser): `ONEJWT_BENCH_ROUNDS` (default 21) and `ONEJWT_BENCH_QUICK=1` (5 rounds, ~2 ms batches,
 * no memory test: a smoke test of the machinery, not a measurement).
 *
 * @param {Record<string, string | undefined>} env
 * @returns {{ rounds: number, quick: boolean, batchMs: number, memory: boolean }}
 * @example
 * const settings = settingsFrom(process.env);
 */
export function settingsFrom(env) {
  const quick = env.ONEJWT_BENCH_QUICK === '1';
  const rounds = env.ONEJWT_BENCH_ROUNDS ? Number.parseInt(env.ONEJWT_BENCH_ROUNDS, 10) : quick ? 5 : 21;
  if (!Number.isInteger(rounds) || rounds < 1) throw new TypeError('ONEJWT_BENCH_ROUNDS must be a positive integer');
  return { rounds, quick, batchMs: quick ? 2 : 30, memory: !quick };
}

/** Structural equality of JSON values (key order ignored), enough to compare claims sets. */
export function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEqual(a[key], b[key]));
}

function describe(error) {
  const text = error?.code ?? error?.name ?? 'error';
  return error?.message ? `${text}: ${error.message}` : String(text);
}

/**
 * The verify gate: `verify(token)` (sync or async, the exact call and options that will be timed)
 * must return exactly `claims` for the valid token and throw or reject for each gate token.
 *
 * @param {(token: string) => unknown} verify
 * @param {{ token: string, gate: Record<string, string> }} fixture one algorithm of fixtures.json
 * @param {object} claims the fixture claims
 * @returns {Promise<string | null>} `null` when passed, else why it failed
 * @example
 * const why = await gateVerify((t) => verifier.verify(t, { now }), fixtures.algorithms.HS256, fixtures.claims);
 */
export async function gateVerify(verify, fixture, claims) {
  let got;
  try {
    got = await verify(fixture.token);
  } catch (e) {
    return `rejected the valid token (${describe(e)})`;
  }
  if (!jsonEqual(got, claims)) return `returned other claims than the token's: ${JSON.stringify(got)}`;
  for (const [name, token] of Object.entries(fixture.gate)) {
    let accepted = false;
    try {
      await verify(token);
      accepted = true;
    } catch {
      // A refusal is the expected verdict; which error a library uses is its own vocabulary.
    }
    if (accepted) return `accepted the ${name} gate token`;
  }
  return null;
}

/**
 * The sign gate: the token `sign()` produces must carry `alg` in its header and verify, through the
 * independent `check(token)` (e.g. jose with the public key), to exactly `claims`.
 *
 * @param {() => unknown} sign
 * @param {(token: string) => unknown} check
 * @param {string} alg
 * @param {object} claims
 * @returns {Promise<string | null>}
 */
export async function gateSign(sign, check, alg, claims) {
  let token;
  try {
    token = await sign();
  } catch (e) {
    return `could not sign (${describe(e)})`;
  }
  if (typeof token !== 'string') return `returned a ${typeof token}, not a compact JWS`;
  let header;
  try {
    header = JSON.parse(decodeBase64Url(token.split('.')[0]));
  } catch {
    return 'produced an unreadable header';
  }
  if (header.alg !== alg) return `signed with alg ${JSON.stringify(header.alg)}`;
  let got;
  try {
    got = await check(token);
  } catch (e) {
    return `produced a token that does not verify (${describe(e)})`;
  }
  if (!jsonEqual(got, claims)) return `signed other claims: ${JSON.stringify(got)}`;
  return null;
}

function decodeBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The batch runner of one contender: `op()` once per iteration, awaited only when the contender is
 * asynchronous, so a synchronous library never pays for a microtask per call.
 *
 * @param {{ op: () => unknown, mode?: 'sync' | 'async' | 'concurrent' }} contender
 * @returns {(n: number) => Promise<unknown>}
 */
function batchOf({ op, mode = 'sync' }) {
  // Each batch returns its last result, so no call's result is dead and none can be optimised away.
  if (mode === 'sync') {
    return async (n) => {
      let last;
      for (let i = 0; i < n; i += 1) last = op();
      return last;
    };
  }
  if (mode === 'async') {
    return async (n) => {
      let last;
      for (let i = 0; i < n; i += 1) last = await op();
      return last;
    };
  }
  return async (n) => {
    let last;
    for (let done = 0; done < n; done += CONCURRENCY) {
      const width = Math.min(CONCURRENCY, n - done);
      const pending = new Array(width);
      for (let j = 0; j < width; j += 1) pending[j] = op();
      last = await Promise.all(pending);
    }
    return last;
  };
}

/** Ops per batch so that one batch takes about `batchMs` (growing by doubling, then scaled once). */
async function calibrate(batch, clock, batchMs) {
  const target = batchMs * 1e6;
  let n = 1;
  for (;;) {
    const start = clock.wallNs();
    await batch(n);
    const took = clock.wallNs() - start;
    if (took >= target / 4 || n >= 1 << 24) return Math.max(1, Math.round((n * target) / Math.max(took, 1)));
    n *= 2;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Gates and times one group. A contender is `{ name, note?, mode?, op, gate: () => Promise<string|null> }`
 * or `{ name, skip: 'why' }` for one that cannot run at all (missing package, unsupported algorithm).
 *
 * @param {{ name: string, reference: string, contenders: object[] }} group
 * @param {{ wallNs: () => number, cpuNs: () => number | null }} clock
 * @param {{ rounds: number, batchMs: number }} settings
 * @returns {Promise<{ name: string, reference: string, rows: object[], skipped: object[] }>}
 *   in the shared JSON schema: rows `{ name, wall_ns, cpu_ns, note }`, skipped `{ name, why }`
 * @example
 * const result = await runGroup({ name: 'HS256 verify', reference: 'jose', contenders }, clock, settings);
 */
export async function runGroup(group, clock, settings) {
  const skipped = [];
  const live = [];
  for (const contender of group.contenders) {
    const why = contender.skip ?? (await contender.gate());
    if (why) {
      skipped.push({ name: contender.name, why });
    } else {
      live.push({ ...contender, batch: batchOf(contender) });
    }
  }
  for (const contender of live) contender.n = await calibrate(contender.batch, clock, settings.batchMs);
  const samples = live.map(() => ({ wall: [], cpu: [] }));
  // Round 0 is the warm-up: it runs in full (JIT tiers, allocator, lazy key setup) and is discarded.
  for (let round = 0; round <= settings.rounds; round += 1) {
    for (let k = 0; k < live.length; k += 1) {
      const index = (round + k) % live.length;
      const { batch, n } = live[index];
      const cpu0 = clock.cpuNs();
      const wall0 = clock.wallNs();
      await batch(n);
      const wall1 = clock.wallNs();
      const cpu1 = clock.cpuNs();
      if (round === 0) continue;
      samples[index].wall.push((wall1 - wall0) / n);
      if (cpu0 !== null && cpu1 !== null) samples[index].cpu.push((cpu1 - cpu0) / n);
    }
  }
  const rows = live.map((contender, i) => ({
    name: contender.name,
    wall_ns: round1(median(samples[i].wall)),
    cpu_ns: samples[i].cpu.length ? round1(median(samples[i].cpu)) : null,
    note: contender.note ?? '',
  }));
  return { name: group.name, reference: group.reference, rows, skipped };
}

function round1(value) {
  return Math.round(value * 10) / 10;
}

/**
 * A readable table of one group: per row the median wall and CPU ns/op and onejwt's speed-up over
 * it in both (row time / onejwt time, so the reference row shows the N× the targets are stated in;
 * on a shared machine the CPU ratio is the steadier of the two).
 *
 * @param {{ name: string, reference: string, rows: object[], skipped: object[] }} group
 * @param {string} [ours] the row the ratios are of (default the first row whose name starts "onejwt")
 * @returns {string}
 */
export function formatGroup(group, ours) {
  const mine = group.rows.find((row) => (ours ? row.name === ours : row.name.startsWith('onejwt')));
  const lines = [`${group.name} (reference: ${group.reference})`];
  const width = Math.max(12, ...group.rows.map((row) => row.name.length));
  const ratio = (theirs, own) => (theirs === null || own === null || !mine ? '' : `${(theirs / own).toFixed(2)}x`);
  lines.push(`  ${'contender'.padEnd(width)}  ${'wall ns/op'.padStart(11)}  ${'cpu ns/op'.padStart(11)}  ${'x wall'.padStart(8)}  ${'x cpu'.padStart(8)}`);
  for (const row of group.rows) {
    const self = row === mine;
    const cpu = row.cpu_ns === null ? '-' : row.cpu_ns.toFixed(0);
    const xWall = self ? '' : ratio(row.wall_ns, mine?.wall_ns ?? null);
    const xCpu = self ? '' : ratio(row.cpu_ns, mine?.cpu_ns ?? null);
    const note = row.note ? `  ${row.note}` : '';
    lines.push(`  ${row.name.padEnd(width)}  ${row.wall_ns.toFixed(0).padStart(11)}  ${cpu.padStart(11)}  ${xWall.padStart(8)}  ${xCpu.padStart(8)}${note}`);
  }
  for (const skip of group.skipped) lines.push(`  ${skip.name.padEnd(width)}  skipped: ${skip.why}`);
  return lines.join('\n');
}

/**
 * Gates and times `groups` one after the other, printing each table through `log` as it finishes, and
 * returns the result document of the shared JSON schema (`memory` and `sizes` are added by the runtimes
 * that measure them).
 *
 * @param {{ runtime: string, title: string, versions: Record<string, string>, groups: object[] }} suite
 * @param {{ wallNs: () => number, cpuNs: () => number | null }} clock
 * @param {{ rounds: number, batchMs: number }} settings
 * @param {(line: string) => void} log
 * @example
 * const result = await runSuite({ runtime: 'node', title, versions, groups }, clock, settings, console.log);
 */
export async function runSuite({ runtime, title, versions, groups }, clock, settings, log) {
  const results = [];
  for (const group of groups) {
    const result = await runGroup(group, clock, settings);
    log(formatGroup(result));
    results.push(result);
  }
  return { runtime, title, versions, rounds: settings.rounds, groups: results };
}
