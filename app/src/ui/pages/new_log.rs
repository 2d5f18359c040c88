//! `/logs/new`: a member of staff looks the child up in the population register by national
//! identity number, sees the child's name and age and the guardians as the register has
//! them, and asks for consent to a log with chosen services. Nobody types who the guardians
//! are.

use crate::api::log::{child_lookup, staff_choices, LookUpChild, RequestLog};
use crate::i18n::{use_lang, Texts};
use crate::model::error::{ApiError, Field};
use crate::model::identity::StaffUnit;
use crate::model::log::{LookedUpChild, StaffChoice};
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::KeptForm;
use crate::ui::status::set_status;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

#[component]
pub fn NewLogPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let units = crate::api::identity::use_identity()
        .map(|identity| identity.staff_units)
        .unwrap_or_default();
    let lookup = use_query_map()
        .with_untracked(|query| query.get("lookup").and_then(|id| Uuid::parse_str(&id).ok()));
    let found = Resource::new(
        move || lookup,
        |lookup| async move {
            match lookup {
                None => Ok(None),
                Some(lookup_id) => {
                    let child = child_lookup(lookup_id).await?;
                    Ok::<_, ApiError>(Some((child, staff_choices().await?)))
                }
            }
        },
    );
    view! {
        <Title text=t.log.new_log_title />
        <h1>{t.log.new_log_title}</h1>
        <FormError />
        <Suspense>
            {move || {
                let units = units.clone();
                Suspend::new(async move {
                    match found.await {
                        Ok(Some((child, staff))) => view! {
                            <RequestForm child staff units t />
                        }.into_any(),
                        Ok(None) => view! { <LookupForm units t /> }.into_any(),
                        // The lookup is too old or not theirs, or the register is down: say
                        // so, and offer a new lookup.
                        Err(error) => {
                            set_status(error.status());
                            view! {
                                <p role="alert" class="alert error">{t.form.explain(error)}</p>
                                <LookupForm units t />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// The first step: the child's national identity number. Sent in place once hydrated
/// (`KeptForm` without a draft key: the number is never kept on the device).
#[component]
fn LookupForm(units: Vec<StaffUnit>, t: &'static Texts) -> impl IntoView {
    view! {
        <p class="lead">{t.log.new_log_intro}</p>
        <KeptForm action=LookUpChild::url() lang=use_lang() class="stacked">
            <label for="national_id">{t.log.national_id}</label>
            <input id="national_id" name="national_id" type="text" inputmode="numeric"
                autocomplete="off" maxlength="13" required
                data-field=format!("{:?}", Field::ChildNationalId) />
            <label for="holder_unit">{t.log.holder_unit_label}</label>
            <select id="holder_unit" name="unit_id" data-field="HolderUnit">
                {units.into_iter().map(|unit| view! {
                    <option value=unit.unit_id.to_string()>{unit.unit_name}</option>
                }).collect_view()}
            </select>
            <p class="hint">{t.log.lookup_note}</p>
            <button type="submit" class="button primary">{t.log.lookup_button}</button>
        </KeptForm>
    }
}

/// The second step: the child as the register has them, and the services to involve.
#[component]
fn RequestForm(
    child: LookedUpChild,
    staff: Vec<StaffChoice>,
    units: Vec<StaffUnit>,
    t: &'static Texts,
) -> impl IntoView {
    let unit_name = units
        .iter()
        .find(|unit| unit.unit_id == child.unit_id)
        .map(|unit| unit.unit_name.clone())
        .unwrap_or_default();
    let service_options = move || {
        staff
            .iter()
            .map(|choice| view! { <option value=choice.value()>{choice.label()}</option> })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="child-heading">
            <h2 id="child-heading">{(t.log.child_and_age)(&child.child_name, child.age)}</h2>
            <h3>{t.log.guardians_heading}</h3>
            <ul>
                {child.guardians.into_iter().map(|guardian| view! {
                    <li>
                        {guardian.name} " – "
                        {if guardian.has_parental_responsibility {
                            t.log.with_responsibility
                        } else {
                            t.log.without_responsibility
                        }}
                    </li>
                }).collect_view()}
            </ul>
            {child.both_must_consent.then(|| view! { <p>{t.log.both_must_consent}</p> })}
            <p class="hint">{t.log.from_register}</p>
        </section>
        <KeptForm action=RequestLog::url() lang=use_lang() class="stacked">
            <input type="hidden" name="request[lookup_id]" value=child.lookup_id.to_string() />
            <p>{t.log.holder_unit_label} " " <strong>{unit_name}</strong></p>
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
        <p><a href="/logs/new">{t.log.another_child}</a></p>
    }
}
