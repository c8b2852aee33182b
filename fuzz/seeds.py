#!/usr/bin/env python3
"""Seed corpus for the fuzz targets, drawn from the conformance corpus (tests/vectors).

Writes fuzz/fixtures/keys.json (the verify target's key table: the key forms the corpus uses most,
so seeds reach the signature and claim checks) and fuzz/corpus/{verify,keys,decode,differential}/
(one file per seed, named after the case). Deterministic; rerun after the corpus changes, then commit
the output. `seeds.py differential` (any target names) rewrites only those targets' seeds.

verify seed layout (read by fuzz_targets/verify.rs): 8 option bytes, then the token bytes.
differential seeds are claims payloads (the JSON the target signs): the corpus's, and objects around
the 32 member names where the scanner's duplicate check changes strategy (issue 12).
"""

import base64
import binascii
import hashlib
import json
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"
FUZZ = ROOT / "fuzz"
MAX_SEEDS = {"verify": 300, "keys": 200, "decode": 200, "differential": 300}
MAX_KEYS = 16

# Must match fuzz_targets/verify.rs.
ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "EdDSA", "ES512", "ES256K", "none", "HS1"]
LEEWAY = [0, 1, 10, 60, 300, 3600, 2**32, 2**64 - 1]
TYP = [None, "JWT", "at+jwt", "application/at+jwt", "jwt", "", "JOSE", "application/jwt"]
MAX_AGE = [None, 0, 60, 300, 3600, 2**63, 1, 600]
ISSUER = [None, "https://auth.example.com/", "https://issuer.example.com",
          ["https://a.example", "https://b.example"]]
AUDIENCE = [None, "https://api.example.com", "api", ["api", "web"]]
REQUIRED = ["sub", "iat", "exp", "jti"]
NOW = [1700000000, 1300819370, 0, -1, 2**63 - 1, -(2**63), 1700003600, 1699999940]
MAX_TOKEN_BYTES = [None, 152, 4096, 10]


