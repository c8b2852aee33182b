"""Export (issue 14): a key's public and private JWK and PEM, its RFC 7638 thumbprint, and a key set's JWKS.

Kind `export` (tests/vectors/README.md, "Key lifecycle cases"). The expected documents are computed here from
`cryptography`'s key numbers and its own PEM serialisation (PKCS#8 / SPKI, byte for byte), independently of onejwt;
the RFC examples' thumbprints are the RFCs' own values.
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

GROUP = "export"

INVALID = {"error": "invalid_key"}

# RFC 7638 §3.1: the example key and its thumbprint.
RFC7638_KEY = {
    "kty": "RSA",
    "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3"
         "oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0z"
         "gdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csF"
         "Cur-kEgU8awapJzKnqDKgw",
    "e": "AQAB",
    "alg": "RS256",
    "kid": "2011-04-29",
}
RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
# RFC 8037 Appendix A.1 (the private key), A.2 (its public half) and A.3 (its thumbprint).
RFC8037_PRIVATE = {"kty": "OKP", "crv": "Ed25519", "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
                   "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"

PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "k")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def uint(n: int, size: int | None = None) -> str:
    """A big-endian unsigned integer: without leading zeros, or of exactly `size` bytes."""
    return b64(n.to_bytes(size or max(1, (n.bit_length() + 7) // 8), "big"))


def required(public) -> dict:
    """The RFC 7638 required members of a public key, in lexicographic order."""
    if isinstance(public, rsa.RSAPublicKey):
        numbers = public.public_numbers()
        return {"e": uint(numbers.e), "kty": "RSA", "n": uint(numbers.n)}
    if isinstance(public, ec.EllipticCurvePublicKey):
        size = (public.curve.key_size + 7) // 8
        crv = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}[public.curve.name]
        numbers = public.public_numbers()
        return {"crv": crv, "kty": "EC", "x": uint(numbers.x, size), "y": uint(numbers.y, size)}
    if isinstance(public, ed25519.Ed25519PublicKey):
        raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"crv": "Ed25519", "kty": "OKP", "x": b64(raw)}
    raise TypeError(public)


def private_members(private) -> dict:
    if isinstance(private, rsa.RSAPrivateKey):
        n = private.private_numbers()
        return {"d": uint(n.d), "p": uint(n.p), "q": uint(n.q), "dp": uint(n.dmp1), "dq": uint(n.dmq1),
                "qi": uint(n.iqmp)}
    if isinstance(private, ec.EllipticCurvePrivateKey):
        size = (private.curve.key_size + 7) // 8
        return {"d": uint(private.private_numbers().private_value, size)}
    if isinstance(private, ed25519.Ed25519PrivateKey):
        raw = private.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                    serialization.NoEncryption())
        return {"d": b64(raw)}
    raise TypeError(private)


def thumbprint(members: dict) -> str:
    text = json.dumps(members, separators=(",", ":"), sort_keys=True)
    return b64(hashlib.sha256(text.encode()).digest())


def with_meta(jwk: dict, meta: dict, public: bool) -> dict:
    out = dict(jwk)
    for name in ("kid", "use", "key_ops", "alg"):
        if name in meta:
            value = meta[name]
            if name == "key_ops" and public:
                value = ["verify"] if any(op in ("sign", "verify") for op in value) else []
            out[name] = value
    return out


def public_pem(public) -> str:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def private_pem(private) -> str:
    return private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()


def exports_of(private=None, public=None, meta: dict | None = None) -> dict:
    """Every export of a key pair (`private` given) or a public key, with the JWK metadata it was read with."""
    meta = meta or {}
    public = public or private.public_key()
    members = required(public)
    out = {
        "public_jwk": with_meta(members, meta, True),
        "public_pem": public_pem(public),
        "thumbprint": thumbprint(members),
    }
    if private is None:
        out["private_jwk"] = INVALID
        out["private_pem"] = INVALID
    else:
        out["private_jwk"] = with_meta({**members, **private_members(private)}, meta, False)
        out["private_pem"] = private_pem(private)
    return out


def secret_exports(secret: bytes, meta: dict | None = None) -> dict:
    members = {"k": b64(secret), "kty": "oct"}
    return {
        "public_jwk": INVALID,
        "private_jwk": with_meta(members, meta or {}, False),
        "public_pem": INVALID,
        "private_pem": INVALID,
        "thumbprint": thumbprint(members),
    }


def build(gen) -> None:
    cases: dict = {}

    def case(name: str, description: str, key: dict, expect: dict) -> None:
        cid = f"{GROUP}/{name}"
        assert cid not in cases and cid not in gen.CASES, cid
        for document in expect.get("exports", {}).values():
            if isinstance(document, dict) and "kty" in document and document.get("kty") != "oct":
                if document is expect["exports"].get("public_jwk"):
                    assert not set(document) & set(PRIVATE_MEMBERS), cid
        cases[cid] = {"id": cid, "description": description, "kind": "export", "key": key, "expect": expect}

    names = {"rsa2048": "RSA 2048", "rsa4096": "RSA 4096", "p256": "P-256", "p384": "P-384", "p521": "P-521",
             "ed25519": "Ed25519"}
    for name, label in names.items():
        private = gen.PRIV[name]
        both = {"exports": exports_of(private)}
        public_only = {"exports": exports_of(public=private.public_key())}
        case(f"{name}-pkcs8", f"{label} PKCS#8 private key: every export; the PEMs are what OpenSSL writes",
             gen.k_pem(name, "pkcs8"), both)
        if name.startswith("rsa"):
            case(f"{name}-pkcs1", f"{label} PKCS#1 private key exports as PKCS#8", gen.k_pem(name, "pkcs1"), both)
        if name.startswith("p"):
            case(f"{name}-sec1", f"{label} SEC1 private key exports as PKCS#8", gen.k_pem(name, "sec1"), both)
        case(f"{name}-private-jwk", f"{label} private JWK: the same documents as its PEM",
             gen.k_jwk(name, private=True), both)
        case(f"{name}-spki", f"{label} public key: no private export (invalid_key)", gen.k_pem(name, "spki"),
             public_only)
        case(f"{name}-public-jwk", f"{label} public JWK: no private export", gen.k_jwk(name), public_only)

    rsa_private = gen.PRIV["rsa2048"]
    case("rsa2048-certificate", "an X.509 certificate gives its subject public key: the public exports only",
         gen.k_pem("rsa2048", "cert"), {"exports": exports_of(public=rsa_private.public_key())})
    meta = {"kid": "2026-12", "use": "sig", "key_ops": ["sign"], "alg": "ES256"}
    case("p256-jwk-metadata", "kid, use, key_ops and alg are exported; the public JWK's key_ops is only verify",
         gen.k_jwk("p256", private=True, **meta), {"exports": exports_of(gen.PRIV["p256"], meta=meta)})
    meta = {"kid": "verify-only", "key_ops": ["verify"]}
    case("ed25519-public-jwk-key-ops", "a public key's key_ops verify stays verify",
         gen.k_jwk("ed25519", **meta), {"exports": exports_of(public=gen.PRIV["ed25519"].public_key(), meta=meta)})
    rfc_public = rsa.RSAPublicNumbers(65537, int.from_bytes(base64.urlsafe_b64decode(RFC7638_KEY["n"] + "=="),
                                                            "big")).public_key()
    rfc7638 = exports_of(public=rfc_public, meta={"kid": "2011-04-29", "alg": "RS256"})
    assert rfc7638["thumbprint"] == RFC7638_THUMBPRINT
    case("rfc7638-example-thumbprint", "RFC 7638 §3.1: the example key's thumbprint is the RFC's value",
         {"jwk": RFC7638_KEY}, {"exports": rfc7638 | {"thumbprint": RFC7638_THUMBPRINT}})
    ed_private = ed25519.Ed25519PrivateKey.from_private_bytes(base64.urlsafe_b64decode(RFC8037_PRIVATE["d"] + "="))
    rfc8037 = exports_of(ed_private)
    assert rfc8037["thumbprint"] == RFC8037_THUMBPRINT
    case("rfc8037-ed25519-thumbprint", "RFC 8037 A.3: the Ed25519 example key's thumbprint is the RFC's value",
         {"jwk": RFC8037_PRIVATE}, {"exports": rfc8037 | {"thumbprint": RFC8037_THUMBPRINT}})

    secret = gen.SECRET["s32"].encode()
    case("hmac-secret", "an HMAC secret has no public half (invalid_key) and no PEM form; its private JWK is oct "
         "and its thumbprint covers k and kty (RFC 7638 §3.2)", gen.k_hmac(gen.SECRET["s32"]),
         {"exports": secret_exports(secret)})
    oct_meta = {"kid": "hs-1", "alg": "HS256"}
    case("oct-jwk", "an oct JWK exports its k with its kid and alg", gen.k_jwk(gen.oct_jwk(secret, **oct_meta)),
         {"exports": secret_exports(secret, oct_meta)})

    rsa_jwk = gen.jwk_of("rsa2048", kid="rsa")
    ec_jwk = gen.jwk_of("p256", kid="ec")
    ed_jwk = gen.jwk_of("ed25519", kid="ed")
    public_jwks = {"keys": [with_meta(required(gen.PRIV[n].public_key()), {"kid": kid}, True)
                            for n, kid in (("rsa2048", "rsa"), ("p256", "ec"), ("ed25519", "ed"))]}
    case("jwks-public", "a key set's public JWKS, in the set's order; it has no private form",
         gen.k_jwks(rsa_jwk, ec_jwk, ed_jwk), {"exports": {"public_jwks": public_jwks, "private_jwks": INVALID}})
    private_jwks = {"keys": [with_meta({**required(gen.PRIV[n].public_key()), **private_members(gen.PRIV[n])},
                                       {"kid": kid}, False) for n, kid in (("p256", "ec"), ("ed25519", "ed"))]}
    case("jwks-private", "a private key set exports both forms; the public one has no private member",
         gen.k_jwks(gen.jwk_of("p256", True, kid="ec"), gen.jwk_of("ed25519", True, kid="ed")),
         {"exports": {"public_jwks": {"keys": [with_meta(required(gen.PRIV[n].public_key()), {"kid": kid}, True)
                                                for n, kid in (("p256", "ec"), ("ed25519", "ed"))]},
                      "private_jwks": private_jwks}})
    case("jwks-oct-never-published", "a key set holding a secret (allow_oct) is never published: invalid_key",
         gen.k_jwks_oct(gen.oct_jwk(secret, kid="s")),
         {"exports": {"public_jwks": INVALID,
                      "private_jwks": {"keys": [{"k": b64(secret), "kty": "oct", "kid": "s"}]}}})

    gen.CASES.update(cases)
