use crate::api::directory::UnitSummary;
use crate::domain::service_kind::ServiceKind;
use crate::i18n::Lang;
use crate::ui::components::contact::Contact;
use leptos::prelude::*;

/// The directory's filter and list. Without JavaScript the filter is a plain GET form; once
/// hydrated, choosing a kind filters at once and keeps the URL in step, without a reload.
#[island]
pub fn DirectoryBrowser(
    units: Vec<UnitSummary>,
    initial_kind: Option<ServiceKind>,
    lang: Lang,
) -> impl IntoView {
    let t = lang.directory();
    let kind = RwSignal::new(initial_kind);
    let total = units.len();
    let units = StoredValue::new(units);
    let shown = move || {
        units.with_value(|units| {
            units
                .iter()
                .filter(|unit| kind.get().is_none_or(|kind| unit.kind == kind))
                .cloned()
                .collect::<Vec<_>>()
        })
    };

    let on_change = move |event| {
        let code = event_target_value(&event);
        kind.set(ServiceKind::from_code(&code));
        replace_query(&code);
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| event.prevent_default();

    view! {
        <form class="filter" method="get" action="/" on:submit=on_submit>
            <label for="kind">{t.filter_label}</label>
            <select id="kind" name="kind" on:change=on_change>
                <option value="" selected=move || kind.get().is_none()>{t.filter_all}</option>
                {ServiceKind::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=option.code() selected=move || kind.get() == Some(option)>
                                {(t.kind)(option)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="submit">{t.filter_submit}</button>
        </form>
        <p class="count" role="status">{move || (t.showing)(shown().len(), total)}</p>
        <ul class="units" aria-label=t.units_list_label>
            {move || {
                let shown = shown();
                if shown.is_empty() {
                    view! { <li class="empty">{t.no_units}</li> }.into_any()
                } else {
                    shown
                        .into_iter()
                        .map(|unit| {
                            let href = format!("/units/{}", unit.unit_id);
                            view! {
                                <li class="unit">
                                    <h2><a href=href>{unit.name.clone()}</a></h2>
                                    <p class="kind">{(t.kind)(unit.kind)}</p>
                                    <Contact unit t />
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
        </ul>
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
