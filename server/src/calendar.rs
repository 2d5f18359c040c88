//! `GET /api/meeting_ics?log_id=&meeting_id=`: a meeting as an iCalendar file, through the
//! gate like every other read of a log. A plain route rather than a server function, as the
//! answer is a file, not JSON.

use crate::api_errors::refused;
use crate::state::ServerState;
use app::i18n::Lang;
use app::model::error::ApiError;
use app::model::identity::Identity;
use axum::extract::{Query, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, COOKIE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Deserialize)]
pub struct Which {
    log_id: Uuid,
    meeting_id: Uuid,
}

pub async fn meeting_ics(State(state): State<ServerState>, request: Request) -> Response {
    let Some(identity) = request.extensions().get::<Identity>().cloned() else {
        return refused(ApiError::Unauthorized);
    };
    let Ok(Query(which)) = Query::<Which>::try_from_uri(request.uri()) else {
        return refused(ApiError::BadRequest);
    };
    let lang = request
        .headers()
        .get(COOKIE)
        .and_then(|value| value.to_str().ok())
        .map(Lang::from_cookie_header)
        .unwrap_or_default();
    let file = app::server::meeting::invitation(
        &state.app.pool,
        &identity,
        which.log_id,
        which.meeting_id,
        &state.app.public_url,
        lang,
    )
    .await;
    match file {
        Ok(file) => (
            [
                (CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", file.file_name),
                ),
            ],
            file.body,
        )
            .into_response(),
        Err(error) => refused(error),
    }
}
