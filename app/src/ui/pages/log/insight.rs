//! `/logs/<id>/insight`: who has read and written in the child's log, newest first, a page
//! at a time (`?before=` the oldest shown), for the family who decide and the holder.

use super::shared::{log_id_param, refusal};
use crate::api::log::log_insight;
use crate::i18n::use_lang;
use crate::model::error::ApiError;
use crate::model::insight::{InsightEvent, InsightPage};
use crate::ui::components::when::{Time, When};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

#[component]
pub fn InsightPage() -> impl IntoView {
    let t = use_lang().texts();
    let log_id = log_id_param();
    let before = use_query_map().with_untracked(|q| q.get("before").and_then(|b| b.parse().ok()));
    let data = Resource::new(
        move || (log_id, before),
        |(log_id, before)| async move {
            let log_id = log_id.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>((log_id, log_insight(log_id, before).await?))
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((log_id, page)) => view! { <Insight log_id page paged=before.is_some() /> }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Insight(log_id: Uuid, page: InsightPage, paged: bool) -> impl IntoView {
    let t = use_lang().texts();
    let it = &t.insight;
    let title = (it.title)(&page.child_name);
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="screen-only"><a href=format!("/logs/{log_id}/consents")>{t.log.consents_title}</a></p>
        <p class="lead">{it.intro}</p>
        {if page.events.is_empty() {
            view! { <p class="empty-state">{it.none}</p> }.into_any()
        } else {
            view! {
                <ol class="cards">
                    {page.events.into_iter().map(|event| view! { <Event event /> }).collect_view()}
                </ol>
            }.into_any()
        }}
        {(paged || page.older.is_some()).then(|| view! {
            <nav class="pages" aria-label=it.link>
                {paged.then(|| view! { <a href=format!("/logs/{log_id}/insight")>{it.newest}</a> })}
                {page.older.map(|older| view! { <a href=format!("/logs/{log_id}/insight?before={older}")>{it.older}</a> })}
            </nav>
        })}
    }
}

#[component]
fn Event(event: InsightEvent) -> impl IntoView {
    let it = &use_lang().texts().insight;
    let role = event
        .role
        .map(|role| (it.role)(role, event.unit.as_deref()));
    view! {
        <li class="card">
            <p>
                <strong>{event.who}</strong>
                {role.map(|role| format!(" ({role})"))}
                " " {(it.happening)(event.happening)}
            </p>
            <p class="hint"><Time when=When::Near(event.at) /></p>
        </li>
    }
}
