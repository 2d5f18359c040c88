//! The archive package of a closed log, and its way to the municipality's archive.
//!
//! Closing a log makes an `archive_package` row in the same transaction (a trigger, see
//! migration `…1200_archive.sql`), so the log is closed at once whether or not the archive
//! answers. The worker here builds each package once, off the request path, keeps it until
//! the receiver has answered, and retries with backoff; the package id is the idempotency
//! key, so a package is filed once even when the server dies between the receiver's
//! answer and the commit. The receipt's reference goes on the log (`archive_reference`,
//! `archived_at`), where the holder and the family see it.

pub mod arkivmelding;
pub mod copy;
pub mod document;
pub mod layout;
pub mod pdf;
pub mod receiver;

use crate::outbox::worker::{backoff_seconds, error_kept};
use app::server::audit_seal::sealed_head;
use app::server::log::record;
use arkivmelding::{Classification, Filing};
use document::Purpose;
use receiver::{Outgoing, Receiver};
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use uuid::Uuid;

/// Packages are not urgent, but the holder should see the reference the same minute.
const POLL: Duration = Duration::from_secs(2);

pub struct Archive {
    pub receiver: Box<dyn Receiver>,
    /// The Individual Plan system, for the packages of logs transferred to one.
    pub individual_plan: Option<Box<dyn Receiver>>,
    pub classification: Classification,
}

/// A built package: the PDF/A and its arkivmelding.
pub struct Package {
    pub document: Vec<u8>,
    pub arkivmelding: String,
    pub sha256: Vec<u8>,
}

/// Reads the closed log and writes its package.
pub async fn build(
    conn: &mut PgConnection,
    package_id: Uuid,
    log_id: Uuid,
    classification: &Classification,
) -> Result<Package, String> {
    let read = async {
        // Through the archive's door (`archiving_log()`): the owner, for a log whose
        // package is not built yet.
        sqlx::query!(
            "select set_config('stafett.archiving_log', $1, true)",
            log_id.to_string()
        )
        .fetch_one(&mut *conn)
        .await?;
        let record = record::read(conn, log_id).await?;
        let head = sealed_head(conn, log_id).await?;
        Ok::<_, sqlx::Error>((record, head))
    };
    let (record, head) = read
        .await
        .map_err(|error| format!("the log could not be read: {error}"))?;
    let closed_at = record.closed_at.ok_or("the log is not closed")?;
    let a = &record.lang.texts().archive;
    let title = (a.document_title)(&record.child_name);
    let page_of = a.page_of;
    let document = pdf::render(
        &document::blocks(&record, &Purpose::Archive(head.as_ref())),
        &pdf::About {
            title: &title,
            language: record.lang.code(),
            created: closed_at,
            page_of: &page_of,
        },
    )?;
    let sha256 = Sha256::digest(&document).to_vec();
    let holder = record
        .holders
        .last()
        .and_then(|holder| Some((holder.name.as_str(), holder.unit.as_deref()?)));
    let arkivmelding = arkivmelding::write(&Filing {
        package_id,
        log_id,
        title: &title,
        public_title: a.public_title,
        child_name: &record.child_name,
        child_national_id: record.child_national_id.as_deref(),
        opened_at: record.opened_at,
        closed_at,
        holder,
        classification,
        document_sha256_hex: &hex(&sha256),
        document_size: document.len(),
        sealed_head: head.as_ref(),
    })
    .map_err(|error| format!("the arkivmelding could not be written: {error}"))?;
    Ok(Package {
        document,
        arkivmelding,
        sha256,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

struct Due {
    id: Uuid,
    log_id: Uuid,
    /// The archive's package, or the Individual Plan system's.
    to_archive: bool,
    closed_at: OffsetDateTime,
    attempts: i32,
    package: Option<(Vec<u8>, String)>,
}

/// Builds and delivers every package that is due; returns how many were filed.
pub async fn deliver_due(pool: &PgPool, archive: &Archive) -> Result<usize, sqlx::Error> {
    let mut filed = 0;
    loop {
        let mut tx = pool.begin().await?;
        let Some(row) = sqlx::query!(
            r#"select archive_package_id, log_id, closed_at, attempts, document, arkivmelding,
                      destination = 'archive' as "to_archive!"
               from archive_package
               where delivered_at is null and next_attempt_at <= now()
                 and (destination = 'archive' or $1)
               order by next_attempt_at
               limit 1
               for update skip locked"#,
            archive.individual_plan.is_some()
        )
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(filed);
        };
        let mut due = Due {
            id: row.archive_package_id,
            log_id: row.log_id,
            to_archive: row.to_archive,
            closed_at: row.closed_at,
            attempts: row.attempts,
            package: row.document.zip(row.arkivmelding),
        };
        let outcome = match due.package.take() {
            Some(package) => Ok(package),
            None => match build(&mut tx, due.id, due.log_id, &archive.classification).await {
                Ok(built) => {
                    store(&mut tx, &due, &built).await?;
                    Ok((built.document, built.arkivmelding))
                }
                Err(error) => Err(error),
            },
        };
        let receipt = match &outcome {
            Ok((document, arkivmelding)) => {
                let outgoing = Outgoing {
                    id: due.id,
                    arkivmelding,
                    document,
                };
                let receiver = match (&archive.individual_plan, due.to_archive) {
                    (Some(system), false) => system,
                    _ => &archive.receiver,
                };
                receiver.deliver(&outgoing).await
            }
            Err(error) => Err(error.clone()),
        };
        match receipt {
            Ok(reference) => {
                filed_with(&mut tx, &due, &reference).await?;
                filed += 1;
            }
            Err(error) => {
                tracing::warn!(package = %due.id, %error, "archive package not filed; will retry");
                retry_later(&mut tx, &due, &error).await?;
            }
        }
        tx.commit().await?;
    }
}

async fn store(conn: &mut PgConnection, due: &Due, built: &Package) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update archive_package
         set document = $2, arkivmelding = $3, document_sha256 = $4, built_at = now()
         where archive_package_id = $1",
        due.id,
        built.document,
        built.arkivmelding,
        built.sha256
    )
    .execute(&mut *conn)
    .await?;
    record_event(conn, due.log_id, "archive.package_built", due.id, None).await
}

