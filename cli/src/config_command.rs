//! `wix-auth config list|get|set|unset`: the profiles of `config.toml`.

use std::path::Path;

use crate::args::ConfigAction;
use crate::failure::Failure;
use crate::output::{Report, line};
use crate::profiles::{ConfigFile, Key};

/// Runs `action` on the profile `profile` of `config`, kept in `dir`.
pub fn run(
    action: ConfigAction,
    config: ConfigFile,
    dir: &Path,
    profile: &str,
    json: bool,
) -> Result<(), Failure> {
    match action {
        ConfigAction::List => {
            if json {
                let profiles = serde_json::to_value(&config.profiles)
                    .map_err(|e| Failure::local(e.to_string()))?;
                line(&serde_json::json!({ "profiles": profiles }).to_string());
            } else {
                for (name, settings) in &config.profiles {
                    for key in Key::ALL {
                        if let Some(value) = settings.get(key) {
                            line(&format!("{name}.{}: {value}", key.name()));
                        }
                    }
                }
            }
            Ok(())
        }
        ConfigAction::Get { key } => {
            let settings = config.profile(profile);
            let value = settings.get(key).ok_or_else(|| {
                Failure::local(format!("{} is not set in profile {profile:?}", key.name()))
            })?;
            if json {
                Report::default()
                    .with("profile", profile)
                    .with("key", key.name())
                    .with("value", value)
                    .print(true);
            } else {
                line(value);
            }
            Ok(())
        }
        ConfigAction::Set { key, value } => change(config, dir, profile, key, Some(value), json),
        ConfigAction::Unset { key } => change(config, dir, profile, key, None, json),
    }
}

fn change(
    mut config: ConfigFile,
    dir: &Path,
    profile: &str,
    key: Key,
    value: Option<String>,
    json: bool,
) -> Result<(), Failure> {
    config.set(profile, key, value.clone())?;
    config.write(dir)?;
    Report::default()
        .with("profile", profile)
        .with("key", key.name())
        .with("value", value.map_or(serde_json::Value::Null, Into::into))
        .print(json);
    Ok(())
}
