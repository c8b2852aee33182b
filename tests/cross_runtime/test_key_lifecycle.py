"""Key lifecycle across runtimes (issue 14): for every algorithm, a key generated in one runtime, exported as JWK
and PEM, read back in every runtime, signs there, and the tokens verify in every runtime with the exported public
key, with identical verdicts. Four runtimes, each an agent of the protocol in README.md: Python (agent.py),
Node's onejwt, onejwt-wasm under Node and onejwt-wasm in headless Chromium (agent-cli.mjs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
RUNTIMES = {
    "python": [sys.executable, str(HERE / "agent.py")],
    "node": ["node", str(HERE / "agent-cli.mjs"), "native"],
    "wasm-node": ["node", str(HERE / "agent-cli.mjs"), "wasm-node"],
    "wasm-browser": ["node", str(HERE / "agent-cli.mjs"), "wasm-browser"],
}
ALGORITHMS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
              "ES256", "ES384", "ES512", "EdDSA", "Ed25519"]
CLAIMS = {"sub": "42", "iss": "https://auth.example", "exp": 1767229200, "note": "généré"}
NOW = 1767225600
PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi", "k"}


def run_agent(runtime: str, request: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(RUNTIMES[runtime], input=json.dumps(request), capture_output=True, text=True,
                          timeout=600, check=False)
    if done.returncode != 0:
        raise AssertionError(f"{runtime} agent exited with {done.returncode}:\n{done.stderr}")
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def generated() -> dict[str, dict[str, Any]]:
    """Every runtime's keys, one per algorithm."""
    return {runtime: run_agent(runtime, {"op": "keys_generate", "algorithms": ALGORITHMS})["keys"]
            for runtime in RUNTIMES}


@pytest.fixture(scope="module")
def signed(generated: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every runtime reads every runtime's keys back (private JWK and PEM) and signs CLAIMS with each."""
    keys = {f"{runtime}/{alg}": {"alg": alg, **{form: exported[form] for form in ("private_jwk", "private_pem")
                                                if form in exported}}
            for runtime, per_alg in generated.items() for alg, exported in per_alg.items()}
    return {runtime: run_agent(runtime, {"op": "keys_sign", "keys": keys, "claims": CLAIMS}) for runtime in RUNTIMES}


def test_every_runtime_exports_the_same_shape(generated: dict[str, dict[str, Any]]) -> None:
    for runtime, per_alg in generated.items():
        for alg, exported in per_alg.items():
            where = f"{runtime} {alg}"
            assert exported["kid"] == exported["thumbprint"], where
            assert exported["private_jwk"]["kid"] == exported["kid"], where
            assert exported["private_jwk"]["alg"] == alg, where
            if alg.startswith("HS"):
                assert set(exported) == {"kid", "thumbprint", "private_jwk"}, where
                continue
            assert not PRIVATE_MEMBERS & set(exported["public_jwk"]), where
            assert exported["public_pem"].startswith("-----BEGIN PUBLIC KEY-----\n"), where
            assert exported["private_pem"].startswith("-----BEGIN PRIVATE KEY-----\n"), where
            # The public JWK is the private one without its private members.
            public = {k: v for k, v in exported["private_jwk"].items() if k not in PRIVATE_MEMBERS}
            assert exported["public_jwk"] == public, where
        # The member names of each algorithm's exports agree across runtimes.
        first = next(iter(generated.values()))
        for alg in ALGORITHMS:
            assert sorted(per_alg[alg]["private_jwk"]) == sorted(first[alg]["private_jwk"]), f"{runtime} {alg}"


def test_every_runtime_reads_every_key_back_with_its_thumbprint(generated: dict[str, dict[str, Any]],
                                                               signed: dict[str, dict[str, Any]]) -> None:
    for signer, answer in signed.items():
        for key_id, thumbprints in answer["thumbprints"].items():
            origin, alg = key_id.split("/")
            for form, thumbprint in thumbprints.items():
                assert thumbprint == generated[origin][alg]["thumbprint"], f"{signer} read {key_id} from {form}"
            assert set(thumbprints) == ({"jwk"} if alg.startswith("HS") else {"jwk", "pem"}), key_id


def test_tokens_verify_identically_in_every_runtime(generated: dict[str, dict[str, Any]],
                                                   signed: dict[str, dict[str, Any]]) -> None:
    checks: list[dict[str, Any]] = []
    expected: dict[str, Any] = {}
    origins = list(RUNTIMES)
    for signer, answer in signed.items():
        for key_id, tokens in answer["tokens"].items():
            origin, alg = key_id.split("/")
            exported = generated[origin][alg]
            # The other origin's key of the same algorithm: its signatures must not verify with this one.
            stranger = generated[origins[(origins.index(origin) + 1) % len(origins)]][alg]
            if alg.startswith("HS"):
                verifiers = {"jwk": {"jwk": exported["private_jwk"]}}
                wrong = {"jwk": stranger["private_jwk"]}
            else:
                verifiers = {"jwk": {"jwk": exported["public_jwk"]}, "pem": {"pem": exported["public_pem"]}}
                wrong = {"pem": stranger["public_pem"]}
            for form, token in tokens.items():
                for how, key in verifiers.items():
                    check_id = f"{signer}:{key_id}:{form}:{how}"
                    checks.append({"id": check_id, "alg": alg, "token": token, **key})
                    # A key read from its JWK keeps its kid, which the token carries; PEM has no kid.
                    expected[check_id] = {"claims": CLAIMS, "kid": exported["kid"] if form == "jwk" else None}
                check_id = f"{signer}:{key_id}:{form}:stranger"
                checks.append({"id": check_id, "alg": alg, "token": token, **wrong})
                expected[check_id] = {"code": "invalid_signature"}
    # Per origin and signer: HMAC 3 algorithms x 1 form x 2 checks; the other 11 x 2 forms x 3 checks.
    assert len(checks) == len(RUNTIMES) ** 2 * (3 * 1 * 2 + 11 * 2 * 3)
    for verifier in RUNTIMES:
        results = run_agent(verifier, {"op": "keys_verify", "checks": checks, "now": NOW})["results"]
        wrong = {check_id: (results.get(check_id), want) for check_id, want in expected.items()
                 if results.get(check_id) != want}
        assert not wrong, f"{verifier}: {len(wrong)} of {len(checks)} differ, e.g. {next(iter(wrong.items()))}"
