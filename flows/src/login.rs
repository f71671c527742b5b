//! Custom login: register, log in, continue a pending state, verify the email code, sign on
//! server-to-server, and recover a password — each answering a typed [`LoginOutcome`].

use std::future::Future;

use wix_auth_generated::types;

use crate::decode::GeneratedAnswer;
use crate::operation::Operation;
use crate::secrets::{AccessToken, Password, RecoveryToken, SessionToken, StateToken};
use crate::{Error, WixAuth};

/// A CAPTCHA token, made with Wix's site keys and the enterprise reCAPTCHA script.
#[derive(Debug, Clone)]
pub enum Captcha {
    /// A visible reCAPTCHA token.
    Recaptcha(String),
    /// An invisible reCAPTCHA token.
    InvisibleRecaptcha(String),
}

/// A new member's email, password, profile and CAPTCHA.
#[derive(Debug, Clone)]
pub struct Registration {
    /// The login email.
    pub email: String,
    /// The password.
    pub password: Password,
    /// The profile (names, nickname, …).
    pub profile: Option<types::IdentityProfile>,
    /// CAPTCHA tokens, when the site requires them.
    pub captcha: Vec<Captcha>,
}

impl Registration {
    /// A registration with an email and a password.
    pub fn new(email: impl Into<String>, password: impl Into<Password>) -> Self {
        Self {
            email: email.into(),
            password: password.into(),
            profile: None,
            captcha: Vec::new(),
        }
    }
}

/// An email and password to log in with.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The login email.
    pub email: String,
    /// The password.
    pub password: Password,
    /// CAPTCHA tokens, when the site requires them.
    pub captcha: Vec<Captcha>,
}

impl Credentials {
    /// Credentials without CAPTCHA.
    pub fn new(email: impl Into<String>, password: impl Into<Password>) -> Self {
        Self {
            email: email.into(),
            password: password.into(),
            captcha: Vec::new(),
        }
    }
}

/// Where a register, login, verification or recovery stands. Every state Wix sends is
/// its own variant; an unknown one is kept, never turned into a failure. Wix adds states
/// (the MFA ones came this way), so a match needs a wildcard arm.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum LoginOutcome {
    /// Logged in: turn the session token into member tokens with
    /// [`WixAuth::member_tokens`].
    Success {
        /// The session token.
        session_token: SessionToken,
        /// The member's identity, when sent.
        identity: Option<Box<types::Identity>>,
    },
    /// A code was emailed; continue with [`WixAuth::verify_email`] and this state token
    /// (it can be stored and used from another process).
    EmailVerificationRequired {
        /// The state token of the verification.
        state_token: StateToken,
        /// The identity (member) id, when sent: [`WixAuth::resend_verification_code`]
        /// takes it.
        identity_id: Option<String>,
    },
    /// The site owner must approve the member; [`WixAuth::continue_login`] with the state
    /// token tells when.
    OwnerApprovalRequired {
        /// The state token, when sent.
        state_token: Option<StateToken>,
    },
    /// `STATUS_CHECK`: the member's status does not prevent login.
    StatusCheck {
        /// The state token, when sent.
        state_token: Option<StateToken>,
    },
    /// `REQUIRE_MISSING_FIELDS`: required signup fields are missing.
    MissingFields {
        /// The state token, when sent.
        state_token: Option<StateToken>,
    },
    /// `REQUIRE_MFA`: the member must pass a second factor, which Wix offers no public
    /// operation for; there is no session token, and the login cannot complete here.
    MfaRequired {
        /// The state token, when sent.
        state_token: Option<StateToken>,
    },
    /// `MFA_CHALLENGE`: a second-factor challenge was issued; like `MfaRequired`, it
    /// cannot complete here.
    MfaChallenge {
        /// The state token, when sent.
        state_token: Option<StateToken>,
    },
    /// `REQUIRE_FIRST_FACTOR`: another first factor (not a password) is required.
    FirstFactorRequired {
        /// The state token, when sent.
        state_token: Option<StateToken>,
    },
    /// A state this crate does not know (`UNKNOWN_STATE`, or one added after it).
    Unknown {
        /// The state as sent.
        state: String,
        /// The state token, when sent.
        state_token: Option<StateToken>,
    },
}

