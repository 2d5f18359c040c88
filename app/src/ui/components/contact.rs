use crate::i18n::DirectoryTexts;
use crate::model::directory::UnitSummary;
use leptos::prelude::*;

/// A unit's phone, e-mail and address as a description list, with links a phone can act on.
#[component]
pub fn Contact(unit: UnitSummary, t: &'static DirectoryTexts) -> impl IntoView {
    let tel = format!("tel:{}", unit.phone.replace(' ', ""));
    let mailto = format!("mailto:{}", unit.email);
    view! {
        <dl class="contact">
            <dt>{t.phone}</dt>
            <dd><a href=tel>{unit.phone}</a></dd>
            <dt>{t.email}</dt>
            <dd><a href=mailto>{unit.email}</a></dd>
            <dt>{t.address}</dt>
            <dd>{format!("{}, {} {}", unit.street_address, unit.postal_code, unit.postal_place)}</dd>
        </dl>
    }
}
