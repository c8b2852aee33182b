/**
 * @module agent-cli — runs the shared JS agent (agent.mjs) in one runtime: `node agent-cli.mjs
 * native|wasm-node|wasm-browser` reads one JSON request on stdin and writes the answer as JSON on
 * stdout. `wasm-browser` loads onejwt-wasm's web build in Debian's headless Chromium (the helpers of
 * tests/js/browser/), so the answer comes from real browser code, not from Node.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { run } from './agent.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const impl = process.argv[2];
const request = JSON.parse(readFileSync(0, 'utf8'));

let answer;
if (impl === 'native') {
  answer = await run(await import('../../bindings-node/js/index.mjs'), request);
} else if (impl === 'wasm-node') {
  answer = await run(await import('../../bindings-wasm/pkg/node.mjs'), request);
} else if (impl === 'wasm-browser') {
  answer = await inChromium(request);
} else {
  console.error('usage: node agent-cli.mjs native|wasm-node|wasm-browser < request.json');
  process.exit(2);
}
process.stdout.write(JSON.stringify(answer));

/** Answers `request` inside headless Chromium; any page error fails the run rather than being dropped. */
async function inChromium(request) {
  const { openChromium } = await import('../js/browser/chromium.mjs');
  const { serveStatic } = await import('../js/browser/server.mjs');
  const server = await serveStatic(ROOT, { allow: ['bindings-wasm/pkg', 'tests/cross_runtime'] });
  let browser;
  try {
    browser = await openChromium();
    await browser.page.goto(`${server.url}tests/cross_runtime/agent.html`);
    try {
      await browser.page.waitForFunction(() => typeof window.runAgent === 'function', null, { timeout: 30_000 });
    } catch (e) {
      throw new Error(`the agent page did not load: ${browser.errors.join('; ') || e.message}`);
    }
    const result = await browser.page.evaluate((r) => window.runAgent(r), request);
    if (browser.errors.length > 0) throw new Error(`the agent page logged errors: ${browser.errors.join('; ')}`);
    return result;
  } finally {
    await browser?.close();
    await server.close();
  }
}
