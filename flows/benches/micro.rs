//! Micro benchmarks of the flows' own work, each beside a bare baseline in the same run:
//! PKCE (vs `sha2` + `base64` directly), state, callback parsing, decoding the seed
//! responses (vs `serde_json` into a hand-written struct) and encoding a request body.

use std::hint::black_box;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::{Criterion, criterion_group, criterion_main};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use wix_auth_flows::pkce::{CodeVerifier, OAuthState};
use wix_auth_flows::{authorize::Callback, types};

const LOGIN_SUCCESS: &str = r#"{"state":"SUCCESS","sessionToken":"MST.eyJraWQiOiJ3cTFCcFlDbyIsImFsZyI6IlJTMjU2In0...","identity":{"id":"12432ed2-ef8b-6bf3-8f9n-94f3c4d0ef85","identifiers":[{"email":"john@doe.com"}],"revision":"1","createdDate":"2023-07-19T11:14:08Z","updatedDate":"2023-07-19T11:14:08Z","connections":[{"authenticatorConnection":{"authenticatorConnectionId":"31ddd8fc-ea95-43ac-95c5-902497125b90","reEnrollmentRequired":false}}],"identityProfile":{"nickname":"Johnny Boy","emails":[],"phones":[],"labels":[],"privacyStatus":"UNDEFINED","customFields":[]},"metadata":{"tags":[]},"email":{"address":"john@doe.com","isVerified":false},"status":{"name":"ACTIVE","reasons":[]}}}"#;
const TOKEN_RESPONSE: &str = r#"{"access_token":"OauthNG.JWS.eyJraWQiOi1JzdUpwSCIsImFsZyI6IkhTMjU2In0...","token_type":"Bearer","expires_in":14400,"refresh_token":"JWS.eyJraWQiOiJ1SEJzdUpwSCIsImFsZyI6IkhTMjU2In0..."}"#;
const CALLBACK: &str =
    "https://app.example/callback?code=OLI79QEL&state=Z4dy7JM2S7n35VnBhdMeOQyXQW7UkE2Q1afdPLL419o";

/// The baseline: only the fields a login needs, hand-written.
#[derive(Deserialize)]
#[allow(dead_code)]
struct BareLogin {
    state: String,
    #[serde(rename = "sessionToken")]
    session_token: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BareTokens {
    access_token: String,
    expires_in: u64,
    refresh_token: Option<String>,
}

#[derive(Serialize)]
struct BareLoginRequest<'a> {
    #[serde(rename = "loginId")]
    login_id: BareLoginId<'a>,
    password: &'a str,
}

#[derive(Serialize)]
struct BareLoginId<'a> {
    email: &'a str,
}

fn pkce(c: &mut Criterion) {
    let mut g = c.benchmark_group("pkce_pair");
    g.bench_function("flows", |b| {
        b.iter(|| {
            let v = CodeVerifier::generate().unwrap();
            black_box(v.challenge())
        })
    });
    g.bench_function("baseline_sha2_base64", |b| {
        b.iter(|| {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).unwrap();
            let verifier = URL_SAFE_NO_PAD.encode(bytes);
            black_box(URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())))
        })
    });
    g.finish();
}

fn state(c: &mut Criterion) {
    let mut g = c.benchmark_group("state");
    let state = OAuthState::generate().unwrap();
    let other = OAuthState::generate().unwrap();
    g.bench_function("generate", |b| {
        b.iter(|| black_box(OAuthState::generate().unwrap()))
    });
    g.bench_function("compare_constant_time", |b| {
        b.iter(|| black_box(state.matches(other.expose_secret())))
    });
    g.bench_function("baseline_compare_eq", |b| {
        b.iter(|| black_box(state.expose_secret() == black_box(other.expose_secret())))
    });
    g.finish();
}

fn callback(c: &mut Criterion) {
    let state = OAuthState::generate().unwrap();
    c.bench_function("callback_parse", |b| {
        b.iter(|| {
            black_box(
                Callback::parse(black_box(CALLBACK))
                    .unwrap()
                    .into_code(&state)
                    .is_err(),
            )
        })
    });
}

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode_login_success");
    g.bench_function("generated", |b| {
        b.iter(|| {
            black_box(
                serde_json::from_str::<types::StateMachineResponse>(black_box(LOGIN_SUCCESS))
                    .unwrap(),
            )
        })
    });
    g.bench_function("baseline_hand_written", |b| {
        b.iter(|| black_box(serde_json::from_str::<BareLogin>(black_box(LOGIN_SUCCESS)).unwrap()))
    });
    g.finish();
    let mut g = c.benchmark_group("decode_token_response");
    g.bench_function("generated", |b| {
        b.iter(|| {
            black_box(
                serde_json::from_str::<types::TokenResponse>(black_box(TOKEN_RESPONSE)).unwrap(),
            )
        })
    });
    g.bench_function("baseline_hand_written", |b| {
        b.iter(|| black_box(serde_json::from_str::<BareTokens>(black_box(TOKEN_RESPONSE)).unwrap()))
    });
    g.finish();
}

fn encode(c: &mut Criterion) {
    let mut g = c.benchmark_group("encode_login_request");
    let body = types::LoginV2Request {
        login_id: types::LoginId {
            email: "john@doe.com".into(),
        },
        password: Some("verySecurePassword".into()),
        captcha_tokens: vec![],
        client_meta_data: Default::default(),
        state_token: None,
    };
    g.bench_function("generated", |b| {
        b.iter(|| black_box(serde_json::to_vec(black_box(&body)).unwrap()))
    });
    let bare = BareLoginRequest {
        login_id: BareLoginId {
            email: "john@doe.com",
        },
        password: "verySecurePassword",
    };
    g.bench_function("baseline_hand_written", |b| {
        b.iter(|| black_box(serde_json::to_vec(black_box(&bare)).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, pkce, state, callback, decode, encode);
criterion_main!(benches);
