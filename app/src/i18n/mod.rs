//! The one i18n layer: every UI text comes from a [`Texts`] table, one per language.
//!
//! A table is a struct, not a map, so a text missing in any language is a compile error.
//! The language is chosen by the user and kept in the [`LANG_COOKIE`] cookie, so the server
//! renders the same language the browser will hydrate with.

mod consent_reason;
mod dates;
mod en;
mod nb;
mod nn;
mod push;

use crate::domain::access::LogStatus;
use crate::domain::attention::Due;
use crate::domain::consent::{ActionKind, Choice};
use crate::domain::contact::{ContactKind, NoticeChannel, Unreachable};
use crate::domain::figures::Wait;
use crate::domain::insight::{Happening, Role};
use crate::domain::passkey::{PasskeyStatus, RegistrationOutcome};
use crate::domain::plan::MeasureStatus;
use crate::domain::service_kind::ServiceKind;
use crate::domain::transition::{Stage, TransitionKind};
use crate::model::identity::{LoginMethod, LoginProblem};
use crate::model::log::{LogFilter, LogOrder};
use crate::model::notice::{NoticeChoice, NoticeKind};
use crate::model::plan::MemberRole;
use serde::{Deserialize, Serialize};

pub use consent_reason::consent_reason;
pub use dates::DateTexts;
pub use push::PushTexts;

/// The cookie that remembers the user's language.
pub const LANG_COOKIE: &str = "stafett_lang";

/// A UI language. Norwegian bokmål is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Nb,
    Nn,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    /// The BCP 47 code, used for `<html lang>` and in the cookie.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's own name, shown the same in every UI language so a user who does not
    /// read the current one can still find their own.
    pub const fn endonym(self) -> &'static str {
        match self {
            Lang::Nb => "Bokmål",
            Lang::Nn => "Nynorsk",
            Lang::En => "English",
        }
    }

    pub const fn texts(self) -> &'static Texts {
        match self {
            Lang::Nb => &nb::TEXTS,
            Lang::Nn => &nn::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    // An island takes the language and looks up only its own table: `texts()` would bring
    // every text of every language, with their formatting code, into the WASM.

    pub const fn directory(self) -> &'static DirectoryTexts {
        match self {
            Lang::Nb => &nb::DIRECTORY,
            Lang::Nn => &nn::DIRECTORY,
            Lang::En => &en::DIRECTORY,
        }
    }

    pub const fn dates(self) -> &'static DateTexts {
        match self {
            Lang::Nb => &nb::DATES,
            Lang::Nn => &nn::DATES,
            Lang::En => &en::DATES,
        }
    }

    pub const fn draft(self) -> &'static DraftTexts {
        match self {
            Lang::Nb => &nb::DRAFT,
            Lang::Nn => &nn::DRAFT,
            Lang::En => &en::DRAFT,
        }
    }

    /// Reads the language from a `Cookie` request header; the default when absent or unknown.
    pub fn from_cookie_header(header: &str) -> Self {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::from_code(value.trim()))
            .unwrap_or_default()
    }
}

/// The language of the page being rendered (provided by the shell from the cookie).
/// Islands do not see the server's context: they take the language as a prop.
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

/// The language chosen in the request's cookie (on the server), or the default: the page's
/// language, and that of messages to someone who has chosen none.
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::COOKIE)
                .and_then(|value| value.to_str().ok())
                .map(Lang::from_cookie_header)
        })
        .unwrap_or_default()
}

/// Every text of the UI in one language.
#[derive(Debug)]
pub struct Texts {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub footer: &'static str,

    pub language_label: &'static str,
    pub language_submit: &'static str,

    pub directory: DirectoryTexts,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub error_title: &'static str,
    pub form: FormTexts,

    pub login_link: &'static str,
    pub logout: &'static str,
    pub my_page: &'static str,

    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub login_idporten: &'static str,
    pub login_idporten_hint: &'static str,
    pub login_child_link: &'static str,
    pub login_problem: fn(LoginProblem) -> &'static str,
    pub no_log_title: &'static str,
    pub no_log_body: &'static str,
    pub no_log_contact: &'static str,
    pub find_contact: &'static str,

    pub child_login_title: &'static str,
    pub child_login_intro: &'static str,
    pub username_label: &'static str,
    pub password_label: &'static str,
    pub next: &'static str,
    pub code_title: &'static str,
    pub code_sent: fn(by_sms: bool) -> String,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub code_submit: &'static str,
    pub code_tries_left: fn(left: u32) -> String,
    pub code_restart: &'static str,
    pub code_message_subject: &'static str,
    pub code_message_body: fn(code: &str) -> String,
    /// To a child whose login was locked after failed attempts: that someone tried, no more.
    pub attempts_message_subject: &'static str,
    pub attempts_message_body: &'static str,

