//! `/logs/new`: a member of staff registers a child and the guardians (or picks them, if
//! known by national identity number) and asks for consent to a log with chosen services.

use crate::api::error::Field;
use crate::api::identity::StaffUnit;
use crate::api::log::{staff_choices, RequestLog, StaffChoice};
use crate::domain::consent::Residence;
use crate::i18n::{use_lang, Texts};
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::kept_form::KeptForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn NewLogPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let units = crate::ui::signed_in::use_identity()
        .map(|identity| identity.staff_units)
        .unwrap_or_default();
    let staff = Resource::new(|| (), |_| staff_choices());
    view! {
        <Title text=t.log.new_log_title />
        <Suspense>
            {move || {
                let units = units.clone();
                Suspend::new(async move {
                    match staff.await {
                        Ok(staff) => view! {
                            <h1>{t.log.new_log_title}</h1>
                            <p class="lead">{t.log.new_log_intro}</p>
                            <NewLogForm staff units t />
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The form. Without JavaScript it posts and the server sends the browser on; once hydrated
/// (`KeptForm`, keeping nothing: it holds national identity numbers) it is sent in place, so
/// what was typed stays when a field is wrong, and the error stands beside that field.
#[component]
fn NewLogForm(staff: Vec<StaffChoice>, units: Vec<StaffUnit>, t: &'static Texts) -> impl IntoView {
    let field = |name: &'static str, label: &'static str, which: Field, kind: &'static str| {
        let id = name.replace(['[', ']'], "_");
        view! {
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=kind autocomplete="off" data-field=format!("{which:?}") />
        }
    };
    let service_options = move || {
        staff
            .iter()
            .map(|choice| {
                let label = match &choice.job_title {
                    Some(title) => format!("{} – {} ({title})", choice.unit_name, choice.name),
                    None => format!("{} – {}", choice.unit_name, choice.name),
                };
                view! { <option value=format!("{}/{}", choice.unit_id, choice.person_id)>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <KeptForm action=RequestLog::url() lang=use_lang() class="stacked">
            <fieldset>
                <legend>{t.log.child_heading}</legend>
                {field("request[child_given_name]", t.log.given_name, Field::ChildGivenName, "text")}
                {field("request[child_family_name]", t.log.family_name, Field::ChildFamilyName, "text")}
                {field("request[child_national_id]", t.log.national_id, Field::ChildNationalId, "text")}
                {field("request[child_birth_date]", t.log.birth_date, Field::ChildBirthDate, "date")}
            </fieldset>
            <fieldset>
                <legend>{t.log.guardian_heading}</legend>
                {field("request[guardian_given_name]", t.log.given_name, Field::GuardianGivenName, "text")}
                {field("request[guardian_family_name]", t.log.family_name, Field::GuardianFamilyName, "text")}
                {field("request[guardian_national_id]", t.log.national_id, Field::GuardianNationalId, "text")}
                <label class="check">
                    <input type="checkbox" name="request[guardian_responsible]" value="yes" checked />
                    " " {t.log.responsible}
                </label>
            </fieldset>
            <fieldset>
                <legend>{t.log.second_guardian_heading}</legend>
                {field("request[second_guardian_given_name]", t.log.given_name, Field::SecondGuardianGivenName, "text")}
                {field("request[second_guardian_family_name]", t.log.family_name, Field::SecondGuardianFamilyName, "text")}
                {field("request[second_guardian_national_id]", t.log.national_id, Field::SecondGuardianNationalId, "text")}
                <label class="check">
                    <input type="checkbox" name="request[second_guardian_responsible]" value="yes" checked />
                    " " {t.log.responsible}
                </label>
            </fieldset>
            <label for="residence">{t.log.residence_label}</label>
            <select id="residence" name="request[residence]">
                {Residence::ALL.into_iter().map(|residence| view! {
                    <option value=residence.code()>{(t.log.residence)(residence)}</option>
                }).collect_view()}
            </select>
            <label for="holder_unit">{t.log.holder_unit_label}</label>
            <select id="holder_unit" name="request[holder_unit]" data-field="HolderUnit">
                {units.into_iter().map(|unit| view! {
                    <option value=unit.unit_id.to_string()>{unit.unit_name}</option>
                }).collect_view()}
            </select>
            <fieldset id="services" data-field="Services">
                <legend>{t.log.services_heading}</legend>
                <label for="first_service">{t.log.first_service}</label>
                <select id="first_service" name="request[first_service]">
                    {service_options()}
                </select>
                <label for="second_service">{t.log.second_service}</label>
                <select id="second_service" name="request[second_service]">
                    <option value="">{t.log.none_chosen}</option>
                    {service_options()}
                </select>
            </fieldset>
            <button type="submit" class="button primary">{t.log.send_request}</button>
        </KeptForm>
    }
}
