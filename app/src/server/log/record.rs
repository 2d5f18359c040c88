//! The whole of a log as a document holds it: read by the archive worker through its door
//! for a closed log, or in a family member's content transaction for their own copy, where
//! row-level security leaves exactly what they may see.

use crate::domain::consent::ActionKind;
use crate::domain::plan::MeasureStatus;
use crate::i18n::Lang;
use sqlx::PgConnection;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct LogRecord {
    /// The language the family consented to the log in: the package is written in it.
    pub lang: Lang,
    pub municipality: String,
    pub child_name: String,
    /// For the archive's party register; in the arkivmelding only, never in the PDF.
    pub child_national_id: Option<String>,
    pub child_birth_date: Date,
    pub opened_at: Option<OffsetDateTime>,
    pub closed_at: Option<OffsetDateTime>,
    pub guardians: Vec<Guardian>,
    pub holders: Vec<Period>,
    pub participants: Vec<Period>,
    pub consents: Vec<ConsentRecord>,
    pub areas: Vec<Area>,
    pub meetings: Vec<Meeting>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
pub struct Guardian {
    pub name: String,
    pub parental_responsibility: bool,
}

/// A holder's or a participant's time in the log.
#[derive(Debug, Clone)]
pub struct Period {
    pub name: String,
    pub unit: Option<String>,
    pub responsibility: Option<String>,
    pub from: OffsetDateTime,
    pub to: Option<OffsetDateTime>,
}

#[derive(Debug, Clone)]
pub struct ConsentRecord {
    pub consenter: String,
    pub kind: Option<ActionKind>,
    pub unit: Option<String>,
    pub given: bool,
    pub method: String,
    pub documented_by: Option<String>,
    pub at: OffsetDateTime,
    pub text_shown: String,
}

#[derive(Debug, Clone)]
pub struct Area {
    pub title: String,
    pub description: Option<String>,
    pub goals: Vec<String>,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Clone)]
pub struct Measure {
    pub title: String,
    pub description: Option<String>,
    pub responsible: String,
    pub start: Date,
    pub planned_evaluation: Date,
    pub status: Option<MeasureStatus>,
    pub evaluations: Vec<Evaluation>,
}

#[derive(Debug, Clone)]
pub struct Evaluation {
    pub on: Date,
    pub by: String,
    pub tried: String,
    pub worked: String,
    pub next: String,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub starts_at: OffsetDateTime,
    pub place: Option<String>,
    pub agenda: Vec<String>,
    /// Only approved minutes are part of the record; a draft is nobody's word yet.
    pub minutes: Option<String>,
    pub approved_by: Option<String>,
    pub decisions: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub at: OffsetDateTime,
    pub author: String,
    /// The unit the author wrote for at the time of writing, not the one they have now.
    pub unit_then: Option<String>,
    pub child_voice: bool,
    pub body: String,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    pub entry_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256_hex: String,
}