impl LoginOutcome {
    /// Sends a call that answers a login state and reads the state.
    async fn from_call(
        operation: Operation,
        request: impl Future<Output = GeneratedAnswer<types::StateMachineResponse>>,
    ) -> Result<Self, Error> {
        Self::from_response(operation.id(), operation.call(request).await?)
    }

    fn from_response(
        operation: &'static str,
        response: types::StateMachineResponse,
    ) -> Result<Self, Error> {
        use types::{LoginState as S, OpenLoginState as O};
        let state_token = response.state_token.map(StateToken::from);
        let identity_id = response.identity.as_ref().and_then(|i| i.id.clone());
        Ok(match response.state {
            O::LoginState(S::Success) => Self::Success {
                session_token: response.session_token.map(SessionToken::from).ok_or(
                    Error::MissingField {
                        operation,
                        field: "sessionToken",
                    },
                )?,
                identity: response.identity.map(Box::new),
            },
            O::LoginState(S::RequireEmailVerification) => Self::EmailVerificationRequired {
                state_token: state_token.ok_or(Error::MissingField {
                    operation,
                    field: "stateToken",
                })?,
                identity_id,
            },
            O::LoginState(S::RequireOwnerApproval) => Self::OwnerApprovalRequired { state_token },
            O::LoginState(S::StatusCheck) => Self::StatusCheck { state_token },
            O::LoginState(S::RequireMissingFields) => Self::MissingFields { state_token },
            O::LoginState(S::RequireMfa) => Self::MfaRequired { state_token },
            O::LoginState(S::MfaChallenge) => Self::MfaChallenge { state_token },
            O::LoginState(S::RequireFirstFactor) => Self::FirstFactorRequired { state_token },
            O::LoginState(S::UnknownState) => Self::Unknown {
                state: "UNKNOWN_STATE".into(),
                state_token,
            },
            O::String(state) => Self::Unknown { state, state_token },
        })
    }

    /// The login state as Wix names it on the wire (`SUCCESS`, `REQUIRE_EMAIL_VERIFICATION`,
    /// …); for a state this release does not know, the name Wix sent.
    pub fn state(&self) -> &str {
        match self {
            Self::Success { .. } => "SUCCESS",
            Self::EmailVerificationRequired { .. } => "REQUIRE_EMAIL_VERIFICATION",
            Self::OwnerApprovalRequired { .. } => "REQUIRE_OWNER_APPROVAL",
            Self::StatusCheck { .. } => "STATUS_CHECK",
            Self::MissingFields { .. } => "REQUIRE_MISSING_FIELDS",
            Self::MfaRequired { .. } => "REQUIRE_MFA",
            Self::MfaChallenge { .. } => "MFA_CHALLENGE",
            Self::FirstFactorRequired { .. } => "REQUIRE_FIRST_FACTOR",
            Self::Unknown { state, .. } => state,
        }
    }

    /// The session token of a `Success`.
    pub fn session_token(&self) -> Option<&SessionToken> {
        match self {
            Self::Success { session_token, .. } => Some(session_token),
            _ => None,
        }
    }
}

fn captcha_tokens(captcha: &[Captcha]) -> Vec<types::CaptchaToken> {
    captcha
        .iter()
        .filter_map(|c| {
            let mut token = types::CaptchaToken::default();
            match c {
                Captcha::Recaptcha(t) => token.recaptcha = Some(t.as_str().try_into().ok()?),
                Captcha::InvisibleRecaptcha(t) => {
                    token.invisible_recaptcha = Some(t.as_str().try_into().ok()?)
                }
            }
            Some(token)
        })
        .collect()
}

