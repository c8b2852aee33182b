"""Revocation: the protocol of a shared revocation store for :class:`onejwt.TokenService`.

The service keeps revocations in memory by default. Pass ``revocation_store=`` an object with these
two methods (Redis, a database table, ...) so several processes see the same revocations. This
module only names the shape for type checkers; any object with the methods works.
"""

from __future__ import annotations

from typing import Protocol


class RevocationStore(Protocol):
    """What ``TokenService(revocation_store=...)`` calls, with the ``jti`` of verified tokens only.

    ``is_revoked`` is called on every verification (cache hit or miss) and must return a ``bool``:
    anything else, or an exception, refuses the token (fail closed). ``revoke`` records a ``jti``;
    the entry may be dropped after ``expires_at`` (Unix seconds), when the token has expired anyway.

    >>> class Revocations:
    ...     def __init__(self) -> None:
    ...         self.entries: dict[str, int] = {}
    ...     def is_revoked(self, jti: str) -> bool:
    ...         return jti in self.entries
    ...     def revoke(self, jti: str, expires_at: int) -> None:
    ...         self.entries[jti] = expires_at
    >>> store: RevocationStore = Revocations()
    """

    def is_revoked(self, jti: str) -> bool:
        """Whether ``jti`` is revoked."""
        ...

    def revoke(self, jti: str, expires_at: int) -> None:
        """Revokes ``jti`` until ``expires_at`` (Unix seconds)."""
        ...


__all__ = ["RevocationStore"]
