//! Named profiles in `wix-auth/config.toml` under the user's config directory: where each
//! profile's commands go (base URL, client id, redirect URI, the site or account an API key
//! acts on). Never a secret: API keys and client secrets stay in the environment, tokens in
//! the credential store.
//!
//! ```toml
//! [profiles.shop]
//! base-url = "https://www.wixapis.com"
//! client-id = "0d9e…"
//! redirect-uri = "http://127.0.0.1:8765/callback"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::args::Global;
use crate::failure::Failure;

/// The profile commands use when neither `--profile` nor `WIX_PROFILE` names one.
pub const DEFAULT_PROFILE: &str = "default";

/// One profile's settings; each absent one falls back to the sandbox's default.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Profile {
    /// The Wix API base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// The OAuth app's client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The redirect URI of the OAuth flows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// The site an API key acts on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_id: Option<String>,
    /// The account an API key acts on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

/// A setting of a profile, by its name in `config.toml` and `wix-auth config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Key {
    /// `base-url`.
    BaseUrl,
    /// `client-id`.
    ClientId,
    /// `redirect-uri`.
    RedirectUri,
    /// `site-id`.
    SiteId,
    /// `account-id`.
    AccountId,
}

impl Key {
    /// Every key, in the order `config list` shows them.
    pub const ALL: [Key; 5] = [
        Key::BaseUrl,
        Key::ClientId,
        Key::RedirectUri,
        Key::SiteId,
        Key::AccountId,
    ];

    /// Its name in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Key::BaseUrl => "base-url",
            Key::ClientId => "client-id",
            Key::RedirectUri => "redirect-uri",
            Key::SiteId => "site-id",
            Key::AccountId => "account-id",
        }
    }

    /// Whether its value must be an absolute URL.
    fn is_url(self) -> bool {
        matches!(self, Key::BaseUrl | Key::RedirectUri)
    }
}

impl Profile {
    fn slot(&mut self, key: Key) -> &mut Option<String> {
        match key {
            Key::BaseUrl => &mut self.base_url,
            Key::ClientId => &mut self.client_id,
            Key::RedirectUri => &mut self.redirect_uri,
            Key::SiteId => &mut self.site_id,
            Key::AccountId => &mut self.account_id,
        }
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: Key) -> Option<&str> {
        match key {
            Key::BaseUrl => self.base_url.as_deref(),
            Key::ClientId => self.client_id.as_deref(),
            Key::RedirectUri => self.redirect_uri.as_deref(),
            Key::SiteId => self.site_id.as_deref(),
            Key::AccountId => self.account_id.as_deref(),
        }
    }

    /// Fills what the flags and environment left unset; what they set wins.
    pub fn fill(&self, global: &mut Global) {
        let fill = |slot: &mut Option<String>, value: &Option<String>| {
            if slot.is_none() {
                slot.clone_from(value);
            }
        };
        fill(&mut global.base_url, &self.base_url);
        fill(&mut global.client_id, &self.client_id);
        fill(&mut global.redirect_uri, &self.redirect_uri);
        // A site or an account: one given on the command line stands alone.
        if global.site_id.is_none() && global.account_id.is_none() {
            fill(&mut global.site_id, &self.site_id);
            fill(&mut global.account_id, &self.account_id);
        }
    }
}

/// `config.toml`: the profiles by name.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The profiles.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// The CLI's directory in the user's config directory (`$XDG_CONFIG_HOME/wix-auth` on
/// Linux); none without a home directory.
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join("wix-auth"))
}

/// Why a command that needs the config directory cannot run.
pub fn no_config_dir() -> Failure {
    Failure::local("no config directory (set HOME or XDG_CONFIG_HOME)")
}

/// A profile name is a file name and a credential-store entry: letters, digits, `-`, `_`.
pub fn check_name(name: &str) -> Result<(), Failure> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(Failure::usage(format!(
            "{name:?} is not a profile name: use letters, digits, '-' and '_' (at most 64)"
        )))
    }
}

impl ConfigFile {
    fn path(dir: &Path) -> PathBuf {
        dir.join("config.toml")
    }

