//! A store server stopped in the middle of a refresh and started again: the caller gets a
//! typed error to retry, nobody is logged out, cleared or made a visitor, and the first
//! request after recovery works with the tokens that were stored.

use std::sync::Arc;
#[cfg(feature = "redis")]
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use wix_auth_flows::clock::ManualClock;
use wix_auth_flows::store::{StoreError, TokenStore};
use wix_auth_flows::{Error, ErrorKind, Role, Sessions, Tokens};

use crate::common::{flows_with_clock, token_body};

const NOW: u64 = 1_700_000_000;

/// A token endpoint whose first refresh stops the store server (with `stop`) before it
/// answers; every refresh answers new tokens `ACCESS-n`.
async fn token_endpoint_stopping(
    stop: impl Fn() + Send + Sync + 'static,
) -> (MockServer, Arc<AtomicUsize>) {
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(move |_: &Request| {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            if n == 1 {
                stop();
            }
            ResponseTemplate::new(200).set_body_json(token_body(
                &format!("ACCESS-{n}"),
                Some(&format!("REFRESH-{n}")),
                14_400,
            ))
        })
        .mount(&server)
        .await;
    (server, calls)
}

/// The store answers again after a restart (a pool or manager reconnects on its own).
async fn answering_again(store: &dyn TokenStore) -> Option<Tokens> {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        match store.load("member").await {
            Ok(tokens) => return tokens,
            Err(_) if std::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("the store did not come back: {e}"),
        }
    }
}

/// The outage, with `store` over the server `stop` stops and `start` starts again.
async fn an_outage_mid_refresh_loses_nothing(
    store: Arc<dyn TokenStore>,
    stop: impl Fn() + Send + Sync + 'static,
    start: impl FnOnce(),
) {
    let (server, calls) = token_endpoint_stopping(stop).await;
    let auth = flows_with_clock(&server.uri(), ManualClock::at(NOW));
    let sessions = Sessions::with_store(auth, store.clone());
    let member = Tokens {
        access_token: "ACCESS-0".into(),
        refresh_token: Some("REFRESH-0".into()),
        expires_at: NOW + 30,
        role: Role::Member,
        member: None,
    };
    sessions.get("member").set(&member).await.unwrap();

    let err = sessions.get("member").tokens().await.unwrap_err();
    assert!(
        matches!(err, Error::Store(StoreError::Unavailable { .. })),
        "{err:?}"
    );
    assert_eq!(
        err.kind(),
        ErrorKind::Transport,
        "an outage is retried later"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);

    start();
    let kept = answering_again(store.as_ref()).await.expect("not cleared");
    assert_eq!(
        (kept.access_token.expose_secret(), kept.role),
        ("ACCESS-0", Role::Member),
        "the stored member is intact"
    );
    let next = sessions.get("member").tokens().await.unwrap();
    assert_eq!(
        (next.access_token.expose_secret(), next.role),
        ("ACCESS-2", Role::Member),
        "the next request refreshes with the stored tokens"
    );
    let stored = store.load("member").await.unwrap().unwrap();
    assert_eq!(stored.access_token.expose_secret(), "ACCESS-2");
}

#[cfg(feature = "redis")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_mid_refresh_loses_nothing() {
    use super::servers::RedisServer;
    use wix_auth_flows::store::{RedisConfig, RedisStore};
    let server = Arc::new(Mutex::new(RedisServer::start()));
    let url = server.lock().unwrap().url();
    let config = RedisConfig {
        key_prefix: super::unique("outage"),
        lock_lease: Duration::from_millis(500),
        ..RedisConfig::default()
    };
    let store = Arc::new(RedisStore::connect(&url, config).await.unwrap());
    // The token endpoint may outlive the test (wiremock pools its servers): it holds the
    // server weakly, so the server stops with the test.
    let stopper = Arc::downgrade(&server);
    an_outage_mid_refresh_loses_nothing(
        store,
        move || stopper.upgrade().unwrap().lock().unwrap().stop(),
        || server.lock().unwrap().start_again(),
    )
    .await;
}

#[cfg(feature = "postgres")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_stopped_mid_refresh_loses_nothing() {
    use super::servers::PostgresServer;
    use wix_auth_flows::store::{PostgresStore, SqlConfig};
    let server = Arc::new(PostgresServer::start());
    let pool = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(2))
        .connect(&server.url())
        .await
        .unwrap();
    let config = SqlConfig {
        lock_lease: Duration::from_millis(500),
        ..SqlConfig::default()
    };
    let store = PostgresStore::new(pool, config).unwrap();
    store.migrate().await.unwrap();
    let stopper = Arc::downgrade(&server);
    an_outage_mid_refresh_loses_nothing(
        Arc::new(store),
        move || stopper.upgrade().unwrap().stop(),
        || server.start_again(),
    )
    .await;
}
