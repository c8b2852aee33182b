"""Gate: a contender is timed only if it accepts the valid token with exactly the fixture claims
and refuses every gate token with the options it is timed with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fixtures import GATE_TOKENS, AlgFixture


@dataclass(frozen=True)
class Candidate:
    """``bind(token)`` returns the timed call for ``token``; binding is untimed setup."""

    name: str
    bind: Callable[[str], Callable[[], Any]]
    note: str = ""


@dataclass(frozen=True)
class Skip:
    name: str
    why: str


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _claims_difference(got: object, want: dict[str, Any]) -> str | None:
    if not isinstance(got, dict):
        return f"returned {type(got).__name__}, not a claims dict"
    if got == want:
        return None
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    changed = sorted(k for k in set(want) & set(got) if got[k] != want[k])
    parts = [f"{label} {', '.join(keys)}" for label, keys in
             (("missing", missing), ("extra", extra), ("changed", changed)) if keys]
    return "claims differ from the fixture: " + "; ".join(parts)


def verify_gate(candidate: Candidate, fixture: AlgFixture, claims: dict[str, Any]) -> str | None:
    """None when the verifier passes, else the precise reason it is not timed."""
    try:
        got = candidate.bind(fixture.token)()
    except Exception as error:  # noqa: BLE001 - any refusal of the valid token fails the gate
        return f"failed the gate: refused the valid token ({_describe(error)})"
    difference = _claims_difference(got, claims)
    if difference:
        return f"failed the gate: {difference}"
    accepted = []
    for name in GATE_TOKENS:
        try:
            candidate.bind(fixture.gate[name])()
        except Exception:  # noqa: BLE001 - a refusal, of whatever class, is what the gate wants
            continue
        accepted.append(name)
    if accepted:
        return f"failed the gate: accepted the {', '.join(accepted)} token" + ("s" if len(accepted) > 1 else "")
    return None


def sign_gate(
    candidate: Candidate,
    claims: dict[str, Any],
    judges: dict[str, Callable[[str], Any]],
    alg: str,
) -> str | None:
    """A signer passes if every judge (a gated verifier) accepts its token with the fixture claims."""
    try:
        token = candidate.bind("")()
    except Exception as error:  # noqa: BLE001
        return f"failed the gate: signing raised {_describe(error)}"
    if not isinstance(token, str) or token.count(".") != 2:
        return f"failed the gate: did not return a compact token ({type(token).__name__})"
    for judge_name, judge in judges.items():
        try:
            got = judge(token)
        except Exception as error:  # noqa: BLE001
            return f"failed the gate: {judge_name} refused its {alg} token ({_describe(error)})"
        difference = _claims_difference(got, claims)
        if difference:
            return f"failed the gate: {judge_name} read back {difference}"
    return None