    pub me_title: &'static str,
    pub signed_in_as: fn(name: &str) -> String,
    pub staff_units: &'static str,
    pub unit_leader: &'static str,
    pub citizen: &'static str,
    pub sessions_title: &'static str,
    pub sessions_intro: &'static str,
    pub session_started: &'static str,
    pub session_last_active: &'static str,
    pub session_this: &'static str,
    pub session_method: fn(LoginMethod) -> &'static str,
    pub unknown_device: &'static str,
    pub log_out_everywhere: &'static str,
    /// The page the app's service worker shows a navigation that finds no connection.
    pub offline_title: &'static str,
    pub offline_body: &'static str,
    pub offline_retry: &'static str,
    /// Where the browser offers to install the app: on the family's own page.
    pub install_hint: &'static str,
    /// A child's own login ends on their fifteenth birthday: told a week before, with the day.
    pub own_login_ending: fn(date: &str) -> String,
    pub install_button: &'static str,
    pub logged_out_title: &'static str,
    pub logged_out_body: &'static str,
    /// Shown for an instant while the browser moves on to log out at ID-porten too.
    pub logging_out_at_provider: &'static str,
    pub continue_to_provider_logout: &'static str,
    pub login_again: &'static str,

    pub consent: ConsentTexts,
    pub log: LogTexts,
    pub plan: PlanTexts,
    pub workbench: WorkbenchTexts,
    pub baton: BatonTexts,
    pub leader: LeaderTexts,
    pub request: RequestTexts,
    pub transition: TransitionTexts,
    pub insight: InsightTexts,
    pub archive: ArchiveTexts,
    pub admin: AdminTexts,
    pub contact: ContactTexts,
    pub passkey: PasskeyTexts,
}

/// Children's passkeys: logging in with one, the child's own list and registration, and the
/// guardian's approval and removal.
#[derive(Debug)]
pub struct PasskeyTexts {
    pub login_heading: &'static str,
    pub login_intro: &'static str,
    pub login_button: &'static str,
    /// Shown (by `passkey.js`) while the phone asks for the fingerprint, face or PIN.
    pub waiting: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub register_button: &'static str,
    pub none: &'static str,
    pub outcome: fn(RegistrationOutcome) -> &'static str,
    pub status: fn(PasskeyStatus) -> &'static str,
    pub unknown_device: &'static str,
    /// "Made {date}".
    pub created: &'static str,
    pub last_used: &'static str,
    pub guardian_heading: &'static str,
    pub guardian_intro: &'static str,
    pub approve: &'static str,
    pub remove: &'static str,
    /// A passkey was disabled because a copy of it was used.
    pub copied_alert: &'static str,
    /// To the guardians: a new passkey waits for approval. No name: an e-mail or SMS may be
    /// read by others.
    pub pending_message_subject: &'static str,
    pub pending_message_body: &'static str,
    /// To the guardians: a passkey was blocked as copied.
    pub copied_message_subject: &'static str,
    pub copied_message_body: &'static str,
}

/// A person's own contact details on their page, the messages confirming them, the SMS
/// notices, and whether people can be reached (the holder's view).
#[derive(Debug)]
pub struct ContactTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub kind: fn(ContactKind) -> &'static str,
    pub confirmed: &'static str,
    /// An address the administrator gave (staff): in use without a code.
    pub from_administrator: &'static str,
    pub none_confirmed: &'static str,
    pub new_address: fn(ContactKind) -> &'static str,
    pub change: fn(ContactKind) -> &'static str,
    pub address_hint: fn(ContactKind) -> &'static str,
    pub send_code: &'static str,
    pub code_sent: fn(&str) -> String,
    /// The address in use stays in use until the new one is confirmed.
    pub old_kept: &'static str,
    pub code_label: &'static str,
    pub confirm: &'static str,
    pub code_spent: &'static str,
    pub preferences_heading: &'static str,
    pub language_label: &'static str,
    pub channel_legend: &'static str,
    pub channel: fn(NoticeChannel) -> &'static str,
    pub save: &'static str,
    pub code_subject: fn(ContactKind) -> &'static str,
    pub code_body: fn(ContactKind, &str) -> String,
    /// An SMS notice (and digest): that something is new, and the link; nothing more.
    pub notice_sms: fn(&str) -> String,
    /// An SMS invitation: when, and the link.
    pub invitation_sms: fn(&str, &str) -> String,
    pub unreachable_badge: &'static str,
    pub unreachable: fn(Unreachable) -> &'static str,
    pub reach_heading: &'static str,
    pub reach_intro: &'static str,
    pub reachable: &'static str,
}

