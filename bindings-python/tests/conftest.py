"""Shared fixtures: paths into the repository and the corpus's test keys (never real secrets)."""

from __future__ import annotations

from pathlib import Path

import pytest

import onejwt

ROOT = Path(__file__).resolve().parents[2]
KEYS = ROOT / "tests" / "vectors" / "keys"
SECRET = b"onejwt-test-hs256-secret-32bytes"
NOW = 1_700_000_000


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def keys_dir() -> Path:
    """tests/vectors/keys: the corpus's test keys in every form."""
    return KEYS


@pytest.fixture(scope="session")
def hs_key() -> onejwt.Key:
    """A 32-byte HMAC secret: fits HS256."""
    return onejwt.Key.hmac(SECRET)


@pytest.fixture(scope="session")
def hs_verifier(hs_key: onejwt.Key) -> onejwt.Verifier:
    """An HS256 verifier without claim options."""
    return onejwt.Verifier(key=hs_key, algorithms=["HS256"])


@pytest.fixture(scope="session")
def now() -> int:
    """A fixed verification time (2023-11-14T22:13:20Z)."""
    return NOW
