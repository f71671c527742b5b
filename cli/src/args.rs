//! The command line: global options and one subcommand per flow.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::profiles::Key;

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
    /// The Wix API base URL (e.g. `https://www.wixapis.com`); absent: an in-process sandbox.
    #[arg(long, env = "WIX_API_BASE", global = true)]
    pub base_url: Option<String>,
    /// The OAuth app's client ID (defaults to the sandbox's client in sandbox mode).
    #[arg(long, env = "WIX_CLIENT_ID", global = true)]
    pub client_id: Option<String>,
    /// The redirect URI of the OAuth flows (an allowed redirect URI of the app).
    #[arg(long, env = "WIX_REDIRECT_URI", global = true)]
    pub redirect_uri: Option<String>,
    /// The profile of `config.toml` to use (its settings, its own tokens); default `default`.
    #[arg(long, env = "WIX_PROFILE", global = true)]
    pub profile: Option<String>,
    /// Keep tokens in this file (written 0600) instead of the OS credential store.
    #[arg(long, env = "WIX_TOKEN_FILE", global = true)]
    pub token_file: Option<PathBuf>,
    /// Keep tokens in a file (0600, in the config directory) instead of the OS credential
    /// store.
    #[arg(long, global = true)]
    pub insecure_storage: bool,
    /// Machine-readable output: one JSON object.
    #[arg(long, global = true)]
    pub json: bool,
    /// Trace requests (secrets are never traced); colours unless NO_COLOR is set.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The site an API key acts on, for external login (the key comes from WIX_API_KEY).
    #[arg(
        long,
        env = "WIX_SITE_ID",
        global = true,
        conflicts_with = "account_id"
    )]
    pub site_id: Option<String>,
    /// The account an API key acts on, instead of a site.
    #[arg(long, env = "WIX_ACCOUNT_ID", global = true)]
    pub account_id: Option<String>,
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
    /// Check a client id and site (or the sandbox) step by step, naming the fix for each
    /// failure: unknown client, redirect URI not allowed, origin not allowed, site not
    /// published, API key without a site id.
    Doctor,
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
    /// Log a member in: with --email, the password from a prompt or stdin; with --browser,
    /// through Wix's login page in the browser and back to a loopback listener (RFC 8252).
    Login {
        /// The member's email.
        #[arg(long, required_unless_present = "browser", conflicts_with = "browser")]
        email: Option<String>,
        /// Log in through the browser; the callback arrives at the loopback redirect URI.
        #[arg(long)]
        browser: bool,
        /// Print the login URL instead of opening a browser.
        #[arg(long, requires = "browser")]
        no_browser: bool,
        /// Listen on this port instead of the redirect URI's (the URI with this port must be
        /// registered on the app: Wix matches redirect URIs exactly).
        #[arg(long, requires = "browser")]
        callback_port: Option<u16>,
        /// Seconds to wait for the callback before asking for the URL to be pasted.
        #[arg(long, default_value_t = 300, requires = "browser")]
        timeout: u64,
    },
    /// Turn the last session token into member tokens (no browser).
    Tokens,
    /// Start a Wix-managed login: print the login URL, keep the pending login.
    AuthorizeUrl,
    /// Start a login through a social provider: print the URL, keep the pending login.
    SocialLoginUrl {
        /// `google`, `facebook`, or an IdP connection id of the site.
        #[arg(long)]
        idp: String,
    },
    /// Turn the last session token into member tokens through the browser: print the URL
    /// to open, keep the pending login for `callback`.
    SessionLoginUrl,
    /// Email a fresh verification code for the pending verification.
    ResendCode,
    /// Member tokens for an email, server-side with an API key (Sign On, then the
    /// authorized_client grant); the key comes from WIX_API_KEY, the site from --site-id.
    ExternalLogin {
        /// The member's email.
        #[arg(long)]
        email: String,
        /// Mark the email as verified.
        #[arg(long)]
        verify_email: bool,
    },
    /// Member tokens for a member id, server-side with an API key (the authorized_client grant).
    ExternalTokens {
        /// The member (identity) id.
        #[arg(long)]
        member_id: String,
    },
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
    /// Print the access token and nothing else (refreshed first when near expiry), e.g.
    /// `curl -H "Authorization: $(wix-auth token)" …`; with --json, `{accessToken, expiresAt,
    /// role}`.
    Token,
    /// Print a shell completion script, e.g. `wix-auth completion bash > ~/.local/share/bash-completion/completions/wix-auth`.
    Completion {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Show or change the profiles in `config.toml` (the profile is --profile or WIX_PROFILE).
    Config {
        /// What to do.
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Sign a member on server-to-server (client secret from WIX_CLIENT_SECRET, a prompt or stdin).
    SignOn {
        /// The member's email.
        #[arg(long)]
        email: String,
    },
}

/// `wix-auth config …`.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Every profile and its settings.
    List,
    /// One setting of the profile.
    Get {
        /// The setting.
        key: Key,
    },
    /// Change a setting of the profile (creating the profile).
    Set {
        /// The setting.
        key: Key,
        /// Its value.
        value: String,
    },
    /// Remove a setting of the profile.
    Unset {
        /// The setting.
        key: Key,
    },
}