    /// Reads `config.toml` in `dir`; none is an empty configuration.
    pub fn read(dir: &Path) -> Result<Self, Failure> {
        let path = Self::path(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Failure::local(format!("reading {}: {e}", path.display()))),
        };
        // The parser's message names the line and the key; the file holds no secret.
        toml::from_str(&text).map_err(|e| {
            Failure::usage(format!(
                "{} is not a wix-auth configuration: {e}",
                path.display()
            ))
        })
    }

    /// Writes `config.toml` in `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), Failure> {
        let path = Self::path(dir);
        let text = toml::to_string(self)
            .map_err(|e| Failure::local(format!("cannot write the configuration: {e}")))?;
        std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| Failure::local(format!("writing {}: {e}", path.display())))
    }

    /// The profile `name`; one never configured is empty.
    pub fn profile(&self, name: &str) -> Profile {
        self.profiles.get(name).cloned().unwrap_or_default()
    }

    /// Sets (or, with `None`, removes) `key` of the profile `name`, checking URLs.
    pub fn set(&mut self, name: &str, key: Key, value: Option<String>) -> Result<(), Failure> {
        check_name(name)?;
        if let (true, Some(url)) = (key.is_url(), &value) {
            url::Url::parse(url).map_err(|e| {
                Failure::usage(format!("{} must be an absolute URL: {e}", key.name()))
            })?;
        }
        let profile = self.profiles.entry(name.to_string()).or_default();
        *profile.slot(key) = value;
        if *profile == Profile::default() {
            self.profiles.remove(name);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    fn global(args: &[&str]) -> Global {
        let mut argv = vec!["wix-auth"];
        argv.extend_from_slice(args);
        argv.push("visitor");
        crate::args::Cli::parse_from(argv).global
    }

    #[test]
    fn flags_win_over_the_profile_and_the_profile_over_nothing() {
        let profile = Profile {
            base_url: Some("https://profile.example".into()),
            client_id: Some("profile-client".into()),
            site_id: Some("profile-site".into()),
            ..Profile::default()
        };
        let mut flags = global(&["--client-id", "flag-client", "--account-id", "acct"]);
        profile.fill(&mut flags);
        assert_eq!(flags.base_url.as_deref(), Some("https://profile.example"));
        assert_eq!(flags.client_id.as_deref(), Some("flag-client"));
        assert_eq!(
            flags.site_id, None,
            "an account on the command line stands alone"
        );
        assert_eq!(flags.account_id.as_deref(), Some("acct"));
    }

    #[test]
    fn settings_round_trip_through_the_file_and_empty_profiles_disappear() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = ConfigFile::read(dir.path()).unwrap();
        config
            .set("shop", Key::BaseUrl, Some("https://www.wixapis.com".into()))
            .unwrap();
        config
            .set("shop", Key::ClientId, Some("c1".into()))
            .unwrap();
        config.write(dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
        assert_eq!(
            text,
            "[profiles.shop]\nbase-url = \"https://www.wixapis.com\"\nclient-id = \"c1\"\n"
        );
        let mut read = ConfigFile::read(dir.path()).unwrap();
        assert_eq!(read.profile("shop").get(Key::ClientId), Some("c1"));
        read.set("shop", Key::BaseUrl, None).unwrap();
        read.set("shop", Key::ClientId, None).unwrap();
        assert!(read.profiles.is_empty());
    }

    #[test]
    fn bad_names_urls_and_files_are_usage_errors() {
        let mut config = ConfigFile::default();
        assert!(config.set("../x", Key::ClientId, Some("c".into())).is_err());
        assert!(
            config
                .set("p", Key::BaseUrl, Some("not a url".into()))
                .is_err()
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "[profiles.p]\napi-key = \"k\"\n",
        )
        .unwrap();
        let failure = ConfigFile::read(dir.path()).unwrap_err();
        assert_eq!(failure.code, crate::failure::USAGE);
        assert!(failure.message.contains("api-key"), "{}", failure.message);
    }
}
