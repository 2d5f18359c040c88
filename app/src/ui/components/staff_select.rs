//! A choice of the municipality's staff, each in their unit, sent as "<unit id>/<person id>"
//! in the field `to`.

use crate::i18n::Texts;
use crate::model::log::StaffChoice;
use leptos::prelude::*;

#[component]
pub fn StaffSelect(
    id: &'static str,
    label: &'static str,
    staff: Vec<StaffChoice>,
    t: &'static Texts,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select id=id name="to" required>
            <option value="">{t.baton.choose}</option>
            {staff.into_iter().map(|choice| view! {
                <option value=choice.value()>{choice.label()}</option>
            }).collect_view()}
        </select>
    }
}
