//! Reading and writing a log's meetings: calling one (and inviting by e-mail, without any
//! content), proposing agenda items, writing and approving minutes, recording decisions.
//! Approved minutes are read-only, here and in the database.

use crate::domain::access::{Denial, LogFacts};
use crate::domain::plan::writes_minutes;
use crate::i18n::Lang;
use crate::model::error::{ApiError, Field};
use crate::model::meeting::{
    AgendaItemView, DecisionView, MeetingSummary, MeetingView, NextMeetingSeed,
};
use crate::model::plan::Member;
use crate::server::gate::{ApproveGrant, ContentTx, Granted, PlanGrant, ReadGrant, WriteGrant};
use crate::server::log_members::{self, Reachable};
use crate::server::outbox::{self, Channel, Message};
use serde::Deserialize;
use time::PrimitiveDateTime;
use uuid::Uuid;

/// A meeting whose fields have passed the rules of `domain::plan`.
pub struct NewMeeting<'a> {
    pub start: PrimitiveDateTime,
    pub end: PrimitiveDateTime,
    pub place: Option<&'a str>,
    pub video_url: Option<&'a str>,
    pub invitees: Vec<Uuid>,
    pub minute_taker: Option<Uuid>,
    pub agenda: Vec<&'a str>,
}

/// "2026-12-01 14:00", as PostgreSQL reads a local timestamp.
fn local(at: PrimitiveDateTime) -> String {
    format!("{} {:02}:{:02}", at.date(), at.hour(), at.minute())
}

/// Calls a meeting: the invitees must be members who see the log, the minute-taker one of
/// them, and the start still ahead. Each invitee with an e-mail address (but the caller) is
/// told that there is a meeting, when, and where to read more: nothing of the log.
pub async fn call(
    tx: &mut ContentTx,
    grant: &PlanGrant,
    members: &[Reachable],
    meeting: &NewMeeting<'_>,
    public_url: &str,
) -> Result<Uuid, ApiError> {
    let log_id = grant.log_id();
    if meeting.invitees.is_empty() || !log_members::all_members(members, &meeting.invitees) {
        return Err(ApiError::Invalid {
            field: Field::Invitees,
        });
    }
    if meeting
        .minute_taker
        .is_some_and(|taker| !meeting.invitees.contains(&taker))
    {
        return Err(ApiError::Invalid {
            field: Field::MinuteTaker,
        });
    }
    let meeting_id = sqlx::query_scalar!(
        "insert into meeting (log_id, starts_at, ends_at, place, video_url, minute_taker_id,
                              called_by)
         select $1, $2::text::timestamp at time zone 'Europe/Oslo',
                $3::text::timestamp at time zone 'Europe/Oslo', $4, $5, $6, $7
         where $2::text::timestamp at time zone 'Europe/Oslo' > now()
         returning meeting_id",
        log_id,
        local(meeting.start),
        local(meeting.end),
        meeting.place,
        meeting.video_url,
        meeting.minute_taker,
        grant.person_id()
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::Invalid {
        field: Field::MeetingStart,
    })?;
    sqlx::query!(
        "insert into meeting_invitee (meeting_id, person_id) select $1, unnest($2::uuid[])",
        meeting_id,
        &meeting.invitees
    )
    .execute(tx.conn())
    .await?;
    let agenda: Vec<String> = meeting.agenda.iter().map(|item| item.to_string()).collect();
    sqlx::query!(
        "insert into meeting_agenda_item (meeting_id, proposed_by, text, position)
         select $1, $2, item.text, item.position - 1
         from unnest($3::text[]) with ordinality as item (text, position)",
        meeting_id,
        grant.person_id(),
        &agenda
    )
    .execute(tx.conn())
    .await?;

    let link = format!("{public_url}/logs/{log_id}/meetings/{meeting_id}");
    let message = invitation_message(Lang::default(), &local(meeting.start), &link);
    for member in members {
        let invited = meeting.invitees.contains(&member.member.person_id);
        if !invited || member.member.person_id == grant.person_id() {
            continue;
        }
        if let Some(email) = &member.email {
            outbox::enqueue(tx.conn(), Channel::Email, email, &message).await?;
        }
    }
    tx.record(
        log_id,
        "content.write",
        serde_json::json!({ "what": "meeting", "id": meeting_id, "invitees": meeting.invitees.len() }),
    )
    .await?;
    Ok(meeting_id)
}

