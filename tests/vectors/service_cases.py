"""TokenService cases (group `service`), format in README.md ("service cases").

Imported by generate.py. These cases script a TokenService rather than check a fixed token, since
issued tokens carry random ids; they use test-only keys from keys/.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = 1700000000
SECRET = "service-secret-service-secret-32"  # 32 bytes: the HS256 minimum
BASE = {"secret_key": SECRET, "issuer": "https://auth.example", "audience": "api"}
ACCESS_TTL, REFRESH_TTL = 900, 7 * 24 * 3600


def step(op: str, now: int | None = NOW, expect: dict | None = None, save: str | None = None, **args) -> dict:
    s: dict = {"op": op, **args}
    if now is not None:
        s["now"] = now
    if save:
        s["save"] = save
    if expect is not None:
        s["expect"] = expect
    return s


def access(save: str = "a", user: str = "42", **more) -> dict:
    return step("create_access_token", user_id=user, email="ada@example.com",
                permissions=["read", "write"], save=save, **more)


def login(save: str = "l", user: str = "42", **more) -> dict:
    """Starts a session: the saved value is the pair, `$l.access_token` and `$l.refresh_token`."""
    args = {"email": "ada@example.com", "permissions": ["read", "write"], **more}
    return step("login", user_id=user, save=save, **args)


def err(code: str) -> dict:
    return {"error": code}


def service_cases() -> dict:
    cases: dict = {}

    def case(name: str, description: str, steps: list | None = None, config: dict | None = None,
             expect: dict | None = None) -> None:
        cid = f"service/{name}"
        assert cid not in cases, cid
        c: dict = {"id": cid, "description": description, "kind": "service",
                   "config": BASE if config is None else config, "steps": steps or []}
        if expect is not None:
            c["expect"] = expect
        cases[cid] = c

    ed_private = (HERE / "keys" / "ed25519.private.pkcs8.pem").read_text()
    ed_public = (HERE / "keys" / "ed25519.public.spki.pem").read_text()

    case("kid-in-issued-header", "the kid option puts the key id into the header of every issued token", [
        access(),
        step("decode", now=None, token="$a", expect={"claims_subset": {"header": {"alg": "HS256", "kid": "svc-2026",
                                                                               "typ": "JWT"}}}),
        login(),
        step("decode", now=None, token="$l.refresh_token", expect={"claims_subset": {"header": {"kid": "svc-2026"}}}),
        step("refresh", token="$l.refresh_token", save="pair"),
        step("decode", now=None, token="$pair.access_token", expect={"claims_subset": {"header": {"kid": "svc-2026"}}}),
    ], config=dict(BASE, kid="svc-2026"))
    case("kid-not-a-string", "kid is text", config=dict(BASE, kid=7), expect={"options_error": "kid"})
    case("config-peer-name-hint", "another library's name for an option is refused (a hint names ours)",
         config=dict(BASE, clock_tolerance=5), expect={"options_error": "clock_tolerance"})
    case("issue-access-and-verify", "an access token carries sub, email, permissions, iat, exp, jti, iss, aud, type", [
        access(),
        step("verify", token="$a", token_type="access", expect={"claims_subset": {
            "sub": "42", "email": "ada@example.com", "permissions": ["read", "write"], "iat": NOW,
            "exp": NOW + ACCESS_TTL, "iss": "https://auth.example", "aud": "api", "type": "access"}}),
    ])
    case("issue-refresh-and-verify", "a refresh token (from login) carries sub, iat, exp (7 days), jti, iss, aud, "
         "type, and its session: sid, gen 0 and session_exp (30 days)", [
        login(),
        step("verify", token="$l.refresh_token", token_type="refresh", expect={"claims_subset": {
            "sub": "42", "iat": NOW, "exp": NOW + REFRESH_TTL, "type": "refresh", "gen": 0,
            "session_exp": NOW + 30 * 86400}, "has_claims": ["sid", "jti"]}),
    ])
    case("access-is-not-refresh", "an access token is never accepted where a refresh token is expected", [
        access(),
        step("verify", token="$a", token_type="refresh", expect=err("wrong_token_type")),
        step("validate_token", token="$a", token_type="refresh", expect={"value": None}),
    ])
    case("refresh-is-not-access", "a refresh token is never accepted where an access token is expected", [
        login(),
        step("verify", token="$l.refresh_token", token_type="access", expect=err("wrong_token_type")),
        step("extract_user_id", token="$l.refresh_token", expect={"value": None}),
    ])
    case("validate-token-returns-null-for-bad-tokens", "validate_token never raises for token problems", [
        access(),
        step("validate_token", token="", token_type="access", expect={"value": None}),
        step("validate_token", token="not-a-token", token_type="access", expect={"value": None}),
        step("validate_token", token="$a", token_type="access", now=NOW + ACCESS_TTL, expect={"value": None}),
        step("validate_token", token="$a", token_type="access", expect={"claims_subset": {"sub": "42"}}),
    ])
    case("expiry-and-leeway", "exp is enforced at the access TTL; leeway tolerates skew",
         [access(), step("verify", token="$a", token_type="access", now=NOW + ACCESS_TTL + 5),
          step("verify", token="$a", token_type="access", now=NOW + ACCESS_TTL + 10, expect=err("expired"))],
         config={**BASE, "leeway": 10})
    case("extract-user-id", "extract_user_id returns the sub of a verified access token, else null", [
        access(user="user-7"),
        step("extract_user_id", token="$a", expect={"value": "user-7"}),
        step("extract_user_id", token="$a", now=NOW + ACCESS_TTL, expect={"value": None}),
    ])
    case("revoke-then-verify", "a revoked token fails with revoked; is_revoked tells", [
        access(),
        step("is_revoked", token="$a", expect={"value": False}),
        step("revoke", token="$a"),
        step("is_revoked", token="$a", expect={"value": True}),
        step("verify", token="$a", token_type="access", expect=err("revoked")),
        step("validate_token", token="$a", token_type="access", expect={"value": None}),
    ])
    case("revoke-requires-a-valid-token", "forged or malformed tokens cannot revoke anything", [
        step("revoke", token="a.b.c", expect=err("malformed")),
    ])
    case("refresh-rotates-and-detects-reuse", "refresh issues a new pair; presenting the old refresh token again "
         "is reuse and revokes the whole session, the pair it replaced included (RFC 9700 §4.14.2)", [
        login(),
        step("refresh", token="$l.refresh_token", now=NOW + 5, save="p"),
        step("verify", token="$p.access_token", token_type="access", now=NOW + 5,
             expect={"claims_subset": {"sub": "42", "type": "access", "iat": NOW + 5}}),
        step("verify", token="$p.refresh_token", token_type="refresh", now=NOW + 5,
             expect={"claims_subset": {"gen": 1}}),
        step("refresh", token="$l.refresh_token", now=NOW + 6, expect=err("revoked")),
        step("refresh", token="$p.refresh_token", now=NOW + 7, expect=err("revoked")),
        step("verify", token="$p.access_token", token_type="access", now=NOW + 7, expect=err("revoked")),
    ])
    case("refresh-needs-a-refresh-token", "an access token cannot be exchanged", [
        access(),
        step("refresh", token="$a", expect=err("wrong_token_type")),
    ])
    case("cache-hit-then-revoke", "the cache answers repeats, and revocation is checked on every hit", [
        access(),
        step("verify", token="$a", token_type="access"),
        step("verify", token="$a", token_type="access", now=NOW + 1),
        step("metrics", now=None, expect={"metrics_subset": {"cache_hits": 1, "cache_misses": 1}}),
        step("revoke", token="$a", now=NOW + 2),
        step("verify", token="$a", token_type="access", now=NOW + 3, expect=err("revoked")),
        step("verify", token="$a", token_type="refresh", now=NOW + 3, expect=err("wrong_token_type")),
    ], config={**BASE, "cache_size": 16, "cache_ttl": 60})
    case("cache-never-outlives-exp", "a cached verification stops at the token's exp", [
        access(),
        step("verify", token="$a", token_type="access", now=NOW + ACCESS_TTL - 1),
        step("verify", token="$a", token_type="access", now=NOW + ACCESS_TTL, expect=err("expired")),
    ], config={**BASE, "cache_size": 16, "cache_ttl": 3600})
    case("extra-claims-cannot-override", "extra claims are added but never replace the service's own", [
        access(extra={"sub": "admin"}, expect={"options_error": "extra"}),
        access(save="t", extra={"tenant": "t1"}),
        step("verify", token="$t", token_type="access", expect={"claims_subset": {"tenant": "t1", "sub": "42"}}),
    ])
    case("empty-user-id-is-refused", "a token needs a subject",
         [step("create_access_token", user_id="", expect={"options_error": "user_id"})])
    case("metrics-count-by-code", "metrics count verifications, successes and failures per code", [
        access(),
        step("verify", token="$a", token_type="access"),
        step("verify", token="garbage", token_type="access", expect=err("malformed")),
        step("verify", token="$a", token_type="refresh", expect=err("wrong_token_type")),
        step("metrics", now=None, expect={"metrics_subset": {
            "verifications": 3, "successes": 1, "issued_access": 1,
            "failures": {"malformed": 1, "wrong_token_type": 1, "expired": 0}}}),
    ])
    case("eddsa-service", "an asymmetric service signs with the private key and verifies with its public half", [
        access(), step("verify", token="$a", token_type="access", expect={"claims_subset": {"sub": "42"}}),
    ], config={"algorithm": "EdDSA", "private_key": ed_private, "issuer": "https://auth.example"})
    case("verify-only-service-cannot-issue", "with only a public key the service verifies but cannot issue",
         [access(expect=err("invalid_key"))], config={"algorithm": "EdDSA", "public_key": ed_public})
    case("config-missing-secret", "there is never a default secret", config={"issuer": "x"},
         expect={"options_error": "secret_key"})
    case("config-weak-secret", "a secret shorter than the hash output is refused at construction",
         config={"secret_key": "short-secret"}, expect={"options_error": "secret_key"})
    case("config-secret-too-short-for-hs512", "32 bytes serve HS256 but not HS512",
         config={"secret_key": SECRET, "algorithm": "HS512"}, expect={"options_error": "secret_key"})
    case("config-unknown-option", "an unknown option is named", config={**BASE, "acess_ttl": 5},
         expect={"options_error": "acess_ttl"})
    case("config-zero-ttl", "lifetimes must be positive", config={**BASE, "access_ttl": 0},
         expect={"options_error": "access_ttl"})
    case("config-pem-as-hmac-secret", "public key text is never an HMAC secret",
         config={"secret_key": ed_public}, expect={"options_error": "secret_key"})

    # --- issue 12: bounds of every numeric setting (the core's option schema), refused by name -----------
    max_u64 = 2**64 - 1
    for option, value, why in [
        ("cache_size", 2**63, "a cache of 2^63 entries (it was allocated up front: a panic across the FFI)"),
        ("cache_size", 1_000_001, "at most a million cache entries"),
        ("cache_ttl", 0, "a cache TTL of 0 with the cache on (turn the cache off with cache_size 0)"),
        ("cache_ttl", 86_401, "a cache entry lives at most a day"),
        ("max_revocations", 0, "max_revocations 0: every revoke would fail"),
        ("max_revocations", 10_000_001, "at most ten million in-memory revocations (more belong in a shared store)"),
        ("leeway", 3601, "leeway tolerates clock skew, at most an hour"),
        ("leeway", max_u64, "a leeway of 2^64-1 would accept any expired token"),
        ("access_ttl", 86_401, "an access token lives at most a day (900,000, 15 minutes in ms, is refused)"),
        ("access_ttl", max_u64, "an access TTL of 2^64-1 (exp would saturate)"),
        ("refresh_ttl", 400 * 86400 + 1, "a refresh token lives at most 400 days (604,800,000, 7 days in ms, is refused)"),
    ]:
        cache_on = {"cache_size": 16} if option == "cache_ttl" else {}
        case(f"config-{option.replace('_', '-')}-{value}", f"[issue 12] {why}",
             config={**BASE, **cache_on, option: value}, expect={"options_error": option})
    case("config-every-limit-ok", "[issue 12] every numeric setting at its largest value works (the million-entry "
         "cache is not allocated up front)", [
        access(),
        step("verify", token="$a", token_type="access"),
        step("verify", token="$a", token_type="access", now=NOW + 1),
        step("revoke", token="$a", now=NOW + 2),
        step("verify", token="$a", token_type="access", now=NOW + 3, expect=err("revoked")),
        step("metrics", now=None, expect={"metrics_subset": {"cache_hits": 2, "cache_misses": 1}}),
    ], config={**BASE, "leeway": 3600, "access_ttl": 86400, "refresh_ttl": 400 * 86400, "cache_size": 1_000_000,
               "cache_ttl": 86400, "max_revocations": 10_000_000})
    case("config-every-smallest-value-ok", "[issue 12] the smallest values: leeway 0, 1-second TTLs, one revocation",
         [access(), step("verify", token="$a", token_type="access"),
          step("verify", token="$a", token_type="access", now=NOW + 1, expect=err("expired")),
          step("revoke", token="$a")],
         config={**BASE, "leeway": 0, "access_ttl": 1, "refresh_ttl": 1, "cache_size": 1, "cache_ttl": 1,
                 "max_revocations": 1})
    rs_public = (HERE / "keys" / "rsa2048.public.spki.pem").read_text()
    ed_jwk = (HERE / "keys" / "ed25519.public.jwk").read_text()
    case("config-jwks-no-key-for-algorithm", "[issue 12] a JWKS none of whose keys can verify the service's "
         "algorithm is refused when the service is built, not with key_not_found on every request",
         config={"algorithm": "RS256", "jwks": {"keys": [dict(json.loads(ed_jwk), kid="ed")]}},
         expect={"options_error": "jwks"})
    case("config-public-key-wrong-family", "a public key of another family than the algorithm is refused when the "
         "service is built", config={"algorithm": "EdDSA", "public_key": rs_public},
         expect={"options_error": "public_key"})

    # --- issue 12: the validation cache and the clock ---------------------------------------------------------
    cache = {**BASE, "cache_size": 16, "cache_ttl": 60}
    case("cache-hit-clock-backwards-iat", "[issue 12] a cache hit applies the iat rule a fresh verification applies: "
         "with the clock 10 s before the token's iat it is not_yet_valid (RFC 7519 §4.1.6), then valid again", [
        access(),
        step("verify", token="$a", token_type="access"),
        step("verify", token="$a", token_type="access", now=NOW - 10, expect=err("not_yet_valid")),
        step("validate_token", token="$a", token_type="access", now=NOW - 1, expect={"value": None}),
        step("verify", token="$a", token_type="access", now=NOW + 1),
        step("metrics", now=None, expect={"metrics_subset": {"cache_hits": 1, "cache_misses": 3}}),
    ], config=cache)
    case("cache-hit-clock-backwards-leeway", "[issue 12] the same rule with leeway: a hit 5 s before iat passes "
         "with leeway 5, 6 s before fails, exactly as a fresh verification", [
        access(),
        step("verify", token="$a", token_type="access"),
        step("verify", token="$a", token_type="access", now=NOW - 5),
        step("verify", token="$a", token_type="access", now=NOW - 6, expect=err("not_yet_valid")),
        step("metrics", now=None, expect={"metrics_subset": {"cache_hits": 1, "cache_misses": 2}}),
    ], config={**cache, "leeway": 5})
    case("cache-size-checked-before-hash", "[issue 12] with the cache on, a token over max_token_bytes (16 KiB) is "
         "refused by its size before it is hashed for the cache: no cache lookup is counted", [
        step("verify", token="A" * 16385, token_type="access", expect=err("token_too_large")),
        step("metrics", now=None, expect={"metrics_subset": {"cache_misses": 0, "cache_hits": 0,
                                                             "failures": {"token_too_large": 1}}}),
    ], config=cache)

    def extract(name, description, headers, expect, query=None, options=None):
        args = {"headers": headers}
        if query is not None:
            args["query"] = query
        if options is not None:
            args["options"] = options
        case(f"extract-{name}", description, [step("extract_token", now=None, expect=expect, **args)])

    found = lambda token, source, echo=None: {"extracted": {"token": token, "source": source, "echo_protocol": echo}}  # noqa: E731
    extract("bearer", "Authorization: Bearer, scheme case-insensitive (RFC 6750 §2.1)",
            [["authorization", "bEaReR a.b.c"]], found("a.b.c", "bearer"))
    extract("basic-is-not-ours", "another scheme is passed over", [["Authorization", "Basic eDp5"]], {"value": None})
    extract("bearer-empty", "Bearer without a token is malformed", [["Authorization", "Bearer "]], err("malformed"))
    extract("bearer-two-headers", "two Authorization headers are refused",
            [["Authorization", "Bearer a.b.c"], ["authorization", "Bearer d.e.f"]], err("malformed"))
    extract("websocket", "Sec-WebSocket-Protocol: onejwt, onejwt.<token>; the server echoes onejwt",
            [["Sec-WebSocket-Protocol", "onejwt, onejwt.a.b.c"]], found("a.b.c", "websocket_protocol", "onejwt"))
    extract("websocket-without-echo", "a token subprotocol without the plain one cannot be echoed",
            [["Sec-WebSocket-Protocol", "onejwt.a.b.c"]], err("malformed"))
    extract("cookie", "a named cookie, when enabled", [["Cookie", "theme=dark; session=a.b.c"]],
            found("a.b.c", "cookie"), options={"cookie": "session"})
    extract("cookie-disabled-by-default", "cookies are read only when named", [["Cookie", "session=a.b.c"]],
            {"value": None})
    extract("query", "a query parameter, when enabled", [], found("a.b.c", "query"), query="x=1&access_token=a.b.c",
            options={"query": "access_token"})
    extract("query-disabled-by-default", "query tokens leak into logs: off unless named", [], {"value": None},
            query="access_token=a.b.c")
    extract("query-percent-encoded", "one spelling only: escapes are refused", [], err("malformed"),
            query="access_token=a%2Eb.c", options={"query": "access_token"})
    extract("order-bearer-first", "the bearer header wins over a cookie",
            [["Cookie", "session=c.c.c"], ["Authorization", "Bearer a.b.c"]], found("a.b.c", "bearer"),
            options={"cookie": "session"})
    extract("bearer-disabled", "each method can be disabled", [["Authorization", "Bearer a.b.c"]], {"value": None},
            options={"bearer": False})
    return cases
