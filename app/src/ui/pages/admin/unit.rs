//! A unit's administration: its details, its staff (leaders, administrators, ending a
//! membership) and adding a member of staff.

use crate::api::admin::{
    unit_for_admin, AddStaff, EndMembership, SaveUnit, SetAdministrator, SetUnitLeader,
};
use crate::domain::service_kind::ServiceKind;
use crate::i18n::{use_lang, Texts};
use crate::model::admin::{AdminMember, AdminUnit};
use crate::model::error::{ApiError, Field};
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::{draft_key, KeptForm};
use crate::ui::pages::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// `/admin/units/new`: a new unit or service of the municipality.
#[component]
pub fn NewUnitPage() -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <Title text=t.admin.new_unit_title />
        <p class="breadcrumb"><a href="/admin">{t.admin.back}</a></p>
        <h1>{t.admin.new_unit_title}</h1>
        <FormError />
        <UnitForm unit=None t />
    }
}

/// `/admin/units/<id>`: one unit of the municipality; 404 for any other.
#[component]
pub fn UnitAdminPage() -> impl IntoView {
    let t = use_lang().texts();
    let unit_id = use_params_map()
        .with_untracked(|p| p.get("unit_id").and_then(|id| Uuid::parse_str(&id).ok()));
    let unit = Resource::new(
        move || unit_id,
        |unit_id| async move {
            match unit_id {
                Some(unit_id) => unit_for_admin(unit_id).await,
                None => Err(ApiError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match unit.await {
                    Ok(unit) => {
                        let members = unit.members.clone();
                        let unit_id = unit.unit_id;
                        view! {
                            <Title text=unit.name.clone() />
                            <p class="breadcrumb"><a href="/admin">{t.admin.back}</a></p>
                            <h1>{unit.name.clone()}</h1>
                            <FormError />
                            <h2>{t.admin.staff_heading}</h2>
                            <Members unit_id members t />
                            <AddStaffForm unit_id t />
                            <h2>{t.admin.unit_details}</h2>
                            <UnitForm unit=Some(unit) t />
                        }.into_any()
                    }
                    Err(ApiError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A text field of a unit form: label, control, and the field its errors name.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    field: Field,
    value: String,
    #[prop(optional)] required: bool,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input id=id name=format!("unit[{id}]") type=kind value=value required=required
            autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
            data-field=format!("{field:?}") />
    }
}

/// The unit's details, kind and whether it shares health information; new without `unit`.
#[component]
fn UnitForm(unit: Option<AdminUnit>, t: &'static Texts) -> impl IntoView {
    let a = &t.admin;
    let draft = draft_key(format!(
        "unit/{}",
        unit.as_ref()
            .map_or("new".to_string(), |unit| unit.unit_id.to_string())
    ));
    let unit_id = unit.as_ref().map(|unit| unit.unit_id.to_string());
    let kind = unit.as_ref().map(|unit| unit.kind);
    let value = |get: fn(&AdminUnit) -> String| unit.as_ref().map(get).unwrap_or_default();
    let name = value(|u| u.name.clone());
    let description = value(|u| u.description.clone().unwrap_or_default());
    let phone = value(|u| u.phone.clone());
    let email = value(|u| u.email.clone());
    let street_address = value(|u| u.street_address.clone());
    let postal_code = value(|u| u.postal_code.clone());
    let postal_place = value(|u| u.postal_place.clone());
    let website = value(|u| u.website.clone().unwrap_or_default());
    let shares = unit
        .as_ref()
        .is_some_and(|unit| unit.shares_health_information);
    view! {
        <KeptForm action=SaveUnit::url() draft lang=use_lang() class="stacked card">
            {unit_id.map(|id| view! { <input type="hidden" name="unit[unit_id]" value=id /> })}
            <label for="kind">{a.kind_label}</label>
            <select id="kind" name="unit[kind]" data-field=format!("{:?}", Field::UnitKind)>
                {ServiceKind::ALL.into_iter().map(|choice| view! {
                    <option value=choice.code() selected=kind == Some(choice)>{(t.directory.kind)(choice)}</option>
                }).collect_view()}
            </select>
            <TextField id="name" label=a.name_label field=Field::UnitName required=true
                value=name autocomplete="organization" />
            <label for="description">{a.description_label}</label>
            <textarea id="description" name="unit[description]" rows="3"
                data-field=format!("{:?}", Field::Description)>
                {description}
            </textarea>
            <TextField id="phone" label=a.phone_label field=Field::Phone required=true kind="tel"
                value=phone />
            <TextField id="email" label=a.email_label field=Field::Email required=true kind="email"
                value=email />
            <TextField id="street_address" label=a.street_label field=Field::StreetAddress required=true
                value=street_address />
            <TextField id="postal_code" label=a.postal_code_label field=Field::PostalCode required=true
                value=postal_code />
            <TextField id="postal_place" label=a.postal_place_label field=Field::PostalPlace required=true
                value=postal_place />
            <TextField id="website" label=a.website_label field=Field::Website kind="url"
                value=website />
            <label class="check">
                <input type="checkbox" name="unit[shares_health_information]" value="true"
                    checked=shares aria-describedby="shares-hint" />
                " " {a.shares_health_label}
            </label>
            <p class="hint" id="shares-hint">{a.shares_health_hint}</p>
            <button type="submit" class="button primary">{a.save_unit}</button>
        </KeptForm>
    }
}

/// The unit's staff, each with what the administrator can change: a card each, which fits a
/// phone as well as a desk.
#[component]
fn Members(unit_id: Uuid, members: Vec<AdminMember>, t: &'static Texts) -> impl IntoView {
    if members.is_empty() {
        return view! { <p class="empty-state">{t.admin.no_staff}</p> }.into_any();
    }
    view! {
        <ul class="plain" aria-label=t.admin.staff_heading>
            {members.into_iter().map(|member| view! { <Member unit_id member t /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Member(unit_id: Uuid, member: AdminMember, t: &'static Texts) -> impl IntoView {
    let a = &t.admin;
    let unit = unit_id.to_string();
    let person = member.person_id.to_string();
    let name = member.name.clone();
    // Each button names the person too, for a screen reader's list of buttons.
    let labelled = move |action: &str| format!("{action}: {name}");
    let leader = if member.is_unit_leader {
        a.unmake_leader
    } else {
        a.make_leader
    };
    let administrator = if member.is_administrator {
        a.unmake_admin
    } else {
        a.make_admin
    };
    view! {
        <li class="card">
            <h3>{member.name.clone()}</h3>
            {(member.is_unit_leader || member.is_administrator).then(|| view! {
                <p>
                    {member.is_unit_leader.then(|| view! { <span class="badge success">{a.unit_leader_badge}</span> " " })}
                    {member.is_administrator.then(|| view! { <span class="badge neutral">{a.administrator_badge}</span> })}
                </p>
            })}
            <p>
                {member.email.clone()}
                {member.phone.clone().map(|phone| view! { " · " {phone} })}
            </p>
            {member.leaving_since.is_some().then(|| view! {
                <p><span class="badge warning">{a.leaving}</span></p>
            })}
            <div class="actions">
                <form method="post" action=SetUnitLeader::url()>
                    <input type="hidden" name="unit_id" value=unit.clone() />
                    <input type="hidden" name="person_id" value=person.clone() />
                    {(!member.is_unit_leader).then(|| view! { <input type="hidden" name="unit_leader" value="true" /> })}
                    <button type="submit" class="button secondary" aria-label=labelled(leader)>{leader}</button>
                </form>
                <form method="post" action=SetAdministrator::url()>
                    <input type="hidden" name="person_id" value=person.clone() />
                    {(!member.is_administrator).then(|| view! { <input type="hidden" name="administrator" value="true" /> })}
                    <button type="submit" class="button secondary" aria-label=labelled(administrator)>{administrator}</button>
                </form>
                {member.leaving_since.is_none().then(|| view! {
                    <form method="post" action=EndMembership::url()>
                        <input type="hidden" name="unit_id" value=unit />
                        <input type="hidden" name="person_id" value=person />
                        <button type="submit" class="button danger" aria-label=labelled(a.end_membership)>
                            {a.end_membership}
                        </button>
                    </form>
                })}
            </div>
        </li>
    }
}

/// Adds a member of staff by national identity number. No draft: the number is never kept
/// on the device.
#[component]
fn AddStaffForm(unit_id: Uuid, t: &'static Texts) -> impl IntoView {
    let a = &t.admin;
    let field = |field: Field| format!("{field:?}");
    view! {
        <h3>{a.add_staff_heading}</h3>
        <KeptForm action=AddStaff::url() lang=use_lang() class="stacked card">
            <p class="hint">{a.add_staff_intro}</p>
            <input type="hidden" name="unit_id" value=unit_id.to_string() />
            <label for="staff_national_id">{a.national_id_label}</label>
            <input id="staff_national_id" name="staff[national_id]" type="text" inputmode="numeric"
                autocomplete="off" maxlength="13" required data-field=field(Field::NationalId) />
            <label for="staff_given_name">{a.given_name_label}</label>
            <input id="staff_given_name" name="staff[given_name]" type="text" autocomplete="off"
                required data-field=field(Field::GivenName) />
            <label for="staff_family_name">{a.family_name_label}</label>
            <input id="staff_family_name" name="staff[family_name]" type="text" autocomplete="off"
                required data-field=field(Field::FamilyName) />
            <label for="staff_email">{a.work_email_label}</label>
            <input id="staff_email" name="staff[email]" type="email" autocomplete="off" required
                data-field=field(Field::Email) />
            <label for="staff_phone">{a.phone_label}</label>
            <input id="staff_phone" name="staff[phone]" type="tel" autocomplete="off" required
                data-field=field(Field::Phone) />
            <label class="check">
                <input type="checkbox" name="staff[unit_leader]" value="true" />
                " " {a.unit_leader_label}
            </label>
            <button type="submit" class="button primary">{a.add_staff_button}</button>
        </KeptForm>
    }
}
