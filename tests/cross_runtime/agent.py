"""The Python side of the cross-runtime TokenService test: reads one JSON request on stdin and writes
the answer as JSON on stdout, exactly as agent.mjs does for the JS runtimes (see README.md)."""

from __future__ import annotations

import json
import sys
from typing import Any

import onejwt


class RecordingStore:
    """A host session store that starts with ``revoked`` and records every token revocation.

    It answers the requests of the store contract the agent's calls make (``onejwt.SessionStore``):
    ``check`` from the revoked ``jti``s, ``revoke_token`` by recording ``{"jti", "expires_at"}`` (Unix
    seconds: the request's ``at`` + ``ttl``, the token's ``exp`` + leeway), ``start`` (a login) with
    ``started``; anything else raises (the service fails closed).
    """

    def __init__(self, revoked: list[str] | None = None) -> None:
        self.jtis = set(revoked or [])
        self.calls: list[dict[str, Any]] = []

    def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
        if request["op"] == "check":
            return {"status": "revoked" if request["jti"] in self.jtis else "valid"}
        if request["op"] == "start":
            return {"status": "started"}
        if request["op"] == "revoke_token":
            self.jtis.add(request["jti"])
            self.calls.append({"jti": request["jti"], "expires_at": (request["at"] + request["ttl"]) // 1000})
            return {"status": "done"}
        raise NotImplementedError(f"the recording store performs no {request['op']}")


def issue(request: dict[str, Any]) -> dict[str, Any]:
    """Per service: an access token, a refresh token (from a login) and one more access token
    revoked at once."""
    now, user = request["now"], request["user"]
    tokens: dict[str, dict[str, str]] = {}
    revocations: dict[str, list[dict[str, Any]]] = {}
    for name, config in request["services"].items():
        store = RecordingStore()
        service = onejwt.TokenService(**config, store=store)

        def access() -> str:
            return service.create_access_token(
                user["user_id"], user["email"], user["permissions"], extra=user["access_extra"], now=now
            )

        session = service.login(user["user_id"], user["email"], user["permissions"], now=now)
        tokens[name] = {"access": access(), "refresh": session.refresh_token, "revoked": access()}
        service.revoke(tokens[name]["revoked"], now=now)
        revocations[name] = store.calls
    return {"tokens": tokens, "revocations": revocations}


def verify(request: dict[str, Any]) -> dict[str, Any]:
    """Every check through ``verify`` (claims or code) and ``validate_token`` (claims or None)."""
    services = {
        name: onejwt.TokenService(**config, store=RecordingStore(request["revoked"]))
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


def keys_generate(request: dict[str, Any]) -> dict[str, Any]:
    """One new key per algorithm, with every export of it (issue 14)."""
    keys: dict[str, Any] = {}
    for alg in request["algorithms"]:
        key = onejwt.Key.generate(alg)
        exported: dict[str, Any] = {"kid": key.kid, "thumbprint": key.thumbprint(),
                                    "private_jwk": key.to_jwk(private=True)}
        if key.family != "hmac":
            exported |= {"private_pem": key.to_pem(private=True), "public_jwk": key.to_jwk(),
                         "public_pem": key.to_pem()}
        keys[alg] = exported
    return {"keys": keys}


def keys_sign(request: dict[str, Any]) -> dict[str, Any]:
    """Each key read back from its private JWK (and PEM), its thumbprint, and the claims signed with it."""
    tokens: dict[str, dict[str, str]] = {}
    thumbprints: dict[str, dict[str, str]] = {}
    for key_id, spec in request["keys"].items():
        forms = {"jwk": onejwt.Key.from_jwk(spec["private_jwk"])}
        if "private_pem" in spec:
            forms["pem"] = onejwt.Key.from_pem(spec["private_pem"])
        tokens[key_id] = {form: onejwt.sign(request["claims"], key, spec["alg"]) for form, key in forms.items()}
        thumbprints[key_id] = {form: key.thumbprint() for form, key in forms.items()}
    return {"tokens": tokens, "thumbprints": thumbprints}


def keys_verify(request: dict[str, Any]) -> dict[str, Any]:
    """Each token verified with the key given as a JWK or a PEM: claims and the header's kid, or the code."""
    results: dict[str, Any] = {}
    for check in request["checks"]:
        try:
            key = onejwt.Key.from_jwk(check["jwk"]) if "jwk" in check else onejwt.Key.from_pem(check["pem"])
            verifier = onejwt.Verifier(key=key, algorithms=[check["alg"]])
            header, claims = verifier.verify_complete(check["token"], now=request["now"])
            results[check["id"]] = {"claims": claims, "kid": header.get("kid")}
        except onejwt.JwtError as e:
            results[check["id"]] = {"code": e.code}
    return {"results": results}


def main() -> int:
    request = json.load(sys.stdin)
    handlers = {"issue": issue, "verify": verify, "keys_generate": keys_generate, "keys_sign": keys_sign,
                "keys_verify": keys_verify}
    if request.get("op") not in handlers:
        print(f"unknown op {request.get('op')!r}", file=sys.stderr)
        return 2
    json.dump(handlers[request["op"]](request), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
