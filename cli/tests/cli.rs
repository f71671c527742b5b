//! The `wix-auth` binary: the demo, every subcommand against a started sandbox (with `--json`
//! parsed back), and the exit codes of usage, refusal and network failures.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI};
use wix_auth_sandbox::{EmailKind, RunningSandbox, Sandbox};

struct Cli {
    sandbox: RunningSandbox,
    dir: tempfile::TempDir,
}

impl Cli {
    async fn start() -> Self {
        Self {
            sandbox: Sandbox::builder().start().await.unwrap(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Runs `wix-auth --json <args>` against the sandbox, with `stdin` piped in.
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
            .args([
                "--json",
                "--base-url",
                self.sandbox.base_url(),
                "--client-id",
                DEFAULT_CLIENT_ID,
            ])
            .args(["--redirect-uri", DEFAULT_REDIRECT_URI])
            .arg("--token-file")
            .arg(self.dir.path().join("tokens.json"))
            .args(args)
            .env("WIX_CLIENT_SECRET", DEFAULT_CLIENT_SECRET)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs a command that must succeed; returns its JSON.
    fn ok(&self, args: &[&str], stdin: &str) -> Value {
        let out = self.run(args, stdin);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{args:?}: {stdout} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{args:?}: {e}: {stdout}"))
    }
}

#[test]
fn demo_walks_every_flow() {
    let out = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
        .arg("demo")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for step in [
        "Visitor tokens",
        "Register",
        "Verify",
        "Log in",
        "member tokens",
        "Refresh",
        "Token info",
        "Change password",
        "Password-reset email",
        "Sign On",
        "Wix-managed login",
        "Logout URL",
        "all 12 steps passed",
    ] {
        assert!(stdout.contains(step), "missing {step}:\n{stdout}");
    }
    assert!(!stdout.contains("verySecurePassword"));
}

#[tokio::test(flavor = "multi_thread")]
async fn custom_login_from_the_shell() {
    let cli = Cli::start().await;
    let visitor = cli.ok(&["visitor"], "");
    assert_eq!(visitor["role"], "visitor");
    assert!(
        visitor["access_token"].as_str().unwrap().ends_with('…'),
        "secrets are shortened"
    );

    let registered = cli.ok(
        &[
            "register",
            "--email",
            "ann@example.com",
            "--first-name",
            "Ann",
        ],
        "secret-pw\n",
    );
    assert_eq!(registered["state"], "SUCCESS");
    let logged_in = cli.ok(&["login", "--email", "ann@example.com"], "secret-pw\n");
    assert_eq!(logged_in["state"], "SUCCESS");
    let member = cli.ok(&["tokens"], "");
    assert_eq!(member["role"], "member");
    let info = cli.ok(&["token-info"], "");
    assert_eq!(
        (info["active"].as_bool(), info["subject_type"].as_str()),
        (Some(true), Some("MEMBER"))
    );
    assert_eq!(cli.ok(&["refresh"], "")["role"], "member");
    assert_eq!(
        cli.ok(&["change-password"], "new-secret-pw\n")["changed"],
        true
    );
    assert_eq!(
        cli.ok(&["login", "--email", "ann@example.com"], "new-secret-pw\n")["state"],
        "SUCCESS"
    );
    let logout = cli.ok(
        &["logout-url", "--post-flow-url", "http://127.0.0.1:3000/"],
        "",
    );
    assert!(
        logout["logout_url"]
            .as_str()
            .unwrap()
            .contains("/v1/logout")
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(cli.dir.path().join("tokens.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn verification_reset_and_sign_on_from_the_shell() {
    let cli = Cli::start().await;
    cli.sandbox.add_contact("con@example.com").unwrap();
    let pending = cli.ok(&["register", "--email", "con@example.com"], "secret-pw\n");
    assert_eq!(pending["state"], "REQUIRE_EMAIL_VERIFICATION");
    let code = cli.sandbox.latest_code("con@example.com").unwrap();
    assert_eq!(cli.ok(&["verify", "--code", &code], "")["state"], "SUCCESS");
    assert_eq!(cli.ok(&["tokens"], "")["role"], "member");

    assert_eq!(
        cli.ok(&["reset-password", "--email", "con@example.com"], "")["sent"],
        true
    );
    let emails = cli.sandbox.emails_to("con@example.com");
    assert_eq!(emails.last().unwrap().kind, EmailKind::Recovery);

    assert_eq!(
        cli.ok(&["sign-on", "--email", "app@example.com"], "")["state"],
        "SUCCESS"
    );
    assert_eq!(cli.ok(&["tokens"], "")["role"], "member");
}

#[tokio::test(flavor = "multi_thread")]
async fn wix_managed_login_in_two_steps() {
    let cli = Cli::start().await;
    cli.ok(&["register", "--email", "wm@example.com"], "secret-pw\n");
    let begun = cli.ok(&["authorize-url"], "");
    let login_url = begun["authorization_url"].as_str().unwrap().to_string();
    let callback = cli
        .sandbox
        .log_in_on_page(&login_url, "wm@example.com", "secret-pw")
        .await
        .unwrap();
    assert_eq!(cli.ok(&["callback", &callback], "")["role"], "member");
    let again = cli.run(&["callback", &callback], "");
    assert_eq!(again.status.code(), Some(1), "no pending login left");
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_exit_3_with_a_clear_message() {
    let cli = Cli::start().await;
    cli.ok(&["register", "--email", "x@example.com"], "secret-pw\n");
    let wrong = cli.run(&["login", "--email", "x@example.com"], "wrong-pw\n");
    assert_eq!(wrong.status.code(), Some(3));
    let body: Value = serde_json::from_slice(&wrong.stdout).unwrap();
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("wrong email or password"),
        "{body}"
    );
    assert_eq!(body["hint"], "check the email and password");
    let text = String::from_utf8_lossy(&wrong.stdout);
    assert!(!text.contains("wrong-pw"));
}

#[tokio::test(flavor = "multi_thread")]
async fn verbose_traces_requests_without_secrets() {
    let cli = Cli::start().await;
    let out = cli.run(&["-v", "visitor"], "");
    assert!(out.status.success());
    let trace = String::from_utf8_lossy(&out.stderr);
    assert!(
        trace.contains("path=\"/oauth2/token\"") || trace.contains("path=/oauth2/token"),
        "{trace}"
    );
    assert!(trace.contains("status=200"), "{trace}");
    assert!(
        !trace.contains("OauthNG.JWS.sbx-"),
        "no token in the trace: {trace}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
        .args(["login", "--password", "x"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "passwords are never taken from argv"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage"));
    let missing = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
        .args(["visitor", "--base-url", "http://127.0.0.1:9"])
        .env_remove("WIX_CLIENT_ID")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn an_unreachable_server_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
        .args([
            "visitor",
            "--base-url",
            "http://127.0.0.1:9",
            "--client-id",
            "c",
            "--token-file",
        ])
        .arg(dir.path().join("t.json"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not connect"));
}

/// Runs `wix-auth --json visitor <args>` without a base URL (an in-process sandbox), with
/// `home` as the user's home and config directory; the command must succeed.
fn visitor_offline(args: &[&str], home: &std::path::Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
        .args(["--json", "visitor"])
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env_remove("WIX_API_BASE")
        .env_remove("WIX_CLIENT_ID")
        .env_remove("WIX_TOKEN_FILE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn without_a_base_url_commands_use_an_in_process_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.json");
    let out = visitor_offline(&["--token-file", file.to_str().unwrap()], dir.path());
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["role"], "visitor");
}

#[tokio::test(flavor = "multi_thread")]
async fn session_login_through_the_browser_in_two_steps() {
    let cli = Cli::start().await;
    cli.ok(&["register", "--email", "fp@example.com"], "secret-pw\n");
    assert_eq!(
        cli.ok(&["login", "--email", "fp@example.com"], "secret-pw\n")["state"],
        "SUCCESS"
    );
    let begun = cli.ok(&["session-login-url"], "");
    let url = begun["authorization_url"].as_str().unwrap();
    // The browser's part: follow the URL; Wix redirects back to the redirect URI.
    let http = wix_auth_generated::http_client_builder().build().unwrap();
    let back = http.get(url).send().await.unwrap();
    assert_eq!(back.status(), 302);
    let callback = back.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(cli.ok(&["callback", &callback], "")["role"], "member");
    let again = cli.run(&["session-login-url"], "");
    assert_eq!(again.status.code(), Some(1), "the session token was used");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_verification_code_is_sent_again_on_request() {
    let cli = Cli::start().await;
    cli.sandbox.add_contact("again@example.com").unwrap();
    let pending = cli.ok(&["register", "--email", "again@example.com"], "secret-pw\n");
    assert_eq!(pending["state"], "REQUIRE_EMAIL_VERIFICATION");
    assert_eq!(cli.ok(&["resend-code"], "")["sent"], true);
    let emails = cli.sandbox.emails_to("again@example.com");
    assert_eq!(emails.len(), 2, "a second code was sent");
    let code = emails[1].code.as_deref().unwrap();
    assert_eq!(cli.ok(&["verify", "--code", code], "")["state"], "SUCCESS");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_social_login_prints_the_provider_url() {
    let cli = Cli::start().await;
    let begun = cli.ok(&["social-login-url", "--idp", "google"], "");
    assert!(
        begun["authorization_url"]
            .as_str()
            .unwrap()
            .contains("/_api/oauth2/authorize")
    );
    assert!(begun["next"].as_str().unwrap().contains("callback"));
}

#[tokio::test(flavor = "multi_thread")]
async fn external_login_sends_the_api_key_with_the_site() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    let tokens = serde_json::json!({"access_token": "OauthNG.v", "token_type": "Bearer", "expires_in": 14400, "refresh_token": "JWS.r"});
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(tokens))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/_api/iam/authentication/v2/sign-on"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"sessionToken": "MST.s", "identity": {"id": "member-1"}}),
        ))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], key: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wix-auth"));
        command
            .args(["--json", "--base-url", &server.uri(), "--client-id", "c-1"])
            .arg("--token-file")
            .arg(dir.path().join("tokens.json"))
            .args(args)
            .env_remove("WIX_API_KEY");
        if let Some(key) = key {
            command.env("WIX_API_KEY", key);
        }
        command.output().unwrap()
    };
    let missing = run(&["external-login", "--email", "x@example.com"], None);
    assert_eq!(missing.status.code(), Some(2));
    let failure: Value = serde_json::from_slice(&missing.stdout).unwrap();
    assert!(
        failure["hint"].as_str().unwrap().contains("WIX_API_KEY"),
        "{failure}"
    );

    let out = run(
        &[
            "--site-id",
            "site-1",
            "external-login",
            "--email",
            "x@example.com",
        ],
        Some("IST.key"),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let report: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(report["role"], "member");
    assert!(!stdout.contains("IST.key"));
    let requests = server.received_requests().await.unwrap();
    let keyed: Vec<_> = requests
        .iter()
        .filter(|r| r.headers.get("wix-site-id").is_some())
        .collect();
    assert_eq!(keyed.len(), 2, "sign-on and the grant carry the site");
    for request in keyed {
        assert_eq!(request.headers["wix-site-id"], "site-1");
        assert_eq!(request.headers["authorization"], "OauthNG.v,IST.key");
    }
}

#[test]
fn the_in_process_sandbox_leaves_the_real_token_file_alone() {
    let home = tempfile::tempdir().unwrap();
    visitor_offline(&[], home.path());
    let real = home.path().join(".config/wix-auth/tokens.json");
    assert!(
        !real.exists(),
        "throwaway sandbox tokens reached {}",
        real.display()
    );
}

/// `wix-auth doctor --json` against `sandbox` with these options; its steps by name, and
/// the exit code.
fn doctor(
    sandbox: &RunningSandbox,
    client_id: &str,
    redirect_uri: &str,
    env: &[(&str, &str)],
) -> (std::collections::HashMap<String, Value>, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
        .args([
            "--json",
            "--base-url",
            sandbox.base_url(),
            "--client-id",
            client_id,
        ])
        .args(["--redirect-uri", redirect_uri, "doctor"])
        .env_remove("WIX_API_KEY")
        .env_remove("WIX_SITE_ID")
        .env_remove("WIX_ACCOUNT_ID")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: Value =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let steps = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["step"].as_str().unwrap().to_string(), s.clone()))
        .collect();
    (steps, out.status.code().unwrap())
}

fn diagnosis<'a>(
    steps: &'a std::collections::HashMap<String, Value>,
    step: &str,
) -> (&'a str, &'a str) {
    let row = &steps[step];
    (
        row["status"].as_str().unwrap(),
        row["diagnosis"].as_str().unwrap_or("-"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_names_each_misconfiguration_and_its_fix() {
    use wix_auth_sandbox::{AuthorizeMode, Config, OAuthClient};
    let healthy = Sandbox::builder().start().await.unwrap();
    let (steps, code) = doctor(&healthy, DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI, &[]);
    assert_eq!(code, 0, "{steps:?}");
    for step in [
        "visitor token",
        "token info",
        "redirect session",
        "authorize",
        "allowed origins",
    ] {
        assert_eq!(diagnosis(&steps, step).0, "ok", "{step}: {:?}", steps[step]);
    }

    let (steps, code) = doctor(&healthy, "no-such-client", DEFAULT_REDIRECT_URI, &[]);
    assert_eq!(
        (code, diagnosis(&steps, "visitor token")),
        (3, ("fail", "unknown_client"))
    );
    assert!(
        steps["visitor token"]["fix"]
            .as_str()
            .unwrap()
            .contains("client ID")
    );

    let other = "http://127.0.0.1:3000/elsewhere";
    let (steps, code) = doctor(&healthy, DEFAULT_CLIENT_ID, other, &[]);
    assert_eq!(
        (code, diagnosis(&steps, "redirect session")),
        (3, ("fail", "redirect_uri_not_allowed"))
    );
    assert!(
        steps["redirect session"]["fix"]
            .as_str()
            .unwrap()
            .contains(other)
    );

    let (steps, code) = doctor(
        &healthy,
        DEFAULT_CLIENT_ID,
        DEFAULT_REDIRECT_URI,
        &[("WIX_API_KEY", "IST.key")],
    );
    assert_eq!(
        (code, diagnosis(&steps, "API key")),
        (3, ("fail", "api_key_without_site"))
    );

    let no_origins = Sandbox::builder()
        .client(OAuthClient::new("app").redirect_uri(DEFAULT_REDIRECT_URI))
        .start()
        .await
        .unwrap();
    let (steps, code) = doctor(&no_origins, "app", DEFAULT_REDIRECT_URI, &[]);
    assert_eq!(
        (code, diagnosis(&steps, "allowed origins")),
        (0, ("warn", "origin_not_allowed"))
    );

    let unpublished = Sandbox::builder()
        .config(Config {
            published: false,
            ..Config::default()
        })
        .start()
        .await
        .unwrap();
    let (steps, code) = doctor(&unpublished, DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI, &[]);
    assert_eq!(
        (code, diagnosis(&steps, "authorize")),
        (3, ("fail", "site_not_published"))
    );

    let pessimistic = Sandbox::builder()
        .authorize_mode(AuthorizeMode::Pessimistic)
        .start()
        .await
        .unwrap();
    let (steps, code) = doctor(&pessimistic, DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI, &[]);
    assert_eq!(
        (code, diagnosis(&steps, "authorize")),
        (0, ("warn", "browser_route_needed"))
    );
}

/// `wix-auth login --browser --no-browser` against a sandbox whose app allows a loopback
/// redirect URI on a free port; answers the child, the URL it printed, and that URI.
async fn browser_login(
    sandbox_port_client: &str,
) -> (
    RunningSandbox,
    std::process::Child,
    String,
    String,
    tempfile::TempDir,
    // The child's stderr stays open with the returned reader, as a terminal's would.
    std::io::BufReader<std::process::ChildStderr>,
) {
    use std::io::{BufRead, BufReader};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let sandbox = Sandbox::builder()
        .client(wix_auth_sandbox::OAuthClient::new(sandbox_port_client).redirect_uri(&redirect))
        .start()
        .await
        .unwrap();
    sandbox
        .seed_member(wix_auth_sandbox::SeedMember::new(
            "cli@example.com",
            "a-long-password",
        ))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
        .args([
            "--json",
            "--base-url",
            sandbox.base_url(),
            "--client-id",
            sandbox_port_client,
        ])
        .args(["--redirect-uri", &redirect])
        .arg("--token-file")
        .arg(dir.path().join("tokens.json"))
        .args(["login", "--browser", "--no-browser", "--timeout", "30"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let url = line
        .trim()
        .strip_prefix("Log in at: ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    (sandbox, child, url, redirect, dir, stderr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_in_the_browser_comes_back_to_the_loopback_listener() {
    let (sandbox, child, url, redirect, dir, _stderr) = browser_login("native-app").await;
    // The test plays the browser: Wix's login page, then the redirect to the listener.
    let callback = sandbox
        .log_in_on_page(&url, "cli@example.com", "a-long-password")
        .await
        .unwrap();
    assert!(callback.starts_with(&format!("{redirect}?")), "{callback}");
    let http = wix_auth_generated::http_client_builder().build().unwrap();
    let page = http.get(&callback).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let text = page.text().await.unwrap();
    assert!(text.contains("You are logged in"));
    assert!(!text.contains("JWS"), "the page holds no token");
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["role"], "member");
    assert!(
        dir.path().join("tokens.json").exists(),
        "stored where the other commands look"
    );
    // The listener took one request and closed.
    assert!(http.get(&callback).send().await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_with_a_wrong_state_reaches_no_token_request() {
    let (sandbox, child, _url, redirect, _dir, _stderr) = browser_login("native-app").await;
    let client = wix_auth_generated::http_client_builder().build().unwrap();
    // Not the callback path: 404, and the listener keeps waiting.
    let stray = client
        .get(redirect.replace("/callback", "/favicon.ico"))
        .send()
        .await
        .unwrap();
    assert_eq!(stray.status(), 404);
    let forged = client
        .get(format!("{redirect}?code=stolen&state=forged"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 400);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(sandbox.token_requests("authorization_code"), 0);
}

#[test]
fn login_in_the_browser_needs_a_loopback_redirect_uri_with_a_port() {
    for redirect in ["https://app.example/callback", "http://127.0.0.1/callback"] {
        let out = Command::new(env!("CARGO_BIN_EXE_wix-auth"))
            .args([
                "--base-url",
                "http://127.0.0.1:9",
                "--client-id",
                "c",
                "--redirect-uri",
                redirect,
            ])
            .args(["login", "--browser", "--no-browser"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{redirect}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("loopback redirect URI"));
    }
}
