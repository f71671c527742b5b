//! A headless Chromium session through a chromedriver process of its own.

use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// A browser; its chromedriver stops when it is dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    name: String,
    shots: u32,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// Starts chromedriver and a headless Chromium; `name` prefixes the screenshots.
    pub async fn launch(name: &str) -> Self {
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = free_port();
        // A process group of its own, so stopping it stops the browser it started too.
        let driver = Command::new(&driver_path)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_path} ({e}): install chromium and chromium-driver")
            });
        let url = format!("http://127.0.0.1:{port}");
        let profile = std::env::temp_dir().join(format!("wix-auth-axum-{name}-{port}"));
        let capabilities = serde_json::json!({
            // The console's messages, for tests that check it holds no CORS error.
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1000,800", format!("--user-data-dir={}", profile.display()),
                ],
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let mut last_error = None;
        for _ in 0..50 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Self {
                        client,
                        driver,
                        name: name.to_string(),
                        shots: 0,
                    };
                }
                Err(e) => {
                    last_error = Some(e.to_string());
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("chromedriver did not start a session: {last_error:?}");
    }

    pub async fn goto(&mut self, url: &str) {
        self.client.goto(url).await.unwrap();
        self.shot().await;
    }

    /// Types into the field `selector` (CSS) names.
    pub async fn fill(&self, selector: &str, value: &str) {
        let field = self.client.find(Locator::Css(selector)).await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    /// Clicks what `selector` (CSS) names and waits for the next page.
    pub async fn click(&mut self, selector: &str) {
        self.client
            .find(Locator::Css(selector))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.settle().await;
        self.shot().await;
    }

    /// The site's login form, as `email` with the tests' password.
    pub async fn log_in_with_form(&mut self, site: &str, email: &str) {
        self.goto(&format!("{site}/login")).await;
        self.fill("#email", email).await;
        self.fill("#password", crate::common::PASSWORD).await;
        self.click("#submit").await;
    }

    async fn settle(&self) {
        for _ in 0..100 {
            let ready = self
                .client
                .execute("return document.readyState", vec![])
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_string));
            if ready.as_deref() == Some("complete") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The text of the element with this id, if the page has it.
    pub async fn text(&self, id: &str) -> Option<String> {
        match self.client.find(Locator::Id(id)).await {
            Ok(element) => element.text().await.ok(),
            Err(_) => None,
        }
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    pub async fn document_cookie(&self) -> String {
        self.client
            .execute("return document.cookie", vec![])
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Saves a screenshot of the current page under `target/screenshots/`.
    pub async fn shot(&mut self) {
        self.shots += 1;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(
                dir.join(format!("{}-{:02}.png", self.name, self.shots)),
                png,
            );
        }
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    /// Stops chromedriver and every browser process of its group.
    fn stop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.stop();
    }
}
