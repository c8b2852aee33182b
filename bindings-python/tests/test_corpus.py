"""Corpus: every case of tests/vectors through the public Python API, with the outcome logic of
core/tests/corpus.rs, and the outcomes written to target/corpus/python.json for the cross-runtime diff."""

from __future__ import annotations

import asyncio
import base64
import inspect
import json
import os
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional, TypeVar, Union

import pytest

import onejwt

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"
RECORDS = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "corpus" / "python.json"

Case = dict[str, Any]
T = TypeVar("T")


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
    # The claims, or for a service case the list of step outcomes ("ok", "error:<code>", ...).
    claims: Union[dict[str, Any], list[str], None] = None
    header: Optional[dict[str, Any]] = None
    token: Optional[str] = None
    # A service case's unmet step expectations (its record is `ok` either way, as in corpus.rs).
    unmet: tuple[str, ...] = ()
    # str() and repr() of the exception a refusal raised, for the error-hygiene check (and the
    # messages of the keys a key set left out).
    texts: tuple[str, ...] = ()
    # The keys the case's key set left out, as `expect.skipped` lists them; None for a single key.
    skipped: Optional[list[dict[str, Any]]] = None

    def record(self, case_id: str) -> dict[str, Any]:
        """The cross-runtime record `{id, verdict, code, claims}`, as every runner writes it."""
        return {
            "id": case_id,
            "verdict": self.verdict,
            "code": self.code,
            "claims": self.claims if self.verdict == "ok" else None,
        }


def build_key(form: Any) -> Union[onejwt.Key, onejwt.KeySet]:
    assert isinstance(form, dict), "a key form is an object"
    # `{"jwks": ..., "options": {...}}`: KeySet.from_jwks's options, passed as they are.
    form = dict(form)
    set_options = form.pop("options", None)
    assert set_options is None or ("jwks" in form and isinstance(set_options, dict)), "only jwks takes options"
    assert len(form) == 1, "a key form has exactly one key member"
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
        return onejwt.KeySet.from_jwks(value, **(set_options or {}))
    raise AssertionError(f"unknown key form {kind}")


def token_of(case: Case) -> str:
    if "token" in case:
        token = case["token"]
        assert isinstance(token, str)
        return token
    rep = case["token_repeat"]
    return str(rep.get("prefix", "")) + str(rep["fill"]) * int(rep["count"])


def skipped_of(key: Union[onejwt.Key, onejwt.KeySet]) -> tuple[Optional[list[dict[str, Any]]], tuple[str, ...]]:
    """The keys a key set left out, as `expect.skipped` lists them, and their messages."""
    if not isinstance(key, onejwt.KeySet):
        return None, ()
    skipped = [{"index": s.index, "kid": s.kid, "reason": s.reason} for s in key.skipped]
    return skipped, tuple(text for s in key.skipped for text in (s.message, repr(s)))


def built_key(case: Case) -> Union[onejwt.Key, onejwt.KeySet, Outcome]:
    """The case's key (or key set), or its refusal as the case's outcome."""
    try:
        return build_key(case["key"])
    except onejwt.JwtError as e:
        return Outcome("error", e.code, texts=(str(e), repr(e)))
    except onejwt.OptionsError as e:
        return Outcome("options_error", e.option, texts=(str(e), repr(e)))


def verify(case: Case, token: str) -> Outcome:
    key = built_key(case)
    if isinstance(key, Outcome):
        return key
    skipped, skipped_texts = skipped_of(key)
    outcome = verify_with(case, token, key)
    return replace(outcome, skipped=skipped, texts=outcome.texts + skipped_texts)


def verify_with(case: Case, token: str, key: Union[onejwt.Key, onejwt.KeySet]) -> Outcome:
    options = case.get("options")
    options = options if isinstance(options, dict) else {}
    # `key`/`keys` are the constructor's own parameters; an option by that name cannot be passed.
    assert not {"key", "keys"} & options.keys(), "the Python runner cannot pass an option named key/keys"
    source: dict[str, Any] = {"keys": key} if isinstance(key, onejwt.KeySet) else {"key": key}
    try:
        verifier = onejwt.Verifier(**source, **options)
    except onejwt.OptionsError as e:
        return Outcome("options_error", e.option, texts=(str(e), repr(e)))
    now = case["now"]
    assert isinstance(now, int) and not isinstance(now, bool), "every verify case has an integer now"
    try:
        header, claims = verifier.verify_complete(token, now=now)
    except onejwt.JwtError as e:
        return Outcome("error", e.code, texts=(str(e), repr(e)))
    return Outcome("ok", claims=claims, header=header)


