//! No secret in `Debug` or errors (secret types have no `Display` at all: a compile-fail
//! doctest of `wix_auth_flows` proves it); tokens at rest readable by the owner only.

use conformance::{PROPTEST_CASES, covers};
use proptest::prelude::*;
use wiremock::ResponseTemplate;
use wix_auth_flows::pkce::{CodeVerifier, OAuthState};
use wix_auth_flows::{
    Role, Tokens, secrets::AccessToken, secrets::AuthorizationCode, secrets::ClientSecret,
    secrets::Password, secrets::RecoveryToken, secrets::RefreshToken, secrets::SessionToken,
    secrets::StateToken, store::FileStore, store::TokenStore,
};

fn shows(value: &(impl std::fmt::Debug + ?Sized)) -> String {
    format!("{value:?}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(PROPTEST_CASES))]

    #[test]
    fn secret_types_redact_debug_and_have_no_display(secret in "[A-Za-z0-9._~-]{43,100}") {
        covers!("SECRET-02");
        let rendered = [
            shows(&Password::new(secret.as_str())),
            shows(&SessionToken::new(secret.as_str())),
            shows(&StateToken::new(secret.as_str())),
            shows(&AccessToken::new(secret.as_str())),
            shows(&RefreshToken::new(secret.as_str())),
            shows(&AuthorizationCode::new(secret.as_str())),
            shows(&RecoveryToken::new(secret.as_str())),
            shows(&ClientSecret::new(secret.as_str())),
            shows(&CodeVerifier::parse(&secret).unwrap()),
            shows(&wix_auth_generated::Secret::new(secret.as_str())),
            shows(&Tokens { access_token: secret.as_str().into(), refresh_token: Some(secret.as_str().into()), expires_at: 1, role: Role::Member, member: None }),
        ];
        for text in rendered {
            prop_assert!(!text.contains(&secret), "{}", text);
        }
        let state = OAuthState::generate().unwrap();
        prop_assert!(!shows(&state).contains(state.expose_secret()));
        prop_assert_eq!(shows(&CodeVerifier::parse(&secret).unwrap()), "CodeVerifier([REDACTED])");
        prop_assert_eq!(shows(&state), "OAuthState([REDACTED])");
    }
}

#[tokio::test]
async fn secret_errors_never_show_bodies() {
    covers!("SECRET-02");
    let leaked = "OauthNG.JWS.must-not-leak";
    for template in [
        ResponseTemplate::new(200).set_body_string(format!(
            "{{\"access_token\": \"{leaked}\", \"token_type\": 5}}"
        )),
        ResponseTemplate::new(400)
            .set_body_string(format!("{{\"error\": 1, \"access_token\": \"{leaked}\"}}")),
        ResponseTemplate::new(502).set_body_string(format!("<html>{leaked}</html>")),
    ] {
        let (_server, auth) = crate::common::flows_answering("/oauth2/token", template).await;
        let err = auth.visitor_tokens().await.unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("must-not-leak"), "{text}");
    }
}

#[tokio::test]
async fn secret_file_store_is_owner_only() {
    covers!("SECRET-01");
    let dir = std::env::temp_dir().join(format!("conformance-store-{}", std::process::id()));
    let path = dir.join("tokens.json");
    let store = FileStore::new(&path);
    let tokens = Tokens {
        access_token: "A".into(),
        refresh_token: Some("R".into()),
        expires_at: 1,
        role: Role::Member,
        member: None,
    };
    let expires_at = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    store.save("k", &tokens, expires_at).await.unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "written by rename, no leftovers"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
