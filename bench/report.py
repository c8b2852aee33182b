"""Writes BENCHMARKS.md from the per-runtime results of `make bench` (target/bench/<runtime>.json).

Every runtime's benchmark writes one file in the same shape (see `bench/README.md`): groups of
contenders timed interleaved in one process, each group naming its reference row. This script only
formats and compares; it never times anything. Ratios are "how many times faster than the reference
row of the same group, same run" (reference wall time / row wall time), the one figure that means
something on a shared machine.

Usage: python3 bench/report.py target/bench BENCHMARKS.md [--require rust,python,...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path

RUNTIMES = ["rust", "python", "node", "wasm-node", "wasm-browser"]
HEADINGS = {
    "rust": "Rust (core)",
    "python": "Python",
    "node": "Node (native addon)",
    "wasm-node": "WASM under Node",
    "wasm-browser": "WASM in headless Chromium",
}

# The bar of issue 6: (runtime, group, peer row, minimum speedup of onejwt over the peer).
# For Rust the "peer" is the floor and the bar is a ceiling on onejwt's time over the floor's.
SPEEDUP_TARGETS = [
    ("python", "HS256 verify", "PyJWT (key object)", 10.0),
    ("python", "HS256 verify", "pyjwt-rs", 3.0),
    ("python", "RS256 verify", "PyJWT (key object)", 2.5),
    ("python", "ES256 verify", "PyJWT (key object)", 2.0),
    ("python", "EdDSA verify", "PyJWT (key object)", 3.0),
    ("node", "HS256 verify", "fast-jwt", 2.5),
    ("node", "RS256 verify", "fast-jwt", 1.0),
    ("node", "ES256 verify", "fast-jwt", 1.0),
    ("node", "EdDSA verify", "fast-jwt", 2.0),
    ("wasm-browser", "HS256 verify", "jose", 3.0),
    # Sequential `await` in a page pays WebCrypto's thread hop per call; concurrent jose is its
    # throughput, the stricter comparison.
    ("wasm-browser", "HS256 verify", "jose (concurrent)", 3.0),
    ("wasm-browser", "RS256 verify", "jose", 1.0),
    ("wasm-browser", "ES256 verify", "jose", 1.0),
    ("wasm-browser", "EdDSA verify", "jose", 1.0),
]
FLOOR_TARGETS = [("rust", "HS256 verify", "floor", 1.5)]
# The row that is onejwt in each runtime's groups.
OURS = {"wasm-node": "onejwt-wasm", "wasm-browser": "onejwt-wasm"}


def load(directory: Path) -> dict[str, dict]:
    results = {}
    for runtime in RUNTIMES:
        path = directory / f"{runtime}.json"
        if path.is_file():
            results[runtime] = json.loads(path.read_text(encoding="utf-8"))
    return results


def machine_line() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores (shared), {platform.system()} {platform.release()}"


def row_of(group: dict, name: str) -> dict | None:
    return next((r for r in group["rows"] if r["name"] == name), None)


def group_of(result: dict | None, name: str) -> dict | None:
    if result is None:
        return None
    return next((g for g in result["groups"] if g["name"] == name), None)


def ns(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100_000:
        return f"{value / 1000:,.0f} µs"
    if value >= 1_000:
        return f"{value / 1000:.2f} µs"
    return f"{value:.0f} ns"


def speedup(reference: dict, row: dict, key: str = "wall_ns") -> str:
    a, b = reference.get(key), row.get(key)
    if not a or not b:
        return "–"
    return f"{a / b:.2f}×"


def targets_table(results: dict[str, dict]) -> list[str]:
    lines = ["| runtime | group | bar | measured (wall) | measured (CPU) | verdict |", "|---|---|---|---|---|---|"]
    for runtime, group_name, peer, bar in SPEEDUP_TARGETS:
        group = group_of(results.get(runtime), group_name)
        ours = group and row_of(group, OURS.get(runtime, "onejwt"))
        theirs = group and row_of(group, peer)
        label = f"onejwt ≥ {bar:g}× {peer}"
        if not ours or not theirs:
            skipped = group and next((s for s in group.get("skipped", []) if s["name"] == peer), None)
            why = skipped["why"] if skipped else "not measured"
            lines.append(f"| {HEADINGS[runtime]} | {group_name} | {label} | – | – | not measured: {why} |")
            continue
        wall = theirs["wall_ns"] / ours["wall_ns"]
        cpu = (theirs["cpu_ns"] / ours["cpu_ns"]) if theirs.get("cpu_ns") and ours.get("cpu_ns") else None
        verdict = "met" if wall >= bar else "**missed**"
        cpu_text = f"{cpu:.2f}×" if cpu else "–"
        lines.append(f"| {HEADINGS[runtime]} | {group_name} | {label} | {wall:.2f}× | {cpu_text} | {verdict} |")
    for runtime, group_name, floor, ceiling in FLOOR_TARGETS:
        group = group_of(results.get(runtime), group_name)
        ours = group and row_of(group, OURS.get(runtime, "onejwt"))
        base = group and row_of(group, floor)
        label = f"onejwt ≤ {ceiling:g}× the {floor}'s time"
        if not ours or not base:
            lines.append(f"| {HEADINGS[runtime]} | {group_name} | {label} | – | – | not measured |")
            continue
        wall = ours["wall_ns"] / base["wall_ns"]
        cpu = ours["cpu_ns"] / base["cpu_ns"]
        verdict = "met" if wall <= ceiling else "**missed**"
        lines.append(f"| {HEADINGS[runtime]} | {group_name} | {label} | {wall:.2f}× | {cpu:.2f}× | {verdict} |")
    return lines


def runtime_section(runtime: str, result: dict) -> list[str]:
    versions = ", ".join(f"{k} {v}" for k, v in result.get("versions", {}).items())
    lines = [f"## {HEADINGS[runtime]}", "", f"{result.get('title', runtime)}; {versions}; "
             f"medians of {result.get('rounds', '?')} interleaved rounds.", ""]
    for group in result["groups"]:
        reference = row_of(group, group["reference"])
        lines.append(f"**{group['name']}** (reference: {group['reference']})")
        lines.append("")
        lines.append("| contender | wall / op | CPU / op | speed vs reference (wall) | (CPU) | note |")
        lines.append("|---|---|---|---|---|---|")
        for row in group["rows"]:
            lines.append(
                f"| {row['name']} | {ns(row.get('wall_ns'))} | {ns(row.get('cpu_ns'))} | "
                f"{speedup(reference, row) if reference else '–'} | "
                f"{speedup(reference, row, 'cpu_ns') if reference else '–'} | {row.get('note') or ''} |"
            )
        for skipped in group.get("skipped", []):
            lines.append(f"| {skipped['name']} | not timed | | | | {skipped['why']} |")
        lines.append("")
    if result.get("memory"):
        lines += ["| memory | calls | RSS before | RSS after | growth |", "|---|---|---|---|---|"]
        for m in result["memory"]:
            before, after = m.get("rss_before_kib"), m.get("rss_after_kib")
            growth = f"{after - before:+,} KiB" if before is not None and after is not None else "–"
            lines.append(f"| {m['name']} | {m['calls']:,} | {before:,} KiB | {after:,} KiB | {growth} |")
        lines.append("")
    if result.get("sizes"):
        lines += ["| file | raw | gzipped |", "|---|---|---|"]
        for s in result["sizes"]:
            lines.append(f"| {s['name']} | {s['raw_bytes'] / 1024:.1f} KiB | {s['gzip_bytes'] / 1024:.1f} KiB |")
        lines.append("")
    return lines


def sessions_section(result: dict) -> list[str]:
    """`make stress-sessions` (tests/stress/sessions_redis.py): sessions refreshing on a real Redis."""
    redis, memory = result["refresh_latency_ms"], result["memory_refresh_latency_ms"]
    return [
        "## Sessions on Redis (`make stress-sessions`)",
        "",
        f"{result['sessions']:,} sessions log in, then each is refreshed {result['rounds']} times with"
        f" {result['concurrency']} refreshes in flight (Python asyncio, `AsyncTokenService` over `AsyncRedisStore`,"
        " one local `redis-server`); then the same workload on the in-memory store in the same process. Every"
        " refresh must succeed, a sample of replays must revoke their sessions, and Redis must hold one key per"
        f" session ({result['redis_keys']:,} keys, {result['redis_memory_mb']:.1f} MB).",
        "",
        "| store | refreshes/s | p50 | p99 | max |",
        "|---|---|---|---|---|",
        f"| Redis | {result['refresh_per_second']:,.0f} | {redis['p50']:.2f} ms | {redis['p99']:.2f} ms"
        f" | {redis['max']:.1f} ms |",
        f"| in-memory (reference) | {result['memory_refresh_per_second']:,.0f} | {memory['p50']:.2f} ms"
        f" | {memory['p99']:.2f} ms | {memory['max']:.1f} ms |",
        "",
        f"Redis at {result['refresh_per_second'] / result['memory_refresh_per_second']:.2f}× the in-memory"
        " throughput, same run; latencies include waiting for one of the in-flight slots' event-loop turns.",
        "",
    ]


def keygen_section(results: list[dict]) -> list[str]:
    """`make bench-keygen` (bench/keygen/): Key.generate against each runtime's own generator, same process."""
    runtimes = [runtime for result in results for runtime in result["runtimes"]]
    quick = any(result.get("quick") for result in results)
    lines = [
        "## Key generation (`make bench-keygen`)",
        "",
        "`Key.generate` against the runtime's own generator in the same process (Python: `cryptography`; Node:"
        " `node:crypto`; Chromium: WebCrypto), alternating, medians of the repeats (RSA generation time varies with"
        " the prime search). RSA primes come from RustCrypto's `rsa` in every runtime, WASM included; the peers use"
        " OpenSSL or BoringSSL natively. Run: "
        + ", ".join(sorted({result.get("date", "undated") for result in results}))
        + "." + (" **Quick run: one repeat per row.**" if quick else ""),
        "",
        "| key | " + " | ".join(r["runtime"] for r in runtimes) + " |",
        "|---|" + "---|" * len(runtimes),
    ]
    labels = [row["label"] for row in runtimes[0]["rows"]]
    for label in labels:
        cells = []
        for runtime in runtimes:
            row = next((r for r in runtime["rows"] if r["label"] == label), None)
            cells.append("–" if row is None else
                         f"{row['ours_ms']:,.1f} ms ({row['ratio']:.1f}× {row['peer_ms']:,.1f} ms)"
                         if row["ours_ms"] >= 1 else
                         f"{row['ours_ms'] * 1000:,.0f} µs ({row['ratio']:.1f}× {row['peer_ms'] * 1000:,.0f} µs)")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Each cell: onejwt's median (its ratio to the peer's median, then the peer's). Peers: "
        + "; ".join(f"{r['runtime']}: {r['peer']}" for r in runtimes) + ".",
        "",
    ]
    return lines


