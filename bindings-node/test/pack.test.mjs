/** @module pack.test — `npm pack` yields a tarball that installs into a fresh directory and works there. */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(PACKAGE, 'node_modules', '.bin', 'tsc');
let scratch;
let app;
let packed;

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'onejwt-pack-'));
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], PACKAGE));
  app = join(scratch, 'app');
  run('mkdir', ['-p', app], scratch);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  // The package has no runtime dependencies (`redis` is an optional peer, which npm does not install), so
  // installing the tarball needs no registry.
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(scratch, packed.filename)], app);
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('the tarball holds the package and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md',
    'js/encode.mjs',
    'js/errors.mjs',
    'js/index.cjs',
    'js/index.d.ts',
    'js/index.mjs',
    'js/native.cjs',
    'js/onejwt.linux-x64-gnu.node',
    'js/redis-store.mjs',
    'js/service.mjs',
    'js/surface.mjs',
    'package.json',
  ].filter((f) => f !== 'README.md' || files.includes('README.md')));
  assert.deepEqual(readdirSync(join(app, 'node_modules', 'onejwt', 'js')).sort(), files.filter((f) => f.startsWith('js/')).map((f) => f.slice(3)));
});

test('the installed package works through import and require', () => {
  const script = (load) => `
    ${load}
    const key = Key.hmac('a-32-byte-secret-for-hs256-use!!');
    const token = sign({ sub: '42' }, key, 'HS256');
    const claims = new Verifier({ key, algorithms: ['HS256'] }).verify(token, { now: 0 });
    let code;
    try { new Verifier({ key, algorithms: ['HS256'] }).verify('eyJhbGciOiJub25lIn0.e30.', { now: 0 }); } catch (e) { code = e instanceof JwtError && e.code; }
    console.log(JSON.stringify({ claims, code, codes: ERROR_CODES.length }));
  `;
  writeFileSync(join(app, 'esm.mjs'), script("import { ERROR_CODES, JwtError, Key, Verifier, sign } from 'onejwt';"));
  writeFileSync(join(app, 'cjs.cjs'), script("const { ERROR_CODES, JwtError, Key, Verifier, sign } = require('onejwt');"));
  const expected = { claims: { sub: '42' }, code: 'algorithm_not_allowed', codes: 16 };
  assert.deepEqual(JSON.parse(run('node', ['esm.mjs'], app)), expected);
  assert.deepEqual(JSON.parse(run('node', ['cjs.cjs'], app)), expected);
});

test('TypeScript resolves the shipped types for ESM and CommonJS consumers', () => {
  const usage = "const key: Key = Key.hmac('s'); const code: ErrorCode | undefined = ERROR_CODES[0]; export { key, code };";
  writeFileSync(join(app, 'esm.mts'), `import { ERROR_CODES, Key, type ErrorCode } from 'onejwt';\n${usage}\n`);
  writeFileSync(join(app, 'cjs.cts'), `import { ERROR_CODES, Key, type ErrorCode } from 'onejwt';\n${usage}\n`);
  writeFileSync(join(app, 'bad.mts'), "import { Key } from 'onejwt';\nKey.hmac(42);\n");
  const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
  run(TSC, [...flags, 'esm.mts', 'cjs.cts'], app);
  assert.throws(() => run(TSC, [...flags, 'bad.mts'], app), (e) => /TS2345/.test(e.stdout), 'the shipped types must refuse misuse');
});
