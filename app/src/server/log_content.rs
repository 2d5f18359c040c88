//! Reading and writing a log's content. Every function takes a grant from the gate, and
//! records the read or write in the log's audit chain.

use crate::api::log::{EntryView, LogView, PartyView};
use crate::domain::access::LogStatus;
use crate::server::gate::{ContentTx, ReadGrant, WriteGrant};
use serde::Deserialize;

/// The log as the grant's holder may see it.
pub async fn view(
    tx: &mut ContentTx,
    grant: &ReadGrant,
    status: LogStatus,
) -> Result<LogView, sqlx::Error> {
    let log_id = grant.log_id();
    let overview = sqlx::query!(
        r#"
        select c.given_name || ' ' || c.family_name as "child_name!",
               (select json_build_object(
                    'name', p.given_name || ' ' || p.family_name, 'unit_name', u.name,
                    'responsibility', null, 'phone', u.phone, 'email', p.email)
                from holder_assignment h
                join person p on p.person_id = h.person_id
                join unit u on u.unit_id = h.unit_id
                where h.log_id = l.log_id and h.ended_at is null) as holder,
               coalesce((
                   select json_agg(json_build_object(
                       'name', coalesce(p.given_name || ' ' || p.family_name, u.name),
                       'unit_name', u.name, 'responsibility', x.responsibility,
                       'phone', coalesce(x.contact_phone, u.phone),
                       'email', coalesce(x.contact_email, p.email, u.email))
                       order by x.joined_at, x.participant_id)
                   from participant x
                   left join person p on p.person_id = x.person_id
                   left join unit u on u.unit_id = x.unit_id
                   where x.log_id = l.log_id and x.left_at is null
               ), '[]'::json) as "participants!",
               (select json_build_object(
                    'meeting_id', m.meeting_id,
                    'starts_at', to_char(m.starts_at at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI'),
                    'ends_at', to_char(m.ends_at at time zone 'Europe/Oslo', 'HH24:MI'),
                    'place', m.place, 'video_url', m.video_url,
                    'minutes_approved', m.minutes_approved_at is not null)
                from meeting m where m.log_id = l.log_id and m.ends_at >= now()
                order by m.starts_at limit 1) as next_meeting,
               coalesce((
                   select json_agg(json_build_object(
                       'title', x.title,
                       'responsible_name', r.given_name || ' ' || r.family_name,
                       'status', x.status,
                       'evaluation_date', to_char(x.planned_evaluation_date, 'YYYY-MM-DD'))
                       order by x.planned_evaluation_date, x.created_at)
                   from measure x join person r on r.person_id = x.responsible_id
                   where x.log_id = l.log_id and x.status in ('planned', 'active', 'paused')
               ), '[]'::json) as "measures!"
        from log l join person c on c.person_id = l.child_id
        where l.log_id = $1
        "#,
        log_id
    )
    .fetch_one(tx.conn())
    .await?;
    let rows = sqlx::query!(
        r#"
        select e.entry_id, p.given_name || ' ' || p.family_name as "author_name!", e.body,
               e.is_child_voice, e.author_id = $2 as "mine!",
               to_char(e.created_at at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI') as "written_at!",
               coalesce((
                   select json_agg(json_build_object(
                       'attachment_id', a.attachment_id, 'file_name', a.file_name,
                       'content_type', a.content_type, 'size_bytes', a.size_bytes)
                       order by a.created_at, a.attachment_id)
                   from attachment a where a.entry_id = e.entry_id
               ), '[]'::json) as "attachments!"
        from entry e join person p on p.person_id = e.author_id
        where e.log_id = $1
        order by e.created_at, e.entry_id
        "#,
        log_id,
        grant.person_id()
    )
    .fetch_all(tx.conn())
    .await?;
    let entries = rows
        .into_iter()
        .map(|row| {
            Ok(EntryView {
                entry_id: row.entry_id,
                author_name: row.author_name,
                body: row.body,
                is_child_voice: row.is_child_voice,
                written_at: row.written_at,
                mine: row.mine,
                attachments: serde_json::from_value(row.attachments)
                    .map_err(|_| sqlx::Error::Decode("malformed attachments".into()))?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    tx.record(
        log_id,
        "content.read",
        serde_json::json!({ "what": "log", "entries": entries.len() }),
    )
    .await?;

    #[derive(Deserialize)]
    struct Party {
        name: String,
        unit_name: Option<String>,
        responsibility: Option<String>,
        phone: Option<String>,
        email: Option<String>,
    }
    let party = |p: Party| PartyView {
        name: p.name,
        unit_name: p.unit_name,
        responsibility: p.responsibility,
        phone: p.phone,
        email: p.email,
    };
    let malformed = |_| sqlx::Error::Decode("malformed overview".into());
    let holder = overview
        .holder
        .map(serde_json::from_value::<Party>)
        .transpose()
        .map_err(malformed)?
        .map(party);
    let participants = serde_json::from_value::<Vec<Party>>(overview.participants)
        .map_err(malformed)?
        .into_iter()
        .map(party)
        .collect();
    let next_meeting = overview
        .next_meeting
        .map(serde_json::from_value)
        .transpose()
        .map_err(malformed)?;
    let measures = serde_json::from_value(overview.measures).map_err(malformed)?;
    Ok(LogView {
        log_id,
        child_name: overview.child_name,
        status,
        capacity: grant.capacity(),
        holder,
        participants,
        next_meeting,
        measures,
        entries,
    })
}

/// Adds an entry by the grant's holder; returns its id.
pub async fn add_entry(
    tx: &mut ContentTx,
    grant: &WriteGrant,
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
        grant.log_id(),
        "content.write",
        serde_json::json!({ "what": "entry", "entry_id": entry_id, "child_voice": is_child_voice }),
    )
    .await?;
    Ok(entry_id)
}
