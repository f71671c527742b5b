//! Account operations around a login: change password, password-reset email, logout URL,
//! token info.

use url::Url;
use wix_auth_generated::types;

use crate::operation::Operation;
use crate::secrets::{AccessToken, Password};
use crate::tokens::{MemberIdentity, Role};
use crate::{Error, WixAuth};

/// What Token Info says about an access token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    /// Whether the token is active.
    pub active: bool,
    /// Whose token it is, when known.
    pub role: Option<Role>,
    /// The subject type as sent (`MEMBER`, `VISITOR`, `APP`, `USER`, or a newer one).
    pub subject_type: Option<String>,
    /// The visitor, member or app ID.
    pub subject_id: Option<String>,
    /// Expiry (Unix seconds).
    pub expires_at: Option<i64>,
    /// Issue time (Unix seconds).
    pub issued_at: Option<i64>,
    /// The client ID the token was issued to.
    pub client_id: Option<String>,
}

impl WixAuth {
    /// Changes the logged-in member's password (member access token).
    pub async fn change_password(
        &self,
        member: &AccessToken,
        new_password: &Password,
    ) -> Result<(), Error> {
        crate::telemetry::flow!("wix_auth.change_password", async move {
            let body = types::ChangePasswordRequest {
                new_password: new_password.to_wire(),
            };
            Operation::ChangePassword
                .call(
                    self.inner
                        .api
                        .change_password(member.expose_secret(), &body),
                )
                .await
                .map(drop)
        })
        .await
    }

    /// Sends a password-reset email; `redirect_uri` (an allowed redirect URI of the app) is
    /// where the member returns after resetting.
    pub async fn send_password_reset(
        &self,
        visitor: &AccessToken,
        email: &str,
        redirect_uri: Option<&str>,
    ) -> Result<(), Error> {
        crate::telemetry::flow!("wix_auth.send_password_reset", async move {
            let redirect = match redirect_uri {
                Some(url) => Some(types::Redirect {
                    url: Some(url.try_into().map_err(|_| {
                        Error::InvalidUrl("redirect.url (at most 1000 characters)")
                    })?),
                    client_id: Some(self.inner.client_id.clone()),
                }),
                None => None,
            };
            let body = types::SendRecoveryEmailRequest {
                email: email.to_string(),
                language: None,
                redirect,
            };
            Operation::SendRecoveryEmail
                .call(
                    self.inner
                        .api
                        .send_recovery_email(visitor.expose_secret(), &body),
                )
                .await
                .map(drop)
        })
        .await
    }

    /// The URL that logs the member out of Wix and returns to `post_flow_url` (redirect
    /// session `logout` intent). Use [`crate::Session::logout`] to also drop local tokens.
    pub async fn logout_url(&self, token: &AccessToken, post_flow_url: &str) -> Result<Url, Error> {
        crate::telemetry::flow!("wix_auth.logout_url", async move {
            let request =
                types::CreateRedirectSessionRequest {
                    logout: Some(types::RedirectSessionLogoutParams {
                        client_id: self.inner.client_id.clone(),
                    }),
                    callbacks: Some(types::CallbackParams {
                        post_flow_url: Some(post_flow_url.try_into().map_err(|_| {
                            Error::InvalidUrl("postFlowUrl (at most 2048 characters)")
                        })?),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
            self.redirect_session_url(token, &request).await
        })
        .await
    }

    /// What an access token is (Token Info).
    pub async fn token_info(&self, token: &AccessToken) -> Result<TokenInfo, Error> {
        crate::telemetry::flow!("wix_auth.token_info", async move {
            let body = types::TokenInfoRequest {
                token: token.to_wire(),
            };
            let info = Operation::TokenInfo
                .call(self.inner.api.token_info(&body))
                .await?;
            let subject_type = info.subject_type.as_ref().map(ToString::to_string);
            let role = match info.subject_type {
                Some(types::OpenSubjectType::SubjectType(types::SubjectType::Member)) => {
                    Some(Role::Member)
                }
                Some(types::OpenSubjectType::SubjectType(types::SubjectType::Visitor)) => {
                    Some(Role::Visitor)
                }
                Some(types::OpenSubjectType::SubjectType(types::SubjectType::App)) => {
                    Some(Role::App)
                }
                _ => None,
            };
            Ok(TokenInfo {
                active: info.is_active(),
                role,
                subject_type,
                subject_id: info.subject_id,
                expires_at: info.exp.and_then(|e| e.seconds()),
                issued_at: info.iat.and_then(|i| i.seconds()),
                client_id: info.client_id,
            })
        })
        .await
    }

    /// Who the member of a member access token is, from Token Info's subject (one request;
    /// Token Info gives no email). A token that is not an active member's is
    /// [`Error::Unauthenticated`].
    pub async fn member_identity(&self, member: &AccessToken) -> Result<MemberIdentity, Error> {
        let info = self.token_info(member).await?;
        match (info.active, info.role, info.subject_id) {
            (true, Some(Role::Member), Some(id)) => Ok(MemberIdentity { id, email: None }),
            _ => Err(Error::Unauthenticated(crate::error::ErrorContext {
                operation: Operation::TokenInfo.id(),
                message: Some("not an active member's token".into()),
                ..crate::error::ErrorContext::default()
            })),
        }
    }
}
