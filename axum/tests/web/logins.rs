//! Every way in: registration, the custom login (server-side and through the full-page
//! redirect), email verification, owner approval, a second factor, Wix-managed and social
//! login, logout, and a refresh that happens once for concurrent requests.

use wix_auth_sandbox::{IdentityProviderConfig, SeedMember};

use crate::common::{
    Agent, Clocks, Setup, assert_lands_on_members, location, member_page, register, site,
};

#[tokio::test]
async fn registering_lands_on_the_member_page_which_calls_wix_as_the_member() {
    let (_wix, site) = site(Setup::default()).await;
    let agent = Agent::new();
    register(&agent, &site, "ana@example.com").await;
    let page = member_page(&agent, &site).await.unwrap();
    assert!(
        page.contains("<span id=\"email\">ana@example.com</span>"),
        "{page}"
    );
    let home = agent.get(&format!("{site}/")).await.text().await.unwrap();
    assert!(home.contains("<p id=\"who\">member</p>"));
}

#[tokio::test]
async fn a_custom_login_completes_server_side() {
    let (wix, site) = site(Setup::default()).await;
    wix.seed("bo@example.com").await;
    let agent = Agent::new();
    let wrong = agent
        .post(
            &format!("{site}/auth/login"),
            &[("email", "bo@example.com"), ("password", "wrong-password")],
        )
        .await;
    assert_eq!(wrong.status(), 401);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("Wrong email or password.")
    );
    let answer = agent.log_in(&site, "bo@example.com", "/members").await;
    assert_lands_on_members(&agent, &site, answer, "bo@example.com").await;
}

#[tokio::test]
async fn a_site_that_answers_servers_with_a_page_gets_the_full_page_redirect() {
    let (wix, site) = site(Setup {
        pessimistic: true,
        ..Setup::default()
    })
    .await;
    wix.seed("cy@example.com").await;
    let agent = Agent::new();
    let answer = agent.log_in(&site, "cy@example.com", "/members").await;
    assert_eq!(answer.status(), 303);
    let to_wix = location(&answer);
    assert!(to_wix.starts_with(wix.sandbox.base_url()), "{to_wix}");
    // The browser navigates: the site redirects it back with the code.
    let back = agent.get(&to_wix).await;
    assert_eq!(back.status(), 302);
    let callback = location(&back);
    assert!(
        callback.starts_with(&format!("{site}/auth/callback?")),
        "{callback}"
    );
    let done = agent.get(&callback).await;
    assert_lands_on_members(&agent, &site, done, "cy@example.com").await;
}

#[tokio::test]
async fn an_emailed_code_completes_the_registration_and_a_wrong_one_can_be_retried() {
    let (wix, site) = site(Setup::verifying()).await;
    let agent = Agent::new();
    let answer = agent.register(&site, "di@example.com").await;
    assert_eq!(answer.status(), 200);
    assert!(
        answer
            .text()
            .await
            .unwrap()
            .contains("action=\"/auth/verify\"")
    );
    let wrong = agent
        .post(&format!("{site}/auth/verify"), &[("code", "000000x")])
        .await;
    assert_eq!(wrong.status(), 400);
    let code = wix.sandbox.latest_code("di@example.com").unwrap();
    let answer = agent
        .post(&format!("{site}/auth/verify"), &[("code", &code)])
        .await;
    assert_lands_on_members(&agent, &site, answer, "di@example.com").await;
}

#[tokio::test]
async fn owner_approval_and_a_second_factor_are_pages_of_the_app() {
    let (wix, site) = site(Setup::default()).await;
    wix.sandbox
        .seed_member(SeedMember {
            awaiting_approval: true,
            ..SeedMember::new("ed@example.com", "a-long-password")
        })
        .await
        .unwrap();
    wix.sandbox
        .seed_member(SeedMember {
            login_state: Some(wix_auth_flows::types::LoginState::RequireMfa),
            ..SeedMember::new("fa@example.com", "a-long-password")
        })
        .await
        .unwrap();
    let agent = Agent::new();
    let pending = agent
        .post(
            &format!("{site}/auth/login"),
            &[("email", "ed@example.com"), ("password", "a-long-password")],
        )
        .await;
    // Wix refuses a pending member's password with -19958: "wait for the owner".
    assert_eq!(pending.status(), 200, "{:?}", pending.headers());
    assert!(pending.text().await.unwrap().contains("id=\"pending\""));
    let mfa = agent
        .post(
            &format!("{site}/auth/login"),
            &[("email", "fa@example.com"), ("password", "a-long-password")],
        )
        .await;
    assert_eq!(mfa.status(), 200);
    assert!(mfa.text().await.unwrap().contains("One more step"));
    assert!(member_page(&agent, &site).await.is_err());
}

