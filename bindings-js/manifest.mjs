/**
 * @module manifest — reads bindings-js/manifest.json, the one list of which shared JS files go where in
 * each npm package (`onejwt`: bindings-node/js/, `onejwt-wasm`: bindings-wasm/pkg/ and pkg/verify/), and
 * of each package's `files`. `make node` runs it as a script (`node bindings-js/manifest.mjs onejwt`) to
 * place the copies and to check bindings-node/package.json; bindings-wasm/scripts/build-pkg.mjs imports it.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const MANIFEST = JSON.parse(readFileSync(new URL('manifest.json', import.meta.url), 'utf8'));

/**
 * One package's entry of the manifest.
 *
 * @param {string} name `onejwt` or `onejwt-wasm`
 * @returns {{ dir: string, copy: { from: string, to: string, files: string[] }[], also: string[] }}
 */
export function packageEntry(name) {
  const entry = MANIFEST.packages[name];
  if (!entry) throw new Error(`bindings-js/manifest.json has no package ${JSON.stringify(name)}`);
  return entry;
}

/** Every copy of a package as `[source path, destination path inside the package]`. */
export function copies(name) {
  return packageEntry(name).copy.flatMap(({ from, to, files }) =>
    files.map((file) => [posix.join(from, file), posix.join(to, file)]),
  );
}

/** The `files` list of the package's package.json: every copied path, then `also`. */
export function packageFiles(name) {
  return [...copies(name).map(([, to]) => to), ...packageEntry(name).also];
}

/**
 * Copies the package's files into `dir` (default: the manifest's directory for it).
 *
 * @param {string} name
 * @param {string} [dir] absolute destination directory
 */
export function placeCopies(name, dir = join(ROOT, packageEntry(name).dir)) {
  for (const [from, to] of copies(name)) {
    const target = join(dir, to);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(ROOT, from), target);
  }
}

// As a script: place one package's copies and check its committed package.json's `files`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const name = process.argv[2];
  placeCopies(name);
  const pkg = JSON.parse(readFileSync(join(ROOT, packageEntry(name).dir, 'package.json'), 'utf8'));
  const want = packageFiles(name);
  if (JSON.stringify(pkg.files) !== JSON.stringify(want)) {
    console.error(`${packageEntry(name).dir}/package.json "files" must be, as bindings-js/manifest.json says:`);
    console.error(JSON.stringify(want, null, 2));
    process.exit(1);
  }
}
