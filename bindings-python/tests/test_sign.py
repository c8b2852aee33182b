"""Sign: issuing tokens from dict claims, kid and extra headers, expires_in / set_issued_at / now,
dates in claims; argument errors and the host depth rule."""

from __future__ import annotations

import time
from collections import OrderedDict
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

import onejwt


def test_header_layout_and_claim_order(hs_key: onejwt.Key, now: int) -> None:
    token = onejwt.sign(OrderedDict([("z", 1), ("a", 2)]), hs_key, "HS256", kid="k1", headers={"typ": "at+jwt", "x": [1]})
    header, claims = onejwt.decode_unverified(token)
    assert list(header) == ["alg", "kid", "typ", "x"]
    assert header == {"alg": "HS256", "kid": "k1", "typ": "at+jwt", "x": [1]}
    assert list(claims) == ["z", "a"]


def test_hmac_signing_is_deterministic(hs_key: onejwt.Key) -> None:
    claims = {"sub": "42"}
    assert onejwt.sign(claims, hs_key, "HS256") == onejwt.sign(claims, hs_key, "HS256")


@pytest.mark.parametrize("name", ["alg", "kid", "crit", "b64", "zip", "enc"])
def test_reserved_headers_are_value_errors(hs_key: onejwt.Key, name: str) -> None:
    with pytest.raises(ValueError) as info:
        onejwt.sign({}, hs_key, "HS256", headers={name: "x"})
    assert isinstance(info.value, onejwt.OptionsValueError) and info.value.option == "headers"


def test_registered_claims_keep_their_types(hs_key: onejwt.Key) -> None:
    with pytest.raises(onejwt.InvalidClaimError) as info:
        onejwt.sign({"exp": "tomorrow"}, hs_key, "HS256")
    assert info.value.claim == "exp"


@pytest.mark.parametrize(("algorithm", "error"), [("none", onejwt.UnsupportedAlgorithmError), ("ES256K", onejwt.UnsupportedAlgorithmError), ("RS256", onejwt.InvalidKeyError)])
def test_algorithm_refusals(hs_key: onejwt.Key, algorithm: str, error: type[onejwt.JwtError]) -> None:
    with pytest.raises(error):
        onejwt.sign({}, hs_key, algorithm)


# Deliberately ill-typed calls: the stub would refuse them, the runtime must raise TypeError.
untyped_sign: Any = onejwt.sign


@pytest.mark.parametrize(
    "call",
    [
        lambda k: untyped_sign([("sub", "1")], k, "HS256"),
        lambda k: untyped_sign("{}", k, "HS256"),
        lambda k: untyped_sign({}, "secret", "HS256"),
        lambda k: untyped_sign({}, k, b"HS256"),
        lambda k: untyped_sign({}, k, "HS256", kid=5),
        lambda k: untyped_sign({}, k, "HS256", headers=[("x", 1)]),
        lambda k: untyped_sign({1: "x"}, k, "HS256"),
        lambda k: untyped_sign({"when": object()}, k, "HS256"),
        lambda k: untyped_sign({}, k, "HS256", "kid"),
    ],
)
def test_argument_types(hs_key: onejwt.Key, call: Any) -> None:
    with pytest.raises(TypeError):
        call(hs_key)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 2**64, -(2**63) - 1])
def test_values_json_cannot_carry_are_value_errors(hs_key: onejwt.Key, value: Any) -> None:
    with pytest.raises(onejwt.OptionsValueError) as info:
        onejwt.sign({"n": value}, hs_key, "HS256")
    assert info.value.option == "claims" and str(info.value).startswith("invalid argument `claims`: ")


def test_self_containing_claims_are_refused_not_a_crash(hs_key: onejwt.Key) -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(onejwt.OptionsTypeError) as info:
        onejwt.sign({"loop": loop}, hs_key, "HS256")
    assert str(info.value) == "invalid argument `claims`: nests deeper than 64 levels (or contains itself)"
    assert info.value.option == "claims"
    cycle: dict[str, Any] = {}
    cycle["self"] = cycle
    with pytest.raises(onejwt.OptionsTypeError) as options_info:
        onejwt.sign({}, hs_key, "HS256", headers=cycle)
    assert str(options_info.value) == "invalid option `headers`: nests deeper than 64 levels (or contains itself)"


