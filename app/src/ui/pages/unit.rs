use crate::api::directory::get_unit;
use crate::i18n::use_lang;
use crate::model::error::ApiError;
use crate::ui::components::contact::Contact;
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// `/units/<uuid>`: one unit's page; 404 for an unknown or malformed id.
#[component]
pub fn UnitPage() -> impl IntoView {
    let t = use_lang().texts();
    let params = use_params_map();
    let unit_id =
        params.with_untracked(|p| p.get("unit_id").and_then(|id| Uuid::parse_str(&id).ok()));
    let unit = Resource::new(
        move || unit_id,
        |unit_id| async move {
            match unit_id {
                Some(unit_id) => get_unit(unit_id).await,
                None => Err(ApiError::NotFound),
            }
        },
    );

    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match unit.await {
                    Ok(unit) => {
                        let website = unit.website.clone();
                        view! {
                            <Title text=unit.summary.name.clone() />
                            <p class="breadcrumb"><a href="/">{t.directory.back_to_directory}</a></p>
                            <h1>{unit.summary.name.clone()}</h1>
                            <p class="kind">{(t.directory.kind)(unit.summary.kind)} " · " {unit.municipality_name}</p>
                            {unit.description.map(|text| view! { <p class="lead">{text}</p> })}
                            <h2>{t.directory.contact_heading}</h2>
                            <Contact unit=unit.summary t=&t.directory />
                            {website.map(|url| view! { <p>{t.directory.website} ": " <a href=url.clone()>{url.clone()}</a></p> })}
                        }
                            .into_any()
                    }
                    Err(ApiError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
