//! `/logs/<id>`: the log's content (entries, the plan's status, the next meeting, who takes
//! part), for those the consent rules let see it now.

use super::shared::{id_query, log_id_param, refusal, LogTabs, MeetingWhen, Section, Unreachable};
use crate::api::log::{get_log, AddEntry};
use crate::domain::access::Capacity;
use crate::domain::attention::Due;
use crate::i18n::{use_lang, Texts};
use crate::model::error::ApiError;
use crate::model::log::LogView;
use crate::ui::components::form_error::FormError;
use crate::ui::components::kept_form::{draft_key, KeptForm};
use crate::ui::components::when::{Dated, Time, When};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use uuid::Uuid;

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
            <span class="badge neutral">{(t.log.status)(log.status)}</span>
        </p>
        <LogTabs log_id=log.log_id current=Section::Log t />
        <div class="log-layout">
            <aside class="log-side" aria-label=t.workbench.log_overview>
                <h2>{t.plan.next_meeting_heading}</h2>
                {match log.next_meeting {
                    Some(meeting) => view! {
                        <div class="card">
                            <MeetingWhen meeting=meeting.clone() t />
                            <p class="screen-only"><a href=format!("/logs/{}/meetings/{}", log.log_id, meeting.meeting_id)>{t.plan.next_meeting_link}</a></p>
                        </div>
                    }.into_any(),
                    None => view! { <p class="empty-state">{t.plan.no_next_meeting}</p> }.into_any(),
                }}
                <h2>{t.plan.measures_heading}</h2>
                {if log.measures.is_empty() {
                    view! { <p class="empty-state">{t.plan.no_measures}</p> }.into_any()
                } else {
                    view! {
                        <ul class="cards">
                            {log.measures.into_iter().map(|measure| {
                                let responsible = measure.responsible_name;
                                view! {
                                    <li class="card">
                                        <p>
                                            <strong>{measure.title}</strong> " " <span class="badge">{(t.plan.status)(measure.status)}</span>
                                            {measure.due.map(|due| view! {
                                                " " <span class=if due == Due::Overdue { "badge warning" } else { "badge" }>{(t.workbench.due)(due)}</span>
                                            })}
                                        </p>
                                        <p><Dated when=When::Day(measure.evaluation_date)
                                            sentence=move |day| (t.plan.measure_line)(&responsible, day) /></p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {log.holder.map(|holder| view! {
                    <h2>{t.log.holder_heading}</h2>
                    <Party party=holder t />
                })}
                <p class="screen-only"><a href=format!("/logs/{}/holder", log.log_id)>{t.baton.link}</a></p>
                <h2>{t.log.participants_heading}</h2>
                <ul class="cards">
                    {log.participants.into_iter().map(|party| view! { <li class="card"><Party party t /></li> }).collect_view()}
                </ul>
                <p class="screen-only"><a href=format!("/logs/{}/participants", log.log_id)>{t.log.parts_link}</a></p>
            </aside>
            <section class="log-main" aria-labelledby="entries">
                <h2 id="entries">{t.log.entries_heading}</h2>
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
                    view! { <p class="empty-state">{t.log.no_entries}</p> }.into_any()
                } else {
                    view! {
                        <ol class="entries">
                            {log.entries.into_iter().map(|entry| view! {
                                <li class=if entry.is_child_voice { "card child-voice" } else { "card" }>
                                    <p class="hint">
                                        {entry.author_name} " · " <Time when=When::Near(entry.written_at) />
                                        {entry.is_new.then(|| view! { " " <span class="badge">{t.workbench.new_entry}</span> })}
                                    </p>
                                    {entry.is_child_voice.then(|| view! {
                                        <p class="voice-label"><span aria-hidden="true">"“ "</span><span>{t.log.child_voice}</span></p>
                                    })}
                                    <p class="entry-body">{entry.body}</p>
                                    <Attachments entry_id=entry.entry_id attachments=entry.attachments mine=entry.mine log_id=log.log_id t />
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {(log.older.is_some() || older_page).then(|| view! {
                    <nav class="pages" aria-label=t.log.entries_heading>
                        {log.older.map(|older| view! {
                            <a href=format!("/logs/{}?before={older}", log.log_id)>{t.log.older_entries}</a>
                        })}
                        {older_page.then(|| view! {
                            <a href=format!("/logs/{}", log.log_id)>{t.log.newest_entries}</a>
                        })}
                    </nav>
                })}
            </section>
        </div>
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
                <button type="submit" class="button secondary">{t.log.attach_button}</button>
            </form>
        })}
    }
    .into_any()
}

#[component]
fn Party(party: crate::model::log::PartyView, t: &'static Texts) -> impl IntoView {
    view! {
        <p><strong>{party.name}</strong>{party.unit_name.map(|unit| format!(", {unit}"))}</p>
        {party.unreachable.map(|why| view! { <Unreachable why t /> })}
        {party.responsibility.map(|text| view! { <p>{text}</p> })}
        {party.phone.map(|phone| view! {
            <p>{t.directory.phone} ": " <a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p>
        })}
        {party.email.map(|email| view! {
            <p>{t.directory.email} ": " <a href=format!("mailto:{email}")>{email.clone()}</a></p>
        })}
    }
}
