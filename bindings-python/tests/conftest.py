"""Shared fixtures: paths into the repository, the corpus's test keys (never real secrets) and a
throwaway redis-server (tests/redis/server.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import onejwt

ROOT = Path(__file__).resolve().parents[2]
# The launcher is shared with the other runtimes' tests, outside this package.
sys.path.insert(0, str(ROOT / "tests" / "redis"))
from server import RedisServer  # noqa: E402

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


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A redis-server on a free loopback port for the whole run (tests that stop it start their own)."""
    with RedisServer() as server:
        yield server
