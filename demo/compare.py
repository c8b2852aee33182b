"""Prints each runtime's demo verdicts, for the Rust-minted token and for the service flow, and fails
unless the runtimes agree (see README.md)."""

import base64
import json
import sys
from pathlib import Path

RUNTIMES = ["rust", "python", "node", "wasm-node"]
# The service flow: Python issues, Node and the browser validate, Python revokes (README.md).
SERVICE_RUNTIMES = ["python", "node", "wasm-browser"]
WIDTH = max(len(name) for name in RUNTIMES + SERVICE_RUNTIMES)


def main() -> int:
    directory = Path(sys.argv[1])
    return verifier_part(directory) or service_part(directory / "service")


def verifier_part(directory: Path) -> int:
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
            print(f"{runtime:>{WIDTH}} | {line}")
    if len(set(outputs.values())) != 1:
        print("demo: the runtimes DISAGREE")
        return 1
    print(f"demo: {', '.join(RUNTIMES)} agree byte for byte")
    return 0


def service_part(directory: Path) -> int:
    """Every runtime must accept the token with exactly its claims before the revocation and refuse
    it as `revoked` after."""
    token = (directory / "token.txt").read_text(encoding="utf-8").strip()
    payload = token.split(".")[1]
    issued = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims = json.dumps(dict(sorted(issued.items())), separators=(",", ":"), ensure_ascii=False)
    print(f"\nservice: access token issued by Python's TokenService ({len(token)} bytes, EdDSA), revoked by Python")
    print(f"{'claims':>{WIDTH}} | {claims}")
    want = {"before": f"ok {claims}", "after": "revoked"}
    failed = False
    for runtime in SERVICE_RUNTIMES:
        shown = []
        for phase, expected in want.items():
            path = directory / f"{runtime}.{phase}.txt"
            if not path.is_file():
                print(f"{runtime}: no output ({path} missing)")
                return 1
            got = path.read_text(encoding="utf-8").strip()
            # The claims were printed once above; a differing verdict is printed in full.
            shown.append(f"{phase} {got.split(' ')[0] if got == expected else got + '  <- expected ' + expected}")
            failed |= got != expected
        print(f"{runtime:>{WIDTH}} | {'   '.join(shown)}")
    if failed:
        print("demo: the service verdicts DISAGREE")
        return 1
    print(f"demo: {', '.join(SERVICE_RUNTIMES)} accept these claims, then refuse the token as `revoked`")
    print(f"      (one revocation, shared through the file-backed store {directory.name}/revocations.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
