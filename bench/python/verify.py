"""Python benchmark (issue 6): onejwt against PyJWT, joserfc and pyjwt-rs, gated, interleaved, in one run.

Run with `make bench-python` (installs bench/python/requirements.txt, builds the binding). Writes
$CARGO_TARGET_DIR/bench/python.json and prints the table. ONEJWT_BENCH_QUICK=1 gives a smoke
run (5 rounds, small batches, no memory run); ONEJWT_BENCH_ROUNDS=N sets the round count.
The machine is shared: absolute times are noise, the same-run ratios are the result.
"""

from __future__ import annotations

import dataclasses
import os
import platform
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import signers
import verifiers
from fixtures import ALGORITHMS, REPO, AlgFixture, Fixtures, load
from gate import Candidate, Skip, sign_gate, verify_gate
from memory import RssRecord, rss_around
from report import Group, format_group, format_memory, to_json, write_json
from threads import new_pool, threaded
from timing import Contender, Settings, looped, measure, settings_from_env

GateFn = Callable[[Candidate], "str | None"]
MakeOp = Callable[[], Callable[[], Any]]

REFERENCE = verifiers.REFERENCE
THREADS_REFERENCE = "onejwt RS256, 1 thread"
# Issue 6's bar: (group, peer row, minimum reference_time / onejwt_time).
TARGETS = [
    ("HS256 verify", REFERENCE, 10.0),
    ("HS256 verify", "pyjwt-rs", 3.0),
    ("RS256 verify", REFERENCE, 2.5),
    ("ES256 verify", REFERENCE, 2.0),
    ("EdDSA verify", REFERENCE, 3.0),
]
DISTRIBUTIONS = ("onejwt", "PyJWT", "joserfc", "pyjwt-rs", "cryptography")


def versions() -> dict[str, str]:
    found = {}
    for name in DISTRIBUTIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def verify_group(fx: Fixtures, af: AlgFixture, settings: Settings) -> tuple[Group, dict[str, Candidate]]:
    entries = verifiers.candidates(fx, af)
    group = Group(f"{af.alg} verify", REFERENCE)
    passed = _gate(entries, group, lambda c: verify_gate(c, af, fx.claims))
    group.rows = measure([looped(c.name, _binder(c, af.token), c.note) for c in passed], settings)
    print(format_group(group), flush=True)
    return group, {c.name: c for c in passed}


def sign_group(fx: Fixtures, af: AlgFixture, judges: dict[str, Candidate], settings: Settings) -> Group:
    entries = signers.candidates(fx, af)
    group = Group(f"{af.alg} sign", REFERENCE)
    # Each signed token must be read back by onejwt and by PyJWT, both gated just before.
    judge_calls = {name: _reader(c) for name, c in judges.items() if name in ("onejwt", REFERENCE)}
    if len(judge_calls) < 2:
        group.skipped = [Skip(e.name, "not gated: onejwt or PyJWT failed this algorithm's verify gate")
                         for e in entries]
        print(format_group(group), flush=True)
        return group
    passed = _gate(entries, group, lambda c: sign_gate(c, fx.claims, judge_calls, af.alg))
    group.rows = measure([looped(c.name, _binder(c, ""), c.note) for c in passed], settings)
    print(format_group(group), flush=True)
    return group


def threads_group(fx: Fixtures, gated: dict[str, dict[str, Candidate]], settings: Settings) -> Group:
    group = Group("threads", THREADS_REFERENCE)
    pool = new_pool()
    contenders: list[Contender] = []
    for alg, library in (("HS256", "onejwt"), ("RS256", "onejwt"), ("RS256", REFERENCE)):
        candidate = gated[alg].get(library)
        label = f"{'PyJWT' if library == REFERENCE else library} {alg}"
        if candidate is None:
            group.skipped.append(Skip(label, f"failed the {alg} verify gate"))
            continue
        for count in (1, 2):
            contenders.append(threaded(label, _binder(candidate, fx.algorithms[alg].token), count, pool))
    load_before = os.getloadavg()[0]
    measured = measure(contenders, settings)
    pool.shutdown()
    # Scaling needs a second idle core: the load average tells a reader whether there was one.
    load = f"load avg {load_before:.1f}-{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    # Aggregate throughput: wall ns/op over all threads; CPU is the whole process's.
    group.rows = [dataclasses.replace(m, note=f"{1e9 / m.wall_ns:,.0f} ops/s; {load}") for m in measured]
    print(format_group(group), flush=True)
    return group


def memory_records(gated: dict[str, dict[str, Candidate]], fx: Fixtures) -> list[RssRecord]:
    candidate = gated["HS256"].get("onejwt")
    if candidate is None:
        return []
    records = [rss_around("onejwt HS256 verify", candidate.bind(fx.algorithms["HS256"].token))]
    print(format_memory(records), flush=True)
    return records


def _gate(entries: list[Candidate | Skip], group: Group, gate: GateFn) -> list[Candidate]:
    passed = []
    for entry in entries:
        why = entry.why if isinstance(entry, Skip) else gate(entry)
        if why:
            group.skipped.append(Skip(entry.name, why))
        else:
            assert isinstance(entry, Candidate)
            passed.append(entry)
    return passed


def _reader(candidate: Candidate) -> Callable[[str], Any]:
    return lambda token: candidate.bind(token)()


def _binder(candidate: Candidate, token: str) -> MakeOp:
    return lambda: candidate.bind(token)


def print_targets(groups: list[Group]) -> None:
    by_name = {g.name: g for g in groups}
    print("\ntargets (onejwt vs peer, reference_time / onejwt_time, same run)")
    for group_name, peer, bar in TARGETS:
        group = by_name.get(group_name)
        peer_row = group.row(peer) if group else None
        mine = group.row("onejwt") if group else None
        if group is None or peer_row is None or mine is None:
            print(f"  {group_name:14} vs {peer:20} >= {bar:4}x: not measured")
            continue
        wall, cpu = peer_row.wall_ns / mine.wall_ns, peer_row.cpu_ns / mine.cpu_ns
        verdict = "met" if wall >= bar else "MISSED"
        print(f"  {group_name:14} vs {peer:20} >= {bar:4}x: {wall:6.2f}x wall, {cpu:6.2f}x cpu  {verdict}")


def main() -> None:
    settings = settings_from_env()
    fx = load()
    title = f"Python {platform.python_version()} ({platform.python_implementation()})"
    found = versions()
    print(f"{title}; {', '.join(f'{k} {v}' for k, v in found.items())}")
    print(f"{settings.rounds} rounds, batches of ~{settings.batch_ns / 1e6:g} ms"
          f"{' (QUICK)' if settings.quick else ''}; wall and CPU ns/op are medians over rounds; "
          f"load avg {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    groups: list[Group] = []
    gated: dict[str, dict[str, Candidate]] = {}
    for alg in ALGORITHMS:
        af = fx.algorithms[alg]
        verify, gated[alg] = verify_group(fx, af, settings)
        groups.append(verify)
        groups.append(sign_group(fx, af, gated[alg], settings))
    groups.append(threads_group(fx, gated, settings))
    memory = [] if settings.quick else memory_records(gated, fx)
    print_targets(groups)
    target_dir = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    out = target_dir / "bench" / "python.json"
    write_json(out, to_json(title, found, settings.rounds, groups, memory))
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
