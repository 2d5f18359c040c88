//! `/unit-logs`: a unit leader's overview of the logs held in the units they lead: what
//! waits (consents, handovers, evaluations, quiet logs), the logs with dates and counts, and
//! charts of how the unit keeps up. No content and no family: each log is a link to where
//! the leader may appoint a holder.

use crate::api::baton::unit_logs;
use crate::api::family_request::{waiting_family_requests, AppointForRequest};
use crate::api::log::staff_choices;
use crate::api::transition::{incoming_transitions, NameTransitionHolder};
use crate::domain::access::LogStatus;
use crate::domain::figures::{StatusMonth, TimelinessMonth, WaitCount};
use crate::domain::transition::Stage;
use crate::model::error::ApiError;
use crate::model::family_request::WaitingRequest;
use crate::model::log::StaffChoice;
use crate::model::transition::IncomingTransition;
use crate::ui::components::form_error::FormError;
use crate::ui::components::staff_select::StaffSelect;
use leptos::server_fn::ServerFn;

use crate::i18n::{use_lang, DateTexts, Lang};
use crate::model::baton::{UnitLog, UnitOverview};
use crate::ui::components::bar_chart::{Bar, BarChart, Part};
use crate::ui::components::error_message::ErrorMessage;
use leptos::prelude::*;
use leptos_meta::Title;
use time::Date;
use uuid::Uuid;

/// An open log with no entry for this long is worth a leader's question.
const QUIET_DAYS: i64 = 30;

