"""Verifier: construction from keyword options (validated by the core), verify, verify_complete, `now`."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import onejwt


def test_verify_returns_the_claims_and_verify_complete_the_header_too(
    hs_key: onejwt.Key, hs_verifier: onejwt.Verifier, now: int
) -> None:
    token = onejwt.sign({"sub": "42", "exp": now + 60}, hs_key, "HS256", kid="k1")
    assert hs_verifier.verify(token, now=now) == {"sub": "42", "exp": now + 60}
    header, claims = hs_verifier.verify_complete(token, now=now)
    assert header == {"alg": "HS256", "kid": "k1", "typ": "JWT"}
    assert claims == {"sub": "42", "exp": now + 60}


def test_every_option_reaches_the_core(hs_key: onejwt.Key, now: int) -> None:
    claims = {"iss": "https://a.example", "aud": ["api"], "iat": now - 100, "exp": now + 60, "scope": "x"}
    token = onejwt.sign(claims, hs_key, "HS256", headers={"typ": "at+jwt"})
    strict: dict[str, Any] = dict(
        algorithms=("HS256",),
        issuer=["https://a.example", "https://b.example"],
        audience="api",
        leeway=5,
        required=["scope"],
        typ="at+jwt",
        max_token_bytes=len(token),
        max_age=200,
    )
    assert onejwt.Verifier(key=hs_key, **strict).verify(token, now=now) == claims
    refusals: list[tuple[dict[str, Any], type[onejwt.JwtError]]] = [
        ({"issuer": "https://c.example"}, onejwt.InvalidIssuerError),
        ({"audience": ["web"]}, onejwt.InvalidAudienceError),
        ({"required": ["email"]}, onejwt.MissingClaimError),
        ({"typ": "JWT"}, onejwt.WrongTokenTypeError),
        ({"max_token_bytes": len(token) - 1}, onejwt.TokenTooLargeError),
        ({"max_age": 50}, onejwt.ExpiredError),
        ({"algorithms": ["RS256"]}, onejwt.AlgorithmNotAllowedError),
    ]
    for change, error in refusals:
        with pytest.raises(error):
            onejwt.Verifier(key=hs_key, **{**strict, **change}).verify(token, now=now)


def test_leeway_widens_the_exp_window(hs_key: onejwt.Key, now: int) -> None:
    token = onejwt.sign({"exp": now - 3}, hs_key, "HS256")
    with pytest.raises(onejwt.ExpiredError):
        onejwt.Verifier(key=hs_key, algorithms=["HS256"]).verify(token, now=now)
    assert onejwt.Verifier(key=hs_key, algorithms=["HS256"], leeway=5).verify(token, now=now)


def test_none_means_not_set(hs_key: onejwt.Key) -> None:
    onejwt.Verifier(key=hs_key, algorithms=["HS256"], issuer=None, audience=None, typ=None, max_age=None)


@pytest.mark.parametrize(
    ("options", "option", "error"),
    [
        ({"algorithms": "HS256"}, "algorithms", onejwt.OptionsTypeError),
        ({"algorithms": ["HS256", 5]}, "algorithms", onejwt.OptionsTypeError),
        ({"leeway": "5"}, "leeway", onejwt.OptionsTypeError),
        ({"leeway": 1.5}, "leeway", onejwt.OptionsTypeError),
        ({"leeway": True}, "leeway", onejwt.OptionsTypeError),
        ({"leeway": object()}, "leeway", onejwt.OptionsTypeError),
        ({"issuer": 7}, "issuer", onejwt.OptionsTypeError),
        ({"typ": ["JWT"]}, "typ", onejwt.OptionsTypeError),
        ({"leeway": -1}, "leeway", onejwt.OptionsValueError),
        ({"algorithms": []}, "algorithms", onejwt.OptionsValueError),
        ({"algorithms": ["none"]}, "algorithms", onejwt.OptionsValueError),
        ({"audience": []}, "audience", onejwt.OptionsValueError),
        ({"max_token_bytes": 0}, "max_token_bytes", onejwt.OptionsValueError),
        ({"leway": 5}, "leway", onejwt.OptionsValueError),
        ({"maxTokenBytes": 5}, "maxTokenBytes", onejwt.OptionsValueError),
    ],
)
def test_bad_options_name_the_option(
    hs_key: onejwt.Key, options: dict[str, Any], option: str, error: type[onejwt.OptionsError]
) -> None:
    with pytest.raises(error) as info:
        onejwt.Verifier(key=hs_key, **{"algorithms": ["HS256"], **options})
    assert info.value.option == option
    assert f"`{option}`" in str(info.value)


def test_algorithms_are_required(hs_key: onejwt.Key) -> None:
    with pytest.raises(ValueError, match="algorithms"):
        onejwt.Verifier(key=hs_key)  # type: ignore[call-arg]


def test_exactly_one_key_source(hs_key: onejwt.Key) -> None:
    keys = onejwt.KeySet.from_jwks({"keys": []})
    for source in [{}, {"key": hs_key, "keys": keys}]:
        with pytest.raises(ValueError) as info:
            onejwt.Verifier(algorithms=["HS256"], **source)  # type: ignore[arg-type]
        assert isinstance(info.value, onejwt.OptionsValueError) and info.value.option == "key"
    with pytest.raises(TypeError):
        onejwt.Verifier(key="secret", algorithms=["HS256"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        onejwt.Verifier(keys=hs_key, algorithms=["HS256"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        onejwt.Verifier(hs_key, algorithms=["HS256"])  # type: ignore[call-arg]


@pytest.mark.parametrize("token", [b"a.b.c", None, 5, ["a.b.c"]])
def test_a_token_that_is_not_str_is_a_type_error(hs_verifier: onejwt.Verifier, token: Any) -> None:
    with pytest.raises(TypeError):
        hs_verifier.verify(token)
    with pytest.raises(TypeError):
        hs_verifier.verify_complete(token)


def test_a_huge_token_is_refused_before_any_work(hs_verifier: onejwt.Verifier) -> None:
    token = "A" * 50_000_000 + ".e30.sig"
    started = time.perf_counter()
    with pytest.raises(onejwt.TokenTooLargeError) as info:
        hs_verifier.verify(token)
    assert time.perf_counter() - started < 1.0
    assert "50000008 bytes" in str(info.value)


class TestNow:
    @pytest.fixture
    def token(self, hs_key: onejwt.Key, now: int) -> str:
        return onejwt.sign({"nbf": now, "exp": now + 10}, hs_key, "HS256")

    def test_int_and_float_are_unix_seconds_floored(self, hs_verifier: onejwt.Verifier, token: str, now: int) -> None:
        assert hs_verifier.verify(token, now=now)
        assert hs_verifier.verify(token, now=now + 9.999)
        with pytest.raises(onejwt.NotYetValidError):
            hs_verifier.verify(token, now=now - 0.001)  # floors to now - 1
        with pytest.raises(onejwt.ExpiredError):
            hs_verifier.verify(token, now=now + 10)

    def test_aware_datetime(self, hs_verifier: onejwt.Verifier, token: str, now: int) -> None:
        at = datetime.fromtimestamp(now, timezone.utc)
        assert hs_verifier.verify(token, now=at)
        paris = timezone(timedelta(hours=1))
        assert hs_verifier.verify(token, now=at.astimezone(paris) + timedelta(seconds=9))
        with pytest.raises(onejwt.ExpiredError):
            hs_verifier.verify(token, now=at + timedelta(seconds=10))

    def test_naive_datetime_is_refused(self, hs_verifier: onejwt.Verifier, token: str, now: int) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            hs_verifier.verify(token, now=datetime.fromtimestamp(now))

    def test_none_is_the_system_clock(self, hs_key: onejwt.Key, hs_verifier: onejwt.Verifier) -> None:
        fresh = onejwt.sign({"exp": int(time.time()) + 60}, hs_key, "HS256")
        assert hs_verifier.verify(fresh) == hs_verifier.verify(fresh, now=None)
        stale = onejwt.sign({"exp": int(time.time()) - 60}, hs_key, "HS256")
        with pytest.raises(onejwt.ExpiredError):
            hs_verifier.verify(stale)

    @pytest.mark.parametrize("bad", ["1700000000", True, b"1", object()])
    def test_other_types_are_type_errors(self, hs_verifier: onejwt.Verifier, token: str, bad: Any) -> None:
        with pytest.raises(TypeError):
            hs_verifier.verify(token, now=bad)

    @pytest.mark.parametrize("bad", [float("nan"), float("inf"), 2**63, -(2**63) - 1, 1e19])
    def test_out_of_range_values_are_value_errors(self, hs_verifier: onejwt.Verifier, token: str, bad: Any) -> None:
        with pytest.raises(ValueError):
            hs_verifier.verify(token, now=bad)


def test_verifier_is_immutable(hs_verifier: onejwt.Verifier) -> None:
    with pytest.raises(AttributeError):
        hs_verifier.algorithms = ["none"]  # type: ignore[attr-defined]