/// The administrator's pages: units, services, staff and the CSV import.
#[derive(Debug)]
pub struct AdminTexts {
    pub link: &'static str,
    pub title: &'static str,
    pub intro: fn(municipality: &str) -> String,
    pub units_heading: &'static str,
    pub new_unit: &'static str,
    pub import_link: &'static str,
    pub col_name: &'static str,
    pub col_kind: &'static str,
    pub col_staff: &'static str,
    pub col_leaders: &'static str,
    pub col_contact: &'static str,
    pub col_role: &'static str,
    pub col_actions: &'static str,
    pub no_units: &'static str,
    pub administrators_heading: &'static str,
    pub administrators_intro: &'static str,
    pub imported: &'static str,
    pub edit_unit: &'static str,
    pub new_unit_title: &'static str,
    pub unit_details: &'static str,
    pub kind_label: &'static str,
    pub name_label: &'static str,
    pub description_label: &'static str,
    pub phone_label: &'static str,
    pub email_label: &'static str,
    pub street_label: &'static str,
    pub postal_code_label: &'static str,
    pub postal_place_label: &'static str,
    pub website_label: &'static str,
    pub shares_health_label: &'static str,
    pub shares_health_hint: &'static str,
    pub save_unit: &'static str,
    pub staff_heading: &'static str,
    pub no_staff: &'static str,
    pub unit_leader_badge: &'static str,
    pub administrator_badge: &'static str,
    pub make_leader: &'static str,
    pub unmake_leader: &'static str,
    pub make_admin: &'static str,
    pub unmake_admin: &'static str,
    pub end_membership: &'static str,
    /// A member leaving who still holds logs: the membership waits for the leader.
    pub leaving: &'static str,
    pub add_staff_heading: &'static str,
    pub add_staff_intro: &'static str,
    pub national_id_label: &'static str,
    pub given_name_label: &'static str,
    pub family_name_label: &'static str,
    pub work_email_label: &'static str,
    pub unit_leader_label: &'static str,
    pub add_staff_button: &'static str,
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub import_columns: &'static str,
    pub csv_label: &'static str,
    pub csv_hint: &'static str,
    pub check_import: &'static str,
    pub report_title: &'static str,
    pub report_intro: &'static str,
    pub col_line: &'static str,
    pub col_person: &'static str,
    pub col_result: &'static str,
    pub staff_change: fn(crate::model::admin::StaffChange) -> &'static str,
    pub membership_change: fn(crate::model::admin::MembershipChange) -> &'static str,
    pub refused: &'static str,
    pub refused_count: fn(refused: usize, rows: usize) -> String,
    pub ready: fn(rows: usize) -> String,
    pub apply_import: &'static str,
    pub check_another: &'static str,
    pub back: &'static str,
}

/// The texts of the directory and of a unit's contact information, which the
/// `DirectoryBrowser` island shows.
#[derive(Debug)]
pub struct DirectoryTexts {
    pub directory_title: &'static str,
    pub directory_intro: &'static str,
    pub filter_label: &'static str,
    pub filter_all: &'static str,
    pub filter_submit: &'static str,
    pub units_list_label: &'static str,
    pub no_units: &'static str,
    pub showing: fn(shown: usize, total: usize) -> String,
    pub kind: fn(ServiceKind) -> &'static str,
    pub contact_heading: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub address: &'static str,
    pub website: &'static str,
    pub back_to_directory: &'static str,
}

/// What an error says: on the page a plain form returns to (`FormError`), and in the
/// `message` the server adds to a server function's error for a form sent in place.
#[derive(Debug)]
pub struct FormTexts {
    pub error: fn(crate::model::error::ApiError) -> &'static str,
    /// What is wrong with a form field, shown beside it.
    pub field_error: fn(crate::model::error::Field) -> &'static str,
}

/// What the `KeptForm` island says itself about sending and drafts. The errors' words come
/// from the server, so only these few texts are in the WASM.
#[derive(Debug)]
pub struct DraftTexts {
    /// A form's unsaved text was put back from the device.
    pub draft_restored: &'static str,
    /// A save could not reach the server; the text stays on the device.
    pub draft_offline: &'static str,
    /// A save found the login ended: nothing saved, and no draft left on the device.
    pub draft_logged_out: &'static str,
    /// Heads the version someone else saved, beside the user's own after a conflict.
    pub saved_version: &'static str,
    pub saving: &'static str,
    /// The server did not answer, or not with one of our errors.
    pub unavailable: &'static str,
}

