"""Option bounds (issue 12, item 3): every numeric option of the verifier and of sign has a documented
range (the core's option schema, core/src/host/schema.rs); a value outside it is refused as an option error
naming the option, never accepted (a leeway of 2^64-1 used to accept a token that expired in 1970). The
TokenService's numeric options are the `service/config-*` cases of service_cases.py.
"""

from __future__ import annotations

GROUP = "bounds"

MAX_U64 = 2**64 - 1
MAX_LEEWAY = 3600  # 1 hour
MAX_TOKEN_BYTES = 16 * 1024 * 1024  # 16 MiB
MAX_LIFETIME = 3650 * 24 * 3600  # ten years (max_age, expires_in)


def build(gen) -> None:
    g = GROUP
    now = gen.NOW

    def refused(name: str, why: str, option: str, token: str, options: dict) -> None:
        gen.add(g, name, why, {"options_error": option}, token=token, key=gen.default_key("HS256"),
                options=options)

    # --- leeway --------------------------------------------------------------------------------------------
    expired_1970 = gen.pyjwt({"sub": "user-123", "exp": 1})
    refused("leeway-max-u64-refused", "a leeway of 2^64-1 seconds would accept a token that expired in 1970: "
            "refused (at most 3600)", "leeway", expired_1970, gen.opts(leeway=MAX_U64))
    refused("leeway-one-over-an-hour-refused", "leeway tolerates clock skew, at most an hour (3600 seconds)",
            "leeway", expired_1970, gen.opts(leeway=MAX_LEEWAY + 1))
    gen.ok(g, "leeway-an-hour-ok", "the largest leeway, 3600 seconds, accepts a token expired 3599 seconds ago",
           gen.pyjwt(gen.base_claims(iat=now - 7200, exp=now - MAX_LEEWAY + 1)),
           options=gen.opts(leeway=MAX_LEEWAY))

    # --- max_token_bytes -------------------------------------------------------------------------------------
    token = gen.pyjwt(gen.base_claims())
    gen.ok(g, "max-token-bytes-16-mib-ok", "the largest size limit, 16 MiB", token,
           options=gen.opts(max_token_bytes=MAX_TOKEN_BYTES))
    refused("max-token-bytes-over-16-mib-refused", "a size limit over 16 MiB is no limit (the default is 16 KiB)",
            "max_token_bytes", token, gen.opts(max_token_bytes=MAX_TOKEN_BYTES + 1))
    refused("max-token-bytes-max-u64-refused", "a size limit of 2^64-1 bytes", "max_token_bytes", token,
            gen.opts(max_token_bytes=MAX_U64))

    # --- max_age ----------------------------------------------------------------------------------------------
    gen.ok(g, "max-age-ten-years-ok", "the largest max_age, ten years (315,360,000 seconds)", token,
           options=gen.opts(max_age=MAX_LIFETIME))
    refused("max-age-over-ten-years-refused", "a max_age over ten years: longer than any signing key should "
            "live, most often milliseconds given as seconds", "max_age", token, gen.opts(max_age=MAX_LIFETIME + 1))
    refused("max-age-max-u64-refused", "a max_age of 2^64-1 seconds", "max_age", token, gen.opts(max_age=MAX_U64))

    # --- sign: expires_in -----------------------------------------------------------------------------------
    key = gen.default_key("HS256")
    claims = {"sub": "user-1"}

    def sign_refused(name: str, why: str, seconds) -> None:
        gen.add(g, name, why, {"options_error": "expires_in"}, kind="sign",
                sign={"claims": claims, "key": key, "algorithm": "HS256", "expires_in": seconds, "now": now})

    sign_refused("sign-expires-in-zero-refused", "expires_in 0 makes exp = now: the token is expired when it is "
                 "issued (RFC 7519 §4.1.4), so it must be at least 1", 0)
    sign_refused("sign-expires-in-over-ten-years-refused", "expires_in over ten years (most often milliseconds "
                 "given as seconds)", MAX_LIFETIME + 1)
    sign_refused("sign-expires-in-max-u64-refused", "expires_in of 2^64-1 seconds (exp would saturate at 2^63-1)",
                 MAX_U64)
    stamped = dict(claims, exp=now + MAX_LIFETIME)
    gen.add(g, "sign-expires-in-ten-years-token", "the largest expires_in, ten years: exp is now + 315,360,000",
            {"token": gen.pyjwt(stamped, "HS256"), "claims": stamped}, kind="sign",
            sign={"claims": claims, "key": key, "algorithm": "HS256", "expires_in": MAX_LIFETIME, "now": now},
            key=key, options=gen.opts("HS256"))
