//! A session's tokens over time: kept in a [`TokenStore`], refreshed ahead of expiry, one
//! refresh at a time however many tasks ask, and never downgraded from member to visitor.

use std::time::Duration;

use url::Url;

use crate::secrets::AccessToken;
use crate::store::{MemoryStore, TokenStore};
use crate::tokens::Tokens;
use crate::{Error, WixAuth};

/// How long before expiry a session refreshes by default.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The tokens of one visitor or member, under one key of a store.
///
/// ```
/// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
/// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
/// #     .base_url(sandbox.base_url()).build()?;
/// use wix_auth_flows::{MemoryStore, Session};
///
/// let session = Session::new(auth.clone(), MemoryStore::new(), "browser-session-42");
/// session.start_visitor().await?;
/// let token = session.access_token().await?; // refreshed first when close to expiry
/// # let _ = token;
/// # Ok(()) }
/// ```
pub struct Session<S: TokenStore = MemoryStore> {
    auth: WixAuth,
    store: S,
    key: String,
    margin: u64,
    refresh_lock: tokio::sync::Mutex<()>,
}

impl<S: TokenStore> Session<S> {
    /// A session stored under `key`.
    pub fn new(auth: WixAuth, store: S, key: impl Into<String>) -> Self {
        Self {
            auth,
            store,
            key: key.into(),
            margin: DEFAULT_REFRESH_MARGIN.as_secs(),
            refresh_lock: tokio::sync::Mutex::new(()),
        }
    }

    /// Refresh this long before the access token expires.
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin.as_secs();
        self
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Stores tokens, e.g. member tokens after a login.
    pub async fn set(&self, tokens: &Tokens) -> Result<(), Error> {
        Ok(self.store.save(&self.key, tokens).await?)
    }

    /// The stored tokens as they are, without refreshing.
    pub async fn stored(&self) -> Result<Option<Tokens>, Error> {
        Ok(self.store.load(&self.key).await?)
    }

    /// Starts a visitor session when there are no tokens yet, and returns the tokens.
    pub async fn start_visitor(&self) -> Result<Tokens, Error> {
        let _guard = self.refresh_lock.lock().await;
        if let Some(tokens) = self.store.load(&self.key).await? {
            return Ok(tokens);
        }
        let tokens = self.auth.visitor_tokens().await?;
        self.store.save(&self.key, &tokens).await?;
        Ok(tokens)
    }

    /// Usable tokens: the stored ones, or refreshed ones when they expire within the
    /// margin. Concurrent callers share one refresh. A failed refresh is returned as an
    /// error and the stored tokens are kept; nothing falls back to a visitor.
    pub async fn tokens(&self) -> Result<Tokens, Error> {
        let current = self.store.load(&self.key).await?.ok_or(Error::NoTokens)?;
        if current.is_fresh(self.auth.now(), self.margin) {
            return Ok(current);
        }
        let _guard = self.refresh_lock.lock().await;
        // Another task may have refreshed while this one waited.
        let current = self.store.load(&self.key).await?.ok_or(Error::NoTokens)?;
        if current.is_fresh(self.auth.now(), self.margin) {
            return Ok(current);
        }
        // Then another process: a shared store locks the refresh across replicas.
        let lock = self.store.acquire_refresh_lock(&self.key).await?;
        let result = self.refresh_locked().await;
        if let Some(lock) = lock {
            self.store.release_refresh_lock(lock).await?;
        }
        result
    }

    async fn refresh_locked(&self) -> Result<Tokens, Error> {
        let current = self.store.load(&self.key).await?.ok_or(Error::NoTokens)?;
        if current.is_fresh(self.auth.now(), self.margin) {
            return Ok(current);
        }
        let next = self.auth.refresh(&current).await?;
        self.store.save(&self.key, &next).await?;
        Ok(next)
    }

    /// A usable access token (see [`Session::tokens`]).
    pub async fn access_token(&self) -> Result<AccessToken, Error> {
        Ok(self.tokens().await?.access_token)
    }

    /// Forgets the tokens.
    pub async fn clear(&self) -> Result<(), Error> {
        Ok(self.store.clear(&self.key).await?)
    }

    /// Logs out: the Wix logout URL to send the browser to, and the local tokens dropped —
    /// even when getting the URL fails (that error is then returned).
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).build()?;
    /// let session = wix_auth_flows::Session::new(auth, wix_auth_flows::MemoryStore::new(), "s");
    /// session.start_visitor().await?;
    /// let logout_url = session.logout("http://127.0.0.1:3000/").await?;
    /// assert!(session.stored().await?.is_none());
    /// # let _ = logout_url;
    /// # Ok(()) }
    /// ```
    pub async fn logout(&self, post_flow_url: &str) -> Result<Url, Error> {
        let url = match self.store.load(&self.key).await {
            Ok(Some(tokens)) => {
                self.auth
                    .logout_url(&tokens.access_token, post_flow_url)
                    .await
            }
            Ok(None) => Err(Error::NoTokens),
            Err(e) => Err(e.into()),
        };
        self.store.clear(&self.key).await?;
        url
    }
}
