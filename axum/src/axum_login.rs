//! Wix as an [axum-login](https://docs.rs/axum-login) backend (feature `axum-login`), for an
//! app that already keeps its own sessions with tower-sessions and axum-login.
//!
//! [`WixBackend`] implements `AuthnBackend`. Credentials are an email and password (the
//! custom login) or a completed callback (Wix's hosted login and social login, begun with
//! [`WixBackend::begin_login`]). Each login gets a key of its own in the flows
//! [`Sessions`]' store, under which its Wix tokens live; axum-login keeps that key in the
//! app's session as the user id, and [`WixUser`] carries the member's Wix id. `get_user`
//! loads the tokens through `Sessions` (refreshed once at a time, across replicas with a
//! shared store) and answers "no user" when the member must log in again — never a visitor
//! in the member's place. An outage is an error (axum-login answers it with a 500), never a
//! logout.
//!
//! ```no_run
//! # async fn demo(auth: wix_auth_flows::WixAuth) {
//! use axum_login::AuthManagerLayerBuilder;
//! use axum_login::tower_sessions::{MemoryStore, SessionManagerLayer};
//! use wix_auth_axum::axum_login::WixBackend;
//!
//! let backend = WixBackend::new(auth, wix_auth_flows::store::MemoryStore::new()).unwrap();
//! let sessions = SessionManagerLayer::new(MemoryStore::default());
//! let app: axum::Router = axum::Router::new()
//!     // .route(…) — handlers take `axum_login::AuthSession<WixBackend>`
//!     .layer(AuthManagerLayerBuilder::new(backend, sessions).build());
//! # }
//! ```

use axum_login::{AuthUser, AuthnBackend};
use sha2::{Digest, Sha256};
use url::Url;
use wix_auth_flows::middleware::MemberAuth;
use wix_auth_flows::{
    Credentials, Error, ErrorKind, LoginOutcome, PendingLogin, Role, Session, Sessions, Tokens,
    WixAuth, authorize::IdentityProvider, secrets::AccessToken, secrets::Password,
    store::TokenStore, tokens::MemberIdentity,
};

use crate::ConfigError;
use crate::carrier::random_id;

/// Wix member login as an axum-login backend (see the module docs).
#[derive(Clone, Debug)]
pub struct WixBackend {
    sessions: Sessions,
    http: reqwest::Client,
}

/// How a member proves who they are to [`WixBackend`].
#[derive(Debug, Clone)]
pub enum WixCredentials {
    /// The custom login: an email and a password.
    Password {
        /// The login email.
        email: String,
        /// The password.
        password: Password,
    },
    /// The browser came back from Wix's hosted login or a social provider: the URL it
    /// came back to, and the pending login [`WixBackend::begin_login`] gave.
    Callback {
        /// The full callback URL (with its query).
        url: String,
        /// The pending login kept in the app's session since the login began.
        pending: PendingLogin,
    },
}

/// Why [`WixBackend`] could not log a member in or load one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WixLoginError {
    /// Wix, the store or the callback refused (see the flows error's `kind()`).
    #[error(transparent)]
    Wix(#[from] Error),
    /// The login needs another step before there is a member (an emailed code, the
    /// owner's approval, a second factor): the outcome says which.
    #[error("the login is not complete yet")]
    NotComplete(LoginOutcome),
}

/// A logged-in member, as axum-login hands it to the app.
#[derive(Clone)]
pub struct WixUser {
    key: String,
    member: MemberIdentity,
    auth_hash: Vec<u8>,
    access_token: AccessToken,
    session: Session,
    http: reqwest::Client,
}

impl std::fmt::Debug for WixUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WixUser")
            .field("member", &self.member)
            .finish_non_exhaustive()
    }
}

impl WixUser {
    /// The member (Wix id, and the login email where Wix gave it).
    pub fn member(&self) -> &MemberIdentity {
        &self.member
    }

    /// The member's access token (usable: refreshed when the user was loaded).
    pub fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    /// A client that calls other Wix APIs as the member (see [`crate::Member::client`]).
    pub fn client(&self) -> reqwest_middleware::ClientWithMiddleware {
        reqwest_middleware::ClientBuilder::new(self.http.clone())
            .with(MemberAuth::new(self.session.clone()))
            .build()
    }
}

impl AuthUser for WixUser {
    /// The key of this login's tokens: one per login, so each browser's login has tokens of
    /// its own. The member's Wix id is [`WixUser::member`].
    type Id = String;

