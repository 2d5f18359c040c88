use crate::api::language::SetLanguage;
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

/// Chooses the UI language with a plain form, so it works before and without hydration.
#[component]
pub fn LanguageForm() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let location = use_location();
    let return_to = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    view! {
        <form class="language-form" method="post" action=SetLanguage::url()>
            <label for="language">{t.language_label}</label>
            <select id="language" name="lang">
                {Lang::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=option.code() selected=option == lang lang=option.code()>
                                {option.endonym()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <input type="hidden" name="return_to" value=return_to />
            <button type="submit" class="button secondary">{t.language_submit}</button>
        </form>
    }
}
