//! Calling a meeting and telling people of it: the invitation e-mail (without any content of
//! the log) and the calendar file (no child's name, no agenda).

use crate::i18n::Lang;
use crate::model::error::{ApiError, Field};
use crate::server::gate::{ContentTx, EditPlan, Granted};
use crate::server::log::{self, members::Reachable};
use crate::server::oslo::oslo;
use crate::server::outbox::Message;
use crate::server::push;
use serde_json::json;
use time::{OffsetDateTime, PrimitiveDateTime};
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

/// Calls a meeting: the invitees must be members who see the log, the minute-taker one of
/// them, and the start still ahead. Each invitee who can be reached (but the caller) is
/// told that there is a meeting, when, and where to read more: nothing of the log.
pub async fn call(
    tx: &mut ContentTx,
    grant: &Granted<EditPlan>,
    members: &[Reachable],
    meeting: &NewMeeting<'_>,
    public_url: &str,
) -> Result<Uuid, ApiError> {
    let log_id = grant.log_id();
    if meeting.invitees.is_empty() || !log::members::all_members(members, &meeting.invitees) {
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
    // The form's wall-clock times become instants by PostgreSQL's rules for Oslo (a time
    // the clock skips in spring is read as the hour after).
    let called = sqlx::query!(
        "insert into meeting (log_id, starts_at, ends_at, place, video_url, minute_taker_id,
                              called_by)
         select $1, $2::timestamp at time zone 'Europe/Oslo',
                $3::timestamp at time zone 'Europe/Oslo', $4, $5, $6, $7
         where $2::timestamp at time zone 'Europe/Oslo' > now()
         returning meeting_id, starts_at",
        log_id,
        meeting.start,
        meeting.end,
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
    let meeting_id = called.meeting_id;
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
    let starts_at = oslo(called.starts_at);
    for member in members {
        let invited = meeting.invitees.contains(&member.member.person_id);
        if !invited || member.member.person_id == grant.person_id() {
            continue;
        }
        // In the invitee's language, to their confirmed addresses, by the channel they chose.
        let lang = member.address.lang;
        let sms = (lang.texts().contact.invitation_sms)(&lang.dates().moment(starts_at), &link);
        member
            .address
            .send(tx.conn(), &invitation_message(lang, starts_at, &link), &sms)
            .await?;
        push::tell(
            tx.conn(),
            member.member.person_id,
            &member.notify,
            lang,
            &link,
        )
        .await?;
    }
    tx.record(
        grant,
        "content.write",
        json!({ "what": "meeting", "id": meeting_id, "invitees": meeting.invitees.len() }),
    )
    .await?;
    Ok(meeting_id)
}

/// The invitation e-mail: that there is a meeting, when (as the pages write it), and a link.
/// The child's name and everything else of the log stay behind the login.
pub fn invitation_message(lang: Lang, starts_at: OffsetDateTime, link: &str) -> Message {
    let t = &lang.texts().plan;
    Message {
        subject: t.invitation_subject.to_string(),
        body: (t.invitation_body)(&lang.dates().moment(starts_at), link),
    }
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
    let mut tx = ContentTx::begin(pool, identity).await?;
    let grant =
        crate::server::gate::grant(&mut tx, log_id, crate::server::gate::ReadContent).await?;
    let row = sqlx::query!(
        "select starts_at, ends_at, updated_at, place, video_url, version
         from meeting where meeting_id = $2 and log_id = $1",
        grant.log_id(),
        meeting_id
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::NotFound)?;
    tx.record(
        &grant,
        "content.read",
        json!({ "what": "meeting_calendar", "id": meeting_id }),
    )
    .await?;
    tx.commit().await?;
    let link = format!("{public_url}/logs/{log_id}/meetings/{meeting_id}");
    let body = render(&Invitation {
        uid: meeting_id,
        sequence: u32::try_from(row.version).unwrap_or(0),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        stamp: row.updated_at,
        summary: lang.texts().plan.ics_summary,
        location: row.place.as_deref(),
        url: Some(row.video_url.as_deref().unwrap_or(&link)),
        description: &link,
        organizer_name: "Stafett",
    });
    Ok(IcsFile {
        file_name: format!("stafettmote-{}.ics", oslo(row.starts_at).date()),
        body,
    })
}
