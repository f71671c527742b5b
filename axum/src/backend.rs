//! The flows' shared sessions behind an object-safe face, so the routes, the layer and the
//! extractors take any `TokenStore` (memory, Redis, one of the app's own) without a type
//! parameter showing up in every handler.

use futures_util::future::BoxFuture;
use url::Url;
use wix_auth_flows::{Error, PendingLogin, Sessions, TokenStore, Tokens};

/// What the integration asks of the sessions, by session key.
pub(crate) trait Backend: Send + Sync {
    /// Usable tokens (refreshed once at a time when close to expiry).
    fn tokens<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Tokens, Error>>;
    /// The stored tokens as they are.
    fn stored<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Tokens>, Error>>;
    /// Visitor tokens, minted when the key has none.
    fn start_visitor<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Tokens, Error>>;
    /// Stores tokens.
    fn set<'a>(&'a self, key: &'a str, tokens: &'a Tokens) -> BoxFuture<'a, Result<(), Error>>;
    /// Forgets the tokens.
    fn clear<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), Error>>;
    /// Completes a redirect login into the key, claiming it once in the store.
    fn complete_login<'a>(
        &'a self,
        key: &'a str,
        callback_url: &'a str,
        pending: PendingLogin,
    ) -> BoxFuture<'a, Result<Tokens, Error>>;
    /// The Wix logout URL; the key's tokens are dropped.
    fn logout<'a>(
        &'a self,
        key: &'a str,
        post_flow_url: &'a str,
    ) -> BoxFuture<'a, Result<Url, Error>>;
}

impl<S: TokenStore + 'static> Backend for Sessions<S> {
    fn tokens<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Tokens, Error>> {
        Box::pin(async move { self.get(key).tokens().await })
    }

    fn stored<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Option<Tokens>, Error>> {
        Box::pin(async move { self.get(key).stored().await })
    }

    fn start_visitor<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<Tokens, Error>> {
        Box::pin(async move { self.get(key).start_visitor().await })
    }

    fn set<'a>(&'a self, key: &'a str, tokens: &'a Tokens) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move { self.get(key).set(tokens).await })
    }

    fn clear<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move { self.get(key).clear().await })
    }

    fn complete_login<'a>(
        &'a self,
        key: &'a str,
        callback_url: &'a str,
        pending: PendingLogin,
    ) -> BoxFuture<'a, Result<Tokens, Error>> {
        Box::pin(async move { self.get(key).complete_login(callback_url, pending).await })
    }

    fn logout<'a>(
        &'a self,
        key: &'a str,
        post_flow_url: &'a str,
    ) -> BoxFuture<'a, Result<Url, Error>> {
        Box::pin(async move { self.get(key).logout(post_flow_url).await })
    }
}
