//! Verify During Authentication and Start Verification.

use crate::common::*;
use wix_auth_generated::types;
use wix_auth_sandbox::{Policy, Sandbox};

async fn pending_member(env: &Env, email: &str) -> String {
    env.sandbox.add_contact(email).unwrap();
    let answer = env.register(email, "secret-pw").await.unwrap();
    assert_eq!(state(&answer), "REQUIRE_EMAIL_VERIFICATION");
    answer.state_token.unwrap().expose_secret().to_string()
}

async fn verify(
    env: &Env,
    state_token: &str,
    code: &str,
) -> Result<types::StateMachineResponse, Failure> {
    let visitor = env.visitor_token().await;
    let body = types::VerifyDuringAuthenticationRequest {
        code: code.into(),
        state_token: state_token.into(),
    };
    outcome(env.api.verify_during_authentication(&visitor, &body).await).await
}

async fn start_verification(
    env: &Env,
    identity_id: String,
) -> Result<types::StartVerificationResponse, Failure> {
    let visitor = env.visitor_token().await;
    let body = types::StartVerificationRequest {
        identity_id,
        target: Some(types::VerificationTarget::Email),
    };
    outcome(env.api.start_verification(&visitor, &body).await).await
}

#[tokio::test]
async fn the_right_code_succeeds_and_the_token_is_then_used() {
    let env = start().await;
    let token = pending_member(&env, "v1@example.com").await;
    let code = env.latest_code("v1@example.com");
    let answer = verify(&env, &token, &code).await.unwrap();
    assert_eq!(state(&answer), "SUCCESS");
    assert!(answer.identity.unwrap().email.unwrap().is_verified.unwrap());
    let again = verify(&env, &token, &code).await.unwrap_err();
    assert_eq!((again.status, again.code()), (400, "-19984".into()));
}

#[tokio::test]
async fn a_wrong_code_keeps_the_token_usable() {
    let env = start().await;
    let token = pending_member(&env, "v2@example.com").await;
    let code = env.latest_code("v2@example.com");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let failure = verify(&env, &token, wrong).await.unwrap_err();
    assert_eq!(
        (failure.status, failure.code()),
        (400, "VERIFICATION_FAILED".into())
    );
    assert_eq!(
        state(&verify(&env, &token, &code).await.unwrap()),
        "SUCCESS"
    );
}

#[tokio::test]
async fn the_attempt_limit_ends_the_token() {
    let env = start().await;
    let token = pending_member(&env, "v3@example.com").await;
    let code = env.latest_code("v3@example.com");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert_eq!(
            verify(&env, &token, wrong).await.unwrap_err().code(),
            "VERIFICATION_FAILED"
        );
    }
    assert_eq!(
        verify(&env, &token, &code).await.unwrap_err().code(),
        "-19984"
    );
}

#[tokio::test]
async fn an_expired_state_token_is_refused() {
    let env = start().await;
    let token = pending_member(&env, "v4@example.com").await;
    let code = env.latest_code("v4@example.com");
    env.clock.advance(901);
    assert_eq!(
        verify(&env, &token, &code).await.unwrap_err().code(),
        "-19984"
    );
}

#[tokio::test]
async fn verification_then_owner_approval() {
    let policy = Policy {
        require_email_verification: true,
        require_owner_approval: true,
        ..Policy::default()
    };
    let env = start_with(Sandbox::builder().policy(policy)).await;
    let answer = env.register("v5@example.com", "secret-pw").await.unwrap();
    let token = answer.state_token.unwrap();
    let code = env.latest_code("v5@example.com");
    let next = verify(&env, token.expose_secret(), &code).await.unwrap();
    assert_eq!(state(&next), "REQUIRE_OWNER_APPROVAL");
}

#[tokio::test]
async fn start_sends_a_new_code_that_replaces_the_old() {
    let env = start().await;
    let token = pending_member(&env, "v6@example.com").await;
    let first = env.latest_code("v6@example.com");
    let members = env.members().await;
    let id = members[0]["id"].as_str().unwrap().to_string();
    let started = start_verification(&env, id).await.unwrap();
    assert!(started.verification_id.is_some());
    assert_eq!(env.outbox("v6@example.com").len(), 2);
    let second = env.latest_code("v6@example.com");
    if first != second {
        assert_eq!(
            verify(&env, &token, &first).await.unwrap_err().code(),
            "VERIFICATION_FAILED"
        );
    }
    assert_eq!(
        state(&verify(&env, &token, &second).await.unwrap()),
        "SUCCESS"
    );
}

#[tokio::test]
async fn start_without_a_pending_verification_is_a_precondition_failure() {
    let env = start().await;
    let answer = env.register("v7@example.com", "secret-pw").await.unwrap();
    let id = answer.identity.unwrap().id.unwrap();
    let failure = start_verification(&env, id).await.unwrap_err();
    assert_eq!(failure.status, 428);
}
