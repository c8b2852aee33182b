/**
 * @module revocation-file — a file-backed revocation store for the service demo: the JSON object
 * `{jti: expiresAt}` shared with Python's `revocation_file.py`, so a revocation made by one process is
 * seen by the others. Synchronous, as `TokenService` calls its store.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The `revocationStore` of a Node `TokenService` over one JSON file, read on every call. Entries are
 * never pruned: the demo runs at a fixed time, so the wall clock says nothing about them.
 *
 * @example
 * new TokenService({ ...config, revocationStore: new JsonFileRevocationStore('revocations.json') });
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

  isRevoked(jti) {
    return Object.hasOwn(this.entries(), jti);
  }

  revoke(jti, expiresAt) {
    const entries = { ...this.entries(), [jti]: expiresAt };
    // Written beside the file and renamed over it, so a reader never sees half a list.
    writeFileSync(`${this.path}.partial`, `${JSON.stringify(entries, null, 2)}\n`);
    renameSync(`${this.path}.partial`, this.path);
  }
}