impl FormTexts {
    /// What went wrong, in words: a form field's own message, or the error's.
    pub fn explain(&self, error: crate::model::error::ApiError) -> &'static str {
        match error {
            crate::model::error::ApiError::Invalid { field } => (self.field_error)(field),
            error => (self.error)(error),
        }
    }
}

/// The texts of the log's pages.
#[derive(Debug)]
pub struct LogTexts {
    pub my_logs_heading: &'static str,
    pub no_logs: &'static str,
    pub new_log_link: &'static str,
    pub waiting_for_you: fn(usize) -> String,
    pub open_log: &'static str,
    pub consents_link: &'static str,
    pub log_title: fn(&str) -> String,
    pub holder_heading: &'static str,
    pub propose_heading: &'static str,
    pub propose_intro: &'static str,
    pub propose_who: &'static str,
    pub responsibility_label: &'static str,
    pub propose_button: &'static str,
    pub participants_heading: &'static str,
    pub parts_link: &'static str,
    pub parts_title: fn(child: &str) -> String,
    pub current_parts: &'static str,
    pub former_parts: &'static str,
    pub no_former_parts: &'static str,
    pub part_since: fn(day: &str) -> String,
    pub part_left: fn(day: &str) -> String,
    /// The day a part ends, agreed in a transition.
    pub part_leaves: fn(day: &str) -> String,
    pub edit_part: &'static str,
    pub part_responsibility_label: &'static str,
    pub part_phone_label: &'static str,
    pub part_email_label: &'static str,
    pub save_part: &'static str,
    pub leave_intro: &'static str,
    pub leave_button: &'static str,
    pub remove_part: fn(name: &str) -> String,
    pub entries_heading: &'static str,
    pub no_entries: &'static str,
    /// The link to the page of entries before these.
    pub older_entries: &'static str,
    /// The link back to the first page of entries.
    pub newest_entries: &'static str,
    pub child_voice: &'static str,
    pub new_entry_label: &'static str,
    pub save_entry: &'static str,
    pub attach_label: &'static str,
    pub attach_button: &'static str,
    pub attachments_label: &'static str,
    pub no_access_title: &'static str,
    pub consents_title: &'static str,
    pub your_decisions: &'static str,
    pub no_decisions: &'static str,
    pub consent_button: &'static str,
    pub withdraw_button: &'static str,
    pub in_force: fn(bool) -> &'static str,
    pub history_heading: &'static str,
    pub no_history: &'static str,
    pub choice: fn(Choice) -> &'static str,
    pub by: fn(&str) -> String,
    pub oral_documented_by: fn(&str) -> String,
    pub explained: &'static str,
    pub new_log_title: &'static str,
    pub new_log_intro: &'static str,
    pub national_id: &'static str,
    pub lookup_button: &'static str,
    /// Says that the lookup is recorded and seen by the unit's leader.
    pub lookup_note: &'static str,
    pub child_and_age: fn(&str, u8) -> String,
    pub guardians_heading: &'static str,
    pub with_responsibility: &'static str,
    pub without_responsibility: &'static str,
    pub both_must_consent: &'static str,
    /// Where the child's and the guardians' facts come from.
    pub from_register: &'static str,
    pub another_child: &'static str,
    /// For the holder: the register changed the family since the log was asked for.
    pub family_changed: fn(&str) -> String,
    pub lookups_title: &'static str,
    pub lookups_intro: &'static str,
    pub no_lookups: &'static str,
    pub lookup_when: &'static str,
    pub lookup_who: &'static str,
    pub lookup_unit: &'static str,
    pub lookup_number: &'static str,
    pub lookup_result: &'static str,
    /// A lookup's outcome code, in words.
    pub lookup_outcome: fn(&str) -> &'static str,
    pub holder_unit_label: &'static str,
    pub services_heading: &'static str,
    pub first_service: &'static str,
    pub second_service: &'static str,
    pub none_chosen: &'static str,
    pub send_request: &'static str,
    pub status: fn(LogStatus) -> &'static str,
    pub child_login_heading: &'static str,
    pub child_login_intro: &'static str,
    pub code_channel_label: &'static str,
    pub by_email: &'static str,
    pub by_sms: &'static str,
    pub contact_label: &'static str,
    pub create_child_login: &'static str,
    pub child_has_login: &'static str,
    pub child_username: fn(username: &str) -> String,
    pub child_login_locked: &'static str,
    pub unlock_child_login: &'static str,
    pub oral_heading: &'static str,
    pub oral_intro: &'static str,
    pub explained_label: &'static str,
    pub document_button: &'static str,
    pub close_heading: &'static str,
    pub close_intro: &'static str,
    pub close_button: &'static str,
    pub reopen_button: &'static str,
    /// "Anders Moen varslet 30. november 2026 at loggen kan avsluttes:" before the reason.
    pub notice_given: fn(by: &str, on: &str) -> String,
    /// Until when the family may object.
    pub notice_runs: fn(from: &str) -> String,
    pub notice_objected: fn(by: &str, on: &str) -> String,
    pub objection_label: &'static str,
    pub object_button: &'static str,
    pub give_notice_heading: &'static str,
    pub give_notice_intro: &'static str,
    pub notice_reason_label: &'static str,
    pub give_notice_button: &'static str,
    pub cancel_heading: &'static str,
    pub cancel_intro: &'static str,
    pub cancel_button: &'static str,
}

