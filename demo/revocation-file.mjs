/**
 * @module revocation-file — a file-backed session store for the service demo: the JSON object
 * `{jti: expiresAt}` shared with Python's `revocation_file.py`, so a revocation made by one process is
 * seen by the others.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The `store` of a Node `TokenService` over one JSON file, for tokens outside sessions. It performs the
 * two requests of the store contract the demo makes (`check` and `revoke_token`, see `SessionStore` in
 * index.d.ts); any other request throws, which the service answers with `store_unavailable` (fail
 * closed): the demo issues no sessions. The file is read on every call, so revocations by other processes
 * count at once. Entries are never pruned: the demo runs at a fixed time, so the wall clock says nothing
 * about them (a real store drops each one after the request's `ttl`, as Redis `PX` does). A service with
 * a store answers in Promises.
 *
 * @example
 * const service = new TokenService({ ...config, store: new JsonFileRevocationStore('revocations.json') });
 * await service.verify(token);
 */
export class JsonFileRevocationStore {
  constructor(path) {
    this.path = path;
  }

  /** Every entry; a missing file is an empty list. */
  entries() {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (e) {
      if (e.code === 'ENOENT') return {};
      throw e;
    }
  }

  execute(request) {
    if (request.op === 'check') return { status: Object.hasOwn(this.entries(), request.jti) ? 'revoked' : 'valid' };
    if (request.op === 'revoke_token') {
      // Unix seconds after which the token has expired anyway (exp + leeway).
      const entries = { ...this.entries(), [request.jti]: Math.floor((request.at + request.ttl) / 1000) };
      // Written beside the file and renamed over it, so a reader never sees half a list.
      writeFileSync(`${this.path}.partial`, `${JSON.stringify(entries, null, 2)}\n`);
      renameSync(`${this.path}.partial`, this.path);
      return { status: 'done' };
    }
    throw new Error(`the demo's file store keeps no sessions (${request.op})`);
  }
}
