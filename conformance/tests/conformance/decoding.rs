//! Decoding what Wix sends: documented examples, arbitrary valid answers, lenient values,
//! and every error form.

use conformance::{PROPTEST_CASES, covers};
use proptest::prelude::*;
use serde_json::{Value, json};
use wiremock::ResponseTemplate;
use wix_auth_flows::{Credentials, Error, error::BodyKind};
use wix_auth_generated::types;

fn decode_debug(schema: &str, value: Value) -> String {
    macro_rules! types_of {
        ($($name:ident),*) => {
            match schema {
                $(stringify!($name) => format!("{:#?}", serde_json::from_value::<types::$name>(value).unwrap()),)*
                other => panic!("no type for {other}"),
            }
        };
    }
    types_of!(
        StateMachineResponse,
        SignOnResponse,
        EmptyResponse,
        ValidateEmailResponse,
        StartVerificationResponse,
        CreateRedirectSessionResponse,
        TokenResponse,
        TokenInfoResponse,
        WixError,
        OAuthError,
        TokenErrorBody
    )
}

#[test]
fn decoded_documented_examples() {
    covers!("DEC-01");
    let examples = crate::common::response_examples();
    assert!(examples.len() >= 20, "{} examples", examples.len());
    for (name, schema, value) in examples {
        insta::assert_snapshot!(
            format!("decoded_documented_examples__{name}"),
            decode_debug(&schema, value)
        );
    }
}

fn login_answer() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just("SUCCESS".to_string()),
            Just("REQUIRE_EMAIL_VERIFICATION".to_string()),
            Just("REQUIRE_OWNER_APPROVAL".to_string()),
            Just("STATUS_CHECK".to_string()),
            "[A-Z_]{3,20}",
        ],
        prop::option::of("[A-Za-z0-9.]{1,200}"),
        prop::option::of(0u64..u64::MAX),
        prop::option::of("[A-Z_]{3,12}"),
        prop::collection::btree_map("[a-z]{1,8}", "[a-z0-9]{0,8}", 0..4),
    )
        .prop_map(|(state, token, revision, status, extra)| {
            let mut body = json!({"state": state});
            if let Some(token) = token {
                body["sessionToken"] = json!(token);
                body["stateToken"] = json!(token);
            }
            let mut identity = json!({"id": "i-1", "identityProfile": {"privacyStatus": "PUBLIC", "secondaryEmails": [{"email": "a@b.c", "tag": "WORK"}]}});
            if let Some(revision) = revision {
                identity["revision"] = json!(revision.to_string());
            }
            if let Some(status) = status {
                identity["status"] = json!({"name": status, "reasons": [status]});
            }
            body["identity"] = identity;
            for (k, v) in extra {
                body.as_object_mut().unwrap().entry(format!("unknown_{k}")).or_insert(json!(v));
            }
            body
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PROPTEST_CASES))]

    #[test]
    fn dec_login_answers_decode_for_all_shapes(body in login_answer()) {
        covers!("DEC-02");
        let decoded: types::StateMachineResponse = serde_json::from_value(body.clone()).unwrap();
        prop_assert_eq!(decoded.state.to_string(), body["state"].as_str().unwrap());
        let revision = decoded.identity.as_ref().and_then(|i| i.revision.clone());
        prop_assert_eq!(revision.as_deref(), body["identity"]["revision"].as_str());
    }
}

#[test]
fn dec_token_info_lenient_values() {
    covers!("DEC-03");
    for (active, exp, expected_active) in [
        (json!(true), json!(1_700_000_000i64), true),
        (json!("true"), json!("1700000000"), true),
        (json!("false"), json!("1700000000"), false),
        (json!(false), json!(1_700_000_000i64), false),
    ] {
        let info: types::TokenInfoResponse = serde_json::from_value(
            json!({"active": active, "exp": exp, "subjectType": "NEW_KIND"}),
        )
        .unwrap();
        assert_eq!(info.is_active(), expected_active);
        assert_eq!(info.exp.unwrap().seconds(), Some(1_700_000_000));
        assert_eq!(info.subject_type.unwrap().to_string(), "NEW_KIND");
    }
    let empty: types::TokenInfoResponse = serde_json::from_value(json!({})).unwrap();
    assert!(!empty.is_active());
    let known: types::TokenInfoResponse =
        serde_json::from_value(json!({"active": true, "subjectType": "MEMBER", "iat": 1})).unwrap();
    assert!(matches!(
        known.subject_type,
        Some(types::OpenSubjectType::SubjectType(
            types::SubjectType::Member
        ))
    ));
    assert_eq!(known.iat.unwrap().seconds(), Some(1));
}

async fn login_error(template: ResponseTemplate) -> Error {
    let (_server, auth) =
        crate::common::flows_answering("/_api/iam/authentication/v2/login", template).await;
    auth.login(&"V".into(), &Credentials::new("a@b.c", "pw"))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn dec_error_forms_are_typed() {
    covers!("DEC-04");
    let id = |t: ResponseTemplate| t.insert_header("x-wix-request-id", "req-9");
    let cases: Vec<(ResponseTemplate, &str, BodyKind)> = vec![
        (id(ResponseTemplate::new(401).set_body_json(json!({"message": "m", "details": {"applicationError": {"code": "-19976"}}}))), "InvalidCredentials", BodyKind::Decoded),
        (id(ResponseTemplate::new(400).set_body_json(json!({"message": "m", "details": {"validationError": {"fieldViolations": [{"field": "f"}]}}}))), "Validation", BodyKind::Decoded),
        (id(ResponseTemplate::new(400).set_body_json(json!({"error": "invalid_request"}))), "OAuth", BodyKind::Decoded),
        (id(ResponseTemplate::new(500)), "Api", BodyKind::Empty),
        (id(ResponseTemplate::new(502).insert_header("content-type", "text/html").set_body_string("<html/>")), "Api", BodyKind::Html),
        (id(ResponseTemplate::new(500).insert_header("content-type", "text/plain").set_body_string("oops")), "Api", BodyKind::Other),
        (id(ResponseTemplate::new(400).set_body_string("{\"message\": ")), "Api", BodyKind::UnreadableJson),
    ];
    for (template, kind, body) in cases {
        let err = login_error(template).await;
        let debug = format!("{err:?}");
        assert!(debug.starts_with(kind), "{debug}");
        let context = err.context().unwrap();
        assert_eq!(context.request_id.as_deref(), Some("req-9"));
        assert!(context.status.is_some());
        assert_eq!(context.body, body, "{debug}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn dec_error_bodies_never_panic(status in 400u16..600, body in prop::collection::vec(any::<u8>(), 0..200)) {
        covers!("DEC-04");
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let err = runtime.block_on(login_error(ResponseTemplate::new(status).set_body_bytes(body)));
        prop_assert_eq!(err.context().and_then(|c| c.status), Some(status));
    }
}
