//! The flows' traces as an OpenTelemetry bridge would see them: a span per flow with its
//! outcome or error kind, a client span per request with the HTTP semantic-convention
//! fields, single-flight waiters marked as joined — and not one secret of a whole demo in
//! any span or event.
//!
//! A binary of its own: tracing caches whether a callsite is enabled, and a test thread
//! without this test's subscriber that reaches a callsite first, while this one installs
//! its subscriber, can leave that callsite disabled for it (the session-refresh span went
//! missing that way when it shared the flows binary).

#[path = "flows/common.rs"]
#[allow(dead_code)] // the helpers of the flows binary; this test uses one of them
mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use common::flows_with_clock;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::{Layer, Registry};
use wix_auth_flows::clock::ManualClock;
use wix_auth_flows::{
    Credentials, LoginOutcome, Registration, Sessions, secrets::Password, store::MemoryStore,
};
use wix_auth_sandbox::{Policy, Sandbox};

/// One span (or event) and every value recorded on it.
#[derive(Debug, Clone, Default)]
struct Captured {
    name: String,
    fields: Vec<(String, String)>,
}

impl Captured {
    fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.as_str())
    }
}

impl Visit for Captured {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.fields.push((field.name().into(), value.into()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.fields
            .push((field.name().into(), format!("{value:?}")));
    }
}

#[derive(Clone, Default)]
struct Capture {
    spans: Arc<Mutex<Vec<Captured>>>,
    open: Arc<Mutex<HashMap<u64, usize>>>,
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, _: Context<'_, S>) {
        let mut span = Captured {
            name: attrs.metadata().name().into(),
            ..Captured::default()
        };
        attrs.record(&mut span);
        let mut spans = self.spans.lock().unwrap();
        spans.push(span);
        self.open
            .lock()
            .unwrap()
            .insert(id.into_u64(), spans.len() - 1);
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        if let Some(&index) = self.open.lock().unwrap().get(&id.into_u64()) {
            values.record(&mut self.spans.lock().unwrap()[index]);
        }
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut captured = Captured {
            name: format!("event {}", event.metadata().target()),
            ..Captured::default()
        };
        event.record(&mut captured);
        self.spans.lock().unwrap().push(captured);
    }
}

