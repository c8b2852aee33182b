"""Clock: making libraries that read the system clock judge time at the fixture's ``now``.

onejwt takes ``now=`` and joserfc takes ``JWTClaimsRegistry(now=...)``. PyJWT and pyjwt-rs have
no clock argument: they compare ``exp <= time.time() - leeway`` (and ``iat > time.time() +
leeway``). Passing ``leeway = time.time() - now``, taken just before each batch and each gate
check, moves their ``exp`` judgement to the fixture's ``now`` without patching anything, through
their public API, at the same per-call cost as ``leeway=0``. The same slack widens their ``iat``
check, which no gate token exercises (every token's ``iat`` is ``now - 60``). A batch lasts
milliseconds, far less than the valid token's 900 s of life, so the drift within one is moot.
"""

from __future__ import annotations

import time


def leeway_for(now: int) -> float:
    """The leeway that makes a system-clock library check ``exp`` as of ``now``."""
    return time.time() - now
