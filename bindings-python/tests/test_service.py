"""Service: onejwt.TokenService from Python: configuration (kwargs and environment), sessions (login,
refresh, reuse, grace, logout, lifetime), a host session store (requests, failures, interrupts),
threads, validate_token on garbage, the cache key, metrics and extract_token."""

from __future__ import annotations

import gc
import json
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

import pytest

import onejwt
from onejwt import TokenService

NOW = 1_700_000_000
SECRET = "service-secret-service-secret-32"
ISSUER = "https://auth.example"


def make(**options: Any) -> TokenService:
    return TokenService(secret_key=SECRET, issuer=ISSUER, audience="api", **options)


def claims_of(token: str) -> dict[str, Any]:
    return onejwt.decode_unverified(token)[1]


class Script:
    """A host session store answering each request with `answer(request)`, logging the requests."""

    def __init__(self, answer: Callable[[onejwt.StoreRequest], Any]) -> None:
        self.answer = answer
        self.requests: list[onejwt.StoreRequest] = []

    def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
        self.requests.append(request)
        reply: onejwt.StoreReply = self.answer(request)
        return reply


def agreeing(request: onejwt.StoreRequest) -> onejwt.StoreReply:
    """Every answer a store gives when nothing is revoked: what the plumbing tests need."""
    replies: dict[str, onejwt.StoreReply] = {
        "check": {"status": "valid"},
        "start": {"status": "started"},
        "revoke_token": {"status": "done"},
        "revoke_session": {"status": "done"},
    }
    return replies[request["op"]]


class Revocations:
    """A thread-safe host store for tokens outside sessions (check and revoke_token only)."""

    def __init__(self) -> None:
        self.revoked: set[str] = set()
        self.lock = threading.Lock()

    def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
        with self.lock:
            if request["op"] == "revoke_token":
                self.revoked.add(request["jti"])
                return {"status": "done"}
            assert request["op"] == "check"
            return {"status": "revoked" if request["jti"] in self.revoked else "valid"}


# --- configuration -------------------------------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No JWT_* variable from the machine running the tests."""
    import os

    for name in list(os.environ):
        if name.startswith("JWT_"):
            monkeypatch.delenv(name)
    yield monkeypatch


