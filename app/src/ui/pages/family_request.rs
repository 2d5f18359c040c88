//! `/ask-for-log`: a family asks for a log themselves (a guardian for a child they have
//! parental responsibility for, a youth from 15 for themself), and follows their requests.

use crate::api::directory::list_units;
use crate::api::family_request::{family_request_choices, my_family_requests, AskForLog};
use crate::i18n::{use_lang, Lang};
use crate::model::directory::UnitSummary;
use crate::model::error::ApiError;
use crate::model::family_request::{MyFamilyRequest, RequestChoice};
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::KeptForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn AskForLogPage() -> impl IntoView {
    let lang = use_lang();
    let t = &lang.texts().request;
    let data = Resource::new(
        || (),
        |_| async move {
            let choices = family_request_choices().await?;
            let units = list_units(None).await?;
            let mine = my_family_requests().await?;
            Ok::<_, ApiError>((choices, units, mine))
        },
    );
    view! {
        <Title text=t.title />
        <h1>{t.title}</h1>
        <p class="lead">{t.intro}</p>
        <FormError />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((choices, units, mine)) => view! {
                        <AskForm choices units lang />
                        <h2>{t.mine_heading}</h2>
                        <MyRequests mine lang />
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AskForm(choices: Vec<RequestChoice>, units: Vec<UnitSummary>, lang: Lang) -> impl IntoView {
    let t = &lang.texts().request;
    if choices.is_empty() {
        return view! { <p class="empty-state">{t.no_choices}</p> }.into_any();
    }
    view! {
        // Sent in place, so a refusal leaves what they wrote in the form; no draft is kept on
        // the device, as the choices carry national identity numbers.
        <KeptForm action=AskForLog::url() lang class="stacked card">
            <label for="child">{t.child_label}</label>
            <select id="child" name="child" required data-field="RequestChild">
                {choices.into_iter().map(|choice| view! {
                    <option value=choice.key>{(t.choice)(&choice.name, choice.age, choice.themself)}</option>
                }).collect_view()}
            </select>
            <label for="unit_id">{t.unit_label}</label>
            <select id="unit_id" name="unit_id" required data-field="RequestUnit">
                <option value="">{t.choose}</option>
                {units.into_iter().map(|unit| view! {
                    <option value=unit.unit_id.to_string()>{unit.name}</option>
                }).collect_view()}
            </select>
            <label for="about">{t.about_label}</label>
            <p class="hint" id="about-hint">{t.about_hint}</p>
            <textarea id="about" name="about" rows="5" required maxlength="4000" aria-describedby="about-hint" data-field="RequestAbout"></textarea>
            <button type="submit" class="button primary">{t.send}</button>
        </KeptForm>
    }
    .into_any()
}

#[component]
fn MyRequests(mine: Vec<MyFamilyRequest>, lang: Lang) -> impl IntoView {
    let t = &lang.texts().request;
    if mine.is_empty() {
        return view! { <p class="empty-state">{t.none_yet}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {mine.into_iter().map(|request| view! {
                <li class="card">
                    <h3>{request.child_name}</h3>
                    <p class="hint">{(t.asked_on)(&lang.dates().date(request.requested_at.date()))}</p>
                    {match (request.log_id, request.holder_name) {
                        (Some(log_id), Some(holder)) => view! {
                            <p role="status" class="alert success">{(t.appointed)(&holder)}</p>
                            <p><a class="button primary" href=format!("/logs/{log_id}/consents")>{t.give_consent}</a></p>
                        }.into_any(),
                        _ => view! { <p class="alert info">{(t.waiting)(&request.unit_name)}</p> }.into_any(),
                    }}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
