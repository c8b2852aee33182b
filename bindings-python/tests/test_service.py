"""Service: onejwt.TokenService from Python: configuration (kwargs and environment), the host
revocation store, threads, validate_token on garbage, the cache key, metrics, refresh reuse and
extract_token."""

from __future__ import annotations

import gc
import json
import threading
import weakref
from collections.abc import Iterator
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


class Store:
    """A host revocation store (as a Redis-backed one would be), recording every call."""

    def __init__(self) -> None:
        self.revoked: dict[str, int] = {}
        self.calls: list[tuple[str, ...]] = []
        self.lock = threading.Lock()

    def is_revoked(self, jti: str) -> bool:
        with self.lock:
            self.calls.append(("is_revoked", jti))
            return jti in self.revoked

    def revoke(self, jti: str, expires_at: int) -> None:
        with self.lock:
            self.calls.append(("revoke", jti, str(expires_at)))
            self.revoked[jti] = expires_at


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
    clean_env.setenv("JWT_LEEWAY", "")  # empty counts as unset
    store = Store()
    service = TokenService.from_env(revocation_store=store)
    claims = service.verify(service.create_access_token("42", now=NOW), now=NOW)
    assert (claims["iss"], claims["aud"], claims["exp"] - claims["iat"]) == (ISSUER, "api", 60)
    assert store.calls == [("is_revoked", claims["jti"])]
    # The same secret in code gives a service that accepts the environment's tokens.
    assert make().verify(service.create_access_token("42", now=NOW), now=NOW)["sub"] == "42"
    clean_env.setenv("JWT_ACCESS_TTL", "15m")
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        TokenService.from_env()
    assert str(type_err.value) == "invalid option `JWT_ACCESS_TTL`: must be a whole number"
    assert type_err.value.option == "JWT_ACCESS_TTL"


def test_constructor_options_are_validated_by_the_core() -> None:
    with pytest.raises(onejwt.OptionsValueError) as err:
        TokenService()
    assert err.value.option == "secret_key"
    with pytest.raises(onejwt.OptionsValueError, match="unknown option") as err:
        make(access_tll=60)
    assert err.value.option == "access_tll"
    for option, value in [("access_ttl", True), ("leeway", [1]), ("cache_size", object())]:
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
    assert repr(make(cache_size=None)) == "TokenService(algorithm='HS256')"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("cache_size", 2**63, "must be at most 1,000,000"),  # was allocated up front: a PanicException
        ("cache_size", 1e30, "must be at most 1,000,000"),
        ("max_revocations", 0, "must be at least 1"),
        ("leeway", 2**64 - 1, "must be at most 3600 (1 hour)"),
        ("access_ttl", 900_000, "must be at most 86,400 (1 day)"),  # 15 minutes in milliseconds
        ("cache_ttl", 0, "must be at least 1 second"),
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


@pytest.mark.parametrize(("name", "hint"), [("secret", "secret_key"), ("expiresIn", "access_ttl"), ("alg", "algorithm"), ("secretKey", "secret_key")])
def test_another_librarys_option_name_gets_a_hint(name: str, hint: str) -> None:
    config: dict[str, Any] = {"secret_key": SECRET, name: "x"} if name != "secret" else {name: SECRET}
    with pytest.raises(onejwt.OptionsValueError) as err:
        TokenService(**config)
    assert str(err.value) == f"invalid option `{name}`: unknown option (onejwt calls it `{hint}`)"


