"""Generate (issue 14): `Key.generate` for every algorithm, and the options it refuses.

Kind `generate` (tests/vectors/README.md, "Key lifecycle cases"): generated keys are random, so a case states what
holds for every key: its family, a kid that is its RFC 7638 thumbprint unless one is given, the members of its public
and private JWK, the secret's length, and that it signs a token that verifies with its exported public JWK.
(The module is not called generate.py: that is the corpus generator beside this folder.)
"""

from __future__ import annotations

GROUP = "generate"

FAMILY = {"HS": "hmac", "RS": "rsa", "PS": "rsa", "ES256": "ec-p256", "ES384": "ec-p384", "ES512": "ec-p521",
          "EdDSA": "ed25519", "Ed25519": "ed25519"}
PUBLIC = {"rsa": ["e", "kty", "n"], "ec": ["crv", "kty", "x", "y"], "ed25519": ["crv", "kty", "x"]}
PRIVATE = {"rsa": ["d", "dp", "dq", "p", "q", "qi"], "ec": ["d"], "ed25519": ["d"]}


def family(alg: str) -> str:
    return FAMILY.get(alg, FAMILY.get(alg[:2]))


def generated(alg: str, kid: str = "thumbprint") -> dict:
    fam = family(alg)
    out: dict = {"family": fam, "kid": kid}
    if fam == "hmac":
        out["public_members"] = {"error": "invalid_key"}
        out["private_members"] = sorted(["alg", "k", "kid", "kty"])
        out["secret_bytes"] = {"HS256": 32, "HS384": 48, "HS512": 64}[alg]
        out["verifies"] = True
        return out
    kind = "ec" if fam.startswith("ec-") else fam
    out["public_members"] = sorted(PUBLIC[kind] + ["alg", "kid"])
    out["private_members"] = sorted(PUBLIC[kind] + PRIVATE[kind] + ["alg", "kid"])
    out["verifies"] = True
    out["pem_round_trips"] = True
    return out


def build(gen) -> None:
    cases: dict = {}

    def case(name: str, description: str, algorithm: str, expect: dict, options: dict | None = None) -> None:
        cid = f"{GROUP}/{name}"
        assert cid not in cases and cid not in gen.CASES, cid
        c: dict = {"id": cid, "description": description, "kind": "generate", "algorithm": algorithm}
        if options is not None:
            c["options"] = options
        c["expect"] = expect
        cases[cid] = c

    for alg in ["HS256", "HS384", "HS512", "RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA", "Ed25519"]:
        what = {"hmac": "a random secret of the hash's length", "rsa": "an RSA 2048 key pair (the default size)"}.get(
            family(alg), "a key pair on the algorithm's curve")
        case(alg.lower(), f"Key.generate({alg}): {what}, bound to {alg}, its kid its RFC 7638 thumbprint; it signs "
             "and its exported JWK verifies, the token's kid being the key's", alg, {"generated": generated(alg)})
    case("es256-kid", "a given kid replaces the thumbprint and is carried by the tokens", "ES256",
         {"generated": generated("ES256", kid="2026-12")}, {"kid": "2026-12"})
    case("hs512-kid", "a given kid on a secret", "HS512", {"generated": generated("HS512", kid="hs-1")},
         {"kid": "hs-1"})
    case("rs256-bits-1024", "RFC 7518 §3.3: RSA keys of 2048 bits or more; 1024 is refused", "RS256",
         {"options_error": "bits"}, {"bits": 1024})
    case("rs256-bits-2049", "sizes are 2048, 3072 or 4096", "RS256", {"options_error": "bits"}, {"bits": 2049})
    case("rs256-bits-8192", "bits above 4096 are refused (the schema's range)", "RS256", {"options_error": "bits"},
         {"bits": 8192})
    case("rs256-bits-string", "bits is a number", "RS256", {"options_error": "bits"}, {"bits": "2048"})
    case("es256-bits", "bits applies to RSA algorithms only", "ES256", {"options_error": "bits"}, {"bits": 2048})
    case("hs256-bits", "bits applies to RSA algorithms only", "HS256", {"options_error": "bits"}, {"bits": 2048})
    case("kid-number", "kid is a string", "ES256", {"options_error": "kid"}, {"kid": 7})
    case("alg-none", "alg none generates nothing", "none", {"error": "unsupported_algorithm"})
    case("alg-unknown", "an algorithm onejwt does not implement", "ES256K", {"error": "unsupported_algorithm"})
    case("alg-lowercase", "algorithm names are case-sensitive (RFC 7515 §4.1.1)", "es256",
         {"error": "unsupported_algorithm"})

    gen.CASES.update(cases)
