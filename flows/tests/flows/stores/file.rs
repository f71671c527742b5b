//! The file store: the contract (two stores on one file stand for two instances), and what
//! only a file has — owner-only atomic writes, unreadable files, bare file names.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use wix_auth_flows::store::{ExpiredDeletion, FileStore, StoreError, TokenStore};
use wix_auth_flows::{Role, Session, Tokens};

use super::contract::{self, StoreUnderTest, store_contract};

struct File(tempfile::TempDir);

impl File {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }

    fn path(&self) -> std::path::PathBuf {
        self.0.path().join("tokens.json")
    }
}

impl StoreUnderTest for File {
    async fn instance(&self) -> Arc<dyn TokenStore> {
        Arc::new(FileStore::new(self.path()))
    }

    fn shared(&self) -> bool {
        false
    }

    async fn deletion(&self) -> Option<Arc<dyn ExpiredDeletion>> {
        Some(Arc::new(FileStore::new(self.path())))
    }
}

store_contract!(File::new());

#[tokio::test]
async fn corrupt_data_is_a_typed_error() {
    let file = File::new();
    let path = file.path();
    let corrupt = async move { std::fs::write(&path, "{\"damaged\": 5}").unwrap() };
    contract::corrupt_data_is_a_typed_error(&file, corrupt).await;
}

const START: u64 = 1_700_000_000;

fn member_tokens(expires_at: u64) -> Tokens {
    Tokens {
        access_token: "OLD-ACCESS".into(),
        refresh_token: Some("OLD-REFRESH".into()),
        expires_at,
        role: Role::Member,
        member: None,
    }
}

fn in_an_hour() -> SystemTime {
    SystemTime::now() + Duration::from_secs(3600)
}

#[tokio::test]
async fn writes_are_atomic_with_owner_only_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokens.json");
    let store = FileStore::new(&path);
    assert!(store.load("a").await.unwrap().is_none());
    store
        .save("a", &member_tokens(START), in_an_hour())
        .await
        .unwrap();
    store
        .save("b", &member_tokens(START + 1), in_an_hour())
        .await
        .unwrap();
    let reopened = FileStore::new(&path);
    assert_eq!(reopened.load("a").await.unwrap().unwrap().expires_at, START);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files are left behind");

    std::fs::write(
        &path,
        r#"{"version": 2, "sessions": {"a": {"tokens": {"access_token": 5}}}}"#,
    )
    .unwrap();
    let err = store.load("a").await.unwrap_err();
    assert!(
        err.to_string().contains("sessions.a.tokens.access_token"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_always_leave_a_readable_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokens.json");
    let store = Arc::new(FileStore::new(&path));
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let store = store.clone();
            tokio::spawn(async move {
                for i in 0..25u64 {
                    let tokens = Tokens {
                        access_token: format!("A-{w}-{i}").into(),
                        refresh_token: None,
                        expires_at: i,
                        role: Role::Visitor,
                        member: None,
                    };
                    let key = format!("key-{w}");
                    store.save(&key, &tokens, in_an_hour()).await.unwrap();
                }
            })
        })
        .collect();
    let reader = {
        let path = path.clone();
        tokio::spawn(async move {
            for _ in 0..200 {
                if let Ok(bytes) = std::fs::read(&path) {
                    let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&bytes);
                    assert!(parsed.is_ok(), "a reader saw a half-written file");
                }
                tokio::task::yield_now().await;
            }
        })
    };
    for w in writers {
        w.await.unwrap();
    }
    reader.await.unwrap();
    for w in 0..8 {
        let tokens = store.load(&format!("key-{w}")).await.unwrap().unwrap();
        assert_eq!(tokens.expires_at, 24);
    }
}

#[tokio::test]
async fn a_failing_refresh_leaves_the_file_whole() {
    use wiremock::matchers::path;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokens.json");
    let server = MockServer::start().await;
    Mock::given(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"access_token\": "))
        .mount(&server)
        .await;
    let session = Session::new(
        crate::common::flows_for(&server.uri()),
        FileStore::new(&file),
        "k",
    );
    session.set(&member_tokens(0)).await.unwrap();
    assert!(session.tokens().await.is_err());
    let kept = FileStore::new(&file).load("k").await.unwrap().unwrap();
    assert_eq!(
        (kept.access_token.expose_secret(), kept.role),
        ("OLD-ACCESS", Role::Member)
    );
}

#[tokio::test]
async fn an_unreadable_file_is_an_error_not_an_empty_store() {
    // A directory where the file should be: reading fails, and that must not read as "no
    // tokens" (which would log the member out, or let a save overwrite what is there).
    let dir = tempfile::tempdir().unwrap();
    let store = FileStore::new(dir.path());
    let err = store.load("member").await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Io {
                action: "reading",
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_bare_file_name_is_a_file_in_the_working_directory() {
    let name = format!("wix-auth-test-{}.json", std::process::id());
    let store = FileStore::new(&name);
    store
        .save("member", &member_tokens(START + 3600), in_an_hour())
        .await
        .unwrap();
    let written = std::path::Path::new(&name).exists();
    let loaded = store.load("member").await;
    std::fs::remove_file(&name).unwrap();
    assert!(written);
    assert_eq!(loaded.unwrap().unwrap().role, Role::Member);
}
