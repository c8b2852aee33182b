#!/usr/bin/env python3
"""The stress token mix, drawn from the conformance corpus (tests/vectors): writes mix.json for the runners.

Buckets: `ok` (valid tokens, one per algorithm family) and one per failure code the verifier can produce.
Each bucket lists a few candidate cases (HMAC-keyed first: they are cheap to verify a million times); every
runner keeps, per bucket, the first candidate whose verdict in that runtime is the case's expected one, and
fails if a bucket ends up empty. Stdlib only.

Usage: mix.py OUT.json
"""

import base64
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODES = ["malformed", "token_too_large", "unsupported_algorithm", "algorithm_not_allowed", "key_not_found",
         "invalid_key", "invalid_signature", "expired", "not_yet_valid", "invalid_issuer", "invalid_audience",
         "missing_claim", "invalid_claim", "wrong_token_type"]
# Many candidates: the cheap ones of a bucket are often refused already when their key is built
# (e.g. key text as an HMAC secret), which gives no token to verify.
CANDIDATES = 40
# Valid tokens: one per algorithm below (HMAC, RSA PKCS#1 and PSS, ECDSA, EdDSA).
VALID_ALGS = ["HS256", "HS384", "HS512", "RS256", "PS256", "ES256", "EdDSA"]


def token_of(case):
    if "token" in case:
        return case["token"]
    rep = case["token_repeat"]
    return rep["prefix"] + rep["fill"] * rep["count"]


def alg_of(token):
    try:
        head = token.split(".")[0]
        return json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))).get("alg")
    except Exception:  # a deliberately broken header
        return None


def entry(case, bucket):
    return {"id": case["id"], "bucket": bucket, "key": case["key"], "options": case.get("options") or {},
            "token": token_of(case), "now": case["now"]}


def main(out):
    cases = []
    for path in sorted((ROOT / "tests" / "vectors").glob("*/*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if case.get("kind", "verify") == "verify" and "key" in case and ("token" in case or "token_repeat" in case):
            cases.append(case)

    def cheap_first(case):
        return (next(iter(case["key"])) not in ("hmac", "hmac_base64url"), len(token_of(case)), case["id"])

    buckets = {}
    for alg in VALID_ALGS:
        ok = [c for c in cases if "claims" in c["expect"] and alg_of(token_of(c)) == alg]
        buckets[f"ok {alg}"] = [entry(c, f"ok {alg}") for c in sorted(ok, key=cheap_first)[:CANDIDATES]]
    for code in CODES:
        failing = [c for c in cases if c["expect"].get("error") == code]
        buckets[code] = [entry(c, code) for c in sorted(failing, key=cheap_first)[:CANDIDATES]]
    empty = [name for name, found in buckets.items() if not found]
    if empty:
        sys.exit(f"mix.py: the corpus has no case for {empty}")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps({"buckets": buckets}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
