//! `wix-auth login --browser`: the Wix-managed login of a native app (RFC 8252). A loopback
//! listener waits at the registered redirect URI's port (Wix matches redirect URIs exactly,
//! so the port is fixed, not ephemeral), the browser goes through Wix's login page, one
//! callback request is accepted, its state is checked before any token request, and the
//! tokens go where the other commands keep them. The page the browser sees holds no token.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
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

/// The next connection on any of the listeners.
async fn accept(listeners: &[TcpListener]) -> std::io::Result<TcpStream> {
    let accepts = listeners.iter().map(|l| Box::pin(l.accept()));
    let (result, _, _) = futures_util::future::select_all(accepts).await;
    result.map(|(stream, _)| stream)
}

/// The request target of one HTTP request head (at most 8 KiB), e.g. `/callback?code=…`.
async fn request_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 8192 {
        let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
            .await
            .ok()?
            .ok()?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&buf[..read]);
    }
    let line = head.split(|b| *b == b'\r').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut parts = line.split(' ');
    match (parts.next(), parts.next()) {
        (Some("GET"), Some(target)) => Some(target.to_string()),
        _ => None,
    }
}

async fn answer(stream: &mut TcpStream, status: &str, message: &str) {
    let body = format!(
        "<!doctype html><html><head><title>wix-auth</title></head><body><p>{message}</p></body></html>"
    );
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// Waits for the one callback request at the redirect URI's path; other paths (a
/// favicon) get 404 and the wait goes on. Answers the callback URL, and keeps the
/// browser's connection to answer it once the login is done.
async fn wait_for_callback(listeners: &[TcpListener], redirect: &Url) -> Option<(Url, TcpStream)> {
    loop {
        let mut stream = accept(listeners).await.ok()?;
        let Some(target) = request_target(&mut stream).await else {
            answer(
                &mut stream,
                "400 Bad Request",
                "That was not a login callback.",
            )
            .await;
            continue;
        };
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        if path != redirect.path() {
            answer(&mut stream, "404 Not Found", "Not found.").await;
            continue;
        }
        let mut callback = redirect.clone();
        callback.set_query((!query.is_empty()).then_some(query));
        return Some((callback, stream));
    }
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
        let waited =
            tokio::time::timeout(self.timeout, wait_for_callback(&listeners, &redirect)).await;
        drop(listeners);
        let (callback, mut stream) = match waited {
            Ok(Some((callback, stream))) => (callback.to_string(), Some(stream)),
            _ => (pasted_callback()?, None),
        };
        let result = session.complete_login(&callback, pending).await;
        if let Some(stream) = stream.as_mut() {
            match &result {
                Ok(_) => {
                    answer(
                        stream,
                        "200 OK",
                        "You are logged in. You can close this tab and return to the terminal.",
                    )
                    .await
                }
                Err(_) => {
                    answer(
                        stream,
                        "400 Bad Request",
                        "The login could not be completed. Return to the terminal.",
                    )
                    .await
                }
            }
        }
        result.map_err(|e: Error| e.into())
    }
}
