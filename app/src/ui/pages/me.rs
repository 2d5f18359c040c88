//! Pages of the signed-in person: who they are, and where they are logged in.

use crate::api::identity::list_sessions::list_sessions;
use crate::api::identity::LogOutEverywhere;
use crate::api::notice::{my_notice_choice, SetNoticeChoice};
use crate::i18n::use_lang;
use crate::model::notice::NoticeChoice;
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::when::{Time, When};
use crate::ui::pages::baton_offers::BatonOffers;
use crate::ui::pages::my_logs::MyLogs;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/me`: the person's name and roles. Needs a login (the server redirects otherwise).
#[component]
pub fn MePage() -> impl IntoView {
    let t = use_lang().texts();
    let identity = crate::api::identity::use_identity();
    view! {
        <Title text=t.me_title />
        {identity.map(|identity| {
            let units = identity.staff_units.clone();
            view! {
                <h1>{t.me_title}</h1>
                <p class="lead">{(t.signed_in_as)(&identity.full_name())}</p>
                <div class="workbench">
                    <div class="workbench-main">
                        {identity.is_staff().then(|| view! { <BatonOffers /> })}
                        <section aria-labelledby="my-logs">
                            <MyLogs staff=identity.is_staff() />
                        </section>
                    </div>
                    <aside class="workbench-side" aria-label=t.workbench.about_me>
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
                        {identity.staff_units.iter().any(|unit| unit.is_unit_leader).then(|| view! {
                            <p><a href="/unit-logs">{t.baton.unit_logs_title}</a></p>
                            <p><a href="/lookups">{t.log.lookups_title}</a></p>
                        })}
                        {identity.is_administrator.then(|| view! {
                            <p><a href="/admin">{t.admin.link}</a></p>
                        })}
                        {identity.is_citizen.then(|| view! {
                            <p>{t.citizen}</p>
                            <p><a href="/ask-for-log">{t.request.link}</a></p>
                        })}
                        <NoticeChoiceForm />
                        <p><a href="/sessions">{t.sessions_title}</a></p>
                    </aside>
                </div>
            }
        })}
    }
}

/// How the person wants to hear of news in their logs.
#[component]
fn NoticeChoiceForm() -> impl IntoView {
    let t = use_lang().texts();
    let current = Resource::new(|| (), |_| my_notice_choice());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let current = current.await.unwrap_or_default();
                view! {
                    <form class="stacked card" method="post" action=SetNoticeChoice::url()>
                        <fieldset>
                            <legend>{t.plan.notify_heading}</legend>
                            <p class="hint">{t.plan.notify_intro}</p>
                            {NoticeChoice::ALL.into_iter().map(|choice| view! {
                                <label class="check">
                                    <input type="radio" name="choice" value=choice.code() checked=choice == current />
                                    " " {(t.plan.notify_choice)(choice)}
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <button type="submit" class="button secondary">{t.plan.notify_save}</button>
                    </form>
                }
            })}
        </Suspense>
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
                                        <dt>{t.session_started}</dt><dd><Time when=When::Near(session.started) /></dd>
                                        <dt>{t.session_last_active}</dt><dd><Time when=When::Near(session.last_active) /></dd>
                                    </dl>
                                </li>
                            }).collect_view()}
                        </ul>
                        <form method="post" action=LogOutEverywhere::url()>
                            <button type="submit" class="button danger">{t.log_out_everywhere}</button>
                        </form>
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
