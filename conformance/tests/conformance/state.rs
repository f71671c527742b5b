//! The OAuth `state` (RFC 6749 §10.12, RFC 9700).

use crate::common::*;
use conformance::{PROPTEST_CASES, covers};
use proptest::prelude::*;
use wix_auth_flows::pkce::OAuthState;
use wix_auth_flows::secrets::SessionToken;

#[tokio::test]
async fn state_is_fresh_and_long() {
    covers!("STATE-01");
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let state = OAuthState::generate().unwrap();
        assert!(state.expose_secret().len() >= 22, "at least 128 bits");
        assert!(seen.insert(state.expose_secret().to_string()));
    }
    let as_ = scripted(Answer::Good).await;
    let mut sent = std::collections::HashSet::new();
    for _ in 0..2 {
        as_.auth
            .member_tokens(&"V".into(), &SessionToken::new("MST"))
            .await
            .unwrap();
        let body = as_.last_request();
        let state = body["auth"]["authRequest"]["state"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(state.len(), 43, "256 bits, base64url");
        sent.insert(state);
    }
    assert_eq!(sent.len(), 2, "every authorization sends a fresh state");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PROPTEST_CASES))]

    #[test]
    fn state_matches_only_itself(other in "\\PC{0,64}") {
        covers!("STATE-02");
        let state = OAuthState::generate().unwrap();
        prop_assert!(state.matches(state.expose_secret()));
        prop_assert_eq!(state.matches(&other), other == state.expose_secret());
        let mut near = state.expose_secret().to_string();
        near.pop();
        prop_assert!(!state.matches(&near));
    }
}
