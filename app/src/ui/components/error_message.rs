use crate::i18n::use_lang;
use crate::model::error::ApiError;
use crate::ui::status::set_status;
use leptos::prelude::*;
use leptos_meta::Title;

/// A translated error in place of a page's content, with the error's HTTP status.
#[component]
pub fn ErrorMessage(error: ApiError) -> impl IntoView {
    set_status(error.status());
    let t = use_lang().texts();
    view! {
        <Title text=t.error_title />
        <h1>{t.error_title}</h1>
        <p role="alert" class="alert error">{(t.form.error)(error)}</p>
    }
}
