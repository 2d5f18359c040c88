use crate::i18n::use_lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;

/// The error of a plain form posted to a server function: the server sends the browser back
/// to the page with the error in the URL (`__err`), and it is shown here, translated.
#[component]
pub fn FormError() -> impl IntoView {
    let t = use_lang().texts();
    let error = use_query_map()
        .with_untracked(|query| query.get("__err"))
        .map(|encoded| ServerFnUrlError::<ApiError>::decode_err(&encoded));
    error.map(|error| view! { <p role="alert" class="alert error">{t.form.explain(error)}</p> })
}
