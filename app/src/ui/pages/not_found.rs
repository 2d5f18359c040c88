use crate::i18n::use_lang;
use crate::ui::status::set_status;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page for an unknown address, answered with HTTP 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(http::StatusCode::NOT_FOUND);
    let t = use_lang().texts();
    view! {
        <Title text=t.not_found_title />
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_body}</p>
        <p><a href="/">{t.directory.back_to_directory}</a></p>
    }
}