def cases():
    for path in sorted(VECTORS.glob("*/*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def canon(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def index_of(table, value, default=0):
    return table.index(value) if value in table else default


def option_bytes(key_index, options, now):
    algs = options.get("algorithms") or []
    mask = 0
    for alg in algs if isinstance(algs, list) else []:
        if alg in ALGS:
            mask |= 1 << ALGS.index(alg)
    issuer = index_of(ISSUER, options.get("issuer"))
    audience = index_of(AUDIENCE, options.get("audience"))
    required = options.get("required") if isinstance(options.get("required"), list) else []
    req = sum(1 << i for i, name in enumerate(REQUIRED) if name in required)
    return bytes([
        key_index,
        mask & 0xFF,
        mask >> 8,
        index_of(LEEWAY, options.get("leeway")),
        index_of(TYP, options.get("typ")) | index_of(MAX_AGE, options.get("max_age")) << 3,
        issuer | audience << 2 | req << 4,
        index_of(NOW, now) | index_of(MAX_TOKEN_BYTES, options.get("max_token_bytes")) << 3,
        0,  # signed offset to `now`, in minutes
    ])


def payload_of(token):
    """The decoded payload segment of a compact token, or None."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        return base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
    except (binascii.Error, ValueError):
        return None


def wide_payloads():
    """Objects of 31-34, 40, 64 and 100 members, at the top level and nested in an object and an
    array, with registered claims among them; and issue 12's regression (a repeat of the 33rd)."""
    seeds = []
    for n in (31, 32, 33, 34, 40, 64, 100):
        members = [f'"m{i}":{i}' for i in range(n)]
        members[n // 2] = '"exp":1700003600'
        body = "{" + ",".join(members) + "}"
        seeds.append((f"wide/top-{n}", body))
        seeds.append((f"wide/nested-{n}", '{"sub":"u","a":' + body + "}"))
        seeds.append((f"wide/in-array-{n}", '{"aud":["x",' + body + "]}"))
    fillers = ",".join(f'"f{i}":{i}' for i in range(32))
    seeds.append(("wide/issue-12-repeat-33rd", "{" + fillers + ',"exp":1,"exp":1700003600}'))
    seeds.append(("wide/issue-12-repeat-33rd-nested", '{"a":{' + fillers + ',"x":1,"x":2}}'))
    return [(name, text.encode()) for name, text in seeds]


def round_robin(groups, limit):
    """Up to `limit` seeds, taken in turn from each group so that every rule family is seeded."""
    out, queues = [], [list(v) for _, v in sorted(groups.items())]
    while queues and len(out) < limit:
        for queue in list(queues):
            if not queue:
                queues.remove(queue)
                continue
            out.append(queue.pop(0))
            if len(out) == limit:
                break
    return out


def write(target, seeds):
    folder = FUZZ / "corpus" / target
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seen = set()
    for name, data in seeds:
        digest = hashlib.sha1(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        (folder / f"{name.replace('/', '__')}").write_bytes(data)
    return len(seen)


def verify_seeds(all_cases):
    verify = [c for c in all_cases if c.get("kind", "verify") == "verify" and "token" in c]

    # The key table: the corpus's most used key forms, at least one per family the target names.
    counts = Counter(canon(c["key"]) for c in verify if "key" in c)
    keys = [json.loads(k) for k, _ in counts.most_common(MAX_KEYS)]
    (FUZZ / "fixtures" / "keys.json").write_text(json.dumps(keys, indent=1) + "\n", encoding="utf-8")
    table = [canon(k) for k in keys]

    by_group = defaultdict(list)
    for case in verify:
        key = canon(case.get("key"))
        key_index = table.index(key) if key in table else 0
        data = option_bytes(key_index, case.get("options") or {}, case["now"]) + case["token"].encode()
        by_group[case["id"].split("/")[0]].append((case["id"], data))
    return f"key table {len(keys)} keys, verify {write('verify', round_robin(by_group, MAX_SEEDS['verify']))}"


def keys_seeds(all_cases):
    key_texts = defaultdict(dict)
    for case in all_cases:
        for form in [case.get("key"), (case.get("sign") or {}).get("key")]:
            if not isinstance(form, dict) or len(form) != 1:
                continue
            kind, value = next(iter(form.items()))
            if kind in ("pem", "jwk", "jwks"):
                text = value if isinstance(value, str) else json.dumps(value)
                key_texts[kind].setdefault(text, case["id"] + "." + kind)
    for path in sorted((VECTORS / "keys").glob("*")):
        if path.suffix in (".pem", ".jwk"):
            key_texts["files"].setdefault(path.read_text(encoding="utf-8"), "keys/" + path.name)
    groups = {kind: [(name, text.encode()) for text, name in texts.items()]
              for kind, texts in key_texts.items()}
    return f"keys {write('keys', round_robin(groups, MAX_SEEDS['keys']))}"


def decode_seeds(all_cases):
    tokens = defaultdict(list)
    for case in all_cases:
        if "token" in case:
            tokens[case.get("kind", "verify") + "/" + case["id"].split("/")[0]].append(
                (case["id"], case["token"].encode()))
    return f"decode {write('decode', round_robin(tokens, MAX_SEEDS['decode']))}"


def differential_seeds(all_cases):
    payloads = defaultdict(list)
    for case in all_cases:
        payload = payload_of(case["token"]) if isinstance(case.get("token"), str) else None
        if payload is not None:
            payloads[case["id"].split("/")[0]].append((case["id"], payload))
    wide = wide_payloads()
    seeds = wide + round_robin(payloads, MAX_SEEDS["differential"] - len(wide))
    return f"differential {write('differential', seeds)}"


TARGETS = {"verify": verify_seeds, "keys": keys_seeds, "decode": decode_seeds,
           "differential": differential_seeds}


def main(argv):
    """`seeds.py [target ...]`: rewrite the named targets' seeds (default: every target)."""
    unknown = [t for t in argv if t not in TARGETS]
    if unknown:
        raise SystemExit(f"seeds.py: unknown target(s) {unknown}; known: {sorted(TARGETS)}")
    all_cases = list(cases())
    print("seeds: " + ", ".join(TARGETS[t](all_cases) for t in argv or TARGETS))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
