use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_participant`: the holder brings in a service (`to`: "<unit id>"), or a
/// named member of its staff ("<unit id>/<person id>"). A service new to the log sees
/// nothing until the family has consented to it: the consent is then theirs to give, and
/// their devices with push on are told that a consent waits.
#[server(prefix = "/api", endpoint = "add_participant")]
pub async fn add_participant(
    log_id: Uuid,
    to: String,
    responsibility: Option<String>,
) -> Result<Uuid, ApiError> {
    use crate::domain::baton::Post;
    use crate::model::error::Field;
    use crate::server::{error, gate, log};
    let (unit_id, person_id) = match Post::parse(&to) {
        Some(post) => (post.unit_id, Some(post.person_id)),
        None => (
            Uuid::parse_str(to.trim()).map_err(|_| ApiError::from(Field::Services))?,
            None,
        ),
    };
    let responsibility = responsibility
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if responsibility.is_some_and(|r| r.chars().count() > 1000) {
        return Err(ApiError::BadRequest);
    }
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::AddParticipant(unit_id)).await?;
    let participant_id =
        log::decisions::add_participant(&mut tx, &grant, person_id, responsibility)
            .await
            .map_err(error::refused_write)?;
    let public_url = crate::server::state::AppState::from_context()?.public_url;
    crate::server::push::ask_family(&mut tx, &grant, &public_url).await?;
    tx.commit().await?;
    Ok(participant_id)
}
