"""Errors: the exceptions onejwt raises, one class per stable error code.

Every refused token or key raises a :class:`JwtError` subclass named after its code
(``expired`` -> :class:`ExpiredError`), so callers can catch the exact failure or match on
``err.code``, the same string in every onejwt runtime. Messages never contain token or key
material. Caller mistakes are not codes: a wrong option or argument raises
:class:`OptionsTypeError` (a ``TypeError``) or :class:`OptionsValueError` (a ``ValueError``),
with ``.option`` naming it.

The per-code classes are made here from the core's table of codes and their descriptions
(``onejwt._onejwt._ERROR_TABLE``), so a new core code gets its class with no edit; the native
module raises a code's class by looking it up in ``_CLASSES``. Type checkers read the classes
from ``errors.pyi``, which the tests hold to the table.
"""

from __future__ import annotations

from typing import Optional

from onejwt._onejwt import _ERROR_TABLE


class JwtError(Exception):
    """A token or key was refused.

    ``code`` is one of ``onejwt.ERROR_CODES``; ``claim`` names the claim at fault for claim
    failures (``"exp"``, ``"aud"``, ...) and is ``None`` otherwise; ``message`` is the reason.
    ``str(err)`` is ``"<code>: <message>"``.
    """

    code: str
    claim: Optional[str]
    message: str

    def __init__(self, message: str, claim: Optional[str] = None, code: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.claim = claim
        # Only when the base class is raised directly, with its code.
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.message}" if hasattr(self, "code") else self.message


class OptionsError(Exception):
    """A caller mistake in an option or argument (not a verdict on a token): ``option`` names it.

    Always raised as :class:`OptionsTypeError` or :class:`OptionsValueError`, so ``except
    TypeError`` / ``except ValueError`` catch it too.
    """

    option: str

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option

    def __reduce__(self) -> tuple[type[OptionsError], tuple[str, str]]:
        # The default pickling calls cls(*args), and args lacks `option`.
        return (type(self), (str(self), self.option))


class OptionsTypeError(OptionsError, TypeError):
    """An option or argument has the wrong type (for example ``leeway="5"``)."""


class OptionsValueError(OptionsError, ValueError):
    """An option has a refused value (``algorithms=["none"]``) or is unknown (``leway=5``)."""


def _class_name(code: str) -> str:
    """``expired`` -> ``ExpiredError``: PascalCase(code) + ``Error``."""
    return "".join(part.capitalize() for part in code.split("_")) + "Error"


def _code_class(code: str, description: str) -> type[JwtError]:
    name = _class_name(code)
    namespace = {"__doc__": description, "__module__": __name__, "__qualname__": name, "code": code}
    return type(name, (JwtError,), namespace)


# One class per code of the core, in its order, documented by the core: the table is
# ``ErrorCode::ALL`` with ``ErrorCode::description``. Rust raises a code's class through this dict.
_CLASSES: dict[str, type[JwtError]] = {code: _code_class(code, doc) for code, doc in _ERROR_TABLE}
globals().update((cls.__name__, cls) for cls in _CLASSES.values())

__all__ = [
    "JwtError",
    *(cls.__name__ for cls in _CLASSES.values()),
    "OptionsError",
    "OptionsTypeError",
    "OptionsValueError",
]
