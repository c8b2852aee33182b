"""Corpus: every case of tests/vectors through the public Python API, with the outcome logic of
core/tests/corpus.rs, and the outcomes written to target/corpus/python.json for the cross-runtime diff."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional, Union

import pytest

import onejwt

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
RECORDS = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "corpus" / "python.json"

Case = dict[str, Any]


def _serde_int(text: str) -> Union[int, float]:
    """Parse integers as serde_json does: exact within 64 bits, an IEEE double beyond."""
    value = int(text)
    return value if -(2**63) <= value < 2**64 else float(text)


def load_cases() -> list[Case]:
    """Every `*.json` under tests/vectors except the keys folder, in path order (as corpus.rs)."""
    cases = []
    for path in sorted(p for p in VECTORS.rglob("*.json") if "keys" not in p.relative_to(VECTORS).parts[:-1]):
        case = json.loads(path.read_text(encoding="utf-8"), parse_int=_serde_int)
        assert isinstance(case, dict), f"{path} is not a JSON object"
        cases.append(case)
    return cases


CASES = load_cases()


@dataclass(frozen=True)
class Outcome:
    """What happened to one case: verdict `ok`, `error` (code) or `options_error` (option name)."""

    verdict: str
    code: Optional[str] = None
    claims: Optional[dict[str, Any]] = None
    header: Optional[dict[str, Any]] = None
    token: Optional[str] = None

    def record(self, case_id: str) -> dict[str, Any]:
        """The cross-runtime record `{id, verdict, code, claims}`, as every runner writes it."""
        return {
            "id": case_id,
            "verdict": self.verdict,
            "code": self.code,
            "claims": self.claims if self.verdict == "ok" else None,
        }


def build_key(form: Any) -> Union[onejwt.Key, onejwt.KeySet]:
    assert isinstance(form, dict) and len(form) == 1, "a key form has exactly one member"
    ((kind, value),) = form.items()
    if kind == "hmac":
        assert isinstance(value, str)
        return onejwt.Key.hmac(value)
    if kind == "hmac_base64url":
        assert isinstance(value, str)
        return onejwt.Key.hmac(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    if kind == "pem":
        assert isinstance(value, str)
        return onejwt.Key.from_pem(value)
    if kind == "jwk":
        assert isinstance(value, (dict, str)), "jwk form must be an object or a string"
        return onejwt.Key.from_jwk(value)
    if kind == "jwks":
        assert isinstance(value, (dict, str)), "jwks form must be an object or a string"
        return onejwt.KeySet.from_jwks(value)
    raise AssertionError(f"unknown key form {kind}")


def token_of(case: Case) -> str:
    if "token" in case:
        token = case["token"]
        assert isinstance(token, str)
        return token
    rep = case["token_repeat"]
    return str(rep.get("prefix", "")) + str(rep["fill"]) * int(rep["count"])


def verify(case: Case, token: str) -> Outcome:
    try:
        key = build_key(case["key"])
    except onejwt.JwtError as e:
        return Outcome("error", e.code)
    options = case.get("options")
    options = options if isinstance(options, dict) else {}
    # `key`/`keys` are the constructor's own parameters; an option by that name cannot be passed.
    assert not {"key", "keys"} & options.keys(), "the Python runner cannot pass an option named key/keys"
    source: dict[str, Any] = {"keys": key} if isinstance(key, onejwt.KeySet) else {"key": key}
    try:
        verifier = onejwt.Verifier(**source, **options)
    except onejwt.OptionsError as e:
        return Outcome("options_error", e.option)
    now = case["now"]
    assert isinstance(now, int) and not isinstance(now, bool), "every verify case has an integer now"
    try:
        header, claims = verifier.verify_complete(token, now=now)
    except onejwt.JwtError as e:
        return Outcome("error", e.code)
    return Outcome("ok", claims=claims, header=header)


def run_sign(case: Case) -> Outcome:
    spec = case["sign"]
    try:
        key = build_key(spec["key"])
    except onejwt.JwtError as e:
        return Outcome("error", e.code)
    assert isinstance(key, onejwt.Key), "sign needs a single key"
    kid = spec.get("kid") if isinstance(spec.get("kid"), str) else None
    headers = spec.get("headers") if isinstance(spec.get("headers"), dict) else None
    claims, algorithm = spec["claims"], spec["algorithm"]
    assert isinstance(claims, dict) and isinstance(algorithm, str)
    try:
        token = onejwt.sign(claims, key, algorithm, kid=kid, headers=headers)
    except onejwt.JwtError as e:
        return Outcome("error", e.code)
    except onejwt.OptionsError as e:
        return Outcome("options_error", e.option)
    if "claims" in case["expect"]:
        verify_case = dict(case)
        if "key" not in verify_case:
            verify_case["key"] = spec["key"]
        outcome = verify(verify_case, token)
        return replace(outcome, token=token) if outcome.verdict == "ok" else outcome
    return Outcome("ok", claims={}, token=token)


def decode(case: Case) -> Outcome:
    try:
        header, claims = onejwt.decode_unverified(token_of(case))
    except onejwt.JwtError as e:
        return Outcome("error", e.code)
    return Outcome("ok", claims=claims, header=header)


def run(case: Case) -> Outcome:
    kind = case.get("kind", "verify")
    if kind == "verify":
        return verify(case, token_of(case))
    if kind == "sign":
        return run_sign(case)
    if kind == "decode":
        return decode(case)
    raise AssertionError(f"unknown kind {kind}")


def json_equal(a: Any, b: Any) -> bool:
    """JSON equality as serde_json's: unlike Python's ==, 1 != 1.0 and true != 1."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(json_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    return bool(a == b)


