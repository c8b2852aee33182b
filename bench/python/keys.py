"""Keys: the fixture's key material in the forms the peers take (PEM text, joserfc key objects)."""

from __future__ import annotations

import warnings
from typing import Any

from fixtures import AlgFixture


def pem(af: AlgFixture, private: bool) -> str:
    text = af.private_pem if private else af.public_pem
    if text is None:
        raise ValueError(f"the {af.alg} fixture has no {'private' if private else 'public'} PEM")
    return text


def joserfc_key(af: AlgFixture, private: bool) -> Any:
    """joserfc's key object for ``af``: OctKey for HS256, else the PEM's key class."""
    from joserfc.jwk import ECKey, OctKey, OKPKey, RSAKey

    if af.alg == "EdDSA":
        # joserfc warns on every use that RFC 9864 deprecates "EdDSA" (for "Ed25519"); the
        # fixture tokens say "EdDSA", as every peer expects. Silenced so the table stays readable.
        warnings.filterwarnings("ignore", message="EdDSA is deprecated", module="joserfc")
    if af.secret is not None:
        return OctKey.import_key(af.secret)
    if af.alg == "RS256":
        return RSAKey.import_key(pem(af, private))
    if af.alg == "ES256":
        return ECKey.import_key(pem(af, private))
    return OKPKey.import_key(pem(af, private))