def run_sign(case: Case) -> Outcome:
    spec = case["sign"]
    try:
        key = build_key(spec["key"])
    except onejwt.JwtError as e:
        return Outcome("error", e.code, texts=(str(e), repr(e)))
    assert isinstance(key, onejwt.Key), "sign needs a single key"
    claims, algorithm = spec["claims"], spec["algorithm"]
    assert isinstance(claims, dict) and isinstance(algorithm, str)
    # Every other member of the sign object is a sign option, passed as it is.
    options = {name: value for name, value in spec.items() if name not in ("claims", "key", "algorithm")}
    try:
        token = onejwt.sign(claims, key, algorithm, **options)
    except onejwt.JwtError as e:
        return Outcome("error", e.code, texts=(str(e), repr(e)))
    except onejwt.OptionsError as e:
        return Outcome("options_error", e.option, texts=(str(e), repr(e)))
    if "claims" in case["expect"]:
        verify_case = dict(case)
        if "key" not in verify_case:
            verify_case["key"] = spec["key"]
        outcome = verify(verify_case, token)
        return replace(outcome, token=token) if outcome.verdict == "ok" else outcome
    return Outcome("ok", claims={}, token=token)


def exported(export: Callable[[], Any]) -> Any:
    """One export's value, or `{"error": code}` when it is refused (tests/vectors/README.md)."""
    try:
        return export()
    except onejwt.JwtError as e:
        return {"error": e.code}


def run_export(case: Case) -> Outcome:
    """`kind: "export"`: every export of the key (or key set) through the public API, recorded as
    the outcome's claims."""
    key = built_key(case)
    if isinstance(key, Outcome):
        return key
    if isinstance(key, onejwt.KeySet):
        keys = key
        exports = {
            "public_jwks": exported(lambda: keys.to_jwks()),
            "private_jwks": exported(lambda: keys.to_jwks(private=True)),
        }
    else:
        exports = {
            "public_jwk": exported(lambda: key.to_jwk()),
            "private_jwk": exported(lambda: key.to_jwk(private=True)),
            "public_pem": exported(lambda: key.to_pem()),
            "private_pem": exported(lambda: key.to_pem(private=True)),
            "thumbprint": exported(key.thumbprint),
        }
    return Outcome("ok", claims=exports)


def member_names(export: Callable[[], dict[str, Any]]) -> Any:
    """The sorted member names of a JWK export, or `{"error": code}`."""
    jwk = exported(export)
    return jwk if set(jwk) == {"error"} else sorted(jwk)


def run_generate(case: Case) -> Outcome:
    """`kind: "generate"`: what must hold for every key `Key.generate` makes (the key is random)."""
    algorithm = case["algorithm"]
    options = case.get("options", {})
    assert isinstance(algorithm, str) and isinstance(options, dict)
    try:
        key = onejwt.Key.generate(algorithm, **options)
    except onejwt.JwtError as e:
        return Outcome("error", e.code, texts=(str(e), repr(e)))
    except onejwt.OptionsError as e:
        return Outcome("options_error", e.option, texts=(str(e), repr(e)))
    thumbprint = key.thumbprint()
    private = key.to_jwk(private=True)
    hmac = key.family == "hmac"
    generated: dict[str, Any] = {
        "family": key.family,
        "kid": "thumbprint" if key.kid == thumbprint else key.kid,
        "public_members": member_names(key.to_jwk),
        "private_members": sorted(private),
    }
    if hmac:
        k = private["k"]
        generated["secret_bytes"] = len(base64.urlsafe_b64decode(k + "=" * (-len(k) % 4)))
    verifier_key = onejwt.Key.from_jwk(private if hmac else key.to_jwk())
    try:
        token = onejwt.sign({"sub": "42"}, key, algorithm)
        header, claims = onejwt.Verifier(key=verifier_key, algorithms=[algorithm]).verify_complete(token, now=0)
        generated["verifies"] = claims["sub"] == "42" and header.get("kid") == key.kid
    except onejwt.JwtError as e:
        generated["verifies"] = e.code
    if not hmac:

        def same(pem: Callable[[], str]) -> bool:
            try:
                return onejwt.Key.from_pem(pem()).thumbprint() == thumbprint
            except onejwt.JwtError:
                return False

        generated["pem_round_trips"] = same(lambda: key.to_pem(private=True)) and same(key.to_pem)
    return Outcome("ok", claims=generated)


