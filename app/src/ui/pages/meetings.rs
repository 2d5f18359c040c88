//! `/logs/<id>/meetings`: the meetings and, for staff, the form calling the next;
//! `/logs/<id>/meetings/<meeting>`: one meeting with its agenda, minutes and decisions.
//! Rendered on the server after the gate, like the log itself.

use crate::api::meeting::{
    get_meeting, list_meetings, AddDecision, ApproveMinutes, CallMeeting, ProposeAgendaItem,
    SaveMinutes,
};
use crate::domain::access::Capacity;
use crate::i18n::{use_lang, Texts};
use crate::model::error::ApiError;
use crate::model::meeting::{MeetingList, MeetingView, NextMeetingSeed};
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::{draft_key, KeptForm};
use crate::ui::components::when::{Dated, When};
use crate::ui::pages::log::{id_query, log_id_param, refusal, LogTabs, MeetingWhen, Section};
use crate::ui::pages::plan::member_label;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let t = use_lang().texts();
    let log_id = log_id_param();
    let after = id_query("after");
    let list = Resource::new(
        move || (log_id, after),
        |(log_id, after)| async move {
            let log_id = log_id.ok_or(ApiError::NotFound)?;
            Ok::<_, ApiError>((log_id, list_meetings(log_id, after).await?))
        },
    );
    view! {
        <Title text=t.plan.meetings_title />
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Ok((log_id, list)) => view! { <Meetings log_id list t /> }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Meetings(log_id: Uuid, list: MeetingList, t: &'static Texts) -> impl IntoView {
    let staff = matches!(list.capacity, Capacity::Holder | Capacity::Staff);
    view! {
        <h1>{t.plan.meetings_title}</h1>
        <LogTabs log_id current=Section::Meetings t />
        <p class="screen-only"><a href=format!("/logs/{log_id}")>{t.plan.back_to_log}</a></p>
        <FormError />
        {if list.meetings.is_empty() {
            view! { <p class="empty-state">{t.plan.no_meetings}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {list.meetings.into_iter().map(|meeting| {
                        let href = format!("/logs/{log_id}/meetings/{}", meeting.meeting_id);
                        let starts_at = meeting.starts_at;
                        let approved = meeting.minutes_approved;
                        view! {
                            <li class="card">
                                <h2><a href=href><Dated when=When::Moment(starts_at) sentence=t.plan.meeting_title /></a></h2>
                                {approved.then(|| view! { <p><span class="badge success">{t.plan.approved_badge}</span></p> })}
                                <MeetingWhen meeting t />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {staff.then(|| view! { <CallForm log_id list_members=list.members seed=list.after t /> })}
    }
    .into_any()
}

/// Calls a meeting: everyone taking part is invited unless unticked. Agreed at an earlier
/// meeting (`seed`), the form starts from that meeting's time, length, place, invitees and
/// minute-taker.
#[component]
fn CallForm(
    log_id: Uuid,
    list_members: Vec<crate::model::plan::Member>,
    seed: Option<NextMeetingSeed>,
    t: &'static Texts,
) -> impl IntoView {
    // A form filled in from a meeting keeps its draft apart from a blank one.
    let draft = match &seed {
        Some(seed) => draft_key(format_args!("meeting/{log_id}/after-{}", seed.meeting_id)),
        None => draft_key(format_args!("meeting/{log_id}")),
    };
    let duration = seed.as_ref().map_or(60, |s| s.duration_minutes);
    let mut durations = vec![30, 45, 60, 90, 120];
    if !durations.contains(&duration) {
        durations.push(duration);
        durations.sort_unstable();
    }
    let invitees = seed.as_ref().map(|s| s.invitees.clone());
    let invited = move |person| invitees.as_ref().is_none_or(|ids| ids.contains(&person));
    let minute_taker = seed.as_ref().and_then(|s| s.minute_taker);
    let hint = seed.as_ref().map(|s| s.starts_at);
    let (time, place, video) = match seed {
        // As a time input takes it, in any language.
        Some(s) => (
            Some(format!(
                "{:02}:{:02}",
                s.starts_at.hour(),
                s.starts_at.minute()
            )),
            s.place,
            s.video_url,
        ),
        None => (None, None, None),
    };
    view! {
        <h2 id="call">{t.plan.call_heading}</h2>
        {hint.map(|at| view! { <p class="hint"><Dated when=When::Moment(at) sentence=t.plan.call_next_hint /></p> })}
        <KeptForm action=CallMeeting::url() draft lang=use_lang() class="stacked card">
            <input type="hidden" name="log_id" value=log_id.to_string() />
            <label for="meeting_date">{t.plan.date_label}</label>
            <input id="meeting_date" type="date" name="meeting[date]" data-field="MeetingStart" required />
            <label for="meeting_time">{t.plan.time_label}</label>
            <input id="meeting_time" type="time" name="meeting[time]" required value=time />
            <label for="meeting_duration">{t.plan.duration_label}</label>
            <select id="meeting_duration" name="meeting[duration]" data-field="Duration">
                {durations.into_iter().map(|minutes| view! {
                    <option value=minutes.to_string() selected=minutes == duration>{(t.plan.minutes_long)(minutes.unsigned_abs())}</option>
                }).collect_view()}
            </select>
            <label for="meeting_place">{t.plan.place_label}</label>
            <input id="meeting_place" name="meeting[place]" data-field="Place" maxlength="300" value=place />
            <label for="meeting_video">{t.plan.video_label}</label>
            <input id="meeting_video" type="url" name="meeting[video_url]" data-field="VideoUrl" maxlength="500" placeholder="https://" value=video />
            <fieldset data-field="Invitees" id="meeting_invitees">
                <legend>{t.plan.invitees_label}</legend>
                {list_members.iter().enumerate().map(|(n, member)| view! {
                    <label class="check">
                        <input type="checkbox" name=format!("meeting[invitees][{n}]") value=member.person_id.to_string() checked=invited(member.person_id) />
                        " " {member_label(member, t)}
                    </label>
                }).collect_view()}
            </fieldset>
            <label for="meeting_minute_taker">{t.plan.minute_taker_label}</label>
            <select id="meeting_minute_taker" name="meeting[minute_taker]" data-field="MinuteTaker">
                <option value="">{t.plan.nobody_yet}</option>
                {list_members.iter().map(|member| view! {
                    <option value=member.person_id.to_string() selected=minute_taker == Some(member.person_id)>{member_label(member, t)}</option>
                }).collect_view()}
            </select>
            <label for="meeting_agenda">{t.plan.agenda_label}</label>
            <textarea id="meeting_agenda" name="meeting[agenda]" data-field="AgendaItem" rows="4"></textarea>
            <button type="submit" class="button primary">{t.plan.call_button}</button>
        </KeptForm>
    }
    .into_any()
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    let t = use_lang().texts();
    let log_id = log_id_param();
    let meeting_id = use_params_map()
        .with_untracked(|p| p.get("meeting_id").and_then(|id| Uuid::parse_str(&id).ok()));
    let meeting = Resource::new(
        move || (log_id, meeting_id),
        |ids| async move {
            match ids {
                (Some(log_id), Some(meeting_id)) => get_meeting(log_id, meeting_id).await,
                _ => Err(ApiError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match meeting.await {
                    Ok(meeting) => view! { <Meeting meeting t /> }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Meeting(meeting: MeetingView, t: &'static Texts) -> impl IntoView {
    let starts_at = meeting.summary.starts_at;
    let title = (t.plan.meeting_title)(&use_lang().dates().moment(starts_at));
    let log_id = meeting.log_id;
    let meeting_id = meeting.summary.meeting_id;
    let approved = meeting.approved.clone();
    let open = approved.is_none();
    let may_write = open && meeting.may_write_minutes;
    let may_approve = open && meeting.capacity == Capacity::Holder && meeting.minutes.is_some();
    let staff = matches!(meeting.capacity, Capacity::Holder | Capacity::Staff);
    let ics = format!(
        "/api/meeting_ics?log_id={}&meeting_id={}",
        meeting.log_id, meeting.summary.meeting_id
    );
    view! {
        <Title text=title />
        <h1><Dated when=When::Moment(starts_at) sentence=t.plan.meeting_title /></h1>
        <LogTabs log_id current=Section::Meetings within=true t />
        <p class="screen-only"><a href=format!("/logs/{}/meetings", meeting.log_id)>{t.plan.meetings_title}</a></p>
        <FormError />
        <div class="card">
            <MeetingWhen meeting=meeting.summary.clone() t />
            <p class="hint">{(t.plan.called_by)(&meeting.called_by_name)}</p>
            <p class="screen-only"><a class="button secondary" href=ics download>{t.plan.download_ics}</a></p>
            {staff.then(|| view! {
                <p class="screen-only"><a href=format!("/logs/{log_id}/meetings?after={meeting_id}#call")>{t.plan.call_next}</a></p>
            })}
        </div>
        <h2>{t.plan.invitees_label}</h2>
        <ul>
            {meeting.invitees.iter().map(|member| view! { <li>{member_label(member, t)}</li> }).collect_view()}
        </ul>
        <p>
            <strong>{t.plan.minute_taker_label} ": "</strong>
            {meeting.minute_taker.as_ref().map_or_else(|| t.plan.nobody_yet.to_string(), |m| m.name.clone())}
        </p>

        <h2>{t.plan.agenda_heading}</h2>
        {if meeting.agenda.is_empty() {
            view! { <p class="empty-state">{t.plan.no_agenda}</p> }.into_any()
        } else {
            view! {
                <ol class="agenda">
                    {meeting.agenda.into_iter().map(|item| view! {
                        <li>{item.text} " " <span class="hint">{(t.plan.proposed_by)(&item.proposed_by_name)}</span></li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        {open.then(|| view! {
            <KeptForm action=ProposeAgendaItem::url() draft=draft_key(format_args!("agenda/{meeting_id}")) lang=use_lang() class="stacked">
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <input type="hidden" name="meeting_id" value=meeting_id.to_string() />
                <label for="agenda_text">{t.plan.propose_label}</label>
                <textarea id="agenda_text" name="text" data-field="AgendaItem" rows="2" required minlength="2" maxlength="1000"></textarea>
                <button type="submit" class="button secondary">{t.plan.propose_button}</button>
            </KeptForm>
        })}

        <h2>{t.plan.minutes_heading}</h2>
        {approved.map(|approval| view! {
            <p><span class="badge success">{t.plan.approved_badge}</span> " "
                <Dated when=When::Moment(approval.at)
                    sentence=move |at| (t.plan.approved_by)(&approval.by_name, at) /></p>
        })}
        {if may_write {
            view! {
                <KeptForm action=SaveMinutes::url() draft=draft_key(format_args!("minutes/{meeting_id}")) lang=use_lang() class="stacked">
                    <input type="hidden" name="log_id" value=log_id.to_string() />
                    <input type="hidden" name="meeting_id" value=meeting_id.to_string() />
                    <input type="hidden" name="version" value=meeting.version.to_string() />
                    <label for="minutes">{t.plan.minutes_label}</label>
                    <textarea id="minutes" name="minutes" data-field="Minutes" rows="10" maxlength="50000">{meeting.minutes.clone()}</textarea>
                    <button type="submit" class="button primary">{t.plan.save_minutes}</button>
                </KeptForm>
            }.into_any()
        } else {
            match meeting.minutes.clone() {
                Some(minutes) => view! { <div class="card entry-body minutes">{minutes}</div> }.into_any(),
                None => view! { <p class="empty-state">{t.plan.no_minutes}</p> }.into_any(),
            }
        }}
        {may_approve.then(|| view! {
            <form method="post" action=ApproveMinutes::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <input type="hidden" name="meeting_id" value=meeting_id.to_string() />
                <input type="hidden" name="version" value=meeting.version.to_string() />
                <button type="submit" class="button secondary">{t.plan.approve_button}</button>
            </form>
        })}

        <h2>{t.plan.decisions_heading}</h2>
        {if meeting.decisions.is_empty() {
            view! { <p class="empty-state">{t.plan.no_decisions}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {meeting.decisions.into_iter().map(|decision| view! {
                        <li class="card">
                            <p class="entry-body">{decision.text}</p>
                            <DecisionMeasures decision_id=decision.decision_id measure=decision.measure made=decision.made_measures log_id staff t />
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {may_write.then(|| view! {
            <KeptForm action=AddDecision::url() draft=draft_key(format_args!("decision/{meeting_id}")) lang=use_lang() class="stacked">
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <input type="hidden" name="meeting_id" value=meeting_id.to_string() />
                <label for="decision_text">{t.plan.decision_label}</label>
                <textarea id="decision_text" name="text" data-field="Decision" rows="3" required minlength="2" maxlength="4000"></textarea>
                <label for="decision_measure">{t.plan.about_measure}</label>
                <select id="decision_measure" name="measure_id" data-field="Measure">
                    <option value="">"–"</option>
                    {meeting.measures.iter().map(|(id, title)| view! {
                        <option value=id.to_string()>{title.clone()}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button secondary">{t.plan.add_decision}</button>
            </KeptForm>
        })}
    }
    .into_any()
}

/// What a decision did to the plan: the measure it is about (to be changed there), the
/// measures made from it, and for staff a way to make one.
#[component]
fn DecisionMeasures(
    decision_id: Uuid,
    measure: Option<(Uuid, String)>,
    made: Vec<(Uuid, String)>,
    log_id: Uuid,
    staff: bool,
    t: &'static Texts,
) -> impl IntoView {
    let plan = format!("/logs/{log_id}/plan");
    let about = measure.is_some();
    view! {
        {measure.map(|(id, title)| view! {
            <p class="hint">
                {t.plan.measures_heading} ": " {title}
                <span class="screen-only">" · " <a href=format!("{plan}#measure-{id}")>{t.plan.change_in_plan}</a></span>
            </p>
        })}
        {(!made.is_empty()).then(|| view! {
            <p class="hint">{t.plan.made_measures} ": "</p>
            <ul>
                {made.into_iter().map(|(id, title)| view! {
                    <li><a href=format!("{plan}#measure-{id}")>{title}</a></li>
                }).collect_view()}
            </ul>
        })}
        {(staff && !about).then(|| view! {
            <p class="screen-only"><a href=format!("{plan}?from_decision={decision_id}#new-measure")>{t.plan.make_measure}</a></p>
        })}
    }
    .into_any()
}
