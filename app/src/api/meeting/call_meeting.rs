use crate::model::error::ApiError;
use crate::model::meeting::MeetingForm;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/call_meeting`: staff taking part call a meeting, invite those taking part
/// (who get an e-mail without content) and may appoint the minute-taker. Returns its id.
#[server(prefix = "/api", endpoint = "call_meeting")]
pub async fn call_meeting(log_id: Uuid, meeting: MeetingForm) -> Result<Uuid, ApiError> {
    use crate::domain::plan::{agenda_items, meeting_place, meeting_time};
    use crate::model::error::Field;
    use crate::server::{gate, log, meeting, state::AppState};
    let (start, end) = meeting_time(&meeting.date, &meeting.time, meeting.duration)?;
    let (place, video_url) = meeting_place(&meeting.place, &meeting.video_url)?;
    let mut invitees = meeting.invitees;
    invitees.sort_unstable();
    invitees.dedup();
    let minute_taker = match meeting.minute_taker.trim() {
        "" => None,
        id => Some(Uuid::parse_str(id).map_err(|_| ApiError::from(Field::MinuteTaker))?),
    };
    let agenda = agenda_items(&meeting.agenda)?;
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::EditPlan).await?;
    let members = log::members::members(&mut tx, &grant).await?;
    let new = meeting::NewMeeting {
        start,
        end,
        place,
        video_url,
        invitees,
        minute_taker,
        agenda,
    };
    let meeting_id = meeting::call(&mut tx, &grant, &members, &new, &state.public_url).await?;
    tx.commit().await?;
    Ok(meeting_id)
}
