//! The directory's filter and list. The server renders every unit, those of other kinds
//! `hidden`, so without JavaScript the filter is a plain GET form. Once hydrated, choosing a
//! kind shows and hides the units at once and keeps the URL in step, without a reload.
//!
//! The island only shows and hides what the server rendered, rather than rendering the list
//! itself: the units, their contact markup and most of the texts then stay out of the WASM.

use crate::domain::service_kind::ServiceKind;
use crate::i18n::{DirectoryTexts, Lang};
use crate::model::directory::UnitSummary;
use crate::ui::components::contact::Contact;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[component]
pub fn DirectoryBrowser(
    units: Vec<UnitSummary>,
    initial_kind: Option<ServiceKind>,
    lang: Lang,
) -> impl IntoView {
    let t = lang.directory();
    let shows = move |kind| initial_kind.is_none_or(|chosen| chosen == kind);
    let shown = units.iter().filter(|unit| shows(unit.kind)).count();
    let total = units.len();
    view! {
        <DirectoryFilter lang>
            <form class="filter" method="get" action="/">
                <label for="kind">{t.filter_label}</label>
                <select id="kind" name="kind">
                    <option value="" selected=initial_kind.is_none()>{t.filter_all}</option>
                    {ServiceKind::ALL
                        .into_iter()
                        .map(|option| {
                            view! {
                                <option value=option.code() selected=initial_kind == Some(option)>
                                    {(t.kind)(option)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="button primary">{t.filter_submit}</button>
            </form>
            <p class="count" role="status">{(t.showing)(shown, total)}</p>
            <ul class="units" aria-label=t.units_list_label>
                {units
                    .into_iter()
                    .map(|unit| {
                        let href = format!("/units/{}", unit.unit_id);
                        let kind = unit.kind;
                        view! {
                            <li class="unit card" data-kind=kind.code() hidden=!shows(kind)>
                                <h2><a href=href>{unit.name.clone()}</a></h2>
                                <p class="kind">{(t.kind)(kind)}</p>
                                <Contact unit t />
                            </li>
                        }
                    })
                    .collect_view()}
                <li class="empty empty-state" hidden={shown > 0}>{t.no_units}</li>
            </ul>
        </DirectoryFilter>
    }
}

/// Filters the units rendered inside it (`li.unit[data-kind]`) by the kind chosen.
#[island]
fn DirectoryFilter(lang: Lang, children: Children) -> impl IntoView {
    let t = lang.directory();
    let root = NodeRef::<leptos::html::Div>::new();
    let on_change = move |event| {
        let code = event_target_value(&event);
        if let Some(root) = root.get_untracked() {
            show_kind(&root, &code, t);
        }
        replace_query(&code);
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| event.prevent_default();
    view! {
        <div node_ref=root on:change=on_change on:submit=on_submit>
            {children()}
        </div>
    }
}

/// Shows the units of the kind with `code` (every unit for ""), and says how many.
fn show_kind(root: &Element, code: &str, t: &'static DirectoryTexts) {
    let Ok(units) = root.query_selector_all("li.unit") else {
        return;
    };
    let total = units.length() as usize;
    let mut shown = 0;
    for unit in (0..units.length()).filter_map(|n| units.item(n)?.dyn_into::<Element>().ok()) {
        let show = code.is_empty() || unit.get_attribute("data-kind").as_deref() == Some(code);
        // Toggling `hidden` only fails for an invalid name.
        let _ = unit.toggle_attribute_with_force("hidden", !show);
        shown += usize::from(show);
    }
    if let Ok(Some(count)) = root.query_selector(".count") {
        count.set_text_content(Some(&(t.showing)(shown, total)));
    }
    if let Ok(Some(empty)) = root.query_selector("li.empty") {
        let _ = empty.toggle_attribute_with_force("hidden", shown > 0);
    }
}

/// Keeps the address bar in step with the filter so a reload or a shared link shows the same.
fn replace_query(code: &str) {
    let url = if code.is_empty() {
        "/".to_string()
    } else {
        format!("/?kind={code}")
    };
    if let Ok(history) = window().history() {
        // A failure only leaves the old URL in the address bar; the list is already right.
        let _ =
            history.replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
