//! Members: Register, Login (with its throttle and pending states), Sign On, Change
//! Password, Logout, Validate Email, Get My Member, social-provider members, and the one
//! rule that decides where a member stands after each of them.

use wix_auth_generated::{Secret, types};

use super::api_keys::{ApiKeyProblem, KeyHeaders};
use super::store::{
    AccessGrant, FailedLogins, Member, MemberGrant, MemberId, Pending, SentEmail, StateGrant,
    Store, Subject, rfc3339,
};
use super::{Refusal, Site, SiteError};
use crate::crypto::{self, PasswordHash};

/// The longest email address accepted (RFC 5321's path limit, as Validate Email's `maxLength`).
pub const MAX_EMAIL_LEN: usize = 254;

/// A plausible email address: one `@`, a non-empty local part, a dotted domain, no spaces
/// or control characters, at most [`MAX_EMAIL_LEN`] bytes.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= MAX_EMAIL_LEN
        && !email.chars().any(|c| c.is_control() || c.is_whitespace())
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// Refuses an email that is not `local@domain.tld`.
fn check_email(field: &'static str, email: &str) -> Result<(), SiteError> {
    if is_email(email) {
        Ok(())
    } else {
        Err(SiteError::invalid(
            field,
            "INVALID_EMAIL",
            "The email address is not valid",
        ))
    }
}

/// A profile as the member record keeps it: refused when a value is outside the npm types —
/// an open enum (`privacyStatus`, a tag) with a value Wix does not define, a custom field
/// whose value sets none of the typed keys (an unknown key such as `text` would otherwise be
/// stored as `{}`) — and its custom fields in the array form every answer carries, whichever
/// form they came in (the REST docs' object of field name → value, or `@wix/sdk`'s array).
fn checked_profile(
    mut profile: types::IdentityProfile,
) -> Result<types::IdentityProfile, SiteError> {
    let unknown = |path: String, value: &str| {
        Err(SiteError::invalid(
            path.clone(),
            "INVALID_ENUM",
            format!("`{value}` is not a value of `{path}`"),
        ))
    };
    if let Some(types::OpenPrivacyStatus::String(value)) = &profile.privacy_status {
        return unknown("profile.privacyStatus".into(), value);
    }
    for (i, email) in profile.secondary_emails.iter().enumerate() {
        if let Some(types::OpenEmailTag::String(value)) = &email.tag {
            return unknown(format!("profile.secondaryEmails[{i}].tag"), value);
        }
    }
    for (i, phone) in profile.phones_v2.iter().enumerate() {
        if let Some(types::OpenPhoneTag::String(value)) = &phone.tag {
            return unknown(format!("profile.phonesV2[{i}].tag"), value);
        }
    }
    for (i, address) in profile.addresses.iter().enumerate() {
        if let Some(types::OpenAddressTag::String(value)) = &address.tag {
            return unknown(format!("profile.addresses[{i}].tag"), value);
        }
    }
    let fields = match profile.custom_fields.take() {
        None => Vec::new(),
        Some(types::CustomFields::Array(fields)) => fields,
        Some(types::CustomFields::Object(object)) => object
            .into_iter()
            .map(|(name, value)| custom_field(name, value))
            .collect::<Result<_, _>>()?,
    };
    for (i, custom) in fields.iter().enumerate() {
        let typed = custom.value.as_ref().is_some_and(|v| {
            v.str_value.is_some()
                || v.num_value.is_some()
                || v.date_value.is_some()
                || v.bool_value.is_some()
                || v.list_value.is_some()
                || v.map_value.is_some()
        });
        if !typed {
            return Err(SiteError::invalid(
                format!("profile.customFields[{i}].value"),
                "REQUIRED_FIELD",
                "A custom field's value sets one of strValue, numValue, dateValue, boolValue, listValue or mapValue",
            ));
        }
    }
    profile.custom_fields = Some(types::CustomFields::Array(fields));
    Ok(profile)
}

