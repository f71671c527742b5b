//! The TOML configuration (the commented example parses to the defaults) and the
//! `wix-sandbox` binary.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use wix_auth_sandbox::{Config, RefreshPolicy};

fn example() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/sandbox.example.toml")).unwrap()
}

#[test]
fn the_example_configuration_is_the_default() {
    assert_eq!(Config::from_toml(&example()).unwrap(), Config::default());
}

#[test]
fn the_guide_shows_the_example_configuration() {
    let chapter = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/src/sandbox.md"
    ))
    .unwrap();
    assert!(
        chapter.contains("{{#include ../../sandbox/sandbox.example.toml}}"),
        "the guide's sandbox chapter must include sandbox/sandbox.example.toml"
    );
}

#[test]
fn partial_configuration_keeps_defaults_and_unknown_keys_are_refused() {
    let config =
        Config::from_toml("refresh = \"rotate\"\n[policy]\nrequire_owner_approval = true\n")
            .unwrap();
    assert_eq!(config.refresh, RefreshPolicy::Rotate);
    assert!(config.policy.require_owner_approval);
    assert_eq!(config.lifetimes.access_token, 14_400);
    let error = Config::from_toml("[policy]\nrequire_everything = true\n").unwrap_err();
    assert!(error.to_string().contains("require_everything"), "{error}");
}

#[test]
fn the_binary_serves_on_a_free_port_and_reports_it() {
    let dir = std::env::temp_dir().join(format!("wix-sandbox-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("sandbox.toml");
    std::fs::write(
        &config,
        "[[clients]]\nid = \"from-file\"\nredirect_uris = [\"http://127.0.0.1:1/cb\"]\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wix-sandbox"))
        .args(["--port", "0", "--config"])
        .arg(&config)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = [String::new(), String::new(), String::new()];
    for line in &mut lines {
        out.read_line(line).unwrap();
    }
    let [first, outbox, client] = lines;
    let base = first
        .trim()
        .strip_prefix("wix-sandbox listening on ")
        .unwrap()
        .to_string();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let status = runtime.block_on(async {
        let http = wix_auth_generated::http_client_builder().build().unwrap();
        http.post(format!("{base}/oauth2/token"))
            .json(&serde_json::json!({"clientId": "from-file", "grantType": "anonymous"}))
            .send()
            .await
            .unwrap()
            .status()
    });
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(status, 200);
    assert_eq!(
        outbox.trim(),
        format!("emails (codes, recovery links): {base}/_sandbox/outbox")
    );
    assert_eq!(
        client.trim(),
        "client id from-file: redirect URIs [\"http://127.0.0.1:1/cb\"], post-flow URLs [], allowed origins []"
    );
}

#[test]
fn the_binary_refuses_a_bad_configuration_file() {
    let output = Command::new(env!("CARGO_BIN_EXE_wix-sandbox"))
        .args(["--config", "/nonexistent/sandbox.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot read /nonexistent/sandbox.toml")
    );
}
