//! Closing as the routine says: the holder's notice that coordinated help is no longer
//! needed, the family's objection, closing on a notice that ran its course, and taking back
//! a request that never got its consent. Each step is checked with `domain::closing` on the
//! notice as it is, read under a row lock so two steps on one log queue.

use crate::domain::access::LogStatus;
use crate::domain::closing::{self, Notice};
use crate::domain::plan::text_within;
use crate::model::error::{ApiError, Field};
use crate::model::log::{ClosingState, Objection};
use crate::model::notice::NoticeKind;
use crate::server::gate::{
    Cancel, ContentTx, GiveClosingNotice, Granted, ObjectToClosing, Permission,
};
use crate::server::notice;
use crate::server::oslo::oslo;
use serde_json::json;
use uuid::Uuid;

/// The longest reason or objection, as the database allows.
const TEXT_MAX_CHARS: usize = 2000;
/// The shortest reason: enough for the family to know what they decide on.
const REASON_MIN_CHARS: usize = 10;

/// The latest notice of the log that is not ended: running, or objected to.
struct Current {
    id: Uuid,
    notice: Notice,
    state: ClosingState,
}

/// Locked until the transaction ends, so two steps on one log queue.
async fn current<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
) -> Result<Option<Current>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select n.closing_notice_id, n.reason, n.given_at, n.objection, n.objected_at,
                  g.given_name || ' ' || g.family_name as "given_by!",
                  o.given_name || ' ' || o.family_name as "objected_by?"
           from closing_notice n
           join person g on g.person_id = n.given_by
           left join person o on o.person_id = n.objected_by
           where n.log_id = $1 and n.ended_at is null
           order by n.given_at desc
           limit 1
           for update of n"#,
        grant.log_id()
    )
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.map(|row| {
        let notice = Notice {
            given_on: oslo(row.given_at).date(),
            objected: row.objected_at.is_some(),
        };
        let objection = row.objected_at.map(|at| Objection {
            by: row.objected_by.unwrap_or_default(),
            text: row.objection,
            at: oslo(at),
        });
        Current {
            id: row.closing_notice_id,
            notice,
            state: ClosingState {
                given_by: row.given_by,
                reason: row.reason,
                given_at: oslo(row.given_at),
                closes_from: notice.closes_from(),
                objection,
            },
        }
    }))
}

/// The notice as those who may read the log's consents see it.
pub async fn state<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
) -> Result<Option<(Notice, ClosingState)>, sqlx::Error> {
    Ok(current(tx, grant)
        .await?
        .map(|current| (current.notice, current.state)))
}

/// The holder tells the family, and everyone around the log, that it will close, and why.
pub async fn give_notice(
    tx: &mut ContentTx,
    grant: &Granted<GiveClosingNotice>,
    reason: &str,
    public_url: &str,
) -> Result<(), ApiError> {
    let reason = text_within(
        reason.trim(),
        REASON_MIN_CHARS,
        TEXT_MAX_CHARS,
        Field::ClosingReason,
    )?;
    let now = current(tx, grant).await?;
    closing::may_give_notice(now.as_ref().map(|current| &current.notice))?;
    sqlx::query!(
        "update closing_notice set ended_at = now()
         where log_id = $1 and ended_at is null",
        grant.log_id()
    )
    .execute(tx.conn())
    .await?;
    sqlx::query!(
        "insert into closing_notice (log_id, given_by, reason) values ($1, $2, $3)",
        grant.log_id(),
        grant.person_id(),
        reason
    )
    .execute(tx.conn())
    .await?;
    tx.record(grant, "closing.notice_given", json!({})).await?;
    notice::notify_members(tx, grant, NoticeKind::Closing, public_url).await?;
    Ok(())
}

/// One who decides on closing objects to the notice: the log goes on, and everyone is told.
pub async fn object(
    tx: &mut ContentTx,
    grant: &Granted<ObjectToClosing>,
    objection: &str,
    public_url: &str,
) -> Result<(), ApiError> {
    let objection =
        crate::domain::plan::optional_text(objection, TEXT_MAX_CHARS, Field::ClosingObjection)?;
    let now = current(tx, grant).await?;
    closing::may_object(now.as_ref().map(|current| &current.notice))?;
    let Some(now) = now else {
        return Err(Field::NothingToObjectTo.into());
    };
    sqlx::query!(
        "update closing_notice set objected_by = $2, objection = $3, objected_at = now()
         where closing_notice_id = $1",
        now.id,
        grant.person_id(),
        objection
    )
    .execute(tx.conn())
    .await?;
    tx.record(grant, "closing.objected", json!({})).await?;
    notice::notify_members(tx, grant, NoticeKind::Closing, public_url).await?;
    Ok(())
}

/// The holder closes on a notice the family had two weeks to object to and did not.
pub async fn close_on_notice(
    tx: &mut ContentTx,
    grant: &Granted<GiveClosingNotice>,
) -> Result<(), ApiError> {
    let now = current(tx, grant).await?;
    closing::holder_may_close(
        now.as_ref().map(|current| &current.notice),
        grant.facts().today,
    )?;
    super::decisions::set_status(tx, grant, LogStatus::Closed, "log.closed").await?;
    Ok(())
}

/// The holder takes back a request that never got its consent: it leaves every list.
pub async fn cancel(tx: &mut ContentTx, grant: &Granted<Cancel>) -> Result<(), ApiError> {
    sqlx::query!(
        "update log set status = 'cancelled', cancelled_at = now()
         where log_id = $1 and status = 'requested'",
        grant.log_id()
    )
    .execute(tx.conn())
    .await?;
    tx.record(grant, "log.cancelled", json!({})).await?;
    Ok(())
}