/// A custom field of the object form (`"favColor": "blue"`) as the array form's
/// `{name, value: {strValue}}`: strings, numbers and booleans; anything else is refused.
fn custom_field(name: String, value: serde_json::Value) -> Result<types::CustomField, SiteError> {
    let mut typed = types::CustomFieldValue::default();
    match value {
        serde_json::Value::String(s) => typed.str_value = Some(s),
        serde_json::Value::Number(n) => typed.num_value = n.as_f64(),
        serde_json::Value::Bool(b) => typed.bool_value = Some(b),
        _ => {
            return Err(SiteError::invalid(
                format!("profile.customFields.{name}"),
                "INVALID_ARGUMENT",
                "A custom field's value is a string, a number or a boolean",
            ));
        }
    }
    Ok(types::CustomField {
        name: Some(name),
        value: Some(typed),
    })
}

/// The error a used, expired or unknown state token gets.
pub fn invalid_state_token() -> SiteError {
    SiteError::Refused(Refusal::InvalidStateToken)
}

/// A login-state answer.
fn answer(
    state: types::LoginState,
    member: &Member,
    session_token: Option<String>,
    state_token: Option<String>,
) -> types::StateMachineResponse {
    types::StateMachineResponse {
        state: state.into(),
        session_token: session_token.map(Into::into),
        state_token: state_token.map(Into::into),
        identity: Some(member.identity()),
        additional_data: Default::default(),
    }
}

impl Site {
    /// A new member record with a fresh id.
    pub fn new_member(
        &self,
        email: &str,
        password: Option<PasswordHash>,
    ) -> Result<Member, SiteError> {
        Ok(Member::new(
            crypto::guid()?.into(),
            email,
            password,
            self.now(),
        ))
    }

    /// Refuses a missing or invalid CAPTCHA when the site requires one. A token starting
    /// with `invalid` counts as invalid; any other non-empty token passes.
    fn check_captcha(&self, tokens: &[types::CaptchaToken]) -> Result<(), SiteError> {
        if !self.config.policy.require_captcha {
            return Ok(());
        }
        let first = tokens
            .iter()
            .flat_map(|t| {
                [
                    t.recaptcha.as_deref().map(String::as_str),
                    t.invisible_recaptcha.as_deref().map(String::as_str),
                    t.no_captcha.as_deref().map(String::as_str),
                    t.recaptcha_for_client_site_key
                        .as_ref()
                        .and_then(|k| k.token.as_deref()),
                ]
            })
            .flatten()
            .find(|v| !v.is_empty());
        match first {
            None => Err(SiteError::Refused(Refusal::CaptchaMissing)),
            Some(v) if v.starts_with("invalid") => Err(SiteError::Refused(Refusal::CaptchaInvalid)),
            Some(_) => Ok(()),
        }
    }

    /// Hashes a new password after checking it is present and long enough for the site.
    pub async fn hash_new_password(
        &self,
        field: &'static str,
        password: Option<&Secret>,
    ) -> Result<PasswordHash, SiteError> {
        let password = password
            .map(Secret::expose_secret)
            .ok_or_else(|| SiteError::invalid(field, "REQUIRED_FIELD", "A password is required"))?;
        let min = self.config.policy.password_min_length;
        if password.chars().count() < min {
            return Err(SiteError::invalid(
                field,
                "VALUE_TOO_SHORT",
                format!("The password must have at least {min} characters"),
            ));
        }
        Ok(crypto::hash_password(password, self.config.password_hash_rounds).await?)
    }

    /// Register V2: a new member, then where the site's policies put it.
    pub async fn register(
        &self,
        body: types::RegisterV2Request,
    ) -> Result<types::StateMachineResponse, SiteError> {
        self.check_captcha(&body.captcha_tokens)?;
        let email = body.login_id.email.trim();
        check_email("loginId.email", email)?;
        let profile = body.profile.map(checked_profile).transpose()?;
        let hash = self
            .hash_new_password("password", body.password.as_ref())
            .await?;
        let mut member = self.new_member(email, Some(hash))?;
        member.profile = profile.map(Box::new);
        let mut store = self.store();
        if store.member_by_email(email).is_some() {
            return Err(SiteError::Refused(Refusal::EmailTaken));
        }
        member.awaiting_verification =
            store.is_contact(email) || self.config.policy.require_email_verification;
        member.awaiting_approval = self.config.policy.require_owner_approval;
        let id = member.id.clone();
        store.insert_member(member);
        self.advance(&mut store, &id)
    }