def test_kid_goes_into_every_issued_header(clean_env: pytest.MonkeyPatch) -> None:
    service = make(kid="2026-01")
    tokens = [service.create_access_token("42", now=NOW), service.create_refresh_token("42", now=NOW)]
    tokens += list(service.refresh(tokens[1], now=NOW))
    assert [onejwt.decode_unverified(t)[0]["kid"] for t in tokens] == ["2026-01"] * 4
    assert "kid" not in onejwt.decode_unverified(make().create_access_token("42", now=NOW))[0]
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
    refresh = service.verify(service.create_refresh_token("42", now=NOW), "refresh", now=NOW)
    assert refresh["type"] == "refresh" and "permissions" not in refresh
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
    refresh = service.create_refresh_token("42", extra={"at": at}, now=NOW)
    assert service.verify(refresh, "refresh", now=at)["at"] == NOW
    with pytest.raises(onejwt.OptionsValueError, match="^invalid option `extra`: a datetime must be timezone-aware"):
        service.create_access_token("42", extra={"at": datetime(2023, 11, 14)}, now=NOW)
    with pytest.raises(onejwt.OptionsValueError, match="^invalid option `now`: must be a finite time"):
        service.create_refresh_token("42", now=1e13)


def test_every_per_token_call_takes_the_call_options() -> None:
    service = make()
    token = service.create_access_token("42", now=NOW)
    refresh = service.create_refresh_token("42", now=NOW)
    calls: list[Any] = [
        lambda **o: service.verify(token, **o),
        lambda **o: service.validate_token(token, "access", **o),
        lambda **o: service.extract_user_id(token, **o),
        lambda **o: service.is_revoked(token, **o),
        lambda **o: service.revoke(token, **o),
        lambda **o: service.refresh(refresh, **o),
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
    with pytest.raises(onejwt.OptionsValueError) as err:
        service.create_access_token("42", extra={"sub": "admin"}, now=NOW)
    assert err.value.option == "extra"
    with pytest.raises(onejwt.OptionsValueError) as err:
        service.create_access_token("", now=NOW)
    assert err.value.option == "user_id"
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        service.create_access_token("42", None, "admin", now=NOW)  # type: ignore[arg-type]
    assert str(type_err.value) == "invalid option `permissions`: must be a list of strings"
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        service.create_access_token("42", None, ["read", 1], now=NOW)  # type: ignore[list-item]
    assert str(type_err.value) == "invalid option `permissions`: must hold only strings"
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        service.create_access_token("42", 7, now=NOW)  # type: ignore[arg-type]
    assert (type_err.value.option, str(type_err.value)) == ("email", "invalid option `email`: must be a string")
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        service.create_access_token("42", extra=[("tenant", "t1")], now=NOW)  # type: ignore[arg-type]
    assert str(type_err.value) == "invalid option `extra`: must be an object"
    with pytest.raises(onejwt.OptionsValueError) as err:
        service.create_refresh_token("42", extras={"a": 1}, now=NOW)  # type: ignore[call-arg]
    assert str(err.value) == "invalid option `extras`: unknown option"
    with pytest.raises(onejwt.OptionsValueError) as err:
        service.create_access_token("42", scopes=["read"], now=NOW)  # type: ignore[call-arg]
    assert str(err.value) == "invalid option `scopes`: unknown option (onejwt calls it `permissions`)"
    with pytest.raises(TypeError):
        service.create_access_token(42, now=NOW)  # type: ignore[arg-type]
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
    access = service.create_access_token("42", now=NOW)
    refresh = service.create_refresh_token("42", now=NOW)
    with pytest.raises(onejwt.WrongTokenTypeError) as err:
        service.verify(access, "refresh", now=NOW)
    assert err.value.claim == "type"
    with pytest.raises(onejwt.WrongTokenTypeError):
        service.verify(refresh, now=NOW)
    with pytest.raises(onejwt.WrongTokenTypeError):
        service.refresh(access, now=NOW)
    assert service.extract_user_id(refresh, now=NOW) is None
    assert service.extract_user_id(access, now=NOW) == "42"


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
        service.create_refresh_token("42", now=NOW),
        revoked,
    ]


