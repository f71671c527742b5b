//! A started sandbox with a manual clock, the generated client pointed at it, and the steps
//! most tests share.

use futures_util::TryStreamExt;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;
use wix_auth_generated::{ByteStream, Client, Error, ResponseValue, types};
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI};
#[allow(unused_imports)]
pub use wix_auth_sandbox::{EmailKind, SentEmail};
use wix_auth_sandbox::{ManualClock, RunningSandbox, Sandbox, SandboxBuilder};

/// The RFC 7636 Appendix B verifier and its S256 challenge.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// BASE64URL(SHA-256(VERIFIER)).
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
/// The default client.
pub const CLIENT: &str = DEFAULT_CLIENT_ID;
/// The default client's redirect URI.
pub const REDIRECT: &str = DEFAULT_REDIRECT_URI;
/// The default client's secret.
pub const SECRET: &str = DEFAULT_CLIENT_SECRET;

/// A running sandbox and clients for it.
pub struct Env {
    pub sandbox: RunningSandbox,
    pub api: Client,
    pub http: reqwest::Client,
    pub clock: ManualClock,
}

/// Starts the default sandbox.
pub async fn start() -> Env {
    start_with(Sandbox::builder()).await
}

/// Starts a configured sandbox on a manual clock.
pub async fn start_with(builder: SandboxBuilder) -> Env {
    let clock = ManualClock::at(1_700_000_000);
    let sandbox = builder.manual_clock(clock.clone()).start().await.unwrap();
    let api = Client::new(sandbox.base_url()).unwrap();
    let http = wix_auth_generated::http_client_builder().build().unwrap();
    Env {
        sandbox,
        api,
        http,
        clock,
    }
}

/// A generated-client error taken apart: status, headers and body.
pub struct Failure {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status, String::from_utf8_lossy(&self.body))
    }
}

impl Failure {
    /// The body as the Wix envelope.
    pub fn envelope(&self) -> types::WixError {
        serde_json::from_slice(&self.body).expect("a Wix error envelope")
    }

    /// The first field violation of a validation error.
    pub fn violation(&self) -> types::FieldViolation {
        self.envelope()
            .details
            .and_then(|d| d.validation_error)
            .and_then(|v| v.field_violations.into_iter().next())
            .expect("a validation error")
    }

    /// `details.applicationError.code`.
    pub fn code(&self) -> String {
        self.envelope()
            .details
            .and_then(|d| d.application_error)
            .and_then(|a| a.code)
            .unwrap_or_default()
    }

    /// The body as an RFC 6749 error.
    pub fn oauth_error(&self) -> String {
        let body: types::OAuthError = serde_json::from_slice(&self.body).expect("an OAuth error");
        body.error
    }
}

/// Takes a generated-client error apart; panics on anything but an error response.
pub async fn failure(error: Error<ByteStream>) -> Failure {
    let Error::ErrorResponse(response) = error else {
        panic!("expected an error response, got {error}");
    };
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body: Vec<u8> = response
        .into_inner_stream()
        .try_fold(Vec::new(), |mut acc, chunk| async move {
            acc.extend_from_slice(&chunk);
            Ok(acc)
        })
        .await
        .unwrap();
    Failure {
        status,
        headers,
        body,
    }
}

/// The body of a successful call.
pub fn ok<T>(result: Result<ResponseValue<T>, Error<ByteStream>>) -> T {
    match result {
        Ok(value) => value.into_inner(),
        Err(e) => panic!("expected success, got {e}"),
    }
}

/// The error of a call that must fail.
pub async fn err<T: std::fmt::Debug>(
    result: Result<ResponseValue<T>, Error<ByteStream>>,
) -> Failure {
    match result {
        Ok(value) => panic!("expected an error, got {:?}", value.into_inner()),
        Err(e) => failure(e).await,
    }
}

/// The body of a call, or its failure taken apart.
pub async fn outcome<T>(result: Result<ResponseValue<T>, Error<ByteStream>>) -> Result<T, Failure> {
    match result {
        Ok(value) => Ok(value.into_inner()),
        Err(e) => Err(failure(e).await),
    }
}

