//! Where `wix-auth` keeps secrets, and what it gives scripts: the kernel keyring by default
//! (nothing secret on disk), a 0600 file with `--insecure-storage`, token files of earlier
//! versions moved in, `wix-auth token`, profiles, completions and `NO_COLOR`. Every command is
//! the real binary, against a started sandbox, with its own config directory; each test's
//! profile has a name of its own, since the kernel keyring is shared by the user's processes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::Value;
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};
use wix_auth_sandbox::{RunningSandbox, Sandbox};

/// A user of the CLI: a home (and config directory) of their own and one profile in it,
/// pointing at a sandbox.
struct User {
    sandbox: RunningSandbox,
    home: tempfile::TempDir,
    profile: String,
}

fn unique_profile(test: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "test-{test}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

impl User {
    /// A user whose profile is configured with `wix-auth config set`.
    async fn new(test: &str) -> Self {
        let user = Self {
            sandbox: Sandbox::builder().start().await.unwrap(),
            home: tempfile::tempdir().unwrap(),
            profile: unique_profile(test),
        };
        let base_url = user.sandbox.base_url().to_string();
        for (key, value) in [
            ("base-url", base_url.as_str()),
            ("client-id", DEFAULT_CLIENT_ID),
            ("redirect-uri", DEFAULT_REDIRECT_URI),
        ] {
            user.ok(&["config", "set", key, value], "");
        }
        user
    }

    fn config_dir(&self) -> PathBuf {
        self.home.path().join(".config/wix-auth")
    }

    /// The binary with this user's environment, nothing of the caller's `WIX_*`.
    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wix-auth"));
        command
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env_remove("NO_COLOR");
        for (name, _) in std::env::vars() {
            if name.starts_with("WIX_") {
                command.env_remove(name);
            }
        }
        command
    }

    /// `wix-auth --profile <the profile> <args>` with `stdin` piped in.
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command()
            .args(["--profile", &self.profile])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs a command that must succeed; its stdout.
    fn ok(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {stdout} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    fn json(&self, args: &[&str], stdin: &str) -> Value {
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(args);
        serde_json::from_str(self.ok(&with_json, stdin).trim()).unwrap()
    }

    /// Registers and logs a member in, ending with member tokens.
    fn log_in(&self, extra: &[&str]) {
        for (args, stdin) in [
            (
                &["register", "--email", "kim@example.com"][..],
                "pass-word-1\n",
            ),
            (
                &["login", "--email", "kim@example.com"][..],
                "pass-word-1\n",
            ),
            (&["tokens"][..], ""),
        ] {
            self.ok(&[extra, args].concat(), stdin);
        }
    }
}

/// Every file under `dir` and its text.
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                files.push((path, text));
            }
        }
    }
    files
}

