//! Traces that fit OpenTelemetry: one span per flow (`wix_auth.login`, `wix_auth.refresh`,
//! …) with its outcome (`wix.outcome`) or error kind (`error.type`), and one client span per
//! HTTP request inside it, whose semantic-convention fields (`http.request.method`,
//! `url.template`, `server.address`, `http.response.status_code`, `wix.request_id`) the
//! generated client's hooks fill in. No field ever holds a token, a code, a password or a
//! query string. Bridge them to an exporter with `tracing-opentelemetry`; this crate depends
//! on no exporter.

use std::future::Future;

use tracing::field::Empty;
use tracing::{Instrument, Span};

use crate::kind::ErrorKind;
use crate::{Error, LoginOutcome};

/// What a finished flow records as `wix.outcome`.
pub(crate) trait Outcome {
    /// `ok`, or the login state for a login-like flow.
    fn outcome(&self) -> &str {
        "ok"
    }
}

impl Outcome for () {}
impl Outcome for url::Url {}
impl Outcome for crate::Tokens {}
impl Outcome for crate::account::TokenInfo {}
impl Outcome for crate::external::SignedOn {}
impl Outcome for crate::secrets::SessionToken {}
impl Outcome for (url::Url, crate::PendingLogin) {}

impl Outcome for LoginOutcome {
    fn outcome(&self) -> &str {
        self.state()
    }
}

/// The `error.type` of an error kind.
pub(crate) fn error_type(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Input => "input",
        ErrorKind::Reauthenticate => "reauthenticate",
        ErrorKind::RetryLater => "retry_later",
        ErrorKind::Misconfigured => "misconfigured",
        ErrorKind::Unexpected => "unexpected",
        ErrorKind::Transport => "transport",
    }
}

/// The span of one flow.
macro_rules! flow_span {
    ($name:literal) => {
        tracing::info_span!(
            target: "wix_auth",
            $name,
            otel.kind = "internal",
            wix.outcome = tracing::field::Empty,
            error.type = tracing::field::Empty,
            wix.joined = tracing::field::Empty,
        )
    };
}
pub(crate) use flow_span;

/// Runs a flow's body in a span of its own, named `$name`, and records how it ended.
macro_rules! flow {
    ($name:literal, $body:expr $(,)?) => {
        $crate::telemetry::run_flow($crate::telemetry::flow_span!($name), $body)
    };
}
pub(crate) use flow;

/// Runs a flow in `span` and records how it ended.
pub(crate) async fn run_flow<T: Outcome>(
    span: Span,
    body: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    let result = body.instrument(span.clone()).await;
    match &result {
        Ok(value) => {
            span.record("wix.outcome", value.outcome());
        }
        Err(error) => {
            span.record("wix.outcome", "error");
            span.record("error.type", error_type(error.kind()));
        }
    }
    result
}

/// The client span of one request to Wix; the generated client's hooks fill in its fields.
pub(crate) fn http_span(operation: &'static str) -> Span {
    tracing::info_span!(
        target: "wix_auth",
        "HTTP",
        otel.kind = "client",
        otel.name = operation,
        wix.operation = operation,
        http.request.method = Empty,
        url.template = Empty,
        server.address = Empty,
        http.response.status_code = Empty,
        wix.request_id = Empty,
        error.type = Empty,
    )
}
