//! Who has been in a child's log: a page of the reads and writes of its content from the
//! audit trail, for those who see its records (the family who decide, and the holder). The
//! database function `log_insight()` checks the same again. Reading the list is recorded.

use crate::domain::insight::{classify, Role};
use crate::model::insight::{InsightEvent, InsightPage};
use crate::server::gate::{ContentTx, Granted, ReadConsentHistory};
use crate::server::oslo::oslo;
use serde_json::json;

/// How many events a page holds.
const PAGE: i32 = 50;

/// The page of events older than `before` (an event's number), or the newest.
pub async fn page(
    tx: &mut ContentTx,
    grant: &Granted<ReadConsentHistory>,
    before: Option<i64>,
) -> Result<InsightPage, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select audit_event_id as "audit_event_id!", occurred_at as "occurred_at!",
                  actor_name, action as "action!", what, role, unit_name
           from log_insight($1, $2, $3)"#,
        grant.log_id(),
        before,
        PAGE + 1
    )
    .fetch_all(tx.conn())
    .await?;
    let child_name = sqlx::query_scalar!(
        r#"select given_name || ' ' || family_name as "name!" from person where person_id = $1"#,
        grant.facts().family.child_id
    )
    .fetch_one(tx.conn())
    .await?;
    let more = rows.len() > PAGE as usize;
    let rows = &rows[..rows.len().min(PAGE as usize)];
    let older = more
        .then(|| rows.last().map(|row| row.audit_event_id))
        .flatten();
    let events: Vec<InsightEvent> = rows
        .iter()
        .filter_map(|row| {
            Some(InsightEvent {
                at: oslo(row.occurred_at),
                who: row.actor_name.clone().unwrap_or_default(),
                role: row.role.as_deref().and_then(Role::from_code),
                unit: row.unit_name.clone(),
                happening: classify(&row.action, row.what.as_deref())?,
            })
        })
        .collect();
    let read = json!({ "before": before, "events": events.len() });
    tx.record(grant, "insight.read", read).await?;
    Ok(InsightPage {
        child_name,
        events,
        older,
    })
}
