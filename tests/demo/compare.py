"""Prints each runtime's demo verdict and fails unless they are all identical (see README.md)."""

import sys
from pathlib import Path

RUNTIMES = ["rust", "python", "node", "wasm-node"]


def main() -> int:
    directory = Path(sys.argv[1])
    token = (directory / "token.txt").read_text().strip()
    print(f"token: {token[:60]}… ({len(token)} bytes, EdDSA, issued by Rust)")
    outputs = {}
    for runtime in RUNTIMES:
        path = directory / f"{runtime}.txt"
        if not path.is_file():
            print(f"{runtime}: no output ({path} missing)")
            return 1
        outputs[runtime] = path.read_text()
        for line in outputs[runtime].splitlines():
            print(f"{runtime:>10} | {line}")
    if len(set(outputs.values())) != 1:
        print("demo: the runtimes DISAGREE")
        return 1
    print(f"demo: {', '.join(RUNTIMES)} agree byte for byte")
    return 0


if __name__ == "__main__":
    sys.exit(main())
