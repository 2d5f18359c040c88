use super::MeetingForm;
use crate::api::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/call_meeting`: staff taking part call a meeting, invite those taking part
/// (who get an e-mail without content) and may appoint the minute-taker. Returns its id.
#[server(prefix = "/api", endpoint = "call_meeting")]
pub async fn call_meeting(log_id: Uuid, meeting: MeetingForm) -> Result<Uuid, ApiError> {
    use crate::api::error::Field;
    use crate::domain::plan::{agenda_items, meeting_place, meeting_time};
    use crate::server::{gate, log_members, meetings, state::AppState};
    let invalid = |field| ApiError::Invalid { field };
    let (start, end) =
        meeting_time(&meeting.date, &meeting.time, meeting.duration).map_err(invalid)?;
    let (place, video_url) = meeting_place(&meeting.place, &meeting.video_url).map_err(invalid)?;
    let mut invitees = meeting.invitees;
    invitees.sort_unstable();
    invitees.dedup();
    let minute_taker = match meeting.minute_taker.trim() {
        "" => None,
        id => Some(Uuid::parse_str(id).map_err(|_| invalid(Field::MinuteTaker))?),
    };
    let agenda = agenda_items(&meeting.agenda).map_err(invalid)?;
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let (grant, facts) = gate::grant(&mut tx, log_id).await?;
    let members = log_members::members(&mut tx, &grant, &facts).await?;
    let new = meetings::NewMeeting {
        start,
        end,
        place,
        video_url,
        invitees,
        minute_taker,
        agenda,
    };
    let meeting_id = meetings::call(&mut tx, &grant, &members, &new, &state.public_url).await?;
    tx.commit().await?;
    Ok(meeting_id)
}