/// The texts of the baton: who holds a log, offering it on, answering, appointing.
#[derive(Debug)]
pub struct BatonTexts {
    pub page_title: fn(child: &str) -> String,
    pub link: &'static str,
    pub history_heading: &'static str,
    pub held: fn(from: &str, to: Option<&str>) -> String,
    pub holds_now: &'static str,
    pub appointed: &'static str,
    pub pass_heading: &'static str,
    pub pass_intro: &'static str,
    pub to_label: &'static str,
    pub choose: &'static str,
    pub message_label: &'static str,
    pub message_hint: &'static str,
    pub offer_button: &'static str,
    pub waiting: fn(to: &str, unit: &str) -> String,
    pub withdraw_button: &'static str,
    pub declined: fn(to: &str, reason: &str) -> String,
    pub appoint_heading: &'static str,
    pub appoint_intro: &'static str,
    pub appoint_button: &'static str,
    pub offers_heading: &'static str,
    pub offer_from: fn(from: &str, unit: &str) -> String,
    pub offer_for: fn(unit: &str) -> String,
    pub accept_button: &'static str,
    pub reason_label: &'static str,
    pub decline_button: &'static str,
    pub unit_logs_title: &'static str,
    pub unit_logs_intro: &'static str,
    pub no_unit_logs: &'static str,
    pub col_child: &'static str,
    pub col_unit: &'static str,
    pub col_status: &'static str,
    pub col_holder: &'static str,
    pub col_offer: &'static str,
    /// Beside the holder on the leader's overview: they are leaving the unit, appoint another.
    pub holder_leaving: &'static str,
}

/// The texts of a transition to a receiving unit: starting it, consenting to it, and the
/// receiving leader naming who takes over.
#[derive(Debug)]
pub struct TransitionTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub kind: fn(TransitionKind) -> &'static str,
    pub kind_label: &'static str,
    pub unit_label: &'static str,
    pub choose: &'static str,
    pub date_label: &'static str,
    pub message_label: &'static str,
    pub message_hint: &'static str,
    pub start_button: &'static str,
    pub summary: fn(from: &str, to: &str, day: &str) -> String,
    pub status: fn(stage: Stage, to: &str, offered_to: Option<&str>) -> String,
    pub keeps: fn(keep: bool, from: &str) -> String,
    pub cancel_button: &'static str,
    /// What a consent to a transition adds to the general words: the date, and whether
    /// the sending unit leaves then.
    pub consent_terms: fn(day: &str, from: &str, keep: bool) -> String,
    pub choose_terms: &'static str,
    pub incoming_heading: &'static str,
    pub holder_label: &'static str,
    pub name_button: &'static str,
}

