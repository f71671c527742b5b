//! The generated types decode what a real server sends: unknown fields, unknown enum
//! values, int64 values as strings, and the docs' string booleans.

use serde_json::json;
use wix_auth_generated::types::{self, LoginState, OpenLoginState, OpenStatusName};

#[test]
fn unknown_fields_are_ignored() {
    let body = json!({"state": "SUCCESS", "sessionToken": "MST.x", "brandNew": {"a": 1}});
    let decoded: types::StateMachineResponse = serde_json::from_value(body).unwrap();
    assert!(matches!(
        decoded.state,
        OpenLoginState::LoginState(LoginState::Success)
    ));
}

#[test]
fn an_unknown_login_state_decodes_as_a_string() {
    let body = json!({"state": "A_STATE_ADDED_LATER", "stateToken": "AST.x"});
    let decoded: types::StateMachineResponse = serde_json::from_value(body).unwrap();
    match decoded.state {
        OpenLoginState::String(s) => assert_eq!(s, "A_STATE_ADDED_LATER"),
        other => panic!("expected the unknown state as a string, got {other:?}"),
    }
    assert_eq!(decoded.state_token.unwrap().expose_secret(), "AST.x");
}

#[test]
fn every_documented_login_state_decodes_as_known() {
    for state in [
        "UNKNOWN_STATE",
        "SUCCESS",
        "REQUIRE_OWNER_APPROVAL",
        "REQUIRE_EMAIL_VERIFICATION",
        "STATUS_CHECK",
        "REQUIRE_MISSING_FIELDS",
        "REQUIRE_MFA",
        "MFA_CHALLENGE",
        "REQUIRE_FIRST_FACTOR",
    ] {
        let decoded: OpenLoginState = serde_json::from_value(json!(state)).unwrap();
        assert!(
            matches!(decoded, OpenLoginState::LoginState(_)),
            "{state} decoded as {decoded:?}"
        );
        assert_eq!(decoded.to_string(), state);
    }
}

#[test]
fn identity_revision_and_unknown_status_decode() {
    let body = json!({
        "state": "SUCCESS",
        "identity": {"revision": "42", "status": {"name": "SUSPENDED", "reasons": ["NEW_REASON"]}}
    });
    let decoded: types::StateMachineResponse = serde_json::from_value(body).unwrap();
    let identity = decoded.identity.unwrap();
    assert_eq!(identity.revision.as_deref(), Some("42"));
    let status = identity.status.unwrap();
    assert!(matches!(status.name, Some(OpenStatusName::String(ref s)) if s == "SUSPENDED"));
}

#[test]
fn a_null_refresh_token_decodes_as_absent() {
    let body = json!({"access_token": "AT", "token_type": "Bearer", "expires_in": 1, "refresh_token": null});
    let decoded: types::TokenResponse = serde_json::from_value(body).unwrap();
    assert!(decoded.refresh_token.is_none());
}

#[test]
fn token_response_debug_redacts_both_tokens() {
    let body = json!({"access_token": "OauthNG.JWS.secret-a", "token_type": "Bearer",
                      "expires_in": 14400, "refresh_token": "JWS.secret-r"});
    let decoded: types::TokenResponse = serde_json::from_value(body).unwrap();
    let shown = format!("{decoded:?}");
    assert!(
        !shown.contains("secret-a") && !shown.contains("secret-r"),
        "{shown}"
    );
}

#[test]
fn request_bodies_keep_secrets_out_of_debug_but_on_the_wire() {
    let body = crate::common::login_request("john@doe.com", "verySecurePassword");
    assert!(!format!("{body:?}").contains("verySecurePassword"));
    let wire = serde_json::to_value(&body).unwrap();
    assert_eq!(
        wire,
        json!({"loginId": {"email": "john@doe.com"}, "password": "verySecurePassword"})
    );
}

#[test]
fn wix_error_envelope_decodes_both_detail_forms() {
    let application = json!({"message": "m", "details": {"applicationError": {"code": "-19976", "description": "d", "data": {}}}});
    let decoded: types::WixError = serde_json::from_value(application).unwrap();
    let code = decoded.details.unwrap().application_error.unwrap().code;
    assert_eq!(code.as_deref(), Some("-19976"));

    let validation = json!({"message": "m", "details": {"validationError": {"fieldViolations": [
        {"field": "password", "description": "too short", "violatedRule": "MIN_LENGTH", "ruleName": "VALUE_TOO_SHORT", "data": {"type": "PASSWORD"}}
    ]}}});
    let decoded: types::WixError = serde_json::from_value(validation).unwrap();
    let violations = decoded
        .details
        .unwrap()
        .validation_error
        .unwrap()
        .field_violations;
    assert_eq!(violations[0].rule_name.as_deref(), Some("VALUE_TOO_SHORT"));

    let empty: types::WixError = serde_json::from_value(json!({})).unwrap();
    assert!(empty.message.is_none() && empty.details.is_none());
}
