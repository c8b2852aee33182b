#!/usr/bin/env python3
"""Python stress (issue 8): 10**6 verifications of the corpus mix with flat RSS, then 16 threads sharing the
same Verifiers must reach exactly the verdicts of the single-threaded run, token for token.

Usage: stress.py MIX.json [--tokens N] [--threads T] [--max-growth-mb MB]
"""

import argparse
import base64
import json
import sys
import threading
from pathlib import Path

import onejwt


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def build(case):
    (kind, value), = case["key"].items()
    if kind == "hmac":
        source = {"key": onejwt.Key.hmac(value)}
    elif kind == "hmac_base64url":
        source = {"key": onejwt.Key.hmac(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))}
    elif kind == "pem":
        source = {"key": onejwt.Key.from_pem(value)}
    elif kind == "jwk":
        source = {"key": onejwt.Key.from_jwk(value)}
    else:
        source = {"keys": onejwt.KeySet.from_jwks(value)}
    return onejwt.Verifier(**source, **case["options"])


def verdict(verifier, token, now, interned):
    try:
        claims = verifier.verify(token, now=now)
        text = "ok " + json.dumps(claims, sort_keys=True)
    except onejwt.JwtError as e:
        text = e.code
    return interned.setdefault(text, text)


def select(mix):
    """Per bucket, the first candidate whose key and verifier build and whose verdict is the bucket's."""
    chosen = []
    for bucket, candidates in mix["buckets"].items():
        for case in candidates:
            try:
                verifier = build(case)
            except (onejwt.JwtError, onejwt.OptionsError):
                continue
            got = verdict(verifier, case["token"], case["now"], {})
            if got.split(" ")[0] == bucket.split(" ")[0]:
                chosen.append((case["id"], verifier, case["token"], case["now"]))
                break
        else:
            sys.exit(f"stress.py: no candidate of bucket {bucket!r} gives its verdict")
    return chosen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mix")
    parser.add_argument("--tokens", type=int, default=10**6)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--max-growth-mb", type=float, default=20)
    args = parser.parse_args()
    chosen = select(json.loads(Path(args.mix).read_text()))
    n, m = args.tokens, len(chosen)
    interned = {}

    # Warm up (allocator pools, interned verdicts), then measure a full single-threaded run.
    for i in range(10_000):
        _, v, t, now = chosen[i % m]
        verdict(v, t, now, interned)
    single = [None] * n
    before = rss_mb()
    for i in range(n):
        _, v, t, now = chosen[i % m]
        single[i] = verdict(v, t, now, interned)
    after = rss_mb()

    threaded = [None] * n

    def work(start):
        local = {}
        for i in range(start, n, args.threads):
            _, v, t, now = chosen[i % m]
            threaded[i] = verdict(v, t, now, local)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after_threads = rss_mb()
    differ = [i for i in range(n) if threaded[i] != single[i]]

    print(f"python: {m} tokens ({', '.join(c[0] for c in chosen)})")
    print(f"python: {n} verifications, RSS {before:.1f} MB -> {after:.1f} MB (growth {after - before:+.1f} MB, "
          f"bound {args.max_growth_mb} MB); after {args.threads} threads {after_threads:.1f} MB")
    codes = sorted({s.split(" ")[0] for s in single})
    print(f"python: verdicts seen: {', '.join(codes)}")
    print(f"python: {args.threads} threads sharing the verifiers: {len(differ)} verdicts differ from single-threaded")
    failed = False
    if after - before > args.max_growth_mb:
        print("python: FAIL: RSS grew beyond the bound")
        failed = True
    if differ:
        i = differ[0]
        print(f"python: FAIL: token {i} ({chosen[i % m][0]}): {threaded[i]!r} != {single[i]!r}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
