//! Pages of the signed-in person: who they are, and where they are logged in.

use crate::api::identity::list_sessions::list_sessions;
use crate::api::identity::LogOutEverywhere;
use crate::i18n::use_lang;
use crate::ui::components::error_message::ErrorMessage;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/me`: the person's name and roles. Needs a login (the server redirects otherwise).
#[component]
pub fn MePage() -> impl IntoView {
    let t = use_lang().texts();
    let identity = crate::ui::signed_in::use_identity();
    view! {
        <Title text=t.me_title />
        {identity.map(|identity| {
            let units = identity.staff_units.clone();
            view! {
                <h1>{(t.signed_in_as)(&identity.full_name())}</h1>
                {(!units.is_empty()).then(|| view! {
                    <h2>{t.staff_units}</h2>
                    <ul class="plain">
                        {units.into_iter().map(|unit| view! {
                            <li>
                                <a href=format!("/units/{}", unit.unit_id)>{unit.unit_name}</a>
                                {unit.is_unit_leader.then(|| format!(" ({})", t.unit_leader))}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {identity.is_citizen.then(|| view! { <p>{t.citizen}</p> })}
                <p><a href="/sessions">{t.sessions_title}</a></p>
            }
        })}
    }
}

/// `/sessions`: the person's active logins, and "log out everywhere".
#[component]
pub fn SessionsPage() -> impl IntoView {
    let t = use_lang().texts();
    let sessions = Resource::new(|| (), |_| list_sessions());
    view! {
        <Title text=t.sessions_title />
        <Suspense>
            {move || Suspend::new(async move {
                match sessions.await {
                    Ok(sessions) => view! {
                        <h1>{t.sessions_title}</h1>
                        <p class="lead">{t.sessions_intro}</p>
                        <ul class="cards">
                            {sessions.into_iter().map(|session| view! {
                                <li class="card">
                                    <h2>
                                        {session.device.unwrap_or_else(|| t.unknown_device.to_string())}
                                        {session.current.then(|| view! { " " <span class="badge">{t.session_this}</span> })}
                                    </h2>
                                    <p>{(t.session_method)(session.method)}</p>
                                    <dl>
                                        <dt>{t.session_started}</dt><dd>{session.started}</dd>
                                        <dt>{t.session_last_active}</dt><dd>{session.last_active}</dd>
                                    </dl>
                                </li>
                            }).collect_view()}
                        </ul>
                        <form method="post" action=LogOutEverywhere::url()>
                            <button type="submit">{t.log_out_everywhere}</button>
                        </form>
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
