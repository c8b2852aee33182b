"""The Python half of the service part of `make demo` (see README.md beside this file): `issue` mints
an access token with TokenService and checks it, `revoke` revokes it through the shared file store
and checks it again; each step writes target/demo/service/python.<step>.txt."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import onejwt
from revocation_file import JsonFileRevocationStore

# The fixed issue and verification time: 2026-01-01T00:00:00Z.
NOW = 1_767_225_600
HERE = Path(__file__).resolve().parent
OUT = Path(os.environ.get("CARGO_TARGET_DIR", HERE.parent / "target")) / "demo" / "service"


def compact(value: Any) -> str:
    """The canonical form every runtime prints: compact JSON, top-level members sorted."""
    return json.dumps(dict(sorted(value.items())), separators=(",", ":"), ensure_ascii=False)


def verdict(service: onejwt.TokenService, token: str) -> str:
    try:
        return "ok " + compact(service.verify(token, "access", now=NOW))
    except onejwt.JwtError as e:
        return e.code


def main(step: str) -> int:
    config = json.loads((HERE / "service.json").read_text(encoding="utf-8"))
    user = config.pop("user")
    if step == "issue":
        # A fresh run: no token, no revocations and no verdicts of an earlier demo.
        shutil.rmtree(OUT, ignore_errors=True)
        OUT.mkdir(parents=True)
    service = onejwt.TokenService(
        **config,
        private_key=(HERE / "key.private.pem").read_text(encoding="utf-8"),
        store=JsonFileRevocationStore(OUT / "revocations.json"),
    )
    if step == "issue":
        token = service.create_access_token(user["user_id"], user["email"], user["permissions"], now=NOW)
        (OUT / "token.txt").write_text(token + "\n", encoding="utf-8")
        print(f"python: issued an access token for {user['user_id']} ({len(token)} bytes)")
        phase = "before"
    elif step == "revoke":
        token = (OUT / "token.txt").read_text(encoding="utf-8").strip()
        service.revoke(token, now=NOW)
        print(f"python: revoked it (jti {onejwt.decode_unverified(token)[1]['jti']} added to revocations.json)")
        phase = "after"
    else:
        print("usage: service.py issue|revoke", file=sys.stderr)
        return 2
    line = verdict(service, token)
    (OUT / f"python.{phase}.txt").write_text(line + "\n", encoding="utf-8")
    print(f"python: {phase} revocation: {line.split(' ')[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
