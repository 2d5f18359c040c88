//! Deletion on demand, as the routine says: those who consented may demand that the log's
//! information be deleted. The demand is recorded as their consent to the deletion (the
//! text they read is the evidence), an open log closes with it (so its copy goes to the
//! archive), a request never opened is taken back, and the holder is told. The content
//! itself is purged by the server once the archive has answered (`purge_log_content`).

use super::baton::tell;
use super::decisions::{consent_text, record_consent, set_status, Method};
use crate::domain::access::LogStatus;
use crate::domain::consent::{Action, Choice};
use crate::i18n::Lang;
use crate::model::error::{ApiError, Field};
use crate::model::notice::NoticeKind;
use crate::server::gate::{ContentTx, Granted, RequestDeletion};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// Records the demand; returns the holder, to be told once it is committed.
pub async fn request(
    tx: &mut ContentTx,
    grant: &Granted<RequestDeletion>,
    text_shown: &str,
    lang: Lang,
) -> Result<Option<Uuid>, ApiError> {
    let log_id = grant.log_id();
    let asked = sqlx::query_scalar!(
        r#"select deletion_requested_at is not null as "asked!" from log where log_id = $1
           for update"#,
        log_id
    )
    .fetch_one(tx.conn())
    .await?;
    if asked {
        return Err(Field::DeletionRequested.into());
    }
    // The evidence is the text the person read; if it has changed since, they read it again.
    let text = consent_text(tx, grant, Action::Delete, Choice::Given, lang).await?;
    if text != text_shown.trim() {
        return Err(ApiError::BadRequest);
    }
    let person = grant.person_id();
    record_consent(
        tx,
        grant,
        person,
        Action::Delete,
        Choice::Given,
        &Method::Digital,
        &text,
        lang,
    )
    .await?;
    sqlx::query!(
        "update log set deletion_requested_at = now(), deletion_requested_by = $2
         where log_id = $1",
        log_id,
        person
    )
    .execute(tx.conn())
    .await?;
    let holder = sqlx::query_scalar!(
        "select person_id from holder_assignment where log_id = $1 and ended_at is null",
        log_id
    )
    .fetch_optional(tx.conn())
    .await?;
    match grant.facts().status {
        LogStatus::Open => set_status(tx, grant, LogStatus::Closed, "log.closed").await?,
        LogStatus::Requested => {
            sqlx::query!(
                "update log set status = 'cancelled', cancelled_at = now() where log_id = $1",
                log_id
            )
            .execute(tx.conn())
            .await?;
        }
        LogStatus::Closed | LogStatus::Cancelled => {}
    }
    tx.record(grant, "log.deletion_requested", json!({}))
        .await?;
    Ok(holder)
}

/// Tells the holder, as they chose to be told, that the family demands deletion. Their
/// address is read as the owner: the family may not read it.
pub async fn tell_holder(
    pool: &PgPool,
    holder: Uuid,
    log_id: Uuid,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let path = format!("/logs/{log_id}/consents");
    tell(
        &mut conn,
        holder,
        log_id,
        NoticeKind::Deletion,
        public_url,
        &path,
    )
    .await
}
