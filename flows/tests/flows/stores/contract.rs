//! The contract every token store keeps, written once. Each store module instantiates it
//! with [`store_contract!`], giving one test per clause and store.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use wix_auth_flows::clock::ManualClock;
use wix_auth_flows::store::{ExpiredDeletion, StoreError, TokenStore};
use wix_auth_flows::{
    Error, Role, Sessions, Tokens, WixAuth, error::CallbackError, tokens::MemberIdentity,
};
use wix_auth_sandbox::{RefreshPolicy, RunningSandbox, Sandbox};

use crate::common::{flows_for, flows_with_clock, registered_member};

/// What a store module gives the contract.
pub trait StoreUnderTest: Send + Sync + 'static {
    /// A new instance of the store: a pool or connection of its own for a server store (as
    /// another replica would have), over the same data as every other instance of this
    /// fixture.
    fn instance(&self) -> impl Future<Output = Arc<dyn TokenStore>> + Send;

    /// Whether instances share claims and refresh locks across processes.
    fn shared(&self) -> bool;

    /// The store as [`ExpiredDeletion`], where it needs one (all but Redis, which expires
    /// keys by itself).
    fn deletion(&self) -> impl Future<Output = Option<Arc<dyn ExpiredDeletion>>> + Send;
}

fn tokens(access: &str, role: Role, refresh: Option<&str>) -> Tokens {
    Tokens {
        access_token: access.into(),
        refresh_token: refresh.map(Into::into),
        expires_at: 1_700_000_000,
        role,
        member: None,
    }
}

fn in_a_day() -> SystemTime {
    SystemTime::now() + Duration::from_secs(86_400)
}

/// Save, load, overwrite and clear, key by key.
pub async fn round_trips(store: &impl StoreUnderTest) {
    let one = store.instance().await;
    let two = store.instance().await;
    assert!(one.load("absent").await.unwrap().is_none());
    let mut member = tokens("A1", Role::Member, Some("R1"));
    member.member = Some(MemberIdentity {
        id: "5c4f0f48-0c3e-4b7e-9d3a-2d8f4c1b6a70".into(),
        email: Some("ann@example.com".into()),
    });
    one.save("member", &member, in_a_day()).await.unwrap();
    one.save("visitor", &tokens("V1", Role::Visitor, None), in_a_day())
        .await
        .unwrap();
    let member = two.load("member").await.unwrap().unwrap();
    assert_eq!(
        (
            member.access_token.expose_secret(),
            member.refresh_token.as_ref().map(|r| r.expose_secret()),
            member.expires_at,
            member.role
        ),
        ("A1", Some("R1"), 1_700_000_000, Role::Member),
        "every field comes back"
    );
    assert_eq!(
        member.member.unwrap().email.as_deref(),
        Some("ann@example.com")
    );
    let visitor = two.load("visitor").await.unwrap().unwrap();
    assert!(visitor.refresh_token.is_none());
    assert_eq!(visitor.role, Role::Visitor);

    two.save(
        "member",
        &tokens("A2", Role::Member, Some("R2")),
        in_a_day(),
    )
    .await
    .unwrap();
    let replaced = one.load("member").await.unwrap().unwrap();
    assert_eq!(
        replaced.access_token.expose_secret(),
        "A2",
        "a save replaces"
    );

    one.clear("member").await.unwrap();
    assert!(two.load("member").await.unwrap().is_none(), "cleared");
    assert!(
        two.load("visitor").await.unwrap().is_some(),
        "other keys kept"
    );
    two.clear("never-saved").await.unwrap();
}

/// An entry is gone from its expiry on, and expired entries are deleted.
pub async fn expiry(store: &impl StoreUnderTest) {
    let one = store.instance().await;
    let past = SystemTime::now() - Duration::from_secs(1);
    one.save("expired", &tokens("X", Role::Member, None), past)
        .await
        .unwrap();
    assert!(
        one.load("expired").await.unwrap().is_none(),
        "expired at save"
    );

    let soon = SystemTime::now() + Duration::from_millis(1_500);
    one.save("short", &tokens("S", Role::Visitor, None), soon)
        .await
        .unwrap();
    one.save("long", &tokens("L", Role::Member, None), in_a_day())
        .await
        .unwrap();
    assert!(
        one.load("short").await.unwrap().is_some(),
        "live until then"
    );
    tokio::time::sleep(Duration::from_millis(1_700)).await;
    assert!(one.load("short").await.unwrap().is_none(), "gone after");
    assert!(one.load("long").await.unwrap().is_some());

    // Saving again extends a session's life.
    let renewed = SystemTime::now() + Duration::from_millis(1_200);
    one.save("renewed", &tokens("R", Role::Member, None), renewed)
        .await
        .unwrap();
    one.save("renewed", &tokens("R", Role::Member, None), in_a_day())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1_400)).await;
    assert!(one.load("renewed").await.unwrap().is_some(), "extended");

    if let Some(deletion) = store.deletion().await {
        deletion
            .save("to-delete", &tokens("D", Role::Visitor, None), past)
            .await
            .unwrap();
        let deleted = deletion.delete_expired().await.unwrap();
        assert!(
            deleted >= 1,
            "the expired sessions were deleted ({deleted})"
        );
        assert_eq!(deletion.delete_expired().await.unwrap(), 0, "none left");
        assert!(
            deletion.load("long").await.unwrap().is_some(),
            "live ones stay"
        );
    }
}

