//! What the log's pages share: the log's id from the path or query, the page a refusal
//! shows instead of the log, and when and where a meeting is.

use crate::i18n::Texts;
use crate::model::error::ApiError;
use crate::ui::components::error_message::ErrorMessage;
use crate::ui::components::when::{Time, When};
use crate::ui::pages::not_found::NotFoundPage;
use crate::ui::status::set_status;
use leptos::prelude::*;
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
                <p role="alert" class="alert error">{(t.form.error)(error)}</p>
                <p><a href="/me">{t.my_page}</a></p>
            }
            .into_any()
        }
        error => view! { <ErrorMessage error /> }.into_any(),
    }
}

/// A section of a log, each a page of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Log,
    Plan,
    Meetings,
    Consents,
}

/// The log's sections as tabs. The current section's tab carries `aria-current`: `page` on
/// the section's own page, `true` on a page within it (one meeting of the meetings), so a
/// screen reader says where the person is. To someone the content is closed to (a parent
/// who has not consented yet), only the consents are offered: the rest would say no.
#[component]
pub(crate) fn LogTabs(
    log_id: Uuid,
    current: Section,
    /// The page is within the section rather than the section's own.
    #[prop(optional)]
    within: bool,
    /// The person may not read the content now.
    #[prop(optional)]
    content_closed: bool,
    t: &'static Texts,
) -> impl IntoView {
    let tabs = [
        (Section::Log, "", t.log.entries_heading),
        (Section::Plan, "/plan", t.plan.plan_link),
        (Section::Meetings, "/meetings", t.plan.meetings_link),
        (Section::Consents, "/consents", t.log.consents_link),
    ];
    let marker = if within { "true" } else { "page" };
    view! {
        <nav class="tabs" aria-label=t.plan.log_sections>
            <ul>
                {tabs.into_iter()
                    .filter(|(section, _, _)| !content_closed || *section == Section::Consents)
                    .map(|(section, path, label)| view! {
                    <li>
                        <a href=format!("/logs/{log_id}{path}") aria-current=(section == current).then_some(marker)>
                            {label}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// When and where a meeting is.
#[component]
pub(crate) fn MeetingWhen(
    meeting: crate::model::meeting::MeetingSummary,
    t: &'static Texts,
) -> impl IntoView {
    view! {
        <p><strong><Time when=When::Moment(meeting.starts_at) /> "–" <Time when=When::TimeOfDay(meeting.ends_at) /></strong></p>
        {meeting.place.map(|place| view! { <p>{t.plan.place_label} ": " {place}</p> })}
        {meeting.video_url.map(|url| view! {
            <p><a href=url.clone() rel="noopener noreferrer">{t.plan.video_label}</a></p>
        })}
    }
}

/// "Not reachable", and why: for the holder, beside someone notices do not reach.
#[component]
pub fn Unreachable(why: crate::domain::contact::Unreachable, t: &'static Texts) -> impl IntoView {
    view! {
        <p class="unreachable">
            <span class="badge warning">{t.contact.unreachable_badge}</span>
            " " {(t.contact.unreachable)(why)}
        </p>
    }
}
