//! "Notifications on this device", on the person's page: turning push notices on (the
//! browser asks for permission, subscribes with the server's VAPID key, and the subscription
//! goes to `turn_on_push`) and off (unsubscribed, and `turn_off_push`). The server keeps one
//! subscription per login, so "on" means this browser's subscription is the one the server
//! holds for this login. Push needs JavaScript: without it the section says only what it is.

use crate::api::push::{push_status, turn_off_push, turn_on_push};
use crate::i18n::Lang;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Notification, NotificationPermission, PushManager, PushSubscription,
    PushSubscriptionOptionsInit, ServiceWorkerRegistration,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Not known until the browser has looked (and always, without JavaScript).
    Checking,
    /// The browser cannot do push, or the server has none.
    Unsupported,
    /// The person has blocked notifications for the site.
    Denied,
    Off,
    On,
}

#[island]
pub fn PushNotices(lang: Lang) -> impl IntoView {
    let t = lang.push();
    let state = RwSignal::new(State::Checking);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let public_key = StoredValue::new(None::<String>);

    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            let (found, key) = look().await;
            public_key.set_value(key);
            state.set(found);
        });
    });

    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(false);
        let turning_on = state.get_untracked() == State::Off;
        leptos::task::spawn_local(async move {
            let next = if turning_on {
                match public_key.get_value() {
                    Some(key) => turn_on(&key).await,
                    None => Some(State::Unsupported),
                }
            } else {
                turn_off().await
            };
            match next {
                Some(next) => state.set(next),
                None => failed.set(true),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card push-notices" aria-labelledby="push-heading">
            <h2 id="push-heading">{t.heading}</h2>
            <p class="hint">{t.intro}</p>
            <p role="status">
                {move || match state.get() {
                    State::Checking => "",
                    State::Unsupported => t.unsupported,
                    State::Denied => t.denied,
                    State::Off => t.off,
                    State::On => t.on,
                }}
            </p>
            <Show when=move || matches!(state.get(), State::Off | State::On)>
                <button
                    type="button"
                    class="button secondary"
                    on:click=toggle
                    aria-disabled=move || busy.get().then_some("true")
                >
                    {move || if state.get() == State::On { t.turn_off } else { t.turn_on }}
                </button>
            </Show>
            <Show when=move || failed.get()>
                <p class="alert error" role="alert">{t.failed}</p>
            </Show>
        </section>
    }
    // Erased: the person's page is one deep type, and this section made it too deep to lay out.
    .into_any()
}

/// What this browser can do and has done, and the key to subscribe with.
async fn look() -> (State, Option<String>) {
    let window = web_sys::window();
    let supported = window.as_ref().is_some_and(|window| {
        ["PushManager", "Notification", "ServiceWorkerRegistration"]
            .iter()
            .all(|name| js_sys::Reflect::has(window, &JsValue::from_str(name)).unwrap_or(false))
    });
    if !supported {
        return (State::Unsupported, None);
    }
    let Ok(status) = push_status().await else {
        return (State::Unsupported, None);
    };
    let Some(key) = status.public_key else {
        return (State::Unsupported, None);
    };
    if Notification::permission() == NotificationPermission::Denied {
        return (State::Denied, Some(key));
    }
    let here = subscription()
        .await
        .map(|subscription| subscription.endpoint());
    let on = here.is_some() && here == status.endpoint;
    (if on { State::On } else { State::Off }, Some(key))
}

async fn turn_on(key: &str) -> Option<State> {
    let permission = JsFuture::from(Notification::request_permission().ok()?)
        .await
        .ok()?
        .as_string();
    match permission.as_deref() {
        Some("granted") => {}
        Some("denied") => return Some(State::Denied),
        _ => return Some(State::Off),
    }
    let options = PushSubscriptionOptionsInit::new();
    options.set_user_visible_only(true);
    options.set_application_server_key(&JsValue::from_str(key));
    let subscribed = JsFuture::from(
        push_manager()
            .await?
            .subscribe_with_options(&options)
            .ok()?,
    )
    .await
    .ok()?;
    let json = js_sys::JSON::stringify(&subscribed).ok()?.as_string()?;
    turn_on_push(json).await.ok()?;
    Some(State::On)
}

async fn turn_off() -> Option<State> {
    if let Some(subscription) = subscription().await {
        if let Ok(done) = subscription.unsubscribe() {
            let _ = JsFuture::from(done).await;
        }
    }
    turn_off_push().await.ok()?;
    Some(State::Off)
}

async fn push_manager() -> Option<PushManager> {
    let ready = web_sys::window()?
        .navigator()
        .service_worker()
        .ready()
        .ok()?;
    let registration: ServiceWorkerRegistration =
        JsFuture::from(ready).await.ok()?.dyn_into().ok()?;
    registration.push_manager().ok()
}

/// This browser's push subscription for the site, if it has one.
async fn subscription() -> Option<PushSubscription> {
    let found = JsFuture::from(push_manager().await?.get_subscription().ok()?)
        .await
        .ok()?;
    found.dyn_into().ok()
}