/// A sandbox with refresh tokens rotated and reuse detected (a second redemption of one
/// refresh token revokes the session), a member of it, and the member's tokens as flows
/// whose clock says they are about to expire would see them.
pub struct NearExpiry {
    pub sandbox: RunningSandbox,
    pub member: Tokens,
    clock_at: u64,
}

impl NearExpiry {
    pub async fn new() -> Self {
        let sandbox = Sandbox::builder()
            .refresh_policy(RefreshPolicy::RotateWithReuseDetection)
            .start()
            .await
            .unwrap();
        let auth = flows_for(sandbox.base_url());
        let member = registered_member(&auth, "stored@example.com").await;
        let clock_at = member.expires_at - 30;
        Self {
            sandbox,
            member,
            clock_at,
        }
    }

    /// Flows of one replica: its own client, the clock 30 s before expiry.
    pub fn replica(&self) -> WixAuth {
        flows_with_clock(self.sandbox.base_url(), ManualClock::at(self.clock_at))
    }

    pub fn refreshes(&self) -> u64 {
        self.sandbox.token_requests("refresh_token")
    }
}

/// Two replicas' sessions: with a shared store each replica has its own flows and its own
/// store instance; with a local one they are one process's sessions (the same store).
async fn replicas(store: &impl StoreUnderTest, env: &NearExpiry) -> [Sessions; 2] {
    if store.shared() {
        [
            Sessions::with_store(env.replica(), store.instance().await),
            Sessions::with_store(env.replica(), store.instance().await),
        ]
    } else {
        let sessions = Sessions::with_store(env.replica(), store.instance().await);
        [sessions.clone(), sessions]
    }
}

/// 8 tasks refresh one session through two instances: one refresh request reaches Wix,
/// and everyone ends with its tokens (a second redemption would have revoked them).
pub async fn one_refresh_across_instances(store: &impl StoreUnderTest) {
    let env = NearExpiry::new().await;
    let [one, two] = replicas(store, &env).await;
    one.get("member").set(&env.member).await.unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let session = if i % 2 == 0 { &one } else { &two }.get("member");
            tokio::spawn(async move { session.tokens().await })
        })
        .collect();
    let mut access = HashSet::new();
    for task in tasks {
        let tokens = task.await.unwrap().unwrap();
        assert_eq!(tokens.role, Role::Member);
        access.insert(tokens.access_token.expose_secret().to_string());
    }
    assert_eq!(access.len(), 1, "every task ends with the same tokens");
    assert_eq!(env.refreshes(), 1, "exactly one refresh reached Wix");
    let token = wix_auth_flows::secrets::AccessToken::new(access.into_iter().next().unwrap());
    let auth = flows_for(env.sandbox.base_url());
    assert!(auth.token_info(&token).await.unwrap().active, "not revoked");
}

/// A completed login is claimed once: its callback replayed through the other instance is
/// refused before the token endpoint.
pub async fn a_login_is_claimed_once_across_instances(store: &impl StoreUnderTest) {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let auth = flows_for(sandbox.base_url());
    registered_member(&auth, "claim@example.com").await;
    let visitor = auth.visitor_tokens().await.unwrap().access_token;
    let (url, pending) = auth.begin_login(&visitor).await.unwrap();
    let callback = sandbox
        .log_in_on_page(url.as_str(), "claim@example.com", "secret-pw")
        .await
        .unwrap();
    let (one, two) = if store.shared() {
        (
            Sessions::with_store(flows_for(sandbox.base_url()), store.instance().await),
            Sessions::with_store(flows_for(sandbox.base_url()), store.instance().await),
        )
    } else {
        let sessions = Sessions::with_store(auth, store.instance().await);
        (sessions.clone(), sessions)
    };
    let exchanges = sandbox.token_requests("authorization_code");
    let tokens = one
        .get("browser-a")
        .complete_login(&callback, pending.clone())
        .await
        .unwrap();
    assert_eq!(tokens.role, Role::Member);
    let replayed = two
        .get("browser-b")
        .complete_login(&callback, pending)
        .await
        .unwrap_err();
    assert!(
        matches!(replayed, Error::Callback(CallbackError::PendingLoginUsed)),
        "{replayed:?}"
    );
    assert!(two.get("browser-b").stored().await.unwrap().is_none());
    assert_eq!(sandbox.token_requests("authorization_code") - exchanges, 1);

    if let Some(claims) = store.instance().await.login_claims() {
        let other = store.instance().await;
        let other = other.login_claims().unwrap();
        let ttl = Duration::from_secs(60);
        assert!(claims.claim_once("claim-a", ttl).await.unwrap());
        assert!(!other.claim_once("claim-a", ttl).await.unwrap(), "a replay");
        assert!(
            other.claim_once("claim-b", ttl).await.unwrap(),
            "another key"
        );
        let short = Duration::from_millis(300);
        assert!(claims.claim_once("short", short).await.unwrap());
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(other.claim_once("short", short).await.unwrap(), "ended");
    }
}

