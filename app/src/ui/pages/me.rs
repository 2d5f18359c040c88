//! Pages of the signed-in person: who they are, and where they are logged in.

use crate::api::contact::{my_contact, ConfirmContact, SendContactCode, SetContactPreferences};
use crate::api::identity::list_sessions::list_sessions;
use crate::api::identity::LogOutEverywhere;
use crate::api::notice::{my_notice_choice, SetNoticeChoice};
use crate::domain::contact::{ContactKind, NoticeChannel};
use crate::i18n::{use_lang, Lang, Texts};
use crate::model::contact::{ConfirmedAddress, PendingAddress};
use crate::model::notice::NoticeChoice;
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::KeptForm;
use crate::ui::components::push_notices::PushNotices;
use crate::ui::components::when::{Time, When};
use crate::ui::pages::baton_offers::BatonOffers;
use crate::ui::pages::my_logs::MyLogs;
use crate::ui::pages::passkeys::MyPasskeys;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// `/me`: the person's name and roles. Needs a login (the server redirects otherwise).
#[component]
pub fn MePage() -> impl IntoView {
    let t = use_lang().texts();
    let dates = use_lang().dates();
    let identity = crate::api::identity::use_identity();
    view! {
        <Title text=t.me_title />
        {identity.map(|identity| {
            let units = identity.staff_units.clone();
            view! {
                <h1>{t.me_title}</h1>
                <p class="lead">{(t.signed_in_as)(&identity.full_name())}</p>
                {identity.own_login_ends_soon.map(|ends| view! {
                    <p class="alert warning" role="status">
                        {(t.own_login_ending)(&dates.date(ends))}
                    </p>
                })}
                <div class="workbench">
                    <div class="workbench-main">
                        {identity.is_staff().then(|| view! { <BatonOffers /> })}
                        <section aria-labelledby="my-logs">
                            <MyLogs staff=identity.is_staff() />
                        </section>
                    </div>
                    <aside class="workbench-side" aria-label=t.workbench.about_me>
                        {(!units.is_empty()).then(|| view! {
                            <h2>{t.staff_units}</h2>
                            <ul class="plain">
                                {units.into_iter().map(|unit| view! {
                                    <li>
                                        <a href=format!("/units/{}", unit.unit_id)>{unit.unit_name}</a>
                                        {unit.is_unit_leader.then(|| format!(" ({})", t.unit_leader))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                        {identity.staff_units.iter().any(|unit| unit.is_unit_leader).then(|| view! {
                            <p><a href="/unit-logs">{t.baton.unit_logs_title}</a></p>
                            <p><a href="/lookups">{t.log.lookups_title}</a></p>
                        })}
                        {identity.is_administrator.then(|| view! {
                            <p><a href="/admin">{t.admin.link}</a></p>
                        })}
                        {identity.is_citizen.then(|| view! {
                            <p>{t.citizen}</p>
                            <p><a href="/ask-for-log">{t.request.link}</a></p>
                            // Shown by sw-register.js when the browser offers to install.
                            <div id="install-hint" class="card" hidden>
                                <p>{t.install_hint}</p>
                                <button type="button" class="button secondary">{t.install_button}</button>
                            </div>
                        })}
                        <ContactSection />
                        <MyPasskeys />
                        <NoticeChoiceForm />
                        <PushNotices />
                        <p><a href="/sessions">{t.sessions_title}</a></p>
                    </aside>
                </div>
            }
        })}
    }
}

/// The person's own e-mail address and mobile number, each confirmed with a code, and the
/// language and channel of messages to them.
#[component]
fn ContactSection() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let contact = Resource::new(|| (), |_| my_contact());
    view! {
        <section class="card contact-details" id="contact" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{t.contact.heading}</h2>
            <p class="hint">{t.contact.intro}</p>
            <FormError />
            <Suspense>
                {move || Suspend::new(async move {
                    match contact.await {
                        Ok(contact) => {
                            let chosen = contact.lang.as_deref().and_then(Lang::from_code).unwrap_or(lang);
                            view! {
                                <ContactAddress kind=ContactKind::Email current=contact.email pending=contact.pending_email lang />
                                <ContactAddress kind=ContactKind::Mobile current=contact.mobile pending=contact.pending_mobile lang />
                                <Preferences chosen channel=contact.channel lang />
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// One kind of address: the one in use, a code waiting for a new one, and a new one.
#[component]
fn ContactAddress(
    kind: ContactKind,
    current: Option<ConfirmedAddress>,
    pending: Option<PendingAddress>,
    lang: Lang,
) -> impl IntoView {
    let t: &'static Texts = lang.texts();
    let c = &t.contact;
    let id = kind.code();
    let has_current = current.is_some();
    let has_pending = pending.is_some();
    let address_field = match kind {
        ContactKind::Email => "Email AlreadyConfirmed CodesSent",
        ContactKind::Mobile => "Mobile AlreadyConfirmed CodesSent",
    };
    view! {
        <div class="contact-kind">
        <h3>{(c.kind)(kind)}</h3>
        {match current {
            Some(current) => view! {
                <p class="contact-address">
                    <span class="address">{current.address}</span> " "
                    {if current.confirmed_at.is_some() {
                        view! { <span class="badge success">{c.confirmed}</span> }
                    } else {
                        view! { <span class="badge">{c.from_administrator}</span> }
                    }}
                </p>
            }.into_any(),
            None => view! { <p class="hint">{c.none_confirmed}</p> }.into_any(),
        }}
        {pending.map(|pending| if pending.spent {
            view! { <p class="alert warning">{c.code_spent}</p> }.into_any()
        } else {
            view! {
                <p role="status" class="alert info">
                    {(c.code_sent)(&pending.address)}
                    {has_current.then(|| format!(" {}", c.old_kept))}
                </p>
                <KeptForm action=ConfirmContact::url() lang class="stacked">
                    <input type="hidden" name="kind" value=id />
                    <label for=format!("{id}-code")>{c.code_label}</label>
                    <input id=format!("{id}-code") name="code" type="text" inputmode="numeric"
                        autocomplete="one-time-code" maxlength="12" required data-field="Code CodeSpent" />
                    <button type="submit" class="button primary">{c.confirm}</button>
                </KeptForm>
            }.into_any()
        })}
        {
            let form = view! {
                <KeptForm action=SendContactCode::url() lang class="stacked">
                    <input type="hidden" name="kind" value=id />
                    <label for=format!("{id}-address")>{(c.new_address)(kind)}</label>
                    <p class="hint" id=format!("{id}-address-hint")>{(c.address_hint)(kind)}</p>
                    {match kind {
                        ContactKind::Email => view! {
                            <input id="email-address" name="address" type="text" inputmode="email"
                                autocomplete="email" spellcheck="false" autocapitalize="none" maxlength="254"
                                required aria-describedby="email-address-hint" data-field=address_field />
                        }.into_any(),
                        ContactKind::Mobile => view! {
                            <input id="mobile-address" name="address" type="tel" autocomplete="tel"
                                maxlength="40" required aria-describedby="mobile-address-hint" data-field=address_field />
                        }.into_any(),
                    }}
                    <button type="submit" class="button secondary">{c.send_code}</button>
                </KeptForm>
            };
            // With an address in use or a code on its way, a new address is a step away.
            if has_current || has_pending {
                view! {
                    <details class="contact-change">
                        <summary>{(c.change)(kind)}</summary>
                        {form}
                    </details>
                }.into_any()
            } else {
                form.into_any()
            }
        }
        </div>
    }
}

/// The language of messages to the person, and whether notices come by e-mail, SMS or both.
#[component]
fn Preferences(chosen: Lang, channel: NoticeChannel, lang: Lang) -> impl IntoView {
    let c = &lang.texts().contact;
    view! {
        <div class="contact-kind">
        <h3>{c.preferences_heading}</h3>
        <KeptForm action=SetContactPreferences::url() lang class="stacked">
            <fieldset>
                <legend>{c.language_label}</legend>
                {Lang::ALL.into_iter().map(|option| view! {
                    <label class="check">
                        <input type="radio" name="lang" value=option.code() checked=option == chosen />
                        " " <span lang=option.code()>{option.endonym()}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <fieldset data-field="NoticeChannel">
                <legend>{c.channel_legend}</legend>
                {NoticeChannel::ALL.into_iter().map(|option| view! {
                    <label class="check">
                        <input type="radio" name="channel" value=option.code() checked=option == channel />
                        " " {(c.channel)(option)}
                    </label>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button secondary">{c.save}</button>
        </KeptForm>
        </div>
    }
}

/// How the person wants to hear of news in their logs.
#[component]
fn NoticeChoiceForm() -> impl IntoView {
    let t = use_lang().texts();
    let current = Resource::new(|| (), |_| my_notice_choice());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let current = current.await.unwrap_or_default();
                view! {
                    <form class="stacked card" method="post" action=SetNoticeChoice::url()>
                        <fieldset>
                            <legend>{t.plan.notify_heading}</legend>
                            <p class="hint">{t.plan.notify_intro}</p>
                            {NoticeChoice::ALL.into_iter().map(|choice| view! {
                                <label class="check">
                                    <input type="radio" name="choice" value=choice.code() checked=choice == current />
                                    " " {(t.plan.notify_choice)(choice)}
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <button type="submit" class="button secondary">{t.plan.notify_save}</button>
                    </form>
                }
            })}
        </Suspense>
    }
}

/// `/sessions`: the person's active logins, and "log out everywhere".
#[component]
pub fn SessionsPage() -> impl IntoView {
    let t = use_lang().texts();
    let sessions = Resource::new(|| (), |_| list_sessions());
    view! {
        <Title text=t.sessions_title />
        <Suspense>
            {move || Suspend::new(async move {
                match sessions.await {
                    Ok(sessions) => view! {
                        <h1>{t.sessions_title}</h1>
                        <p class="lead">{t.sessions_intro}</p>
                        <ul class="cards">
                            {sessions.into_iter().map(|session| view! {
                                <li class="card">
                                    <h2>
                                        {session.device.unwrap_or_else(|| t.unknown_device.to_string())}
                                        {session.current.then(|| view! { " " <span class="badge">{t.session_this}</span> })}
                                    </h2>
                                    <p>{(t.session_method)(session.method)}</p>
                                    <dl>
                                        <dt>{t.session_started}</dt><dd><Time when=When::Near(session.started) /></dd>
                                        <dt>{t.session_last_active}</dt><dd><Time when=When::Near(session.last_active) /></dd>
                                    </dl>
                                </li>
                            }).collect_view()}
                        </ul>
                        <form method="post" action=LogOutEverywhere::url()>
                            <button type="submit" class="button danger">{t.log_out_everywhere}</button>
                        </form>
                    }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
