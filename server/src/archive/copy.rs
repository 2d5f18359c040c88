//! `GET /api/log_copy?log_id=`: the family's own copy of everything in the log they may see
//! (GDPR articles 15 and 20), as the same PDF/A the archive gets. It is read in the family
//! member's content transaction, so row-level security leaves exactly what they may see, and
//! the read is in the log's audit trail like any other.

use super::document::{self, Purpose};
use super::pdf;
use crate::api_errors::refused;
use crate::state::ServerState;
use app::domain::attachment::content_disposition;
use app::model::error::ApiError;
use app::model::identity::Identity;
use app::server::log::record::family_copy;
use axum::extract::{Query, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Deserialize)]
struct Which {
    log_id: Uuid,
}

pub async fn download(State(state): State<ServerState>, request: Request) -> Response {
    let Some(identity) = request.extensions().get::<Identity>().cloned() else {
        return refused(ApiError::Unauthorized);
    };
    let Ok(Query(which)) = Query::<Which>::try_from_uri(request.uri()) else {
        return refused(ApiError::BadRequest);
    };
    match copy(&state.app.pool, &identity, which.log_id).await {
        Ok((file_name, pdf)) => (
            [
                (CONTENT_TYPE, "application/pdf".to_string()),
                (CONTENT_DISPOSITION, content_disposition(&file_name)),
                (CACHE_CONTROL, "no-store".to_string()),
            ],
            pdf,
        )
            .into_response(),
        Err(error) => refused(error),
    }
}

async fn copy(
    pool: &PgPool,
    identity: &Identity,
    log_id: Uuid,
) -> Result<(String, Vec<u8>), ApiError> {
    let record = family_copy(pool, identity, log_id).await?;
    let at = OffsetDateTime::now_utc();
    let a = &record.lang.texts().archive;
    let title = (a.document_title)(&record.child_name);
    let page_of = a.page_of;
    let pdf = pdf::render(
        &document::blocks(&record, &Purpose::Family { at }),
        &pdf::About {
            title: &title,
            language: record.lang.code(),
            created: at,
            page_of: &page_of,
        },
    )
    .map_err(|error| {
        tracing::error!(%error, "the family's copy could not be written");
        ApiError::Internal
    })?;
    Ok((format!("{title}.pdf"), pdf))
}
