//! `/logs/<id>/plan`: development areas, common goals, measures and their evaluations.
//! Everyone who may read the log sees it; staff taking part get the forms. Rendered on the
//! server after the gate, like the log itself.

use crate::api::plan::{get_plan, AddArea, AddEvaluation, AddGoal, SaveMeasure};
use crate::domain::access::Capacity;
use crate::domain::plan::MeasureStatus;
use crate::i18n::{use_lang, Texts};
use crate::model::error::ApiError;
use crate::model::plan::{AreaView, DecisionSeed, MeasureView, Member, PlanView};
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::{draft_key, KeptForm};
use crate::ui::components::when::{Dated, Time, When};
use crate::ui::pages::log::{id_query, log_id_param, refusal, LogTabs, Section};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use uuid::Uuid;

#[component]
pub fn PlanPage() -> impl IntoView {
    let t = use_lang().texts();
    let log_id = log_id_param();
    let from_decision = id_query("from_decision");
    let plan = Resource::new(
        move || (log_id, from_decision),
        |(log_id, from_decision)| async move {
            get_plan(log_id.ok_or(ApiError::NotFound)?, from_decision).await
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(plan) => view! { <Plan plan t /> }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Plan(plan: PlanView, t: &'static Texts) -> impl IntoView {
    let title = (t.plan.plan_title)(&plan.child_name);
    let staff = matches!(plan.capacity, Capacity::Holder | Capacity::Staff);
    let log_id = plan.log_id;
    let areas = plan.areas.clone();
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <LogTabs log_id current=Section::Plan t />
        <p class="screen-only"><a href=format!("/logs/{log_id}")>{t.plan.back_to_log}</a></p>
        <FormError />
        <h2>{t.plan.areas_heading}</h2>
        {if plan.areas.is_empty() {
            view! { <p class="empty-state">{t.plan.no_areas}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {plan.areas.into_iter().map(|area| view! {
                        <li class="card"><Area area log_id staff t /></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {staff.then(|| view! {
            <details class="card">
                <summary>{t.plan.add_area_heading}</summary>
                <KeptForm action=AddArea::url() draft=draft_key(format_args!("area/{log_id}")) lang=use_lang() class="stacked">
                    <input type="hidden" name="log_id" value=log_id.to_string() />
                    <label for="area_title">{t.plan.title_label}</label>
                    <input id="area_title" name="title" data-field="Title" required minlength="2" maxlength="200" />
                    <label for="area_description">{t.plan.description_label}</label>
                    <textarea id="area_description" name="description" data-field="Description" rows="2" maxlength="4000"></textarea>
                    <button type="submit" class="button primary">{t.plan.add_area_button}</button>
                </KeptForm>
            </details>
        })}
        <h2>{t.plan.measures_heading}</h2>
        {if plan.measures.is_empty() {
            view! { <p class="empty-state">{t.plan.no_measures}</p> }.into_any()
        } else {
            let members = plan.members.clone();
            let areas = areas.clone();
            view! {
                <ul class="cards">
                    {plan.measures.into_iter().map(|measure| {
                        let members = members.clone();
                        let areas = areas.clone();
                        let anchor = format!("measure-{}", measure.measure_id);
                        view! { <li class="card" id=anchor><Measure measure log_id staff members areas t /></li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(staff && !areas.is_empty()).then(|| view! {
            <details class="card" id="new-measure" open>
                <summary>{t.plan.new_measure_heading}</summary>
                <MeasureFields log_id measure=None seed=plan.from_decision.clone() members=plan.members.clone() areas=areas.clone() t />
            </details>
        })}
    }
    .into_any()
}

#[component]
fn Area(area: AreaView, log_id: Uuid, staff: bool, t: &'static Texts) -> impl IntoView {
    let title_id = format!("goal_title_{}", area.area_id);
    view! {
        <h3>{area.title}</h3>
        {area.description.map(|text| view! { <p>{text}</p> })}
        <ul>
            {area.goals.into_iter().map(|goal| view! {
                <li><strong>{t.plan.goal_label} ": "</strong>{goal.title}
                    {goal.description.map(|text| view! { <br /> {text} })}
                </li>
            }).collect_view()}
        </ul>
        {staff.then(|| view! {
            <KeptForm action=AddGoal::url() draft=draft_key(format_args!("goal/{}", area.area_id)) lang=use_lang() class="stacked">
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <input type="hidden" name="area_id" value=area.area_id.to_string() />
                <label for=title_id.clone()>{t.plan.add_goal_heading}</label>
                <input id=title_id name="title" data-field="Title" required minlength="2" maxlength="300" />
                <button type="submit" class="button secondary">{t.plan.add_goal_button}</button>
            </KeptForm>
        })}
    }
    .into_any()
}

#[component]
fn Measure(
    measure: MeasureView,
    log_id: Uuid,
    staff: bool,
    members: Vec<Member>,
    areas: Vec<AreaView>,
    t: &'static Texts,
) -> impl IntoView {
    let id = measure.measure_id;
    let responsible = measure.responsible_name.clone();
    view! {
        <h3>{measure.title.clone()} " " <span class="badge">{(t.plan.status)(measure.status)}</span></h3>
        <p class="hint">
            {measure.area_title.clone()}
            {measure.goal_title.clone().map(|goal| format!(" · {} {goal}", t.plan.goal_label))}
        </p>
        {measure.description.clone().map(|text| view! { <p class="entry-body">{text}</p> })}
        <p><Dated when=When::Day(measure.evaluation_date)
            sentence=move |day| (t.plan.measure_line)(&responsible, day) /></p>
        <p class="hint">{t.plan.start_label} ": " <Time when=When::Day(measure.start_date) /></p>
        {measure.decided_at.map(|day| view! { <p class="hint"><Dated when=When::Day(day) sentence=t.plan.decided_at /></p> })}
        {(!measure.evaluations.is_empty()).then(|| view! {
            <h4>{t.plan.evaluations_heading}</h4>
            <ol class="entries">
                {measure.evaluations.clone().into_iter().map(|evaluation| view! {
                    <li>
                        <p class="hint">{evaluation.recorded_by_name} " · " <Time when=When::Day(evaluation.evaluated_on) /></p>
                        <dl>
                            <dt>{t.plan.tried_label}</dt><dd class="entry-body">{evaluation.what_was_tried}</dd>
                            <dt>{t.plan.worked_label}</dt><dd class="entry-body">{evaluation.what_worked}</dd>
                            <dt>{t.plan.next_label}</dt><dd class="entry-body">{evaluation.what_next}</dd>
                        </dl>
                    </li>
                }).collect_view()}
            </ol>
        })}
        {staff.then(|| view! {
            <details>
                <summary>{t.plan.edit_measure}</summary>
                <MeasureFields log_id measure=Some(measure.clone()) seed=None members areas t />
            </details>
            <details>
                <summary>{t.plan.evaluations_heading}</summary>
                <KeptForm action=AddEvaluation::url() draft=draft_key(format_args!("evaluation/{id}")) lang=use_lang() class="stacked">
                    <input type="hidden" name="log_id" value=log_id.to_string() />
                    <input type="hidden" name="evaluation[measure_id]" value=id.to_string() />
                    <label for=format!("tried_{id}")>{t.plan.tried_label}</label>
                    <textarea id=format!("tried_{id}") name="evaluation[what_was_tried]" data-field="WhatWasTried" rows="3" required maxlength="8000"></textarea>
                    <label for=format!("worked_{id}")>{t.plan.worked_label}</label>
                    <textarea id=format!("worked_{id}") name="evaluation[what_worked]" data-field="WhatWorked" rows="3" required maxlength="8000"></textarea>
                    <label for=format!("next_{id}")>{t.plan.next_label}</label>
                    <textarea id=format!("next_{id}") name="evaluation[what_next]" data-field="WhatNext" rows="3" required maxlength="8000"></textarea>
                    <label for=format!("evaluated_{id}")>{t.plan.evaluated_on_label}</label>
                    <input id=format!("evaluated_{id}") type="date" name="evaluation[evaluated_on]" data-field="EvaluatedOn" required />
                    <button type="submit" class="button primary">{t.plan.add_evaluation_button}</button>
                </KeptForm>
            </details>
        })}
    }
    .into_any()
}

/// The form creating a measure (`measure: None`, from the decision `seed` if given) or
/// changing one from the version shown.
#[component]
fn MeasureFields(
    log_id: Uuid,
    measure: Option<MeasureView>,
    seed: Option<DecisionSeed>,
    members: Vec<Member>,
    areas: Vec<AreaView>,
    t: &'static Texts,
) -> impl IntoView {
    // A measure from a decision is a draft of its own, apart from a blank new one.
    let key = match (&measure, &seed) {
        (Some(m), _) => m.measure_id.to_string(),
        (None, Some(seed)) => format!("decision-{}", seed.decision_id),
        (None, None) => "new".to_string(),
    };
    let field = {
        let key = key.clone();
        move |name: &str| format!("measure_{name}_{key}")
    };
    let current = measure.clone();
    let chosen_area = current.as_ref().map(|m| m.area_id);
    let chosen_goal = current.as_ref().and_then(|m| m.goal_id);
    let chosen_person = current.as_ref().map(|m| m.responsible_id);
    let chosen_status = current
        .as_ref()
        .map_or(MeasureStatus::Planned, |m| m.status);
    view! {
        <KeptForm action=SaveMeasure::url() draft=draft_key(format_args!("measure/{log_id}/{key}")) lang=use_lang() class="stacked">
            <input type="hidden" name="log_id" value=log_id.to_string() />
            {current.as_ref().map(|m| view! {
                <input type="hidden" name="measure[measure_id]" value=m.measure_id.to_string() />
                <input type="hidden" name="measure[version]" value=m.version.to_string() />
            })}
            {seed.as_ref().map(|seed| view! {
                <input type="hidden" name="measure[decision_id]" value=seed.decision_id.to_string() />
                <p class="hint"><Dated when=When::Moment(seed.meeting_starts_at) sentence=t.plan.from_decision /></p>
            })}
            <label for=field("title")>{t.plan.title_label}</label>
            <input id=field("title") name="measure[title]" data-field="Title" required minlength="2" maxlength="300"
                value=current.as_ref().map(|m| m.title.clone()) />
            <label for=field("description")>{t.plan.description_label}</label>
            <textarea id=field("description") name="measure[description]" data-field="Description" rows="3" maxlength="8000">
                {current.as_ref().and_then(|m| m.description.clone()).or_else(|| seed.as_ref().map(|s| s.text.clone()))}
            </textarea>
            <label for=field("area")>{t.plan.area_label}</label>
            <select id=field("area") name="measure[area_id]" data-field="DevelopmentArea">
                {areas.iter().map(|area| view! {
                    <option value=area.area_id.to_string() selected=chosen_area == Some(area.area_id)>{area.title.clone()}</option>
                }).collect_view()}
            </select>
            <label for=field("goal")>{t.plan.goal_label}</label>
            <select id=field("goal") name="measure[goal_id]" data-field="Goal">
                <option value="">{t.plan.no_goal}</option>
                {areas.iter().flat_map(|area| area.goals.iter().map(move |goal| (area, goal))).map(|(area, goal)| view! {
                    <option value=goal.goal_id.to_string() selected=chosen_goal == Some(goal.goal_id)>
                        {format!("{} – {}", area.title, goal.title)}
                    </option>
                }).collect_view()}
            </select>
            <label for=field("responsible")>{t.plan.responsible_label}</label>
            <select id=field("responsible") name="measure[responsible_id]" data-field="Responsible">
                {members.iter().map(|member| view! {
                    <option value=member.person_id.to_string() selected=chosen_person == Some(member.person_id)>
                        {member_label(member, t)}
                    </option>
                }).collect_view()}
            </select>
            <label for=field("start")>{t.plan.start_label}</label>
            <input id=field("start") type="date" name="measure[start_date]" data-field="StartDate" required
                value=current.as_ref().map(|m| m.start_date.to_string()) />
            <label for=field("evaluation")>{t.plan.evaluation_label}</label>
            <input id=field("evaluation") type="date" name="measure[evaluation_date]" data-field="EvaluationDate" required
                value=current.as_ref().map(|m| m.evaluation_date.to_string()) />
            <label for=field("status")>{t.plan.status_label}</label>
            <select id=field("status") name="measure[status]" data-field="MeasureStatus">
                {MeasureStatus::ALL.into_iter().map(|status| view! {
                    <option value=status.code() selected=status == chosen_status>{(t.plan.status)(status)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button primary">{t.plan.save_measure}</button>
        </KeptForm>
    }
    .into_any()
}

/// "Ida Brekke (Helsestasjon)" or "Kari Nilsen (foresatt)".
pub(crate) fn member_label(member: &Member, t: &'static Texts) -> String {
    match &member.unit_name {
        Some(unit) => format!("{} ({unit})", member.name),
        None => format!("{} ({})", member.name, (t.plan.role)(member.role)),
    }
}