/// The end of a log: its archive copy (the PDF sent to the municipality's archive, in the
/// language the family consented in, and what the holder and the family see of it), and the
/// family's demand that its information be deleted.
#[derive(Debug)]
pub struct ArchiveTexts {
    pub document_title: fn(child: &str) -> String,
    pub page_of: fn(page: usize, of: usize) -> String,
    pub intro: fn(municipality: &str, opened: &str, closed: &str) -> String,
    /// The family's own copy, taken out at `at`.
    pub family_intro: fn(at: &str) -> String,
    /// The link to that copy, on the consents page.
    pub copy_link: &'static str,
    pub born: fn(date: &str) -> String,
    pub child_heading: &'static str,
    pub guardians_heading: &'static str,
    pub responsibility: fn(has: bool) -> &'static str,
    pub holders_heading: &'static str,
    pub participants_heading: &'static str,
    /// "from 3 March 2026", with " to 1 June 2026" when it ended.
    pub period: fn(from: &str, to: Option<&str>) -> String,
    pub consents_heading: &'static str,
    /// "Given by Kari Berg: that the log is established", the time on its own line.
    pub consent: fn(given: bool, who: &str, action: &str) -> String,
    /// How it was given: `method` is digital, oral or paper.
    pub consent_how: fn(method: &str, at: &str, documented_by: Option<&str>) -> String,
    pub plan_heading: &'static str,
    pub goals_label: &'static str,
    pub measure: fn(responsible: &str, start: &str, evaluation: &str, status: &str) -> String,
    pub evaluation: fn(date: &str, by: &str) -> String,
    pub meetings_heading: &'static str,
    pub agenda_label: &'static str,
    pub minutes_label: fn(approved_by: &str) -> String,
    pub no_approved_minutes: &'static str,
    pub decisions_label: &'static str,
    pub entries_heading: &'static str,
    pub child_voice: &'static str,
    pub attachments_label: &'static str,
    pub attachment: fn(name: &str, kind: &str, bytes: i32, sha256: &str) -> String,
    pub none: &'static str,
    /// The case file's title in the archive: no name, the title is not screened.
    pub public_title: &'static str,
    pub audit_heading: &'static str,
    /// The audit chain's sealed head: event number, when, the HMAC and the key's id.
    pub audit_sealed: fn(event: i64, at: &str, mac: &str, key: &str) -> String,
    pub audit_unsealed: &'static str,
    /// On the closed log's pages.
    pub archived: fn(date: &str, reference: &str) -> String,
    pub waiting: &'static str,
    pub deletion_heading: &'static str,
    /// What deletion means: Stafett removes the content, the archived copy stays.
    pub deletion_intro: &'static str,
    pub deletion_open: &'static str,
    pub deletion_agree: &'static str,
    pub deletion_button: &'static str,
    pub deletion_requested: fn(by: &str, date: &str) -> String,
    /// The exact text of the demand, the evidence of who asked.
    pub deletion_demand: fn(child: &str) -> String,
    pub plan_heading_ip: &'static str,
    pub plan_intro_ip: &'static str,
    pub propose_ip_button: &'static str,
    pub ip_proposed: fn(by: &str, date: &str) -> String,
    pub ip_transferred: fn(date: &str) -> String,
}

/// The texts of who has been in a child's log.
#[derive(Debug)]
pub struct InsightTexts {
    pub link: &'static str,
    pub title: fn(child: &str) -> String,
    pub intro: &'static str,
    pub happening: fn(Happening) -> &'static str,
    pub role: fn(Role, unit: Option<&str>) -> String,
    pub older: &'static str,
    pub newest: &'static str,
    pub none: &'static str,
}

/// The texts of a family's own request for a log, and of the leader's answer.
#[derive(Debug)]
pub struct RequestTexts {
    pub link: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub child_label: &'static str,
    pub choice: fn(name: &str, age: u8, themself: bool) -> String,
    pub no_choices: &'static str,
    pub unit_label: &'static str,
    pub choose: &'static str,
    pub about_label: &'static str,
    pub about_hint: &'static str,
    pub send: &'static str,
    pub mine_heading: &'static str,
    pub none_yet: &'static str,
    pub waiting: fn(unit: &str) -> String,
    pub appointed: fn(holder: &str) -> String,
    pub give_consent: &'static str,
    pub asked_on: fn(day: &str) -> String,
    pub leader_heading: &'static str,
    pub asked_by: fn(by_youth: bool, day: &str) -> String,
    pub holder_label: &'static str,
    pub appoint: &'static str,
}

