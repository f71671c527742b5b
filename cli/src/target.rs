//! Where commands go: the given base URL, or a sandbox started in this process.

use wix_auth_flows::{WixAuth, external::ApiKeyScope, secrets::ApiKey};
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};
use wix_auth_sandbox::{RunningSandbox, Sandbox};

use crate::args::Global;
use crate::failure::Failure;

/// The flows for this run, and the sandbox behind them when there is no base URL.
pub struct Target {
    /// The flows.
    pub auth: WixAuth,
    /// The in-process sandbox, kept alive for the command.
    pub sandbox: Option<RunningSandbox>,
}

impl Target {
    /// Resolves the global options.
    pub async fn resolve(global: &Global) -> Result<Self, Failure> {
        let (base_url, sandbox) = match &global.base_url {
            Some(url) => (url.clone(), None),
            None => {
                let sandbox = Sandbox::builder().start().await.map_err(|e| {
                    Failure::local(format!("cannot start the in-process sandbox: {e}"))
                })?;
                (sandbox.base_url().to_string(), Some(sandbox))
            }
        };
        let in_sandbox = sandbox.is_some();
        let client_id = match (&global.client_id, in_sandbox) {
            (Some(id), _) => id.clone(),
            (None, true) => DEFAULT_CLIENT_ID.to_string(),
            (None, false) => {
                return Err(Failure::usage(
                    "--client-id (or WIX_CLIENT_ID) is required with --base-url",
                ));
            }
        };
        let mut builder = WixAuth::builder(client_id).base_url(base_url);
        match (&global.redirect_uri, in_sandbox) {
            (Some(uri), _) => builder = builder.redirect_uri(uri),
            (None, true) => builder = builder.redirect_uri(DEFAULT_REDIRECT_URI),
            (None, false) => {}
        }
        let scope = match (&global.site_id, &global.account_id) {
            (Some(site), _) => Some(ApiKeyScope::Site(site.clone())),
            (None, Some(account)) => Some(ApiKeyScope::Account(account.clone())),
            (None, None) => None,
        };
        let key = std::env::var("WIX_API_KEY").ok().filter(|k| !k.is_empty());
        if let (Some(key), Some(scope)) = (key, scope) {
            builder = builder.api_key(ApiKey::new(key), scope);
        }
        let auth = builder.build().map_err(Failure::from)?;
        Ok(Self { auth, sandbox })
    }
}
