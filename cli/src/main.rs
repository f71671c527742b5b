//! `wix-auth`: every Wix Headless member-authentication flow from the shell.
#![forbid(unsafe_code)]

mod args;
mod browser_login;
mod commands;
mod demo;
mod doctor;
mod failure;
mod input;
mod output;
mod state;
mod target;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use failure::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.global.verbose {
        tracing_subscriber::fmt()
            .with_env_filter("wix_auth=debug,wix_auth_flows=debug")
            .with_writer(std::io::stderr)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            output::error_line(&format!("error: cannot start the async runtime: {e}"));
            return ExitCode::from(failure::LOCAL);
        }
    };
    let json = cli.global.json;
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) if failure.is_reported() => ExitCode::from(failure.code),
        Err(failure) => {
            if json {
                let body = serde_json::json!({"error": failure.message, "hint": failure.hint, "exit_code": failure.code});
                output::line(&body.to_string());
            } else {
                output::error_line(&format!("error: {}", failure.message));
                if let Some(hint) = failure.hint {
                    output::error_line(&format!("hint: {hint}"));
                }
            }
            ExitCode::from(failure.code)
        }
    }
}

async fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Demo => demo::run().await,
        Command::Sandbox { port, config } => serve(port, config).await,
        Command::Doctor => {
            let target = target::Target::resolve(&cli.global).await?;
            let result = doctor::run(&target.auth, &cli.global).await;
            if let Some(sandbox) = target.sandbox {
                sandbox.shutdown().await;
            }
            result
        }
        command => {
            let mut global = cli.global;
            if let Command::Login {
                browser: true,
                callback_port,
                ..
            } = &command
            {
                let in_sandbox = global.base_url.is_none();
                let configured = global.redirect_uri.clone().or_else(|| {
                    in_sandbox.then(|| wix_auth_sandbox::config::DEFAULT_REDIRECT_URI.to_string())
                });
                let redirect =
                    browser_login::loopback_redirect(configured.as_deref(), *callback_port)?;
                global.redirect_uri = Some(redirect.to_string());
            }
            let target = target::Target::resolve(&global).await?;
            // The in-process sandbox lives for one command: its tokens go to a throwaway
            // file, never into the user's real token file.
            let throwaway = match (&target.sandbox, &global.token_file) {
                (Some(_), None) => Some(tempfile::tempdir().map_err(|e| {
                    Failure::local(format!("cannot make a temporary token file: {e}"))
                })?),
                _ => None,
            };
            let token_file = global
                .token_file
                .clone()
                .or_else(|| throwaway.as_ref().map(|d| d.path().join("tokens.json")));
            let files = state::Files::new(token_file.as_deref())?;
            let report = commands::run(command, &target.auth, &files).await?;
            report.print(global.json);
            if let Some(sandbox) = target.sandbox {
                sandbox.shutdown().await;
            }
            Ok(())
        }
    }
}

async fn serve(port: u16, config: Option<std::path::PathBuf>) -> Result<(), Failure> {
    let config = match config {
        Some(path) => {
            wix_auth_sandbox::Config::from_file(&path).map_err(|e| Failure::usage(e.to_string()))?
        }
        None => wix_auth_sandbox::Config::default(),
    };
    let sandbox = wix_auth_sandbox::Sandbox::builder()
        .config(config)
        .bind(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .start()
        .await
        .map_err(|e| Failure::local(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    println!("sandbox listening on {}", sandbox.base_url());
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
    Ok(())
}
