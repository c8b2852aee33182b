//! The Rust RedisStore against a real `redis-server` (Debian's, `make redis-server`), started on a
//! random loopback port by this test and stopped by it: the contract's Lua scripts, relative TTLs,
//! the hash tag, atomic redemption across instances, and failing closed when Redis is gone.

#![cfg(feature = "redis")]
#![allow(clippy::unwrap_used)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use onejwt::service::{ClaimsUpdate, ServiceConfig, TokenService, TokenType, UserClaims};
use onejwt::session::RedisStore;
use onejwt::Key;
use serde_json::Map;

/// A clock far from the real one: a store that compared against wall time, or used EXPIREAT,
/// would expire (or keep) everything.
const NOW: i64 = 1_000_000_000;
const SECRET: &[u8] = b"service-secret-service-secret-32";

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start_on(port: u16) -> Server {
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server (make redis-server installs it)");
        let server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while server.query(&["PING"]).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    fn start() -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Server::start_on(port)
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    fn query(&self, args: &[&str]) -> redis::RedisResult<redis::Value> {
        let client = redis::Client::open(self.url())?;
        let mut connection = client.get_connection_with_timeout(Duration::from_secs(1))?;
        let mut command = redis::cmd(args[0]);
        for arg in &args[1..] {
            command.arg(*arg);
        }
        command.query(&mut connection)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn service(server: &Server, config: impl FnOnce(ServiceConfig) -> ServiceConfig) -> TokenService {
    let store = RedisStore::open(&server.url())
        .unwrap()
        .timeout(Duration::from_millis(500));
    let base = ServiceConfig::hmac(Key::hmac(SECRET).unwrap()).leeway(30);
    TokenService::new(config(base).session_store(Arc::new(store))).unwrap()
}

fn code<T: std::fmt::Debug>(r: Result<T, onejwt::Failure>) -> &'static str {
    r.unwrap_err().code().unwrap().as_str()
}

fn keys(server: &Server) -> Vec<String> {
    match server.query(&["KEYS", "*"]).unwrap() {
        redis::Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                redis::Value::BulkString(b) => String::from_utf8(b).unwrap(),
                other => panic!("{other:?}"),
            })
            .collect(),
        other => panic!("{other:?}"),
    }
}

fn pttl(server: &Server, key: &str) -> i64 {
    match server.query(&["PTTL", key]).unwrap() {
        redis::Value::Int(n) => n,
        other => panic!("{other:?}"),
    }
}

#[test]
fn sessions_live_in_redis_with_relative_ttls_and_one_hash_tag() {
    let server = Server::start();
    let (a, b) = (service(&server, |c| c), service(&server, |c| c));
    let user = UserClaims::new(Some("ada@example.com"), &["read".into()], &Map::new());
    let pair = a.login("42", user, Some(NOW)).unwrap();
    let sid = a
        .verify(&pair.access_token, TokenType::Access, Some(NOW))
        .unwrap()
        .claims()["sid"]
        .as_str()
        .unwrap()
        .to_owned();
    // One key per session, carrying the session id as its Redis Cluster hash tag.
    assert_eq!(keys(&server), [format!("onejwt:{{{sid}}}:session")]);
    // Relative TTL: the refresh token's 7 days + leeway, however far NOW is from the real time.
    let ttl = pttl(&server, &format!("onejwt:{{{sid}}}:session"));
    assert!((7 * 86400 + 30) * 1000 - ttl < 5_000, "{ttl}");

    // The other instance redeems; the replay on the first revokes the session everywhere.
    let next = b
        .refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + 1))
        .unwrap();
    let claims = a
        .verify(&next.access_token, TokenType::Access, Some(NOW + 1))
        .unwrap()
        .into_claims();
    assert_eq!(
        claims["email"], "ada@example.com",
        "the record came back from Redis"
    );
    assert_eq!(
        code(a.refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + 2))),
        "revoked"
    );
    assert_eq!(
        code(b.verify(&next.access_token, TokenType::Access, Some(NOW + 2))),
        "revoked"
    );
    assert_eq!(keys(&server).len(), 1, "rotation and reuse add no key");

    // A revoked token outside any session: its own key, kept until exp + leeway.
    let token = a
        .create_access_token("7", None, &[], &Map::new(), Some(NOW))
        .unwrap();
    b.revoke(&token, Some(NOW + 100)).unwrap();
    assert_eq!(
        code(a.verify(&token, TokenType::Access, Some(NOW + 900 + 29))),
        "revoked"
    );
    let revoked: Vec<String> = keys(&server)
        .into_iter()
        .filter(|k| k.contains(":revoked:"))
        .collect();
    assert_eq!(revoked.len(), 1);
    let ttl = pttl(&server, &revoked[0]);
    assert!((900 - 100 + 30) * 1000 - ttl < 5_000, "{ttl}");
}

