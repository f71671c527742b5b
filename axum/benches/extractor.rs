//! What the `Member` extractor costs on a page: a handler taking `Member` behind the session
//! layer (cookie decrypt + store lookup, tokens fresh) and answering `member.id()` against
//! the same handler bare, in the same run. `cargo bench -p wix-auth-axum --bench extractor`.

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use axum::routing::get;
use criterion::{Criterion, criterion_group, criterion_main};
use tower::ServiceExt;
use wix_auth_axum::{Member, WixAuthWeb};
use wix_auth_flows::{WixAuth, store::MemoryStore};
use wix_auth_sandbox::{OAuthClient, Sandbox};

const SITE: &str = "http://127.0.0.1:9/auth/callback";

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (member_app, bare_app, cookie, _sandbox) = runtime.block_on(async {
        let sandbox = Sandbox::builder()
            .client(OAuthClient::new("bench").redirect_uri(SITE))
            .start()
            .await
            .unwrap();
        let auth = WixAuth::builder("bench")
            .base_url(sandbox.base_url())
            .redirect_uri(SITE)
            .build()
            .unwrap();
        let web = WixAuthWeb::builder(auth, MemoryStore::new())
            .cookie_key(&[9; 64])
            .allow_insecure_loopback()
            .build()
            .unwrap();
        let member_app = Router::new()
            .route("/page", get(|m: Member| async move { m.id().to_string() }))
            .merge(web.router())
            .layer(web.layer());
        let bare_app: Router = Router::new().route(
            "/page",
            get(|| async { "5c4f0f48-0c3e-4b7e-9d3a-2d8f4c1b6a70".to_string() }),
        );
        let register = Request::post("/auth/register")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(
                "email=bench%40example.com&password=a-long-password",
            ))
            .unwrap();
        let answer = member_app.clone().oneshot(register).await.unwrap();
        assert_eq!(answer.status(), 303);
        let cookie = answer.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        (member_app, bare_app, cookie, sandbox)
    });
    let page = |cookie: Option<&str>| {
        let mut request = Request::get("/page");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.body(Body::empty()).unwrap()
    };
    // The member page must be served, or the benchmark measures a rejection.
    let served = runtime
        .block_on(member_app.clone().oneshot(page(Some(&cookie))))
        .unwrap();
    assert_eq!(served.status(), 200);

    let mut group = c.benchmark_group("axum page");
    group.bench_function("bare handler", |b| {
        b.to_async(&runtime)
            .iter(|| bare_app.clone().oneshot(page(Some(&cookie))))
    });
    group.bench_function("Member extractor (layer, decrypt, store)", |b| {
        b.to_async(&runtime)
            .iter(|| member_app.clone().oneshot(page(Some(&cookie))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
