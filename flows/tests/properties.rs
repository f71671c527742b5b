//! Properties that hold for all inputs: PKCE verifiers and challenges, state comparison,
//! callback parsing.

use proptest::prelude::*;
use wix_auth_flows::pkce::{CodeVerifier, OAuthState};
use wix_auth_flows::{Callback, Error};

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

proptest! {
    #[test]
    fn generated_verifiers_have_the_asked_length_and_charset(len in 43usize..=128) {
        let verifier = CodeVerifier::generate_with_len(len).unwrap();
        prop_assert_eq!(verifier.expose_secret().len(), len);
        prop_assert!(verifier.expose_secret().bytes().all(unreserved));
    }

    #[test]
    fn lengths_outside_the_range_are_errors(len in prop_oneof![0usize..43, 129usize..1000]) {
        let refused = matches!(CodeVerifier::generate_with_len(len), Err(Error::InvalidVerifier { .. }));
        prop_assert!(refused);
    }

    #[test]
    fn parse_accepts_exactly_the_rfc_grammar(text in "[A-Za-z0-9._~+/= -]{0,140}") {
        let valid = (43..=128).contains(&text.len()) && text.bytes().all(unreserved);
        prop_assert_eq!(CodeVerifier::parse(&text).is_ok(), valid);
    }

    #[test]
    fn challenges_are_43_url_safe_characters(text in "[A-Za-z0-9._~-]{43,128}") {
        let challenge = CodeVerifier::parse(&text).unwrap().challenge();
        prop_assert_eq!(challenge.len(), 43);
        prop_assert!(challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn a_state_matches_only_itself(other in ".{0,64}") {
        let state = OAuthState::generate().unwrap();
        prop_assert!(state.matches(state.expose_secret()));
        prop_assert_eq!(state.matches(&other), other == state.expose_secret());
    }

    #[test]
    fn callback_parsing_never_panics(url in ".{0,200}") {
        let _ = Callback::parse(&url);
    }

    #[test]
    fn callback_parsing_reads_query_and_fragment(code in "[A-Za-z0-9]{1,20}", state in "[A-Za-z0-9_-]{1,43}", fragment in any::<bool>()) {
        let separator = if fragment { '#' } else { '?' };
        let url = format!("https://app.example/cb{separator}code={code}&state={state}");
        let callback = Callback::parse(&url).unwrap();
        let got = callback.code.unwrap();
        prop_assert_eq!(got.expose_secret(), code.as_str());
        prop_assert_eq!(callback.state.as_deref(), Some(state.as_str()));
    }
}
