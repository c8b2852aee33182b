/** @module readme.test — the README's Node quick start runs as written (as the Rust quick start is a doctest). */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

test('the Node quick start in README.md runs and prints the documented code', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Node quick start'));
  const code = /```js\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf('\n## ', 1) >>> 0))?.[1];
  assert.ok(code, 'README.md has a js block under "## Node quick start"');
  const entry = new URL('../js/index.mjs', import.meta.url).href;
  const dir = mkdtempSync(join(tmpdir(), 'onejwt-readme-'));
  try {
    const file = join(dir, 'quickstart.mjs');
    writeFileSync(file, code.replaceAll("from 'onejwt'", `from '${entry}'`));
    assert.equal(execFileSync('node', [file], { encoding: 'utf8' }), 'malformed\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Node TokenService example in README.md runs and prints the documented lines', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### TokenService (Node)'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, 'README.md has a js block under "### TokenService (Node)"');
  const entry = new URL('../js/index.mjs', import.meta.url).href;
  const dir = mkdtempSync(join(tmpdir(), 'onejwt-readme-'));
  try {
    const file = join(dir, 'service.mjs');
    writeFileSync(file, code.replaceAll("from 'onejwt'", `from '${entry}'`));
    assert.equal(execFileSync('node', [file], { encoding: 'utf8' }), '42 null\nrevoked\nnull 2\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
