//! The token grants: visitor tokens, refresh, app tokens, and the code exchange.

use wix_auth_generated::types;

use crate::operation::Operation;
use crate::pkce::CodeVerifier;
use crate::secrets::{AuthorizationCode, ClientSecret};
use crate::tokens::{Role, Tokens};
use crate::{Error, WixAuth};

impl WixAuth {
    async fn grant(
        &self,
        request: types::TokenRequest,
    ) -> Result<(types::TokenResponse, u64), Error> {
        self.grant_with(None, None, None, request).await
    }

    /// A token request with the `Authorization`, `wix-site-id` and `wix-account-id` headers
    /// only the `authorized_client` grant sends.
    pub(crate) async fn grant_with(
        &self,
        authorization: Option<&str>,
        site_id: Option<&str>,
        account_id: Option<&str>,
        request: types::TokenRequest,
    ) -> Result<(types::TokenResponse, u64), Error> {
        let requested_at = self.now();
        let response = Operation::CreateAccessToken
            .call(
                self.inner
                    .api
                    .create_access_token(authorization, account_id, site_id, &request),
            )
            .await?;
        Ok((response, requested_at))
    }

    /// Anonymous visitor tokens (the `anonymous` grant).
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).build()?;
    /// let visitor = auth.visitor_tokens().await?;
    /// assert_eq!(visitor.role, wix_auth_flows::Role::Visitor);
    /// # Ok(()) }
    /// ```
    pub async fn visitor_tokens(&self) -> Result<Tokens, Error> {
        crate::telemetry::flow!("wix_auth.visitor_tokens", async move {
            let request = types::AnonymousTokenRequest {
                client_id: self.inner.client_id.clone(),
                grant_type: types::AnonymousTokenRequestGrantType::Anonymous,
            };
            let (response, at) = self.grant(request.into()).await?;
            Ok(Tokens::from_response(response, Role::Visitor, at))
        })
        .await
    }

    /// Renews tokens with their refresh token, keeping their role and, when the server
    /// sends no new refresh token, the old one. A failure is returned as is: a member is
    /// never turned into a visitor.
    pub async fn refresh(&self, tokens: &Tokens) -> Result<Tokens, Error> {
        crate::telemetry::flow!("wix_auth.refresh", async move {
            let refresh_token = tokens.refresh_token.as_ref().ok_or(Error::NoRefreshToken)?;
            let request = types::RefreshTokenRequest {
                client_id: self.inner.client_id.clone(),
                grant_type: types::RefreshTokenRequestGrantType::RefreshToken,
                refresh_token: refresh_token.to_wire(),
            };
            let (response, at) = self.grant(request.into()).await?;
            Ok(tokens.refreshed(response, at))
        })
        .await
    }

    /// An app token for admin calls such as Sign On (the `client_credentials` grant).
    pub async fn app_tokens(&self, client_secret: &ClientSecret) -> Result<Tokens, Error> {
        crate::telemetry::flow!("wix_auth.app_tokens", async move {
            let request = types::ClientCredentialsTokenRequest {
                client_id: self.inner.client_id.clone(),
                client_secret: client_secret.to_wire(),
                grant_type: types::ClientCredentialsTokenRequestGrantType::ClientCredentials,
                instance_id: None,
            };
            let (response, at) = self.grant(request.into()).await?;
            Ok(Tokens::from_response(response, Role::App, at))
        })
        .await
    }

    /// Exchanges an authorization code and its PKCE verifier for member tokens.
    pub(crate) async fn exchange_code(
        &self,
        code: &AuthorizationCode,
        verifier: &CodeVerifier,
        redirect_uri: &str,
    ) -> Result<Tokens, Error> {
        let request = types::AuthorizationCodeTokenRequest {
            client_id: self.inner.client_id.clone(),
            grant_type: types::AuthorizationCodeTokenRequestGrantType::AuthorizationCode,
            code: code.to_wire(),
            code_verifier: verifier.expose_secret().into(),
            redirect_uri: Some(redirect_uri.to_string()),
        };
        let (response, at) = self.grant(request.into()).await?;
        Ok(Tokens::from_response(response, Role::Member, at))
    }
}
