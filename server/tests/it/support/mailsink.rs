//! The project's real mail and SMS sink (dev/mailsink), started for one test on free
//! loopback ports and stopped when dropped.

use openidconnect::reqwest;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const SMS_USER: &str = "stafett";
pub const SMS_PASSWORD: &str = "test-sms-secret";

pub struct MailSink {
    child: Child,
    pub smtp_url: String,
    pub http_url: String,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

impl MailSink {
    pub async fn start() -> MailSink {
        let (smtp_port, http_port) = (free_port(), free_port());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../dev/mailsink/mailsink.py");
        let child = Command::new("/usr/bin/python3")
            .arg(script)
            .args(["--smtp-port", &smtp_port.to_string()])
            .args(["--http-port", &http_port.to_string()])
            .env("MAILSINK_SMS_USER", SMS_USER)
            .env("MAILSINK_SMS_PASSWORD", SMS_PASSWORD)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs dev/mailsink/mailsink.py (scripts/setup installs aiosmtpd)");
        let sink = MailSink {
            child,
            smtp_url: format!("smtp://127.0.0.1:{smtp_port}"),
            http_url: format!("http://127.0.0.1:{http_port}"),
        };
        for _ in 0..100 {
            let ready = reqwest::get(format!("{}/healthz", sink.http_url)).await;
            if ready.is_ok_and(|response| response.status().is_success()) {
                return sink;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the mail sink did not start");
    }

    pub fn sms_url(&self) -> String {
        format!("{}/sms", self.http_url)
    }

    /// Everything received, oldest first.
    pub async fn messages(&self) -> Vec<serde_json::Value> {
        reqwest::get(format!("{}/messages", self.http_url))
            .await
            .expect("the mail sink answers")
            .text()
            .await
            .map(|text| serde_json::from_str(&text).expect("a JSON list"))
            .expect("a body")
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
