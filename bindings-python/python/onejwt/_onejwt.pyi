# Type stubs of the native module (hand-written, checked against it by `python -m mypy.stubtest
# onejwt._onejwt` in `make test-python`). The docstrings live in the Rust sources. The option
# parameters follow the core's option schema (`_option_schema()`), table by table and in its
# order; tests/test_schema.py fails when a name, an order or an annotation disagrees with it.
# `None` means "not set" for every option, so each one that is not required is Optional.
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Final, Literal, NoReturn, Optional, Protocol, Union, final

from onejwt.store import SessionStore, StoreReply, StoreRequest

__all__ = [
    "ERROR_CODES",
    "WEBSOCKET_PROTOCOL",
    "Extracted",
    "Key",
    "KeySet",
    "SkippedKey",
    "TokenPair",
    "TokenService",
    "Verifier",
    "__version__",
    "_ERROR_TABLE",
    "_PendingCall",
    "_REDIS_DEFAULT_PREFIX",
    "_option_schema",
    "_panic_for_test",
    "_raise_for_code",
    "_redis_check_prefix",
    "_redis_command",
    "_redis_reply",
    "decode_unverified",
    "extract_token",
    "sign",
]

__version__: Final[str]
ERROR_CODES: Final[tuple[str, ...]]
_ERROR_TABLE: Final[tuple[tuple[str, str], ...]]
WEBSOCKET_PROTOCOL: Final[str]
_REDIS_DEFAULT_PREFIX: Final[str]

_Claims = dict[str, Any]
_Header = dict[str, Any]
_Now = Union[int, float, datetime]
_Strings = Union[list[str], tuple[str, ...]]
_StringOrStrings = Union[str, _Strings]
_Object = Mapping[str, Any]
_ObjectOrText = Union[_Object, str]
_TokenType = Literal["access", "refresh"]
_Text = Union[str, bytes]

class _HeaderItems(Protocol):
    # A dict, or a framework's header object (Starlette, Werkzeug, aiohttp) listing repeats.
    def items(self) -> Iterable[tuple[_Text, _Text]]: ...

_Headers = Union[_HeaderItems, Iterable[Sequence[_Text]]]

# A `cryptography` key object (cryptography.hazmat.primitives.asymmetric: RSA, EC, Ed25519), taken
# wherever a Key is: the binding asks it for its PKCS#8 or SPKI PEM (cryptography is not a
# dependency, so the stub names what the binding calls, not cryptography's classes).
class _PrivateKeyObject(Protocol):
    def private_bytes(self, encoding: Any, format: Any, encryption_algorithm: Any, /) -> bytes: ...

class _PublicKeyObject(Protocol):
    def public_bytes(self, encoding: Any, format: Any, /) -> bytes: ...

_KeyObject = Union[_PrivateKeyObject, _PublicKeyObject]
_KeyLike = Union[Key, _KeyObject]
_PemLike = Union[str, Key, _KeyObject]

@final
class Key:
    @staticmethod
    def hmac(secret: Union[bytes, str]) -> Key: ...
    @staticmethod
    def from_pem(pem: Union[bytes, str]) -> Key: ...
    @staticmethod
    def from_jwk(jwk: Union[Mapping[str, Any], str]) -> Key: ...
    @staticmethod
    def from_cryptography(key: _KeyObject) -> Key: ...
    @staticmethod
    def generate(algorithm: str, *, kid: Optional[str] = None, bits: Optional[int] = None) -> Key: ...
    def to_jwk(self, *, private: Optional[bool] = None) -> dict[str, Any]: ...
    def to_pem(self, *, private: Optional[bool] = None) -> str: ...
    def thumbprint(self) -> str: ...
    def with_kid(self, kid: str) -> Key: ...
    # A cryptography private or public key object (cryptography is an optional dependency).
    def to_cryptography(self) -> Any: ...
    @property
    def family(self) -> str: ...
    @property
    def kid(self) -> Optional[str]: ...
    @property
    def can_sign(self) -> bool: ...

@final
class KeySet:
    @staticmethod
    def from_jwks(jwks: Union[Mapping[str, Any], str], *, allow_oct: Optional[bool] = None) -> KeySet: ...
    def to_jwks(self, *, private: Optional[bool] = None) -> dict[str, Any]: ...
    @property
    def skipped(self) -> list[SkippedKey]: ...
    def __len__(self) -> int: ...

@final
class SkippedKey:
    @property
    def index(self) -> int: ...
    @property
    def kid(self) -> Optional[str]: ...
    @property
    def reason(self) -> Literal["unsupported", "oct_not_allowed", "not_for_verification", "invalid"]: ...
    @property
    def message(self) -> str: ...

@final
class Verifier:
    def __new__(
        cls,
        *,
        key: Optional[_KeyLike] = None,
        keys: Optional[KeySet] = None,
        algorithms: _Strings,
        issuer: Optional[_StringOrStrings] = None,
        audience: Optional[_StringOrStrings] = None,
        subject: Optional[str] = None,
        leeway: Optional[int] = None,
        required: Optional[_Strings] = None,
        typ: Optional[str] = None,
        max_token_bytes: Optional[int] = None,
        max_age: Optional[int] = None,
    ) -> Verifier: ...
    def verify(self, token: str, *, now: Optional[_Now] = None) -> _Claims: ...
    def verify_complete(self, token: str, *, now: Optional[_Now] = None) -> tuple[_Header, _Claims]: ...

