# Type stubs of the native module (hand-written, checked against it by `python -m mypy.stubtest
# onejwt._onejwt` in `make test-python`). The docstrings live in the Rust sources.
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final, NoReturn, Optional, Union, final

__all__ = [
    "ERROR_CODES",
    "Key",
    "KeySet",
    "Verifier",
    "__version__",
    "_raise_for_code",
    "decode_unverified",
    "sign",
]

__version__: Final[str]
ERROR_CODES: Final[tuple[str, ...]]

_Claims = dict[str, Any]
_Header = dict[str, Any]
_Now = Union[int, float, datetime, None]
_Strings = Union[list[str], tuple[str, ...]]

@final
class Key:
    @staticmethod
    def hmac(secret: Union[bytes, str]) -> Key: ...
    @staticmethod
    def from_pem(pem: Union[bytes, str]) -> Key: ...
    @staticmethod
    def from_jwk(jwk: Union[Mapping[str, Any], str]) -> Key: ...
    @property
    def family(self) -> str: ...
    @property
    def kid(self) -> Optional[str]: ...
    @property
    def can_sign(self) -> bool: ...

@final
class KeySet:
    @staticmethod
    def from_jwks(jwks: Union[Mapping[str, Any], str]) -> KeySet: ...
    def __len__(self) -> int: ...

@final
class Verifier:
    def __new__(
        cls,
        *,
        key: Optional[Key] = None,
        keys: Optional[KeySet] = None,
        algorithms: _Strings,
        issuer: Union[str, _Strings, None] = ...,
        audience: Union[str, _Strings, None] = ...,
        leeway: int = ...,
        required: _Strings = ...,
        typ: Optional[str] = ...,
        max_token_bytes: int = ...,
        max_age: Optional[int] = ...,
    ) -> Verifier: ...
    def verify(self, token: str, *, now: _Now = None) -> _Claims: ...
    def verify_complete(self, token: str, *, now: _Now = None) -> tuple[_Header, _Claims]: ...

def sign(
    claims: Mapping[str, Any],
    key: Key,
    algorithm: str,
    *,
    kid: Optional[str] = None,
    headers: Optional[Mapping[str, Any]] = None,
) -> str: ...
def decode_unverified(token: str) -> tuple[_Header, _Claims]: ...
def _raise_for_code(code: str) -> NoReturn: ...
