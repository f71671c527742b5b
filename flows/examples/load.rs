//! A bounded load generator for `cargo xtask load`: full custom-login flows (visitor token →
//! register → login → redirect session → authorize → token) against a sandbox on loopback.
//! Prints one JSON line of figures.
//!
//! `load --base-url URL [--concurrency N] [--flows N | --seconds S] [--seed N] [--check]
//! [--origin ORIGIN]`
//! `--seed N` first adds N members through `/_sandbox/members`; `--check` (with `--seconds`)
//! also redeems every code twice and, at the end, checks that each member exists once;
//! `--origin` sends `Origin` on every API call, as a browser app's page does (the sandbox
//! then answers with CORS headers).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use wix_auth_flows::{Credentials, Error, Registration, WixAuth, types};
use wix_auth_sandbox::config::{DEFAULT_CLIENT_ID, DEFAULT_REDIRECT_URI};

struct Args {
    base_url: String,
    concurrency: usize,
    flows: u64,
    seconds: Option<u64>,
    seed: u64,
    check: bool,
    origin: Option<String>,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        base_url: String::new(),
        concurrency: 1,
        flows: 200,
        seconds: None,
        seed: 0,
        check: false,
        origin: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--base-url" => args.base_url = value()?,
            "--concurrency" => {
                args.concurrency = value()?.parse().map_err(|_| "bad --concurrency")?
            }
            "--flows" => args.flows = value()?.parse().map_err(|_| "bad --flows")?,
            "--seconds" => args.seconds = Some(value()?.parse().map_err(|_| "bad --seconds")?),
            "--seed" => args.seed = value()?.parse().map_err(|_| "bad --seed")?,
            "--check" => args.check = true,
            "--origin" => args.origin = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.base_url.is_empty() {
        return Err("--base-url is required".into());
    }
    if !args.base_url.starts_with("http://127.") && !args.base_url.starts_with("http://localhost") {
        return Err("load is only ever sent to loopback".into());
    }
    Ok(args)
}

/// What one flow did.
enum Outcome {
    Done(Duration),
    Failed(Failure),
}

/// Why a flow failed.
enum Failure {
    /// A flows error (a 5xx among them).
    Flow(Error),
    /// A step of the checked path had no usable answer.
    Step,
    /// The token endpoint redeemed the same code twice.
    CodeRedeemedTwice,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self::Flow(e)
    }
}

async fn one_flow(
    auth: &WixAuth,
    http: &reqwest::Client,
    email: &str,
    check: bool,
) -> Result<(), Failure> {
    let visitor = auth.visitor_tokens().await?.access_token;
    auth.register(&visitor, &Registration::new(email, "load-password"))
        .await?;
    let outcome = auth
        .login(&visitor, &Credentials::new(email, "load-password"))
        .await?;
    let session = outcome.session_token().ok_or(Failure::Step)?.clone();
    if !check {
        auth.member_tokens(&visitor, &session).await?;
        return Ok(());
    }
    // The checked path: the same sequence by hand, so the code can be redeemed twice.
    let request = types::CreateRedirectSessionRequest {
        auth: Some(types::RedirectSessionAuthParams {
            auth_request: types::AuthorizeRequest {
                client_id: Some(DEFAULT_CLIENT_ID.into()),
                redirect_uri: Some(DEFAULT_REDIRECT_URI.into()),
                response_type: Some("code".into()),
                response_mode: Some(types::ResponseMode::Query),
                state: Some("load".into()),
                code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
                code_challenge_method: Some(types::CodeChallengeMethod::S256),
                session_token: Some(session.to_wire()),
                ..Default::default()
            },
            prompt: Some(types::Prompt::None),
        }),
        ..Default::default()
    };
    let created = auth
        .api()
        .create_redirect_session(visitor.expose_secret(), &request)
        .await
        .map_err(|_| Failure::Step)?
        .into_inner();
    let url = created
        .redirect_session
        .and_then(|s| s.full_url)
        .ok_or(Failure::Step)?;
    let answer = http
        .get(url.as_str())
        .send()
        .await
        .map_err(|_| Failure::Step)?;
    let location = answer
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .ok_or(Failure::Step)?;
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|r| r.split('&').next())
        .ok_or(Failure::Step)?;
    let grant = types::TokenRequest::from(types::AuthorizationCodeTokenRequest {
        client_id: DEFAULT_CLIENT_ID.into(),
        grant_type: types::AuthorizationCodeTokenRequestGrantType::AuthorizationCode,
        code: code.into(),
        code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into(),
        redirect_uri: Some(DEFAULT_REDIRECT_URI.into()),
    });
    auth.api()
        .create_access_token(None, None, None, &grant)
        .await
        .map_err(|_| Failure::Step)?;
    if auth
        .api()
        .create_access_token(None, None, None, &grant)
        .await
        .is_ok()
    {
        return Err(Failure::CodeRedeemedTwice);
    }
    Ok(())
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

