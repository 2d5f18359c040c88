use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/log_out_everywhere`: ends every login of the current person, in every browser
/// and app instance, at once; then sends the browser to the logged-out page. A plain form.
#[server(prefix = "/api", endpoint = "log_out_everywhere")]
pub async fn log_out_everywhere() -> Result<(), ApiError> {
    use crate::server::{audit, identity, state::AppState};
    use http::header::LOCATION;
    use http::HeaderValue;

    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let mut tx = state.pool.begin().await?;
    let ended = identity::end_all_sessions(&mut tx, identity.person_id).await?;
    audit::record(
        &mut tx,
        Some(identity.person_id),
        "auth.logout_everywhere",
        serde_json::json!({ "sessions_ended": ended }),
    )
    .await?;
    tx.commit().await?;

    let response = expect_context::<leptos_axum::ResponseOptions>();
    response.insert_header(LOCATION, HeaderValue::from_static("/logged-out"));
    response.set_status(http::StatusCode::SEE_OTHER);
    Ok(())
}