/// The invitation e-mail: that there is a meeting, when, and a link. The child's name and
/// everything else of the log stay behind the login.
pub fn invitation_message(lang: Lang, when: &str, link: &str) -> Message {
    let t = &lang.texts().plan;
    Message {
        subject: t.invitation_subject.to_string(),
        body: (t.invitation_body)(when, link),
    }
}

/// What the next meeting takes over from the meeting `meeting_id` of the log; `None` for a
/// meeting of another log.
pub async fn next_seed(
    tx: &mut ContentTx,
    grant: &ReadGrant,
    meeting_id: Uuid,
) -> Result<Option<NextMeetingSeed>, sqlx::Error> {
    sqlx::query_as!(
        NextMeetingSeed,
        r#"select m.meeting_id,
                  to_char(m.starts_at at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI') as "starts_at!",
                  to_char(m.starts_at at time zone 'Europe/Oslo', 'HH24:MI') as "time!",
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
    .await
}

/// The meetings of the log, soonest upcoming first, then past ones newest first.
pub async fn list<K>(
    tx: &mut ContentTx,
    grant: &Granted<K>,
) -> Result<Vec<MeetingSummary>, sqlx::Error> {
    let meetings = sqlx::query!(
        r#"
        select meeting_id,
               to_char(starts_at at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI') as "starts_at!",
               to_char(ends_at at time zone 'Europe/Oslo', 'HH24:MI') as "ends_at!",
               place, video_url, minutes_approved_at is not null as "approved!"
        from meeting where log_id = $1
        order by ends_at < now(), case when ends_at >= now() then starts_at end,
                 starts_at desc
        "#,
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;
    tx.record(
        grant.log_id(),
        "content.read",
        serde_json::json!({ "what": "meetings", "count": meetings.len() }),
    )
    .await?;
    Ok(meetings
        .into_iter()
        .map(|m| MeetingSummary {
            meeting_id: m.meeting_id,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            place: m.place,
            video_url: m.video_url,
            minutes_approved: m.approved,
        })
        .collect())
}

/// One meeting of the log as the grant's holder may see it.
pub async fn view(
    tx: &mut ContentTx,
    grant: &ReadGrant,
    facts: &LogFacts,
    meeting_id: Uuid,
) -> Result<MeetingView, ApiError> {
    let log_id = grant.log_id();
    let row = sqlx::query!(
        r#"
        select c.given_name || ' ' || c.family_name as "child_name!",
               to_char(m.starts_at at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI') as "starts_at!",
               to_char(m.ends_at at time zone 'Europe/Oslo', 'HH24:MI') as "ends_at!",
               m.place, m.video_url, m.minutes, m.version, m.minute_taker_id,
               k.given_name || ' ' || k.family_name as "called_by_name!",
               a.given_name || ' ' || a.family_name as "approved_by_name?",
               to_char(m.minutes_approved_at at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI') as approved_at,
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
    let members = log_members::members(tx, grant, facts).await?;
    let member = |id: Uuid| -> Option<Member> {
        members
            .iter()
            .find(|m| m.member.person_id == id)
            .map(|m| m.member.clone())
    };
    let invitees = row.invitees.iter().filter_map(|id| member(*id)).collect();
    tx.record(
        log_id,
        "content.read",
        serde_json::json!({ "what": "meeting", "id": meeting_id }),
    )
    .await?;
    Ok(MeetingView {
        log_id,
        child_name: row.child_name,
        capacity: grant.capacity(),
        summary: MeetingSummary {
            meeting_id,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
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
        approved: row.approved_by_name.zip(row.approved_at),
        decisions,
        measures,
        may_write_minutes: writes_minutes(grant.capacity(), grant.person_id(), row.minute_taker_id),
    })
}

/// A meeting of the log, locked for the rest of the transaction so that agenda numbering,
/// minutes and approval happen one at a time.
#[derive(Debug, Deserialize)]
struct Locked {
    approved: bool,
    minute_taker: Option<Uuid>,
}

async fn lock<K>(
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
    grant: &WriteGrant,
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
        grant.log_id(),
        "content.write",
        serde_json::json!({ "what": "agenda_item", "meeting": meeting_id }),
    )
    .await?;
    Ok(())
}

/// Checks that the grant's holder writes this meeting's minutes, and that they are not
/// approved yet.
async fn lock_for_minutes(
    tx: &mut ContentTx,
    grant: &WriteGrant,
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
    grant: &WriteGrant,
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
        grant.log_id(),
        "content.write",
        serde_json::json!({ "what": "minutes", "meeting": meeting_id, "version": version }),
    )
    .await?;
    Ok(version)
}

/// Records a decision of the meeting, about a measure of the log or none.
pub async fn add_decision(
    tx: &mut ContentTx,
    grant: &WriteGrant,
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
        grant.log_id(),
        "content.write",
        serde_json::json!({ "what": "decision", "meeting": meeting_id, "measure": measure_id }),
    )
    .await?;
    Ok(())
}

/// Approves the minutes as read at `expected_version`: from then on they are read-only.
pub async fn approve(
    tx: &mut ContentTx,
    grant: &ApproveGrant,
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
        grant.log_id(),
        "content.write",
        serde_json::json!({ "what": "minutes_approved", "meeting": meeting_id }),
    )
    .await?;
    Ok(())
}

/// A meeting's calendar file.
pub struct IcsFile {
    pub file_name: String,
    pub body: String,
}

/// The calendar invitation of a meeting, for someone who may read the log. It names no
/// child and holds no agenda: calendars are often synchronised to services outside the
/// municipality, so it says only when, where, and links back here.
pub async fn invitation(
    pool: &sqlx::PgPool,
    identity: &crate::model::identity::Identity,
    log_id: Uuid,
    meeting_id: Uuid,
    public_url: &str,
    lang: Lang,
) -> Result<IcsFile, ApiError> {
    use crate::domain::calendar::{render, Invitation};
    use time::OffsetDateTime;
    let mut tx = ContentTx::begin(pool, identity).await?;
    let (grant, _) = crate::server::gate::read(&mut tx, log_id).await?;
    let row = sqlx::query!(
        r#"select extract(epoch from starts_at)::bigint as "starts!",
                  extract(epoch from ends_at)::bigint as "ends!",
                  extract(epoch from updated_at)::bigint as "stamp!",
                  to_char(starts_at at time zone 'Europe/Oslo', 'YYYY-MM-DD') as "day!",
                  place, video_url, version
           from meeting where meeting_id = $2 and log_id = $1"#,
        grant.log_id(),
        meeting_id
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::NotFound)?;
    tx.record(
        log_id,
        "content.read",
        serde_json::json!({ "what": "meeting_calendar", "id": meeting_id }),
    )
    .await?;
    tx.commit().await?;
    let at = |seconds| OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| ApiError::Internal);
    let link = format!("{public_url}/logs/{log_id}/meetings/{meeting_id}");
    let body = render(&Invitation {
        uid: meeting_id,
        sequence: u32::try_from(row.version).unwrap_or(0),
        starts_at: at(row.starts)?,
        ends_at: at(row.ends)?,
        stamp: at(row.stamp)?,
        summary: lang.texts().plan.ics_summary,
        location: row.place.as_deref(),
        url: Some(row.video_url.as_deref().unwrap_or(&link)),
        description: &link,
        organizer_name: "Stafett",
    });
    Ok(IcsFile {
        file_name: format!("stafettmote-{}.ics", row.day),
        body,
    })
}
