//! "Notifications on this device", on the person's page. Push is all browser work (the
//! permission, the service worker's push manager, the subscription), so `/push.js` does it
//! rather than the WASM: it finds the section by `data-push`, asks `push_status`, shows the
//! state and the button, and turns notices on (`turn_on_push`) and off (`turn_off_push`).
//! The section carries the texts of every state in the page's language. Push needs
//! JavaScript: without it the section says only what it is.

use crate::i18n::use_lang;
use leptos::prelude::*;

#[component]
pub fn PushNotices() -> impl IntoView {
    let t = use_lang().push();
    view! {
        <section class="card push-notices" aria-labelledby="push-heading" data-push>
            <h2 id="push-heading">{t.heading}</h2>
            <p class="hint">{t.intro}</p>
            <p role="status" data-push-status data-unsupported=t.unsupported data-denied=t.denied
                data-off=t.off data-on=t.on></p>
            <button type="button" class="button secondary" data-push-toggle hidden
                data-turn-on=t.turn_on data-turn-off=t.turn_off>
                {t.turn_on}
            </button>
            <p class="alert error" role="alert" data-push-failed hidden>{t.failed}</p>
            <script src="/push.js" defer></script>
        </section>
    }
}