def decode(case: Case) -> Outcome:
    try:
        header, claims = onejwt.decode_unverified(token_of(case))
    except onejwt.JwtError as e:
        return Outcome("error", e.code, texts=(str(e), repr(e)))
    return Outcome("ok", claims=claims, header=header)


# A service step's result before it meets its expectation: ("value", v), ("error", code) or
# ("options_error", option), as `StepResult` in corpus.rs.
StepResult = tuple[str, Any]
AnyService = Union[onejwt.TokenService, onejwt.AsyncTokenService]


class ScriptError(Exception):
    """What the scripted store raises: a `{"throw": message}` reply, or no reply left."""


class ScriptedStore:
    """The corpus's scripted host store (tests/vectors/README.md): `execute` logs each request and
    answers with the next of `replies`, raising for `{"throw": …}` and when none is left."""

    def __init__(self, replies: list[Any]) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []

    def answer(self, request: onejwt.StoreRequest) -> Any:
        self.requests.append(dict(request))
        if not self.replies:
            raise ScriptError("the script has no reply left")
        reply = self.replies.pop(0)
        if isinstance(reply, dict) and "throw" in reply:
            raise ScriptError(reply["throw"])
        return reply

    def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
        reply: onejwt.StoreReply = self.answer(request)
        return reply


class AsyncScriptedStore(ScriptedStore):
    """The same script, answered by a coroutine (the store of an AsyncTokenService)."""

    async def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:  # type: ignore[override]
        await asyncio.sleep(0)  # a real suspension point, as a network store has
        reply: onejwt.StoreReply = self.answer(request)
        return reply


def resolve(arg: Any, saved: dict[str, Any]) -> str:
    """A step's token argument: literal text, or `$name` / `$name.field` naming a saved result."""
    assert isinstance(arg, str), "token argument is a string"
    if not arg.startswith("$"):
        return arg
    name, _, field = arg[1:].partition(".")
    value = saved[name]
    value = value[field] if field else value
    assert isinstance(value, str), "saved token"
    return value


async def settled(value: Union[T, Awaitable[T]]) -> T:
    """A call's result: awaited when it is an AsyncTokenService coroutine."""
    if inspect.isawaitable(value):
        return await value
    return value


async def service_call(action: Callable[[], Any]) -> StepResult:
    """Runs one public-API call (awaiting it for AsyncTokenService), mapping its exception to the
    step result corpus.rs records."""
    try:
        return ("value", await settled(action()))
    except onejwt.JwtError as e:
        return ("error", e.code)
    except onejwt.OptionsError as e:
        return ("options_error", e.option)


def pair_dict(pair: onejwt.TokenPair) -> dict[str, str]:
    return {"access_token": pair.access_token, "refresh_token": pair.refresh_token}


