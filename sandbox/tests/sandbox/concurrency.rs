//! Many members registering and logging in at once.

use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_register_and_login_sequences() {
    let env = std::sync::Arc::new(start().await);
    let mut tasks = Vec::new();
    for i in 0..200 {
        let env = env.clone();
        tasks.push(tokio::spawn(async move {
            let email = format!("member{i}@example.com");
            let registered = env
                .register(&email, "secret-pw")
                .await
                .map_err(|f| format!("{f:?}"))?;
            let logged_in = env
                .login(&email, "secret-pw")
                .await
                .map_err(|f| format!("{f:?}"))?;
            Ok::<_, String>((state(&registered), state(&logged_in)))
        }));
    }
    for task in tasks {
        let (registered, logged_in) = task.await.unwrap().unwrap();
        assert_eq!(
            (registered.as_str(), logged_in.as_str()),
            ("SUCCESS", "SUCCESS")
        );
    }
    let members = env.members().await;
    let emails: Vec<&str> = members
        .iter()
        .map(|m| m["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails.len(), 200);
    let unique: std::collections::HashSet<_> = emails.iter().collect();
    assert_eq!(unique.len(), 200);
    for i in 0..200 {
        assert!(unique.contains(&format!("member{i}@example.com").as_str()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_registrations_of_one_email_create_one_member() {
    let env = std::sync::Arc::new(start().await);
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let env = env.clone();
            tokio::spawn(async move { env.register("same@example.com", "secret-pw").await.is_ok() })
        })
        .collect();
    let mut successes = 0;
    for task in tasks {
        successes += usize::from(task.await.unwrap());
    }
    assert_eq!(successes, 1);
}
