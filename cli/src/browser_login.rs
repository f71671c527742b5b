//! `wix-auth login --browser`: the Wix-managed login of a native app (RFC 8252). A loopback
//! listener waits at the registered redirect URI's port (Wix matches redirect URIs exactly,
//! so the port is fixed, not ephemeral), the browser goes through Wix's login page, one
//! callback request is accepted, its state is checked before any token request, and the
//! tokens go where the other commands keep them. The page the browser sees holds no token.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{OriginalUri, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use url::Url;
use wix_auth_flows::{Error, Session, Tokens, WixAuth};

use crate::failure::Failure;

/// How the login waits for its callback.
pub struct BrowserLogin {
    /// Print the URL instead of opening a browser.
    pub no_browser: bool,
    /// How long to wait for the callback before asking for the URL to be pasted.
    pub timeout: Duration,
}

/// The loopback redirect URI of `auth`, with `port` instead of its own when given; anything
/// but `http://127.0.0.1`, `http://[::1]` or `http://localhost` is refused with the reason.
pub fn loopback_redirect(redirect_uri: Option<&str>, port: Option<u16>) -> Result<Url, Failure> {
    let hint = "register a loopback redirect URI such as http://127.0.0.1:8765/callback on the OAuth app and pass it with --redirect-uri";
    let mut url = redirect_uri
        .and_then(|uri| Url::parse(uri).ok())
        .ok_or_else(|| {
            Failure::usage("--browser needs --redirect-uri (or WIX_REDIRECT_URI)").hint(hint)
        })?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    };
    if url.scheme() != "http" || !loopback || url.port().is_none() {
        return Err(Failure::usage(format!(
            "--browser needs a loopback redirect URI with a port (http://127.0.0.1:PORT/…), not {url}"
        ))
        .hint(hint));
    }
    if let Some(port) = port {
        let _ = url.set_port(Some(port));
    }
    Ok(url)
}

/// Listens on the redirect URI's port: IPv4 loopback, and IPv6 loopback where the machine
/// has it.
async fn listen(redirect: &Url) -> Result<Vec<TcpListener>, Failure> {
    let port = redirect.port().unwrap_or(80);
    let v4 = TcpListener::bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port))
        .await
        .map_err(|e| {
            Failure::local(format!("cannot listen on 127.0.0.1:{port}: {e}"))
                .hint("free the port, or pass --callback-port with another registered redirect URI's port")
        })?;
    let mut listeners = vec![v4];
    if let Ok(v6) = TcpListener::bind(SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), port)).await
    {
        listeners.push(v6);
    }
    Ok(listeners)
}

/// The one callback the listener takes: the URL it arrived at, and where to say whether the
/// login completed, for the browser's page.
type Arrival = (Url, oneshot::Sender<bool>);

/// What the listener's handler shares: where the callback goes (taken by the first one).
#[derive(Clone)]
struct Listener {
    redirect: Url,
    arrival: Arc<Mutex<Option<oneshot::Sender<Arrival>>>>,
}

fn page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!doctype html><html><head><title>wix-auth</title></head><body><p>{message}</p></body></html>"
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(body)).into_response()
}

/// Every request: the callback path takes the login (once: a second callback is refused),
/// anything else (a favicon) is 404 and the wait goes on. The browser's request is answered
/// once the login is done, so its page says how it ended.
async fn serve(State(listener): State<Listener>, OriginalUri(uri): OriginalUri) -> Response {
    if uri.path() != listener.redirect.path() {
        return page(StatusCode::NOT_FOUND, "Not found.");
    }
    let taken = listener
        .arrival
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    let Some(arrival) = taken else {
        return page(
            StatusCode::CONFLICT,
            "The login has already been completed.",
        );
    };
    let mut callback = listener.redirect.clone();
    callback.set_query(uri.query());
    let (done, outcome) = oneshot::channel();
    if arrival.send((callback, done)).is_err() {
        return page(StatusCode::GONE, "The login is no longer waiting.");
    }
    match outcome.await {
        Ok(true) => page(
            StatusCode::OK,
            "You are logged in. You can close this tab and return to the terminal.",
        ),
        _ => page(
            StatusCode::BAD_REQUEST,
            "The login could not be completed. Return to the terminal.",
        ),
    }
}

/// Serves the listeners until `over`: the channel the callback arrives on, and the servers
/// (each ends once its requests are answered).
fn serve_callback(
    listeners: Vec<TcpListener>,
    redirect: &Url,
    over: &tokio_util::sync::CancellationToken,
) -> (oneshot::Receiver<Arrival>, Vec<tokio::task::JoinHandle<()>>) {
    let (arrival, arrived) = oneshot::channel();
    let state = Listener {
        redirect: redirect.clone(),
        arrival: Arc::new(Mutex::new(Some(arrival))),
    };
    let app = Router::new().fallback(serve).with_state(state);
    let servers = listeners
        .into_iter()
        .map(|listener| {
            let (app, over) = (app.clone(), over.clone());
            tokio::spawn(async move {
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(over.cancelled_owned())
                    .await;
            })
        })
        .collect();
    (arrived, servers)
}

/// Asks for the URL the browser ended on, when the terminal can answer.
fn pasted_callback() -> Result<String, Failure> {
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(Failure::local("no callback arrived in time")
            .hint("run again, or open the printed URL in a browser on this machine"));
    }
    {
        use std::io::Write as _;
        let mut stderr = std::io::stderr();
        let _ = write!(
            stderr,
            "No callback arrived. Paste the URL your browser ended on: "
        );
        let _ = stderr.flush();
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Failure::local(format!("cannot read the pasted URL: {e}")))?;
    Ok(line.trim().to_string())
}

impl BrowserLogin {
    /// Runs the login: visitor token, redirect session, browser, callback, member tokens.
    pub async fn run(&self, auth: &WixAuth, session: &Session) -> Result<Tokens, Failure> {
        let redirect = Url::parse(auth.configured_redirect_uri().unwrap_or_default())
            .map_err(|_| Failure::usage("--browser needs --redirect-uri"))?;
        let listeners = listen(&redirect).await?;
        session.clear().await?;
        let visitor = session.start_visitor().await?.access_token;
        let (url, pending) = auth.begin_login(&visitor).await?;
        // stderr, so `--json` output stays one object.
        let say = crate::output::error_line;
        say(&format!(
            "Log in at: {url}\n(waiting for the browser at {redirect})"
        ));
        if !self.no_browser && webbrowser::open(url.as_str()).is_err() {
            say("Could not open a browser; open the URL above.");
        }
        let over = tokio_util::sync::CancellationToken::new();
        let (arrived, servers) = serve_callback(listeners, &redirect, &over);
        let (callback, done) = match tokio::time::timeout(self.timeout, arrived).await {
            Ok(Ok((callback, done))) => (callback.to_string(), Some(done)),
            _ => (pasted_callback()?, None),
        };
        let result = session.complete_login(&callback, pending).await;
        if let Some(done) = done {
            let _ = done.send(result.is_ok());
        }
        // Stop listening; a graceful shutdown still answers the browser's request.
        over.cancel();
        for server in servers {
            let _ = tokio::time::timeout(Duration::from_secs(5), server).await;
        }
        result.map_err(|e: Error| e.into())
    }
}