def nested(levels: int) -> Any:
    """A value whose containers nest `levels` deep (the value itself being level 1)."""
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


def test_the_host_depth_rule_is_the_cores(hs_key: onejwt.Key) -> None:
    # The claims object is level 1: 32 to 63 more levels are 33 to 64 in all (64 is the core's
    # MAX_HOST_DEPTH). Those convert, and the core refuses them as any token part deeper than 32.
    for levels in range(32, 64):
        with pytest.raises(onejwt.MalformedError):
            onejwt.sign({"deep": nested(levels)}, hs_key, "HS256")
    # One more level is a caller mistake found while converting, before the core sees it.
    with pytest.raises(onejwt.OptionsTypeError, match="nests deeper than 64 levels"):
        onejwt.sign({"deep": nested(64)}, hs_key, "HS256")
    # Within the JSON depth cap (32 levels, the claims object included) the token is fine.
    token = onejwt.sign({"deep": nested(31)}, hs_key, "HS256")
    assert onejwt.decode_unverified(token)[1]["deep"] == nested(31)


def test_depth_counts_mappings_and_sequences_alike(hs_key: onejwt.Key) -> None:
    value: Any = 1
    for i in range(63):
        value = {"k": value} if i % 2 else (value,)
    with pytest.raises(onejwt.MalformedError):
        onejwt.sign({"deep": value}, hs_key, "HS256")
    with pytest.raises(onejwt.OptionsTypeError):
        onejwt.sign({"deep": {"k": value}}, hs_key, "HS256")


class TestTimes:
    def test_expires_in_and_set_issued_at_count_from_now(self, hs_key: onejwt.Key, now: int) -> None:
        token = onejwt.sign({"sub": "42"}, hs_key, "HS256", expires_in=900, set_issued_at=True, now=now)
        assert onejwt.decode_unverified(token)[1] == {"sub": "42", "iat": now, "exp": now + 900}
        only_exp = onejwt.sign({}, hs_key, "HS256", expires_in=1, now=now + 0.9)  # now is floored
        assert onejwt.decode_unverified(only_exp)[1] == {"exp": now + 1}
        aware = datetime.fromtimestamp(now, timezone(timedelta(hours=-5)))
        only_iat = onejwt.sign({}, hs_key, "HS256", set_issued_at=True, now=aware)
        assert onejwt.decode_unverified(only_iat)[1] == {"iat": now}

    def test_without_now_the_system_clock_stamps(self, hs_key: onejwt.Key) -> None:
        before = int(time.time())
        claims = onejwt.decode_unverified(onejwt.sign({}, hs_key, "HS256", expires_in=60, set_issued_at=True))[1]
        assert before <= claims["iat"] <= int(time.time()) and claims["exp"] == claims["iat"] + 60

    def test_none_means_not_set(self, hs_key: onejwt.Key) -> None:
        plain = onejwt.sign({"sub": "42"}, hs_key, "HS256")
        unset = onejwt.sign({"sub": "42"}, hs_key, "HS256", kid=None, headers=None, expires_in=None, set_issued_at=None, now=None)
        assert unset == plain
        assert onejwt.sign({"sub": "42"}, hs_key, "HS256", set_issued_at=False, now=5) == plain

    def test_the_claims_must_not_carry_what_the_options_set(self, hs_key: onejwt.Key, now: int) -> None:
        with pytest.raises(onejwt.OptionsValueError) as info:
            onejwt.sign({"exp": now}, hs_key, "HS256", expires_in=60, now=now)
        assert str(info.value) == "invalid option `expires_in`: cannot be used when the claims already carry exp"
        with pytest.raises(onejwt.OptionsValueError) as info:
            onejwt.sign({"iat": now}, hs_key, "HS256", set_issued_at=True, now=now)
        assert info.value.option == "set_issued_at"

    @pytest.mark.parametrize(
        ("options", "option", "error"),
        [
            ({"expires_in": -1}, "expires_in", onejwt.OptionsValueError),
            ({"expires_in": "15m"}, "expires_in", onejwt.OptionsTypeError),
            ({"expires_in": 1.5}, "expires_in", onejwt.OptionsTypeError),
            ({"set_issued_at": 1}, "set_issued_at", onejwt.OptionsTypeError),
            ({"now": "now"}, "now", onejwt.OptionsTypeError),
            ({"now": float("nan")}, "now", onejwt.OptionsValueError),
            ({"now": 9e12}, "now", onejwt.OptionsValueError),
            ({"kid": 5}, "kid", onejwt.OptionsTypeError),
            ({"headers": "typ=JWT"}, "headers", onejwt.OptionsTypeError),
            ({"expiresIn": 60}, "expiresIn", onejwt.OptionsValueError),
            ({"exp": 60}, "exp", onejwt.OptionsValueError),
        ],
    )
    def test_bad_options_name_the_option(
        self, hs_key: onejwt.Key, options: dict[str, Any], option: str, error: type[onejwt.OptionsError]
    ) -> None:
        with pytest.raises(error) as info:
            onejwt.sign({}, hs_key, "HS256", **options)
        assert info.value.option == option and f"`{option}`" in str(info.value)

    @pytest.mark.parametrize(("name", "hint"), [("expiresIn", "expires_in"), ("issued_at", "set_issued_at"), ("header", "headers"), ("keyid", "kid"), ("currentDate", "now")])
    def test_another_librarys_name_gets_a_hint(self, hs_key: onejwt.Key, name: str, hint: str) -> None:
        options: dict[str, Any] = {name: 1}
        with pytest.raises(onejwt.OptionsValueError) as info:
            onejwt.sign({}, hs_key, "HS256", **options)
        assert str(info.value) == f"invalid option `{name}`: unknown option (onejwt calls it `{hint}`)"


