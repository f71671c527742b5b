//! The Wix-managed login against the sandbox's login page: begin, the browser's part, and
//! complete, with a tampered verifier and a wrong or missing state refused. (Replayed codes
//! and expired pending logins are requirements: `conformance/tests/conformance/negative.rs`.)

use std::time::Duration;

use crate::common::*;
use std::sync::{Arc, Mutex};
use wix_auth_flows::clock::ManualClock;

use wix_auth_flows::store::{LoginClaims, MemoryStore, StoreError, TokenStore};
use wix_auth_flows::{
    Error, PendingLogin, Registration, Role, Session, Tokens, WixAuth, error::CallbackError,
};

async fn begun(env: &Env, auth: &WixAuth, email: &str) -> (String, PendingLogin) {
    let visitor = auth.visitor_tokens().await.unwrap().access_token;
    auth.register(&visitor, &Registration::new(email, "secret-pw"))
        .await
        .unwrap();
    let (login_url, pending) = auth.begin_login(&visitor).await.unwrap();
    let callback = env
        .sandbox
        .log_in_on_page(login_url.as_str(), email, "secret-pw")
        .await
        .unwrap();
    (callback, pending)
}

#[tokio::test]
async fn begin_browser_complete_gives_member_tokens() {
    let env = start().await;
    let (callback, pending) = begun(&env, &env.auth, "wm@example.com").await;
    // The pending login travels through a cookie.
    let cookie = serde_json::to_string(&pending).unwrap();
    assert!(
        !format!("{pending:?}").contains(&cookie[10..30]),
        "Debug redacts the secrets"
    );
    let pending: PendingLogin = serde_json::from_str(&cookie).unwrap();
    let tokens = env
        .auth
        .complete_login(&callback, pending.clone())
        .await
        .unwrap();
    assert_eq!(tokens.role, Role::Member);

    let again = env
        .auth
        .complete_login(&callback, pending)
        .await
        .unwrap_err();
    assert!(
        matches!(again, Error::Callback(CallbackError::PendingLoginUsed)),
        "{again:?}"
    );
}

#[tokio::test]
async fn a_tampered_verifier_is_refused() {
    let env = start().await;
    let (callback, pending) = begun(&env, &env.auth, "tv@example.com").await;
    let mut cookie: serde_json::Value = serde_json::to_value(&pending).unwrap();
    cookie["verifier"] = serde_json::json!("a".repeat(43));
    let tampered: PendingLogin = serde_json::from_value(cookie).unwrap();
    let err = env
        .auth
        .complete_login(&callback, tampered)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::OAuth { ref error, .. } if error == "invalid_grant"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_callback_with_a_wrong_or_missing_state_is_refused() {
    let env = start().await;
    let (callback, pending) = begun(&env, &env.auth, "ws@example.com").await;
    let mut url = url::Url::parse(&callback).unwrap();
    let code: String = url
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    url.set_query(Some(&format!("code={code}&state=attacker")));
    let err = env
        .auth
        .complete_login(url.as_str(), pending.clone())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Callback(CallbackError::StateMismatch)),
        "{err:?}"
    );
    url.set_query(Some(&format!("code={code}")));
    let err = env
        .auth
        .complete_login(url.as_str(), pending.clone())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Callback(CallbackError::MissingState)),
        "{err:?}"
    );
    // The genuine callback still completes: refusals do not burn the pending login.
    assert!(env.auth.complete_login(&callback, pending).await.is_ok());
}

#[tokio::test]
async fn no_redirect_uri_is_a_clear_error() {
    let env = start().await;
    let auth = WixAuth::builder(CLIENT)
        .base_url(env.sandbox.base_url())
        .build()
        .unwrap();
    let visitor = auth.visitor_tokens().await.unwrap().access_token;
    assert!(matches!(
        auth.begin_login(&visitor).await.unwrap_err(),
        Error::MissingRedirectUri
    ));
}

/// A memory store with claims that remember the lifetime of every claim.
#[derive(Debug, Default)]
struct ClaimRecorder {
    inner: MemoryStore,
    claims: Arc<Mutex<Vec<Duration>>>,
}

#[async_trait::async_trait]
impl LoginClaims for ClaimRecorder {
    async fn claim_once(&self, _: &str, ttl: Duration) -> Result<bool, StoreError> {
        self.claims.lock().unwrap().push(ttl);
        Ok(true)
    }
}

#[async_trait::async_trait]
impl TokenStore for ClaimRecorder {
    async fn load(&self, key: &str) -> Result<Option<Tokens>, StoreError> {
        self.inner.load(key).await
    }
    async fn save(
        &self,
        key: &str,
        tokens: &Tokens,
        expires_at: std::time::SystemTime,
    ) -> Result<(), StoreError> {
        self.inner.save(key, tokens, expires_at).await
    }
    async fn clear(&self, key: &str) -> Result<(), StoreError> {
        self.inner.clear(key).await
    }
    fn login_claims(&self) -> Option<&dyn LoginClaims> {
        Some(self)
    }
}

#[tokio::test]
async fn a_completed_login_stays_claimed_for_as_long_as_its_pending_login_lives() {
    let env = start().await;
    let clock = ManualClock::at(1_700_000_000);
    let auth = WixAuth::builder(CLIENT)
        .base_url(env.sandbox.base_url())
        .redirect_uri(REDIRECT)
        .pending_login_max_age(Duration::from_secs(600))
        .clock(clock.clone())
        .build()
        .unwrap();
    let (callback, pending) = begun(&env, &auth, "claim@example.com").await;
    clock.advance(100);
    let store = ClaimRecorder::default();
    let claims = store.claims.clone();
    let session = Session::new(auth, store, "s");
    session.complete_login(&callback, pending).await.unwrap();
    // Created at T, valid through T + 600, completed at T + 100: the claim must outlive the
    // last second a replay of it could still be accepted.
    assert_eq!(*claims.lock().unwrap(), [Duration::from_secs(501)]);
}