/// A lock holder that dies (its guard dropped without release) does not block the next
/// refresher past its lease; a released lock is free at once, a held one is not.
#[cfg(any(feature = "redis", feature = "postgres", feature = "sqlite"))]
pub async fn a_dead_lock_holder_does_not_block_past_its_lease(
    store: &impl StoreUnderTest,
    lease: Duration,
) {
    let env = NearExpiry::new().await;
    let holder = store.instance().await;
    let locks = holder
        .refresh_lock()
        .expect("a shared store locks refreshes");
    let dead = locks.lock_refresh("member").await.unwrap();
    drop(dead);
    let started = std::time::Instant::now();
    let sessions = Sessions::with_store(env.replica(), store.instance().await);
    sessions.get("member").set(&env.member).await.unwrap();
    let tokens = sessions.get("member").tokens().await.unwrap();
    let waited = started.elapsed();
    assert!(waited >= lease / 2, "it waited for the lease ({waited:?})");
    assert!(waited < lease * 4, "and no longer ({waited:?})");
    assert_eq!(tokens.role, Role::Member);
    assert_eq!(env.refreshes(), 1);

    let first = locks.lock_refresh("other").await.unwrap();
    let started = std::time::Instant::now();
    let other = store.instance().await;
    let contender = tokio::spawn(async move {
        let guard = other.refresh_lock().unwrap().lock_refresh("other").await;
        guard.unwrap().release().await.unwrap();
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!contender.is_finished(), "a held lock is not taken");
    first.release().await.unwrap();
    contender.await.unwrap();
    assert!(started.elapsed() < lease, "a released lock is free at once");
}

/// Concurrent saves of different keys through two instances lose nothing.
pub async fn concurrent_saves_lose_nothing(store: &impl StoreUnderTest) {
    let one = store.instance().await;
    let two = store.instance().await;
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let store = if i % 2 == 0 { one.clone() } else { two.clone() };
            tokio::spawn(async move {
                let saved = tokens(&format!("A-{i}"), Role::Visitor, None);
                store.save(&format!("key-{i}"), &saved, in_a_day()).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    for i in 0..40 {
        let loaded = one.load(&format!("key-{i}")).await.unwrap();
        let access = loaded.map(|t| t.access_token.expose_secret().to_string());
        assert_eq!(
            access.as_deref(),
            Some(format!("A-{i}").as_str()),
            "key-{i}"
        );
    }
}

/// Foreign data where tokens should be (`corrupt` puts it under the key `damaged`) is a
/// typed error naming the key, never a panic and never "no session". Not for the memory
/// store, which holds nothing but tokens.
pub async fn corrupt_data_is_a_typed_error(
    store: &impl StoreUnderTest,
    corrupt: impl Future<Output = ()>,
) {
    corrupt.await;
    let err = store.instance().await.load("damaged").await.unwrap_err();
    match &err {
        StoreError::Corrupt { key, .. } => assert_eq!(key, "damaged"),
        StoreError::CorruptFile { .. } => {}
        other => panic!("not a corruption error: {other:?}"),
    }
    assert_eq!(
        Error::from(err).kind(),
        wix_auth_flows::ErrorKind::Unexpected
    );
}

/// One test per clause of the contract for a store fixture (`$fixture` is an async
/// expression giving the fixture). `shared` stores also get the lock clauses.
macro_rules! store_contract {
    ($fixture:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn round_trips() {
            crate::stores::contract::round_trips(&$fixture).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn expiry() {
            crate::stores::contract::expiry(&$fixture).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn one_refresh_across_instances() {
            crate::stores::contract::one_refresh_across_instances(&$fixture).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn a_login_is_claimed_once_across_instances() {
            crate::stores::contract::a_login_is_claimed_once_across_instances(&$fixture).await;
        }

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn concurrent_saves_lose_nothing() {
            crate::stores::contract::concurrent_saves_lose_nothing(&$fixture).await;
        }
    };
    ($fixture:expr, shared, lease = $lease:expr) => {
        crate::stores::contract::store_contract!($fixture);

        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn a_dead_lock_holder_does_not_block_past_its_lease() {
            crate::stores::contract::a_dead_lock_holder_does_not_block_past_its_lease(
                &$fixture, $lease,
            )
            .await;
        }
    };
}
pub(crate) use store_contract;