    /// Login V2: with a password, or continuing a state token.
    pub async fn login(
        &self,
        body: types::LoginV2Request,
    ) -> Result<types::StateMachineResponse, SiteError> {
        self.check_captcha(&body.captcha_tokens)?;
        if let Some(state_token) = &body.state_token {
            return self.continue_login(state_token.expose_secret());
        }
        let password = body
            .password
            .as_ref()
            .map(|p| p.expose_secret())
            .unwrap_or_default();
        let member = self
            .check_credentials(body.login_id.email.trim(), password)
            .await?;
        self.advance(&mut self.store(), &member)
    }

    /// Checks an email and password against the members, with throttling: the member when
    /// it may log in (or must verify the email first), else the Wix error.
    pub async fn check_credentials(
        &self,
        email: &str,
        password: &str,
    ) -> Result<MemberId, SiteError> {
        let now = self.now();
        let key = email.to_lowercase();
        let limits = &self.config.limits;
        let stored = {
            let mut store = self.store();
            if let Some(failed) = store.failed_logins(&key)
                && failed.count >= limits.failed_logins
                && now < failed.since + limits.failed_login_window
            {
                return Err(SiteError::Throttled {
                    retry_after: failed.since + limits.failed_login_window - now,
                });
            }
            store
                .member_by_email(email)
                .map(|m| (m.id.clone(), m.password.clone()))
        };
        let verified = match &stored {
            Some((_, Some(hash))) => crypto::verify_password(hash.clone(), password).await,
            _ => false,
        };
        let mut store = self.store();
        let known = stored.is_some();
        let Some((member_id, _)) = stored.filter(|_| verified) else {
            let failed = store.count_failed_login(&key, now);
            if now >= failed.since + limits.failed_login_window {
                *failed = FailedLogins {
                    count: 0,
                    since: now,
                };
            }
            failed.count += 1;
            return Err(if known {
                SiteError::Refused(Refusal::WrongPassword)
            } else {
                SiteError::Refused(Refusal::UnknownEmail)
            });
        };
        store.forget_failed_logins(&key);
        let member = store
            .member(&member_id)
            .ok_or(SiteError::NotFound("No such member"))?;
        if member.password_reset_required {
            return Err(SiteError::Refused(Refusal::PasswordResetRequired));
        }
        if member.awaiting_approval && !member.awaiting_verification {
            return Err(SiteError::Refused(Refusal::AwaitingApproval));
        }
        Ok(member_id)
    }

    /// Login V2 with a state token: the state it continues, or `SUCCESS` once approved.
    fn continue_login(&self, state_token: &str) -> Result<types::StateMachineResponse, SiteError> {
        let now = self.now();
        let mut store = self.store();
        let grant = store
            .states()
            .live(state_token, now)
            .cloned()
            .ok_or_else(invalid_state_token)?;
        let member = store
            .member(&grant.member)
            .ok_or_else(invalid_state_token)?;
        let still_pending = match grant.pending {
            Pending::Approval => member
                .awaiting_approval
                .then_some(types::LoginState::RequireOwnerApproval),
            Pending::Verification { .. } => member
                .awaiting_verification
                .then_some(types::LoginState::RequireEmailVerification),
            Pending::SecondFactor(state) => Some(state),
        };
        if let Some(state) = still_pending {
            return Ok(answer(state, member, None, Some(state_token.to_string())));
        }
        store.states().take(state_token);
        self.advance(&mut store, &grant.member)
    }

    /// Sign On: app identities only (a `client_credentials` token, or an API key with its
    /// site or account). Finds or creates the member and answers a session token.
    pub fn sign_on(
        &self,
        keys: &KeyHeaders,
        body: types::SignOnRequest,
    ) -> Result<types::SignOnResponse, SiteError> {
        let by_key = self
            .api_key_call(keys)
            .map_err(ApiKeyProblem::into_site)?
            .is_some();
        if !by_key && !matches!(self.caller(keys.token())?.subject, Subject::App(_)) {
            return Err(SiteError::Forbidden(
                "Sign On needs an app identity (client_credentials token or API key)",
            ));
        }
        let email = body.login_id.email.trim();
        check_email("loginId.email", email)?;
        let profile = body.profile.map(checked_profile).transpose()?;
        let now = self.now();
        let fresh = self.new_member(email, None)?;
        let mut store = self.store();
        let id = match store.member_by_email(email).map(|m| m.id.clone()) {
            Some(id) => id,
            None => {
                let id = fresh.id.clone();
                store.insert_member(fresh);
                id
            }
        };
        let member = store
            .member_mut(&id)
            .ok_or(SiteError::NotFound("No such member"))?;
        if let Some(profile) = profile {
            member.profile = Some(Box::new(profile));
        }
        if body.verify_email {
            member.email_verified = true;
            member.awaiting_verification = false;
        }
        member.touch(now);
        let identity = member.identity();
        let session = self.issue_session_token(&mut store, id)?;
        Ok(types::SignOnResponse {
            session_token: Some(session.into()),
            identity: Some(identity),
        })
    }