pub async fn read(conn: &mut PgConnection, log_id: Uuid) -> Result<LogRecord, sqlx::Error> {
    let log = sqlx::query!(
        r#"select l.opened_at, l.closed_at, m.name as municipality,
                  p.given_name || ' ' || p.family_name as "child_name!", p.national_id,
                  c.birth_date,
                  (select c.text_language from consent c
                   where c.log_id = l.log_id and c.scope = 'establish_log'
                   order by c.sequence desc limit 1) as lang
           from log l
           join municipality m on m.municipality_id = l.municipality_id
           join person p on p.person_id = l.child_id
           join child c on c.person_id = l.child_id
           where l.log_id = $1"#,
        log_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let guardians = sqlx::query!(
        r#"select p.given_name || ' ' || p.family_name as "name!", g.has_parental_responsibility
           from log l
           join guardianship g on g.child_id = l.child_id
           join person p on p.person_id = g.guardian_id
           where l.log_id = $1
           order by p.family_name, p.given_name"#,
        log_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| Guardian {
        name: row.name,
        parental_responsibility: row.has_parental_responsibility,
    })
    .collect();
    let holders = sqlx::query!(
        r#"select p.given_name || ' ' || p.family_name as "name!", u.name as unit,
                  h.started_at, h.ended_at
           from holder_assignment h
           join person p on p.person_id = h.person_id
           join unit u on u.unit_id = h.unit_id
           where h.log_id = $1
           order by h.started_at"#,
        log_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| Period {
        name: row.name,
        unit: Some(row.unit),
        responsibility: None,
        from: row.started_at,
        to: row.ended_at,
    })
    .collect();
    let participants = sqlx::query!(
        r#"select coalesce(p.given_name || ' ' || p.family_name, u.name) as "name!",
                  u.name as "unit?", pa.responsibility, pa.joined_at, pa.left_at
           from participant pa
           left join person p on p.person_id = pa.person_id
           left join unit u on u.unit_id = pa.unit_id
           where pa.log_id = $1
           order by pa.joined_at"#,
        log_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| Period {
        name: row.name,
        unit: row.unit,
        responsibility: row.responsibility,
        from: row.joined_at,
        to: row.left_at,
    })
    .collect();
    let consents = sqlx::query!(
        r#"select p.given_name || ' ' || p.family_name as "consenter!", c.scope,
                  u.name as "unit?", c.decision, c.method, c.recorded_at, c.text_shown,
                  d.given_name || ' ' || d.family_name as "documented_by?"
           from consent c
           join person p on p.person_id = c.consenter_id
           left join unit u on u.unit_id = c.unit_id
           left join person d on d.person_id = c.documented_by
           where c.log_id = $1
           order by c.sequence"#,
        log_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| ConsentRecord {
        consenter: row.consenter,
        kind: ActionKind::from_code(&row.scope),
        unit: row.unit,
        given: row.decision == "given",
        method: row.method,
        documented_by: row.documented_by,
        at: row.recorded_at,
        text_shown: row.text_shown,
    })
    .collect();
    Ok(LogRecord {
        lang: log
            .lang
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default(),
        municipality: log.municipality,
        child_name: log.child_name,
        child_national_id: log.national_id,
        child_birth_date: log.birth_date,
        opened_at: log.opened_at,
        closed_at: log.closed_at,
        guardians,
        holders,
        participants,
        consents,
        areas: areas(conn, log_id).await?,
        meetings: meetings(conn, log_id).await?,
        entries: entries(conn, log_id).await?,
    })
}

async fn areas(conn: &mut PgConnection, log_id: Uuid) -> Result<Vec<Area>, sqlx::Error> {
    let mut areas = Vec::new();
    let rows = sqlx::query!(
        "select development_area_id, title, description from development_area
         where log_id = $1 order by created_at",
        log_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for area in rows {
        let goals = sqlx::query_scalar!(
            "select title from goal where development_area_id = $1 order by created_at",
            area.development_area_id
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut measures = Vec::new();
        let rows = sqlx::query!(
            r#"select m.measure_id, m.title, m.description, m.start_date,
                      m.planned_evaluation_date, m.status,
                      p.given_name || ' ' || p.family_name as "responsible!"
               from measure m join person p on p.person_id = m.responsible_id
               where m.development_area_id = $1 order by m.start_date, m.created_at"#,
            area.development_area_id
        )
        .fetch_all(&mut *conn)
        .await?;
        for measure in rows {
            let evaluations = sqlx::query!(
                r#"select e.evaluated_on, e.what_was_tried, e.what_worked, e.what_next,
                          p.given_name || ' ' || p.family_name as "by!"
                   from evaluation e join person p on p.person_id = e.recorded_by
                   where e.measure_id = $1 order by e.evaluated_on, e.created_at"#,
                measure.measure_id
            )
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|row| Evaluation {
                on: row.evaluated_on,
                by: row.by,
                tried: row.what_was_tried,
                worked: row.what_worked,
                next: row.what_next,
            })
            .collect();
            measures.push(Measure {
                title: measure.title,
                description: measure.description,
                responsible: measure.responsible,
                start: measure.start_date,
                planned_evaluation: measure.planned_evaluation_date,
                status: MeasureStatus::from_code(&measure.status),
                evaluations,
            });
        }
        areas.push(Area {
            title: area.title,
            description: area.description,
            goals,
            measures,
        });
    }
    Ok(areas)
}

async fn meetings(conn: &mut PgConnection, log_id: Uuid) -> Result<Vec<Meeting>, sqlx::Error> {
    let mut meetings = Vec::new();
    let rows = sqlx::query!(
        r#"select m.meeting_id, m.starts_at, m.place, m.minutes, m.minutes_approved_at,
                  a.given_name || ' ' || a.family_name as "approved_by?"
           from meeting m left join person a on a.person_id = m.minutes_approved_by
           where m.log_id = $1 order by m.starts_at"#,
        log_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for meeting in rows {
        let agenda = sqlx::query_scalar!(
            "select text from meeting_agenda_item where meeting_id = $1 order by position",
            meeting.meeting_id
        )
        .fetch_all(&mut *conn)
        .await?;
        let decisions = sqlx::query_scalar!(
            "select text from meeting_decision where meeting_id = $1 order by created_at",
            meeting.meeting_id
        )
        .fetch_all(&mut *conn)
        .await?;
        let approved = meeting.minutes_approved_at.is_some();
        meetings.push(Meeting {
            starts_at: meeting.starts_at,
            place: meeting.place,
            agenda,
            minutes: meeting.minutes.filter(|_| approved),
            approved_by: meeting.approved_by.filter(|_| approved),
            decisions,
        });
    }
    Ok(meetings)
}

async fn entries(conn: &mut PgConnection, log_id: Uuid) -> Result<Vec<Entry>, sqlx::Error> {
    let attachments: Vec<Attachment> = sqlx::query!(
        "select entry_id, file_name, content_type, size_bytes, encode(sha256, 'hex') as sha
         from attachment where log_id = $1 order by created_at",
        log_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| Attachment {
        entry_id: row.entry_id,
        file_name: row.file_name,
        content_type: row.content_type,
        size_bytes: row.size_bytes,
        sha256_hex: row.sha.unwrap_or_default(),
    })
    .collect();
    // The unit is the one the author took part for when writing: a service that has since
    // left keeps its entries, and a later entry is never put on a unit the author had left.
    let rows = sqlx::query!(
        r#"select e.entry_id, e.created_at, e.body, e.is_child_voice,
                  p.given_name || ' ' || p.family_name as "author!",
                  coalesce(
                      (select u.name from participant pa join unit u on u.unit_id = pa.unit_id
                       where pa.log_id = e.log_id and pa.person_id = e.author_id
                         and pa.joined_at <= e.created_at
                         and (pa.left_at is null or pa.left_at > e.created_at)
                       order by pa.joined_at desc limit 1),
                      (select u.name from holder_assignment h join unit u on u.unit_id = h.unit_id
                       where h.log_id = e.log_id and h.person_id = e.author_id
                         and h.started_at <= e.created_at
                         and (h.ended_at is null or h.ended_at > e.created_at)
                       order by h.started_at desc limit 1)) as unit_then
           from entry e join person p on p.person_id = e.author_id
           where e.log_id = $1 order by e.created_at"#,
        log_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Entry {
            at: row.created_at,
            author: row.author,
            unit_then: row.unit_then,
            child_voice: row.is_child_voice,
            body: row.body,
            attachments: attachments
                .iter()
                .filter(|attachment| attachment.entry_id == row.entry_id)
                .cloned()
                .collect(),
        })
        .collect())
}

/// The family's own copy: everything in the log the person may see now, read in their
/// content transaction (row-level security leaves exactly that) and recorded as a read.
pub async fn family_copy(
    pool: &sqlx::PgPool,
    identity: &crate::model::identity::Identity,
    log_id: Uuid,
) -> Result<LogRecord, crate::model::error::ApiError> {
    use crate::server::gate::{self, ContentTx};
    let mut tx = ContentTx::begin(pool, identity).await?;
    let grant = gate::grant(&mut tx, log_id, gate::ExportForFamily).await?;
    let record = read(tx.conn(), grant.log_id()).await?;
    tx.record(
        &grant,
        "content.read",
        serde_json::json!({ "what": "log", "copy": true }),
    )
    .await?;
    tx.commit().await?;
    Ok(record)
}