/// The texts of a unit leader's overview: the figures, the charts and the table behind each.
#[derive(Debug)]
pub struct LeaderTexts {
    pub figures_heading: &'static str,
    pub nothing_waiting: &'static str,
    /// Requests waiting for consent, and the longest wait in days.
    pub waiting: fn(count: usize, longest: i64) -> String,
    pub handovers: fn(usize) -> String,
    pub overdue: fn(u32) -> String,
    /// Open logs with no entry for this many days.
    pub quiet: fn(count: usize, days: i64) -> String,
    pub charts_heading: &'static str,
    pub by_month_title: &'static str,
    pub by_month_summary: fn(month: &str, requested: u32, open: u32, closed: u32) -> String,
    pub waits_title: &'static str,
    pub waits_summary: fn(consented: u32, waiting: u32) -> String,
    pub consented: &'static str,
    pub still_waiting: &'static str,
    pub wait: fn(Wait) -> &'static str,
    pub evaluations_title: &'static str,
    pub evaluations_summary: fn(on_time: u32, late: u32, missing: u32) -> String,
    pub on_time: &'static str,
    pub late: &'static str,
    pub missing: &'static str,
    pub show_table: &'static str,
    pub col_month: &'static str,
    pub col_wait: &'static str,
    pub col_total: &'static str,
    pub logs_heading: &'static str,
    pub col_waiting: &'static str,
    pub col_overdue: &'static str,
    pub col_last_entry: &'static str,
    pub days: fn(i64) -> String,
    pub no_entry: &'static str,
}

/// The texts of a person's list of logs and what on each needs them, and of the marks on
/// the log page that say the same.
#[derive(Debug)]
pub struct WorkbenchTexts {
    pub filter_label: &'static str,
    pub filter: fn(LogFilter) -> &'static str,
    pub order_label: &'static str,
    pub order: fn(LogOrder) -> &'static str,
    pub order_submit: &'static str,
    pub none_in_filter: &'static str,
    pub nothing_waiting: &'static str,
    pub holding: &'static str,
    pub consents_missing: fn(usize) -> String,
    pub evaluations_overdue: fn(usize) -> String,
    pub evaluations_soon: fn(usize) -> String,
    pub new_entries: fn(usize) -> String,
    pub handover_pending: &'static str,
    pub next_meeting: fn(&str) -> String,
    pub last_entry: fn(&str) -> String,
    pub new_entry: &'static str,
    pub due: fn(Due) -> &'static str,
    pub about_me: &'static str,
    pub log_overview: &'static str,
}

/// The texts of a log's plan and meetings.
#[derive(Debug)]
pub struct PlanTexts {
    pub invitation_subject: &'static str,
    pub invitation_body: fn(when: &str, link: &str) -> String,
    pub plan_link: &'static str,
    pub plan_title: fn(child: &str) -> String,
    pub back_to_log: &'static str,
    pub areas_heading: &'static str,
    pub no_areas: &'static str,
    pub add_area_heading: &'static str,
    pub title_label: &'static str,
    pub description_label: &'static str,
    pub add_area_button: &'static str,
    pub add_goal_heading: &'static str,
    pub add_goal_button: &'static str,
    pub goal_label: &'static str,
    pub no_goal: &'static str,
    pub measures_heading: &'static str,
    pub no_measures: &'static str,
    pub new_measure_heading: &'static str,
    pub edit_measure: &'static str,
    pub area_label: &'static str,
    pub responsible_label: &'static str,
    pub start_label: &'static str,
    pub evaluation_label: &'static str,
    pub status_label: &'static str,
    pub status: fn(MeasureStatus) -> &'static str,
    pub save_measure: &'static str,
    pub measure_line: fn(responsible: &str, evaluation: &str) -> String,
    pub evaluations_heading: &'static str,
    pub tried_label: &'static str,
    pub worked_label: &'static str,
    pub next_label: &'static str,
    pub evaluated_on_label: &'static str,
    pub add_evaluation_button: &'static str,
    pub meetings_link: &'static str,
    pub meetings_title: &'static str,
    pub no_meetings: &'static str,
    pub next_meeting_heading: &'static str,
    pub no_next_meeting: &'static str,
    pub call_heading: &'static str,
    /// The link from a meeting to calling the next, filled in from it.
    pub call_next: &'static str,
    /// Above the form filled in from the meeting on `date`.
    pub call_next_hint: fn(date: &str) -> String,
    pub date_label: &'static str,
    pub time_label: &'static str,
    pub duration_label: &'static str,
    pub minutes_long: fn(u32) -> String,
    pub place_label: &'static str,
    pub video_label: &'static str,
    pub invitees_label: &'static str,
    pub minute_taker_label: &'static str,
    pub nobody_yet: &'static str,
    pub agenda_label: &'static str,
    pub call_button: &'static str,
    pub meeting_title: fn(when: &str) -> String,
    pub called_by: fn(name: &str) -> String,
    pub approved_badge: &'static str,
    pub agenda_heading: &'static str,
    pub no_agenda: &'static str,
    pub propose_label: &'static str,
    pub propose_button: &'static str,
    pub proposed_by: fn(name: &str) -> String,
    pub minutes_heading: &'static str,
    pub no_minutes: &'static str,
    pub minutes_label: &'static str,
    pub save_minutes: &'static str,
    pub approve_button: &'static str,
    pub approved_by: fn(name: &str, at: &str) -> String,
    pub decisions_heading: &'static str,
    pub no_decisions: &'static str,
    pub decision_label: &'static str,
    pub about_measure: &'static str,
    /// The link from a decision about a measure to that measure in the plan.
    pub change_in_plan: &'static str,
    /// The link from a decision to a new measure made from it.
    pub make_measure: &'static str,
    pub made_measures: &'static str,
    /// Above the new measure's form, made from the decision of the meeting on `date`.
    pub from_decision: fn(date: &str) -> String,
    /// On a measure made from a decision of the meeting on `date`.
    pub decided_at: fn(date: &str) -> String,
    pub add_decision: &'static str,
    pub download_ics: &'static str,
    pub role: fn(MemberRole) -> &'static str,
    pub who_heading: &'static str,
    pub next_meeting_link: &'static str,
    pub log_sections: &'static str,
    /// The title of a meeting in a calendar: nothing of the log.
    pub ics_summary: &'static str,
    pub notice_subject: &'static str,
    pub notice_body: fn(NoticeKind, link: &str) -> String,
    pub digest_subject: &'static str,
    pub digest_body: fn(count: usize, link: &str) -> String,
    pub notify_heading: &'static str,
    pub notify_intro: &'static str,
    pub notify_choice: fn(NoticeChoice) -> &'static str,
    pub notify_save: &'static str,
}