def test_validate_token_returns_none_for_garbage_of_every_kind() -> None:
    service = make(cache_size=64)
    bad = garbage(service)
    for token in bad:
        assert service.validate_token(token, now=NOW) is None, repr(token[:40])
        assert service.extract_user_id(token, now=NOW) is None, repr(token[:40])
    for token in bad[:-2]:  # the forged and broken ones do not even reach the revocation check
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
    store = Store()
    service = make(cache_size=16, revocation_store=store)
    token = service.create_access_token("42", now=NOW)
    first = service.verify(token, now=NOW)
    assert service.verify(token, now=NOW) == first
    assert service.metrics()["cache_hits"] == 1
    assert store.calls == [("is_revoked", first["jti"])] * 2
    service.revoke(token, now=NOW)
    with pytest.raises(onejwt.RevokedError):
        service.verify(token, now=NOW)


# --- the host revocation store -------------------------------------------------------------------


def test_the_host_store_is_called_and_shared_between_services() -> None:
    store = Store()
    a, b = make(revocation_store=store), make(revocation_store=store)
    token = a.create_access_token("42", now=NOW)
    jti = a.verify(token, now=NOW)["jti"]
    assert not b.is_revoked(token, now=NOW)
    a.revoke(token, now=NOW)
    assert ("revoke", jti, str(NOW + 900)) in store.calls
    assert b.is_revoked(token, now=NOW)
    with pytest.raises(onejwt.RevokedError) as err:
        b.verify(token, now=NOW)
    assert err.value.claim == "jti"
    assert b.validate_token(token, now=NOW) is None
    assert a.metrics()["revoked"] == 1


class FailingStore:
    def __init__(self, error: Optional[BaseException] = None, answer: object = False) -> None:
        self.error, self.answer = error, answer

    def is_revoked(self, jti: str) -> object:
        if self.error is not None:
            raise self.error
        return self.answer

    def revoke(self, jti: str, expires_at: int) -> None:
        if self.error is not None:
            raise self.error


def test_a_failing_store_fails_closed_and_keeps_the_exception() -> None:
    outage = ConnectionError("redis://user:pa55word@cache:6379 unreachable")
    service = make(revocation_store=FailingStore(outage))
    token = service.create_access_token("42", now=NOW)
    with pytest.raises(onejwt.RevokedError) as err:
        service.verify(token, now=NOW)
    message = str(err.value)
    assert "ConnectionError" in message and "is_revoked" in message and "failing closed" in message
    assert "pa55word" not in message and token not in message
    assert err.value.__cause__ is outage
    assert service.validate_token(token, now=NOW) is None
    assert service.extract_user_id(token, now=NOW) is None
    with pytest.raises(onejwt.RevokedError) as err:
        service.is_revoked(token, now=NOW)
    assert err.value.__cause__ is outage
    with pytest.raises(onejwt.RevokedError, match="ConnectionError in revoke") as err:
        service.revoke(token, now=NOW)
    assert err.value.__cause__ is outage
    with pytest.raises(onejwt.RevokedError):
        service.refresh(service.create_refresh_token("42", now=NOW), now=NOW)
    assert service.metrics()["failures"]["revoked"] == 4
    # The next, unrelated error carries no stale cause.
    with pytest.raises(onejwt.MalformedError) as malformed:
        service.verify("a.b", now=NOW)
    assert malformed.value.__cause__ is None


@pytest.mark.parametrize("answer", [None, 0, 1, "no", [], object()])
def test_a_store_answer_that_is_not_bool_is_refused(answer: object) -> None:
    # `None` from a method that forgot `return` must not mean "not revoked".
    service = make(revocation_store=FailingStore(answer=answer))
    token = service.create_access_token("42", now=NOW)
    with pytest.raises(onejwt.RevokedError) as err:
        service.verify(token, now=NOW)
    assert isinstance(err.value.__cause__, TypeError)
    assert "must return bool" in str(err.value.__cause__)


