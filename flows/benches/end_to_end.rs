//! One full custom login over loopback against a started sandbox — visitor token → login →
//! redirect session → authorize → token — through the flows crate, and the same five HTTP
//! calls made by a bare `reqwest` loop with hand-built bodies, in the same run.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use wix_auth_flows::{Credentials, Registration, WixAuth};
use wix_auth_sandbox::Sandbox;
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};

const EMAIL: &str = "bench@example.com";
const PASSWORD: &str = "bench-password";
/// RFC 7636 Appendix B: the bare loop reuses one verifier (it does no PKCE work).
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

async fn flows_login(auth: &WixAuth) {
    let visitor = auth.visitor_tokens().await.unwrap().access_token;
    let outcome = auth
        .login(&visitor, &Credentials::new(EMAIL, PASSWORD))
        .await
        .unwrap();
    let member = auth
        .member_tokens(&visitor, outcome.session_token().unwrap())
        .await
        .unwrap();
    black_box(member);
}

async fn post(http: &reqwest::Client, url: String, token: Option<&str>, body: Value) -> Value {
    let mut request = http.post(url).json(&body);
    if let Some(token) = token {
        request = request.header("authorization", token);
    }
    request.send().await.unwrap().json().await.unwrap()
}

async fn bare_login(http: &reqwest::Client, base: &str) {
    let visitor = post(
        http,
        format!("{base}/oauth2/token"),
        None,
        json!({"clientId": DEFAULT_CLIENT_ID, "grantType": "anonymous"}),
    )
    .await;
    let visitor = visitor["access_token"].as_str().unwrap().to_string();
    let login = post(
        http,
        format!("{base}/_api/iam/authentication/v2/login"),
        Some(&visitor),
        json!({"loginId": {"email": EMAIL}, "password": PASSWORD}),
    )
    .await;
    let session = login["sessionToken"].as_str().unwrap();
    let redirect = post(
        http,
        format!("{base}/_api/redirects-api/v1/redirect-session"),
        Some(&visitor),
        json!({"auth": {"authRequest": {
            "clientId": DEFAULT_CLIENT_ID, "redirectUri": DEFAULT_REDIRECT_URI, "responseType": "code",
            "responseMode": "query", "scope": "offline_access", "state": "bench-state",
            "codeChallenge": CHALLENGE, "codeChallengeMethod": "S256", "sessionToken": session
        }, "prompt": "none"}}),
    )
    .await;
    let full_url = redirect["redirectSession"]["fullUrl"].as_str().unwrap();
    let answer = http.get(full_url).send().await.unwrap();
    let location = answer.headers()["location"].to_str().unwrap();
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let tokens = post(
        http,
        format!("{base}/oauth2/token"),
        None,
        json!({"clientId": DEFAULT_CLIENT_ID, "grantType": "authorization_code", "code": code,
               "codeVerifier": VERIFIER, "redirectUri": DEFAULT_REDIRECT_URI}),
    )
    .await;
    black_box(tokens);
}

fn end_to_end(c: &mut Criterion) {
    // The server gets a runtime of its own, as a real server has its own process, so the
    // client being measured never shares its worker with the requests it waits for.
    let server = tokio::runtime::Runtime::new().unwrap();
    let sandbox = server.block_on(Sandbox::builder().start()).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(sandbox.base_url())
        .redirect_uri(DEFAULT_REDIRECT_URI)
        .build()
        .unwrap();
    runtime.block_on(async {
        let visitor = auth.visitor_tokens().await.unwrap().access_token;
        auth.register(&visitor, &Registration::new(EMAIL, PASSWORD))
            .await
            .unwrap();
    });
    let http = wix_auth_generated::http_client_builder().build().unwrap();
    let base = sandbox.base_url().to_string();

    let mut g = c.benchmark_group("custom_login");
    g.bench_function("flows", |b| {
        b.to_async(&runtime).iter(|| flows_login(&auth))
    });
    g.bench_function("bare_reqwest", |b| {
        b.to_async(&runtime).iter(|| bare_login(&http, &base))
    });
    g.finish();
    server.block_on(sandbox.shutdown());
}

criterion_group!(benches, end_to_end);
criterion_main!(benches);
