/**
 * @module build-pkg — assembles the npm package `onejwt-wasm` in bindings-wasm/pkg/ from the two
 * compiled .wasm files (run by `make wasm`): wasm-bindgen's web glue for each, then the files
 * bindings-js/manifest.json lists for `onejwt-wasm` (the shared JS layer of bindings-js/src, the one
 * source of the JS surface, and the hand-written entries from js/), and a generated package.json whose
 * `files` is the manifest's list. Two entries:
 * - `onejwt-wasm` (pkg/*.mjs, pkg/wasm/): the whole API, as the Node package `onejwt`;
 * - `onejwt-wasm/verify` (pkg/verify/): Key, KeySet, Verifier, decodeUnverified, sign, JwtError and
 *   ERROR_CODES over the module built without the `service` feature (a smaller download; its keys
 *   are not generated or exported). Its index.d.ts is derived from the shared one
 *   (scripts/subset-types.mjs), never retyped.
 * Prints each .wasm's size raw and gzipped.
 *
 * Usage: node scripts/build-pkg.mjs --wasm-bindgen <cli> --wasm <onejwt_wasm.wasm>
 *          --wasm-verify <onejwt_wasm.wasm built with --no-default-features> --out <pkg dir>
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { packageFiles, placeCopies } from '../../bindings-js/manifest.mjs';
import { subsetDeclarations } from './subset-types.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const crate = resolve(here, '..');
const root = resolve(crate, '..');

const { values: args } = parseArgs({
  options: {
    'wasm-bindgen': { type: 'string', default: 'wasm-bindgen' },
    wasm: { type: 'string' },
    'wasm-verify': { type: 'string' },
    out: { type: 'string', default: join(crate, 'pkg') },
  },
});
if (!args.wasm) throw new Error('--wasm <path to onejwt_wasm.wasm> is required');
if (!args['wasm-verify']) throw new Error('--wasm-verify <path to the verify-only onejwt_wasm.wasm> is required');
const out = resolve(args.out);

// A fresh directory each time, so no file of an older layout lingers in the package.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// One --target web build serves every host: browsers and bundlers fetch the .wasm by URL
// (browser.mjs), Node reads the same file synchronously (node.mjs). The name section only serves
// debuggers and costs ~10% of the file (measured in the README). Both variants keep the name
// onejwt_wasm, each in its own directory, so the one api.mjs finds its glue at ./wasm/onejwt_wasm.js.
function bindgen(wasm, dir) {
  execFileSync(
    args['wasm-bindgen'],
    [
      '--target', 'web',
      '--out-dir', dir,
      '--out-name', 'onejwt_wasm',
      '--no-typescript',
      '--remove-name-section',
      '--remove-producers-section',
      resolve(wasm),
    ],
    { stdio: 'inherit' },
  );
}
const verifyDir = join(out, 'verify');
bindgen(args.wasm, join(out, 'wasm'));
bindgen(args['wasm-verify'], join(verifyDir, 'wasm'));

/**
 * `bytes` (a WebAssembly module) without its custom sections named in `names`. The `target_features`
 * section only tells tools (wasm-bindgen, which has read it by now) which proposals the code uses; no
 * engine reads it, and it costs ~110 bytes gzipped of every download.
 */
function withoutCustomSections(bytes, names) {
  let pos = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const kept = [bytes.subarray(0, 8)];
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    const end = leb() + pos;
    if (end > bytes.length) throw new Error('a truncated WebAssembly module');
    let drop = false;
    if (id === 0) {
      const length = leb();
      drop = names.includes(new TextDecoder().decode(bytes.subarray(pos, pos + length)));
    }
    if (!drop) kept.push(bytes.subarray(start, end));
    pos = end;
  }
  const stripped = Buffer.concat(kept);
  new WebAssembly.Module(stripped); // still a valid module
  return stripped;
}
for (const dir of [join(out, 'wasm'), join(verifyDir, 'wasm')]) {
  const file = join(dir, 'onejwt_wasm_bg.wasm');
  writeFileSync(file, withoutCustomSections(readFileSync(file), ['target_features']));
}

placeCopies('onejwt-wasm', out);
const sharedTypes = join(root, 'bindings-js', 'src', 'index.d.ts');

// The verify entry's types declare exactly what it exports at run time: the names (and its classes'
// methods) come from loading the entry just built, the declarations from the shared index.d.ts.
const verifyEntry = await import(pathToFileURL(join(verifyDir, 'node.mjs')).href);
const verifyNames = Object.keys(verifyEntry);
writeFileSync(
  join(verifyDir, 'index.d.ts'),
  subsetDeclarations(
    readFileSync(sharedTypes, 'utf8'),
    verifyEntry,
    [
      '@module onejwt-wasm/verify — the types of the verify-only entry: its exports and the types they use,',
      'verbatim from bindings-js/src/index.d.ts (GENERATED by bindings-wasm/scripts/build-pkg.mjs: edit that file).',
      `Exports: ${verifyNames.join(', ')}.`,
    ].join('\n'),
  ),
);

const version = /^\[workspace\.package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(
  readFileSync(join(root, 'Cargo.toml'), 'utf8'),
)?.[1];
if (!version) throw new Error('no [workspace.package] version in Cargo.toml');

const packageJson = {
  name: 'onejwt-wasm',
  version,
  description:
    'Strict JSON Web Token verification and signing for browsers, bundlers and edge runtimes: the onejwt Rust core in WebAssembly',
  license: 'MIT OR Apache-2.0',
  keywords: ['jwt', 'jws', 'jwk', 'jwks', 'json web token', 'webassembly', 'wasm'],
  type: 'module',
  main: './node.mjs',
  module: './browser.mjs',
  browser: './browser.mjs',
  types: './index.d.ts',
  exports: {
    '.': {
      types: './index.d.ts',
      node: './node.mjs',
      default: './browser.mjs',
    },
    './verify': {
      types: './verify/index.d.ts',
      node: './verify/node.mjs',
      default: './verify/browser.mjs',
    },
    './package.json': './package.json',
  },
  files: packageFiles('onejwt-wasm'),
  // The entries instantiate the module at import; everything else is free of side effects.
  sideEffects: ['./node.mjs', './browser.mjs', './verify/node.mjs', './verify/browser.mjs'],
  engines: { node: '>=18' },
  // RedisStore (the Node entry's) imports `redis` only when given a URL: optional, as in the Node package.
  peerDependencies: { redis: '^5.0.0 || ^6.0.0' },
  peerDependenciesMeta: { redis: { optional: true } },
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const size = (file) => {
  const wasm = readFileSync(file);
  return `${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzipped`;
};
console.log(`onejwt-wasm ${version}: ${out}`);
console.log(`  onejwt-wasm         wasm/onejwt_wasm_bg.wasm         ${size(join(out, 'wasm', 'onejwt_wasm_bg.wasm'))}`);
console.log(`  onejwt-wasm/verify  verify/wasm/onejwt_wasm_bg.wasm  ${size(join(verifyDir, 'wasm', 'onejwt_wasm_bg.wasm'))}`);