async def run_step(service: AnyService, store: Optional[ScriptedStore], step: Case, saved: dict[str, Any]) -> StepResult:
    """One step through the public Python API, with the same op semantics as corpus.rs; the
    store-touching calls of an AsyncTokenService are awaited."""
    op, now = step["op"], step.get("now")

    def token() -> str:  # only ops that take a token read it
        return resolve(step["token"], saved)

    def bag(*names: str) -> dict[str, Any]:  # a call's arguments after the user id, as given
        return {name: step[name] for name in names if name in step}

    if op == "create_access_token":
        access = bag("email", "permissions", "extra", "now")
        return await service_call(lambda: service.create_access_token(step["user_id"], **access))
    if op == "login":
        login = bag("email", "permissions", "extra", "now")

        async def log_in() -> dict[str, str]:
            return pair_dict(await settled(service.login(step["user_id"], **login)))

        return await service_call(log_in)
    if op == "verify":
        return await service_call(lambda: service.verify(token(), step["token_type"], now=now))
    if op == "validate_token":
        return await service_call(lambda: service.validate_token(token(), step["token_type"], now=now))
    if op == "extract_user_id":
        return await service_call(lambda: service.extract_user_id(token(), now=now))
    if op in ("refresh", "refresh_chain"):
        update = bag("email", "permissions", "extra", "now")

        async def refresh() -> dict[str, str]:
            refresh_token = token()
            for _ in range(step.get("count", 1) if op == "refresh_chain" else 1):
                pair = await settled(service.refresh(refresh_token, **update))
                refresh_token = pair.refresh_token
            return pair_dict(pair)

        return await service_call(refresh)
    if op == "revoke":
        return await service_call(lambda: service.revoke(token(), now=now))
    if op == "logout":
        return await service_call(lambda: service.logout(token(), now=now))
    if op == "is_revoked":
        return await service_call(lambda: service.is_revoked(token(), now=now))
    if op == "metrics":
        return await service_call(service.metrics)
    if op == "rotate_key":

        def rotate() -> None:
            key = build_key(step["key"])
            assert isinstance(key, onejwt.Key), "rotate_key takes a key"
            service.rotate_key(key, now=now)

        return await service_call(rotate)
    if op == "jwks":
        jwks_options = bag("private", "now")
        return await service_call(lambda: service.jwks(**jwks_options))
    if op == "signing_kid":
        return await service_call(lambda: service.signing_kid)
    if op == "store_requests":
        assert store is not None, "store_requests needs the case's scripted store"
        return ("value", list(store.requests))
    if op == "decode":

        def decode_step() -> dict[str, Any]:
            header, claims = onejwt.decode_unverified(token())
            return {"header": header, "claims": claims}

        return await service_call(decode_step)
    if op == "extract_token":
        options = step.get("options", {})
        assert isinstance(options, dict)

        def extract() -> Optional[dict[str, Any]]:
            found = onejwt.extract_token(step["headers"], step.get("query"), **options)
            if found is None:
                return None
            return {"token": found.token, "source": found.source, "echo_protocol": found.echo_protocol}

        return await service_call(extract)
    raise AssertionError(f"unknown service op {op}")


def contains(got: Any, want: Any) -> bool:
    """Whether `got` contains every member of `want` (recursively for objects)."""
    if isinstance(got, dict) and isinstance(want, dict):
        return all(k in got and contains(got[k], v) for k, v in want.items())
    return json_equal(got, want)


def meets(value: Any, expect: dict[str, Any]) -> bool:
    """Whether a step's value meets its expectation (the step succeeded)."""
    if "error" in expect or "options_error" in expect:
        return False
    met = True
    subset = expect.get("claims_subset", expect.get("metrics_subset"))
    if subset is not None:
        met = contains(value, subset)
    if "has_claims" in expect:
        met = met and isinstance(value, dict) and all(name in value for name in expect["has_claims"])
    if "requests_subset" in expect:
        want = expect["requests_subset"]
        met = isinstance(value, list) and len(value) == len(want) and all(map(contains, value, want))
    if "value" in expect:
        met = json_equal(value, expect["value"])
    if "extracted" in expect:
        met = json_equal(value, expect["extracted"])
    return met


async def run_service(case: Case, asynchronous: bool) -> Outcome:
    """A service case: the config, then each step; the record's claims are the step outcomes.
    `asynchronous`: through AsyncTokenService, with the scripted store's coroutine form."""
    config = case["config"]
    assert isinstance(config, dict)
    expect = case.get("expect", {})
    if "options_error" in expect:
        want = f"options_error:{expect['options_error']}"
    elif "error" in expect:
        want = f"error:{expect['error']}"
    else:
        want = "a working service"
    store: Optional[ScriptedStore] = None
    if "store" in case:
        replies = case["store"]["replies"]
        store = AsyncScriptedStore(replies) if asynchronous else ScriptedStore(replies)
    got: Optional[str] = None
    service: AnyService
    try:
        if asynchronous:
            service = onejwt.AsyncTokenService(**config, store=store)
        else:
            service = onejwt.TokenService(**config, store=store)
    except onejwt.OptionsError as e:
        got = f"options_error:{e.option}"
    except onejwt.JwtError as e:
        got = f"error:{e.code}"
    if got is not None:
        unmet = () if got == want else (f"config: got {got}, expected {want}",)
        return Outcome("ok", claims=[got], unmet=unmet)
    saved: dict[str, Any] = {}
    outcomes: list[str] = []
    # A config the case expects to be refused must not build a working service.
    unmet_steps: list[str] = [] if want == "a working service" else [f"config: got a working service, expected {want}"]
    for index, step in enumerate(case["steps"]):
        kind, value = await run_step(service, store, step, saved)
        step_expect = step.get("expect", {"ok": True})
        if kind == "error":
            outcome, met = f"error:{value}", step_expect.get("error") == value
        elif kind == "options_error":
            outcome, met = "options_error", step_expect.get("options_error") == value
        else:
            outcome, met = ("null" if value is None else "ok"), meets(value, step_expect)
            if isinstance(step.get("save"), str):
                saved[step["save"]] = value
        if not met:
            unmet_steps.append(f"step {index} ({step['op']}): got {outcome}, expected {json.dumps(step_expect)}")
        outcomes.append(outcome)
    return Outcome("ok", claims=outcomes, unmet=tuple(unmet_steps))


