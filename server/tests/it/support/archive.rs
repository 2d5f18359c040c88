//! The project's archive receiver (dev/archive), started for one test on a free loopback
//! port with a store of its own, validating each arkivmelding.xml against the Fiks Arkiv
//! schema, and stopped when dropped.

use openidconnect::reqwest;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const TOKEN: &str = "test-archive-token";
pub const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../dev/archive/schema/no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd"
);

pub struct ArchiveReceiver {
    child: Child,
    pub url: String,
    pub store: PathBuf,
}

impl ArchiveReceiver {
    pub async fn start() -> ArchiveReceiver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let store = std::env::temp_dir().join(format!("stafett-archive-{}", uuid::Uuid::new_v4()));
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../dev/archive/archive.py");
        let child = Command::new("/usr/bin/python3")
            .arg(script)
            .args(["--port", &port.to_string()])
            .arg("--store")
            .arg(&store)
            .args(["--schema", SCHEMA])
            .env("ARCHIVE_TOKEN", TOKEN)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs dev/archive/archive.py");
        let receiver = ArchiveReceiver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            store,
        };
        for _ in 0..100 {
            let ready = reqwest::get(format!("{}/healthz", receiver.url)).await;
            if ready.is_ok_and(|response| response.status().is_success()) {
                return receiver;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the archive receiver did not start");
    }

    /// The next `times` packages are answered 503, as by an archive that is down.
    pub async fn fail(&self, times: u32) {
        reqwest::Client::new()
            .post(format!("{}/_control/fail", self.url))
            .body(serde_json::json!({ "times": times }).to_string())
            .send()
            .await
            .expect("the archive receiver answers");
    }

    /// What it filed: `[{"id", "reference", "attempts", "files"}]`.
    pub async fn packages(&self) -> Vec<serde_json::Value> {
        reqwest::get(format!("{}/_control/packages", self.url))
            .await
            .expect("the archive receiver answers")
            .text()
            .await
            .map(|text| serde_json::from_str(&text).expect("a JSON list"))
            .expect("a body")
    }
}

impl Drop for ArchiveReceiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.store);
    }
}
