//! Writing in a meeting: proposing agenda items, minutes, decisions and approval. A meeting
//! is locked while it is written, so agenda numbering, minutes and approval happen one at a
//! time; approved minutes are read-only, here and in the database.

use crate::domain::access::Denial;
use crate::domain::plan::writes_minutes;
use crate::model::error::{ApiError, Field};
use crate::server::gate::{ApproveMinutes, ContentTx, Granted, Permission, WriteEntry};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

/// A meeting of the log, locked for the rest of the transaction so that agenda numbering,
/// minutes and approval happen one at a time.
#[derive(Debug, Deserialize)]
struct Locked {
    approved: bool,
    minute_taker: Option<Uuid>,
}

async fn lock<K: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<K>,
    meeting_id: Uuid,
) -> Result<Locked, ApiError> {
    let row = sqlx::query!(
        r#"select minutes_approved_at is not null as "approved!", minute_taker_id
           from meeting where meeting_id = $2 and log_id = $1 for update"#,
        grant.log_id(),
        meeting_id
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::NotFound)?;
    Ok(Locked {
        approved: row.approved,
        minute_taker: row.minute_taker_id,
    })
}

fn denied(reason: Denial) -> ApiError {
    ApiError::Denied { reason }
}

/// Adds an item to the agenda, after those already there; anyone who may write in the log
/// may propose one until the minutes are approved.
pub async fn propose(
    tx: &mut ContentTx,
    grant: &Granted<WriteEntry>,
    meeting_id: Uuid,
    text: &str,
) -> Result<(), ApiError> {
    if lock(tx, grant, meeting_id).await?.approved {
        return Err(denied(Denial::MinutesApproved));
    }
    sqlx::query!(
        "insert into meeting_agenda_item (meeting_id, proposed_by, text, position)
         select $1, $2, $3, coalesce(max(position) + 1, 0)
         from meeting_agenda_item where meeting_id = $1",
        meeting_id,
        grant.person_id(),
        text
    )
    .execute(tx.conn())
    .await?;
    tx.record(
        grant,
        "content.write",
        json!({ "what": "agenda_item", "meeting": meeting_id }),
    )
    .await?;
    Ok(())
}

/// Checks that the grant's holder writes this meeting's minutes, and that they are not
/// approved yet.
async fn lock_for_minutes(
    tx: &mut ContentTx,
    grant: &Granted<WriteEntry>,
    meeting_id: Uuid,
) -> Result<(), ApiError> {
    let locked = lock(tx, grant, meeting_id).await?;
    if !writes_minutes(grant.capacity(), grant.person_id(), locked.minute_taker) {
        return Err(denied(Denial::MinuteTakerOnly));
    }
    if locked.approved {
        return Err(denied(Denial::MinutesApproved));
    }
    Ok(())
}

/// Saves the minutes over `expected_version`; returns the new version. Someone else's
/// newer save is a conflict, never overwritten.
pub async fn save_minutes(
    tx: &mut ContentTx,
    grant: &Granted<WriteEntry>,
    meeting_id: Uuid,
    minutes: &str,
    expected_version: i32,
) -> Result<i32, ApiError> {
    lock_for_minutes(tx, grant, meeting_id).await?;
    let version = sqlx::query_scalar!(
        "update meeting set minutes = $3, version = version + 1
         where meeting_id = $2 and log_id = $1 and version = $4 returning version",
        grant.log_id(),
        meeting_id,
        minutes,
        expected_version
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::Conflict)?;
    tx.record(
        grant,
        "content.write",
        json!({ "what": "minutes", "meeting": meeting_id, "version": version }),
    )
    .await?;
    Ok(version)
}

/// Records a decision of the meeting, about a measure of the log or none.
pub async fn add_decision(
    tx: &mut ContentTx,
    grant: &Granted<WriteEntry>,
    meeting_id: Uuid,
    text: &str,
    measure_id: Option<Uuid>,
) -> Result<(), ApiError> {
    lock_for_minutes(tx, grant, meeting_id).await?;
    let added = sqlx::query!(
        "insert into meeting_decision (meeting_id, text, measure_id)
         select $2, $3, $4
         where $4::uuid is null
            or exists (select 1 from measure where measure_id = $4 and log_id = $1)",
        grant.log_id(),
        meeting_id,
        text,
        measure_id
    )
    .execute(tx.conn())
    .await?;
    if added.rows_affected() == 0 {
        return Err(ApiError::Invalid {
            field: Field::Measure,
        });
    }
    tx.record(
        grant,
        "content.write",
        json!({ "what": "decision", "meeting": meeting_id, "measure": measure_id }),
    )
    .await?;
    Ok(())
}

/// Approves the minutes as read at `expected_version`: from then on they are read-only.
pub async fn approve(
    tx: &mut ContentTx,
    grant: &Granted<ApproveMinutes>,
    meeting_id: Uuid,
    expected_version: i32,
) -> Result<(), ApiError> {
    if lock(tx, grant, meeting_id).await?.approved {
        return Err(denied(Denial::MinutesApproved));
    }
    let approved = sqlx::query!(
        r#"update meeting set minutes_approved_at = now(), minutes_approved_by = $3
           where meeting_id = $2 and log_id = $1 and version = $4
             and length(btrim(coalesce(minutes, ''))) > 0
           returning 1 as "one!""#,
        grant.log_id(),
        meeting_id,
        grant.person_id(),
        expected_version
    )
    .fetch_optional(tx.conn())
    .await?;
    if approved.is_none() {
        let current = sqlx::query_scalar!(
            "select version from meeting where meeting_id = $1",
            meeting_id
        )
        .fetch_one(tx.conn())
        .await?;
        return Err(if current != expected_version {
            ApiError::Conflict
        } else {
            ApiError::Invalid {
                field: Field::Minutes,
            }
        });
    }
    tx.record(
        grant,
        "content.write",
        json!({ "what": "minutes_approved", "meeting": meeting_id }),
    )
    .await?;
    Ok(())
}
