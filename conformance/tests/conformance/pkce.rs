//! PKCE (RFC 7636).

use crate::common::*;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use conformance::{PROPTEST_CASES, covers};
use proptest::prelude::*;
use wix_auth_flows::pkce::CodeVerifier;
use wix_auth_flows::{Error, secrets::SessionToken};

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

#[test]
fn pkce_verifier_grammar_boundaries() {
    covers!("PKCE-01");
    for (len, ok) in [(42, false), (43, true), (128, true), (129, false)] {
        assert_eq!(
            CodeVerifier::parse(&"a".repeat(len)).is_ok(),
            ok,
            "length {len}"
        );
        assert_eq!(
            CodeVerifier::generate_with_len(len).is_ok(),
            ok,
            "generate {len}"
        );
    }
    assert!(matches!(
        CodeVerifier::generate_with_len(129),
        Err(Error::InvalidVerifier { len: 129 })
    ));
    assert!(CodeVerifier::parse(&format!("{}=", "a".repeat(42))).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PROPTEST_CASES))]

    #[test]
    fn pkce_verifier_parse_matches_the_grammar(text in "[A-Za-z0-9._~+/= %-]{0,200}") {
        covers!("PKCE-01");
        let valid = (43..=128).contains(&text.len()) && text.bytes().all(unreserved);
        prop_assert_eq!(CodeVerifier::parse(&text).is_ok(), valid);
    }

    #[test]
    fn pkce_challenges_are_unpadded_base64url(text in "[A-Za-z0-9._~-]{43,128}") {
        covers!("PKCE-04");
        let challenge = CodeVerifier::parse(&text).unwrap().challenge();
        prop_assert_eq!(challenge.len(), 43);
        prop_assert!(challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn pkce_generated_verifiers_have_the_asked_length_and_charset(len in 43usize..=128) {
        covers!("PKCE-02");
        let verifier = CodeVerifier::generate_with_len(len).unwrap();
        prop_assert_eq!(verifier.expose_secret().len(), len);
        prop_assert!(verifier.expose_secret().bytes().all(unreserved));
    }
}

#[test]
fn pkce_generated_verifiers_are_distinct_and_well_formed() {
    covers!("PKCE-02");
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let v = CodeVerifier::generate().unwrap();
        let text = v.expose_secret().to_string();
        assert_eq!(text.len(), 43, "32 random bytes, 256 bits");
        assert!(text.bytes().all(unreserved));
        assert!(seen.insert(text), "a verifier repeated");
    }
}

#[test]
fn pkce_appendix_b_vector() {
    covers!("PKCE-03", "PKCE-05");
    let octets: [u8; 32] = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37,
        77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    let verifier = URL_SAFE_NO_PAD.encode(octets);
    assert_eq!(verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    let challenge = CodeVerifier::parse(&verifier).unwrap().challenge();
    assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

#[tokio::test]
async fn pkce_each_authorization_has_a_fresh_verifier() {
    covers!("PKCE-07");
    let as_ = scripted(Answer::Good).await;
    let visitor = "VISITOR".into();
    let mut challenges = std::collections::HashSet::new();
    let mut verifiers = std::collections::HashSet::new();
    for _ in 0..3 {
        as_.auth
            .member_tokens(&visitor, &SessionToken::new("MST"))
            .await
            .unwrap();
        let body = as_.last_request();
        challenges.insert(
            body["auth"]["authRequest"]["codeChallenge"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    for request in as_.requests_to("/oauth2/token").await {
        verifiers.insert(
            json_body(&request)["codeVerifier"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    assert_eq!((challenges.len(), verifiers.len()), (3, 3));
}

#[tokio::test]
async fn pkce_refused_verifier_is_a_typed_error() {
    covers!("PKCE-08");
    // The scripted server, with a token endpoint that refuses the verifier.
    let refused = scripted(Answer::Good).await;
    wiremock::Mock::given(wiremock::matchers::path("/oauth2/token"))
        .respond_with(wiremock::ResponseTemplate::new(400).set_body_json(
            serde_json::json!({"error": "invalid_grant", "error_description": "PKCE verification failed"}),
        ))
        .with_priority(1)
        .mount(&refused.server)
        .await;
    let err = refused
        .auth
        .member_tokens(&"VISITOR".into(), &SessionToken::new("MST"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::OAuth { ref error, .. } if error == "invalid_grant"),
        "{err:?}"
    );
    assert_eq!(
        refused.requests_to("/oauth2/token").await.len(),
        1,
        "never retried"
    );
}