def check(case: Case, outcome: Outcome) -> Optional[str]:
    """Compares an outcome with the case's expectation; returns a description of any difference."""
    expect = case["expect"]
    if outcome.verdict == "ok":
        if "error" in expect or "options_error" in expect:
            return f"expected failure {expect.get('error', expect.get('options_error'))}, got success"
        if "token" in expect and expect["token"] != outcome.token:
            return f"token differs: got {outcome.token!r}"
        if "claims" in expect and not json_equal(expect["claims"], outcome.claims):
            return f"claims differ: got {json.dumps(outcome.claims)}"
        if "header" in expect and not json_equal(expect["header"], outcome.header):
            return f"header differs: got {json.dumps(outcome.header)}"
        return None
    want = expect.get(outcome.verdict)
    if isinstance(want, str) and want == outcome.code:
        return None
    what = "error" if outcome.verdict == "error" else "options error on"
    return f"got {what} {outcome.code!r}, expected {json.dumps(expect)}"


class CorpusRun:
    """Runs each case once, for its test and for the record file, which always holds every case."""

    def __init__(self, cases: list[Case]) -> None:
        self.cases = cases
        self.results: dict[str, Union[Outcome, Exception]] = {}

    def outcome(self, case: Case) -> Outcome:
        case_id = case["id"]
        if case_id not in self.results:
            try:
                self.results[case_id] = run(case)
            except Exception as e:  # a runner crash: re-raised in the case's test, recorded as such
                self.results[case_id] = e
        result = self.results[case_id]
        if isinstance(result, Exception):
            raise result
        return result

    def records(self) -> list[dict[str, Any]]:
        records = []
        for case in self.cases:
            try:
                records.append(self.outcome(case).record(case["id"]))
            except Exception as e:
                records.append({"id": case["id"], "verdict": "crash", "code": type(e).__name__, "claims": None})
        return sorted(records, key=lambda r: str(r["id"]))


@pytest.fixture(scope="session")
def corpus_run() -> Iterator[CorpusRun]:
    run = CorpusRun(CASES)
    yield run
    if CASES:
        RECORDS.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(run.records(), indent=2, ensure_ascii=False)
        RECORDS.write_text(text + "\n", encoding="utf-8")


def test_the_corpus_is_loaded_and_ids_are_unique() -> None:
    assert CASES, f"no corpus cases found under {VECTORS}"
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"


@pytest.mark.parametrize("case", CASES, ids=[str(case["id"]) for case in CASES])
def test_case(case: Case, corpus_run: CorpusRun) -> None:
    difference = check(case, corpus_run.outcome(case))
    assert difference is None, f"{case['id']}: {difference}"