#[component]
pub fn UnitLogsPage() -> impl IntoView {
    let lang = use_lang();
    let b = &lang.texts().baton;
    let data = Resource::new(
        || (),
        |_| async move {
            let overview = unit_logs().await?;
            let requests = waiting_family_requests().await?;
            let transitions = incoming_transitions().await?;
            let staff = if requests.is_empty() && transitions.is_empty() {
                Vec::new()
            } else {
                staff_choices().await?
            };
            Ok::<_, ApiError>((overview, requests, transitions, staff))
        },
    );
    view! {
        <Title text=b.unit_logs_title />
        <h1>{b.unit_logs_title}</h1>
        <p class="lead">{b.unit_logs_intro}</p>
        <FormError />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((overview, requests, transitions, staff)) => view! {
                        {(!transitions.is_empty()).then(|| view! { <IncomingTransitions transitions staff=staff.clone() lang /> })}
                        {(!requests.is_empty()).then(|| view! { <WaitingRequests requests staff lang /> })}
                        {if overview.logs.is_empty() {
                            view! { <p class="empty-state">{b.no_unit_logs}</p> }.into_any()
                        } else {
                            view! { <Overview overview lang /> }.into_any()
                        }}
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Families' requests waiting for the leader: what they wrote, and a holder to appoint from
/// the unit they asked.
#[component]
fn WaitingRequests(
    requests: Vec<WaitingRequest>,
    staff: Vec<StaffChoice>,
    lang: Lang,
) -> impl IntoView {
    let texts = lang.texts();
    let t = &texts.request;
    view! {
        <section aria-labelledby="requests-heading">
            <h2 id="requests-heading">{t.leader_heading}</h2>
            <ul class="cards">
                {requests.into_iter().enumerate().map(|(n, request)| {
                    let here = staff_in(&staff, request.unit_id);
                    let id = if n == 0 { "holder-0" } else { "holder-n" };
                    view! {
                        <li class="card">
                            <h3>{format!("{} · {}", request.child_name, request.unit_name)}</h3>
                            <p class="hint">{(t.asked_by)(request.by_youth, &lang.dates().date(request.requested_at.date()))}</p>
                            <blockquote>{request.about}</blockquote>
                            <form class="stacked" method="post" action=AppointForRequest::url()>
                                <input type="hidden" name="request_id" value=request.request_id.to_string() />
                                <StaffSelect id label=t.holder_label staff=here t=texts />
                                <button type="submit" class="button primary">{t.appoint}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// Transitions to the leader's units: from where and when, and once the family has
/// consented, a member of the receiving unit to offer the baton.
#[component]
fn IncomingTransitions(
    transitions: Vec<IncomingTransition>,
    staff: Vec<StaffChoice>,
    lang: Lang,
) -> impl IntoView {
    let texts = lang.texts();
    let tt = &texts.transition;
    view! {
        <section aria-labelledby="transitions-heading">
            <h2 id="transitions-heading">{tt.incoming_heading}</h2>
            <ul class="cards">
                {transitions.into_iter().enumerate().map(|(n, transition)| {
                    let here = staff_in(&staff, transition.to_unit_id);
                    let id = if n == 0 { "transition-holder-0" } else { "transition-holder-n" };
                    let day = lang.dates().date(transition.transfer_on);
                    let status = (tt.status)(transition.stage, &transition.to_unit, transition.offered_to.as_deref());
                    view! {
                        <li class="card">
                            <h3>{transition.child_name}</h3>
                            <p>{(tt.kind)(transition.kind)} ": " {(tt.summary)(&transition.from_unit, &transition.to_unit, &day)}</p>
                            <p class="hint">{status}</p>
                            {transition.message.map(|message| view! { <blockquote>{message}</blockquote> })}
                            {(transition.stage == Stage::WaitingForHolder).then(|| view! {
                                <form class="stacked" method="post" action=NameTransitionHolder::url()>
                                    <input type="hidden" name="transition_id" value=transition.transition_id.to_string() />
                                    <StaffSelect id label=tt.holder_label staff=here t=texts />
                                    <button type="submit" class="button primary">{tt.name_button}</button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The staff of `unit`, to choose a holder from.
fn staff_in(staff: &[StaffChoice], unit: Uuid) -> Vec<StaffChoice> {
    staff
        .iter()
        .filter(|c| c.unit_id == unit)
        .cloned()
        .collect()
}

#[component]
fn Overview(overview: UnitOverview, lang: Lang) -> impl IntoView {
    let t = &lang.texts().leader;
    let (waiting, longest) = overview.waiting();
    let figures = [
        (waiting, (t.waiting)(waiting, longest)),
        (
            overview.handovers_pending(),
            (t.handovers)(overview.handovers_pending()),
        ),
        (
            overview.evaluations_overdue() as usize,
            (t.overdue)(overview.evaluations_overdue()),
        ),
        (
            overview.quiet(QUIET_DAYS),
            (t.quiet)(overview.quiet(QUIET_DAYS), QUIET_DAYS),
        ),
    ];
    view! {
        <div class="unit-overview">
        <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t.figures_heading}</h2>
            {if figures.iter().all(|(count, _)| *count == 0) {
                view! { <p class="empty-state">{t.nothing_waiting}</p> }.into_any()
            } else {
                view! {
                    <ul class="figures">
                        {figures.into_iter().filter(|(count, _)| *count > 0).map(|(_, text)| view! {
                            <li class="figure">{text}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="logs-heading">
            <h2 id="logs-heading">{t.logs_heading}</h2>
            {view! { <LogTable logs=overview.logs lang /> }.into_any()}
        </section>
        <section aria-labelledby="charts-heading">
            <h2 id="charts-heading">{t.charts_heading}</h2>
            <div class="charts">
                {by_month_chart(&overview.by_month, lang)}
                {waits_chart(&overview.consent_waits, lang)}
                {evaluations_chart(&overview.evaluations, lang)}
            </div>
        </section>
        </div>
    }
}

#[component]
fn LogTable(logs: Vec<UnitLog>, lang: Lang) -> impl IntoView {
    let texts = lang.texts();
    let (b, t) = (&texts.baton, &texts.leader);
    let days = |days: Option<i64>| days.map(|days| (t.days)(days)).unwrap_or_default();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t.logs_heading>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{b.col_child}</th>
                        <th scope="col">{b.col_unit}</th>
                        <th scope="col">{b.col_status}</th>
                        <th scope="col">{b.col_holder}</th>
                        <th scope="col">{t.col_waiting}</th>
                        <th scope="col">{b.col_offer}</th>
                        <th scope="col">{t.col_overdue}</th>
                        <th scope="col">{t.col_last_entry}</th>
                    </tr>
                </thead>
                <tbody>
                    {logs.into_iter().map(|log| view! {
                        <tr>
                            <th scope="row">
                                <a href=format!("/logs/{}/holder", log.log_id)>{log.child_name}</a>
                            </th>
                            <td>{log.unit_name}</td>
                            <td>{(texts.log.status)(log.status)}</td>
                            <td>
                                {log.holder_name}
                                {log.holder_leaving.then(|| view! {
                                    " " <span class="badge warning">{b.holder_leaving}</span>
                                })}
                            </td>
                            <td>{days(log.days_waiting)}</td>
                            <td>{log.offered_to.unwrap_or_default()}</td>
                            <td>{(log.evaluations_overdue > 0).then_some(log.evaluations_overdue)}</td>
                            <td>
                                {log.days_since_entry.map_or_else(
                                    || t.no_entry.to_string(),
                                    |since| (t.days)(since),
                                )}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn by_month_chart(months: &[StatusMonth], lang: Lang) -> AnyView {
    let texts = lang.texts();
    let (t, dates) = (&texts.leader, lang.dates());
    let summary = months.last().map_or_else(String::new, |last| {
        (t.by_month_summary)(
            &dates.month(last.month),
            last.requested,
            last.open,
            last.closed,
        )
    });
    let parts = vec![
        Part::new((texts.log.status)(LogStatus::Open), "chart-open"),
        Part::new((texts.log.status)(LogStatus::Requested), "chart-waiting"),
        Part::new((texts.log.status)(LogStatus::Closed), "chart-closed"),
    ];
    let bars = months
        .iter()
        .map(|m| month_bar(dates, m.month, vec![m.open, m.requested, m.closed]))
        .collect();
    view! {
        <BarChart id="by-month" title=t.by_month_title summary parts bars first_column=t.col_month />
    }
    .into_any()
}

fn waits_chart(waits: &[WaitCount], lang: Lang) -> AnyView {
    let t = &lang.texts().leader;
    let consented = waits.iter().map(|w| w.consented).sum();
    let waiting = waits.iter().map(|w| w.waiting).sum();
    let parts = vec![
        Part::new(t.consented, "chart-open"),
        Part::new(t.still_waiting, "chart-waiting"),
    ];
    let bars = waits
        .iter()
        .map(|w| Bar {
            short: (t.wait)(w.wait).to_string(),
            label: (t.wait)(w.wait).to_string(),
            values: vec![w.consented, w.waiting],
        })
        .collect();
    view! {
        <BarChart
            id="waits"
            title=t.waits_title
            summary=(t.waits_summary)(consented, waiting)
            parts
            bars
            first_column=t.col_wait
        />
    }
    .into_any()
}

fn evaluations_chart(months: &[TimelinessMonth], lang: Lang) -> AnyView {
    let t = &lang.texts().leader;
    let dates = lang.dates();
    let sum = |part: fn(&TimelinessMonth) -> u32| months.iter().map(part).sum::<u32>();
    let summary = (t.evaluations_summary)(sum(|m| m.on_time), sum(|m| m.late), sum(|m| m.missing));
    let parts = vec![
        Part::new(t.on_time, "chart-open"),
        Part::new(t.late, "chart-waiting"),
        Part::new(t.missing, "chart-missing"),
    ];
    let bars = months
        .iter()
        .map(|m| month_bar(dates, m.month, vec![m.on_time, m.late, m.missing]))
        .collect();
    view! {
        <BarChart id="evaluations" title=t.evaluations_title summary parts bars first_column=t.col_month />
    }
    .into_any()
}

/// A month's bar: "nov" under it, "november 2026" in the table.
fn month_bar(dates: &DateTexts, month: Date, values: Vec<u32>) -> Bar {
    Bar {
        short: dates.month_short(month),
        label: dates.month(month),
        values,
    }
}
