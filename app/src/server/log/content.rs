//! Reading and writing a log's content. Every function takes a grant from the gate, and
//! records the read or write in the log's audit chain.

use crate::domain::attention::evaluation_due;
use crate::domain::plan::MeasureStatus;
use crate::model::error::ApiError;
use crate::model::log::{EntryView, LogView, MeasureLine, PartyView};
use crate::model::meeting::MeetingSummary;
use crate::server::gate::{ContentTx, Granted, ReadContent, WriteEntry};
use crate::server::oslo::oslo;
use serde::Deserialize;
use serde_json::json;
use sqlx::types::Json;
use sqlx::PgPool;
use time::Date;
use uuid::Uuid;

/// How many entries a page of the log shows; older ones are a link away.
pub const ENTRIES_PER_PAGE: i32 = 30;

/// The log as the grant's holder may see it: the overview and a page of entries, newest
/// first, older than the entry `before` if given. One statement (`log_page` in the
/// database), which sets the acting person, runs under row-level security, refuses a log the
/// person may not see now and records the read in the audit chain.
pub async fn page(
    pool: &PgPool,
    grant: &Granted<ReadContent>,
    before: Option<Uuid>,
) -> Result<LogView, ApiError> {
    #[derive(Deserialize)]
    struct Page {
        child_name: String,
        holder: Option<PartyView>,
        participants: Vec<PartyView>,
        next_meeting: Option<MeetingSummary>,
        measures: Vec<MeasureRow>,
        entries: Vec<EntryView>,
        older: Option<Uuid>,
    }
    #[derive(Deserialize)]
    struct MeasureRow {
        title: String,
        responsible_name: String,
        status: MeasureStatus,
        evaluation_date: Date,
        last_evaluated: Option<Date>,
    }
    let page = sqlx::query_scalar!(
        r#"select log_page($1, $2, $3, $4) as "page: Json<Page>""#,
        grant.person_id(),
        grant.log_id(),
        before,
        ENTRIES_PER_PAGE
    )
    .fetch_one(pool)
    .await?
    // The database saw what the gate did not (a consent withdrawn a moment ago): nothing.
    .ok_or(ApiError::NotFound)?
    .0;
    // The page's JSON gives moments at the database session's offset.
    let next_meeting = page.next_meeting.map(|meeting| MeetingSummary {
        starts_at: oslo(meeting.starts_at),
        ends_at: oslo(meeting.ends_at),
        ..meeting
    });
    let entries = page
        .entries
        .into_iter()
        .map(|entry| EntryView {
            written_at: oslo(entry.written_at),
            ..entry
        })
        .collect();
    let today = grant.facts().today;
    let measures = page
        .measures
        .into_iter()
        .map(|row| MeasureLine {
            due: evaluation_due(row.status, row.evaluation_date, row.last_evaluated, today),
            title: row.title,
            responsible_name: row.responsible_name,
            status: row.status,
            evaluation_date: row.evaluation_date,
        })
        .collect();
    Ok(LogView {
        log_id: grant.log_id(),
        child_name: page.child_name,
        status: grant.facts().status,
        capacity: grant.capacity(),
        holder: page.holder,
        participants: page.participants,
        next_meeting,
        measures,
        entries,
        older: page.older,
    })
}

/// Adds an entry by the grant's holder; returns its id.
pub async fn add_entry(
    tx: &mut ContentTx,
    grant: &Granted<WriteEntry>,
    body: &str,
    is_child_voice: bool,
) -> Result<uuid::Uuid, sqlx::Error> {
    let entry_id = sqlx::query_scalar!(
        "insert into entry (log_id, author_id, body, is_child_voice)
         values ($1, $2, $3, $4) returning entry_id",
        grant.log_id(),
        grant.person_id(),
        body,
        is_child_voice
    )
    .fetch_one(tx.conn())
    .await?;
    tx.record(
        grant,
        "content.write",
        json!({ "what": "entry", "entry_id": entry_id, "child_voice": is_child_voice }),
    )
    .await?;
    Ok(entry_id)
}
