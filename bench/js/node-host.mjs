/**
 * @module bench/js/node-host — what the Node benchmarks add to the environment-neutral harness: the
 * clock (`process.hrtime` wall, `process.cpuUsage` CPU of every thread, so WebCrypto's thread-pool work
 * counts too), fixtures and package versions from disk, the RSS test, `.wasm` sizes and the JSON output
 * in `$CARGO_TARGET_DIR/bench/`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The repository root (this file is bench/js/node-host.mjs). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The benchmarks' own npm packages (bench/package.json: the peer libraries), installed by `make bench-node`/`bench-wasm`. */
export const BENCH_MODULES = join(ROOT, 'bench', 'node_modules');

/** Wall and CPU time in ns; CPU is user + system of the whole process. */
export const nodeClock = {
  wallNs: () => Number(process.hrtime.bigint()),
  cpuNs: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) * 1000;
  },
};

/** bench/fixtures.json, the one set of keys and tokens every benchmark uses (never regenerated here). */
export function loadFixtures() {
  return JSON.parse(readFileSync(join(ROOT, 'bench/fixtures.json'), 'utf8'));
}

/** The installed version of package `name` under `nodeModules` (read from disk: not every package exports its package.json). */
export function packageVersion(nodeModules, name) {
  try {
    return JSON.parse(readFileSync(join(nodeModules, name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function rssKiB() {
  globalThis.gc?.();
  return Math.round(process.memoryUsage().rss / 1024);
}

/**
 * RSS before and after `calls` calls of `op` (after `warmup` calls, so JIT code and allocator pools
 * exist before the first reading). Run node with `--expose-gc` so both readings follow a full GC and
 * the difference is retained memory, not garbage not yet collected.
 */
export function measureRss(name, op, calls = 1_000_000, warmup = 10_000) {
  for (let i = 0; i < warmup; i += 1) op();
  const before = rssKiB();
  for (let i = 0; i < calls; i += 1) op();
  const after = rssKiB();
  return { name, calls, rss_before_kib: before, rss_after_kib: after };
}

/** Raw and gzipped (level 9) size of a file, for the `sizes` list. */
export function fileSizes(name, path) {
  const bytes = readFileSync(path);
  return { name, raw_bytes: bytes.length, gzip_bytes: gzipSync(bytes, { level: 9 }).length };
}

/** Writes a result document to `$CARGO_TARGET_DIR/bench/<file>` (default target/ of the repository) and returns the path. */
export function writeResult(file, result) {
  const dir = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** Prints the memory and size lists after the tables. */
export function formatExtras({ memory = [], sizes = [] }) {
  const lines = [];
  for (const m of memory) {
    lines.push(`memory  ${m.name}: RSS ${m.rss_before_kib} KiB -> ${m.rss_after_kib} KiB after ${m.calls} calls (${m.rss_after_kib - m.rss_before_kib >= 0 ? '+' : ''}${m.rss_after_kib - m.rss_before_kib} KiB)`);
  }
  for (const s of sizes) lines.push(`size    ${s.name}: ${s.raw_bytes} bytes raw, ${s.gzip_bytes} bytes gzipped`);
  return lines.join('\n');
}
