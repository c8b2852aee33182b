"""Key generation (issue 14) in Python: onejwt's ``Key.generate`` against ``cryptography``'s generators in the
same process, the plan of plan.json as measure.mjs does (medians of alternating repeats). Writes
$CARGO_TARGET_DIR/bench/keygen-python.json for bench/report.py. Env: ONEJWT_BENCH_QUICK=1 (one repeat per row)."""

from __future__ import annotations

import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

import cryptography
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import onejwt

ROOT = Path(__file__).resolve().parents[2]
PLAN = json.loads((ROOT / "bench/keygen/plan.json").read_text(encoding="utf-8"))  # shared with measure.mjs


def peer(row: dict) -> object:
    if "bits" in row:
        return rsa.generate_private_key(public_exponent=65537, key_size=row["bits"])
    if row["alg"] == "ES256":
        return ec.generate_private_key(ec.SECP256R1())
    if row["alg"] == "ES384":
        return ec.generate_private_key(ec.SECP384R1())
    if row["alg"] == "EdDSA":
        return ed25519.Ed25519PrivateKey.generate()
    return secrets.token_bytes(32)


def main() -> int:
    quick = os.environ.get("ONEJWT_BENCH_QUICK") == "1"
    rows = []
    for row in PLAN:
        repeats = 1 if quick else row["repeats"]
        options = {"bits": row["bits"]} if "bits" in row else {}
        ours: list[float] = []
        theirs: list[float] = []
        batch = row.get("batch", 1)  # keys per timing, so fast rows rise above the clock's resolution
        for i in range(repeats):
            def time_ours() -> None:
                start = time.perf_counter()
                for _ in range(batch):
                    onejwt.Key.generate(row["alg"], **options)
                ours.append((time.perf_counter() - start) * 1000 / batch)

            def time_peer() -> None:
                start = time.perf_counter()
                for _ in range(batch):
                    peer(row)
                theirs.append((time.perf_counter() - start) * 1000 / batch)

            first, second = (time_ours, time_peer) if i % 2 == 0 else (time_peer, time_ours)
            first()
            second()
        result = {"label": row["label"], "alg": row["alg"], "bits": row.get("bits"), "repeats": repeats, "batch": batch,
                  "ours_ms": statistics.median_low(ours), "peer_ms": statistics.median_low(theirs)}
        result["ratio"] = result["ours_ms"] / result["peer_ms"]
        print(f"  {row['label']:<14} onejwt {result['ours_ms']:.3f} ms, peer {result['peer_ms']:.3f} ms: "
              f"{result['ratio']:.2f}x ({repeats} repeats of {batch})")
        rows.append(result)
    out = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "bench" / "keygen-python.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out.write_text(json.dumps({"quick": quick, "date": date, "runtimes": [
        {"runtime": "python", "peer": f"cryptography {cryptography.__version__}", "rows": rows}]}, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
