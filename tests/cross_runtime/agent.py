"""The Python side of the cross-runtime TokenService test: reads one JSON request on stdin and writes
the answer as JSON on stdout, exactly as agent.mjs does for the JS runtimes (see README.md)."""

from __future__ import annotations

import json
import sys
from typing import Any

import onejwt


class RecordingStore:
    """A host revocation store that starts with ``revoked`` and records every ``revoke`` call."""

    def __init__(self, revoked: list[str] | None = None) -> None:
        self.jtis = set(revoked or [])
        self.calls: list[dict[str, Any]] = []

    def is_revoked(self, jti: str) -> bool:
        return jti in self.jtis

    def revoke(self, jti: str, expires_at: int) -> None:
        self.jtis.add(jti)
        self.calls.append({"jti": jti, "expires_at": expires_at})


def issue(request: dict[str, Any]) -> dict[str, Any]:
    """Per service: an access token, a refresh token and one more access token revoked at once."""
    now, user = request["now"], request["user"]
    tokens: dict[str, dict[str, str]] = {}
    revocations: dict[str, list[dict[str, Any]]] = {}
    for name, config in request["services"].items():
        store = RecordingStore()
        service = onejwt.TokenService(**config, revocation_store=store)

        def access() -> str:
            return service.create_access_token(
                user["user_id"], user["email"], user["permissions"], extra=user["access_extra"], now=now
            )

        tokens[name] = {
            "access": access(),
            "refresh": service.create_refresh_token(user["user_id"], extra=user["refresh_extra"], now=now),
            "revoked": access(),
        }
        service.revoke(tokens[name]["revoked"], now=now)
        revocations[name] = store.calls
    return {"tokens": tokens, "revocations": revocations}


def verify(request: dict[str, Any]) -> dict[str, Any]:
    """Every check through ``verify`` (claims or code) and ``validate_token`` (claims or None)."""
    services = {
        name: onejwt.TokenService(**config, revocation_store=RecordingStore(request["revoked"]))
        for name, config in request["services"].items()
    }
    results: dict[str, Any] = {}
    for check in request["checks"]:
        service, token, token_type, now = services[check["service"]], check["token"], check["token_type"], check["now"]
        verdict: dict[str, Any]
        try:
            verdict = {"claims": service.verify(token, token_type, now=now)}
        except onejwt.JwtError as e:  # only a token verdict is an answer; anything else crashes the run
            verdict = {"code": e.code}
        results[check["id"]] = {"verify": verdict, "validate": service.validate_token(token, token_type, now=now)}
    return {"results": results}


def main() -> int:
    request = json.load(sys.stdin)
    handlers = {"issue": issue, "verify": verify}
    if request.get("op") not in handlers:
        print(f"unknown op {request.get('op')!r}", file=sys.stderr)
        return 2
    json.dump(handlers[request["op"]](request), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
