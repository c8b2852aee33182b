/**
 * @module server — a tiny static file server for the browser tests: 127.0.0.1 on an ephemeral port,
 * GET only, confined to its root directory (optionally to a few sub-directories), with the MIME types
 * browsers insist on (`application/wasm` for streaming compilation, `text/javascript` for modules).
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Starts serving `root`; when `allow` is given, only paths under those sub-directories are served.
 *
 * @param {string} root directory to serve
 * @param {{ allow?: string[] }} [options] sub-directories of `root` (relative, `/`-separated) to expose
 * @returns {Promise<{ url: string, close: () => Promise<void> }>} the base URL (ending in `/`) and a stop function
 * @example
 * const server = await serveStatic(distDir);
 * await page.goto(`${server.url}index.html`);
 * await server.close();
 */
export async function serveStatic(root, { allow } = {}) {
  const base = resolve(root);
  const allowed = allow?.map((dir) => join(base, normalize(dir)) + sep);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
      const inside = file.startsWith(base + sep) && (!allowed || allowed.some((dir) => file.startsWith(dir)));
      if (request.method !== 'GET' || !inside) {
        response.writeHead(request.method === 'GET' ? 404 : 405).end();
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ready);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
