/**
 * @module service-browser — the browser step of the service demo: onejwt-wasm's web build in Debian's
 * headless Chromium checks Python's token `before` or `after` the revocation, with the revoked ids
 * read from the shared file, and writes target/demo/service/wasm-browser.<phase>.txt.
 */
import { openChromium } from '../tests/js/browser/chromium.mjs';
import { serveStatic } from '../tests/js/browser/server.mjs';
import { JsonFileRevocationStore } from './revocation-file.mjs';
import { NOW, REVOCATIONS, ROOT, phaseArgument, readToken, report, verdictLine, verifyConfig } from './service-shared.mjs';

const phase = phaseArgument();
const request = {
  config: verifyConfig(),
  token: readToken(),
  revoked: Object.keys(new JsonFileRevocationStore(REVOCATIONS).entries()),
  now: NOW,
};

const server = await serveStatic(ROOT, { allow: ['bindings-wasm/pkg', 'demo'] });
let browser;
try {
  browser = await openChromium();
  await browser.page.goto(`${server.url}demo/service.html`);
  try {
    await browser.page.waitForFunction(() => typeof window.checkToken === 'function', null, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`the demo page did not load: ${browser.errors.join('; ') || e.message}`);
  }
  const outcome = await browser.page.evaluate((r) => window.checkToken(r), request);
  if (browser.errors.length > 0) throw new Error(`the demo page logged errors: ${browser.errors.join('; ')}`);
  report('wasm-browser', phase, verdictLine(outcome));
} finally {
  await browser?.close();
  await server.close();
}
