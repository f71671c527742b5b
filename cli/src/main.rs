#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod args;
mod browser_login;
mod commands;
mod config_command;
mod demo;
mod doctor;
mod failure;
mod input;
#[cfg(target_os = "linux")]
mod kernel_keyring;
mod output;
mod profiles;
mod state;
mod target;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use args::{Cli, Command};
use failure::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.global.verbose {
        tracing_subscriber::fmt()
            .with_env_filter("wix_auth=debug,wix_auth_flows=debug")
            .with_writer(std::io::stderr)
            .with_ansi(colours_on_stderr())
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

/// Colours on stderr: only for a terminal, and never when `NO_COLOR` is set to anything
/// (<https://no-color.org>).
fn colours_on_stderr() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::IsTerminal::is_terminal(&std::io::stderr())
}

async fn run(cli: Cli) -> Result<(), Failure> {
    let Cli {
        mut global,
        command,
    } = cli;
    let profile = global
        .profile
        .clone()
        .unwrap_or_else(|| profiles::DEFAULT_PROFILE.to_string());
    profiles::check_name(&profile)?;
    let config_dir = profiles::config_dir();
    let config = match &config_dir {
        Some(dir) => profiles::ConfigFile::read(dir)?,
        None => profiles::ConfigFile::default(),
    };
    match command {
        Command::Completion { shell } => {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "wix-auth",
                &mut std::io::stdout(),
            );
            return Ok(());
        }
        Command::Config { action } => {
            let dir = config_dir.ok_or_else(profiles::no_config_dir)?;
            return config_command::run(action, config, &dir, &profile, global.json);
        }
        _ => {}
    }
    if global.profile.is_some() && !config.profiles.contains_key(&profile) {
        return Err(
            Failure::usage(format!("no profile {profile:?} in config.toml"))
                .hint("create it with `wix-auth --profile NAME config set base-url URL`"),
        );
    }
    config.profile(&profile).fill(&mut global);
    match command {
        Command::Demo => demo::run().await,
        Command::Sandbox { port, config } => serve(port, config).await,
        Command::Doctor => {
            let target = target::Target::resolve(&global).await?;
            let result = doctor::run(&target.auth, &global).await;
            if let Some(sandbox) = target.sandbox {
                sandbox.shutdown().await;
            }
            result
        }
        command => {
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
            // file, never into the user's credential store or token file.
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
            let config_dir = match (config_dir, &token_file) {
                (Some(dir), _) => dir,
                // An explicit file needs no config directory.
                (None, Some(_)) => std::path::PathBuf::new(),
                (None, None) => return Err(profiles::no_config_dir()),
            };
            let credentials = state::Credentials::open(&state::Placement {
                profile: &profile,
                file: token_file.as_deref(),
                insecure: global.insecure_storage,
                config_dir: &config_dir,
            })
            .await?;
            let report = commands::run(command, &target.auth, Arc::new(credentials)).await?;
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
