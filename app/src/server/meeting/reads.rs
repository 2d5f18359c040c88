//! Reading a log's meetings: the list, one meeting, and what the next meeting takes over
//! from the one it is agreed at.

use crate::domain::plan::writes_minutes;
use crate::model::error::ApiError;
use crate::model::meeting::{
    AgendaItemView, Approval, DecisionView, MeetingSummary, MeetingView, NextMeetingSeed,
};
use crate::model::plan::Member;
use crate::server::gate::{ContentTx, Granted, Permission, ReadContent};
use crate::server::log::{self};
use crate::server::oslo::oslo;
use serde_json::json;
use uuid::Uuid;

/// What the next meeting takes over from the meeting `meeting_id` of the log; `None` for a
/// meeting of another log.
pub async fn next_seed(
    tx: &mut ContentTx,
    grant: &Granted<ReadContent>,
    meeting_id: Uuid,
) -> Result<Option<NextMeetingSeed>, sqlx::Error> {
    let seed = sqlx::query_as!(
        NextMeetingSeed,
        r#"select m.meeting_id, m.starts_at,
                  (extract(epoch from m.ends_at - m.starts_at) / 60)::integer as "duration_minutes!",
                  m.place, m.video_url,
                  array(select i.person_id from meeting_invitee i
                        where i.meeting_id = m.meeting_id) as "invitees!",
                  m.minute_taker_id as minute_taker
           from meeting m where m.meeting_id = $2 and m.log_id = $1"#,
        grant.log_id(),
        meeting_id
    )
    .fetch_optional(tx.conn())
    .await?;
    Ok(seed.map(|seed| NextMeetingSeed {
        starts_at: oslo(seed.starts_at),
        ..seed
    }))
}

/// The meetings of the log, soonest upcoming first, then past ones newest first.
pub async fn list<K: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<K>,
) -> Result<Vec<MeetingSummary>, sqlx::Error> {
    let meetings = sqlx::query!(
        r#"
        select meeting_id, starts_at, ends_at, place, video_url, minutes_approved_at is not null as "approved!"
        from meeting where log_id = $1
        order by ends_at < now(), case when ends_at >= now() then starts_at end,
                 starts_at desc
        "#,
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;
    tx.record(
        grant,
        "content.read",
        json!({ "what": "meetings", "count": meetings.len() }),
    )
    .await?;
    Ok(meetings
        .into_iter()
        .map(|m| MeetingSummary {
            meeting_id: m.meeting_id,
            starts_at: oslo(m.starts_at),
            ends_at: oslo(m.ends_at),
            place: m.place,
            video_url: m.video_url,
            minutes_approved: m.approved,
        })
        .collect())
}

/// One meeting of the log as the grant's holder may see it.
pub async fn view(
    tx: &mut ContentTx,
    grant: &Granted<ReadContent>,
    meeting_id: Uuid,
) -> Result<MeetingView, ApiError> {
    let log_id = grant.log_id();
    let row = sqlx::query!(
        r#"
        select c.given_name || ' ' || c.family_name as "child_name!",
               m.starts_at, m.ends_at, m.place, m.video_url, m.minutes, m.version, m.minute_taker_id,
               k.given_name || ' ' || k.family_name as "called_by_name!",
               a.given_name || ' ' || a.family_name as "approved_by_name?",
               m.minutes_approved_at as approved_at,
               array(select i.person_id from meeting_invitee i
                     where i.meeting_id = m.meeting_id) as "invitees!",
               coalesce((
                   select json_agg(json_build_object(
                       'text', i.text, 'proposed_by_name', p.given_name || ' ' || p.family_name)
                       order by i.position)
                   from meeting_agenda_item i join person p on p.person_id = i.proposed_by
                   where i.meeting_id = m.meeting_id
               ), '[]'::json) as "agenda!",
               coalesce((
                   select json_agg(json_build_object(
                       'decision_id', d.meeting_decision_id, 'text', d.text,
                       'measure', case when x.measure_id is not null
                                       then json_build_array(x.measure_id, x.title) end,
                       'made_measures', coalesce((
                           select json_agg(json_build_array(n.measure_id, n.title)
                                           order by n.created_at)
                           from measure n where n.decision_id = d.meeting_decision_id
                       ), '[]'::json))
                       order by d.created_at, d.meeting_decision_id)
                   from meeting_decision d left join measure x on x.measure_id = d.measure_id
                   where d.meeting_id = m.meeting_id
               ), '[]'::json) as "decisions!",
               coalesce((
                   select json_agg(json_build_array(x.measure_id, x.title) order by x.created_at)
                   from measure x where x.log_id = m.log_id
               ), '[]'::json) as "measures!"
        from meeting m
        join log l on l.log_id = m.log_id
        join person c on c.person_id = l.child_id
        join person k on k.person_id = m.called_by
        left join person a on a.person_id = m.minutes_approved_by
        where m.meeting_id = $2 and m.log_id = $1
        "#,
        log_id,
        meeting_id
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::NotFound)?;
    let malformed = |_| ApiError::Internal;
    let agenda: Vec<AgendaItemView> = serde_json::from_value(row.agenda).map_err(malformed)?;
    let decisions: Vec<DecisionView> = serde_json::from_value(row.decisions).map_err(malformed)?;
    let measures: Vec<(Uuid, String)> = serde_json::from_value(row.measures).map_err(malformed)?;
    let members = log::members::members(tx, grant).await?;
    let member = |id: Uuid| -> Option<Member> {
        members
            .iter()
            .find(|m| m.member.person_id == id)
            .map(|m| m.member.clone())
    };
    let invitees = row.invitees.iter().filter_map(|id| member(*id)).collect();
    tx.record(
        grant,
        "content.read",
        json!({ "what": "meeting", "id": meeting_id }),
    )
    .await?;
    Ok(MeetingView {
        log_id,
        child_name: row.child_name,
        capacity: grant.capacity(),
        summary: MeetingSummary {
            meeting_id,
            starts_at: oslo(row.starts_at),
            ends_at: oslo(row.ends_at),
            place: row.place,
            video_url: row.video_url,
            minutes_approved: row.approved_at.is_some(),
        },
        called_by_name: row.called_by_name,
        minute_taker: row.minute_taker_id.and_then(member),
        invitees,
        agenda,
        minutes: row.minutes,
        version: row.version,
        approved: row
            .approved_by_name
            .zip(row.approved_at)
            .map(|(by_name, at)| Approval {
                by_name,
                at: oslo(at),
            }),
        decisions,
        measures,
        may_write_minutes: writes_minutes(grant.capacity(), grant.person_id(), row.minute_taker_id),
    })
}