def test_from_env_without_a_secret_fails_clearly(clean_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(onejwt.OptionsValueError) as err:
        TokenService.from_env()
    assert err.value.option == "JWT_SECRET_KEY"
    assert "no default secret" in str(err.value)


def test_from_env_refuses_a_weak_secret_without_echoing_it(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("JWT_SECRET_KEY", "hunter2-hunter2")
    with pytest.raises(ValueError) as err:
        TokenService.from_env()
    assert isinstance(err.value, onejwt.OptionsError) and err.value.option == "JWT_SECRET_KEY"
    assert "hunter2" not in str(err.value)
    clean_env.setenv("JWT_SECRET_KEY", SECRET)
    clean_env.setenv("JWT_ALGORITHM", "HS512")  # 32 bytes fit HS256, not HS512
    with pytest.raises(onejwt.OptionsValueError, match="JWT_SECRET_KEY"):
        TokenService.from_env()


def test_from_env_reads_every_setting(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("JWT_SECRET_KEY", SECRET)
    clean_env.setenv("JWT_ISSUER", ISSUER)
    clean_env.setenv("JWT_AUDIENCE", "api")
    clean_env.setenv("JWT_ACCESS_TTL", "60")
    clean_env.setenv("JWT_SESSION_TTL", "3600")
    clean_env.setenv("JWT_LEEWAY", "")  # empty counts as unset
    store = Script(agreeing)
    service = TokenService.from_env(store=store)
    pair = service.login("42", now=NOW)
    claims = service.verify(pair.access_token, now=NOW)
    assert (claims["iss"], claims["aud"], claims["exp"] - claims["iat"]) == (ISSUER, "api", 60)
    assert claims_of(pair.refresh_token)["session_exp"] == NOW + 3600
    assert [r["op"] for r in store.requests] == ["start", "check"]
    # The same secret in code gives a service that accepts the environment's tokens.
    assert make().verify(service.create_access_token("42", now=NOW), now=NOW)["sub"] == "42"
    clean_env.setenv("JWT_ACCESS_TTL", "15m")
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        TokenService.from_env()
    assert str(type_err.value) == "invalid option `JWT_ACCESS_TTL`: must be a whole number"
    assert type_err.value.option == "JWT_ACCESS_TTL"
    clean_env.setenv("JWT_ACCESS_TTL", "60")
    clean_env.setenv("JWT_REUSE_GRACE", "61")
    with pytest.raises(onejwt.OptionsValueError) as err:
        TokenService.from_env()
    assert str(err.value) == "invalid option `JWT_REUSE_GRACE`: must be at most 60 (1 minute)"


def test_constructor_options_are_validated_by_the_core() -> None:
    with pytest.raises(onejwt.OptionsValueError) as err:
        TokenService()
    assert err.value.option == "secret_key"
    with pytest.raises(onejwt.OptionsValueError, match="unknown option") as err:
        make(access_tll=60)
    assert err.value.option == "access_tll"
    for option, value in [("access_ttl", True), ("leeway", [1]), ("cache_size", object()), ("session_ttl", "1d")]:
        with pytest.raises(onejwt.OptionsTypeError) as type_err:
            make(**{option: value})
        assert type_err.value.option == option
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        TokenService(secret_key=SECRET.encode())  # type: ignore[arg-type]  # text, as in the environment
    assert type_err.value.option == "secret_key"
    with pytest.raises(onejwt.OptionsValueError) as err:
        make(refresh_ttl=0)
    assert err.value.option == "refresh_ttl"
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        make(access_ttl=1.5)
    assert str(type_err.value) == "invalid option `access_ttl`: must be a whole number"
    assert repr(make(cache_size=None, store=None)) == "TokenService(algorithm='HS256')"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("cache_size", 2**63, "must be at most 1,000,000"),  # was allocated up front: a PanicException
        ("cache_size", 1e30, "must be at most 1,000,000"),
        ("max_revocations", 0, "must be at least 1"),
        ("max_sessions", 10_000_001, "must be at most 10,000,000"),
        ("leeway", 2**64 - 1, "must be at most 3600 (1 hour)"),
        ("access_ttl", 900_000, "must be at most 86,400 (1 day)"),  # 15 minutes in milliseconds
        ("cache_ttl", 0, "must be at least 1 second"),
        ("session_ttl", 0, "must be at least 1 second"),
        ("reuse_grace", 61, "must be at most 60 (1 minute)"),
    ],
)
def test_settings_outside_their_ranges_are_value_errors(option: str, value: Any, message: str) -> None:
    with pytest.raises(onejwt.OptionsValueError) as err:
        make(**{option: value})
    assert (err.value.option, str(err.value)) == (option, f"invalid option `{option}`: {message}")


def test_a_jwks_without_a_key_for_the_algorithm_is_refused(keys_dir: Path) -> None:
    jwks = {"keys": [json.loads((keys_dir / "ed25519.public.jwk").read_text())]}
    with pytest.raises(onejwt.OptionsValueError, match="holds no key that can verify RS256") as err:
        TokenService(algorithm="RS256", jwks=jwks)
    assert err.value.option == "jwks"


@pytest.mark.parametrize(
    ("name", "hint"),
    [("secret", "secret_key"), ("expiresIn", "access_ttl"), ("alg", "algorithm"), ("secretKey", "secret_key")],
)
def test_another_librarys_option_name_gets_a_hint(name: str, hint: str) -> None:
    config: dict[str, Any] = {"secret_key": SECRET, name: "x"} if name != "secret" else {name: SECRET}
    with pytest.raises(onejwt.OptionsValueError) as err:
        TokenService(**config)
    assert str(err.value) == f"invalid option `{name}`: unknown option (onejwt calls it `{hint}`)"


def test_the_old_revocation_store_option_points_to_store() -> None:
    # The hint comes from the core's name check, before the value's (missing) JSON form matters.
    for value in [Revocations(), "x", object()]:
        with pytest.raises(onejwt.OptionsValueError) as err:
            make(revocation_store=value)
        assert str(err.value) == "invalid option `revocation_store`: unknown option (onejwt calls it `store`)"
    # A known option with a value that has no JSON form stays a TypeError naming it.
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        TokenService(secret_key=SECRET, issuer=Revocations())  # type: ignore[arg-type]
    assert type_err.value.option == "issuer"


def test_kid_goes_into_every_issued_header(clean_env: pytest.MonkeyPatch) -> None:
    service = make(kid="2026-01")
    pair = service.login("42", now=NOW)
    tokens = [service.create_access_token("42", now=NOW), *pair, *service.refresh(pair.refresh_token, now=NOW)]
    assert [onejwt.decode_unverified(t)[0]["kid"] for t in tokens] == ["2026-01"] * 5
    # Without one, the key's RFC 7638 thumbprint names it (issue 14).
    unnamed = make()
    assert onejwt.decode_unverified(unnamed.create_access_token("42", now=NOW))[0]["kid"] == unnamed.signing_kid
    with pytest.raises(onejwt.OptionsTypeError) as err:
        make(kid=1)
    assert err.value.option == "kid"
    clean_env.setenv("JWT_SECRET_KEY", SECRET)
    clean_env.setenv("JWT_KID", "from-env")
    token = TokenService.from_env().create_access_token("42", now=NOW)
    assert onejwt.decode_unverified(token)[0]["kid"] == "from-env"
    # A verifier holding a JWKS picks the service's key by that kid.
    jwks = {"keys": [{"kty": "oct", "kid": "from-env", "k": "c2VydmljZS1zZWNyZXQtc2VydmljZS1zZWNyZXQtMzI", "alg": "HS256"}]}
    verifier = onejwt.Verifier(keys=onejwt.KeySet.from_jwks(jwks, allow_oct=True), algorithms=["HS256"])
    assert verifier.verify(token, now=NOW)["sub"] == "42"


def test_a_public_key_cannot_be_an_hmac_secret(keys_dir: Path) -> None:
    pem = (keys_dir / "rsa2048.public.spki.pem").read_text()
    with pytest.raises(onejwt.OptionsValueError) as err:
        TokenService(secret_key=pem)
    assert err.value.option == "secret_key"


def test_asymmetric_and_verify_only_services(keys_dir: Path) -> None:
    private = (keys_dir / "ed25519.private.pkcs8.pem").read_text()
    public = (keys_dir / "ed25519.public.spki.pem").read_text()
    issuer = TokenService(algorithm="EdDSA", private_key=private, issuer=ISSUER)
    verifier = TokenService(algorithm="EdDSA", public_key=public, issuer=ISSUER)
    token = issuer.create_access_token("42", now=NOW)
    assert verifier.verify(token, now=NOW)["sub"] == "42"
    assert verifier.health()["can_issue"] is False
    with pytest.raises(onejwt.InvalidKeyError):
        verifier.create_access_token("42", now=NOW)
    with pytest.raises(onejwt.InvalidKeyError):
        verifier.login("42", now=NOW)
    # A service token is an ordinary JWT: the Verifier of the same core accepts it.
    plain = onejwt.Verifier(key=onejwt.Key.from_pem(public), algorithms=["EdDSA"], issuer=ISSUER)
    assert plain.verify(token, now=NOW)["type"] == "access"


# --- issuing and verifying -----------------------------------------------------------------------


def test_issue_and_verify_claims() -> None:
    service = make()
    token = service.create_access_token("42", "ada@example.com", ("read", "write"), extra={"tenant": "t1"}, now=NOW)
    claims = service.verify(token, now=NOW)
    assert {k: claims[k] for k in ["sub", "email", "permissions", "iat", "exp", "iss", "aud", "type", "tenant"]} == {
        "sub": "42",
        "email": "ada@example.com",
        "permissions": ["read", "write"],
        "iat": NOW,
        "exp": NOW + 900,
        "iss": ISSUER,
        "aud": "api",
        "type": "access",
        "tenant": "t1",
    }
    assert isinstance(claims["jti"], str) and len(claims["jti"]) >= 22
    assert "sid" not in claims, "create_access_token issues outside any session"
    aware = datetime.fromtimestamp(NOW, tz=timezone.utc)
    assert service.verify(token, now=aware)["sub"] == "42"
    with pytest.raises(ValueError, match="timezone-aware"):
        service.verify(token, now=datetime(2023, 11, 14))


def test_dates_in_extra_and_now_follow_the_time_rule() -> None:
    service = make()
    at = datetime.fromtimestamp(NOW, tz=timezone.utc)
    token = service.create_access_token("42", extra={"login_at": at, "seen": [at]}, now=at)
    claims = service.verify(token, now=NOW + 0.5)
    assert (claims["login_at"], claims["seen"], claims["iat"]) == (NOW, [NOW], NOW)
    pair = service.login("42", extra={"at": at}, now=at)
    assert service.verify(pair.access_token, now=at)["at"] == NOW
    with pytest.raises(onejwt.OptionsValueError, match="^invalid option `extra`: a datetime must be timezone-aware"):
        service.create_access_token("42", extra={"at": datetime(2023, 11, 14)}, now=NOW)
    with pytest.raises(onejwt.OptionsValueError, match="^invalid option `now`: must be a finite time"):
        service.login("42", now=1e13)


def test_every_per_token_call_takes_the_call_options() -> None:
    service = make()
    token = service.create_access_token("42", now=NOW)
    refresh = service.login("42", now=NOW).refresh_token
    calls: list[Any] = [
        lambda **o: service.verify(token, **o),
        lambda **o: service.validate_token(token, "access", **o),
        lambda **o: service.extract_user_id(token, **o),
        lambda **o: service.is_revoked(token, **o),
        lambda **o: service.revoke(token, **o),
        lambda **o: service.logout(token, **o),
        lambda **o: service.refresh(refresh, **o),
        lambda **o: service.login("42", **o),
    ]
    for call in calls:
        with pytest.raises(onejwt.OptionsValueError) as err:
            call(current_date=NOW)
        assert str(err.value) == "invalid option `current_date`: unknown option (onejwt calls it `now`)"
        with pytest.raises(onejwt.OptionsTypeError) as type_err:
            call(now="2023-11-14")
        assert str(type_err.value) == "invalid option `now`: must be Unix seconds (a number) or a date"
    with pytest.raises(onejwt.ExpiredError):
        service.verify(token, now=datetime.fromtimestamp(NOW + 900, tz=timezone.utc))
    assert service.validate_token(token, now=NOW + 899.9) is not None


def test_validate_token_gives_the_claims_verify_gives() -> None:
    service = make(cache_size=8)
    big = {"big": 2**64 - 1, "neg": -(2**63), "f": 1.0, "nested": {"l": [1, "a", None, True]}}
    token = service.create_access_token("42", "ada@example.com", ["read"], extra=big, now=NOW)
    for _ in range(2):  # a cache miss, then a hit
        validated = service.validate_token(token, now=NOW)
        assert validated == service.verify(token, now=NOW)
        assert validated is not None and list(validated) == list(service.verify(token, now=NOW))
        assert type(validated["big"]) is int and type(validated["f"]) is float
    assert (service.metrics()["cache_misses"], service.metrics()["cache_hits"]) == (1, 5)


def test_jti_values_are_unique() -> None:
    service = make()
    tokens = [service.create_access_token("42", now=NOW) for _ in range(200)]
    assert len({service.verify(t, now=NOW)["jti"] for t in tokens}) == 200


def test_argument_mistakes_are_type_and_value_errors() -> None:
    service = make()
    for issue in (service.create_access_token, service.login):
        with pytest.raises(onejwt.OptionsValueError) as err:
            issue("42", extra={"sub": "admin"}, now=NOW)
        assert err.value.option == "extra"
        with pytest.raises(onejwt.OptionsValueError) as err:
            issue("", now=NOW)
        assert err.value.option == "user_id"
        with pytest.raises(onejwt.OptionsTypeError) as type_err:
            issue("42", None, "admin", now=NOW)  # type: ignore[arg-type]
        assert str(type_err.value) == "invalid option `permissions`: must be a list of strings"
        with pytest.raises(onejwt.OptionsTypeError) as type_err:
            issue("42", None, ["read", 1], now=NOW)  # type: ignore[list-item]
        assert str(type_err.value) == "invalid option `permissions`: must hold only strings"
        with pytest.raises(onejwt.OptionsTypeError) as type_err:
            issue("42", 7, now=NOW)  # type: ignore[arg-type]
        assert (type_err.value.option, str(type_err.value)) == ("email", "invalid option `email`: must be a string")
        with pytest.raises(onejwt.OptionsTypeError) as type_err:
            issue("42", extra=[("tenant", "t1")], now=NOW)  # type: ignore[arg-type]
        assert str(type_err.value) == "invalid option `extra`: must be an object"
        with pytest.raises(onejwt.OptionsValueError) as err:
            issue("42", scopes=["read"], now=NOW)  # type: ignore[call-arg]
        assert str(err.value) == "invalid option `scopes`: unknown option (onejwt calls it `permissions`)"
        with pytest.raises(TypeError):
            issue(42, now=NOW)  # type: ignore[arg-type]
    refresh = service.login("42", now=NOW).refresh_token
    with pytest.raises(onejwt.OptionsValueError) as err:
        service.refresh(refresh, roles=["admin"], now=NOW)  # type: ignore[call-arg]
    assert str(err.value) == "invalid option `roles`: unknown option (onejwt calls it `permissions`)"
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        service.refresh(refresh, email=["a@b"], now=NOW)  # type: ignore[arg-type]
    assert type_err.value.option == "email"
    token = service.create_access_token("42", now=NOW)
    for call in (service.verify, service.validate_token):
        with pytest.raises(onejwt.OptionsValueError) as err:
            call(token, "id", now=NOW)  # type: ignore[arg-type]
        assert err.value.option == "token_type"
        assert str(err.value).startswith("invalid argument `token_type`: ")
        # None is the core's default type, as for every argument bag.
        assert call(token, None, now=NOW) is not None  # type: ignore[arg-type]


def test_access_and_refresh_tokens_are_never_interchangeable() -> None:
    service = make()
    access, refresh = service.login("42", now=NOW)
    with pytest.raises(onejwt.WrongTokenTypeError) as err:
        service.verify(access, "refresh", now=NOW)
    assert err.value.claim == "type"
    with pytest.raises(onejwt.WrongTokenTypeError):
        service.verify(refresh, now=NOW)
    with pytest.raises(onejwt.WrongTokenTypeError):
        service.refresh(access, now=NOW)
    assert service.extract_user_id(refresh, now=NOW) is None
    assert service.extract_user_id(access, now=NOW) == "42"


# --- sessions ------------------------------------------------------------------------------------


def test_login_starts_a_session_that_every_token_of_it_names() -> None:
    service = make()
    pair = service.login("42", "ada@example.com", ["read"], extra={"tenant": "t1"}, now=NOW)
    assert isinstance(pair, onejwt.TokenPair)
    access, refresh = pair
    assert (access, refresh) == (pair.access_token, pair.refresh_token)
    claims = service.verify(access, now=NOW)
    assert (claims["email"], claims["permissions"], claims["tenant"], claims["exp"]) == (
        "ada@example.com",
        ["read"],
        "t1",
        NOW + 900,
    )
    refresh_claims = service.verify(refresh, "refresh", now=NOW)
    assert refresh_claims["sid"] == claims["sid"] and len(claims["sid"]) >= 22
    assert (refresh_claims["gen"], refresh_claims["session_exp"], refresh_claims["exp"]) == (0, NOW + 30 * 86400, NOW + 7 * 86400)
    assert "email" not in refresh_claims and "tenant" not in refresh_claims
    assert service.login("42", now=NOW).access_token != access
    assert claims_of(service.login("42", now=NOW).access_token)["sid"] != claims["sid"]
    metrics = service.metrics()
    assert (metrics["sessions_started"], metrics["issued_access"], metrics["issued_refresh"]) == (3, 3, 3)


def test_refresh_advances_the_session_and_a_reuse_revokes_all_of_it() -> None:
    service = make()
    first = service.login("42", "ada@example.com", ["read"], now=NOW)
    second = service.refresh(first.refresh_token, now=NOW + 5)
    third = service.refresh(second.refresh_token, now=NOW + 6)
    sid = claims_of(first.access_token)["sid"]
    assert [claims_of(p.refresh_token)["gen"] for p in (first, second, third)] == [0, 1, 2]
    assert {claims_of(t)["sid"] for p in (first, second, third) for t in p} == {sid}
    assert service.verify(third.access_token, now=NOW + 6)["iat"] == NOW + 6
    # A used refresh token is refused by verify and is_revoked, before anyone presents it again.
    assert service.is_revoked(first.refresh_token, now=NOW + 6)
    assert service.validate_token(second.refresh_token, "refresh", now=NOW + 6) is None
    assert service.validate_token(first.access_token, now=NOW + 6) is not None, "access tokens live on"
    # Presenting generation 0 again: reuse, and every token of the session is dead, the newest too.
    with pytest.raises(onejwt.RevokedError, match="already used"):
        service.refresh(first.refresh_token, now=NOW + 7)
    for token, token_type in [(first.access_token, "access"), (third.access_token, "access"), (third.refresh_token, "refresh")]:
        with pytest.raises(onejwt.RevokedError):
            service.verify(token, token_type, now=NOW + 7)  # type: ignore[arg-type]
    with pytest.raises(onejwt.RevokedError, match="revoked"):
        service.refresh(third.refresh_token, now=NOW + 8)
    assert service.metrics()["sessions_reused"] == 1
    # Another session of the same user is untouched.
    other = service.login("42", now=NOW + 8)
    assert service.refresh(other.refresh_token, now=NOW + 9).access_token


def test_refresh_carries_the_recorded_claims_unless_given() -> None:
    service = make()
    pair = service.login("42", "ada@example.com", ["read"], extra={"tenant": "t1"}, now=NOW)
    kept = service.refresh(pair.refresh_token, now=NOW + 1)
    claims = service.verify(kept.access_token, now=NOW + 1)
    assert (claims["email"], claims["permissions"], claims["tenant"]) == ("ada@example.com", ["read"], "t1")
    changed = service.refresh(kept.refresh_token, permissions=["read", "admin"], extra={"plan": "pro"}, now=NOW + 2)
    claims = service.verify(changed.access_token, now=NOW + 2)
    assert (claims["email"], claims["permissions"], claims["plan"]) == ("ada@example.com", ["read", "admin"], "pro")
    assert "tenant" not in claims, "extra given replaces all the recorded extra claims"
    # The update is for that access token; the session keeps what login recorded.
    again = service.verify(service.refresh(changed.refresh_token, now=NOW + 3).access_token, now=NOW + 3)
    assert (again["permissions"], again["tenant"]) == (["read"], "t1")
    with pytest.raises(onejwt.OptionsValueError) as err:
        service.refresh(changed.refresh_token, extra={"sid": "mine"}, now=NOW + 4)
    assert err.value.option == "extra"


def test_reuse_grace_lets_the_previous_refresh_token_through_briefly() -> None:
    service = make(reuse_grace=5)
    first = service.login("42", now=NOW)
    second = service.refresh(first.refresh_token, now=NOW + 10)
    # Two tabs: the previous token again within 5 s gets a pair of the current generation.
    retried = service.refresh(first.refresh_token, now=NOW + 14)
    assert claims_of(retried.refresh_token)["gen"] == claims_of(second.refresh_token)["gen"] == 1
    assert service.validate_token(first.refresh_token, "refresh", now=NOW + 14) is not None
    # Past the window it is reuse, and the session ends.
    with pytest.raises(onejwt.RevokedError):
        service.refresh(first.refresh_token, now=NOW + 15)
    with pytest.raises(onejwt.RevokedError):
        service.verify(second.access_token, now=NOW + 15)
    # Only the immediately previous generation has a grace: two back is reuse at once.
    other = make(reuse_grace=60)
    g0 = other.login("42", now=NOW)
    g1 = other.refresh(g0.refresh_token, now=NOW + 1)
    other.refresh(g1.refresh_token, now=NOW + 2)
    with pytest.raises(onejwt.RevokedError):
        other.refresh(g0.refresh_token, now=NOW + 3)
    # Off by default.
    plain = make()
    g0 = plain.login("42", now=NOW)
    plain.refresh(g0.refresh_token, now=NOW + 1)
    with pytest.raises(onejwt.RevokedError):
        plain.refresh(g0.refresh_token, now=NOW + 1)


def test_a_session_ends_at_its_absolute_lifetime() -> None:
    service = make(session_ttl=3600, refresh_ttl=1800, access_ttl=900)
    pair = service.login("42", now=NOW)
    for minute in range(1, 60, 20):
        pair = service.refresh(pair.refresh_token, now=NOW + minute * 60)
    # Tokens never outlive the session, however late they were issued.
    late = service.refresh(pair.refresh_token, now=NOW + 3500)
    assert claims_of(late.refresh_token)["exp"] == claims_of(late.access_token)["exp"] == NOW + 3600
    with pytest.raises(onejwt.ExpiredError):
        service.refresh(late.refresh_token, now=NOW + 3600)
    assert service.login("42", now=NOW + 3600).access_token


def test_logout_ends_the_session_and_revoke_one_token() -> None:
    service = make()
    pair = service.login("42", now=NOW)
    other = service.login("42", now=NOW)
    service.revoke(pair.access_token, now=NOW)
    assert service.is_revoked(pair.access_token, now=NOW)
    assert not service.is_revoked(pair.refresh_token, now=NOW), "revoke takes an access token alone"
    pair = service.refresh(pair.refresh_token, now=NOW + 1)
    service.logout(pair.access_token, now=NOW + 1)
    for token, token_type in [(pair.access_token, "access"), (pair.refresh_token, "refresh")]:
        with pytest.raises(onejwt.RevokedError):
            service.verify(token, token_type, now=NOW + 1)  # type: ignore[arg-type]
    with pytest.raises(onejwt.RevokedError):
        service.refresh(pair.refresh_token, now=NOW + 2)
    # Revoking a refresh token ends its session too (it stands for it); logging out twice succeeds.
    service.revoke(other.refresh_token, now=NOW + 2)
    assert service.validate_token(other.access_token, now=NOW + 2) is None
    service.logout(other.refresh_token, now=NOW + 2)
    # A token outside any session is revoked alone by logout.
    loose = service.create_access_token("42", now=NOW)
    service.logout(loose, now=NOW)
    assert service.is_revoked(loose, now=NOW)
    assert service.metrics()["revoked"] == 5
    # A token that does not verify revokes nothing.
    stranger = TokenService(
        secret_key="another-secret-another-secret-32", issuer=ISSUER, audience="api", kid=service.signing_kid
    )
    with pytest.raises(onejwt.InvalidSignatureError):
        service.logout(stranger.login("42", now=NOW).access_token, now=NOW)


def test_revocations_hold_through_the_leeway() -> None:
    # A revoked or used token stays refused until exp + leeway, when the verifier stops accepting it.
    service = make(leeway=60, access_ttl=60, refresh_ttl=120)
    pair = service.login("42", now=NOW)
    service.revoke(pair.access_token, now=NOW)
    newer = service.refresh(pair.refresh_token, now=NOW + 1)
    for late in (NOW + 61, NOW + 119):  # past exp, within the leeway
        with pytest.raises(onejwt.RevokedError):
            service.verify(pair.access_token, now=late)
        assert service.is_revoked(pair.access_token, now=late)
    with pytest.raises(onejwt.RevokedError):
        service.refresh(pair.refresh_token, now=NOW + 170)  # exp 120 + leeway 60: still reuse
    with pytest.raises(onejwt.RevokedError):
        service.verify(newer.access_token, now=NOW + 61)
    with pytest.raises(onejwt.ExpiredError):
        service.verify(pair.access_token, now=NOW + 121)


def test_rotation_never_fills_the_in_memory_store() -> None:
    # 10x the store's capacity in rotations: a rotation rewrites its session, it adds nothing.
    service = make(max_sessions=20, max_revocations=20)
    pairs = [service.login(str(user), now=NOW) for user in range(20)]
    for round_ in range(10):
        pairs = [service.refresh(p.refresh_token, now=NOW + 1 + round_) for p in pairs]
    assert all(service.validate_token(p.access_token, now=NOW + 11) for p in pairs)
    # Full of live sessions: a new login is refused (503, not 401), counted; a refresh never is.
    with pytest.raises(onejwt.StoreUnavailableError, match="max_sessions"):
        service.login("21", now=NOW + 11)
    metrics = service.metrics()
    assert (metrics["sessions_started"], metrics["sessions_refused"], metrics["store_errors"]) == (20, 1, 0)
    pairs[0] = service.refresh(pairs[0].refresh_token, now=NOW + 12)
    # A session leaves the store once every token it issued has expired, making room.
    assert service.login("21", now=NOW + 13 + 7 * 86400).access_token


def test_one_refresh_token_wins_once_across_threads() -> None:
    # The in-memory store advances a session by compare-and-set: of 16 racers exactly one wins,
    # and the others are reuse, which revokes the session, the winner's new pair included.
    for _ in range(20):
        service = make(algorithm="HS256")
        old = service.login("42", now=NOW).refresh_token
        barrier = threading.Barrier(16)

        def attempt(_: int) -> Optional[onejwt.TokenPair]:
            barrier.wait()
            try:
                return service.refresh(old, now=NOW + 1)
            except onejwt.RevokedError:
                return None

        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(attempt, range(16)))
        winners = [pair for pair in results if pair is not None]
        assert len(winners) == 1
        assert service.validate_token(winners[0].access_token, now=NOW + 1) is None
        assert service.metrics()["sessions_reused"] >= 1


