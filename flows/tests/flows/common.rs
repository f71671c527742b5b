//! A sandbox (or a scripted server) with flows pointed at it.

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wix_auth_flows::clock::ManualClock;
use wix_auth_flows::{Credentials, Error, LoginOutcome, WixAuth, secrets::AccessToken};
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};
use wix_auth_sandbox::{RunningSandbox, Sandbox, SandboxBuilder};

/// The default sandbox client.
pub const CLIENT: &str = DEFAULT_CLIENT_ID;
/// Its redirect URI.
pub const REDIRECT: &str = DEFAULT_REDIRECT_URI;

/// A sandbox and flows for it.
pub struct Env {
    pub sandbox: RunningSandbox,
    pub auth: WixAuth,
    pub http: reqwest::Client,
}

/// The default sandbox.
pub async fn start() -> Env {
    start_with(Sandbox::builder()).await
}

/// A configured sandbox.
pub async fn start_with(builder: SandboxBuilder) -> Env {
    let sandbox = builder.start().await.unwrap();
    let auth = flows_for(sandbox.base_url());
    let http = wix_auth_generated::http_client_builder().build().unwrap();
    Env {
        sandbox,
        auth,
        http,
    }
}

/// Flows for a base URL, with the default client and redirect URI.
pub fn flows_for(base_url: &str) -> WixAuth {
    WixAuth::builder(CLIENT)
        .base_url(base_url)
        .redirect_uri(REDIRECT)
        .build()
        .unwrap()
}

/// Flows on a manual clock.
pub fn flows_with_clock(base_url: &str, clock: ManualClock) -> WixAuth {
    WixAuth::builder(CLIENT)
        .base_url(base_url)
        .redirect_uri(REDIRECT)
        .clock(clock)
        .build()
        .unwrap()
}

impl Env {
    /// A visitor access token.
    pub async fn visitor(&self) -> AccessToken {
        self.auth.visitor_tokens().await.unwrap().access_token
    }
}

/// Registers `email` and returns the member's tokens (visitor token, register, session
/// token → member tokens).
pub async fn registered_member(auth: &WixAuth, email: &str) -> wix_auth_flows::Tokens {
    let visitor = auth.visitor_tokens().await.unwrap().access_token;
    let outcome = auth
        .register(
            &visitor,
            &wix_auth_flows::Registration::new(email, "secret-pw"),
        )
        .await
        .unwrap();
    auth.member_tokens(&visitor, outcome.session_token().unwrap())
        .await
        .unwrap()
}

/// A JSON token response.
pub fn token_body(access: &str, refresh: Option<&str>, expires_in: u64) -> Value {
    let mut body =
        json!({"access_token": access, "token_type": "Bearer", "expires_in": expires_in});
    if let Some(refresh) = refresh {
        body["refresh_token"] = json!(refresh);
    }
    body
}

/// A scripted server whose `POST path` answers `template`, and flows pointed at it; keep
/// the server alive while the flows run.
pub async fn answering(path_: &str, template: ResponseTemplate) -> (MockServer, WixAuth) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(path_))
        .respond_with(template)
        .mount(&server)
        .await;
    let auth = flows_for(&server.uri());
    (server, auth)
}

/// Logs in against a scripted server whose Login V2 answers `template`.
pub async fn login_answer(template: ResponseTemplate) -> Result<LoginOutcome, Error> {
    let (_server, auth) = answering("/_api/iam/authentication/v2/login", template).await;
    auth.login(
        &"VISITOR".into(),
        &Credentials::new("a@example.com", "pw-secret"),
    )
    .await
}
