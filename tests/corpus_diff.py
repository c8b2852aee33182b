"""Cross-runtime diff of corpus outcomes.

Every corpus runner writes ``target/corpus/<runtime>.json``: a list of ``{id, verdict, code, claims}``.
This script requires each named runtime's file to exist, to be non-empty, and to equal the Rust
runner's file exactly (same ids, verdicts, codes and claims). One difference fails.

Usage: python tests/corpus_diff.py target/corpus rust python node wasm-node wasm-browser
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def load(directory: Path, runtime: str) -> dict[str, dict]:
    path = directory / f"{runtime}.json"
    if not path.is_file():
        raise SystemExit(f"corpus-diff: {path} is missing: the {runtime} corpus runner did not run")
    records = json.loads(path.read_text(encoding="utf-8"))
    if not records:
        raise SystemExit(f"corpus-diff: {path} holds no cases")
    return {r["id"]: r for r in records}


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    directory = Path(argv[1])
    runtimes = argv[2:]
    reference_name = runtimes[0]
    reference = load(directory, reference_name)
    differences: list[str] = []
    for runtime in runtimes[1:]:
        other = load(directory, runtime)
        for case_id in sorted(set(reference) | set(other)):
            a, b = reference.get(case_id), other.get(case_id)
            if a is None or b is None:
                differences.append(f"{runtime}: {case_id} present only in {reference_name if b is None else runtime}")
            elif a != b:
                differences.append(f"{runtime}: {case_id}: {reference_name}={json.dumps(a)} {runtime}={json.dumps(b)}")
    if differences:
        print(f"corpus-diff: {len(differences)} difference(s)")
        for line in differences[:50]:
            print("  " + line)
        return 1
    print(f"corpus-diff: {len(reference)} cases identical across {', '.join(runtimes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