# --- a host session store ------------------------------------------------------------------------


def test_a_host_store_gets_the_requests_of_the_contract() -> None:
    store = Script(agreeing)
    service = make(store=store, cache_size=8)
    pair = service.login("42", "ada@example.com", ["read"], now=NOW)
    start = store.requests[-1]
    assert (start["op"], start["ttl"], start["at"]) == ("start", 7 * 86400 * 1000, NOW * 1000)
    assert json.loads(start["record"]) == {"email": "ada@example.com", "permissions": ["read"], "extra": {}}
    sid = claims_of(pair.access_token)["sid"]
    assert start["session"] == sid
    jti = service.verify(pair.access_token, now=NOW + 1)["jti"]
    service.verify(pair.access_token, now=NOW + 1)  # a cache hit asks the store all the same
    assert store.requests[-2:] == [{"op": "check", "session": sid, "jti": jti, "generation": None, "at": (NOW + 1) * 1000}] * 2
    assert service.metrics()["cache_hits"] == 1
    service.revoke(pair.access_token, now=NOW + 1)
    assert store.requests[-1] == {"op": "revoke_token", "session": sid, "jti": jti, "ttl": 899_000, "at": (NOW + 1) * 1000}
    service.logout(pair.refresh_token, now=NOW + 1)
    assert store.requests[-1]["op"] == "revoke_session" and store.requests[-1]["session"] == sid
    assert not service.is_revoked(pair.refresh_token, now=NOW + 1)  # the store said valid
    assert store.requests[-1]["generation"] == 0