/// Whether `/proc/keys` lists a live key of the profile (neither invalidated, revoked nor
/// dead): `<id> <flags> <usage> <timeout> <perm> <uid> <gid> <type> <description>: <summary>`.
fn kernel_keyring_lists(profile: &str) -> bool {
    let keys = std::fs::read_to_string("/proc/keys").unwrap();
    let description = format!("wix-auth:{profile}:");
    keys.lines().any(|line| {
        let columns: Vec<_> = line.split_whitespace().collect();
        columns.len() > 8 && columns[8] == description && !columns[1].contains(['i', 'R', 'D'])
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn by_default_tokens_and_pending_logins_live_in_the_kernel_keyring_not_on_disk() {
    let user = User::new("keyring").await;
    user.log_in(&[]);
    let access = user.ok(&["token"], "");
    let access = access.trim_end_matches('\n');
    // A pending login too: its PKCE verifier and state.
    let started = user.json(&["authorize-url"], "");
    assert!(started["authorization_url"].is_string());

    assert!(
        kernel_keyring_lists(&user.profile),
        "no key wix-auth:{} in /proc/keys",
        user.profile
    );
    let files = files_under(&user.config_dir());
    let names: Vec<_> = files.iter().map(|(path, _)| path.clone()).collect();
    assert_eq!(names, [user.config_dir().join("config.toml")]);
    for (path, text) in &files {
        assert!(
            !text.contains(access),
            "the access token is in {}",
            path.display()
        );
        for secret in ["verifier", "state", "token"] {
            assert!(!text.contains(secret), "{secret} in {}", path.display());
        }
    }

    // The token is the member's, and live.
    let info = user.json(&["token-info"], "");
    assert_eq!(info["active"], true);
    assert_eq!(info["subject_type"], "MEMBER");

    // Logging out leaves nothing behind: the callback's pending login is dropped with it.
    let refused = user.run(
        &[
            "callback",
            "http://127.0.0.1:3000/callback?error=access_denied",
        ],
        "",
    );
    assert_eq!(refused.status.code(), Some(3));
    user.ok(
        &["logout-url", "--post-flow-url", "http://127.0.0.1:3000/"],
        "",
    );
    let after = user.run(&["token"], "");
    assert_eq!(after.status.code(), Some(3), "no tokens after logout");
    assert!(
        !kernel_keyring_lists(&user.profile),
        "the key outlived the logout"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn token_prints_the_access_token_alone_and_json_three_fields() {
    let user = User::new("token").await;
    user.log_in(&[]);
    let out = user.run(&["token"], "");
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let json = user.json(&["token"], "");
    let fields: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    assert_eq!(fields, ["accessToken", "expiresAt", "role"]);
    assert_eq!(
        printed,
        format!("{}\n", json["accessToken"].as_str().unwrap())
    );
    assert!(printed.starts_with("OauthNG.JWS."));
    assert_eq!(json["role"], "member");
    assert!(json["expiresAt"].as_u64().unwrap() > 1_700_000_000);
    user.ok(
        &["logout-url", "--post-flow-url", "http://127.0.0.1:3000/"],
        "",
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn insecure_storage_keeps_the_record_in_a_private_file_and_token_refreshes_near_expiry() {
    let user = User::new("insecure").await;
    user.log_in(&["--insecure-storage"]);
    let file = user
        .config_dir()
        .join(format!("credentials/{}.json", user.profile));
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&file).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    assert!(
        !kernel_keyring_lists(&user.profile),
        "--insecure-storage wrote the keyring"
    );

    let mut record: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let before = record["tokens"]["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        user.ok(&["--insecure-storage", "token"], ""),
        format!("{before}\n"),
        "a fresh token is printed as it is"
    );

    // Ten seconds left: within the refresh margin, so `token` refreshes first.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    record["tokens"]["expires_at"] = (now + 10).into();
    std::fs::write(&file, record.to_string()).unwrap();
    let printed = user.ok(&["--insecure-storage", "token"], "");
    let printed = printed.trim_end();
    assert_ne!(printed, before, "the token was not refreshed");
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(stored["tokens"]["access_token"], printed);
    assert!(stored["tokens"]["expires_at"].as_u64().unwrap() > now + 60);
}

#[tokio::test(flavor = "multi_thread")]
async fn token_files_of_earlier_versions_move_in_and_are_removed() {
    let user = User::new("legacy").await;
    // Earlier versions kept the default profile's tokens in tokens.json (a FileStore) and
    // the continuation beside it.
    for (key, value) in [
        ("base-url", user.sandbox.base_url()),
        ("client-id", DEFAULT_CLIENT_ID),
    ] {
        let out = user
            .command()
            .args(["config", "set", key, value])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let auth = wix_auth_flows::WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(user.sandbox.base_url())
        .build()
        .unwrap();
    let visitor = auth.visitor_tokens().await.unwrap();
    let legacy = user.config_dir().join("tokens.json");
    let store = wix_auth_flows::store::FileStore::new(&legacy);
    wix_auth_flows::store::TokenStore::save(
        &store,
        "default",
        &visitor,
        std::time::SystemTime::now() + std::time::Duration::from_secs(3600),
    )
    .await
    .unwrap();
    let continuation = user.config_dir().join("tokens.continuation.json");
    std::fs::write(&continuation, r#"{"identity_id":"id-1"}"#).unwrap();

    let out = user
        .command()
        .args(["--insecure-storage", "token"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("{}\n", visitor.access_token.expose_secret())
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("moved the tokens"));
    assert!(
        !legacy.exists() && !continuation.exists(),
        "the old files remain"
    );
    let record: Value = serde_json::from_str(
        &std::fs::read_to_string(user.config_dir().join("credentials/default.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(record["continuation"]["identity_id"], "id-1");
}

#[tokio::test(flavor = "multi_thread")]
async fn profiles_are_listed_read_and_changed_and_flags_win_over_them() {
    let user = User::new("profiles").await;
    assert_eq!(
        user.ok(&["config", "get", "client-id"], ""),
        format!("{DEFAULT_CLIENT_ID}\n")
    );
    let listed = user.json(&["config", "list"], "");
    assert_eq!(
        listed["profiles"][&user.profile]["base-url"],
        user.sandbox.base_url()
    );

    // A profile pointing nowhere, overridden by a flag and then by the environment.
    user.ok(&["config", "set", "base-url", "http://127.0.0.1:9"], "");
    let unreachable = user.run(&["--insecure-storage", "visitor"], "");
    assert_eq!(
        unreachable.status.code(),
        Some(4),
        "the profile's base URL is used"
    );
    let flagged = user.json(
        &[
            "--insecure-storage",
            "--base-url",
            user.sandbox.base_url(),
            "visitor",
        ],
        "",
    );
    assert_eq!(flagged["role"], "visitor");
    let from_env = user
        .command()
        .args(["--json", "--insecure-storage", "visitor"])
        .env("WIX_PROFILE", &user.profile)
        .env("WIX_API_BASE", user.sandbox.base_url())
        .output()
        .unwrap();
    assert!(
        from_env.status.success(),
        "{}",
        String::from_utf8_lossy(&from_env.stderr)
    );

    user.ok(&["config", "unset", "base-url"], "");
    assert_eq!(
        user.run(&["config", "get", "base-url"], "").status.code(),
        Some(1)
    );
    for refused in [
        vec!["config", "set", "api-key", "k"],
        vec!["config", "set", "base-url", "not a url"],
    ] {
        assert_eq!(user.run(&refused, "").status.code(), Some(2), "{refused:?}");
    }
    let unknown = user
        .command()
        .args(["--profile", "nobody", "visitor"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no profile \"nobody\""));
    let config = std::fs::read_to_string(user.config_dir().join("config.toml")).unwrap();
    assert!(!config.contains("OauthNG"), "a token reached config.toml");
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _wix__auth"),
        ("zsh", "#compdef wix-auth"),
        ("fish", "complete -c wix-auth"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[wix-auth]"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
            .args(["completion", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: no {marker}");
        // Long options without their dashes: fish writes `-l insecure-storage`.
        for command in ["token", "config", "login", "insecure-storage", "profile"] {
            assert!(
                script.contains(command),
                "{shell}: {command} is not completed"
            );
        }
        if shell == "bash" {
            let checked = Command::new("bash")
                .args(["-n", "-c", &script])
                .output()
                .unwrap();
            assert!(
                checked.status.success(),
                "bash rejects its completion script"
            );
        }
    }
}

/// `wix-auth -v visitor` in a pseudo-terminal (so colours would be on), with `NO_COLOR` set
/// or not; what the terminal showed.
fn verbose_in_a_terminal(no_color: Option<&str>) -> String {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("t.json");
    let line = format!(
        "{} -v visitor --token-file {}",
        env!("CARGO_BIN_EXE_wix-auth"),
        file.display()
    );
    let mut script = Command::new("script");
    script
        .args(["-qec", &line, "/dev/null"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env_remove("WIX_API_BASE")
        .env_remove("NO_COLOR");
    if let Some(value) = no_color {
        script.env("NO_COLOR", value);
    }
    let out = script.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn no_color_turns_the_trace_colours_off() {
    assert!(
        verbose_in_a_terminal(None).contains("\u{1b}["),
        "a terminal gets colours"
    );
    let plain = verbose_in_a_terminal(Some("1"));
    assert!(plain.contains("DEBUG"), "{plain}");
    assert!(
        !plain.contains("\u{1b}["),
        "NO_COLOR=1 still coloured: {plain:?}"
    );
}