/// The receipt is stored and the bytes dropped: the archive holds the package now.
async fn filed_with(
    conn: &mut PgConnection,
    due: &Due,
    reference: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update archive_package
         set delivered_at = now(), reference = $2, document = null, arkivmelding = null,
             attempts = attempts + 1, last_error = null
         where archive_package_id = $1",
        due.id,
        reference
    )
    .execute(&mut *conn)
    .await?;
    if !due.to_archive {
        let event = "individual_plan.filed";
        return record_event(conn, due.log_id, event, due.id, Some(reference)).await;
    }
    // Only while the log is still closed by the closing the package is of.
    sqlx::query!(
        "update log set archived_at = now(), archive_reference = $3
         where log_id = $1 and status = 'closed' and closed_at = $2",
        due.log_id,
        due.closed_at,
        reference
    )
    .execute(&mut *conn)
    .await?;
    record_event(conn, due.log_id, "archive.filed", due.id, Some(reference)).await
}

/// Backing off: 10 s, 20 s, 40 s … up to an hour, for as long as it takes.
async fn retry_later(conn: &mut PgConnection, due: &Due, error: &str) -> Result<(), sqlx::Error> {
    let backoff_seconds = backoff_seconds(10, due.attempts);
    let error = error_kept(error);
    sqlx::query!(
        "update archive_package
         set attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + make_interval(secs => $3)
         where archive_package_id = $1",
        due.id,
        error,
        backoff_seconds
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The system's own steps in the log's audit trail (no person did them).
async fn record_event(
    conn: &mut PgConnection,
    log_id: Uuid,
    action: &str,
    package_id: Uuid,
    reference: Option<&str>,
) -> Result<(), sqlx::Error> {
    let detail = serde_json::json!({ "package": package_id, "reference": reference });
    sqlx::query!(
        "insert into audit_event (log_id, action, detail) values ($1, $2, $3)",
        log_id,
        action,
        detail
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Runs until the process ends, once the database is ready. Without an archive configured,
/// packages wait in the database for one.
pub async fn run(pool: PgPool, archive: Option<Archive>, database_ready: Arc<AtomicBool>) {
    let Some(archive) = archive else {
        tracing::warn!(
            "no archive is configured (STAFETT_ARCHIVE_URL or STAFETT_ARCHIVE_DIR): \
             closed logs' packages wait until one is"
        );
        return;
    };
    loop {
        if database_ready.load(Ordering::Acquire) {
            if let Err(error) = deliver_due(&pool, &archive).await {
                tracing::warn!(%error, "archive delivery interrupted");
            }
        }
        tokio::time::sleep(POLL).await;
    }
}