def test_refresh_issues_from_the_stores_reply() -> None:
    def advance(request: onejwt.StoreRequest) -> onejwt.StoreReply:
        if request["op"] == "advance":
            assert (request["generation"], request["grace"]) == (0, 5000)
            return {"status": "advanced", "generation": 7, "record": json.dumps({"email": "new@example.com", "permissions": ["x"]})}
        return agreeing(request)

    service = make(store=Script(advance), reuse_grace=5)
    pair = service.refresh(service.login("42", now=NOW).refresh_token, now=NOW + 1)
    assert claims_of(pair.refresh_token)["gen"] == 7
    assert (claims_of(pair.access_token)["email"], claims_of(pair.access_token)["permissions"]) == ("new@example.com", ["x"])
    for status in ["reused", "revoked", "unknown"]:

        def refusing(request: onejwt.StoreRequest, status: str = status) -> Any:
            return {"status": status} if request["op"] == "advance" else agreeing(request)

        answering = make(store=Script(refusing))
        with pytest.raises(onejwt.RevokedError):
            answering.refresh(answering.login("42", now=NOW).refresh_token, now=NOW + 1)


def test_two_services_share_one_store() -> None:
    store = Revocations()
    a, b = make(store=store), make(store=store)
    token = a.create_access_token("42", now=NOW)
    assert not b.is_revoked(token, now=NOW)
    a.revoke(token, now=NOW)
    assert b.is_revoked(token, now=NOW)
    with pytest.raises(onejwt.RevokedError) as err:
        b.verify(token, now=NOW)
    assert err.value.claim == "jti"
    assert b.validate_token(token, now=NOW) is None
    assert a.metrics()["revoked"] == 1


