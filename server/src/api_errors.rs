//! The HTTP status of a failed server function, in one place.
//!
//! Leptos answers every server-function error with 500; the body carries our stable
//! `ApiError` code, which knows its status (400 for undecodable arguments, 404, 503, …).

use app::model::error::ApiError;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Error bodies are a few bytes of JSON; anything larger is not one of ours.
const MAX_ERROR_BODY: usize = 16 * 1024;

/// A refusal from a plain route: the error's status and its JSON, as server functions answer.
pub fn refused(error: ApiError) -> axum::response::Response {
    use axum::response::IntoResponse;
    (error.status(), axum::Json(error)).into_response()
}

pub async fn set_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    // A plain form's error goes back to the page in a redirect (`?__err=`), which must stay
    // a redirect for the browser to follow it.
    if !response.headers().contains_key("serverfnerror")
        || response
            .headers()
            .contains_key(axum::http::header::LOCATION)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_ERROR_BODY).await.unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<ApiError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}
