"""Builds bench/fixtures.json: the one set of keys and tokens every benchmark uses.

Run: .venv/bin/python bench/make_fixtures.py  (needs PyJWT + cryptography, as the corpus
generator does). Keys are read from bench/keys/ (created once, committed, test-only); tokens
are signed by PyJWT, not by onejwt, so every library under test sees the same independent input.
The gate tokens (tampered signature, wrong aud, wrong iss, expired, alg none) must be refused by
every library before it is timed.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

HERE = Path(__file__).resolve().parent
KEYS = HERE / "keys"
NOW = 1767225600  # 2026-01-01T00:00:00Z, the clock every benchmark passes in
ISSUER = "https://auth.example.com"
AUDIENCE = "https://api.example.com"
SECRET = "bench-secret-bench-secret-bench!"  # 32 bytes: HS256 minimum

CLAIMS = {
    "sub": "user-1234567890",
    "email": "ada.lovelace@example.com",
    "permissions": ["orders:read", "orders:write", "billing:read"],
    "iss": ISSUER,
    "aud": AUDIENCE,
    "iat": NOW - 60,
    "exp": NOW + 900,
    "jti": "0b9f5c4e-8f0a-4c33-9d1e-2f6f6d0e8a11",
    "type": "access",
}


def private_key(name: str, make):
    path = KEYS / f"{name}.private.pem"
    if not path.exists():
        KEYS.mkdir(parents=True, exist_ok=True)
        key = make()
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def public_pem(key) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def tamper(token: str) -> str:
    head, _, sig = token.rpartition(".")
    return f"{head}.{'B' if sig[0] == 'A' else 'A'}{sig[1:]}"


def unsigned(claims: dict) -> str:
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{enc({'alg': 'none', 'typ': 'JWT'})}.{enc(claims)}."


KEY_FILES = {"RS256": "rsa2048", "ES256": "p256", "EdDSA": "ed25519"}


def main() -> None:
    keys = {
        "RS256": private_key("rsa2048", lambda: rsa.generate_private_key(65537, 2048)),
        "ES256": private_key("p256", lambda: ec.generate_private_key(ec.SECP256R1())),
        "EdDSA": private_key("ed25519", ed25519.Ed25519PrivateKey.generate),
    }
    fixtures: dict = {
        "now": NOW,
        "issuer": ISSUER,
        "audience": AUDIENCE,
        "claims": CLAIMS,
        "algorithms": {},
    }
    signing = {"HS256": SECRET, **keys}
    for alg, key in signing.items():
        sign = lambda claims: jwt.encode(claims, key, algorithm=alg)  # noqa: E731
        token = sign(CLAIMS)
        entry = {
            "token": token,
            "gate": {
                "tampered": tamper(token),
                "wrong_aud": sign({**CLAIMS, "aud": "https://other.example.com"}),
                "wrong_iss": sign({**CLAIMS, "iss": "https://evil.example.com"}),
                "expired": sign({**CLAIMS, "exp": NOW - 1}),
                "alg_none": unsigned(CLAIMS),
            },
        }
        if alg == "HS256":
            entry["secret"] = SECRET
        else:
            entry["private_pem"] = (KEYS / f"{KEY_FILES[alg]}.private.pem").read_text()
            entry["public_pem"] = public_pem(key)
        fixtures["algorithms"][alg] = entry
    (HERE / "fixtures.json").write_text(json.dumps(fixtures, indent=2) + "\n")
    print(f"wrote {HERE / 'fixtures.json'}: {', '.join(fixtures['algorithms'])}")


if __name__ == "__main__":
    main()
