//! Pages of the signed-in person: who they are, and where they are logged in.

use crate::api::identity::list_sessions::list_sessions;
use crate::api::identity::LogOutEverywhere;
use crate::api::log::my_logs;
use crate::api::notice::{my_notice_choice, SetNoticeChoice};
use crate::i18n::use_lang;
use crate::model::notice::NoticeChoice;
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::when::{Time, When};
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
                    <p><a href="/lookups">{t.log.lookups_title}</a></p>
                })}
                {identity.is_citizen.then(|| view! { <p>{t.citizen}</p> })}
                {identity.is_administrator.then(|| view! {
                    <p><a href="/admin">{t.admin.link}</a></p>
                })}
                <MyLogs staff=identity.is_staff() />
                <NoticeChoiceForm />
                <p><a href="/sessions">{t.sessions_title}</a></p>
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
                                        <dt>{t.session_started}</dt><dd><Time when=When::Moment(session.started) /></dd>
                                        <dt>{t.session_last_active}</dt><dd><Time when=When::Moment(session.last_active) /></dd>
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

/// The logs the person is part of, as far as the gate lets them see each.
#[component]
fn MyLogs(staff: bool) -> impl IntoView {
    let t = use_lang().texts();
    let logs = Resource::new(|| (), |_| my_logs());
    view! {
        <h2>{t.log.my_logs_heading}</h2>
        {staff.then(|| view! { <p><a class="button primary" href="/logs/new">{t.log.new_log_link}</a></p> })}
        <Suspense>
            {move || Suspend::new(async move {
                match logs.await {
                    Ok(logs) if logs.is_empty() => view! { <p class="empty-state">{t.log.no_logs}</p> }.into_any(),
                    Ok(logs) => view! {
                        <ul class="cards">
                            {logs.into_iter().map(|log| view! {
                                <li class="card">
                                    <h3>{(t.log.log_title)(&log.child_name)}</h3>
                                    <p>
                                        <span class="badge neutral">{(t.log.status)(log.status)}</span>
                                        {(log.waiting_for_me > 0).then(|| view! {
                                            " " <strong>{(t.log.waiting_for_you)(log.waiting_for_me)}</strong>
                                        })}
                                    </p>
                                    <p>
                                        {log.can_read.then(|| view! {
                                            <a href=format!("/logs/{}", log.log_id)>{t.log.open_log}</a> " · "
                                        })}
                                        <a href=format!("/logs/{}/consents", log.log_id)>{t.log.consents_link}</a>
                                    </p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