@final
class TokenService:
    def __new__(
        cls,
        *,
        secret_key: Optional[str] = None,
        private_key: Optional[_PemLike] = None,
        public_key: Optional[_PemLike] = None,
        jwks: Optional[_ObjectOrText] = None,
        private_jwks: Optional[_ObjectOrText] = None,
        algorithm: Optional[str] = None,
        issuer: Optional[str] = None,
        audience: Optional[str] = None,
        kid: Optional[str] = None,
        access_ttl: Optional[int] = None,
        refresh_ttl: Optional[int] = None,
        session_ttl: Optional[int] = None,
        reuse_grace: Optional[int] = None,
        leeway: Optional[int] = None,
        cache_size: Optional[int] = None,
        cache_ttl: Optional[int] = None,
        max_sessions: Optional[int] = None,
        max_revocations: Optional[int] = None,
        store: Optional[SessionStore] = None,
    ) -> TokenService: ...
    @staticmethod
    def from_env(*, store: Optional[SessionStore] = None) -> TokenService: ...
    def create_access_token(
        self,
        user_id: str,
        email: Optional[str] = None,
        permissions: Optional[_Strings] = None,
        *,
        extra: Optional[_Object] = None,
        now: Optional[_Now] = None,
    ) -> str: ...
    def login(
        self,
        user_id: str,
        email: Optional[str] = None,
        permissions: Optional[_Strings] = None,
        *,
        extra: Optional[_Object] = None,
        now: Optional[_Now] = None,
    ) -> TokenPair: ...
    def verify(self, token: str, token_type: _TokenType = "access", *, now: Optional[_Now] = None) -> _Claims: ...
    def validate_token(
        self, token: str, token_type: _TokenType = "access", *, now: Optional[_Now] = None
    ) -> Optional[_Claims]: ...
    def extract_user_id(self, token: str, *, now: Optional[_Now] = None) -> Optional[str]: ...
    def refresh(
        self,
        refresh_token: str,
        *,
        email: Optional[str] = None,
        permissions: Optional[_Strings] = None,
        extra: Optional[_Object] = None,
        now: Optional[_Now] = None,
    ) -> TokenPair: ...
    def revoke(self, token: str, *, now: Optional[_Now] = None) -> None: ...
    def logout(self, token: str, *, now: Optional[_Now] = None) -> None: ...
    def is_revoked(self, token: str, *, now: Optional[_Now] = None) -> bool: ...
    def rotate_key(self, key: _KeyLike, *, now: Optional[_Now] = None) -> None: ...
    def jwks(self, *, private: Optional[bool] = None, now: Optional[_Now] = None) -> dict[str, Any]: ...
    @property
    def signing_kid(self) -> Optional[str]: ...
    def metrics(self) -> dict[str, Any]: ...
    def metrics_text(self) -> str: ...
    def health(self) -> dict[str, Any]: ...
    # The steps of the store-touching calls, for AsyncTokenService (onejwt/aio.py): the result, or a
    # pending call whose request the caller performs before _finish.
    @staticmethod
    def _stepwise(*, store: Optional[object] = None, **config: Any) -> TokenService: ...
    @staticmethod
    def _stepwise_from_env(*, store: Optional[object] = None) -> TokenService: ...
    def _start_login(
        self,
        user_id: str,
        email: Optional[str] = None,
        permissions: Optional[_Strings] = None,
        *,
        extra: Optional[_Object] = None,
        now: Optional[_Now] = None,
    ) -> Union[TokenPair, _PendingCall]: ...
    def _start_verify(
        self, token: str, token_type: _TokenType = "access", *, now: Optional[_Now] = None
    ) -> Union[_Claims, _PendingCall]: ...
    def _start_validate_token(
        self, token: str, token_type: _TokenType = "access", *, now: Optional[_Now] = None
    ) -> Union[_Claims, None, _PendingCall]: ...
    def _start_extract_user_id(self, token: str, *, now: Optional[_Now] = None) -> Union[str, None, _PendingCall]: ...
    def _start_refresh(
        self,
        refresh_token: str,
        *,
        email: Optional[str] = None,
        permissions: Optional[_Strings] = None,
        extra: Optional[_Object] = None,
        now: Optional[_Now] = None,
    ) -> Union[TokenPair, _PendingCall]: ...
    def _start_revoke(self, token: str, *, now: Optional[_Now] = None) -> Optional[_PendingCall]: ...
    def _start_logout(self, token: str, *, now: Optional[_Now] = None) -> Optional[_PendingCall]: ...
    def _start_is_revoked(self, token: str, *, now: Optional[_Now] = None) -> Union[bool, _PendingCall]: ...
    def _finish(self, pending: _PendingCall, reply: object = None, error: Optional[BaseException] = None) -> Any: ...

@final
class _PendingCall:
    @property
    def request(self) -> StoreRequest: ...

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
    bearer: Optional[bool] = None,
    websocket_protocol: Optional[bool] = None,
    cookie: Optional[str] = None,
    query: Optional[str] = None,
) -> Optional[Extracted]: ...
def sign(
    claims: _Object,
    key: _KeyLike,
    algorithm: str,
    *,
    kid: Optional[str] = None,
    headers: Optional[_Object] = None,
    expires_in: Optional[int] = None,
    set_issued_at: Optional[bool] = None,
    now: Optional[_Now] = None,
) -> str: ...
def decode_unverified(token: str) -> tuple[_Header, _Claims]: ...
def _option_schema() -> dict[str, Any]: ...
def _raise_for_code(code: str) -> NoReturn: ...
def _panic_for_test() -> NoReturn: ...
def _redis_command(request: StoreRequest, prefix: str) -> tuple[str, str, list[str], list[str]]: ...
def _redis_reply(request: StoreRequest, raw: object) -> StoreReply: ...
def _redis_check_prefix(prefix: str) -> str: ...
