use crate::api::error::ApiError;
use leptos::prelude::*;

/// `POST /api/set_language` (form fields `lang`, `return_to`): remembers the UI language in a
/// cookie and sends the browser back to the page it came from. Works as a plain HTML form.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(lang: String, return_to: String) -> Result<(), ApiError> {
    use crate::i18n::{Lang, LANG_COOKIE};
    use crate::server::error::respond_with;
    use http::header::{LOCATION, SET_COOKIE};
    use http::HeaderValue;

    let lang = Lang::from_code(&lang).ok_or(ApiError::BadRequest);
    respond_with(lang.map(|lang| {
        let response = expect_context::<leptos_axum::ResponseOptions>();
        // A year: the choice is a preference, not a secret, and is the same on every device.
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.append_header(SET_COOKIE, value);
        }
        let target = crate::server::redirect::local_path_or_root(&return_to);
        if let Ok(value) = HeaderValue::from_str(target) {
            response.insert_header(LOCATION, value);
            response.set_status(http::StatusCode::SEE_OTHER);
        }
    }))
}