#[test]
fn one_winner_per_refresh_token_across_instances() {
    let server = Server::start();
    let instances: Vec<TokenService> = (0..4).map(|_| service(&server, |c| c)).collect();
    for round in 0..100 {
        let pair = instances[0]
            .login("42", UserClaims::default(), Some(NOW))
            .unwrap();
        let winners: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = instances
                .iter()
                .map(|s| {
                    let token = pair.refresh_token.clone();
                    scope.spawn(move || {
                        s.refresh(&token, ClaimsUpdate::default(), Some(NOW + 1))
                            .is_ok() as usize
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(winners, 1, "round {round}");
    }
}

#[test]
fn the_grace_window_is_judged_by_the_service_clock() {
    let server = Server::start();
    let s = service(&server, |c| c.reuse_grace(10));
    let pair = s.login("42", UserClaims::default(), Some(NOW)).unwrap();
    let first = s
        .refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + 1))
        .unwrap();
    let again = s
        .refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + 10))
        .unwrap();
    assert!(s
        .verify(&first.access_token, TokenType::Access, Some(NOW + 10))
        .is_ok());
    assert!(s
        .verify(&again.refresh_token, TokenType::Refresh, Some(NOW + 10))
        .is_ok());
    assert_eq!(
        code(s.refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + 11))),
        "revoked"
    );
}

#[test]
fn redis_gone_fails_closed_and_recovers() {
    let mut server = Server::start();
    let s = service(&server, |c| c);
    let pair = s.login("42", UserClaims::default(), Some(NOW)).unwrap();
    server.stop();
    assert_eq!(
        code(s.verify(&pair.access_token, TokenType::Access, Some(NOW))),
        "store_unavailable"
    );
    assert_eq!(
        code(s.validate_token(&pair.access_token, TokenType::Access, Some(NOW))),
        "store_unavailable"
    );
    assert_eq!(
        code(s.login("43", UserClaims::default(), Some(NOW))),
        "store_unavailable"
    );
    assert_eq!(s.metrics()["store_errors"], 3);
    // Back on the same port (empty: the session is unknown now, so its refresh token is refused).
    let restarted = Server::start_on(server.port);
    assert!(s
        .verify(&pair.access_token, TokenType::Access, Some(NOW))
        .is_ok());
    assert_eq!(
        code(s.refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW))),
        "revoked"
    );
    assert!(s.login("43", UserClaims::default(), Some(NOW)).is_ok());
    drop(restarted);
}

#[test]
fn a_paused_redis_times_out_instead_of_hanging() {
    let server = Server::start();
    let s = service(&server, |c| c);
    let pair = s.login("42", UserClaims::default(), Some(NOW)).unwrap();
    server.query(&["CLIENT", "PAUSE", "3000", "ALL"]).unwrap();
    let started = Instant::now();
    assert_eq!(
        code(s.verify(&pair.access_token, TokenType::Access, Some(NOW))),
        "store_unavailable"
    );
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_prefix_with_braces_is_refused() {
    assert!(RedisStore::open("redis://127.0.0.1:1/0")
        .unwrap()
        .prefix("a{b}:")
        .is_err());
    assert!(RedisStore::open("not a url").is_err());
}
