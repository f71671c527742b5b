//! The token endpoint: responses of every shape decode, every error form is typed.

use conformance::{PROPTEST_CASES, covers};
use proptest::prelude::*;
use serde_json::{Value, json};
use wiremock::ResponseTemplate;
use wix_auth_flows::{Error, error::BodyKind};
use wix_auth_generated::types;

fn token_response() -> impl Strategy<Value = Value> {
    (
        "[A-Za-z0-9._-]{1,3000}",
        prop::option::of("[A-Za-z0-9._-]{1,500}"),
        prop_oneof![
            (0i64..1_000_000).prop_map(|n| json!(n)),
            (0i64..1_000_000).prop_map(|n| json!(n.to_string()))
        ],
        prop_oneof![Just("Bearer"), Just("bearer"), Just("BEARER")],
        prop::option::of("[a-z_ ]{0,30}"),
        prop::collection::btree_map("[a-z]{1,12}", any::<i32>(), 0..4),
    )
        .prop_map(|(access, refresh, expires, kind, scope, extra)| {
            let mut body =
                json!({"access_token": access, "token_type": kind, "expires_in": expires});
            if let Some(refresh) = refresh {
                body["refresh_token"] = json!(refresh);
            }
            if let Some(scope) = scope {
                body["scope"] = json!(scope);
            }
            for (k, v) in extra {
                body.as_object_mut()
                    .unwrap()
                    .entry(format!("x_{k}"))
                    .or_insert(json!(v));
            }
            body
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PROPTEST_CASES))]

    #[test]
    fn token_responses_decode_for_all_shapes(body in token_response()) {
        covers!("TOKEN-02");
        let decoded: types::TokenResponse = serde_json::from_value(body.clone()).unwrap();
        prop_assert_eq!(decoded.access_token.expose_secret(), body["access_token"].as_str().unwrap());
        let expected = match &body["expires_in"] {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        };
        prop_assert_eq!(decoded.expires_in.seconds(), expected);
        prop_assert_eq!(decoded.refresh_token.is_some(), body.get("refresh_token").is_some());
    }
}

#[tokio::test]
async fn token_errors_are_typed() {
    covers!("TOKEN-03");
    let cases: Vec<(ResponseTemplate, &str)> = vec![
        (
            ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_request"})),
            "OAuth invalid_request 400",
        ),
        (
            ResponseTemplate::new(401).set_body_json(json!({"error": "invalid_client"})),
            "OAuth invalid_client 401",
        ),
        (
            ResponseTemplate::new(400)
                .set_body_json(json!({"error": "invalid_grant", "error_description": "used"})),
            "OAuth invalid_grant 400",
        ),
        (
            ResponseTemplate::new(400).set_body_json(json!({"error": "unauthorized_client"})),
            "OAuth unauthorized_client 400",
        ),
        (
            ResponseTemplate::new(400).set_body_json(json!({"error": "unsupported_grant_type"})),
            "OAuth unsupported_grant_type 400",
        ),
        (
            ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_scope"})),
            "OAuth invalid_scope 400",
        ),
        (
            ResponseTemplate::new(400).set_body_json(json!({"error": "a_new_code"})),
            "OAuth a_new_code 400",
        ),
        (
            ResponseTemplate::new(500)
                .insert_header("content-type", "text/html")
                .set_body_string("<h1>oops</h1>"),
            "Api Html 500",
        ),
        (
            ResponseTemplate::new(503).insert_header("retry-after", "5"),
            "Unavailable Empty 503",
        ),
        (
            ResponseTemplate::new(400).set_body_string("{\"error\": \"inv"),
            "Api UnreadableJson 400",
        ),
        (
            ResponseTemplate::new(400).set_body_json(
                json!({"message": "m", "details": {"applicationError": {"code": "X"}}}),
            ),
            "Api Decoded 400",
        ),
    ];
    for (template, expected) in cases {
        let (_server, auth) = crate::common::flows_answering("/oauth2/token", template).await;
        let err = auth.visitor_tokens().await.unwrap_err();
        let context = err.context().expect("an answer error keeps its context");
        let status = context.status.unwrap();
        let got = match &err {
            Error::OAuth { error, .. } => format!("OAuth {error} {status}"),
            Error::Unavailable { .. } => format!("Unavailable {:?} {status}", context.body),
            Error::Api(c) => format!("Api {:?} {status}", c.body),
            other => format!("{other:?}"),
        };
        assert_eq!(got, expected);
        if expected.starts_with("Api Decoded") {
            assert_eq!(context.body, BodyKind::Decoded);
        }
    }
}