def test_an_interrupt_in_the_store_propagates_as_it_is() -> None:
    # Ctrl-C or sys.exit() inside the store is no verdict on the token: not even validate_token
    # swallows it (the core has already refused the token; nothing is accepted meanwhile).
    service = make(revocation_store=FailingStore(KeyboardInterrupt()))
    token = service.create_access_token("42", now=NOW)
    for call in (service.verify, service.validate_token, service.extract_user_id, service.is_revoked):
        with pytest.raises(KeyboardInterrupt):
            call(token, now=NOW)
    with pytest.raises(SystemExit):
        make(revocation_store=FailingStore(SystemExit(3))).revoke(token, now=NOW)
    with pytest.raises(onejwt.MalformedError):  # no stale interrupt is left behind
        service.verify("a.b", now=NOW)


def test_an_object_without_the_methods_is_not_a_store() -> None:
    class HalfStore:
        def is_revoked(self, jti: str) -> bool:
            return False

        revoke = "not callable"

    for store in [object(), {}, HalfStore()]:
        with pytest.raises(onejwt.OptionsTypeError) as err:
            make(revocation_store=store)
        assert err.value.option == "revocation_store"


def test_a_cycle_between_service_and_store_is_collected() -> None:
    class Owner(Store):
        service: Optional[TokenService] = None

    store = Owner()
    store.service = make(revocation_store=store)
    gone = weakref.ref(store)
    del store
    gc.collect()
    assert gone() is None


# --- refresh -------------------------------------------------------------------------------------


def test_refresh_rotates_and_rejects_reuse() -> None:
    service = make()
    old = service.create_refresh_token("42", now=NOW)
    access = service.create_access_token("42", "ada@example.com", ["read"], now=NOW)
    del access
    pair = service.refresh(old, now=NOW + 5)
    assert isinstance(pair, onejwt.TokenPair)
    new_access, new_refresh = pair
    assert (new_access, new_refresh) == (pair.access_token, pair.refresh_token)
    assert service.verify(new_access, now=NOW + 5)["iat"] == NOW + 5
    assert service.verify(new_refresh, "refresh", now=NOW + 5)["sub"] == "42"
    with pytest.raises(onejwt.RevokedError):
        service.refresh(old, now=NOW + 6)
    assert service.is_revoked(old, now=NOW + 6)
    assert "eyJ" not in repr(pair)
    assert service.refresh(new_refresh, now=NOW + 7).access_token != new_access


def test_refresh_reuse_is_rejected_across_threads() -> None:
    # Racing the same refresh token: the in-memory store has no compare-and-set, so the core may
    # let more than one racer through, but every later presentation is refused.
    service = make()
    old = service.create_refresh_token("42", now=NOW)

    def attempt(_: int) -> str:
        try:
            service.refresh(old, now=NOW + 1)
            return "ok"
        except onejwt.RevokedError:
            return "revoked"

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(32)))
    assert "ok" in results and "revoked" in results
    assert attempt(0) == "revoked"


# --- threads -------------------------------------------------------------------------------------


def verdict(service: TokenService, token: str, token_type: str) -> str:
    try:
        claims = service.verify(token, token_type, now=NOW)  # type: ignore[arg-type]
        return f"ok {claims['sub']} {claims['jti']}"
    except onejwt.JwtError as e:
        return e.code


@pytest.mark.parametrize("algorithm", ["HS256", "EdDSA"])
def test_a_shared_service_gives_identical_verdicts_under_threads(algorithm: str, keys_dir: Path) -> None:
    store = Store()
    if algorithm == "HS256":
        service = make(cache_size=32, revocation_store=store)
    else:  # releases the GIL; the host store re-acquires it for its call
        private = (keys_dir / "ed25519.private.pkcs8.pem").read_text()
        service = TokenService(
            algorithm="EdDSA", private_key=private, issuer=ISSUER, cache_size=32, revocation_store=store
        )
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
    token = service.create_access_token("42", now=NOW)
    found = onejwt.extract_token(MultiHeaders([("Authorization", f"Bearer {token}")]))
    assert found is not None and service.extract_user_id(found.token, now=NOW) == "42"