def render(results: dict[str, dict], sessions: dict | None = None, keygen: list[dict] | None = None) -> str:
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# onejwt benchmarks",
        "",
        "Written by `make bench` (`bench/report.py` from `target/bench/*.json`); do not edit by hand.",
        "",
        f"- Date: {today}",
        f"- Machine: {machine_line()}",
        "- Method: one fixed key set and one ~400-byte token per algorithm (`bench/fixtures.json`);"
        " every contender first passes the correctness gate (accepts the valid token with the same claims;"
        " refuses a tampered signature, wrong `aud`, wrong `iss`, expired and `alg: none`), or is not timed."
        " Contenders of a group run interleaved in one process (rotated order each round, calibrated"
        " ~25 ms batches); figures are medians of the rounds. **Absolute times on this shared machine are"
        " noise; the ratios within a group are the result.** `N×` = reference time ÷ row time.",
        "",
        "## Targets",
        "",
        *targets_table(results),
        "",
    ]
    notes = Path(__file__).with_name("notes.md")
    if notes.is_file():  # the hand-kept profile notes behind missed targets
        lines += [notes.read_text(encoding="utf-8").rstrip(), ""]
    for runtime in RUNTIMES:
        if runtime in results:
            lines += runtime_section(runtime, results[runtime])
    if sessions is not None:
        lines += sessions_section(sessions)
    if keygen:
        lines += keygen_section(keygen)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--require", default="", help="comma-separated runtimes that must have results")
    args = parser.parse_args(argv)
    results = load(args.results)
    missing = [r for r in args.require.split(",") if r and r not in results]
    if missing:
        print(f"bench report: no results for {', '.join(missing)} in {args.results}", file=sys.stderr)
        return 1
    sessions_path = args.results / "sessions-redis.json"
    sessions = json.loads(sessions_path.read_text(encoding="utf-8")) if sessions_path.is_file() else None
    keygen = [json.loads((args.results / name).read_text(encoding="utf-8"))
              for name in ("keygen-python.json", "keygen.json") if (args.results / name).is_file()]
    args.output.write_text(render(results, sessions, keygen), encoding="utf-8")
    print(f"bench report: wrote {args.output}")
    print("\n".join(targets_table(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
