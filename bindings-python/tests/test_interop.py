"""Interop: tokens signed by PyJWT verify in onejwt, and tokens signed by onejwt verify in PyJWT."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

import onejwt

NOW = 1_700_000_000
SECRET = b"onejwt-test-hs256-secret-32bytes"
CLAIMS = {"sub": "user-1", "iss": "https://issuer.example", "aud": "api", "iat": NOW - 10, "exp": NOW + 600, "roles": ["a", "b"]}

# algorithm -> key name in tests/vectors/keys (None: the HMAC secret)
ALGORITHMS = {"HS256": None, "RS256": "rsa2048", "PS256": "rsa2048", "ES256": "p256", "ES384": "p384", "EdDSA": "ed25519"}


def pyjwt_keys(keys_dir: Path, name: str | None) -> tuple[Any, Any]:
    if name is None:
        return SECRET, SECRET
    private = load_pem_private_key((keys_dir / f"{name}.private.pkcs8.pem").read_bytes(), password=None)
    public = load_pem_public_key((keys_dir / f"{name}.public.spki.pem").read_bytes())
    return private, public


def onejwt_keys(keys_dir: Path, name: str | None) -> tuple[onejwt.Key, onejwt.Key]:
    if name is None:
        return onejwt.Key.hmac(SECRET), onejwt.Key.hmac(SECRET)
    private = onejwt.Key.from_pem((keys_dir / f"{name}.private.pkcs8.pem").read_text())
    public = onejwt.Key.from_jwk((keys_dir / f"{name}.public.jwk").read_text())
    return private, public


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_pyjwt_tokens_verify_in_onejwt(keys_dir: Path, alg: str) -> None:
    private, _ = pyjwt_keys(keys_dir, ALGORITHMS[alg])
    token = jwt.encode(CLAIMS, private, algorithm=alg, headers={"kid": "k1"})
    _, public = onejwt_keys(keys_dir, ALGORITHMS[alg])
    verifier = onejwt.Verifier(key=public, algorithms=[alg], issuer="https://issuer.example", audience="api")
    header, claims = verifier.verify_complete(token, now=NOW)
    assert claims == CLAIMS
    assert header["alg"] == alg and header["kid"] == "k1"
    tampered = jwt.encode({**CLAIMS, "sub": "user-2"}, private, algorithm=alg).split(".")[1]
    parts = token.split(".")
    with pytest.raises(onejwt.InvalidSignatureError):
        verifier.verify(f"{parts[0]}.{tampered}.{parts[2]}", now=NOW)


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_onejwt_tokens_verify_in_pyjwt(keys_dir: Path, alg: str) -> None:
    private, _ = onejwt_keys(keys_dir, ALGORITHMS[alg])
    token = onejwt.sign(CLAIMS, private, alg, kid="k1")
    _, public = pyjwt_keys(keys_dir, ALGORITHMS[alg])
    decoded = jwt.decode(
        token,
        public,
        algorithms=[alg],
        audience="api",
        issuer="https://issuer.example",
        options={"verify_exp": False, "verify_iat": False},
    )
    assert decoded == CLAIMS
    assert jwt.get_unverified_header(token) == {"alg": alg, "kid": "k1", "typ": "JWT"}