    /// Change Password: members only.
    pub async fn change_password(
        &self,
        caller: &AccessGrant,
        body: types::ChangePasswordRequest,
    ) -> Result<(), SiteError> {
        let Subject::Member(member_id) = &caller.subject else {
            return Err(SiteError::Forbidden("Change Password needs a member token"));
        };
        let hash = self
            .hash_new_password("newPassword", Some(&body.new_password))
            .await?;
        self.set_password(&mut self.store(), member_id, hash)
            .ok_or(SiteError::Unauthenticated)
    }

    /// Sets a member's password (which ends a required reset); `None` if there is no such
    /// member.
    pub fn set_password(
        &self,
        store: &mut Store,
        member_id: &str,
        hash: PasswordHash,
    ) -> Option<()> {
        let member = store.member_mut(member_id)?;
        member.password = Some(hash);
        member.password_reset_required = false;
        member.touch(self.now());
        Some(())
    }

    /// Logout: a member token, if sent, is revoked with its session; answers where to send
    /// the browser, if a `postLogoutRedirectUri` was given and it is allowed.
    pub fn logout(
        &self,
        token: Option<&str>,
        post_logout_redirect: Option<&str>,
        client_id: Option<&str>,
    ) -> Result<Option<String>, SiteError> {
        if let Some(token) = token {
            let mut store = self.store();
            if let Some(grant) = store.live_access(token, self.now())
                && matches!(grant.subject, Subject::Member(_))
            {
                let family = grant.family;
                store.revoke_family(family, self.revocation_end());
            }
        }
        let Some(target) = post_logout_redirect else {
            return Ok(None);
        };
        let allowed = self
            .config
            .clients
            .iter()
            .filter(|c| client_id.is_none_or(|id| id == c.id))
            .any(|c| c.allows_post_flow_url(target) || c.allows_redirect_uri(target));
        if allowed {
            Ok(Some(target.to_string()))
        } else {
            Err(SiteError::invalid(
                "postLogoutRedirectUri",
                "NOT_ALLOWED",
                "postLogoutRedirectUri is not an allowed URL of the client",
            ))
        }
    }

    /// Validate Email. Addresses at a domain ending in `.invalid` have no DNS records;
    /// `bounce@…` has bounced.
    pub fn validate_email(&self, email: &str) -> types::ValidateEmailResponse {
        let refused = |format_invalid: bool, reason: types::EmailFailureReason| {
            types::ValidateEmailResponse {
                valid: Some(false),
                format_invalid: Some(format_invalid),
                failure: Some(types::ValidateEmailFailure {
                    reason: Some(reason.into()),
                }),
            }
        };
        if !is_email(email) {
            refused(true, types::EmailFailureReason::EmailDomainFormatInvalid)
        } else if email.ends_with(".invalid") {
            refused(
                false,
                types::EmailFailureReason::EmailDomainMissingDnsRecords,
            )
        } else if email.starts_with("bounce@") {
            refused(false, types::EmailFailureReason::EmailAddressBounced)
        } else {
            types::ValidateEmailResponse {
                valid: Some(true),
                format_invalid: Some(false),
                failure: None,
            }
        }
    }

