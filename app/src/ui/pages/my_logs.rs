//! "Stafettlogger" on the person's page: each of their logs with what on it needs them (a
//! consent of theirs, for the holder the consents and evaluations to follow up, new entries,
//! the next meeting), filtered and sorted by query parameters: links and a plain GET form,
//! so a reload keeps the view and no script is needed.

use crate::api::log::my_logs;
use crate::i18n::{use_lang, Texts};
use crate::model::log::{Activity, LogFilter, LogOrder, LogSummary};
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::when::{Dated, When};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The logs the person is part of, as far as the gate lets them see each.
#[component]
pub fn MyLogs(staff: bool) -> impl IntoView {
    let t = use_lang().texts();
    let (filter, order) = use_query_map().with_untracked(|query| {
        (
            LogFilter::from_code(&query.get("filter").unwrap_or_default()),
            LogOrder::from_code(&query.get("order").unwrap_or_default()),
        )
    });
    let logs = Resource::new(|| (), |_| my_logs());
    view! {
        <h2 id="my-logs">{t.log.my_logs_heading}</h2>
        {staff.then(|| view! { <p><a class="button primary" href="/logs/new">{t.log.new_log_link}</a></p> })}
        <Suspense>
            {move || Suspend::new(async move {
                match logs.await {
                    Ok(logs) if logs.is_empty() => view! { <p class="empty-state">{t.log.no_logs}</p> }.into_any(),
                    Ok(logs) => view! { <Workbench logs filter order t /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Workbench(
    mut logs: Vec<LogSummary>,
    filter: LogFilter,
    order: LogOrder,
    t: &'static Texts,
) -> impl IntoView {
    let w = &t.workbench;
    let counts = LogFilter::ALL.map(|f| (f, logs.iter().filter(|log| f.admits(log)).count()));
    logs.retain(|log| filter.admits(log));
    order.sort(&mut logs);
    view! {
        <nav class="tabs" aria-label=w.filter_label>
            <ul>
                {counts.into_iter().map(|(f, count)| view! {
                    <li>
                        <a href=format!("/me?filter={}&order={}", f.code(), order.code())
                           aria-current=(f == filter).then_some("page")>
                            {format!("{} ({count})", (w.filter)(f))}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
        <form class="filter" method="get" action="/me">
            <input type="hidden" name="filter" value=filter.code() />
            <label for="order">{w.order_label}</label>
            <select id="order" name="order">
                {LogOrder::ALL.into_iter().map(|o| view! {
                    <option value=o.code() selected=o == order>{(w.order)(o)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button secondary">{w.order_submit}</button>
        </form>
        {if logs.is_empty() {
            view! { <p class="empty-state">{w.none_in_filter}</p> }.into_any()
        } else {
            view! {
                <ul class="cards log-cards">
                    {logs.into_iter().map(|log| view! { <LogCard log t /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// One log: its name, status and part, what on it waits for the person, and when it last
/// and next has something.
#[component]
fn LogCard(log: LogSummary, t: &'static Texts) -> impl IntoView {
    let w = &t.workbench;
    let page = format!("/logs/{}", log.log_id);
    let consents = format!("{page}/consents");
    let activity = log.activity.clone().unwrap_or_default();
    let Activity {
        new_entries,
        last_entry,
        next_meeting,
        meeting_soon,
        evaluations_soon,
        evaluations_overdue,
    } = activity;
    let plan = format!("{page}/plan");
    // What waits for the person, most pressing first; each a link to where it is done.
    let mut needs: Vec<(&'static str, String, String)> = Vec::new();
    if log.waiting_for_me > 0 {
        needs.push((
            "warning",
            (t.log.waiting_for_you)(log.waiting_for_me),
            consents.clone(),
        ));
    }
    if log.holding {
        if log.consents_waiting > 0 {
            needs.push((
                "warning",
                (w.consents_missing)(log.consents_waiting),
                consents.clone(),
            ));
        }
        if evaluations_overdue > 0 {
            needs.push((
                "warning",
                (w.evaluations_overdue)(evaluations_overdue),
                plan.clone(),
            ));
        }
        if log.handover_pending {
            needs.push(("info", w.handover_pending.to_string(), page.clone()));
        }
        if evaluations_soon > 0 {
            needs.push(("info", (w.evaluations_soon)(evaluations_soon), plan.clone()));
        }
    }
    if new_entries > 0 {
        needs.push(("info", (w.new_entries)(new_entries), page.clone()));
    }
    let nothing = needs.is_empty();
    view! {
        <li class="card log-card">
            <h3>{(t.log.log_title)(&log.child_name)}</h3>
            <p class="badges">
                <span class="badge neutral">{(t.log.status)(log.status)}</span>
                {log.holding.then(|| view! { " " <span class="badge">{w.holding}</span> })}
            </p>
            {if nothing {
                view! { <p class="hint">{w.nothing_waiting}</p> }.into_any()
            } else {
                view! {
                    <ul class="needs">
                        {needs.into_iter().map(|(tone, text, href)| view! {
                            <li class=format!("need {tone}")><a href=href>{text}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(next_meeting.is_some() || last_entry.is_some()).then(|| view! {
                <p class="hint">
                    {next_meeting.map(|at| view! {
                        <span class=meeting_soon.then_some("soon")>
                            <Dated when=When::Near(at) sentence=w.next_meeting />
                        </span>
                    })}
                    {(next_meeting.is_some() && last_entry.is_some()).then_some(" · ")}
                    {last_entry.map(|at| view! { <Dated when=When::Near(at) sentence=w.last_entry /> })}
                </p>
            })}
            <p class="card-links">
                {log.can_read.then(|| view! {
                    <a href=page.clone()>{t.log.open_log}</a>
                })}
                <a href=consents>{t.log.consents_link}</a>
                {log.holding.then(|| view! { <a href=format!("{page}/holder")>{t.baton.link}</a> })}
            </p>
        </li>
    }
}
