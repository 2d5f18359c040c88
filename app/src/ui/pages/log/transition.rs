//! A log's transition to a receiving unit: where it stands (for the family on the consents
//! page and the holder on the holder page), and for the holder starting or calling it off.

use crate::api::transition::{CancelTransition, StartTransition};
use crate::domain::transition::{Stage, TransitionKind};
use crate::i18n::{use_lang, Texts};
use crate::model::transition::{ReceivingUnit, TransitionOverview, TransitionState};
use crate::ui::components::kept_form::{draft_key, KeptForm};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

/// The transition running, and for the holder the form to start one or the button to call
/// it off.
#[component]
pub fn TransitionSection(log_id: Uuid, overview: TransitionOverview) -> impl IntoView {
    let t = use_lang().texts();
    let tt = &t.transition;
    let running = overview
        .current
        .as_ref()
        .is_some_and(|current| current.stage != Stage::Done);
    view! {
        <section class="card" aria-labelledby="transition">
            <h2 id="transition">{tt.heading}</h2>
            {overview.current.map(|current| view! {
                <TransitionStatus current />
                {running.then(|| view! {
                    <form method="post" action=CancelTransition::url()>
                        <input type="hidden" name="log_id" value=log_id.to_string() />
                        <button type="submit" class="button secondary">{tt.cancel_button}</button>
                    </form>
                })}
            })}
            {overview.can_start.then(|| view! {
                <StartForm log_id units=overview.receiving_units t />
            })}
        </section>
    }
}

/// Where the transition stands, in words: from where to where and when, what waits, and
/// whether the sending unit stays.
#[component]
pub fn TransitionStatus(current: TransitionState) -> impl IntoView {
    let lang = use_lang();
    let tt = &lang.texts().transition;
    let day = lang.dates().date(current.transfer_on);
    let to = if current.kind == TransitionKind::Moving {
        format!("{} ({})", current.to_unit, current.to_municipality)
    } else {
        current.to_unit.clone()
    };
    let status = (tt.status)(
        current.stage,
        &current.to_unit,
        current.offered_to.as_deref(),
    );
    let consented = !matches!(current.stage, Stage::WaitingForConsent);
    view! {
        <div class="transition-status">
            <p><strong>{(tt.kind)(current.kind)}</strong></p>
            <p>{(tt.summary)(&current.from_unit, &to, &day)}</p>
            <p role="status" class=if consented { "alert success" } else { "alert info" }>{status}</p>
            {consented.then(|| view! { <p class="hint">{(tt.keeps)(current.keep_sending, &current.from_unit)}</p> })}
            {current.message.map(|message| view! { <blockquote>{message}</blockquote> })}
        </div>
    }
}

#[component]
fn StartForm(log_id: Uuid, units: Vec<ReceivingUnit>, t: &'static Texts) -> impl IntoView {
    let tt = &t.transition;
    // The units grouped by municipality, in the order the server sorted them.
    let mut groups: Vec<(String, Vec<ReceivingUnit>)> = Vec::new();
    for unit in units {
        match groups.last_mut() {
            Some((municipality, members)) if *municipality == unit.municipality => {
                members.push(unit)
            }
            _ => groups.push((unit.municipality.clone(), vec![unit])),
        }
    }
    view! {
        <p class="hint">{tt.intro}</p>
        <KeptForm action=StartTransition::url() draft=draft_key(format_args!("transition/{log_id}")) lang=use_lang() class="stacked">
            <input type="hidden" name="log_id" value=log_id.to_string() />
            <label for="transition_kind">{tt.kind_label}</label>
            <select id="transition_kind" name="kind" data-field="TransitionKind" required>
                <option value="">{tt.choose}</option>
                {TransitionKind::ALL.into_iter().map(|kind| view! {
                    <option value=kind.code()>{(tt.kind)(kind)}</option>
                }).collect_view()}
            </select>
            <label for="transition_unit">{tt.unit_label}</label>
            <select id="transition_unit" name="to_unit" data-field="TransitionUnit" required>
                <option value="">{tt.choose}</option>
                {groups.into_iter().map(|(municipality, units)| view! {
                    <optgroup label=municipality>
                        {units.into_iter().map(|unit| view! {
                            <option value=unit.unit_id.to_string()>{unit.name}</option>
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
            <label for="transition_date">{tt.date_label}</label>
            <input id="transition_date" type="date" name="transfer_on" data-field="TransitionDate" required />
            <label for="transition_message">{tt.message_label}</label>
            <p class="hint" id="transition-message-hint">{tt.message_hint}</p>
            <textarea id="transition_message" name="message" rows="3" maxlength="2000" data-field="TransitionMessage" aria-describedby="transition-message-hint"></textarea>
            <button type="submit" class="button primary">{tt.start_button}</button>
        </KeptForm>
    }
}
