use crate::api::directory::list_units;
use crate::domain::service_kind::ServiceKind;
use crate::i18n::use_lang;
use crate::ui::components::directory_browser::DirectoryBrowser;
use crate::ui::components::error_message::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/` and `/?kind=<code>`: the municipality's units and services.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let query = use_query_map();
    // An unknown kind in the address shows every unit rather than an error: it is a filter.
    let initial_kind =
        query.with_untracked(|q| q.get("kind").and_then(|code| ServiceKind::from_code(&code)));
    // All units are loaded and the island filters them, so changing the filter needs no request.
    let units = Resource::new(|| (), |_| list_units(None));

    view! {
        <Title text=t.directory.directory_title />
        <h1>{t.directory.directory_title}</h1>
        <p class="lead">{t.directory.directory_intro}</p>
        <Suspense>
            {move || Suspend::new(async move {
                match units.await {
                    Ok(units) => view! { <DirectoryBrowser units initial_kind lang /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
