//! Email verification: the code check of Verify During Authentication (with its attempt
//! limit) and Start Verification, which sends a fresh code for a pending verification.

use wix_auth_generated::types;

use super::members::invalid_state_token;
use super::store::{EmailKind, Pending, SentEmail};
use super::{Refusal, Site, SiteError};
use crate::crypto;

impl Site {
    /// Verify During Authentication. A wrong code keeps the state token usable until it
    /// expires or the attempt limit is reached; a right code consumes it.
    pub fn verify(
        &self,
        body: &types::VerifyDuringAuthenticationRequest,
    ) -> Result<types::StateMachineResponse, SiteError> {
        let now = self.now();
        let token = body.state_token.expose_secret();
        let max_attempts = self.config.limits.verification_attempts;
        let mut store = self.store();
        let grant = store
            .states()
            .live_mut(token, now)
            .ok_or_else(invalid_state_token)?;
        let member_id = grant.member.clone();
        let Pending::Verification { code, attempts } = &mut grant.pending else {
            return Err(invalid_state_token());
        };
        if !crypto::secrets_equal(code, body.code.expose_secret()) {
            *attempts += 1;
            if *attempts >= max_attempts {
                store.states().take(token);
            }
            return Err(SiteError::Refused(Refusal::WrongCode));
        }
        store.states().take(token);
        let member = store
            .member_mut(&member_id)
            .ok_or_else(invalid_state_token)?;
        member.awaiting_verification = false;
        member.email_verified = true;
        member.touch(now);
        self.advance(&mut store, &member_id)
    }

    /// Start Verification: sends a fresh code for the identity's pending verification; the
    /// state tokens of that verification accept the new code.
    pub fn start_verification(
        &self,
        identity_id: &str,
    ) -> Result<types::StartVerificationResponse, SiteError> {
        let now = self.now();
        let code = crypto::six_digit_code()?;
        let verification_id = crypto::guid()?;
        let mut store = self.store();
        let email = store
            .member(identity_id)
            .map(|m| m.email.to_string())
            .ok_or(SiteError::NotFound("No such identity"))?;
        let mut pending = 0;
        for grant in store.states().values_mut() {
            if let (true, Pending::Verification { code: c, attempts }) =
                (&*grant.member == identity_id, &mut grant.pending)
            {
                c.clone_from(&code);
                *attempts = 0;
                pending += 1;
            }
        }
        if pending == 0 {
            return Err(SiteError::Precondition(
                "The identity has no verification in progress",
            ));
        }
        store.send(SentEmail {
            to: email,
            kind: EmailKind::Verification,
            code: Some(code),
            recovery_token: None,
            redirect_url: None,
            sent_at: now,
        });
        Ok(types::StartVerificationResponse {
            verification_id: Some(verification_id),
        })
    }
}
