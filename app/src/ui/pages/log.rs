//! A log's pages: its content (`/logs/<id>`), and the consents around it
//! (`/logs/<id>/consents`). Both render on the server only, after the gate; a person the
//! gate refuses gets a page saying why, and nothing of the log.

use crate::api::log::{
    consent_history, get_log, log_actions, my_decisions, standing_consents, AddEntry, CloseLog,
    CreateChildLogin, DocumentWithdrawal, GiveConsent, ReopenLog, UnlockChildLogin,
    WithdrawConsent,
};
use crate::domain::access::Capacity;
use crate::domain::consent::{Action, Choice};
use crate::i18n::{use_lang, Lang, Texts};
use crate::model::error::ApiError;
use crate::model::log::{
    ChildLoginState, ConsentRecord, LogPermissions, LogView, MyDecision, StandingConsent,
};
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::{draft_key, KeptForm};
use crate::ui::pages::not_found::NotFoundPage;
use crate::ui::status::set_status;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

pub(crate) fn log_id_param() -> Option<Uuid> {
    use_params_map().with_untracked(|p| p.get("log_id").and_then(|id| Uuid::parse_str(&id).ok()))
}

/// The id in the query parameter `name`, if it is one.
pub(crate) fn id_query(name: &str) -> Option<Uuid> {
    use_query_map().with_untracked(|q| q.get(name).and_then(|id| Uuid::parse_str(&id).ok()))
}

/// What a refused or failed request shows instead of the log.
pub(crate) fn refusal(error: ApiError, t: &'static Texts) -> AnyView {
    match error {
        ApiError::NotFound => view! { <NotFoundPage /> }.into_any(),
        ApiError::Denied { .. } => {
            set_status(error.status());
            view! {
                <Title text=t.log.no_access_title />
                <h1>{t.log.no_access_title}</h1>
                <p role="alert" class="alert">{(t.form.error)(error)}</p>
                <p><a href="/me">{t.my_page}</a></p>
            }
            .into_any()
        }
        error => view! { <ErrorMessage error /> }.into_any(),
    }
}

