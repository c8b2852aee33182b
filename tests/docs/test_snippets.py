"""README snippets: every code block of README.md and of the bindings' READMEs runs, in its language.

* ``python`` blocks run in the project's ``.venv`` (this interpreter), one process per block;
* ``js`` blocks run under Node as ES modules, with ``onejwt`` resolving to ``bindings-node/`` and
  ``onejwt-wasm`` to the built ``bindings-wasm/pkg/`` through a ``node_modules`` of symlinks, as an
  installed package would;
* ``rust`` blocks are doctests (``core/src/lib.rs`` includes README.md); this file checks that they are;
* ``toml`` blocks parse, and the paths of their dependencies exist;
* ``sh`` blocks name make targets (checked with ``make -n``) and paths (checked to exist);
* ``text`` blocks under "## Layout" list the tree: every path exists and every top-level directory is listed.

A block may be preceded by hidden setup, ``<!-- setup`` … ``-->``, real code of the block's language
that runs first (the environment variable ``ONEJWT_ROOT`` names the repository, for test helpers such as
the Redis server launchers), and by its expected standard output, ``<!-- output`` … ``-->``. A block of any other
language fails: nothing in a README goes unrun.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READMES = ["README.md", "bindings-python/README.md", "bindings-node/README.md", "bindings-wasm/README.md"]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)
COMMENT = re.compile(r"<!--\s*(setup|output)\n(.*?)-->\s*$", re.S)


@dataclass
class Block:
    file: str
    line: int
    lang: str
    code: str
    setup: str
    output: str | None
    section: str

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}:{self.lang}"


def blocks_of(name: str) -> list[Block]:
    text = (ROOT / name).read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()]
        setup, output = "", None
        # The hidden comments directly above the fence (blank lines between them allowed).
        tail = before.rstrip()
        while tail.endswith("-->"):
            start = tail.rfind("<!--")
            comment = COMMENT.fullmatch(tail[start:])
            if comment is None:
                break
            if comment.group(1) == "setup":
                setup = comment.group(2)
            else:
                output = comment.group(2)
            tail = tail[:start].rstrip()
        headings = re.findall(r"^#+ (.*)$", before, re.M)
        found.append(Block(name, before.count("\n") + 1, match.group(1), match.group(2), setup, output,
                           headings[-1] if headings else ""))
    return found


BLOCKS = [block for name in READMES for block in blocks_of(name)]


def run(block: Block, argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, f"{block.id} failed:\n{result.stdout}\n{result.stderr}"
    if block.output is not None:
        assert result.stdout == block.output, f"{block.id} printed {result.stdout!r}, documented {block.output!r}"


# Hidden setup may reach the repository's test helpers (tests/redis/, tests/js/) through ONEJWT_ROOT.
SNIPPET_ENV = {**os.environ, "ONEJWT_ROOT": str(ROOT)}


def run_python(block: Block, tmp: Path) -> None:
    script = tmp / "snippet.py"
    script.write_text(block.setup + block.code, encoding="utf-8")
    run(block, [sys.executable, str(script)], tmp, SNIPPET_ENV)


def run_js(block: Block, tmp: Path) -> None:
    modules = tmp / "node_modules"
    modules.mkdir()
    (modules / "onejwt").symlink_to(ROOT / "bindings-node")
    (modules / "onejwt-wasm").symlink_to(ROOT / "bindings-wasm" / "pkg")
    script = tmp / "snippet.mjs"
    # Setup and block share one module scope; imports anywhere in a module are hoisted.
    script.write_text(block.setup + block.code, encoding="utf-8")
    run(block, ["node", str(script)], tmp, SNIPPET_ENV)


def check_rust(block: Block) -> None:
    lib = (ROOT / "core/src/lib.rs").read_text(encoding="utf-8")
    assert f'include_str!("../../{block.file}")' in lib, (
        f"{block.id}: a Rust block runs only as a doctest, and core/src/lib.rs does not include {block.file}"
    )


def check_toml(block: Block) -> None:
    manifest = tomllib.loads(block.code)
    for name, dep in manifest.get("dependencies", {}).items():
        if isinstance(dep, dict) and "path" in dep:
            assert (ROOT / dep["path"] / "Cargo.toml").is_file(), f"{block.id}: {name} path {dep['path']}"


def check_sh(block: Block) -> None:
    for line in block.code.splitlines():
        command = line.split("#", 1)[0].strip()
        if not command:
            continue
        words = shlex.split(command)
        if words[0] == "make":
            targets = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
            assert targets, f"{block.id}: {command!r} names no target"
            dry = subprocess.run(["make", "-n", "-q", *targets], cwd=ROOT, capture_output=True, text=True)
            # -q: 0 up to date, 1 needs work; 2 means an unknown target or a broken makefile.
            assert dry.returncode in (0, 1), f"{block.id}: {command!r}: {dry.stderr.strip()}"
        elif words[:2] in (["pip", "install"], ["npm", "install"]):
            paths = [w for w in words[2:] if w.startswith(".")]
            assert paths, f"{block.id}: {command!r} installs no local path"
            for path in paths:
                assert (ROOT / path).exists(), f"{block.id}: {path} does not exist"
        else:
            pytest.fail(f"{block.id}: no check for the shell command {command!r}")


def check_layout(block: Block) -> None:
    assert block.section == "Layout", f"{block.id}: a text block outside the Layout section has no check"
    listed = set()
    for line in block.code.splitlines():
        path = line.split()[0]
        assert (ROOT / path).exists(), f"{block.id}: the layout lists {path}, which does not exist"
        listed.add(path.rstrip("/"))
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    top_dirs = {f.split("/")[0] for f in tracked.splitlines() if "/" in f and not f.startswith(".")}
    missing = sorted(top_dirs - listed)
    assert not missing, f"{block.id}: the layout does not list {missing}"


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_block_runs(block: Block, tmp_path: Path) -> None:
    match block.lang:
        case "python":
            run_python(block, tmp_path)
        case "js" | "javascript" | "mjs":
            run_js(block, tmp_path)
        case "rust":
            check_rust(block)
        case "toml":
            check_toml(block)
        case "sh" | "bash" | "shell":
            check_sh(block)
        case "text":
            check_layout(block)
        case _:
            pytest.fail(f"{block.id}: a ```{block.lang} block has no runner; label it with its language")


def test_every_readme_has_blocks() -> None:
    for name in READMES:
        assert any(b.file == name for b in BLOCKS), f"{name} has no code block"
    assert sum(b.lang == "js" for b in BLOCKS) >= 4 and sum(b.lang == "python" for b in BLOCKS) >= 3


def test_hidden_setup_and_output_are_read() -> None:
    with_setup = [b for b in BLOCKS if b.setup]
    with_output = [b for b in BLOCKS if b.output is not None]
    assert with_setup and with_output, "the setup/output comments are not being found"