impl WixAuth {
    /// Registers a member (Register V2), with the current visitor's access token.
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).build()?;
    /// use wix_auth_flows::{LoginOutcome, Registration};
    ///
    /// let visitor = auth.visitor_tokens().await?;
    /// let registration = Registration::new("john@doe.com", "verySecurePassword");
    /// match auth.register(&visitor.access_token, &registration).await? {
    ///     LoginOutcome::Success { session_token, .. } => { /* member_tokens(…) */ }
    ///     LoginOutcome::EmailVerificationRequired { state_token, .. } => { /* verify_email(…) */ }
    ///     other => println!("pending: {other:?}"),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn register(
        &self,
        visitor: &AccessToken,
        registration: &Registration,
    ) -> Result<LoginOutcome, Error> {
        crate::telemetry::flow!("wix_auth.register", async move {
            let body = types::RegisterV2Request {
                login_id: types::LoginId {
                    email: registration.email.clone(),
                },
                password: Some(registration.password.to_wire()),
                profile: registration.profile.clone(),
                captcha_tokens: captcha_tokens(&registration.captcha),
                client_meta_data: Default::default(),
            };
            LoginOutcome::from_call(
                Operation::RegisterV2,
                self.inner.api.register_v2(visitor.expose_secret(), &body),
            )
            .await
        })
        .await
    }

    /// Logs a member in (Login V2), with the current visitor's access token.
    pub async fn login(
        &self,
        visitor: &AccessToken,
        credentials: &Credentials,
    ) -> Result<LoginOutcome, Error> {
        crate::telemetry::flow!("wix_auth.login", async move {
            let body = types::LoginV2Request {
                login_id: types::LoginId {
                    email: credentials.email.clone(),
                },
                password: Some(credentials.password.to_wire()),
                captcha_tokens: captcha_tokens(&credentials.captcha),
                client_meta_data: Default::default(),
                state_token: None,
            };
            self.send_login(visitor, &body).await
        })
        .await
    }

    /// Sends Login V2 (fresh or continued) and reads the state it answers.
    async fn send_login(
        &self,
        visitor: &AccessToken,
        body: &types::LoginV2Request,
    ) -> Result<LoginOutcome, Error> {
        LoginOutcome::from_call(
            Operation::LoginV2,
            self.inner.api.login_v2(visitor.expose_secret(), body),
        )
        .await
    }

    /// Continues a pending login with its state token (Login V2 with `stateToken`), e.g. to
    /// learn whether the owner has approved the member.
    pub async fn continue_login(
        &self,
        visitor: &AccessToken,
        email: &str,
        state_token: &StateToken,
    ) -> Result<LoginOutcome, Error> {
        crate::telemetry::flow!("wix_auth.continue_login", async move {
            let body = types::LoginV2Request {
                login_id: types::LoginId {
                    email: email.to_string(),
                },
                password: None,
                captcha_tokens: Vec::new(),
                client_meta_data: Default::default(),
                state_token: Some(state_token.to_wire()),
            };
            self.send_login(visitor, &body).await
        })
        .await
    }

    /// Completes `EmailVerificationRequired` with the emailed code (Verify During
    /// Authentication). Only the state token is needed, so it can be persisted and resumed
    /// anywhere.
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder()
    /// #     .policy(wix_auth_sandbox::Policy { require_email_verification: true, ..Default::default() })
    /// #     .start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).build()?;
    /// use wix_auth_flows::{LoginOutcome, Registration, secrets::StateToken};
    ///
    /// let visitor = auth.visitor_tokens().await?.access_token;
    /// let outcome = auth.register(&visitor, &Registration::new("v@example.com", "secret-pw")).await?;
    /// let LoginOutcome::EmailVerificationRequired { state_token, .. } = outcome else { panic!() };
    /// let saved = serde_json::to_string(&state_token)?; // e.g. in the browser session
    /// # let code = sandbox.latest_code("v@example.com").unwrap();
    /// // … later, when the member types the code:
    /// let state_token: StateToken = serde_json::from_str(&saved)?;
    /// let outcome = auth.verify_email(&visitor, &state_token, &code).await?;
    /// assert!(outcome.session_token().is_some());
    /// # Ok(()) }
    /// ```
    pub async fn verify_email(
        &self,
        visitor: &AccessToken,
        state_token: &StateToken,
        code: &str,
    ) -> Result<LoginOutcome, Error> {
        crate::telemetry::flow!("wix_auth.verify_email", async move {
            let body = types::VerifyDuringAuthenticationRequest {
                code: code.into(),
                state_token: state_token.to_wire(),
            };
            LoginOutcome::from_call(
                Operation::VerifyDuringAuthentication,
                self.inner
                    .api
                    .verify_during_authentication(visitor.expose_secret(), &body),
            )
            .await
        })
        .await
    }

    /// Asks Wix to email a fresh verification code to an identity (Start Verification with
    /// `target=EMAIL`); the id is in [`LoginOutcome::EmailVerificationRequired`]. Wix
    /// documents no "resend" operation: this is the public one closest to it, and the new
    /// code is then verified with [`WixAuth::verify_email`] and the earlier state token.
    pub async fn resend_verification_code(
        &self,
        visitor: &AccessToken,
        identity_id: &str,
    ) -> Result<(), Error> {
        crate::telemetry::flow!("wix_auth.resend_verification_code", async move {
            let body = types::StartVerificationRequest {
                identity_id: identity_id.to_string(),
                target: Some(types::VerificationTarget::Email),
            };
            Operation::StartVerification
                .call(
                    self.inner
                        .api
                        .start_verification(visitor.expose_secret(), &body),
                )
                .await
                .map(drop)
        })
        .await
    }

    /// Signs a member on without credentials (server-to-server), with an app token from
    /// [`WixAuth::app_tokens`]; creates or updates the member.
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI};
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).redirect_uri(DEFAULT_REDIRECT_URI).build()?;
    /// use wix_auth_flows::secrets::ClientSecret;
    ///
    /// let app = auth.app_tokens(&ClientSecret::new(DEFAULT_CLIENT_SECRET)).await?;
    /// let session_token = auth.sign_on(&app.access_token, "sso@example.com", None, true).await?;
    /// let visitor = auth.visitor_tokens().await?.access_token;
    /// let member = auth.member_tokens(&visitor, &session_token).await?;
    /// # let _ = member;
    /// # Ok(()) }
    /// ```
    pub async fn sign_on(
        &self,
        app: &AccessToken,
        email: &str,
        profile: Option<types::IdentityProfile>,
        verify_email: bool,
    ) -> Result<SessionToken, Error> {
        crate::telemetry::flow!("wix_auth.sign_on", async move {
            let body = types::SignOnRequest {
                login_id: types::LoginId {
                    email: email.to_string(),
                },
                profile,
                verify_email,
                merge_existing_contact: true,
            };
            let operation = Operation::SignOn;
            operation
                .call(
                    self.inner
                        .api
                        .sign_on(app.expose_secret(), None, None, &body),
                )
                .await?
                .session_token
                .map(SessionToken::from)
                .ok_or(Error::MissingField {
                    operation: operation.id(),
                    field: "sessionToken",
                })
        })
        .await
    }

    /// Sets a new password with the token from a recovery email (single use).
    ///
    /// ```
    /// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let sandbox = wix_auth_sandbox::Sandbox::builder().start().await?;
    /// # let auth = wix_auth_flows::WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
    /// #     .base_url(sandbox.base_url()).build()?;
    /// use wix_auth_flows::{secrets::RecoveryToken, Registration};
    ///
    /// let visitor = auth.visitor_tokens().await?.access_token;
    /// # auth.register(&visitor, &Registration::new("r@example.com", "old-password")).await?;
    /// auth.send_password_reset(&visitor, "r@example.com", None).await?;
    /// # let from_email = sandbox.latest_recovery_token("r@example.com").unwrap();
    /// let outcome = auth.recover(&RecoveryToken::new(from_email), &"new-password".into()).await?;
    /// assert!(outcome.session_token().is_some());
    /// # Ok(()) }
    /// ```
    pub async fn recover(
        &self,
        recovery_token: &RecoveryToken,
        new_password: &Password,
    ) -> Result<LoginOutcome, Error> {
        crate::telemetry::flow!("wix_auth.recover", async move {
            let body = types::RecoverRequest {
                recovery_token: recovery_token.to_wire(),
                password: Some(new_password.to_wire()),
            };
            LoginOutcome::from_call(Operation::Recover, self.inner.api.recover(None, &body)).await
        })
        .await
    }
}
