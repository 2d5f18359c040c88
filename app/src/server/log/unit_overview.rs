//! The unit leader's overview: the logs held in the units they lead, with dates and counts
//! and the figures over them. A leader who is not a participant reaches no content; the
//! database's `unit_overview()` counts what the content policies hide from them and returns
//! statuses, dates and numbers only.

use crate::domain::access::LogStatus;
use crate::domain::attention::{evaluation_due, Due};
use crate::domain::figures::{
    consent_waits, days_waiting, status_by_month, timeliness_by_month, LogDays, MeasureDays,
};
use crate::model::baton::{UnitLog, UnitOverview};
use crate::model::error::ApiError;
use crate::server::audit;
use crate::server::gate::ContentTx;
use crate::server::oslo::oslo;
use serde_json::json;
use time::OffsetDateTime;

/// Months the figures go back, this one included.
const MONTHS: u8 = 12;
/// Months of evaluations: a measure is evaluated every few months, so half a year shows how
/// a unit keeps up without a year of empty months before its first.
const EVALUATION_MONTHS: u8 = 6;

/// The overview for the acting person: empty for anyone who leads no unit.
pub async fn overview(tx: &mut ContentTx) -> Result<UnitOverview, ApiError> {
    let rows = sqlx::query!(
        r#"select log_id as "log_id!", unit_name as "unit_name!", child_name as "child_name!",
                  status as "status!", requested_at as "requested_at!", opened_at, closed_at,
                  holder_name as "holder_name!", holder_since as "holder_since!",
                  offered_to, offered_at, last_entry_at, measures as "measures!"
           from unit_overview()"#
    )
    .fetch_all(tx.conn())
    .await?;
    let leaving: Vec<uuid::Uuid> = sqlx::query_scalar!(r#"select leaving_holdings() as "log_id!""#)
        .fetch_all(tx.conn())
        .await?;
    let today = oslo(OffsetDateTime::now_utc()).date();
    let day = |at: OffsetDateTime| oslo(at).date();
    let mut logs = Vec::with_capacity(rows.len());
    let mut days = Vec::with_capacity(rows.len());
    let mut all_measures = Vec::new();
    for row in rows {
        let measures: Vec<MeasureDays> =
            serde_json::from_value(row.measures).map_err(|_| ApiError::Internal)?;
        let log_days = LogDays {
            requested: day(row.requested_at),
            opened: row.opened_at.map(day),
            closed: row.closed_at.map(day),
        };
        logs.push(UnitLog {
            log_id: row.log_id,
            child_name: row.child_name,
            status: LogStatus::from_code(&row.status).ok_or(ApiError::Internal)?,
            unit_name: row.unit_name,
            holder_name: row.holder_name,
            holder_since: oslo(row.holder_since),
            holder_leaving: leaving.contains(&row.log_id),
            offered_to: row.offered_to,
            offered_at: row.offered_at.map(oslo),
            days_waiting: days_waiting(&log_days, today),
            days_since_entry: row.last_entry_at.map(|at| (today - day(at)).whole_days()),
            evaluations_overdue: measures
                .iter()
                .filter(|m| {
                    let last = m.evaluated.iter().copied().max();
                    evaluation_due(m.status, m.planned, last, today) == Some(Due::Overdue)
                })
                .count() as u32,
        });
        days.push(log_days);
        all_measures.extend(measures);
    }
    let leader = tx.person_id();
    audit::record(
        tx.conn(),
        Some(leader),
        "unit.overview_read",
        json!({ "logs": logs.len() }),
    )
    .await?;
    Ok(UnitOverview {
        logs,
        by_month: status_by_month(&days, today, MONTHS),
        consent_waits: consent_waits(&days, today),
        evaluations: timeliness_by_month(&all_measures, today, EVALUATION_MONTHS),
    })
}