class Outage(ConnectionError):
    pass


def failing(error: BaseException) -> Callable[[onejwt.StoreRequest], Any]:
    def answer(request: onejwt.StoreRequest) -> Any:
        if request["op"] == "start":
            return {"status": "started"}
        raise error

    return answer


def test_a_failing_store_fails_closed_and_keeps_the_exception() -> None:
    outage = Outage("redis://user:pa55word@cache:6379 unreachable")
    service = make(store=Script(failing(outage)))
    pair = service.login("42", now=NOW)
    token = pair.access_token
    calls: list[Callable[[], Any]] = [
        lambda: service.verify(token, now=NOW),
        lambda: service.validate_token(token, now=NOW),  # an outage is no verdict: not None
        lambda: service.extract_user_id(token, now=NOW),
        lambda: service.is_revoked(token, now=NOW),
        lambda: service.revoke(token, now=NOW),
        lambda: service.logout(token, now=NOW),
        lambda: service.refresh(pair.refresh_token, now=NOW),
    ]
    for call in calls:
        with pytest.raises(onejwt.StoreUnavailableError) as err:
            call()
        message = str(err.value)
        assert message.startswith("store_unavailable: the session store failed (Outage); failing closed")
        assert "pa55word" not in message and token not in message and token not in repr(err.value)
        assert err.value.__cause__ is outage
    metrics = service.metrics()
    assert metrics["store_errors"] == len(calls)
    assert metrics["failures"]["store_unavailable"] == 3  # the three verifications
    # The next, unrelated error carries no stale cause.
    with pytest.raises(onejwt.MalformedError) as malformed:
        service.verify("a.b", now=NOW)
    assert malformed.value.__cause__ is None


