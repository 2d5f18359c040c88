use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/set_language` (form fields `lang`, `return_to`): remembers the UI language in a
/// cookie and sends the browser back to the page it came from. Works as a plain HTML form.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(lang: String, return_to: String) -> Result<(), ApiError> {
    use crate::i18n::{Lang, LANG_COOKIE};
    use crate::server::redirect::local_path_or_root;
    use http::header::{LOCATION, SET_COOKIE};
    use http::HeaderValue;

    let lang = Lang::from_code(&lang).ok_or(ApiError::BadRequest)?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    // A year: the choice is a preference, not a secret.
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let location = local_path_or_root(&return_to);
    // Both values are built from known-safe parts, so conversion cannot fail in practice.
    let (Ok(cookie), Ok(location)) = (
        HeaderValue::from_str(&cookie),
        HeaderValue::from_str(location),
    ) else {
        return Err(ApiError::Internal);
    };
    response.append_header(SET_COOKIE, cookie);
    response.insert_header(LOCATION, location);
    response.set_status(http::StatusCode::SEE_OTHER);
    Ok(())
}
