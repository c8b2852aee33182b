"""Cross-runtime TokenService interop (issue 7): tokens issued by each of Python, Node, WASM under Node
and WASM in Chromium are verified by all four with the same configuration and clock, and every
verdict must equal the one expected here (see README.md beside this file)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
KEYS = HERE.parent / "vectors" / "keys"

# 2026-01-01T00:00:00Z: every runtime issues and verifies at this instant, never at the wall clock.
NOW = 1_767_225_600
ACCESS_TTL = 600
REFRESH_TTL = 86_400
ISSUER = "https://auth.example.com"
AUDIENCE = "api"

# Each runtime is one command speaking the protocol of README.md on stdin/stdout.
RUNTIMES: dict[str, list[str]] = {
    "python": [sys.executable, str(HERE / "agent.py")],
    "node": ["node", str(HERE / "agent-cli.mjs"), "native"],
    "wasm-node": ["node", str(HERE / "agent-cli.mjs"), "wasm-node"],
    "wasm-browser": ["node", str(HERE / "agent-cli.mjs"), "wasm-browser"],
}


def _secret(name: str) -> str:
    for line in (KEYS / "hmac-secrets.txt").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(" ")
        if key == name:
            return value
    raise LookupError(f"no secret {name} in hmac-secrets.txt")


_COMMON = {"issuer": ISSUER, "audience": AUDIENCE, "access_ttl": ACCESS_TTL, "refresh_ttl": REFRESH_TTL}
# Issuing holds the signing key; verifying the EdDSA tokens uses only the public key, as a resource
# server or a browser would (a verify-only service).
ISSUING = {
    "hs256": {"secret_key": _secret("s32"), **_COMMON},
    "eddsa": {"algorithm": "EdDSA", "private_key": (KEYS / "ed25519.private.pkcs8.pem").read_text(), **_COMMON},
}
VERIFYING = {
    "hs256": ISSUING["hs256"],
    "eddsa": {"algorithm": "EdDSA", "public_key": (KEYS / "ed25519.public.spki.pem").read_text(), **_COMMON},
}
# Nested values, non-ASCII text, booleans and null: what a JSON conversion in a binding could garble.
USER: dict[str, Any] = {
    "user_id": "user-42",
    "email": "ada@example.com",
    "permissions": ["read", "write:élan"],
    "access_extra": {"tenant": "acme", "flags": {"beta": True, "none": None, "n": [1, 2, 3]}},
}
SESSION_TTL = 30 * 86_400  # the default absolute lifetime of a session (issue 13)

# kind → (which issued token, presented as which type, at which time, expected code or None for claims)
KINDS: dict[str, tuple[str, str, int, str | None]] = {
    "access": ("access", "access", NOW, None),
    "access_as_refresh": ("access", "refresh", NOW, "wrong_token_type"),
    "access_at_exp": ("access", "access", NOW + ACCESS_TTL, "expired"),
    "refresh": ("refresh", "refresh", NOW, None),
    "refresh_as_access": ("refresh", "access", NOW, "wrong_token_type"),
    "refresh_at_exp": ("refresh", "refresh", NOW + REFRESH_TTL, "expired"),
    "revoked": ("revoked", "access", NOW, "revoked"),
    "tampered": ("tampered", "access", NOW, "invalid_signature"),
    # An HS256 token at the EdDSA service and the reverse: one algorithm per service.
    "other_service": ("other_service", "access", NOW, "algorithm_not_allowed"),
}


def run_agent(runtime: str, request: dict[str, Any]) -> dict[str, Any]:
    """One request to one runtime; a crash or a non-JSON answer fails loudly with the runtime's stderr."""
    done = subprocess.run(
        RUNTIMES[runtime], input=json.dumps(request), capture_output=True, text=True, timeout=180, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"{runtime} agent exited with {done.returncode}:\n{done.stderr}")
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def segment(token: str, index: int) -> dict[str, Any]:
    """The decoded JSON of a token's header (0) or payload (1), read here without any runtime's help."""
    part = token.split(".")[index]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


def tamper(token: str) -> str:
    """Changes the first signature character (to A, or to B if it is A): all six of its bits count."""
    dot = token.rfind(".") + 1
    return token[:dot] + ("B" if token[dot] == "A" else "A") + token[dot + 1 :]


