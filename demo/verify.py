"""The Python half of `make demo`: verifies the Rust-issued token and writes target/demo/python.txt
in the exact form of core/examples/demo.rs (see README.md beside this file)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import onejwt

# The fixed verification time: 2026-01-01T00:00:00Z.
NOW = 1_767_225_600
HERE = Path(__file__).resolve().parent


def compact(value: Any) -> str:
    """serde_json's compact form: no spaces, non-ASCII characters as they are."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def verdict(verifier: onejwt.Verifier, token: str, now: int) -> str:
    try:
        return "ok " + compact(verifier.verify(token, now=now))
    except onejwt.JwtError as e:
        return e.code


def tamper(token: str) -> str:
    """Changes the first signature character (to A, or to B if it is A)."""
    dot = token.rfind(".") + 1
    return token[:dot] + ("B" if token[dot] == "A" else "A") + token[dot + 1 :]


def main() -> int:
    out = Path(os.environ.get("CARGO_TARGET_DIR", HERE.parent / "target")) / "demo"
    token_file = out / "token.txt"
    if not token_file.is_file():
        print(f"demo-python: {token_file} is missing; run `make demo-rust` first", file=sys.stderr)
        return 1
    token = token_file.read_text(encoding="utf-8").strip()
    public = onejwt.Key.from_jwk((HERE / "key.public.jwk.json").read_text(encoding="utf-8"))
    verifier = onejwt.Verifier(key=public, algorithms=["EdDSA"], issuer="https://auth.example.com", audience="api")
    claims = verifier.verify(token, now=NOW)
    # Rust sorts the top-level members only (a BTreeMap over the claims); nested objects keep their order.
    lines = f"claims {compact(dict(sorted(claims.items())))}\n"
    lines += f"tampered {verdict(verifier, tamper(token), NOW)}\n"
    lines += f"later {verdict(verifier, token, NOW + 900)}\n"
    (out / "python.txt").write_text(lines, encoding="utf-8")
    print(lines, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