/// A `client_credentials` grant for the default client with `secret`.
pub fn client_credentials(secret: &str) -> types::TokenRequest {
    types::ClientCredentialsTokenRequest {
        client_id: CLIENT.into(),
        client_secret: secret.into(),
        grant_type: types::ClientCredentialsTokenRequestGrantType::ClientCredentials,
        instance_id: None,
    }
    .into()
}

/// A register or login body.
pub fn credentials(
    email: &str,
    password: &str,
) -> (types::RegisterV2Request, types::LoginV2Request) {
    (
        types::RegisterV2Request {
            login_id: types::LoginId {
                email: email.into(),
            },
            password: Some(password.into()),
            profile: None,
            captcha_tokens: vec![],
            client_meta_data: Default::default(),
        },
        types::LoginV2Request {
            login_id: types::LoginId {
                email: email.into(),
            },
            password: Some(password.into()),
            captcha_tokens: vec![],
            client_meta_data: Default::default(),
            state_token: None,
        },
    )
}

/// The login state as a string.
pub fn state(response: &types::StateMachineResponse) -> String {
    response.state.to_string()
}

impl Env {
    /// A full URL on the sandbox.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    /// Fresh visitor tokens.
    pub async fn visitor(&self) -> types::TokenResponse {
        let grant: types::TokenRequest = types::AnonymousTokenRequest {
            client_id: CLIENT.into(),
            grant_type: types::AnonymousTokenRequestGrantType::Anonymous,
        }
        .into();
        ok(self.api.create_access_token(None, None, None, &grant).await)
    }

    /// A fresh visitor access token.
    pub async fn visitor_token(&self) -> String {
        self.visitor()
            .await
            .access_token
            .expose_secret()
            .to_string()
    }

    /// Registers a member and returns the answer.
    pub async fn register(
        &self,
        email: &str,
        password: &str,
    ) -> Result<types::StateMachineResponse, Failure> {
        let token = self.visitor_token().await;
        outcome(
            self.api
                .register_v2(&token, &credentials(email, password).0)
                .await,
        )
        .await
    }

