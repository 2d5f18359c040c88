//! The HTTP status of a failed server function, in one place.
//!
//! Leptos answers every server-function error with 500; the body carries our stable
//! `ApiError` code, which knows its status (400 for undecodable arguments, 404, 503, …).
//! The body also gets the error in words, in the language of the request's cookie
//! (`"message"`, beside the code): a form sent in place shows it as it is, so the WASM
//! carries no translations of every error in every language.

use crate::auth::request_lang;
use app::i18n::Lang;
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
    let lang = request_lang(request.headers());
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
    let mut bytes = to_bytes(body, MAX_ERROR_BODY).await.unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<ApiError>(&bytes) {
        parts.status = error.status();
        if let Some(worded) = with_message(error, lang) {
            parts.headers.remove(axum::http::header::CONTENT_LENGTH);
            bytes = worded.into();
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The error's JSON with `"message"`: what the form shows, in the person's language.
fn with_message(error: ApiError, lang: Lang) -> Option<Vec<u8>> {
    let mut json = serde_json::to_value(error).ok()?;
    json.as_object_mut()?.insert(
        "message".to_string(),
        lang.texts().form.explain(error).into(),
    );
    serde_json::to_vec(&json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::error::Field;

    #[test]
    fn the_message_is_beside_the_code_in_the_language_asked_for() {
        let invalid = ApiError::Invalid {
            field: Field::Title,
        };
        let worded = with_message(invalid, Lang::En).expect("worded");
        let json: serde_json::Value = serde_json::from_slice(&worded).expect("json");
        assert_eq!(json["error"], "invalid");
        assert_eq!(json["field"], "title");
        assert_eq!(json["message"], Lang::En.texts().form.explain(invalid));
    }

    #[test]
    fn a_worded_error_is_still_our_error_for_a_client_that_reads_only_the_code() {
        for error in [
            ApiError::Invalid {
                field: Field::ChildNationalId,
            },
            ApiError::Conflict,
            ApiError::Unauthorized,
        ] {
            let worded = with_message(error, Lang::Nn).expect("worded");
            assert_eq!(
                serde_json::from_slice::<ApiError>(&worded).expect("error"),
                error
            );
        }
    }
}
