//! Password recovery: Send Recovery Email (which never reveals whether a member exists)
//! and Recover with a single-use token.

use wix_auth_generated::types;

use super::store::{EmailKind, Expiring, MemberGrant, SentEmail};
use super::{Refusal, Site, SiteError};
use crate::crypto;

impl Site {
    /// Send Recovery Email. Succeeds whether or not a member has the email, so the endpoint
    /// does not reveal who is registered.
    pub fn send_recovery_email(
        &self,
        body: &types::SendRecoveryEmailRequest,
    ) -> Result<(), SiteError> {
        let redirect_url = match &body.redirect {
            Some(types::Redirect {
                url: Some(url),
                client_id,
            }) => {
                if let Some(id) = client_id
                    && self.config.client(id).is_none()
                {
                    return Err(SiteError::invalid(
                        "redirect.clientId",
                        "UNKNOWN_CLIENT",
                        "No OAuth app has this client ID",
                    ));
                }
                let allowed = self
                    .config
                    .clients
                    .iter()
                    .filter(|c| client_id.as_ref().is_none_or(|id| *id == c.id))
                    .any(|c| c.allows_redirect_uri(url.as_str()));
                if !allowed {
                    return Err(SiteError::invalid(
                        "redirect.url",
                        "NOT_ALLOWED",
                        "redirect.url is not an allowed redirect URI of the client",
                    ));
                }
                Some(url.to_string())
            }
            _ => None,
        };
        let now = self.now();
        let token = crypto::token("RCV.sbx-")?;
        let mut store = self.store();
        if let Some(member) = store.member_by_email(body.email.trim()) {
            let (member, to) = (member.id.clone(), member.email.to_string());
            store.recoveries().issue(
                &token,
                MemberGrant {
                    member,
                    expires: now + self.config.lifetimes.recovery_token,
                },
            );
            store.send(SentEmail {
                to,
                kind: EmailKind::Recovery,
                code: None,
                recovery_token: Some(token),
                redirect_url,
                sent_at: now,
            });
        }
        Ok(())
    }

    /// Recover: sets the new password with a single-use token, then where the member stands.
    pub async fn recover(
        &self,
        body: &types::RecoverRequest,
    ) -> Result<types::StateMachineResponse, SiteError> {
        let token = body.recovery_token.expose_secret();
        let hash = self
            .hash_new_password("password", body.password.as_ref())
            .await?;
        let now = self.now();
        let mut store = self.store();
        let grant = store
            .recoveries()
            .take(token)
            .ok_or(SiteError::Refused(Refusal::UnknownRecoveryToken))?;
        if !grant.live_at(now) {
            return Err(SiteError::Refused(Refusal::RecoveryTokenExpired));
        }
        self.set_password(&mut store, &grant.member, hash)
            .ok_or(SiteError::NotFound("No such member"))?;
        self.advance(&mut store, &grant.member)
    }
}