    /// Logs a member in and returns the answer.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
    ) -> Result<types::StateMachineResponse, Failure> {
        let token = self.visitor_token().await;
        outcome(
            self.api
                .login_v2(&token, &credentials(email, password).1)
                .await,
        )
        .await
    }

    /// An app access token from the `client_credentials` grant.
    pub async fn app_token(&self) -> String {
        ok(self
            .api
            .create_access_token(None, None, None, &client_credentials(SECRET))
            .await)
        .access_token
        .expose_secret()
        .to_string()
    }

    /// Every member the sandbox knows, from `/_sandbox/members`.
    pub async fn members(&self) -> Vec<Value> {
        let response = self
            .http
            .get(self.url("/_sandbox/members"))
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        body["members"].as_array().cloned().unwrap_or_default()
    }

    /// A raw POST with an `Authorization` header and a raw body.
    pub async fn post_raw(
        &self,
        path: &str,
        token: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .header("authorization", token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    /// A raw JSON POST: status, headers and the body as JSON (or `Null`).
    pub async fn post_json(&self, path: &str, body: &Value) -> (StatusCode, HeaderMap, Value) {
        let response = self
            .http
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap();
        (
            status,
            headers,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    /// The emails sent to `to`, oldest first.
    pub fn outbox(&self, to: &str) -> Vec<SentEmail> {
        self.sandbox.emails_to(to)
    }

    /// The latest verification code sent to `to`.
    pub fn latest_code(&self, to: &str) -> String {
        self.sandbox.latest_code(to).expect("a verification email")
    }

    /// Approves a pending member.
    pub fn approve(&self, email: &str) {
        self.sandbox.approve(email).unwrap();
    }

    /// A redirect session with the `auth` intent for the default client.
    pub fn auth_session_request(
        &self,
        session_token: Option<&str>,
        prompt: types::Prompt,
        mode: types::ResponseMode,
    ) -> types::CreateRedirectSessionRequest {
        types::CreateRedirectSessionRequest {
            auth: Some(types::RedirectSessionAuthParams {
                auth_request: types::AuthorizeRequest {
                    client_id: Some(CLIENT.into()),
                    redirect_uri: Some(REDIRECT.into()),
                    response_type: Some("code".into()),
                    response_mode: Some(mode),
                    scope: Some("offline_access".into()),
                    state: Some("state-123".into()),
                    code_challenge: Some(CHALLENGE.into()),
                    code_challenge_method: Some(types::CodeChallengeMethod::S256),
                    session_token: session_token.map(Into::into),
                    nonce: None,
                    prompt: None,
                    idp: None,
                },
                prompt: Some(prompt),
            }),
            ..Default::default()
        }
    }

    /// Creates a redirect session and returns its `fullUrl`.
    pub async fn full_url(&self, request: &types::CreateRedirectSessionRequest) -> String {
        let token = self.visitor_token().await;
        let session = ok(self.api.create_redirect_session(&token, request).await);
        session
            .redirect_session
            .unwrap()
            .full_url
            .unwrap()
            .to_string()
    }

    /// GETs a URL without following redirects: status, `Location`, body.
    pub async fn get(&self, url: &str) -> (StatusCode, Option<String>, String) {
        let response = self.http.get(url).send().await.unwrap();
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        (status, location, response.text().await.unwrap())
    }

    /// Session token → authorization code (silent authorize, query mode).
    pub async fn code_for(&self, session_token: &str) -> String {
        let request = self.auth_session_request(
            Some(session_token),
            types::Prompt::None,
            types::ResponseMode::Query,
        );
        let url = self.full_url(&request).await;
        let (status, location, _) = self.get(&url).await;
        assert_eq!(status, 302);
        let location = url::Url::parse(&location.unwrap()).unwrap();
        let pairs: std::collections::HashMap<_, _> = location.query_pairs().into_owned().collect();
        assert_eq!(pairs.get("state").map(String::as_str), Some("state-123"));
        pairs["code"].clone()
    }

    /// Exchanges a code with the verifier.
    pub async fn exchange(&self, code: &str) -> Result<types::TokenResponse, Failure> {
        let grant: types::TokenRequest = types::AuthorizationCodeTokenRequest {
            client_id: CLIENT.into(),
            grant_type: types::AuthorizationCodeTokenRequestGrantType::AuthorizationCode,
            code: code.into(),
            code_verifier: VERIFIER.into(),
            redirect_uri: Some(REDIRECT.into()),
        }
        .into();
        outcome(self.api.create_access_token(None, None, None, &grant).await).await
    }

    /// Registers a member and returns its member tokens.
    pub async fn member_tokens(&self, email: &str, password: &str) -> types::TokenResponse {
        let registered = self
            .register(email, password)
            .await
            .unwrap_or_else(|f| panic!("register: {}", f.status));
        let session = registered.session_token.unwrap();
        let code = self.code_for(session.expose_secret()).await;
        self.exchange(&code)
            .await
            .unwrap_or_else(|f| panic!("exchange: {}", f.status))
    }

    /// Redeems a refresh token.
    pub async fn refresh(&self, refresh_token: &str) -> Result<types::TokenResponse, Failure> {
        let grant: types::TokenRequest = types::RefreshTokenRequest {
            client_id: CLIENT.into(),
            grant_type: types::RefreshTokenRequestGrantType::RefreshToken,
            refresh_token: refresh_token.into(),
        }
        .into();
        outcome(self.api.create_access_token(None, None, None, &grant).await).await
    }

    /// Whether Token Info calls the access token active.
    pub async fn is_active(&self, access_token: &str) -> bool {
        let info = ok(self
            .api
            .token_info(&types::TokenInfoRequest {
                token: access_token.into(),
            })
            .await);
        info.is_active()
    }
}