@pytest.mark.parametrize(
    "reply",
    [None, 0, "valid", [], ["valid"], {}, {"status": "started"}, {"status": 1}, {"status": "VALID"}, object(), float("nan")],
)
def test_a_reply_that_is_not_one_of_the_request_fails_closed(reply: object) -> None:
    # None from a method that forgot `return` must not mean "not revoked".
    service = make(store=Script(lambda _: reply))
    token = service.create_access_token("42", now=NOW)
    with pytest.raises(onejwt.StoreUnavailableError, match="failing closed") as err:
        service.verify(token, now=NOW)
    assert err.value.__cause__ is None, "no exception was raised: the message says what was wrong"
    assert service.metrics()["store_errors"] == 1


def test_an_interrupt_in_the_store_propagates_as_it_is() -> None:
    # Ctrl-C or sys.exit() inside the store is no verdict on the token: not even validate_token
    # swallows it (the core has already failed the call closed, and counted it).
    service = make(store=Script(failing(KeyboardInterrupt())))
    token = service.login("42", now=NOW).access_token
    calls = (service.verify, service.validate_token, service.extract_user_id, service.is_revoked, service.logout)
    for call in calls:
        with pytest.raises(KeyboardInterrupt):
            call(token, now=NOW)
    assert service.metrics()["store_errors"] == len(calls)
    with pytest.raises(SystemExit):
        make(store=Script(failing(SystemExit(3)))).revoke(token, now=NOW)
    with pytest.raises(onejwt.MalformedError):  # no stale interrupt is left behind
        service.verify("a.b", now=NOW)


def test_an_asynchronous_store_is_refused_by_the_synchronous_service(clean_env: pytest.MonkeyPatch) -> None:
    class AsyncStore:
        async def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
            return {"status": "valid"}

    with pytest.raises(onejwt.OptionsTypeError) as err:
        make(store=AsyncStore())
    assert err.value.option == "store"
    assert "asynchronous store" in str(err.value) and "AsyncTokenService" in str(err.value)
    clean_env.setenv("JWT_SECRET_KEY", SECRET)
    with pytest.raises(onejwt.OptionsTypeError):
        TokenService.from_env(store=AsyncStore())  # type: ignore[arg-type]  # mypy sees it too

    # One that hides it (a plain function returning a coroutine) fails closed at the call, and the
    # coroutine is closed rather than left to warn "never awaited".
    class Disguised:
        def execute(self, request: onejwt.StoreRequest) -> Any:
            return AsyncStore().execute(request)

    service = make(store=Disguised())
    token = service.create_access_token("42", now=NOW)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(onejwt.StoreUnavailableError, match="awaitable") as failure:
            service.verify(token, now=NOW)
        gc.collect()
    assert isinstance(failure.value.__cause__, TypeError)
    assert "AsyncTokenService" in str(failure.value.__cause__)


def test_an_object_without_execute_is_not_a_store() -> None:
    class NotCallable:
        execute = "not callable"

    class OldStore:  # the removed revocation-store protocol
        def is_revoked(self, jti: str) -> bool:
            return False

        def revoke(self, jti: str, expires_at: int) -> None:
            pass

    for store in [object(), {}, NotCallable(), OldStore(), "redis://localhost"]:
        with pytest.raises(onejwt.OptionsTypeError) as err:
            make(store=store)
        assert err.value.option == "store"
        assert "execute(request)" in str(err.value)


def test_a_cycle_between_service_and_store_is_collected() -> None:
    class Owner(Revocations):
        service: Optional[TokenService] = None

    store = Owner()
    store.service = make(store=store)
    gone = weakref.ref(store)
    del store
    gc.collect()
    assert gone() is None