class TestDatesInClaims:
    def test_an_aware_datetime_anywhere_becomes_a_numeric_date(self, hs_key: onejwt.Key, now: int) -> None:
        at = datetime.fromtimestamp(now, timezone.utc)
        claims = {
            "exp": at + timedelta(minutes=15),
            "nbf": at.astimezone(timezone(timedelta(hours=9))),
            "iat": at + timedelta(microseconds=999_999),  # floored: whole seconds
            "history": [{"at": at - timedelta(days=1)}],
        }
        token = onejwt.sign(claims, hs_key, "HS256", headers={"signed_at": at})
        header, got = onejwt.decode_unverified(token)
        assert got == {"exp": now + 900, "nbf": now, "iat": now, "history": [{"at": now - 86400}]}
        assert type(got["exp"]) is int and header["signed_at"] == now
        # A NumericDate the verifier judges like any other.
        assert onejwt.Verifier(key=hs_key, algorithms=["HS256"]).verify(token, now=now + 1)["exp"] == now + 900

    def test_a_date_before_1970_floors(self, hs_key: onejwt.Key) -> None:
        before = datetime(1969, 12, 31, 23, 59, 59, 500_000, tzinfo=timezone.utc)
        assert onejwt.decode_unverified(onejwt.sign({"t": before}, hs_key, "HS256"))[1] == {"t": -1}

    def test_a_naive_datetime_is_refused_naming_the_argument(self, hs_key: onejwt.Key, now: int) -> None:
        naive = datetime.fromtimestamp(now)
        with pytest.raises(onejwt.OptionsValueError) as info:
            onejwt.sign({"exp": naive}, hs_key, "HS256")
        assert info.value.option == "claims"
        assert str(info.value).startswith("invalid argument `claims`: a datetime must be timezone-aware")
        with pytest.raises(onejwt.OptionsValueError) as info:
            onejwt.sign({}, hs_key, "HS256", headers={"at": naive})
        assert str(info.value).startswith("invalid option `headers`: a datetime must be timezone-aware")

    def test_a_date_and_not_a_datetime_has_no_json_form(self, hs_key: onejwt.Key) -> None:
        with pytest.raises(onejwt.OptionsTypeError, match="`claims`: a value of type date has no JSON form"):
            onejwt.sign({"day": date(2024, 1, 1)}, hs_key, "HS256")
