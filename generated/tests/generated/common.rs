//! Request values the generated-client tests share.

use wix_auth_generated::types;

/// A Login V2 body with an email and a password.
pub fn login_request(email: &str, password: &str) -> types::LoginV2Request {
    types::LoginV2Request {
        login_id: types::LoginId {
            email: email.into(),
        },
        password: Some(password.into()),
        captcha_tokens: vec![],
        client_meta_data: Default::default(),
        state_token: None,
    }
}
