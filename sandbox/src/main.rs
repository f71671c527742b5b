//! `wix-sandbox`: serve the sandbox on loopback until Ctrl-C.
#![forbid(unsafe_code)]

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use wix_auth_sandbox::{Config, Sandbox};

/// Serves a local, stateful stand-in for the Wix Headless member-authentication API.
#[derive(Parser)]
#[command(name = "wix-sandbox", version)]
struct Args {
    /// The loopback port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// A TOML configuration file (every key optional; sandbox.example.toml lists each).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = match args.config.as_deref().map(Config::from_file).transpose() {
        Ok(config) => config.unwrap_or_default(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::builder()
        .config(config)
        .bind(SocketAddr::from(([127, 0, 0, 1], args.port)))
        .start()
        .await
    {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {e}", args.port);
            return ExitCode::FAILURE;
        }
    };
    // A closed stdout (the caller read the address and left) must not stop the server.
    let mut out = std::io::stdout().lock();
    let base = sandbox.base_url();
    let _ = writeln!(out, "wix-sandbox listening on {base}");
    let _ = writeln!(
        out,
        "  emails (codes, recovery links): {base}/_sandbox/outbox"
    );
    for client in &sandbox.config().clients {
        let _ = writeln!(
            out,
            "  client id {}: redirect URIs {:?}, post-flow URLs {:?}, allowed origins {:?}",
            client.id, client.redirect_uris, client.post_flow_urls, client.allowed_origins
        );
    }
    let _ = out.flush();
    drop(out);
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