    /// Get My Member: the member of a member access token, with the fields of Wix's Member
    /// object (`id`, `loginEmail`, `loginEmailVerified`, `status`, `contactId`, `contact`,
    /// `profile`, `privacyStatus`, `activityStatus`, dates). A visitor or app token is
    /// refused: there is no "my" member.
    pub fn my_member(&self, caller: &AccessGrant) -> Result<serde_json::Value, SiteError> {
        let Subject::Member(member_id) = &caller.subject else {
            return Err(SiteError::Forbidden(
                "Get My Member needs a member access token",
            ));
        };
        let store = self.store();
        let member = store.member(member_id).ok_or(SiteError::Unauthenticated)?;
        let profile = member.profile.as_deref().cloned().unwrap_or_default();
        let status = if member.awaiting_approval {
            "PENDING"
        } else {
            "APPROVED"
        };
        let nickname = profile
            .nickname
            .clone()
            .unwrap_or_else(|| member.email.split('@').next().unwrap_or_default().into());
        Ok(serde_json::json!({
            "member": {
                "id": &*member.id,
                "loginEmail": member.email,
                "loginEmailVerified": member.email_verified,
                "status": status,
                "contactId": &*member.id,
                "contact": {
                    "firstName": profile.first_name,
                    "lastName": profile.last_name,
                    "emails": [member.email],
                },
                "profile": {
                    "nickname": nickname,
                    "slug": profile.slug.clone().unwrap_or_else(|| member.id.to_string()),
                },
                "privacyStatus": "PRIVATE",
                "activityStatus": "ACTIVE",
                "createdDate": rfc3339(member.created),
                "updatedDate": rfc3339(member.updated),
            }
        }))
    }

    /// The member a social provider's account signs in as: found by email, or created
    /// without a password (the provider vouches for the email, so it is verified), and
    /// linked to the IdP connection.
    pub fn provider_member(&self, email: &str, connection: &str) -> Result<MemberId, SiteError> {
        let mut fresh = self.new_member(email, None)?;
        let mut store = self.store();
        if let Some(id) = store.member_by_email(email).map(|m| m.id.clone()) {
            if let Some(member) = store.member_mut(&id) {
                member
                    .idp_connection
                    .get_or_insert_with(|| connection.into());
            }
            return Ok(id);
        }
        fresh.email_verified = true;
        fresh.idp_connection = Some(connection.into());
        let id = fresh.id.clone();
        store.insert_member(fresh);
        Ok(id)
    }

    /// Where the member now stands: `REQUIRE_EMAIL_VERIFICATION` (sending a code),
    /// `REQUIRE_OWNER_APPROVAL`, a second factor, or `SUCCESS` with a session token.
    pub fn advance(
        &self,
        store: &mut Store,
        member_id: &MemberId,
    ) -> Result<types::StateMachineResponse, SiteError> {
        let member = store
            .member(member_id)
            .cloned()
            .ok_or(SiteError::NotFound("No such member"))?;
        let second_factor = member.second_factor.or((self.config.policy.require_mfa
            && member.password.is_some())
        .then_some(types::LoginState::RequireMfa));
        let (state, pending) = if member.awaiting_verification {
            let code = crypto::six_digit_code()?;
            store.send(SentEmail {
                to: member.email.to_string(),
                kind: super::EmailKind::Verification,
                code: Some(code.clone()),
                recovery_token: None,
                redirect_url: None,
                sent_at: self.now(),
            });
            (
                types::LoginState::RequireEmailVerification,
                Pending::Verification { code, attempts: 0 },
            )
        } else if member.awaiting_approval {
            (types::LoginState::RequireOwnerApproval, Pending::Approval)
        } else if let Some(state) = second_factor {
            (state, Pending::SecondFactor(state))
        } else {
            let session = self.issue_session_token(store, member.id.clone())?;
            return Ok(answer(
                types::LoginState::Success,
                &member,
                Some(session),
                None,
            ));
        };
        let state_token = crypto::token("AST.sbx-")?;
        store.states().issue(
            &state_token,
            StateGrant {
                member: member.id.clone(),
                pending,
                expires: self.now() + self.config.lifetimes.state_token,
            },
        );
        Ok(answer(state, &member, None, Some(state_token)))
    }

    /// Issues a single-use session token for the member.
    fn issue_session_token(
        &self,
        store: &mut Store,
        member: MemberId,
    ) -> Result<String, SiteError> {
        let session = crypto::token("MST.sbx-")?;
        store.sessions().issue(
            &session,
            MemberGrant {
                member,
                expires: self.now() + self.config.lifetimes.session_token,
            },
        );
        Ok(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_a_local_part_a_dotted_domain_and_no_control_characters() {
        assert!(is_email("a@b.co"));
        for bad in [
            "", "a", "@b.co", "a@b", "a@.co", "a@co.", "a b@c.co", "a@b@c.co",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
        assert!(!is_email("a\u{0}@b.co"));
        let long = format!("{}@b.co", "a".repeat(MAX_EMAIL_LEN));
        assert!(!is_email(&long));
    }
}