def test_no_repr_shows_a_token() -> None:
    service = make()
    pair = service.login("42", now=NOW)
    service.logout(pair.access_token, now=NOW)
    with pytest.raises(onejwt.RevokedError) as revoked:
        service.verify(pair.access_token, now=NOW)
    pending = make(store=Script(agreeing))._start_verify(pair.access_token, now=NOW)
    texts = [repr(pair), str(pair), repr(service), str(revoked.value), repr(revoked.value), repr(pending)]
    assert texts[0] == "TokenPair(access_token=<redacted>, refresh_token=<redacted>)"
    assert texts[2] == "TokenService(algorithm='HS256')"
    assert texts[-1] == "_PendingCall(op='check')"
    for text in texts:
        assert "eyJ" not in text and pair.access_token not in text


# --- threads -------------------------------------------------------------------------------------


def verdict(service: TokenService, token: str, token_type: str) -> str:
    try:
        claims = service.verify(token, token_type, now=NOW)  # type: ignore[arg-type]
        return f"ok {claims['sub']} {claims['jti']}"
    except onejwt.JwtError as e:
        return e.code


@pytest.mark.parametrize("algorithm", ["HS256", "EdDSA"])
def test_a_shared_service_gives_identical_verdicts_under_threads(algorithm: str, keys_dir: Path) -> None:
    store = Revocations()
    if algorithm == "HS256":
        service = make(cache_size=32, store=store)
    else:  # releases the GIL around the core's steps; the host store runs with it between them
        private = (keys_dir / "ed25519.private.pkcs8.pem").read_text()
        service = TokenService(algorithm="EdDSA", private_key=private, issuer=ISSUER, cache_size=32, store=store)
    with ThreadPoolExecutor(max_workers=16) as pool:
        tokens = list(pool.map(lambda i: service.create_access_token(str(i), now=NOW), range(64)))
    work: list[tuple[str, str]] = []
    for i, token in enumerate(tokens):
        if i % 4 == 0:
            service.revoke(token, now=NOW)
        work.append((token, "access"))
        work.append((token, "refresh"))
        middle = len(token) - 20  # inside the signature, where every base64url character is data
        work.append((token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :], "access"))
    expected = [verdict(service, t, tt) for t, tt in work]
    assert {v.split(" ")[0] for v in expected} == {"ok", "revoked", "wrong_token_type", "invalid_signature"}
    with ThreadPoolExecutor(max_workers=16) as pool:
        got = list(pool.map(lambda w: verdict(service, *w), work * 8))
    assert got == expected * 8
    metrics = service.metrics()
    assert metrics["issued_access"] == 64 and metrics["verifications"] == len(work) * 9


# --- validate_token on garbage -------------------------------------------------------------------


def garbage(service: TokenService) -> list[str]:
    good = service.create_access_token("42", now=NOW)
    header, payload, signature = good.split(".")
    other = TokenService(secret_key="another-secret-another-secret-32", issuer=ISSUER, audience="api")
    revoked = service.create_access_token("42", now=NOW)
    service.revoke(revoked, now=NOW)
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    return [
        "",
        " ",
        "\x00",
        "not-a-token",
        "..",
        "a.b.c",
        "a.b.c.d.e",
        good + " ",
        " " + good,
        good + ".",
        f"{header}.{payload}",
        f"{header}.{payload}.",
        f"{header}.{payload}.{flipped}",
        f"{header}.{payload}.{signature}=",
        "eyJhbGciOiJub25lIn0." + payload + ".",
        good.replace(".", "\u2024"),
        "\udcff" + good,  # a lone surrogate: not even UTF-8
        "é" * 100,
        "A" * 1_000_000,
        ".".join(["e" * 50_000] * 3),
        other.create_access_token("42", now=NOW),
        service.create_access_token("42", now=NOW - 900),  # expired
        # Valid tokens, but not valid access tokens now (so last: is_revoked accepts them).
        service.login("42", now=NOW).refresh_token,
        revoked,
    ]


def test_validate_token_returns_none_for_garbage_of_every_kind() -> None:
    service = make(cache_size=64)
    bad = garbage(service)
    for token in bad:
        assert service.validate_token(token, now=NOW) is None, repr(token[:40])
        assert service.extract_user_id(token, now=NOW) is None, repr(token[:40])
    for token in bad[:-2]:  # the forged and broken ones do not even reach the store
        with pytest.raises(onejwt.JwtError):
            service.is_revoked(token, now=NOW)
    assert service.validate_token(service.create_access_token("42", now=NOW), now=NOW) is not None


def test_validate_token_refuses_non_str_as_a_caller_mistake() -> None:
    # A token that is not a str is a bug in the caller (mypy reports it), not a bad token.
    service = make()
    for value in [None, b"a.b.c", 42, ["a.b.c"]]:
        with pytest.raises(TypeError):
            service.validate_token(value)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            service.verify(value)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            service.refresh(value)  # type: ignore[arg-type]


# --- the validation cache ------------------------------------------------------------------------


def test_tokens_sharing_a_long_prefix_never_share_a_cache_entry() -> None:
    service = make(cache_size=16, cache_ttl=300)
    token = service.create_access_token("42", "ada@example.com", ["read"], now=NOW)
    assert service.verify(token, now=NOW)["sub"] == "42"  # cached
    assert service.verify(token, now=NOW)["sub"] == "42"  # hit
    header, payload, signature = token.split(".")
    # Every prefix of the cached token, completed differently, is a cache miss and is refused.
    for cut in [len(token) - 1, len(token) - 10, len(header) + len(payload) + 2]:
        forged = token[:cut] + ("A" if token[cut] != "A" else "B") + token[cut + 1 :]
        assert forged != token and forged[:cut] == token[:cut]
        assert service.validate_token(forged, now=NOW) is None
    # Two valid tokens whose first ~100 characters agree keep their own claims.
    a = service.create_access_token("42", "ada@example.com", ["read"], extra={"n": "a"}, now=NOW)
    b = service.create_access_token("42", "ada@example.com", ["read"], extra={"n": "b"}, now=NOW)
    shared = next(i for i, (x, y) in enumerate(zip(a, b)) if x != y)
    assert shared > 100
    for _ in range(2):
        assert (service.verify(a, now=NOW)["n"], service.verify(b, now=NOW)["n"]) == ("a", "b")
    m = service.metrics()
    assert (m["cache_hits"], m["cache_misses"]) == (3, 6)
    assert service.health()["cache_entries"] == 3


