"""A file-backed session store for the service demo: the JSON object `{jti: expires_at}` that every
runtime's TokenService reads, so a revocation made by one process is seen by the others."""

from __future__ import annotations

import json
import os
from pathlib import Path

import onejwt


class JsonFileRevocationStore:
    """The ``store`` of a ``TokenService`` over one JSON file, for tokens outside sessions.

    It performs the two requests of the store contract the demo makes (``check`` and
    ``revoke_token``, see ``onejwt.SessionStore``); any other request raises, which the service
    answers with ``StoreUnavailableError`` (fail closed): the demo issues no sessions. The file is
    read on every call, so revocations by other processes count at once. Entries are never pruned
    here: the demo runs at a fixed past or future time, so the wall clock says nothing about them
    (a real store drops each one after the request's ``ttl``, as Redis ``PX`` does).
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _entries(self) -> dict[str, int]:
        try:
            entries: dict[str, int] = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return entries

    def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
        if request["op"] == "check":
            return {"status": "revoked" if request["jti"] in self._entries() else "valid"}
        if request["op"] == "revoke_token":
            entries = self._entries()
            # Unix seconds after which the token has expired anyway (exp + leeway).
            entries[request["jti"]] = (request["at"] + request["ttl"]) // 1000
            # Written beside the file and renamed over it, so a reader never sees half a list.
            partial = self.path.with_suffix(".partial")
            partial.write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
            os.replace(partial, self.path)
            return {"status": "done"}
        raise NotImplementedError(f"the demo's file store keeps no sessions ({request['op']})")