#[tokio::test]
async fn wix_managed_and_social_logins_come_back_through_the_callback() {
    // A sandbox with a social connection for this test.
    let provider = IdentityProviderConfig::new("idp-1", "Example ID");
    let (wix, site) =
        crate::common::site_with(Setup::default(), |b| b.identity_provider(provider)).await;
    wix.seed("gi@example.com").await;

    let agent = Agent::new();
    let callback = wix
        .log_in_through_wix(&agent, &site, "returnTo=/members", "gi@example.com")
        .await;
    let done = agent.get(&callback).await;
    assert_lands_on_members(&agent, &site, done, "gi@example.com").await;

    let social = Agent::new();
    let begin = social
        .get(&format!("{site}/auth/login?returnTo=/members&idp=idp-1"))
        .await;
    let callback = wix
        .sandbox
        .sign_in_with_provider(&location(&begin), "ha@example.com")
        .await
        .unwrap();
    let done = social.get(&callback).await;
    assert_lands_on_members(&social, &site, done, "ha@example.com").await;
}

#[tokio::test]
async fn logout_ends_the_session_and_goes_through_wix() {
    let (wix, site) = site(Setup::default()).await;
    let agent = Agent::new();
    register(&agent, &site, "ib@example.com").await;
    let page = member_page(&agent, &site).await.unwrap();
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let answer = agent
        .post(&format!("{site}/auth/logout"), &[("csrf", &csrf)])
        .await;
    assert_eq!(answer.status(), 303);
    let to_wix = location(&answer);
    assert!(
        to_wix.starts_with(&format!(
            "{}/_api/iam/authentication/v1/logout",
            wix.sandbox.base_url()
        )),
        "{to_wix}"
    );
    assert!(
        agent.session().is_none(),
        "the cookie is removed: {:?}",
        agent.last_set_cookie.lock().unwrap()
    );
    let after = member_page(&agent, &site).await.unwrap_err();
    assert_eq!(after.0, 303);
    assert!(after.1.starts_with("/auth/login?returnTo="));
}

#[tokio::test]
async fn concurrent_pages_after_expiry_share_one_refresh() {
    let clock = Clocks::at(1_700_000_000);
    let (wix, site) = site(Setup::expiring(Some(clock.clone()))).await;
    let agent = Agent::new();
    register(&agent, &site, "jo@example.com").await;
    assert_eq!(wix.sandbox.token_requests("refresh_token"), 0);
    clock.advance(601);
    let pages = (0..8).map(|_| member_page(&agent, &site));
    for page in futures_util::future::join_all(pages).await {
        assert!(page.unwrap().contains("jo@example.com"));
    }
    assert_eq!(wix.sandbox.token_requests("refresh_token"), 1);
}

#[tokio::test]
async fn visitor_tokens_are_minted_only_for_a_handler_that_asks_for_one() {
    let (wix, site) = site(Setup::default()).await;
    let anonymous = || wix.sandbox.token_requests("anonymous");
    let agent = Agent::new();
    agent.get(&format!("{site}/")).await;
    agent.get(&format!("{site}/login")).await;
    assert_eq!(anonymous(), 0, "pages without WixAccess mint nothing");
    assert!(agent.session().is_none());
    for _ in 0..3 {
        let role = agent
            .get(&format!("{site}/whoami"))
            .await
            .text()
            .await
            .unwrap();
        assert_eq!(role, "visitor");
    }
    assert_eq!(anonymous(), 1, "one visitor, kept in its session");
    register(&agent, &site, "vi@example.com").await;
    let role = agent
        .get(&format!("{site}/whoami"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(role, "member");
}

#[tokio::test]
async fn a_password_reset_answers_the_same_page_for_members_and_strangers() {
    let (wix, site) = site(Setup::default()).await;
    wix.seed("pw@example.com").await;
    let agent = Agent::new();
    for email in ["pw@example.com", "nobody@example.com"] {
        let answer = agent
            .post(&format!("{site}/auth/password-reset"), &[("email", email)])
            .await;
        assert_eq!(answer.status(), 200);
        assert!(answer.text().await.unwrap().contains("Check your email"));
    }
    assert!(
        wix.sandbox
            .latest_recovery_token("pw@example.com")
            .is_some()
    );
    assert!(wix.sandbox.emails_to("nobody@example.com").is_empty());
}