def test_a_cache_hit_still_checks_revocation_and_returns_identical_claims() -> None:
    service = make(cache_size=16)
    pair = service.login("42", now=NOW)
    first = service.verify(pair.access_token, now=NOW)
    assert service.verify(pair.access_token, now=NOW) == first
    assert service.metrics()["cache_hits"] == 1
    service.logout(pair.refresh_token, now=NOW)
    with pytest.raises(onejwt.RevokedError):
        service.verify(pair.access_token, now=NOW)


# --- metrics and health --------------------------------------------------------------------------


def test_metrics_health_and_prometheus_text() -> None:
    service = make(cache_size=4)
    token = service.create_access_token("42", now=NOW)
    service.verify(token, now=NOW)
    service.validate_token("garbage", now=NOW)
    metrics = service.metrics()
    assert set(metrics) == {
        "verifications",
        "successes",
        "failures",
        "cache_hits",
        "cache_misses",
        "issued_access",
        "issued_refresh",
        "revoked",
        "sessions_started",
        "sessions_refused",
        "sessions_reused",
        "store_errors",
        "keys_rotated",
        "latency_us",
    }
    assert tuple(metrics["failures"]) == onejwt.ERROR_CODES
    assert (metrics["verifications"], metrics["successes"], metrics["failures"]["malformed"]) == (2, 1, 1)
    assert set(metrics["latency_us"]) == {"count", "sum", "mean", "max"}
    assert metrics["latency_us"]["count"] == 2 and isinstance(metrics["latency_us"]["mean"], float)
    assert service.metrics() is not service.metrics(), "a fresh dict each call"

    text = service.metrics_text()
    assert "# TYPE onejwt_verifications_total counter\nonejwt_verifications_total 2\n" in text
    assert 'onejwt_verification_failures_total{code="malformed"} 1\n' in text
    for code in onejwt.ERROR_CODES:
        assert f'onejwt_verification_failures_total{{code="{code}"}} ' in text
    assert "onejwt_store_errors_total 0\n" in text
    assert "# TYPE onejwt_verification_seconds histogram" in text
    assert 'onejwt_verification_seconds_bucket{le="+Inf"} 2\n' in text
    assert text.endswith("\n")

    health = service.health()
    assert set(health) == {"status", "algorithm", "can_issue", "cache_entries", "metrics"}
    assert (health["status"], health["algorithm"], health["can_issue"], health["cache_entries"]) == (
        "ok",
        "HS256",
        True,
        1,
    )
    assert health["metrics"]["verifications"] == 2


# --- extract_token -------------------------------------------------------------------------------


class MultiHeaders:
    """A framework's header object (Starlette, Werkzeug): items() lists repeated headers."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def items(self) -> list[tuple[str, str]]:
        return self.pairs


def test_extract_token_from_every_place() -> None:
    found = onejwt.extract_token({"Authorization": "bearer a.b.c"})
    assert found is not None and (found.token, found.source, found.echo_protocol) == ("a.b.c", "bearer", None)
    ws = onejwt.extract_token([(b"sec-websocket-protocol", b"onejwt, onejwt.w.w.w")])  # ASGI scope["headers"]
    assert ws is not None and (ws.token, ws.source, ws.echo_protocol) == ("w.w.w", "websocket_protocol", "onejwt")
    assert onejwt.WEBSOCKET_PROTOCOL == "onejwt"
    cookie = onejwt.extract_token([["Cookie", "a=1; session=c.c.c"]], cookie="session")
    assert cookie is not None and (cookie.token, cookie.source) == ("c.c.c", "cookie")
    query = onejwt.extract_token({}, b"x=1&access_token=q.q.q", query="access_token")
    assert query is not None and (query.token, query.source) == ("q.q.q", "query")
    assert onejwt.extract_token({}, "access_token=q.q.q") is None, "query tokens are off by default"
    assert onejwt.extract_token({"Authorization": "Bearer a.b.c"}, bearer=False) is None
    assert onejwt.extract_token({"Authorization": "Basic eDp5"}) is None
    assert "a.b.c" not in repr(found) and repr(found) == "Extracted(source='bearer', echo_protocol=None)"


def test_extract_token_refuses_broken_places() -> None:
    for headers in [
        MultiHeaders([("Authorization", "Bearer a"), ("authorization", "Bearer b")]),
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer a b"},
        {"Sec-WebSocket-Protocol": "onejwt.x.y.z"},
    ]:
        with pytest.raises(onejwt.MalformedError):
            onejwt.extract_token(headers)  # type: ignore[arg-type]
    with pytest.raises(onejwt.MalformedError, match="percent-encoded"):
        onejwt.extract_token({}, "t=a%2Eb", query="t")


def test_extract_token_argument_types() -> None:
    for headers in ["Authorization: Bearer a.b.c", b"x", 42]:
        with pytest.raises(onejwt.OptionsTypeError, match=r"^invalid argument `headers`: must be a mapping or an iterable") as err:
            onejwt.extract_token(headers)  # type: ignore[arg-type]
        assert err.value.option == "headers"
    with pytest.raises(onejwt.OptionsTypeError, match=r"`headers`: each header must be a \(name, value\) pair"):
        onejwt.extract_token([("Authorization",)])
    with pytest.raises(onejwt.OptionsTypeError, match="`headers`: a header value must be str or bytes, not int"):
        onejwt.extract_token({"Authorization": 1})
    with pytest.raises(onejwt.OptionsTypeError) as err:
        onejwt.extract_token({}, 1)  # type: ignore[arg-type]
    assert str(err.value) == "invalid option `query_string`: must be a string"
    with pytest.raises(onejwt.OptionsTypeError) as err:
        onejwt.extract_token({}, bearer="no")  # type: ignore[arg-type]
    assert str(err.value) == "invalid option `bearer`: must be a boolean"
    with pytest.raises(onejwt.OptionsValueError) as value_err:
        onejwt.extract_token({}, websocketProtocol=False)  # type: ignore[call-arg]
    assert str(value_err.value) == "invalid option `websocketProtocol`: unknown option (onejwt calls it `websocket_protocol`)"
    with pytest.raises(onejwt.OptionsValueError) as value_err:
        onejwt.extract_token({}, cookies="session")  # type: ignore[call-arg]
    assert str(value_err.value) == "invalid option `cookies`: unknown option"


def test_extracted_token_flows_into_the_service() -> None:
    service = make()
    token = service.login("42", now=NOW).access_token
    found = onejwt.extract_token(MultiHeaders([("Authorization", f"Bearer {token}")]))
    assert found is not None and service.extract_user_id(found.token, now=NOW) == "42"
