//! What the `MemberAuth` middleware costs over a bare reqwest call carrying the same token:
//! Get My Member against an in-process sandbox, both in the same run.
//! `cargo bench -p wix-auth-flows --features middleware --bench middleware`.

use criterion::{Criterion, criterion_group, criterion_main};
use wix_auth_flows::middleware::MemberAuth;
use wix_auth_flows::{Registration, Session, WixAuth, store::MemoryStore};
use wix_auth_sandbox::Sandbox;

fn bench(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (sandbox, bare, with_middleware, token) = runtime.block_on(async {
        let sandbox = Sandbox::builder().start().await.unwrap();
        let auth = WixAuth::builder(wix_auth_sandbox::config::DEFAULT_CLIENT_ID)
            .base_url(sandbox.base_url())
            .redirect_uri(wix_auth_sandbox::config::DEFAULT_REDIRECT_URI)
            .build()
            .unwrap();
        let visitor = auth.visitor_tokens().await.unwrap().access_token;
        let outcome = auth
            .register(
                &visitor,
                &Registration::new("bench@example.com", "a-long-password"),
            )
            .await
            .unwrap();
        let member = auth
            .member_tokens(&visitor, outcome.session_token().unwrap())
            .await
            .unwrap();
        let session = Session::new(auth.clone(), MemoryStore::new(), "bench");
        session.set(&member).await.unwrap();
        let bare = reqwest::Client::new();
        let with_middleware = reqwest_middleware::ClientBuilder::new(bare.clone())
            .with(MemberAuth::new(session))
            .build();
        let token = member.access_token.expose_secret().to_string();
        (sandbox, bare, with_middleware, token)
    });
    let url = format!("{}/members/v1/members/my", sandbox.base_url());
    let mut group = c.benchmark_group("Get My Member");
    group.bench_function("bare reqwest, token in hand", |b| {
        b.to_async(&runtime).iter(|| async {
            let answer = bare
                .get(&url)
                .header("authorization", &token)
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), 200);
            answer.bytes().await.unwrap()
        })
    });
    group.bench_function(
        "MemberAuth middleware (session lookup, freshness check)",
        |b| {
            b.to_async(&runtime).iter(|| async {
                let answer = with_middleware.get(&url).send().await.unwrap();
                assert_eq!(answer.status(), 200);
                answer.bytes().await.unwrap()
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
