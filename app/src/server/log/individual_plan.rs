//! Transfer to an Individual Plan (BTI level 3), as the routine says: the holder proposes it,
//! the family consents (the consent engine decides whose consent counts), and the log is
//! transferred and closed. Its package then goes to the municipality's IP system as well as
//! to the archive (`archive_package_on_close`).

use super::decisions::set_status;
use crate::domain::access::LogStatus;
use crate::domain::consent::{decide, Action, ConsentEvent};
use crate::model::error::{ApiError, Field};
use crate::model::notice::NoticeKind;
use crate::server::gate::{ContentTx, Granted, Permission, ProposeIndividualPlan};
use crate::server::notice;
use serde_json::json;
use uuid::Uuid;

/// Whether the holder has proposed the transfer.
pub async fn proposed(tx: &mut ContentTx, log_id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select transfer_proposed_at is not null as "proposed!" from log where log_id = $1"#,
        log_id
    )
    .fetch_one(tx.conn())
    .await
}

/// The holder proposes the transfer; the family is told a consent waits for them.
pub async fn propose(
    tx: &mut ContentTx,
    grant: &Granted<ProposeIndividualPlan>,
    public_url: &str,
) -> Result<(), ApiError> {
    let updated = sqlx::query!(
        "update log set transfer_proposed_at = now(), transfer_proposed_by = $2
         where log_id = $1 and transfer_proposed_at is null",
        grant.log_id(),
        grant.person_id()
    )
    .execute(tx.conn())
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(Field::TransferProposed.into());
    }
    tx.record(grant, "log.transfer_proposed", json!({})).await?;
    notice::notify_members(tx, grant, NoticeKind::IndividualPlan, public_url).await?;
    Ok(())
}

/// After a decision on `action`: once the consents to a proposed transfer suffice, the log
/// is transferred and closed. Returns whether it was.
pub(super) async fn after_decision<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
    action: Action,
    history: &[ConsentEvent],
) -> Result<bool, sqlx::Error> {
    let facts = grant.facts();
    if action != Action::TransferToIndividualPlan
        || facts.status != LogStatus::Open
        || !decide(&facts.family, action, facts.today, history).allows()
        || !proposed(tx, grant.log_id()).await?
    {
        return Ok(false);
    }
    sqlx::query!(
        "update log set transferred_to_individual_plan_at = now() where log_id = $1",
        grant.log_id()
    )
    .execute(tx.conn())
    .await?;
    set_status(tx, grant, LogStatus::Closed, "log.transferred").await?;
    Ok(true)
}
