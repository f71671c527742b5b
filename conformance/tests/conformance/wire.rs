//! The exact wire request of every generated operation, snapshotted: a spec or codegen
//! change that alters the wire shows up as a snapshot diff.

use crate::common::redact;
use conformance::covers;
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use wix_auth_generated::{Client, types};

fn wire(request: &Request) -> Value {
    let mut headers = serde_json::Map::new();
    for name in [
        "authorization",
        "content-type",
        "accept",
        "api-version",
        "wix-site-id",
        "wix-account-id",
    ] {
        if let Some(value) = request.headers.get(name) {
            let shown = if name == "authorization" {
                "[redacted]".to_string()
            } else {
                value.to_str().unwrap_or_default().to_string()
            };
            headers.insert(name.to_string(), json!(shown));
        }
    }
    let mut query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    query.sort();
    let mut query: Value = json!(query);
    for pair in query.as_array_mut().unwrap() {
        if ["state", "sessionToken", "codeChallenge"]
            .contains(&pair[0].as_str().unwrap_or_default())
        {
            pair[1] = json!("[redacted]");
        }
    }
    let mut body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    redact(&mut body);
    json!({
        "method": request.method.to_string(),
        "path": request.url.path(),
        "query": query,
        "headers": headers,
        "body": body,
    })
}

#[tokio::test]
async fn wire_requests_of_every_operation() {
    covers!("WIRE-01");
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"state": "SUCCESS", "access_token": "a", "token_type": "Bearer", "expires_in": 1}),
        ))
        .mount(&server)
        .await;
    let api = Client::new(&server.uri()).unwrap();
    let at = "ACCESS-TOKEN";
    let login_id = || types::LoginId {
        email: "john@doe.com".into(),
    };

    api.register_v2(
        at,
        &types::RegisterV2Request {
            login_id: login_id(),
            password: Some("pw".into()),
            profile: Some(types::IdentityProfile {
                nickname: Some("Johnny".into()),
                ..Default::default()
            }),
            captcha_tokens: vec![types::CaptchaToken {
                recaptcha: Some("tok".try_into().unwrap()),
                ..Default::default()
            }],
            client_meta_data: Default::default(),
        },
    )
    .await
    .unwrap();
    api.login_v2(
        at,
        &types::LoginV2Request {
            login_id: login_id(),
            password: Some("pw".into()),
            captcha_tokens: vec![],
            client_meta_data: Default::default(),
            state_token: None,
        },
    )
    .await
    .unwrap();
    api.sign_on(
        at,
        None,
        None,
        &types::SignOnRequest {
            login_id: login_id(),
            profile: None,
            verify_email: true,
            merge_existing_contact: true,
        },
    )
    .await
    .unwrap();
    api.change_password(
        at,
        &types::ChangePasswordRequest {
            new_password: "pw2".into(),
        },
    )
    .await
    .unwrap();
    api.logout(Some("client-1"), Some("https://app.example/"))
        .await
        .unwrap();
    api.validate_email(
        at,
        &types::ValidateEmailRequest {
            email: "john@doe.com".try_into().unwrap(),
        },
    )
    .await
    .unwrap();
    api.verify_during_authentication(
        at,
        &types::VerifyDuringAuthenticationRequest {
            code: "123456".into(),
            state_token: "AST".into(),
        },
    )
    .await
    .unwrap();
    api.start_verification(
        at,
        &types::StartVerificationRequest {
            identity_id: "i-1".into(),
            target: Some(types::VerificationTarget::Email),
        },
    )
    .await
    .unwrap();
    api.send_recovery_email(
        at,
        &types::SendRecoveryEmailRequest {
            email: "john@doe.com".into(),
            language: Some("en".into()),
            redirect: Some(types::Redirect {
                url: Some("https://app.example/".try_into().unwrap()),
                client_id: Some("client-1".into()),
            }),
        },
    )
    .await
    .unwrap();
    api.recover(
        None,
        &types::RecoverRequest {
            recovery_token: "RCV".into(),
            password: Some("pw3".into()),
        },
    )
    .await
    .unwrap();
    api.create_redirect_session(
        at,
        &types::CreateRedirectSessionRequest {
            logout: Some(types::RedirectSessionLogoutParams {
                client_id: "client-1".into(),
            }),
            callbacks: Some(types::CallbackParams {
                post_flow_url: Some("https://app.example/".try_into().unwrap()),
                ..Default::default()
            }),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    for grant in [
        types::TokenRequest::from(types::AnonymousTokenRequest {
            client_id: "client-1".into(),
            grant_type: types::AnonymousTokenRequestGrantType::Anonymous,
        }),
        types::AuthorizationCodeTokenRequest {
            client_id: "client-1".into(),
            grant_type: types::AuthorizationCodeTokenRequestGrantType::AuthorizationCode,
            code: "C".into(),
            code_verifier: "V".into(),
            redirect_uri: Some("https://app.example/cb".into()),
        }
        .into(),
        types::RefreshTokenRequest {
            client_id: "client-1".into(),
            grant_type: types::RefreshTokenRequestGrantType::RefreshToken,
            refresh_token: "R".into(),
        }
        .into(),
        types::ClientCredentialsTokenRequest {
            client_id: "client-1".into(),
            client_secret: "S".into(),
            grant_type: types::ClientCredentialsTokenRequestGrantType::ClientCredentials,
            instance_id: None,
        }
        .into(),
    ] {
        api.create_access_token(None, None, None, &grant)
            .await
            .unwrap();
    }
    let authorized_client = types::AuthorizedClientTokenRequest {
        grant_type: types::AuthorizedClientTokenRequestGrantType::AuthorizedClient,
        member_id: "member-1".into(),
        scope: Some("offline_access".into()),
        session_token: None,
    };
    api.create_access_token(
        Some("VISITOR,API-KEY"),
        None,
        Some("site-1"),
        &authorized_client.into(),
    )
    .await
    .unwrap();
    api.token_info(&types::TokenInfoRequest { token: "T".into() })
        .await
        .unwrap();
    api.authorize(
        Some("client-1"),
        Some("CHALLENGE"),
        Some(types::CodeChallengeMethod::S256),
        None,
        None,
        Some(types::Prompt::None),
        Some("https://app.example/cb"),
        Some(types::ResponseMode::Query),
        Some("code"),
        Some("offline_access"),
        Some("MST"),
        Some("STATE"),
    )
    .await
    .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 18, "every operation, every grant");
    for request in &requests {
        let shape = wire(request);
        assert!(
            shape["headers"].get("api-version").is_none(),
            "api-version is stripped"
        );
        let name = request.url.path().trim_start_matches('/').replace('/', "_");
        let grant = shape["body"]["grantType"]
            .as_str()
            .or(shape["body"]["grant_type"].as_str())
            .map(|g| format!("_{g}"))
            .unwrap_or_default();
        insta::assert_json_snapshot!(
            format!("wire_requests_of_every_operation__{name}{grant}"),
            shape
        );
    }
}
