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
    ]
    for change, error in refusals:
        with pytest.raises(error):
            onejwt.Verifier(key=hs_key, **{**strict, **change}).verify(token, now=now)
    # A 64-byte secret serves HS512, which the allow-list names; the HS256 token is not allowed.
    long_key = onejwt.Key.hmac(b"k" * 64)
    with pytest.raises(onejwt.AlgorithmNotAllowedError):
        onejwt.Verifier(key=long_key, **{**strict, "algorithms": ["HS512"]}).verify(token, now=now)
    # The 32-byte secret serves no algorithm of ["RS256"]: refused when the verifier is built.
    with pytest.raises(onejwt.OptionsValueError, match="can verify none of the allowed algorithms") as refused:
        onejwt.Verifier(key=hs_key, **{**strict, "algorithms": ["RS256"]})
    assert refused.value.option == "key"


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
        ({"subject": ["42"]}, "subject", onejwt.OptionsTypeError),
        ({"subject": ""}, "subject", onejwt.OptionsValueError),
        ({"required": "sub"}, "required", onejwt.OptionsTypeError),
        ({"max_age": -5}, "max_age", onejwt.OptionsValueError),
        ({"issuer": object()}, "issuer", onejwt.OptionsTypeError),
        ({"leeway": float("nan")}, "leeway", onejwt.OptionsValueError),
        ({"max_token_bytes": 2**70}, "max_token_bytes", onejwt.OptionsValueError),
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
    with pytest.raises(onejwt.OptionsValueError) as info:
        onejwt.Verifier(key=hs_key)  # type: ignore[call-arg]
    assert info.value.option == "algorithms"
    with pytest.raises(onejwt.OptionsValueError) as info:
        onejwt.Verifier(key=hs_key, algorithms=None)  # type: ignore[arg-type]  # None is "not set"
    assert info.value.option == "algorithms"


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("clock_tolerance", "leeway"),
        ("clockTolerance", "leeway"),
        ("required_claims", "required"),
        ("max_token_age", "max_age"),
        ("maxTokenBytes", "max_token_bytes"),
        ("algorithm", "algorithms"),
        ("aud", "audience"),
        ("sub", "subject"),
    ],
)
def test_another_librarys_option_name_gets_a_hint(hs_key: onejwt.Key, name: str, hint: str) -> None:
    options: dict[str, Any] = {name: 5}
    with pytest.raises(onejwt.OptionsValueError) as info:
        onejwt.Verifier(key=hs_key, algorithms=["HS256"], **options)
    assert str(info.value) == f"invalid option `{name}`: unknown option (onejwt calls it `{hint}`)"
    assert info.value.option == name


class TestSubject:
    def test_sub_must_equal_the_subject(self, hs_key: onejwt.Key, now: int) -> None:
        verifier = onejwt.Verifier(key=hs_key, algorithms=["HS256"], subject="42")
        assert verifier.verify(onejwt.sign({"sub": "42"}, hs_key, "HS256"), now=now) == {"sub": "42"}
        for other in ["43", "42 ", "4"]:
            with pytest.raises(onejwt.InvalidClaimError) as info:
                verifier.verify(onejwt.sign({"sub": other}, hs_key, "HS256"), now=now)
            assert info.value.claim == "sub"
            assert str(info.value) == "invalid_claim: the token's subject is not the expected one"

    def test_a_token_without_sub_is_missing_it(self, hs_key: onejwt.Key, now: int) -> None:
        verifier = onejwt.Verifier(key=hs_key, algorithms=["HS256"], subject="42")
        with pytest.raises(onejwt.MissingClaimError) as info:
            verifier.verify(onejwt.sign({"iss": "x"}, hs_key, "HS256"), now=now)
        assert info.value.claim == "sub"

    def test_without_the_option_any_sub_is_accepted(self, hs_verifier: onejwt.Verifier, hs_key: onejwt.Key) -> None:
        assert hs_verifier.verify(onejwt.sign({"sub": "anyone"}, hs_key, "HS256"), now=0) == {"sub": "anyone"}