/// The consent rules' reasons (see `consent_reason`). `action` completes "consent
/// to …"; names arrive joined.
#[derive(Debug)]
pub struct ConsentTexts {
    pub action: fn(ActionKind) -> &'static str,
    pub youth_decides: fn(age: u8, from: u8, action: &str) -> String,
    pub one_guardian: fn(age: u8, action: &str) -> String,
    pub every_guardian: fn(age: u8, action: &str) -> String,
    pub any_one_may: fn(action: &str) -> String,
    pub no_guardian: &'static str,
    /// Why sharing health information has a consent of its own.
    pub health_services: &'static str,
    /// Who gives it below 16, and the law.
    pub health_under_16: &'static str,
    pub not_needed: fn(age: u8) -> String,
    pub given: fn(names: &str) -> String,
    pub missing: fn(names: &str) -> String,
    pub withdrawn: fn(names: &str) -> String,
    /// The exact text a consenter agrees to; `unit` is " (Service name)" or empty.
    pub request: fn(action: &str, child: &str, unit: &str) -> String,
    /// The exact text of a digital withdrawal.
    pub withdrawal: fn(action: &str, child: &str, unit: &str) -> String,
    /// Joins the last two names: "Kari og Ola".
    pub and: &'static str,
    /// Joins the last two of any-one-of: "Kari eller Ola".
    pub or: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_selects_the_language() {
        assert_eq!(Lang::from_cookie_header("stafett_lang=nn"), Lang::Nn);
        assert_eq!(
            Lang::from_cookie_header("a=1; stafett_lang=en; b=2"),
            Lang::En
        );
        assert_eq!(Lang::from_cookie_header(""), Lang::Nb);
        assert_eq!(Lang::from_cookie_header("stafett_lang=de"), Lang::Nb);
        assert_eq!(Lang::from_cookie_header("xstafett_lang=en"), Lang::Nb);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }

    /// Completeness is guaranteed by the type; this catches texts left empty or copied
    /// untranslated from bokmål where the languages are known to differ.
    #[test]
    fn every_language_has_its_own_non_empty_texts() {
        for lang in Lang::ALL {
            let t = lang.texts();
            for text in [
                t.directory.directory_title,
                t.directory.filter_label,
                t.not_found_title,
                t.language_label,
            ] {
                assert!(!text.trim().is_empty(), "{lang:?}");
            }
            for kind in ServiceKind::ALL {
                assert!(!(t.directory.kind)(kind).is_empty(), "{lang:?} {kind:?}");
            }
        }
        assert_ne!(
            Lang::Nb.texts().directory.directory_title,
            Lang::Nn.texts().directory.directory_title
        );
        assert_ne!(
            Lang::Nb.texts().directory.directory_title,
            Lang::En.texts().directory.directory_title
        );
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(
            (Lang::Nb.texts().directory.showing)(2, 8),
            "Viser 2 av 8 enheter"
        );
        assert_eq!(
            (Lang::En.texts().directory.showing)(1, 8),
            "Showing 1 of 8 units"
        );
    }
}
