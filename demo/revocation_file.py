"""A file-backed revocation store for the service demo: the JSON object `{jti: expires_at}` that every
runtime's TokenService reads, so a revocation made by one process is seen by the others."""

from __future__ import annotations

import json
import os
from pathlib import Path


class JsonFileRevocationStore:
    """The host store of ``TokenService(revocation_store=...)`` over one JSON file.

    The file is read on every call, so revocations by other processes count at once. Entries are
    never pruned here: the demo runs at a fixed past or future time, so the wall clock says nothing
    about them (a real store would drop each one at ``expires_at``, as Redis ``EXPIREAT`` does).
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _entries(self) -> dict[str, int]:
        try:
            entries: dict[str, int] = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return entries

    def is_revoked(self, jti: str) -> bool:
        return jti in self._entries()

    def revoke(self, jti: str, expires_at: int) -> None:
        entries = self._entries()
        entries[jti] = expires_at
        # Written beside the file and renamed over it, so a reader never sees half a list.
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, self.path)
