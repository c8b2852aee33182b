"""Report: the readable table on stdout and python.json, in the schema the report generator reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gate import Skip
from memory import RssRecord
from timing import Measured


@dataclass
class Group:
    name: str
    reference: str
    rows: list[Measured] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)

    def row(self, name: str) -> Measured | None:
        return next((r for r in self.rows if r.name == name), None)

    def ratio(self, name: str) -> tuple[float, float] | None:
        """(wall, cpu) as reference time / row time: above 1 means the row is faster."""
        row, ref = self.row(name), self.row(self.reference)
        if row is None or ref is None:
            return None
        return ref.wall_ns / row.wall_ns, ref.cpu_ns / row.cpu_ns


def format_group(group: Group) -> str:
    lines = [f"\n{group.name}  (ratios: {group.reference} time / row time, same run)"]
    lines.append(f"  {'':30} {'wall ns/op':>12} {'cpu ns/op':>12} {'x wall':>8} {'x cpu':>8} {'batch':>8}  note")
    for row in group.rows:
        ratio = group.ratio(row.name)
        wall_x, cpu_x = (f"{ratio[0]:.2f}", f"{ratio[1]:.2f}") if ratio else ("-", "-")
        lines.append(f"  {row.name:30} {row.wall_ns:12,.1f} {row.cpu_ns:12,.1f} {wall_x:>8} {cpu_x:>8} "
                     f"{row.batch:8}  {row.note}")
    for skip in group.skipped:
        lines.append(f"  {skip.name:30} skipped: {skip.why}")
    return "\n".join(lines)


def format_memory(records: list[RssRecord]) -> str:
    lines = ["\nmemory (VmRSS, KiB)"]
    for r in records:
        lines.append(f"  {r.name:30} {r.calls:,} calls: {r.rss_before_kib:,} -> {r.rss_after_kib:,} "
                     f"({r.rss_after_kib - r.rss_before_kib:+,} KiB)")
    return "\n".join(lines)


def to_json(title: str, versions: dict[str, str], rounds: int, groups: list[Group],
            memory: list[RssRecord]) -> dict[str, Any]:
    return {
        "runtime": "python",
        "title": title,
        "versions": versions,
        "rounds": rounds,
        "groups": [
            {
                "name": g.name,
                "reference": g.reference,
                "rows": [{"name": r.name, "wall_ns": round(r.wall_ns, 1), "cpu_ns": round(r.cpu_ns, 1),
                          "note": r.note} for r in g.rows],
                "skipped": [{"name": s.name, "why": s.why} for s in g.skipped],
            }
            for g in groups
        ],
        "memory": [
            {"name": m.name, "calls": m.calls, "rss_before_kib": m.rss_before_kib,
             "rss_after_kib": m.rss_after_kib}
            for m in memory
        ],
    }


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole then renamed, so a reader never sees half a file.
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(document, indent=2) + "\n")
    partial.replace(path)