async fn seed(http: &reqwest::Client, base: &str, count: u64) -> Result<(), String> {
    let next = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (http, next, base) = (http.clone(), next.clone(), base.to_string());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        return Ok::<_, String>(());
                    }
                    let body = json!({"email": format!("seed{i}@example.com"), "password": "seed-password"});
                    let response = http.post(format!("{base}/_sandbox/members")).json(&body).send().await.map_err(|e| e.to_string())?;
                    if !response.status().is_success() {
                        return Err(format!("seeding answered {}", response.status()));
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.map_err(|e| e.to_string())??;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args = args()?;
    let http = wix_auth_generated::http_client_builder()
        .build()
        .map_err(|e| e.to_string())?;
    if args.seed > 0 {
        seed(&http, &args.base_url, args.seed).await?;
    }
    let mut api = wix_auth_generated::http_client_builder();
    if let Some(origin) = &args.origin {
        let mut headers = reqwest::header::HeaderMap::new();
        let origin = origin.parse().map_err(|_| "bad --origin")?;
        headers.insert(reqwest::header::ORIGIN, origin);
        api = api.default_headers(headers);
    }
    let auth = WixAuth::builder(DEFAULT_CLIENT_ID)
        .base_url(&args.base_url)
        .redirect_uri(DEFAULT_REDIRECT_URI)
        .http_client(api.build().map_err(|e| e.to_string())?)
        .build()
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    let deadline = args.seconds.map(|s| started + Duration::from_secs(s));
    let budget = if deadline.is_some() {
        u64::MAX
    } else {
        args.flows
    };
    let next = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let run = std::process::id();
    let tasks: Vec<_> = (0..args.concurrency)
        .map(|_| {
            let (auth, http, next, stop) = (auth.clone(), http.clone(), next.clone(), stop.clone());
            let check = args.check;
            tokio::spawn(async move {
                let mut outcomes = Vec::new();
                while !stop.load(Ordering::Relaxed) && deadline.is_none_or(|d| Instant::now() < d) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= budget {
                        break;
                    }
                    let email = format!("load-{run}-{i}@example.com");
                    let t = Instant::now();
                    outcomes.push(match one_flow(&auth, &http, &email, check).await {
                        Ok(()) => Outcome::Done(t.elapsed()),
                        Err(failure) => Outcome::Failed(failure),
                    });
                }
                outcomes
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let (mut errors, mut server_errors, mut redeemed_twice) = (0u64, 0u64, 0u64);
    for task in tasks {
        for outcome in task.await.map_err(|e| e.to_string())? {
            match outcome {
                Outcome::Done(d) => latencies.push(d),
                Outcome::Failed(failure) => {
                    errors += 1;
                    match failure {
                        Failure::Flow(e) => {
                            let status = e.context().and_then(|c| c.status);
                            server_errors += u64::from(status.is_some_and(|s| s >= 500));
                        }
                        Failure::CodeRedeemedTwice => redeemed_twice += 1,
                        Failure::Step => {}
                    }
                }
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let mut report = json!({
        "concurrency": args.concurrency,
        "flows": latencies.len(),
        "errors": errors,
        "server_errors": server_errors,
        "codes_redeemed_twice": redeemed_twice,
        "seconds": elapsed,
        "flows_per_second": latencies.len() as f64 / elapsed,
        "p50_ms": percentile(&latencies, 0.50),
        "p95_ms": percentile(&latencies, 0.95),
        "p99_ms": percentile(&latencies, 0.99),
    });
    if args.check {
        let members: Value = http
            .get(format!("{}/_sandbox/members", args.base_url))
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        let emails: Vec<&str> = members["members"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["email"].as_str())
            .collect();
        let unique: std::collections::HashSet<_> = emails.iter().collect();
        let ours = emails
            .iter()
            .filter(|e| e.starts_with(&format!("load-{run}-")))
            .count();
        report["members_listed"] = json!(emails.len());
        report["members_unique"] = json!(unique.len() == emails.len());
        report["members_match_flows"] = json!(ours as u64 >= latencies.len() as u64);
    }
    println!("{report}");
    Ok(())
}
