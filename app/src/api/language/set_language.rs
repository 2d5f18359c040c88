use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/set_language` (form fields `lang`, `return_to`): remembers the UI language in a
/// cookie and, for a person logged in, as the language of messages to them; then sends the
/// browser back to the page it came from. Works as a plain HTML form.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(lang: String, return_to: String) -> Result<(), ApiError> {
    use crate::i18n::Lang;
    use crate::server::redirect::local_path_or_root;
    use crate::server::{contact, gate, identity};
    use http::header::LOCATION;
    use http::HeaderValue;

    let lang = Lang::from_code(&lang).ok_or(ApiError::BadRequest)?;
    if identity::optional().is_some() {
        let mut tx = gate::open().await?;
        contact::set_lang(&mut tx, lang).await?;
        tx.commit().await?;
    }
    remember_language(lang)?;
    let location = local_path_or_root(&return_to);
    // Built from known-safe parts, so conversion cannot fail in practice.
    let Ok(location) = HeaderValue::from_str(location) else {
        return Err(ApiError::Internal);
    };
    let response = expect_context::<leptos_axum::ResponseOptions>();
    response.insert_header(LOCATION, location);
    response.set_status(http::StatusCode::SEE_OTHER);
    Ok(())
}

/// Sets the cookie that keeps the UI language (a year: the choice is a preference, not a
/// secret).
#[cfg(feature = "ssr")]
pub(crate) fn remember_language(lang: crate::i18n::Lang) -> Result<(), ApiError> {
    use crate::i18n::LANG_COOKIE;
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let cookie = http::HeaderValue::from_str(&cookie).map_err(|_| ApiError::Internal)?;
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(http::header::SET_COOKIE, cookie);
    Ok(())
}
