//! Children's passkeys on three pages: logging in with one (`/login/child`), the child's own
//! list and registration (`/me`), and the guardian's approval and removal (the log's
//! consents, beside the child's login). WebAuthn runs in the browser only: `/passkey.js`
//! shows the buttons marked `data-passkey` where the browser can make passkeys, and talks to
//! the server's `/auth/passkey/*` routes. A page it returns to says how it went in its query
//! (`error=` on the login page, `passkey=` on `/me`), which these components render.

use crate::api::identity::my_passkeys::my_passkeys;
use crate::api::log::{child_passkeys, ApproveChildPasskey, RemoveChildPasskey};
use crate::domain::passkey::{PasskeyStatus, RegistrationOutcome};
use crate::i18n::{use_lang, Texts};
use crate::model::passkey::PasskeySummary;
use crate::ui::components::when::{Time, When};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

/// The script, on the pages that use it only.
#[component]
fn PasskeyScript() -> impl IntoView {
    view! { <script src="/passkey.js" defer></script> }
}

/// On the child's login page: a login with a passkey, which needs neither username,
/// password nor code. Shown by the script where the browser can use passkeys. `primary`:
/// whether it is one of the page's main ways in (not once ID-porten leads).
#[component]
pub fn PasskeyLogin(return_to: String, primary: bool) -> impl IntoView {
    let t = &use_lang().texts().passkey;
    let class = if primary {
        "button primary"
    } else {
        "button secondary"
    };
    view! {
        <section class="card passkeys" aria-labelledby="passkey-login-heading" data-passkey-section hidden>
            <h2 id="passkey-login-heading">{t.login_heading}</h2>
            <p class="hint">{t.login_intro}</p>
            <button type="button" class=class data-passkey="login"
                data-return-to=return_to data-waiting=t.waiting>
                {t.login_button}
            </button>
            <p role="status" class="hint" data-passkey-status></p>
        </section>
        <PasskeyScript />
    }
}

/// On the person's own page, for a child with a login of their own: their passkeys, and a
/// new one made on this phone.
#[component]
pub fn MyPasskeys() -> impl IntoView {
    let lang = use_lang();
    let texts = lang.texts();
    let passkeys = Resource::new(|| (), |_| my_passkeys());
    let outcome = use_query_map()
        .with_untracked(|query| query.get("passkey"))
        .and_then(|code| RegistrationOutcome::from_code(&code));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match passkeys.await {
                    Ok(Some(passkeys)) => Some(view! {
                        <section class="card passkeys" id="passkeys" aria-labelledby="passkeys-heading">
                            <h2 id="passkeys-heading">{texts.passkey.heading}</h2>
                            <p class="hint">{texts.passkey.intro}</p>
                            {outcome.map(|outcome| {
                                let class = if outcome == RegistrationOutcome::Registered {
                                    "alert success"
                                } else {
                                    "alert error"
                                };
                                view! { <p role="status" class=class>{(texts.passkey.outcome)(outcome)}</p> }
                            })}
                            {if passkeys.is_empty() {
                                view! { <p>{texts.passkey.none}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="plain">
                                        {passkeys.into_iter().map(|passkey| view! {
                                            <li><PasskeyFacts passkey t=texts /></li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <p data-passkey-section hidden>
                                <button type="button" class="button secondary" data-passkey="register"
                                    data-waiting=texts.passkey.waiting>
                                    {texts.passkey.register_button}
                                </button>
                            </p>
                            <p role="status" class="hint" data-passkey-status></p>
                            <p class="alert warning" data-passkey-unsupported hidden>
                                {(texts.passkey.outcome)(RegistrationOutcome::Unsupported)}
                            </p>
                            <PasskeyScript />
                        </section>
                    }.into_any()),
                    Ok(None) => None,
                    Err(error) => Some(view! {
                        <p role="alert" class="alert error">{(texts.form.error)(error)}</p>
                    }.into_any()),
                }
            })}
        </Suspense>
    }
}

/// The phone or browser, its status, and when it was made and last used.
#[component]
fn PasskeyFacts(passkey: PasskeySummary, t: &'static Texts) -> impl IntoView {
    let status = passkey.status();
    let badge = match status {
        PasskeyStatus::Active => "badge success",
        PasskeyStatus::AwaitingApproval => "badge neutral",
        PasskeyStatus::Copied => "badge warning",
    };
    view! {
        <strong>{passkey.device.unwrap_or_else(|| t.passkey.unknown_device.to_string())}</strong>
        " " <span class=badge>{(t.passkey.status)(status)}</span>
        <br />
        <span class="hint">
            {t.passkey.created} " " <Time when=When::Near(passkey.created) />
            {passkey.last_used.map(|used| view! {
                ". " {t.passkey.last_used} " " <Time when=When::Near(used) />
            })}
        </span>
    }
}

/// For a guardian who looks after the child's login: the child's passkeys, each approved or
/// removed here.
#[component]
pub fn ChildPasskeys(log_id: Uuid, t: &'static Texts) -> impl IntoView {
    let passkeys = Resource::new(move || log_id, child_passkeys);
    view! {
        <section aria-labelledby="child-passkeys-heading">
            <h4 id="child-passkeys-heading">{t.passkey.guardian_heading}</h4>
            <p class="hint">{t.passkey.guardian_intro}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    match passkeys.await {
                        Ok(passkeys) => {
                            let copied = passkeys.iter().any(|passkey| passkey.copied);
                            view! {
                                {copied.then(|| view! { <p role="alert" class="alert warning">{t.passkey.copied_alert}</p> })}
                                <ul class="plain">
                                    {passkeys.into_iter().map(|passkey| {
                                        let id = passkey.passkey_id.to_string();
                                        let waiting = passkey.status() == PasskeyStatus::AwaitingApproval;
                                        view! {
                                            <li>
                                                <PasskeyFacts passkey t />
                                                {waiting.then(|| view! {
                                                    <form method="post" action=ApproveChildPasskey::url()>
                                                        <input type="hidden" name="log_id" value=log_id.to_string() />
                                                        <input type="hidden" name="passkey_id" value=id.clone() />
                                                        <button type="submit" class="button primary">{t.passkey.approve}</button>
                                                    </form>
                                                })}
                                                <form method="post" action=RemoveChildPasskey::url()>
                                                    <input type="hidden" name="log_id" value=log_id.to_string() />
                                                    <input type="hidden" name="passkey_id" value=id />
                                                    <button type="submit" class="button danger">{t.passkey.remove}</button>
                                                </form>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! {
                            <p role="alert" class="alert error">{(t.form.error)(error)}</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