#[tokio::test]
async fn a_whole_demo_traces_every_flow_and_no_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(Registry::default().with(capture.clone()));
    let mut secrets: Vec<String> =
        vec!["first-long-password".into(), "second-long-password".into()];
    let mut codes: Vec<String> = Vec::new();

    let sandbox = Sandbox::builder()
        .policy(Policy {
            require_email_verification: true,
            ..Policy::default()
        })
        .start()
        .await
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let clock = ManualClock::at(now);
    let auth = flows_with_clock(sandbox.base_url(), clock.clone());
    let visitor = auth.visitor_tokens().await.unwrap();
    secrets.push(visitor.access_token.expose_secret().into());
    secrets.extend(
        visitor
            .refresh_token
            .as_ref()
            .map(|t| t.expose_secret().to_string()),
    );

    // Register → emailed code → member tokens.
    let registration = Registration::new("trace@example.com", "first-long-password");
    let LoginOutcome::EmailVerificationRequired { state_token, .. } = auth
        .register(&visitor.access_token, &registration)
        .await
        .unwrap()
    else {
        panic!("verification expected");
    };
    secrets.push(state_token.expose_secret().into());
    let code = sandbox.latest_code("trace@example.com").unwrap();
    codes.push(code.clone());
    let verified = auth
        .verify_email(&visitor.access_token, &state_token, &code)
        .await
        .unwrap();
    let session_token = verified.session_token().unwrap().clone();
    secrets.push(session_token.expose_secret().into());
    let member = auth
        .member_tokens(&visitor.access_token, &session_token)
        .await
        .unwrap();
    secrets.push(member.access_token.expose_secret().into());
    secrets.extend(
        member
            .refresh_token
            .as_ref()
            .map(|t| t.expose_secret().to_string()),
    );

    // Four handles need a refresh at once: one refreshes, three join.
    let sessions = Sessions::new(auth.clone(), MemoryStore::new());
    sessions.get("m").set(&member).await.unwrap();
    clock.advance(member.expires_at.saturating_sub(clock_now(&clock)));
    let handles: Vec<_> = (0..4).map(|_| sessions.get("m")).collect();
    let refreshed = futures_util::future::join_all(handles.iter().map(|s| s.tokens())).await;
    for tokens in refreshed {
        let tokens = tokens.unwrap();
        secrets.push(tokens.access_token.expose_secret().into());
        secrets.extend(
            tokens
                .refresh_token
                .as_ref()
                .map(|t| t.expose_secret().to_string()),
        );
    }

    // Wix-managed login through the sandbox's page.
    let (url, pending) = auth.begin_login(&visitor.access_token).await.unwrap();
    let pending_json = serde_json::to_value(&pending).unwrap();
    for value in pending_json.as_object().unwrap().values() {
        if let Some(text) = value.as_str().filter(|t| t.len() >= 32) {
            secrets.push(text.into());
        }
    }
    let callback = sandbox
        .log_in_on_page(url.as_str(), "trace@example.com", "first-long-password")
        .await
        .unwrap();
    let code = callback
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    secrets.push(code.into());
    let managed = auth.complete_login(&callback, pending).await.unwrap();
    secrets.push(managed.access_token.expose_secret().into());

    // Password reset, then a wrong and a right login.
    auth.send_password_reset(&visitor.access_token, "trace@example.com", None)
        .await
        .unwrap();
    let recovery = sandbox.latest_recovery_token("trace@example.com").unwrap();
    secrets.push(recovery.clone());
    auth.recover(
        &recovery.as_str().into(),
        &Password::from("second-long-password"),
    )
    .await
    .unwrap();
    let wrong = Credentials::new("trace@example.com", "first-long-password");
    assert!(auth.login(&visitor.access_token, &wrong).await.is_err());
    let right = Credentials::new("trace@example.com", "second-long-password");
    let outcome = auth.login(&visitor.access_token, &right).await.unwrap();
    secrets.push(outcome.session_token().unwrap().expose_secret().into());
    drop(_guard);

    let spans = capture.spans.lock().unwrap().clone();
    let named = |name: &str| {
        spans
            .iter()
            .filter(|s| s.name == name)
            .cloned()
            .collect::<Vec<_>>()
    };

    // Flow spans with outcomes and error kinds.
    assert_eq!(
        named("wix_auth.register")[0].get("wix.outcome"),
        Some("REQUIRE_EMAIL_VERIFICATION")
    );
    assert_eq!(
        named("wix_auth.verify_email")[0].get("wix.outcome"),
        Some("SUCCESS")
    );
    assert_eq!(
        named("wix_auth.member_tokens")[0].get("wix.outcome"),
        Some("ok")
    );
    assert_eq!(
        named("wix_auth.complete_login")[0].get("wix.outcome"),
        Some("ok")
    );
    let logins = named("wix_auth.login");
    assert_eq!(logins[0].get("wix.outcome"), Some("error"));
    assert_eq!(logins[0].get("error.type"), Some("input"));
    assert_eq!(logins[1].get("wix.outcome"), Some("SUCCESS"));
    // Single flight: one refresh, three joined.
    let refreshes = named("wix_auth.session.refresh");
    let joined: Vec<_> = refreshes
        .iter()
        .filter_map(|s| s.get("wix.joined"))
        .collect();
    assert_eq!(
        joined.iter().filter(|j| **j == "false").count(),
        1,
        "{refreshes:?}"
    );
    assert_eq!(
        joined.iter().filter(|j| **j == "true").count(),
        3,
        "{refreshes:?}"
    );
    assert_eq!(named("wix_auth.refresh").len(), 1);
    // Client spans carry the HTTP semantic conventions and Wix's request id.
    let register_call = named("HTTP")
        .into_iter()
        .find(|s| s.get("wix.operation") == Some("registerV2"))
        .unwrap();
    assert_eq!(register_call.get("http.request.method"), Some("POST"));
    assert_eq!(
        register_call.get("url.template"),
        Some("/_api/iam/authentication/v2/register")
    );
    assert_eq!(register_call.get("http.response.status_code"), Some("200"));
    assert!(
        register_call
            .get("wix.request_id")
            .unwrap()
            .starts_with("sbx-")
    );
    assert_eq!(register_call.get("otel.kind"), Some("client"));
    let authorize = named("HTTP")
        .into_iter()
        .find(|s| s.get("wix.operation") == Some("authorize"))
        .unwrap();
    assert_eq!(authorize.get("http.response.status_code"), Some("302"));
    assert_eq!(
        authorize.get("url.template"),
        Some("/_api/oauth2/authorize")
    );

    // Not one secret anywhere.
    assert!(secrets.len() > 15, "{}", secrets.len());
    for span in &spans {
        for (field, value) in
            std::iter::once(&("name".to_string(), span.name.clone())).chain(&span.fields)
        {
            for secret in &secrets {
                assert!(
                    !value.contains(secret.as_str()),
                    "a secret in {} field {field}",
                    span.name
                );
            }
            for code in &codes {
                assert_ne!(
                    value, code,
                    "a verification code in {} field {field}",
                    span.name
                );
            }
            assert!(
                !value.contains("code="),
                "a query string in {} field {field}",
                span.name
            );
        }
    }
}

fn clock_now(clock: &ManualClock) -> u64 {
    use wix_auth_flows::clock::Clock;
    clock.now()
}