/// `/logs/<uuid>`: the log's content, for those the consent rules let see it now.
#[component]
pub fn LogPage() -> impl IntoView {
    let t = use_lang().texts();
    let log_id = log_id_param();
    let before = id_query("before");
    let log = Resource::new(
        move || (log_id, before),
        |(log_id, before)| async move {
            match log_id {
                Some(log_id) => get_log(log_id, before).await,
                None => Err(ApiError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(log) => view! { <LogContent log older_page=before.is_some() t /> }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

/// The log; `older_page` when it shows entries before the newest.
#[component]
fn LogContent(log: LogView, older_page: bool, t: &'static Texts) -> impl IntoView {
    let title = (t.log.log_title)(&log.child_name);
    let family = log.capacity == Capacity::Family;
    let log_id = log.log_id.to_string();
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p>
            <span class="badge">{(t.log.status)(log.status)}</span>
        </p>
        <nav class="log-nav" aria-label=t.plan.log_sections>
            <a href=format!("/logs/{}/plan", log.log_id)>{t.plan.plan_link}</a>
            <a href=format!("/logs/{}/meetings", log.log_id)>{t.plan.meetings_link}</a>
            <a href=format!("/logs/{}/consents", log.log_id)>{t.log.consents_link}</a>
        </nav>
        <h2>{t.plan.next_meeting_heading}</h2>
        {match log.next_meeting {
            Some(meeting) => view! {
                <div class="card">
                    <MeetingWhen meeting=meeting.clone() t />
                    <p><a href=format!("/logs/{}/meetings/{}", log.log_id, meeting.meeting_id)>{t.plan.next_meeting_link}</a></p>
                </div>
            }.into_any(),
            None => view! { <p>{t.plan.no_next_meeting}</p> }.into_any(),
        }}
        <h2>{t.plan.measures_heading}</h2>
        {if log.measures.is_empty() {
            view! { <p>{t.plan.no_measures}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {log.measures.into_iter().map(|measure| view! {
                        <li class="card">
                            <p><strong>{measure.title}</strong> " " <span class="badge">{(t.plan.status)(measure.status)}</span></p>
                            <p>{(t.plan.measure_line)(&measure.responsible_name, &measure.evaluation_date)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {log.holder.map(|holder| view! {
            <h2>{t.log.holder_heading}</h2>
            <Party party=holder t />
        })}
        <h2>{t.log.participants_heading}</h2>
        <ul class="cards">
            {log.participants.into_iter().map(|party| view! { <li class="card"><Party party t /></li> }).collect_view()}
        </ul>
        <h2>{t.log.entries_heading}</h2>
        <FormError />
        <KeptForm action=AddEntry::url() draft=draft_key(format_args!("entry/{log_id}")) lang=use_lang() class="stacked">
            <input type="hidden" name="log_id" value=log_id.clone() />
            <label for="body">{t.log.new_entry_label}</label>
            <textarea id="body" name="body" rows="4" required maxlength="20000"></textarea>
            {family.then(|| view! {
                <label class="check">
                    <input type="checkbox" name="child_voice" value="true" />
                    " " {t.log.child_voice}
                </label>
            })}
            <button type="submit" class="button primary">{t.log.save_entry}</button>
        </KeptForm>
        {if log.entries.is_empty() {
            view! { <p>{t.log.no_entries}</p> }.into_any()
        } else {
            view! {
                <ol class="entries">
                    {log.entries.into_iter().map(|entry| view! {
                        <li class="card">
                            <p class="hint">
                                {entry.author_name} " · " <time>{entry.written_at}</time>
                                {entry.is_child_voice.then(|| view! { " " <span class="badge">{t.log.child_voice}</span> })}
                            </p>
                            <p class="entry-body">{entry.body}</p>
                            <Attachments entry_id=entry.entry_id attachments=entry.attachments mine=entry.mine log_id=log.log_id t />
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <nav class="pages" aria-label=t.log.entries_heading>
            {log.older.map(|older| view! {
                <a href=format!("/logs/{}?before={older}", log.log_id)>{t.log.older_entries}</a>
            })}
            {older_page.then(|| view! {
                <a href=format!("/logs/{}", log.log_id)>{t.log.newest_entries}</a>
            })}
        </nav>
    }
    .into_any()
}

/// The files on an entry, and for its author a form to attach one more (a plain form: a
/// file cannot be kept as a draft).
#[component]
fn Attachments(
    entry_id: Uuid,
    attachments: Vec<crate::model::log::AttachmentView>,
    mine: bool,
    log_id: Uuid,
    t: &'static Texts,
) -> impl IntoView {
    let input = format!("file_{entry_id}");
    view! {
        {(!attachments.is_empty()).then(|| view! {
            <ul class="attachments" aria-label=t.log.attachments_label>
                {attachments.into_iter().map(|file| view! {
                    <li>
                        <a href=format!("/api/attachment?log_id={log_id}&attachment_id={}", file.attachment_id) download>
                            {file.file_name}
                        </a>
                        {format!(" ({} kB)", (file.size_bytes + 1023) / 1024)}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {mine.then(|| view! {
            <form class="attach" method="post" action="/api/attachments" enctype="multipart/form-data">
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <input type="hidden" name="entry_id" value=entry_id.to_string() />
                <label for=input.clone()>{t.log.attach_label}</label>
                <input id=input type="file" name="file" accept=crate::domain::attachment::ACCEPTED required />
                <button type="submit" class="button">{t.log.attach_button}</button>
            </form>
        })}
    }
    .into_any()
}

/// When and where a meeting is.
#[component]
pub(crate) fn MeetingWhen(
    meeting: crate::model::meeting::MeetingSummary,
    t: &'static Texts,
) -> impl IntoView {
    view! {
        <p><strong><time>{meeting.starts_at}</time> "–" <time>{meeting.ends_at}</time></strong></p>
        {meeting.place.map(|place| view! { <p>{t.plan.place_label} ": " {place}</p> })}
        {meeting.video_url.map(|url| view! {
            <p><a href=url.clone() rel="noopener noreferrer">{t.plan.video_label}</a></p>
        })}
    }
}

#[component]
fn Party(party: crate::model::log::PartyView, t: &'static Texts) -> impl IntoView {
    view! {
        <p><strong>{party.name}</strong>{party.unit_name.map(|unit| format!(", {unit}"))}</p>
        {party.responsibility.map(|text| view! { <p>{text}</p> })}
        {party.phone.map(|phone| view! {
            <p>{t.directory.phone} ": " <a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p>
        })}
        {party.email.map(|email| view! {
            <p>{t.directory.email} ": " <a href=format!("mailto:{email}")>{email.clone()}</a></p>
        })}
    }
}

/// `/logs/<uuid>/consents`: the decisions the rules give this person, each with its exact
/// text and reason, and the whole history of consents.
#[component]
pub fn ConsentsPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let log_id = log_id_param();
    let data = Resource::new(
        move || log_id,
        move |log_id| async move {
            let log_id = log_id.ok_or(ApiError::NotFound)?;
            let decisions = my_decisions(log_id, lang).await?;
            let history = consent_history(log_id).await?;
            // Only the holder documents oral withdrawals; for anyone else the list is refused.
            let standing = standing_consents(log_id).await.ok();
            let actions = log_actions(log_id).await?;
            Ok::<_, ApiError>((log_id, decisions, history, standing, actions))
        },
    );
    view! {
        <Title text=t.log.consents_title />
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((log_id, decisions, history, standing, actions)) => view! {
                        <h1>{t.log.consents_title}</h1>
                        <p><a href=format!("/logs/{log_id}")>{t.log.open_log}</a></p>
                        <FormError />
                        {actions.family_changed.clone().map(|when| view! {
                            <p role="status" class="alert">{(t.log.family_changed)(&when)}</p>
                        })}
                        <h2>{t.log.your_decisions}</h2>
                        {if decisions.is_empty() {
                            view! { <p>{t.log.no_decisions}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="cards">
                                    {decisions.into_iter().map(|decision| view! {
                                        <li class="card"><Decision decision log_id lang /></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {standing.map(|standing| view! { <OralWithdrawal standing log_id lang /> })}
                        <CloseOrReopen actions log_id lang />
                        <h2>{t.log.history_heading}</h2>
                        <History history t />
                    }.into_any(),
                    Err(error) => refusal(error, t),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Decision(decision: MyDecision, log_id: Uuid, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let heading = capitalized((t.consent.action)(decision.action.kind()));
    let given = decision.mine == Some(Choice::Given);
    let offer_login = decision.action == Action::ChildOwnAccess && decision.in_force;
    let has_login = decision.child_has_login;
    let child_login = decision.child_login.clone();
    let (action, button) = if given {
        (WithdrawConsent::url(), t.log.withdraw_button)
    } else {
        (GiveConsent::url(), t.log.consent_button)
    };
    view! {
        <h3>
            {heading}
            {decision.unit_name.map(|unit| format!(": {unit}"))}
        </h3>
        <p><span class="badge">{(t.log.in_force)(decision.in_force)}</span></p>
        <p>{decision.reason}</p>
        <blockquote>{decision.text.clone()}</blockquote>
        <form method="post" action=action>
            <input type="hidden" name="log_id" value=log_id.to_string() />
            <input type="hidden" name="scope" value=decision.action.kind().code() />
            {decision.action.unit().map(|unit| view! {
                <input type="hidden" name="unit_id" value=unit.to_string() />
            })}
            <input type="hidden" name="text_shown" value=decision.text />
            <input type="hidden" name="lang" value=lang.code() />
            <button type="submit" class=if given { "button" } else { "button primary" }>{button}</button>
        </form>
        {(offer_login && has_login).then(|| view! { <p>{t.log.child_has_login}</p> })}
        {child_login.map(|login| view! { <ChildLoginCare login log_id t /> })}
        {(offer_login && !has_login).then(|| view! { <ChildLoginForm log_id t /> })}
    }
}

/// A guardian who has consented gives the child their own login.
#[component]
fn ChildLoginForm(log_id: Uuid, t: &'static Texts) -> impl IntoView {
    view! {
        <form class="stacked" method="post" action=CreateChildLogin::url()>
            <h4>{t.log.child_login_heading}</h4>
            <p class="hint">{t.log.child_login_intro}</p>
            <input type="hidden" name="log_id" value=log_id.to_string() />
            <label for="child_username">{t.username_label}</label>
            <input id="child_username" name="username" autocomplete="off" required maxlength="35" />
            <label for="child_password">{t.password_label}</label>
            <input id="child_password" name="password" type="password" autocomplete="new-password" required minlength="8" />
            <fieldset>
                <legend>{t.log.code_channel_label}</legend>
                <label class="check"><input type="radio" name="channel" value="email" checked /> " " {t.log.by_email}</label>
                <label class="check"><input type="radio" name="channel" value="sms" /> " " {t.log.by_sms}</label>
            </fieldset>
            <label for="child_contact">{t.log.contact_label}</label>
            <input id="child_contact" name="contact" autocomplete="off" required />
            <button type="submit" class="button primary">{t.log.create_child_login}</button>
        </form>
    }
}

/// For the guardian: the child's username, and a locked login unlocked.
#[component]
fn ChildLoginCare(login: ChildLoginState, log_id: Uuid, t: &'static Texts) -> impl IntoView {
    view! {
        <p>{(t.log.child_username)(&login.username)}</p>
        {login.locked.then(|| view! {
            <p role="status">{t.log.child_login_locked}</p>
            <form method="post" action=UnlockChildLogin::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <button type="submit" class="button">{t.log.unlock_child_login}</button>
            </form>
        })}
    }
}

/// Closing (those who decide, or the holder once asked) and reopening (the holder, with
/// new consent).
#[component]
fn CloseOrReopen(actions: LogPermissions, log_id: Uuid, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    view! {
        {actions.can_close.then(|| view! {
            <h2>{t.log.close_heading}</h2>
            <p>{t.log.close_intro}</p>
            <form method="post" action=CloseLog::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <input type="hidden" name="lang" value=lang.code() />
                <button type="submit" class="button">{t.log.close_button}</button>
            </form>
        })}
        {actions.can_reopen.then(|| view! {
            <form method="post" action=ReopenLog::url()>
                <input type="hidden" name="log_id" value=log_id.to_string() />
                <button type="submit" class="button primary">{t.log.reopen_button}</button>
            </form>
        })}
    }
}

/// For the holder: document a withdrawal someone made orally, at once.
#[component]
fn OralWithdrawal(standing: Vec<StandingConsent>, log_id: Uuid, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    view! {
        <h2>{t.log.oral_heading}</h2>
        <p>{t.log.oral_intro}</p>
        <ul class="cards">
            {standing.into_iter().enumerate().map(|(n, consent)| {
                let id = format!("explained{n}");
                view! {
                    <li class="card">
                        <form class="stacked" method="post" action=DocumentWithdrawal::url()>
                            <h3>
                                {consent.consenter_name} ": "
                                {capitalized((t.consent.action)(consent.action.kind()))}
                                {consent.unit_name.map(|unit| format!(" ({unit})"))}
                            </h3>
                            <input type="hidden" name="log_id" value=log_id.to_string() />
                            <input type="hidden" name="consenter_id" value=consent.consenter_id.to_string() />
                            <input type="hidden" name="scope" value=consent.action.kind().code() />
                            {consent.action.unit().map(|unit| view! {
                                <input type="hidden" name="unit_id" value=unit.to_string() />
                            })}
                            <input type="hidden" name="lang" value=lang.code() />
                            <label for=id.clone()>{t.log.explained_label}</label>
                            <textarea id=id name="explained_consequences" rows="3" required maxlength="4000"></textarea>
                            <button type="submit" class="button">{t.log.document_button}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn History(history: Vec<ConsentRecord>, t: &'static Texts) -> impl IntoView {
    if history.is_empty() {
        return view! { <p>{t.log.no_history}</p> }.into_any();
    }
    view! {
        <ol class="cards history">
            {history.into_iter().rev().map(|record| {
                let how = match &record.documented_by_name {
                    Some(documenter) => (t.log.oral_documented_by)(documenter),
                    None => (t.log.by)(&record.consenter_name),
                };
                view! {
                    <li class="card">
                        <p>
                            <strong>{(t.log.choice)(record.choice)}</strong>
                            ": " {capitalized((t.consent.action)(record.action.kind()))}
                            {record.unit_name.map(|unit| format!(" ({unit})"))}
                        </p>
                        <p class="hint">
                            {record.consenter_name.clone()} " · " {how} " · " <time>{record.recorded_at}</time>
                        </p>
                        <blockquote lang=record.text_language>{record.text_shown}</blockquote>
                        {record.explained_consequences.map(|text| view! {
                            <p>{t.log.explained} ": " {text}</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
