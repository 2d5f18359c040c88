//! On the person's page: the offers of a log's baton waiting for their answer, each to take
//! or to decline with a reason the holder is told.

use crate::api::baton::{baton_offers, AnswerBatonOffer};
use crate::i18n::{use_lang, Texts};
use crate::model::baton::BatonOffer;
use crate::ui::components::when::{Time, When};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn BatonOffers() -> impl IntoView {
    let t = use_lang().texts();
    let offers = Resource::new(|| (), |_| baton_offers());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                // A failure to read them leaves the rest of the page; the list is tried again
                // on the next visit.
                let offers = offers.await.unwrap_or_default();
                (!offers.is_empty()).then(|| view! {
                    <section aria-labelledby="offers">
                        <h2 id="offers">{t.baton.offers_heading}</h2>
                        <ul class="cards">
                            {offers.into_iter().map(|offer| view! { <Offer offer t /> }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

#[component]
fn Offer(offer: BatonOffer, t: &'static Texts) -> impl IntoView {
    let b = &t.baton;
    let reason = format!("reason-{}", offer.offer_id);
    view! {
        <li class="card offer">
            <h3>{(t.log.log_title)(&offer.child_name)}</h3>
            <p class="hint">{(b.offer_from)(&offer.from_name, &offer.from_unit)} " · " <Time when=When::Near(offer.offered_at) /></p>
            {offer.message.map(|message| view! { <blockquote class="entry-body">{message}</blockquote> })}
            <p>{(b.offer_for)(&offer.to_unit)}</p>
            <form method="post" action=AnswerBatonOffer::url()>
                <input type="hidden" name="offer_id" value=offer.offer_id.to_string() />
                <input type="hidden" name="accept" value="true" />
                <button type="submit" class="button primary">{b.accept_button}</button>
            </form>
            <form class="stacked" method="post" action=AnswerBatonOffer::url()>
                <input type="hidden" name="offer_id" value=offer.offer_id.to_string() />
                <label for=reason.clone()>{b.reason_label}</label>
                <textarea id=reason name="reason" rows="2" maxlength="2000" required></textarea>
                <button type="submit" class="button secondary">{b.decline_button}</button>
            </form>
        </li>
    }
}
