"""Fixtures: the shared keys and tokens of bench/fixtures.json, read once, never regenerated."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "bench" / "fixtures.json"
ALGORITHMS = ("HS256", "RS256", "ES256", "EdDSA")
# The order the gate reports in; every token here must be refused.
GATE_TOKENS = ("tampered", "wrong_aud", "wrong_iss", "expired", "alg_none")


@dataclass(frozen=True)
class AlgFixture:
    """One algorithm's material: ``secret`` for HS256, the PEM pair otherwise."""

    alg: str
    token: str
    gate: dict[str, str]
    secret: str | None
    private_pem: str | None
    public_pem: str | None


@dataclass(frozen=True)
class Fixtures:
    now: int
    issuer: str
    audience: str
    claims: dict[str, Any]
    algorithms: dict[str, AlgFixture]


def load(path: Path = FIXTURES) -> Fixtures:
    raw = json.loads(path.read_text())
    algorithms = {
        alg: AlgFixture(
            alg=alg,
            token=entry["token"],
            gate={name: entry["gate"][name] for name in GATE_TOKENS},
            secret=entry.get("secret"),
            private_pem=entry.get("private_pem"),
            public_pem=entry.get("public_pem"),
        )
        for alg, entry in raw["algorithms"].items()
    }
    missing = [alg for alg in ALGORITHMS if alg not in algorithms]
    if missing:
        raise SystemExit(f"{path}: no fixtures for {', '.join(missing)}")
    return Fixtures(
        now=raw["now"],
        issuer=raw["issuer"],
        audience=raw["audience"],
        claims=raw["claims"],
        algorithms=algorithms,
    )
