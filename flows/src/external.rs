//! External login with an API key, as `@wix/sdk`'s `getMemberTokensForExternalLogin[WithSession]`
//! does it: member tokens for a member the server already trusts, through the
//! `authorized_client` grant, with `Authorization: <visitor access token>,<API key>` and the
//! site (or account) header the API-key docs require.

use wix_auth_generated::types;

use crate::operation::Operation;
use crate::secrets::{AccessToken, ApiKey, SessionToken};
use crate::tokens::{Role, Tokens};
use crate::{Error, WixAuth};

/// The one site or account an API key acts on (`wix-site-id` or `wix-account-id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiKeyScope {
    /// A site id: the key calls site-level APIs such as Sign On.
    Site(String),
    /// An account id: the key calls account-level APIs.
    Account(String),
}

/// The configured API key with its scope; `Debug` shows the scope, never the key.
#[derive(Debug, Clone)]
pub(crate) struct ExternalLogin {
    pub(crate) key: ApiKey,
    pub(crate) scope: ApiKeyScope,
}

/// The headers of a call made with the key.
struct KeyedCall<'a> {
    /// `<visitor access token>,<API key>`, as `@wix/sdk` sends it.
    authorization: AccessToken,
    /// `wix-site-id`.
    site: Option<&'a str>,
    /// `wix-account-id`.
    account: Option<&'a str>,
}

impl ExternalLogin {
    /// The headers of a call with the key beside `visitor`; exactly one of site and account.
    fn call(&self, visitor: &AccessToken) -> KeyedCall<'_> {
        let (site, account) = match &self.scope {
            ApiKeyScope::Site(id) => (Some(id.as_str()), None),
            ApiKeyScope::Account(id) => (None, Some(id.as_str())),
        };
        KeyedCall {
            authorization: AccessToken::new(format!(
                "{},{}",
                visitor.expose_secret(),
                self.key.expose_secret()
            )),
            site,
            account,
        }
    }
}

/// What a Sign On with an API key answers: the session token and whose it is.
#[derive(Debug, Clone)]
pub struct SignedOn {
    /// The session token, for [`WixAuth::external_member_tokens_for_session`] or
    /// [`WixAuth::member_tokens`].
    pub session_token: SessionToken,
    /// The member (identity) id.
    pub member_id: String,
}

impl WixAuth {
    fn external(&self) -> Result<&ExternalLogin, Error> {
        self.inner.external.as_ref().ok_or(Error::MissingApiKey)
    }

    /// Member tokens for a member id the server already trusts (the `authorized_client`
    /// grant with `scope=offline_access`), server-side, with the configured API key.
    pub async fn external_member_tokens(
        &self,
        visitor: &AccessToken,
        member_id: &str,
    ) -> Result<Tokens, Error> {
        crate::telemetry::flow!("wix_auth.external_member_tokens", async move {
            let request = types::AuthorizedClientTokenRequest {
                grant_type: types::AuthorizedClientTokenRequestGrantType::AuthorizedClient,
                member_id: member_id.to_string(),
                scope: Some("offline_access".into()),
                session_token: None,
            };
            self.authorized_client(visitor, request).await
        })
        .await
    }

    /// Member tokens for the session token of [`WixAuth::sign_on_with_api_key`] (the
    /// `authorized_client` grant with `session_token`).
    pub async fn external_member_tokens_for_session(
        &self,
        visitor: &AccessToken,
        signed_on: &SignedOn,
    ) -> Result<Tokens, Error> {
        crate::telemetry::flow!("wix_auth.external_member_tokens_for_session", async move {
            let request = types::AuthorizedClientTokenRequest {
                grant_type: types::AuthorizedClientTokenRequestGrantType::AuthorizedClient,
                member_id: signed_on.member_id.clone(),
                scope: None,
                session_token: Some(signed_on.session_token.to_wire()),
            };
            self.authorized_client(visitor, request).await
        })
        .await
    }

    async fn authorized_client(
        &self,
        visitor: &AccessToken,
        request: types::AuthorizedClientTokenRequest,
    ) -> Result<Tokens, Error> {
        let call = self.external()?.call(visitor);
        let (response, at) = self
            .grant_with(
                Some(call.authorization.expose_secret()),
                call.site,
                call.account,
                request.into(),
            )
            .await?;
        Ok(Tokens::from_response(response, Role::Member, at))
    }

    /// Signs a member on with the configured API key (Sign On with
    /// `Authorization: <visitor access token>,<API key>` and the site header), creating or
    /// updating the member; answers the session token and the member id.
    pub async fn sign_on_with_api_key(
        &self,
        visitor: &AccessToken,
        email: &str,
        verify_email: bool,
    ) -> Result<SignedOn, Error> {
        crate::telemetry::flow!("wix_auth.sign_on_with_api_key", async move {
            let call = self.external()?.call(visitor);
            let body = types::SignOnRequest {
                login_id: types::LoginId {
                    email: email.to_string(),
                },
                profile: None,
                verify_email,
                merge_existing_contact: true,
            };
            let operation = Operation::SignOn;
            let response = operation
                .call(self.inner.api.sign_on(
                    call.authorization.expose_secret(),
                    call.account,
                    call.site,
                    &body,
                ))
                .await?;
            let session_token =
                response
                    .session_token
                    .map(SessionToken::from)
                    .ok_or(Error::MissingField {
                        operation: operation.id(),
                        field: "sessionToken",
                    })?;
            let member_id =
                response
                    .identity
                    .and_then(|identity| identity.id)
                    .ok_or(Error::MissingField {
                        operation: operation.id(),
                        field: "identity.id",
                    })?;
            Ok(SignedOn {
                session_token,
                member_id,
            })
        })
        .await
    }

    /// External login by email, server-side: Sign On with the API key, then the
    /// `authorized_client` grant with its session token — the SDK's
    /// `getMemberTokensForExternalLoginWithSession`.
    pub async fn external_login(
        &self,
        visitor: &AccessToken,
        email: &str,
        verify_email: bool,
    ) -> Result<Tokens, Error> {
        crate::telemetry::flow!("wix_auth.external_login", async move {
            let signed_on = self
                .sign_on_with_api_key(visitor, email, verify_email)
                .await?;
            self.external_member_tokens_for_session(visitor, &signed_on)
                .await
        })
        .await
    }
}
