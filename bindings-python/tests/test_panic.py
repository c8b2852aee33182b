"""A Rust panic inside the extension surfaces as a Python exception; the interpreter lives on."""

from __future__ import annotations

import subprocess
import sys

import pytest

import onejwt
from onejwt._onejwt import _panic_for_test


def test_a_panic_is_an_exception_and_the_module_keeps_working() -> None:
    for _ in range(3):
        with pytest.raises(BaseException) as caught:  # pyo3's PanicException derives BaseException
            _panic_for_test()
        assert type(caught.value).__name__ == "PanicException"
        assert "deliberate panic" in str(caught.value)
    key = onejwt.Key.hmac(b"a-32-byte-secret-for-hs256-use!!")
    token = onejwt.sign({"sub": "42"}, key, "HS256")
    assert onejwt.Verifier(key=key, algorithms=["HS256"]).verify(token, now=1_700_000_000) == {"sub": "42"}


def test_an_uncaught_panic_ends_in_a_traceback_not_an_abort() -> None:
    script = "from onejwt._onejwt import _panic_for_test\n_panic_for_test()\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1  # Python's exit status for an uncaught exception (an abort is -6)
    assert "PanicException" in done.stderr
