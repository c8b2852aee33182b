# Type stubs of the native module (hand-written, checked against it by `python -m mypy.stubtest
# onejwt._onejwt` in `make test-python`). The docstrings live in the Rust sources.
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Final, Literal, NoReturn, Optional, Protocol, Union, final

from onejwt.revocation import RevocationStore

__all__ = [
    "ERROR_CODES",
    "WEBSOCKET_PROTOCOL",
    "Extracted",
    "Key",
    "KeySet",
    "TokenPair",
    "TokenService",
    "Verifier",
    "__version__",
    "_panic_for_test",
    "_raise_for_code",
    "decode_unverified",
    "extract_token",
    "sign",
]

__version__: Final[str]
ERROR_CODES: Final[tuple[str, ...]]
WEBSOCKET_PROTOCOL: Final[str]

_Claims = dict[str, Any]
_Header = dict[str, Any]
_Now = Union[int, float, datetime, None]
_Strings = Union[list[str], tuple[str, ...]]
_TokenType = Literal["access", "refresh"]
_Text = Union[str, bytes]

class _HeaderItems(Protocol):
    # A dict, or a framework's header object (Starlette, Werkzeug, aiohttp) listing repeats.
    def items(self) -> Iterable[tuple[_Text, _Text]]: ...

_Headers = Union[_HeaderItems, Iterable[Sequence[_Text]]]

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

@final
class TokenService:
    def __new__(
        cls,
        *,
        revocation_store: Optional[RevocationStore] = None,
        secret_key: Optional[str] = ...,
        private_key: Optional[str] = ...,
        public_key: Optional[str] = ...,
        jwks: Union[Mapping[str, Any], str, None] = ...,
        algorithm: Optional[str] = ...,
        issuer: Optional[str] = ...,
        audience: Optional[str] = ...,
        access_ttl: Optional[int] = ...,
        refresh_ttl: Optional[int] = ...,
        leeway: Optional[int] = ...,
        cache_size: Optional[int] = ...,
        cache_ttl: Optional[int] = ...,
        max_revocations: Optional[int] = ...,
    ) -> TokenService: ...
    @staticmethod
    def from_env(*, revocation_store: Optional[RevocationStore] = None) -> TokenService: ...
    def create_access_token(
        self,
        user_id: str,
        email: Optional[str] = None,
        permissions: _Strings = (),
        *,
        extra: Optional[Mapping[str, Any]] = None,
        now: _Now = None,
    ) -> str: ...
    def create_refresh_token(
        self, user_id: str, *, extra: Optional[Mapping[str, Any]] = None, now: _Now = None
    ) -> str: ...
    def verify(self, token: str, token_type: _TokenType = "access", *, now: _Now = None) -> _Claims: ...
    def validate_token(
        self, token: str, token_type: _TokenType = "access", *, now: _Now = None
    ) -> Optional[_Claims]: ...
    def extract_user_id(self, token: str, *, now: _Now = None) -> Optional[str]: ...
    def refresh(self, refresh_token: str, *, now: _Now = None) -> TokenPair: ...
    def revoke(self, token: str, *, now: _Now = None) -> None: ...
    def is_revoked(self, token: str, *, now: _Now = None) -> bool: ...
    def metrics(self) -> dict[str, Any]: ...
    def metrics_text(self) -> str: ...
    def health(self) -> dict[str, Any]: ...

@final
class TokenPair:
    @property
    def access_token(self) -> str: ...
    @property
    def refresh_token(self) -> str: ...
    def __iter__(self) -> Iterator[str]: ...

@final
class Extracted:
    @property
    def token(self) -> str: ...
    @property
    def source(self) -> Literal["bearer", "websocket_protocol", "cookie", "query"]: ...
    @property
    def echo_protocol(self) -> Optional[str]: ...

def extract_token(
    headers: _Headers,
    query_string: Optional[_Text] = None,
    *,
    bearer: bool = True,
    websocket_protocol: bool = True,
    cookie: Optional[str] = None,
    query: Optional[str] = None,
) -> Optional[Extracted]: ...
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
def _panic_for_test() -> NoReturn: ...