    fn id(&self) -> String {
        self.key.clone()
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

impl WixBackend {
    /// A backend keeping each login's tokens in `store` (a shared one, e.g. Redis or
    /// PostgreSQL, for several replicas).
    pub fn new(auth: WixAuth, store: impl TokenStore + 'static) -> Result<Self, ConfigError> {
        Self::with_sessions(Sessions::new(auth, store))
    }

    /// A backend over sessions configured already (refresh margin, session lifetime).
    pub fn with_sessions(sessions: Sessions) -> Result<Self, ConfigError> {
        let http = wix_auth_flows::http_client_builder()
            .build()
            .map_err(|_| ConfigError::HttpClient)?;
        Ok(Self { sessions, http })
    }

    /// Starts Wix's hosted login, or a social provider's with its IdP connection id: the URL
    /// to send the browser to, and the pending login to keep in the app's session until the
    /// callback (it serializes; its secrets stay out of `Debug`).
    pub async fn begin_login(
        &self,
        provider: Option<IdentityProvider>,
    ) -> Result<(Url, PendingLogin), Error> {
        let auth = self.sessions.auth();
        let visitor = auth.visitor_tokens().await?;
        match provider {
            Some(provider) => {
                auth.begin_social_login(&visitor.access_token, &provider)
                    .await
            }
            None => auth.begin_login(&visitor.access_token).await,
        }
    }

    /// Ends the member's Wix session: the logout URL to send the browser to, and the
    /// login's tokens dropped. Call it beside `AuthSession::logout`.
    pub async fn logout(&self, user: &WixUser, post_flow_url: &str) -> Result<Url, Error> {
        self.sessions
            .get(user.key.as_str())
            .logout(post_flow_url)
            .await
    }

    /// The user of a login key's stored member tokens.
    fn user(&self, key: String, session: Session, tokens: Tokens) -> Option<WixUser> {
        let member = tokens.member.filter(|_| tokens.role == Role::Member)?;
        let auth_hash = Sha256::new()
            .chain_update(key.as_bytes())
            .chain_update(member.id.as_bytes())
            .finalize()
            .to_vec();
        Some(WixUser {
            key,
            member,
            auth_hash,
            access_token: tokens.access_token,
            session,
            http: self.http.clone(),
        })
    }

    /// Stores member tokens under a new login key.
    async fn establish(&self, tokens: Tokens) -> Result<Option<WixUser>, WixLoginError> {
        let key = format!("wix-login:{}", random_id().map_err(|_| Error::Randomness)?);
        let session = self.sessions.get(key.as_str());
        session.set(&tokens).await?;
        let tokens = session.identify(tokens).await?;
        Ok(self.user(key, session, tokens))
    }

    async fn log_in(
        &self,
        email: &str,
        password: &Password,
    ) -> Result<Option<WixUser>, WixLoginError> {
        let auth = self.sessions.auth();
        let visitor = auth.visitor_tokens().await?.access_token;
        let outcome = match auth
            .login(&visitor, &Credentials::new(email, password.clone()))
            .await
        {
            Ok(outcome) => outcome,
            Err(Error::InvalidCredentials(_) | Error::UnknownAccount(_)) => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        let LoginOutcome::Success {
            session_token,
            identity,
        } = outcome
        else {
            return Err(WixLoginError::NotComplete(outcome));
        };
        let mut tokens = auth.member_tokens(&visitor, &session_token).await?;
        tokens.member = identity.as_deref().and_then(MemberIdentity::from_identity);
        self.establish(tokens).await
    }

    async fn complete(
        &self,
        url: &str,
        pending: PendingLogin,
    ) -> Result<Option<WixUser>, WixLoginError> {
        let key = format!("wix-login:{}", random_id().map_err(|_| Error::Randomness)?);
        let session = self.sessions.get(key.as_str());
        // Through the store, which claims the login once across replicas.
        let tokens = session.complete_login(url, pending).await?;
        let tokens = session.identify(tokens).await?;
        Ok(self.user(key, session, tokens))
    }
}

impl AuthnBackend for WixBackend {
    type User = WixUser;
    type Credentials = WixCredentials;
    type Error = WixLoginError;

    async fn authenticate(
        &self,
        credentials: WixCredentials,
    ) -> Result<Option<WixUser>, WixLoginError> {
        match credentials {
            WixCredentials::Password { email, password } => {
                self.log_in(email.trim(), &password).await
            }
            WixCredentials::Callback { url, pending } => self.complete(&url, pending).await,
        }
    }

    async fn get_user(&self, key: &String) -> Result<Option<WixUser>, WixLoginError> {
        let session = self.sessions.get(key.as_str());
        let found = match session.tokens().await {
            Ok(tokens) => session.identify(tokens).await,
            Err(error) => Err(error),
        };
        match found {
            Ok(tokens) => Ok(self.user(key.clone(), session, tokens)),
            Err(Error::NoTokens) => Ok(None),
            Err(error) if error.kind() == ErrorKind::Reauthenticate => {
                // The login is over: its tokens cannot be used again.
                let _ = session.clear().await;
                Ok(None)
            }
            Err(error) => Err(error.into()),
        }
    }
}
