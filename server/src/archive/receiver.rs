//! Where packages go. [`Receiver`] is what the worker needs; [`HttpReceiver`] puts a package
//! to the municipality's archive receiver and reads its receipt, [`DirectoryReceiver`]
//! leaves it where a small municipality's archive system picks files up.
//!
//! Both are idempotent on the package id: a package sent again (the server died after the
//! receiver took it, before the receipt was stored) is not filed twice, and the receipt
//! names the same reference.

use super::arkivmelding::DOCUMENT_FILE;
use crate::config::ArchiveReceiver;
use base64::Engine;
use openidconnect::reqwest;
use openidconnect::url::Url;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use uuid::Uuid;

pub struct Outgoing<'a> {
    pub id: Uuid,
    pub arkivmelding: &'a str,
    pub document: &'a [u8],
}

/// The archive's reference for the filed package, or why it was not filed.
pub type Receipt<'a> = Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>>;

pub trait Receiver: Send + Sync {
    fn deliver<'a>(&'a self, package: &'a Outgoing<'a>) -> Receipt<'a>;
}

pub fn from_config(config: &ArchiveReceiver) -> Box<dyn Receiver> {
    match config {
        ArchiveReceiver::Http { url, token } => Box::new(HttpReceiver::new(url.clone(), token)),
        ArchiveReceiver::Directory(dir) => Box::new(DirectoryReceiver(dir.clone())),
    }
}

/// `PUT {url}/packages/{id}` with JSON `{"arkivmelding", "files": [{"name", "mimeType",
/// "data"}]}` (data in base64); the receiver answers `{"reference"}`, the same for the same
/// id however often it is sent.
pub struct HttpReceiver {
    url: Url,
    token: String,
    http: reqwest::Client,
}

impl HttpReceiver {
    pub fn new(mut url: Url, token: &str) -> HttpReceiver {
        // `packages/…` is joined below the configured URL, not in place of its last part.
        if !url.path().ends_with('/') {
            url.set_path(&format!("{}/", url.path()));
        }
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap_or_default();
        HttpReceiver {
            url,
            token: token.to_string(),
            http,
        }
    }
}

impl Receiver for HttpReceiver {
    fn deliver<'a>(&'a self, package: &'a Outgoing<'a>) -> Receipt<'a> {
        Box::pin(async move {
            let url = self
                .url
                .join(&format!("packages/{}", package.id))
                .map_err(|error| format!("archive URL: {error}"))?;
            let body = serde_json::json!({
                "arkivmelding": package.arkivmelding,
                "files": [{
                    "name": DOCUMENT_FILE,
                    "mimeType": "application/pdf",
                    "data": base64::engine::general_purpose::STANDARD.encode(package.document),
                }],
            });
            let response = self
                .http
                .put(url)
                .bearer_auth(&self.token)
                .header("content-type", "application/json")
                .header("idempotency-key", package.id.to_string())
                .body(body.to_string())
                .send()
                .await
                .map_err(|error| format!("the archive is unreachable: {error}"))?;
            let status = response.status();
            let text = response
                .text()
                .await
                .map_err(|error| format!("the archive's receipt did not arrive: {error}"))?;
            if !status.is_success() {
                let text: String = text.chars().take(200).collect();
                return Err(format!("the archive answered {status}: {text}"));
            }
            serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|receipt| receipt["reference"].as_str().map(str::to_string))
                .filter(|reference| !reference.trim().is_empty() && reference.len() <= 200)
                .ok_or_else(|| "the archive's receipt has no reference".to_string())
        })
    }
}

/// `{dir}/{id}/arkivmelding.xml` and the PDF, written under a temporary name and renamed
/// into place, so that the archive system never picks up half a package. The reference is
/// the package's folder name.
pub struct DirectoryReceiver(pub PathBuf);

impl Receiver for DirectoryReceiver {
    fn deliver<'a>(&'a self, package: &'a Outgoing<'a>) -> Receipt<'a> {
        Box::pin(async move {
            let name = package.id.to_string();
            let target = self.0.join(&name);
            if tokio::fs::try_exists(&target).await.unwrap_or(false) {
                return Ok(name);
            }
            let partial = self.0.join(format!(".{name}.partial"));
            let write = async {
                let _ = tokio::fs::remove_dir_all(&partial).await;
                tokio::fs::create_dir_all(&partial).await?;
                tokio::fs::write(partial.join("arkivmelding.xml"), package.arkivmelding).await?;
                tokio::fs::write(partial.join(DOCUMENT_FILE), package.document).await?;
                tokio::fs::rename(&partial, &target).await
            };
            write
                .await
                .map_err(|error| format!("the archive directory is not writable: {error}"))?;
            Ok(name)
        })
    }
}