def expected_claims(kind: str, token: str) -> dict[str, Any]:
    """The exact claims issues 7 and 13 prescribe; only the random `jti` (and a refresh token's random session
    id `sid`) is taken from the token itself."""
    jti = segment(token, 1)["jti"]
    common = {"sub": USER["user_id"], "iat": NOW, "jti": jti, "iss": ISSUER, "aud": AUDIENCE}
    if kind == "access":
        return {
            **common,
            "email": USER["email"],
            "permissions": USER["permissions"],
            "exp": NOW + ACCESS_TTL,
            "type": "access",
            **USER["access_extra"],
        }
    # A refresh token comes from a login: its session's id, generation 0 and the session's absolute end.
    session = {"sid": segment(token, 1)["sid"], "gen": 0, "session_exp": NOW + SESSION_TTL}
    return {**common, "exp": NOW + REFRESH_TTL, "type": "refresh", **session}


@pytest.fixture(scope="module")
def issued() -> dict[str, dict[str, Any]]:
    """runtime → its `issue` answer: tokens per service and the revocations its store recorded."""
    request = {"op": "issue", "now": NOW, "services": ISSUING, "user": USER}
    return {runtime: run_agent(runtime, request) for runtime in RUNTIMES}


def _checks(issued: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    checks = []
    for issuer, answer in issued.items():
        for service, tokens in answer["tokens"].items():
            other = next(name for name in ISSUING if name != service)
            candidates = {
                **tokens,
                "tampered": tamper(tokens["access"]),
                "other_service": answer["tokens"][other]["access"],
            }
            for kind, (which, token_type, now, _) in KINDS.items():
                checks.append(
                    {
                        "id": f"{issuer}/{service}/{kind}",
                        "service": service,
                        "token": candidates[which],
                        "token_type": token_type,
                        "now": now,
                    }
                )
    return checks


@pytest.fixture(scope="module")
def verdicts(issued: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """runtime → check id → {verify, validate}, every runtime answering every check once."""
    revoked = [call["jti"] for answer in issued.values() for calls in answer["revocations"].values() for call in calls]
    request = {"op": "verify", "services": VERIFYING, "revoked": revoked, "checks": _checks(issued)}
    answers = {runtime: run_agent(runtime, request)["results"] for runtime in RUNTIMES}
    for runtime, results in answers.items():
        assert len(results) == len(request["checks"]), f"{runtime} answered {len(results)} checks"
    return answers


def test_every_runtime_issues_the_same_tokens_but_for_the_jti(issued: dict[str, dict[str, Any]]) -> None:
    # The header segment is byte-identical and the payload differs only in `jti` (and a refresh token's `sid`):
    # one core serialises.
    for service in ISSUING:
        for which in ("access", "refresh"):
            by_runtime = {runtime: answer["tokens"][service][which] for runtime, answer in issued.items()}
            headers = {runtime: token.split(".")[0] for runtime, token in by_runtime.items()}
            assert len(set(headers.values())) == 1, f"{service} {which} headers differ: {headers}"
            payloads = {
                runtime: json.dumps({**segment(token, 1), "jti": "*", **({"sid": "*"} if which == "refresh" else {})})
                for runtime, token in by_runtime.items()
            }
            assert len(set(payloads.values())) == 1, f"{service} {which} payloads differ: {payloads}"
    jtis = [segment(t, 1)["jti"] for a in issued.values() for tokens in a["tokens"].values() for t in tokens.values()]
    assert len(jtis) == len(RUNTIMES) * len(ISSUING) * 3
    assert len(set(jtis)) == len(jtis), "a jti repeats across tokens"


def test_every_runtime_hands_its_store_the_same_revocation(issued: dict[str, dict[str, Any]]) -> None:
    for runtime, answer in issued.items():
        for service, calls in answer["revocations"].items():
            token = answer["tokens"][service]["revoked"]
            want = [{"jti": segment(token, 1)["jti"], "expires_at": NOW + ACCESS_TTL}]
            assert calls == want, f"{runtime} {service}: the store received {calls}"


@pytest.mark.parametrize("issuer", list(RUNTIMES))
@pytest.mark.parametrize("service", list(ISSUING))
@pytest.mark.parametrize("kind", list(KINDS))
def test_all_runtimes_give_the_expected_verdict(
    issued: dict[str, dict[str, Any]], verdicts: dict[str, dict[str, Any]], issuer: str, service: str, kind: str
) -> None:
    which, _, _, code = KINDS[kind]
    want = {"code": code} if code else {"claims": expected_claims(which, issued[issuer]["tokens"][service][which])}
    check = f"{issuer}/{service}/{kind}"
    got = {runtime: results[check] for runtime, results in verdicts.items()}
    wrong = {runtime: answer["verify"] for runtime, answer in got.items() if answer["verify"] != want}
    assert not wrong, f"{check}: expected {want}, but\n" + "\n".join(f"  {r}: {v}" for r, v in wrong.items())
    # validate_token is verify without the exception: the same claims, or None for any refusal.
    for runtime, answer in got.items():
        assert answer["validate"] == want.get("claims"), f"{check}: {runtime} validate_token gave {answer['validate']}"
