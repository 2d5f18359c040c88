//! `/logs/<id>/holder`: who holds the log and who held it before; for the holder, passing
//! the baton on (or withdrawing the offer); for a leader of the unit, appointing a holder.

use super::shared::{log_id_param, refusal};
use super::transition::TransitionSection;
use crate::api::baton::{log_holders, AppointHolder, OfferBaton, WithdrawBatonOffer};
use crate::api::log::staff_choices;
use crate::api::transition::log_transition;
use crate::i18n::{use_lang, Texts};
use crate::model::baton::{HolderRecord, Holders, OfferState};
use crate::model::error::ApiError;
use crate::model::log::StaffChoice;
use crate::ui::components::form_error::FormError;
use crate::ui::components::staff_select::StaffSelect;
use crate::ui::components::when::{Time, When};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use uuid::Uuid;

#[component]
pub fn HolderPage() -> impl IntoView {
    let t = use_lang().texts();
    let log_id = log_id_param();
    let data = Resource::new(
        move || log_id,
        |log_id| async move {
            let log_id = log_id.ok_or(ApiError::NotFound)?;
            let holders = log_holders(log_id).await?;
            let staff = if holders.can_pass || holders.can_appoint {
                staff_choices().await?
            } else {
                Vec::new()
            };
            let transition = if holders.can_pass {
                Some(log_transition(log_id).await?)
            } else {
                None
            };
            Ok::<_, ApiError>((log_id, holders, staff, transition))
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((log_id, holders, staff, transition)) => view! {
                        <Holder log_id holders staff t />
                        {transition.map(|overview| view! { <TransitionSection log_id overview /> })}
                    }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Holder(
    log_id: Uuid,
    holders: Holders,
    staff: Vec<StaffChoice>,
    t: &'static Texts,
) -> impl IntoView {
    let b = &t.baton;
    let title = (b.page_title)(&holders.child_name);
    let waiting = holders.offer.as_ref().is_some_and(|offer| offer.pending);
    let staff = StoredValue::new(staff);
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="screen-only"><a href=format!("/logs/{log_id}")>{t.log.open_log}</a></p>
        <FormError />
        {holders.offer.map(|offer| view! { <Offer offer log_id can_withdraw=holders.can_pass t /> })}
        {(holders.can_pass && !waiting).then(|| view! {
            <section class="card" aria-labelledby="pass">
                <h2 id="pass">{b.pass_heading}</h2>
                <p class="hint">{b.pass_intro}</p>
                <form class="stacked" method="post" action=OfferBaton::url()>
                    <input type="hidden" name="log_id" value=log_id.to_string() />
                    <StaffSelect id="to" label=b.to_label staff=staff.get_value() t />
                    <label for="message">{b.message_label}</label>
                    <p class="hint" id="message-hint">{b.message_hint}</p>
                    <textarea id="message" name="message" rows="3" maxlength="2000" aria-describedby="message-hint"></textarea>
                    <button type="submit" class="button primary">{b.offer_button}</button>
                </form>
            </section>
        })}
        {holders.can_appoint.then(|| view! {
            <section class="card" aria-labelledby="appoint">
                <h2 id="appoint">{b.appoint_heading}</h2>
                <p class="hint">{b.appoint_intro}</p>
                <form class="stacked" method="post" action=AppointHolder::url()>
                    <input type="hidden" name="log_id" value=log_id.to_string() />
                    <StaffSelect id="appointed" label=b.to_label staff=staff.get_value() t />
                    <button type="submit" class="button secondary">{b.appoint_button}</button>
                </form>
            </section>
        })}
        <h2>{b.history_heading}</h2>
        <ol class="cards">
            {holders.history.into_iter().map(|record| view! { <HolderLine record t /> }).collect_view()}
        </ol>
    }
}

/// The latest offer: waiting (which the holder may withdraw), or declined and why.
#[component]
fn Offer(offer: OfferState, log_id: Uuid, can_withdraw: bool, t: &'static Texts) -> impl IntoView {
    let b = &t.baton;
    if offer.pending {
        view! {
            <div class="alert info" role="status">
                <p>{(b.waiting)(&offer.to_name, &offer.to_unit)} " " <Time when=When::Near(offer.offered_at) /></p>
                {can_withdraw.then(|| view! {
                    <form method="post" action=WithdrawBatonOffer::url()>
                        <input type="hidden" name="log_id" value=log_id.to_string() />
                        <button type="submit" class="button secondary">{b.withdraw_button}</button>
                    </form>
                })}
            </div>
        }
        .into_any()
    } else {
        let reason = offer.reason.unwrap_or_default();
        view! {
            <p class="alert warning" role="status">{(b.declined)(&offer.to_name, &reason)}</p>
        }
        .into_any()
    }
}

#[component]
fn HolderLine(record: HolderRecord, t: &'static Texts) -> impl IntoView {
    let b = &t.baton;
    let dates = use_lang().dates();
    let from = dates.moment(record.started_at);
    let to = record.ended_at.map(|at| dates.moment(at));
    let current = record.ended_at.is_none();
    view! {
        <li class="card">
            <p>
                <strong>{record.name}</strong> ", " {record.unit_name}
                {current.then(|| view! { " " <span class="badge success">{b.holds_now}</span> })}
            </p>
            <p class="hint">
                {(b.held)(&from, to.as_deref())}
                {record.appointed.then(|| format!(" · {}", b.appointed))}
            </p>
        </li>
    }
}