def test_exactly_one_key_source(hs_key: onejwt.Key) -> None:
    keys = onejwt.KeySet.from_jwks({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]})
    for source, message in [
        ({}, "a key or a key set is required"),
        ({"key": None, "keys": None}, "a key or a key set is required"),
        ({"key": hs_key, "keys": keys}, "give either a key or a key set, not both"),
    ]:
        with pytest.raises(onejwt.OptionsValueError) as info:
            onejwt.Verifier(algorithms=["HS256"], **source)  # type: ignore[arg-type]
        assert info.value.option == "key" and str(info.value) == f"invalid option `key`: {message}"
    for source, option, message in [
        ({"key": "secret"}, "key", "must be a Key or a cryptography key object, not str"),
        ({"key": object()}, "key", "must be a Key or a cryptography key object, not object"),
        ({"keys": hs_key}, "keys", "must be a KeySet"),
        ({"keys": {"keys": []}}, "keys", "must be a KeySet"),
    ]:
        with pytest.raises(onejwt.OptionsTypeError) as type_info:
            onejwt.Verifier(algorithms=["HS256"], **source)  # type: ignore[arg-type]
        assert type_info.value.option == option and str(type_info.value) == f"invalid option `{option}`: {message}"
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
        with pytest.raises(onejwt.OptionsValueError) as info:
            hs_verifier.verify(token, now=datetime.fromtimestamp(now))
        assert info.value.option == "now"
        assert str(info.value) == (
            "invalid option `now`: a datetime must be timezone-aware (a naive one depends on the machine's time zone)"
        )

    def test_none_is_the_system_clock(self, hs_key: onejwt.Key, hs_verifier: onejwt.Verifier) -> None:
        fresh = onejwt.sign({"exp": int(time.time()) + 60}, hs_key, "HS256")
        assert hs_verifier.verify(fresh) == hs_verifier.verify(fresh, now=None)
        stale = onejwt.sign({"exp": int(time.time()) - 60}, hs_key, "HS256")
        with pytest.raises(onejwt.ExpiredError):
            hs_verifier.verify(stale)

    @pytest.mark.parametrize("bad", ["1700000000", True, [1], {"now": 1}])
    def test_other_json_types_are_the_cores_type_errors(self, hs_verifier: onejwt.Verifier, token: str, bad: Any) -> None:
        for call in (hs_verifier.verify, hs_verifier.verify_complete):
            with pytest.raises(onejwt.OptionsTypeError) as info:
                call(token, now=bad)
            assert str(info.value) == "invalid option `now`: must be Unix seconds (a number) or a date"

    @pytest.mark.parametrize("bad", [b"1", object(), {1, 2}])
    def test_values_without_a_json_form_are_type_errors(self, hs_verifier: onejwt.Verifier, token: str, bad: Any) -> None:
        with pytest.raises(onejwt.OptionsTypeError, match=r"^invalid option `now`: a value of type \w+ has no JSON form"):
            hs_verifier.verify(token, now=bad)

    @pytest.mark.parametrize("bad", [2**63, 1e19, 8.64e12 + 1, -8.64e12 - 1, 8_640_000_000_001])
    def test_times_beyond_the_time_rule_are_value_errors(self, hs_verifier: onejwt.Verifier, token: str, bad: Any) -> None:
        with pytest.raises(onejwt.OptionsValueError) as info:
            hs_verifier.verify(token, now=bad)
        assert str(info.value) == (
            "invalid option `now`: must be a finite time within ±8.64e12 Unix seconds (the range of a JavaScript Date)"
        )

    @pytest.mark.parametrize("bad", [float("nan"), float("inf"), -(2**63) - 1])
    def test_numbers_json_cannot_carry_are_value_errors(self, hs_verifier: onejwt.Verifier, token: str, bad: Any) -> None:
        with pytest.raises(onejwt.OptionsValueError) as info:
            hs_verifier.verify(token, now=bad)
        assert info.value.option == "now"

    def test_the_time_rule_keeps_its_whole_range(self, hs_key: onejwt.Key) -> None:
        far = onejwt.sign({"exp": 8_640_000_000_001}, hs_key, "HS256")
        verifier = onejwt.Verifier(key=hs_key, algorithms=["HS256"])
        assert verifier.verify(far, now=8.64e12)
        assert verifier.verify(far, now=-8_640_000_000_000)
        assert verifier.verify(far, now=-0.5)  # floors to -1

    def test_another_librarys_name_for_now_gets_a_hint(self, hs_verifier: onejwt.Verifier, token: str, now: int) -> None:
        for name in ("current_date", "currentDate", "clock_timestamp"):
            with pytest.raises(onejwt.OptionsValueError) as info:
                hs_verifier.verify(token, **{name: now})
            assert str(info.value) == f"invalid option `{name}`: unknown option (onejwt calls it `now`)"
        with pytest.raises(onejwt.OptionsValueError) as info:
            hs_verifier.verify_complete(token, now=now, leeway=5)  # type: ignore[call-arg]
        assert str(info.value) == "invalid option `leeway`: unknown option"


def test_verifier_is_immutable(hs_verifier: onejwt.Verifier) -> None:
    with pytest.raises(AttributeError):
        hs_verifier.algorithms = ["none"]  # type: ignore[attr-defined]
