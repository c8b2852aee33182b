"""Threads: one Verifier (and Key) shared by 32 threads reaches the same verdicts as one thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import onejwt

NOW = 1_700_000_000


def verdict(verifier: onejwt.Verifier, token: str) -> str:
    try:
        return "ok " + str(sorted(verifier.verify(token, now=NOW).items()))
    except onejwt.JwtError as e:
        return e.code


def test_shared_verifier_gives_identical_verdicts(keys_dir: Path) -> None:
    signer = onejwt.Key.from_pem((keys_dir / "rsa2048.private.pkcs8.pem").read_text())
    public = onejwt.Key.from_pem((keys_dir / "rsa2048.public.spki.pem").read_text())
    verifier = onejwt.Verifier(key=public, algorithms=["RS256", "PS256"], issuer="https://a.example")
    tokens = []
    for i in range(64):
        claims = {"iss": "https://a.example", "n": i, "exp": NOW + (60 if i % 3 else -60)}
        token = onejwt.sign(claims, signer, "PS256" if i % 2 else "RS256")
        if i % 5 == 0:
            token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        if i % 7 == 0:
            token = token.replace(".", "", 1)
        tokens.append(token)
    expected = [verdict(verifier, t) for t in tokens]
    assert {v.split(" ")[0] for v in expected} == {"ok", "expired", "invalid_signature", "malformed"}
    work = tokens * 8
    with ThreadPoolExecutor(max_workers=32) as pool:
        got = list(pool.map(lambda t: verdict(verifier, t), work))
    assert got == expected * 8


def test_shared_key_signs_concurrently(keys_dir: Path) -> None:
    signer = onejwt.Key.from_pem((keys_dir / "ed25519.private.pkcs8.pem").read_text())
    verifier = onejwt.Verifier(key=signer, algorithms=["EdDSA"])
    with ThreadPoolExecutor(max_workers=32) as pool:
        tokens = list(pool.map(lambda i: onejwt.sign({"i": i}, signer, "EdDSA"), range(256)))
    assert [verifier.verify(t, now=NOW)["i"] for t in tokens] == list(range(256))
    assert tokens[3] == onejwt.sign({"i": 3}, signer, "EdDSA"), "Ed25519 is deterministic"
