"""Sessions (issue 13): refresh-token families, their absolute lifetime and reuse grace, revocation that lasts
until `exp` + leeway, the bounded in-memory store, and the store contract as every runtime's host-store
plumbing sees it (`store.replies`: a scripted store, see tests/vectors/README.md).

Service cases (kind `service`), written with the helpers of service_cases.py. Times: NOW = 1700000000; the
store's `at`, `ttl` and `grace` are milliseconds.
"""

from __future__ import annotations

from service_cases import BASE, NOW, access, err, login, step

GROUP = "sessions"

DAY = 86400
SESSION_TTL = 30 * DAY
REFRESH_TTL = 7 * DAY
MS = 1000


def build(gen) -> None:
    cases: dict = {}

    def case(name: str, description: str, steps: list | None = None, config: dict | None = None,
             expect: dict | None = None, store: dict | None = None) -> None:
        cid = f"{GROUP}/{name}"
        assert cid not in cases and cid not in gen.CASES, cid
        c: dict = {"id": cid, "description": description, "kind": "service",
                   "config": BASE if config is None else config, "steps": steps or []}
        if store is not None:
            c["store"] = store
        if expect is not None:
            c["expect"] = expect
        cases[cid] = c

    def refresh(token: str, now: int = NOW, save: str | None = None, expect: dict | None = None, **more) -> dict:
        return step("refresh", token=token, now=now, save=save, expect=expect, **more)

    def verify(token: str, token_type: str = "access", now: int = NOW, expect: dict | None = None) -> dict:
        return step("verify", token=token, token_type=token_type, now=now, expect=expect)

    def decode(token: str, claims: dict) -> dict:
        return step("decode", now=None, token=token, expect={"claims_subset": {"claims": claims}})

    # --- families ---------------------------------------------------------------------------------------------
    case("login-starts-a-session", "login returns a pair of one new session: both tokens carry its sid; the refresh "
         "token carries generation 0 and the session's absolute end", [
        login(),
        verify("$l.access_token", expect={"claims_subset": {"sub": "42", "email": "ada@example.com",
                                                            "permissions": ["read", "write"]},
                                          "has_claims": ["sid", "jti"]}),
        decode("$l.refresh_token", {"gen": 0, "session_exp": NOW + SESSION_TTL, "exp": NOW + REFRESH_TTL}),
        step("metrics", now=None, expect={"metrics_subset": {"sessions_started": 1, "issued_access": 1,
                                                             "issued_refresh": 1}}),
    ])
    case("refresh-advances-the-generation", "each refresh moves the session one generation on", [
        login(),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        decode("$p1.refresh_token", {"gen": 1, "iat": NOW + 1, "exp": NOW + 1 + REFRESH_TTL,
                                     "session_exp": NOW + SESSION_TTL}),
        refresh("$p1.refresh_token", now=NOW + 2, save="p2"),
        decode("$p2.refresh_token", {"gen": 2}),
        verify("$p2.refresh_token", "refresh", now=NOW + 2),
    ])
    case("reuse-revokes-the-family", "a refresh token presented twice revokes its whole session: every access and "
         "refresh token of it, the ones the first redemption issued included; metrics count it", [
        login(),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        refresh("$l.refresh_token", now=NOW + 2, expect=err("revoked")),
        verify("$p1.access_token", now=NOW + 2, expect=err("revoked")),
        refresh("$p1.refresh_token", now=NOW + 2, expect=err("revoked")),
        verify("$l.access_token", now=NOW + 2, expect=err("revoked")),
        step("is_revoked", token="$p1.access_token", now=NOW + 2, expect={"value": True}),
        step("metrics", now=None, expect={"metrics_subset": {"sessions_reused": 1}}),
    ])
    case("used-refresh-token-is-revoked", "after a rotation the old refresh token verifies as revoked and is_revoked "
         "says so, while the new one is valid", [
        login(),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        verify("$l.refresh_token", "refresh", now=NOW + 1, expect=err("revoked")),
        step("is_revoked", token="$l.refresh_token", now=NOW + 1, expect={"value": True}),
        step("is_revoked", token="$p1.refresh_token", now=NOW + 1, expect={"value": False}),
        verify("$l.access_token", now=NOW + 1),
    ])
    case("grace-off-by-default", "without reuse_grace, presenting the previous refresh token again at once is "
         "reuse", [
        login(),
        refresh("$l.refresh_token", save="p1"),
        refresh("$l.refresh_token", expect=err("revoked")),
        verify("$p1.access_token", expect=err("revoked")),
    ])
    grace = {**BASE, "reuse_grace": 10}
    case("grace-window", "with reuse_grace 10, the previous generation presented again within 10 s gets a pair of "
         "the current generation and the session lives on; after the window it is reuse", [
        login(),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        refresh("$l.refresh_token", now=NOW + 5, save="p2"),
        decode("$p2.refresh_token", {"gen": 1}),
        verify("$p1.access_token", now=NOW + 5),
        verify("$p2.access_token", now=NOW + 5),
        refresh("$l.refresh_token", now=NOW + 11, expect=err("revoked")),
        verify("$p1.access_token", now=NOW + 11, expect=err("revoked")),
    ], config=grace)
    case("grace-is-one-generation", "the grace window covers only the immediately previous generation", [
        login(),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        refresh("$p1.refresh_token", now=NOW + 2, save="p2"),
        refresh("$l.refresh_token", now=NOW + 3, expect=err("revoked")),
        verify("$p2.access_token", now=NOW + 3, expect=err("revoked")),
    ], config=grace)
    case("grace-check", "within the window the previous generation also verifies; after it, it is revoked", [
        login(),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        verify("$l.refresh_token", "refresh", now=NOW + 10),
        verify("$l.refresh_token", "refresh", now=NOW + 11, expect=err("revoked")),
    ], config=grace)
    short = {**BASE, "session_ttl": 100, "refresh_ttl": 1000, "leeway": 10}
    case("session-absolute-lifetime", "a session ends at login + session_ttl however often it is refreshed: tokens "
         "are capped at its end, and leeway does not stretch it", [
        login(),
        decode("$l.refresh_token", {"exp": NOW + 100, "session_exp": NOW + 100}),
        decode("$l.access_token", {"exp": NOW + 100}),
        refresh("$l.refresh_token", now=NOW + 50, save="p1"),
        decode("$p1.refresh_token", {"exp": NOW + 100, "iat": NOW + 50}),
        refresh("$p1.refresh_token", now=NOW + 105, expect=err("expired")),
        refresh("$p1.refresh_token", now=NOW + 111, expect=err("expired")),
    ], config=short)

    # --- revocation lasts until exp + leeway (finding 1) --------------------------------------------------------
    lee = {**BASE, "leeway": 60, "access_ttl": 60, "refresh_ttl": 100}
    case("revoked-access-stays-revoked-in-leeway", "a revoked token stays revoked while the verifier's leeway still "
         "accepts it (exp + leeway), then it is plainly expired", [
        access(),
        step("revoke", token="$a", now=NOW + 1),
        verify("$a", now=NOW + 60 + 59, expect=err("revoked")),
        step("is_revoked", token="$a", now=NOW + 60 + 59, expect={"value": True}),
        verify("$a", now=NOW + 60 + 60, expect=err("expired")),
    ], config=lee)
    case("used-refresh-in-leeway-is-reuse", "a rotated refresh token presented between its exp and exp + leeway is "
         "reuse, not a fresh pair", [
        login(),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        refresh("$l.refresh_token", now=NOW + 100 + 30, expect=err("revoked")),
        verify("$p1.access_token", now=NOW + 30, expect=err("revoked")),
    ], config=lee)
    case("logout-access-in-leeway", "a logged-out session's access token stays refused through the leeway", [
        login(),
        step("logout", token="$l.access_token", now=NOW + 1),
        verify("$l.access_token", now=NOW + 60 + 59, expect=err("revoked")),
    ], config=lee)

    # --- logout and revoke ----------------------------------------------------------------------------------
    case("logout-ends-the-session", "logout with either token revokes every token of the session", [
        login(),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        step("logout", token="$p1.access_token", now=NOW + 2),
        verify("$p1.access_token", now=NOW + 2, expect=err("revoked")),
        refresh("$p1.refresh_token", now=NOW + 2, expect=err("revoked")),
        step("is_revoked", token="$p1.refresh_token", now=NOW + 2, expect={"value": True}),
        step("logout", token="$p1.refresh_token", now=NOW + 3),
    ])
    case("revoke-refresh-token-ends-the-session", "revoking a refresh token revokes its session (it stands for it)", [
        login(),
        step("revoke", token="$l.refresh_token"),
        verify("$l.access_token", expect=err("revoked")),
    ])
    case("revoke-access-token-alone", "revoking an access token of a session revokes that token only", [
        login(),
        step("revoke", token="$l.access_token"),
        verify("$l.access_token", expect=err("revoked")),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        verify("$p1.access_token", now=NOW + 1),
    ])
    case("logout-needs-a-valid-token", "a forged token cannot log anybody out", [
        step("logout", token="a.b.c", expect=err("malformed")),
    ])

    # --- authorization data on refresh (finding 5) -----------------------------------------------------------
    case("refresh-carries-recorded-claims", "a refreshed access token carries what the session recorded at login: "
         "email, permissions and extra claims", [
        login(extra={"tenant": "t1"}),
        refresh("$l.refresh_token", now=NOW + 1, save="p1"),
        verify("$p1.access_token", now=NOW + 1, expect={"claims_subset": {
            "email": "ada@example.com", "permissions": ["read", "write"], "tenant": "t1"}}),
    ])
    case("refresh-with-current-claims", "each of email, permissions and extra given to refresh replaces the recorded "
         "one; the others stay", [
        login(extra={"tenant": "t1"}),
        refresh("$l.refresh_token", now=NOW + 1, save="p1", permissions=["read"]),
        verify("$p1.access_token", now=NOW + 1, expect={"claims_subset": {
            "email": "ada@example.com", "permissions": ["read"], "tenant": "t1"}}),
        refresh("$p1.refresh_token", now=NOW + 2, save="p2", email="new@example.com", extra={"tenant": "t2"}),
        verify("$p2.access_token", now=NOW + 2, expect={"claims_subset": {
            "email": "new@example.com", "permissions": ["read", "write"], "tenant": "t2"}}),
    ])
    case("refresh-extra-cannot-override", "extra claims given to refresh may not replace the service's own", [
        login(),
        refresh("$l.refresh_token", extra={"sid": "mine"}, expect={"options_error": "extra"}),
        refresh("$l.refresh_token", now=NOW + 1),
    ])
    case("login-arguments", "login takes the arguments of create_access_token and refuses the same mistakes", [
        step("login", user_id="", expect={"options_error": "user_id"}),
        step("login", user_id="42", extra={"gen": 5}, expect={"options_error": "extra"}),
        step("login", user_id="42", permissions="read", expect={"options_error": "permissions"}),
    ])

    # --- the in-memory store's bounds (finding 2) ------------------------------------------------------------
    case("rotation-never-fills-the-store", "a thousand rotations of one session in a store of one session and one "
         "revocation: rotation adds no entry", [
        login(),
        step("refresh_chain", token="$l.refresh_token", count=1000, now=NOW + 1, save="last"),
        decode("$last.refresh_token", {"gen": 1000}),
        step("revoke", token="$last.access_token", now=NOW + 1),
    ], config={**BASE, "max_sessions": 1, "max_revocations": 1})
    case("full-store-refuses-logins-only", "when live sessions fill the in-memory store a new login is refused "
         "(store_unavailable, counted), never a refresh or a logout; an ended session makes room", [
        login(save="a"),
        login(save="b", user="43"),
        step("login", user_id="44", expect=err("store_unavailable")),
        step("metrics", now=None, expect={"metrics_subset": {"sessions_refused": 1}}),
        refresh("$a.refresh_token", now=NOW + 1, save="a1"),
        step("logout", token="$b.access_token", now=NOW + 1),
        step("login", user_id="45", now=NOW + 7 * DAY + 1),
    ], config={**BASE, "max_sessions": 2})

    # --- settings ------------------------------------------------------------------------------------------
    for option, value, why in [
        ("session_ttl", 0, "a session lives at least a second"),
        ("session_ttl", 400 * DAY + 1, "a session lives at most 400 days (the longest cookie)"),
        ("reuse_grace", 61, "the reuse grace is for racing tabs: at most 60 s"),
        ("max_sessions", 0, "max_sessions 0: every login would fail"),
        ("max_sessions", 10_000_001, "at most ten million in-memory sessions (more belong in Redis)"),
    ]:
        case(f"config-{option.replace('_', '-')}-{value}", why, config={**BASE, option: value},
             expect={"options_error": option})
    case("config-revocation-store-renamed", "the old option name revocation_store is refused with a hint to store",
         config={**BASE, "revocation_store": "x"}, expect={"options_error": "revocation_store"})

    # --- the store contract through a scripted host store ----------------------------------------------------
    def scripted(name: str, description: str, replies: list, steps: list, config: dict | None = None) -> None:
        case(f"store-{name}", description, steps, config=config, store={"replies": replies})

    started = {"status": "started"}
    valid = {"status": "valid"}
    done = {"status": "done"}
    login_ttl = REFRESH_TTL * MS  # min(now + longest TTL, session end) + leeway - now
    scripted("login-request", "login sends one start request: the record, the session's keep time and the clock",
             [started], [
        login(),
        step("store_requests", now=None, expect={"requests_subset": [{
            "op": "start", "ttl": login_ttl, "at": NOW * MS,
            "record": '{"email":"ada@example.com","permissions":["read","write"],"extra":{}}'}]}),
    ])
    scripted("verify-requests", "verify asks check for every token: with the session for an access token, and the "
             "generation for a refresh token; a token outside any session has none",
             [started, valid, valid, valid], [
        login(),
        verify("$l.access_token"),
        verify("$l.refresh_token", "refresh"),
        access(),
        verify("$a"),
        step("store_requests", now=None, expect={"requests_subset": [
            {"op": "start"},
            {"op": "check", "generation": None, "at": NOW * MS},
            {"op": "check", "generation": 0},
            {"op": "check", "session": None, "generation": None}]}),
    ])
    scripted("refresh-request", "refresh sends one advance (compare-and-set on the generation) and issues the pair "
             "from the reply: its generation and record",
             [started, {"status": "advanced", "generation": 7, "record": '{"permissions":["x"]}'}, valid], [
        login(),
        refresh("$l.refresh_token", now=NOW + 2, save="p1"),
        decode("$p1.refresh_token", {"gen": 7}),
        verify("$p1.access_token", now=NOW + 2, expect={"claims_subset": {"permissions": ["x"]}}),
        step("store_requests", now=None, expect={"requests_subset": [
            {"op": "start"},
            {"op": "advance", "generation": 0, "grace": 0, "ttl": login_ttl, "at": (NOW + 2) * MS},
            {"op": "check"}]}),
    ])
    scripted("grace-reply", "a grace reply issues a pair of the generation the store names",
             [started, {"status": "grace", "generation": 3, "record": "{}"}], [
        login(),
        refresh("$l.refresh_token", save="p1"),
        decode("$p1.refresh_token", {"gen": 3}),
    ], config={**BASE, "reuse_grace": 5})
    for status, code in [("reused", "revoked"), ("revoked", "revoked"), ("unknown", "revoked")]:
        scripted(f"advance-{status}", f"an advance answered {status} refuses the refresh ({code})",
                 [started, {"status": status}], [
            login(),
            refresh("$l.refresh_token", expect=err(code)),
        ])
    scripted("full", "a store that answers full to a login refuses it with store_unavailable", [{"status": "full"}], [
        step("login", user_id="42", expect=err("store_unavailable")),
        step("metrics", now=None, expect={"metrics_subset": {"sessions_refused": 1}}),
    ])
    scripted("revoke-requests", "revoke sends revoke_token until exp + leeway for an access token, revoke_session "
             "for a refresh token; logout sends revoke_session", [started, done, done, done], [
        access(),
        login(),
        step("revoke", token="$a", now=NOW + 100),
        step("revoke", token="$l.refresh_token", now=NOW + 100),
        step("logout", token="$l.access_token", now=NOW + 100),
        step("store_requests", now=None, expect={"requests_subset": [
            {"op": "start"},
            {"op": "revoke_token", "session": None, "ttl": (900 - 100 + 30) * MS, "at": (NOW + 100) * MS},
            {"op": "revoke_session", "ttl": (REFRESH_TTL + 30) * MS},
            {"op": "revoke_session"}]}),
    ], config={**BASE, "leeway": 30})
    scripted("is-revoked", "is_revoked asks check and answers its verdict", [{"status": "revoked"}, valid], [
        access(),
        step("is_revoked", token="$a", expect={"value": True}),
        step("is_revoked", token="$a", expect={"value": False}),
    ])
    failing = {"throw": "connection refused"}
    scripted("error-fails-closed", "a store that raises fails the check closed: store_unavailable, counted; "
             "validate_token and extract_user_id raise it too (an outage is no verdict on the token)",
             [failing, failing, failing, valid], [
        access(),
        verify("$a", expect=err("store_unavailable")),
        step("validate_token", token="$a", token_type="access", expect=err("store_unavailable")),
        step("extract_user_id", token="$a", expect=err("store_unavailable")),
        verify("$a"),
        step("metrics", now=None, expect={"metrics_subset": {"store_errors": 3, "verifications": 4, "successes": 1,
                                                             "failures": {"store_unavailable": 3}}}),
    ])
    scripted("error-on-every-operation", "every store-touching call fails closed when the store raises",
             [started, failing, failing, failing, failing, failing], [
        login(),
        refresh("$l.refresh_token", expect=err("store_unavailable")),
        step("revoke", token="$l.access_token", expect=err("store_unavailable")),
        step("logout", token="$l.access_token", expect=err("store_unavailable")),
        step("is_revoked", token="$l.access_token", expect=err("store_unavailable")),
        step("login", user_id="42", expect=err("store_unavailable")),
    ])
    for name, reply, why in [
        ("wrong-status", {"status": "started"}, "a status another request has"),
        ("no-status", {"valid": True}, "no status"),
        ("not-an-object", ["valid"], "not an object"),
        ("null", None, "null"),
    ]:
        scripted(f"nonsense-{name}", f"a check answered with {why} fails closed (store_unavailable)", [reply], [
            access(),
            verify("$a", expect=err("store_unavailable")),
        ])
    scripted("nonsense-advance", "an advance reply without its generation, or with a record that is not the "
             "recorded JSON, fails closed", [
        started, {"status": "advanced", "record": "{}"},
        {"status": "advanced", "generation": 1, "record": "not json"},
        {"status": "advanced", "generation": -1, "record": "{}"}], [
        login(),
        refresh("$l.refresh_token", expect=err("store_unavailable")),
        refresh("$l.refresh_token", expect=err("store_unavailable")),
        refresh("$l.refresh_token", expect=err("store_unavailable")),
    ])
    scripted("exhausted", "the scripted store raises when its replies run out (the runner's rule): fails closed",
             [], [access(), verify("$a", expect=err("store_unavailable"))])

    gen.CASES.update(cases)
