//! The command line: global options and one subcommand per flow.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Every Wix Headless member-authentication flow from the shell. Without --base-url each
/// command runs against a fresh in-process sandbox.
#[derive(Debug, Parser)]
#[command(name = "wix-auth", version, about)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The Wix API base URL (e.g. https://www.wixapis.com); absent: an in-process sandbox.
    #[arg(long, env = "WIX_API_BASE", global = true)]
    pub base_url: Option<String>,
    /// The OAuth app's client ID (defaults to the sandbox's client in sandbox mode).
    #[arg(long, env = "WIX_CLIENT_ID", global = true)]
    pub client_id: Option<String>,
    /// The redirect URI of the OAuth flows (an allowed redirect URI of the app).
    #[arg(long, env = "WIX_REDIRECT_URI", global = true)]
    pub redirect_uri: Option<String>,
    /// Where tokens are kept (written 0600); default: the user's config dir.
    #[arg(long, env = "WIX_TOKEN_FILE", global = true)]
    pub token_file: Option<PathBuf>,
    /// Machine-readable output: one JSON object.
    #[arg(long, global = true)]
    pub json: bool,
    /// Trace requests (secrets are never traced).
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk every flow against an in-process sandbox, step by step.
    Demo,
    /// Serve the sandbox until Ctrl-C.
    Sandbox {
        /// The loopback port; 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// A sandbox TOML configuration file.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Get anonymous visitor tokens.
    Visitor,
    /// Register a member (password from a prompt or stdin).
    Register {
        /// The member's email.
        #[arg(long)]
        email: String,
        /// First name.
        #[arg(long)]
        first_name: Option<String>,
        /// Last name.
        #[arg(long)]
        last_name: Option<String>,
    },
    /// Complete email verification with the emailed code.
    Verify {
        /// The six-digit code.
        #[arg(long)]
        code: String,
    },
    /// Log a member in (password from a prompt or stdin).
    Login {
        /// The member's email.
        #[arg(long)]
        email: String,
    },
    /// Turn the last session token into member tokens (no browser).
    Tokens,
    /// Start a Wix-managed login: print the login URL, keep the pending login.
    AuthorizeUrl,
    /// Complete a Wix-managed login from the callback URL.
    Callback {
        /// The URL the browser came back to.
        url: String,
    },
    /// Refresh the stored tokens.
    Refresh,
    /// Describe the stored access token.
    TokenInfo,
    /// Change the member's password (new password from a prompt or stdin).
    ChangePassword,
    /// Send a password-reset email.
    ResetPassword {
        /// The member's email.
        #[arg(long)]
        email: String,
    },
    /// Print the logout URL and drop the stored tokens.
    LogoutUrl {
        /// Where the browser returns after logging out.
        #[arg(long)]
        post_flow_url: String,
    },
    /// Sign a member on server-to-server (client secret from WIX_CLIENT_SECRET, a prompt or stdin).
    SignOn {
        /// The member's email.
        #[arg(long)]
        email: String,
    },
}
