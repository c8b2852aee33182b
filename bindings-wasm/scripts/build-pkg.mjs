/**
 * @module build-pkg — assembles the npm package `onejwt-wasm` in bindings-wasm/pkg/ from the compiled
 * .wasm (run by `make wasm`): wasm-bindgen's web glue, the hand-written entries from js/, the shared
 * index.d.ts and errors.mjs copied from bindings-node/js (the one source of the JS surface), and a
 * generated package.json. Prints the .wasm size raw and gzipped.
 *
 * Usage: node scripts/build-pkg.mjs --wasm-bindgen <cli> --wasm <onejwt_wasm.wasm> --out <pkg dir>
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const crate = resolve(here, '..');
const root = resolve(crate, '..');

const { values: args } = parseArgs({
  options: {
    'wasm-bindgen': { type: 'string', default: 'wasm-bindgen' },
    wasm: { type: 'string' },
    out: { type: 'string', default: join(crate, 'pkg') },
  },
});
if (!args.wasm) throw new Error('--wasm <path to onejwt_wasm.wasm> is required');
const out = resolve(args.out);

// A fresh directory each time, so no file of an older layout lingers in the package.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// One --target web build serves every host: browsers and bundlers fetch the .wasm by URL
// (browser.mjs), Node reads the same file synchronously (node.mjs). The name section only serves
// debuggers and costs ~10% of the file (measured in the README).
execFileSync(
  args['wasm-bindgen'],
  [
    '--target', 'web',
    '--out-dir', join(out, 'wasm'),
    '--out-name', 'onejwt_wasm',
    '--no-typescript',
    '--remove-name-section',
    '--remove-producers-section',
    resolve(args.wasm),
  ],
  { stdio: 'inherit' },
);

for (const file of ['api.mjs', 'node.mjs', 'browser.mjs']) {
  copyFileSync(join(crate, 'js', file), join(out, file));
}
for (const file of ['index.d.ts', 'errors.mjs']) {
  copyFileSync(join(root, 'bindings-node', 'js', file), join(out, file));
}
copyFileSync(join(crate, 'README.md'), join(out, 'README.md'));

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
    './package.json': './package.json',
  },
  files: [
    'README.md',
    'index.d.ts',
    'errors.mjs',
    'api.mjs',
    'node.mjs',
    'browser.mjs',
    'wasm/onejwt_wasm.js',
    'wasm/onejwt_wasm_bg.wasm',
  ],
  // The entries instantiate the module at import; everything else is free of side effects.
  sideEffects: ['./node.mjs', './browser.mjs'],
  engines: { node: '>=18' },
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);

const wasm = readFileSync(join(out, 'wasm', 'onejwt_wasm_bg.wasm'));
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `onejwt-wasm ${version}: ${out} (.wasm ${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzipped)`,
);