def run_service_both_ways(case: Case) -> Outcome:
    """A service case through TokenService (a synchronous store) and AsyncTokenService (an
    asynchronous one): both must give the same step outcomes; the synchronous run is recorded."""
    sync = asyncio.run(run_service(case, asynchronous=False))
    aio = asyncio.run(run_service(case, asynchronous=True))
    if (aio.claims, aio.unmet) != (sync.claims, sync.unmet):
        differs = f"AsyncTokenService gave {aio.claims} ({'; '.join(aio.unmet) or 'all met'}), TokenService {sync.claims}"
        return replace(sync, unmet=(*sync.unmet, differs))
    return sync


def run(case: Case) -> Outcome:
    kind = case.get("kind", "verify")
    if kind == "verify":
        return verify(case, token_of(case))
    if kind == "sign":
        return run_sign(case)
    if kind == "decode":
        return decode(case)
    if kind == "service":
        return run_service_both_ways(case)
    if kind == "export":
        return run_export(case)
    if kind == "generate":
        return run_generate(case)
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
    if case.get("kind") == "service":
        return "; ".join(outcome.unmet) or None
    expect = case["expect"]
    if "skipped" in expect and not json_equal(expect["skipped"], outcome.skipped):
        return f"skipped keys differ: got {json.dumps(outcome.skipped)}"
    if outcome.verdict == "ok":
        if "error" in expect or "options_error" in expect:
            return f"expected failure {expect.get('error', expect.get('options_error'))}, got success"
        if "token" in expect and expect["token"] != outcome.token:
            return f"token differs: got {outcome.token!r}"
        for member in ("claims", "exports", "generated"):  # the last two: export and generate cases
            if member in expect and not json_equal(expect[member], outcome.claims):
                return f"{member} differ: got {json.dumps(outcome.claims)}"
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


# The longest message a refusal may carry, however large the input (issue 8, error hygiene).
MAX_MESSAGE = 512


def leak_in(case: Case, outcome: Outcome) -> Optional[str]:
    """Why a refusal's str()/repr() breaks error hygiene, or None: short, and never echoing the
    token or key material (a token segment, a secret, a PEM body line, a JWK member)."""
    pieces: list[str] = []
    if case.get("kind", "verify") != "service" and ("token" in case or "token_repeat" in case):
        pieces.extend(token_of(case).split("."))

    def collect(value: Any) -> None:
        if isinstance(value, str):
            pieces.extend(value.splitlines())
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(case.get("key"))
    # Short pieces (a `kid`, "RSA", an exponent) may be named on purpose; material is long.
    material = [p for p in pieces if len(p) >= 16 and not p.startswith("-----")]
    for text in outcome.texts:
        if len(text) > MAX_MESSAGE:
            return f"a refusal's text is {len(text)} characters long"
        if any(p in text for p in material):
            return "a refusal's text echoes token or key material"
    return None


@pytest.mark.parametrize("case", CASES, ids=[str(case["id"]) for case in CASES])
def test_case(case: Case, corpus_run: CorpusRun) -> None:
    outcome = corpus_run.outcome(case)
    difference = check(case, outcome)
    assert difference is None, f"{case['id']}: {difference}"
    leak = leak_in(case, outcome)
    assert leak is None, f"{case['id']}: {leak}"
