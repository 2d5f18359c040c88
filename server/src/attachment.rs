//! `POST /api/attachments` (multipart: `log_id`, `entry_id`, `file`) and
//! `GET /api/attachment?log_id=&attachment_id=`: files on entries, through the gate like
//! every other piece of content. Plain routes rather than server functions, as one takes a
//! file and the other answers with one. A form posted by a browser without JavaScript is
//! sent back to the log (with the error, if any, as server functions do); anyone else gets
//! JSON.

use crate::api_errors::refused;
use crate::state::ServerState;
use app::domain::attachment::{content_disposition, MAX_BYTES};
use app::model::error::{ApiError, Field};
use app::model::identity::Identity;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::header::{ACCEPT, CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use leptos::server_fn::error::ServerFnUrlError;
use serde::Deserialize;
use uuid::Uuid;

/// The body limit of an upload: the largest file and the form's other fields.
pub fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_BYTES + 64 * 1024)
}

const UPLOAD_PATH: &str = "/api/attachments";

pub async fn upload(State(state): State<ServerState>, request: Request) -> Response {
    let identity = request.extensions().get::<Identity>().cloned();
    let html = request
        .headers()
        .get(ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let Some(identity) = identity else {
        return refused(ApiError::Unauthorized);
    };
    let form = match Upload::read(request, &state).await {
        Ok(form) => form,
        Err(error) => return refused(error),
    };
    let stored = app::server::attachment::store(
        &state.app.pool,
        &identity,
        form.log_id,
        form.entry_id,
        &form.file_name,
        &form.data,
    )
    .await;
    match (stored, html) {
        (Ok(_), true) => back_to_log(form.log_id, None),
        (Err(error), true) => back_to_log(form.log_id, Some(error)),
        (Ok(id), false) => Json(id).into_response(),
        (Err(error), false) => refused(error),
    }
}

struct Upload {
    log_id: Uuid,
    entry_id: Uuid,
    file_name: String,
    data: Vec<u8>,
}

impl Upload {
    async fn read(request: Request, state: &ServerState) -> Result<Upload, ApiError> {
        let too_big = ApiError::Invalid {
            field: Field::Attachment,
        };
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|_| ApiError::BadRequest)?;
        let (mut log_id, mut entry_id, mut file) = (None, None, None);
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                // The body ended early or went over the limit.
                Err(_) => return Err(too_big),
            };
            let id =
                |text: Result<String, _>| text.ok().and_then(|t| Uuid::parse_str(t.trim()).ok());
            match field.name() {
                Some("log_id") => log_id = id(field.text().await),
                Some("entry_id") => entry_id = id(field.text().await),
                Some("file") => {
                    let name = field.file_name().unwrap_or_default().to_string();
                    let bytes = field.bytes().await.map_err(|_| too_big)?;
                    file = Some((name, bytes.to_vec()));
                }
                _ => {}
            }
        }
        match (log_id, entry_id, file) {
            (Some(log_id), Some(entry_id), Some((file_name, data))) => Ok(Upload {
                log_id,
                entry_id,
                file_name,
                data,
            }),
            (Some(_), Some(_), None) => Err(too_big),
            _ => Err(ApiError::BadRequest),
        }
    }
}

/// Sends a browser back to the log, as a server function does for a plain form.
fn back_to_log(log_id: Uuid, error: Option<ApiError>) -> Response {
    let page = format!("http://stafett.invalid/logs/{log_id}");
    let target = match error {
        None => page,
        Some(error) => ServerFnUrlError::new(UPLOAD_PATH, error)
            .to_url(&page)
            .map(|url| url.to_string())
            .unwrap_or(page),
    };
    let local = target
        .trim_start_matches("http://stafett.invalid")
        .to_string();
    (StatusCode::SEE_OTHER, [(LOCATION, local)]).into_response()
}

#[derive(Debug, Deserialize)]
pub struct Which {
    log_id: Uuid,
    attachment_id: Uuid,
}

pub async fn download(State(state): State<ServerState>, request: Request) -> Response {
    let Some(identity) = request.extensions().get::<Identity>().cloned() else {
        return refused(ApiError::Unauthorized);
    };
    let Ok(Query(which)) = Query::<Which>::try_from_uri(request.uri()) else {
        return refused(ApiError::BadRequest);
    };
    let file = app::server::attachment::fetch(
        &state.app.pool,
        &identity,
        which.log_id,
        which.attachment_id,
    )
    .await;
    match file {
        Ok(file) => (
            [
                (CONTENT_TYPE, file.content_type),
                (CONTENT_DISPOSITION, content_disposition(&file.file_name)),
            ],
            file.data,
        )
            .into_response(),
        Err(error) => refused(error),
    }
}
