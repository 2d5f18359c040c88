use crate::domain::access::{Capacity, LogStatus};
use crate::domain::attention::Due;
use crate::domain::consent::{Action, Choice};
use crate::domain::plan::MeasureStatus;
use crate::model::meeting::MeetingSummary;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// A log's content as one person may see it, after the gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogView {
    pub log_id: Uuid,
    pub child_name: String,
    pub status: LogStatus,
    pub capacity: Capacity,
    pub holder: Option<PartyView>,
    pub participants: Vec<PartyView>,
    /// The next meeting not yet over.
    pub next_meeting: Option<MeetingSummary>,
    /// The measures not yet completed or stopped, next evaluation first.
    pub measures: Vec<MeasureLine>,
    /// A page of entries, newest first.
    pub entries: Vec<EntryView>,
    /// The entry to go on from for older entries, if there are any.
    pub older: Option<Uuid>,
}

/// A measure at a glance: what, who is responsible, when it is evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureLine {
    pub title: String,
    pub responsible_name: String,
    pub status: MeasureStatus,
    pub evaluation_date: Date,
    /// Whether its evaluation is coming up or overdue.
    pub due: Option<Due>,
}

/// Someone taking part, with how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyView {
    pub name: String,
    pub unit_name: Option<String>,
    pub responsibility: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// For the holder only: why notices do not reach them (none for anyone else).
    #[serde(default)]
    pub unreachable: Option<crate::domain::contact::Unreachable>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    pub entry_id: Uuid,
    pub author_name: String,
    pub body: String,
    pub is_child_voice: bool,
    /// Written by someone else since the reader last opened the log.
    pub is_new: bool,
    /// At Oslo's offset, as every moment a user sees.
    #[serde(with = "time::serde::rfc3339")]
    pub written_at: OffsetDateTime,
    /// Written by the person reading: they may attach files to it.
    pub mine: bool,
    pub attachments: Vec<AttachmentView>,
}

/// A file on an entry, downloaded through the gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub attachment_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
}

/// One consent record, for the history the consenters and the holder see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub consenter_name: String,
    pub action: Action,
    pub unit_name: Option<String>,
    pub choice: Choice,
    /// digital, oral or paper.
    pub method: String,
    pub documented_by_name: Option<String>,
    pub text_shown: String,
    pub text_language: String,
    pub explained_consequences: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
}

/// A log in someone's list: only what they may see of it, and what on it needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogSummary {
    pub log_id: Uuid,
    pub child_name: String,
    pub status: LogStatus,
    /// Whether the content is open to this person now.
    pub can_read: bool,
    /// How many decisions wait for this person.
    pub waiting_for_me: usize,
    /// The person holds the log: the consents it waits for and a handover are theirs to
    /// follow up.
    pub holding: bool,
    /// Consents the log waits for, from anyone.
    pub consents_waiting: usize,
    /// A handover of the log waits for an answer.
    pub handover_pending: bool,
    /// What its content asks for; only when the content is open to the person.
    pub activity: Option<Activity>,
}

/// What a log's content asks of a reader soon, without any of the content itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Entries by others since the person last opened the log.
    pub new_entries: usize,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_entry: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub next_meeting: Option<OffsetDateTime>,
    /// The next meeting is within the week.
    pub meeting_soon: bool,
    pub evaluations_soon: usize,
    pub evaluations_overdue: usize,
}

impl LogSummary {
    /// How many things on the log wait for this person: their own decisions, and for the
    /// holder the consents, evaluations and handover to follow up; new entries count once.
    pub fn needs(&self) -> usize {
        let activity = self.activity.clone().unwrap_or_default();
        let holder = if self.holding {
            self.consents_waiting
                + activity.evaluations_soon
                + activity.evaluations_overdue
                + usize::from(self.handover_pending)
        } else {
            0
        };
        self.waiting_for_me + holder + usize::from(activity.new_entries > 0)
    }
}

/// Which of their logs a person looks at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFilter {
    #[default]
    All,
    /// Those with something waiting for the person.
    NeedsMe,
    /// Those the person holds.
    Holding,
    Closed,
}

/// In which order a person's logs are listed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogOrder {
    /// Most waiting for the person first, then the latest activity.
    #[default]
    Needs,
    /// The latest entry first.
    Activity,
    /// The next meeting first.
    Meeting,
    /// By the child's name.
    Name,
}

impl LogFilter {
    pub const ALL: [LogFilter; 4] = [
        LogFilter::All,
        LogFilter::NeedsMe,
        LogFilter::Holding,
        LogFilter::Closed,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            LogFilter::All => "all",
            LogFilter::NeedsMe => "needs_me",
            LogFilter::Holding => "holding",
            LogFilter::Closed => "closed",
        }
    }

    /// An unknown code shows everything rather than an error page.
    pub fn from_code(code: &str) -> LogFilter {
        Self::ALL
            .into_iter()
            .find(|filter| filter.code() == code)
            .unwrap_or_default()
    }

    pub fn admits(self, log: &LogSummary) -> bool {
        match self {
            LogFilter::All => true,
            LogFilter::NeedsMe => log.needs() > 0,
            LogFilter::Holding => log.holding,
            LogFilter::Closed => log.status == LogStatus::Closed,
        }
    }
}

impl LogOrder {
    pub const ALL: [LogOrder; 4] = [
        LogOrder::Needs,
        LogOrder::Activity,
        LogOrder::Meeting,
        LogOrder::Name,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            LogOrder::Needs => "needs",
            LogOrder::Activity => "activity",
            LogOrder::Meeting => "meeting",
            LogOrder::Name => "name",
        }
    }

    pub fn from_code(code: &str) -> LogOrder {
        Self::ALL
            .into_iter()
            .find(|order| order.code() == code)
            .unwrap_or_default()
    }

    /// Sorts `logs` in this order; ties keep the order they came in (newest log first).
    pub fn sort(self, logs: &mut [LogSummary]) {
        let last_entry = |log: &LogSummary| log.activity.as_ref().and_then(|a| a.last_entry);
        let next_meeting = |log: &LogSummary| log.activity.as_ref().and_then(|a| a.next_meeting);
        match self {
            LogOrder::Needs => logs.sort_by(|a, b| {
                b.needs()
                    .cmp(&a.needs())
                    .then_with(|| last_entry(b).cmp(&last_entry(a)))
            }),
            // `None` sorts first in `Option`'s order: logs without one go last.
            LogOrder::Activity => logs.sort_by_key(|log| std::cmp::Reverse(last_entry(log))),
            LogOrder::Meeting => {
                logs.sort_by_key(|log| (next_meeting(log).is_none(), next_meeting(log)))
            }
            LogOrder::Name => logs.sort_by_cached_key(|log| name_key(&log.child_name)),
        }
    }
}

/// A name as Norwegian sorts it: letters case-blind, and æ, ø, å after z in that order
/// (Unicode has å before æ).
fn name_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' => u32::from('z') + 1,
            'ø' => u32::from('z') + 2,
            'å' => u32::from('z') + 3,
            c => u32::from(c),
        })
        .collect()
}

/// A decision the consent rules give this person on a log, with the exact text to agree to
/// (or withdraw with) and why it is theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDecision {
    pub action: Action,
    pub unit_name: Option<String>,
    /// Their latest decision, if any.
    pub mine: Option<Choice>,
    /// Whether what it covers is in force now.
    pub in_force: bool,
    pub reason: String,
    /// The text of the next step: consenting if they have not, withdrawing if they have.
    pub text: String,
    /// For consenting to a transition, the texts to choose between (the sending unit leaves
    /// on the agreed date, or stays), `text` first; otherwise empty.
    pub alternatives: Vec<String>,
    /// For a child's own login: whether the child has one already.
    pub child_has_login: bool,
    /// And, for a guardian with parental responsibility, its username and whether it is
    /// locked.
    pub child_login: Option<ChildLoginState>,
}

/// A child's own login as their guardian sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildLoginState {
    pub username: String,
    /// Failed attempts have locked it (from somewhere, or its one-time codes).
    pub locked: bool,
}

/// A consent in force that its giver could withdraw orally, for the holder to document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandingConsent {
    pub consenter_id: Uuid,
    pub consenter_name: String,
    pub action: Action,
    pub unit_name: Option<String>,
}

/// What the person may do with the log as a whole now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPermissions {
    /// The content is open to the person now: the log's other sections are theirs to see.
    pub can_read: bool,
    pub can_close: bool,
    pub can_reopen: bool,
    /// The holder may tell the family the log will close (none is running).
    pub can_give_notice: bool,
    /// The holder may close on the notice now.
    pub can_close_on_notice: bool,
    /// The person decides on closing and may object to the notice running.
    pub can_object: bool,
    /// The holder may take the request back (it has no consent yet).
    pub can_cancel: bool,
    /// The holder's latest notice of closing, while it runs or since it was objected to.
    pub closing: Option<ClosingState>,
    /// For the holder: when the population register last
    /// changed the child's guardians, parental responsibility or residence since the log
    /// was asked for.
    #[serde(with = "time::serde::rfc3339::option")]
    pub family_changed: Option<OffsetDateTime>,
    /// For a closed log: whether its copy has reached the municipality's archive.
    pub archive: Option<ArchiveState>,
    /// For one who may demand the content's deletion and has not: the exact text of the
    /// demand.
    pub deletion_text: Option<String>,
    /// The demand for deletion, once made.
    pub deletion_requested: Option<DeletionRequest>,
    /// The child or a guardian who reads the log may download a copy of all of it.
    pub can_export: bool,
    /// The holder may propose a transfer to an Individual Plan (none is proposed).
    pub can_propose_individual_plan: bool,
    /// The proposal, and the transfer once the family consented.
    pub individual_plan: Option<IndividualPlanState>,
}

/// A proposed transfer to an Individual Plan, and when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndividualPlanState {
    pub proposed_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub proposed_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub transferred_at: Option<OffsetDateTime>,
}

/// Who demanded that the log's information be deleted, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionRequest {
    pub by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A closed log's copy in the municipality's archive: filed, with the archive's reference,
/// or on its way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveState {
    #[serde(with = "time::serde::rfc3339::option")]
    pub archived_at: Option<OffsetDateTime>,
    pub reference: Option<String>,
}

/// One part in a log taken by a member of staff: now, or until they left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub participant_id: Uuid,
    pub name: String,
    pub unit_name: Option<String>,
    pub responsibility: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub joined_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub left_at: Option<OffsetDateTime>,
    /// The day they leave, agreed in a transition (the sending unit's part).
    pub leaves_on: Option<Date>,
    /// The reader's own part: theirs to keep up to date, and to leave.
    pub mine: bool,
}

/// The parts in a log, and whether the reader may take others' out (the holder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participations {
    pub child_name: String,
    pub parts: Vec<Participation>,
    pub holds: bool,
}

/// The holder's notice that a log will close, as those who read its consents see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingState {
    pub given_by: String,
    pub reason: String,
    #[serde(with = "time::serde::rfc3339")]
    pub given_at: OffsetDateTime,
    /// The first day the holder may close on it.
    pub closes_from: time::Date,
    /// Who objected, what they wrote, and when.
    pub objection: Option<Objection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    pub by: String,
    pub text: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A child as the population register has them, reduced to what a holder needs to ask for
/// a log: names and age, never addresses or numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookedUpChild {
    pub lookup_id: Uuid,
    pub unit_id: Uuid,
    pub child_name: String,
    pub age: u8,
    pub guardians: Vec<LookupGuardian>,
    /// The child has fixed residence with both parents: both must consent.
    pub both_must_consent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupGuardian {
    pub name: String,
    pub has_parental_responsibility: bool,
}

/// The services to involve in a log for the child of a lookup. Nothing about the family is
/// taken from the form: the register is read again when the log is created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRequest {
    pub lookup_id: Uuid,
    /// "unit_id/person_id": a member of staff taking part for their service.
    pub first_service: String,
    #[serde(default)]
    pub second_service: String,
}

/// A member of staff who can take part, for the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffChoice {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub person_id: Uuid,
    pub name: String,
    pub job_title: Option<String>,
}

impl StaffChoice {
    /// "PPT Fjordvik – Maja Eide (PP-rådgiver)", as a list of choices shows them.
    pub fn label(&self) -> String {
        match &self.job_title {
            Some(title) => format!("{} – {} ({title})", self.unit_name, self.name),
            None => format!("{} – {}", self.unit_name, self.name),
        }
    }

    /// The value a form sends for this choice: "<unit id>/<person id>".
    pub fn value(&self) -> String {
        format!("{}/{}", self.unit_id, self.person_id)
    }
}

/// One lookup in the population register by a member of a unit, for its leader: who, when,
/// for which unit and what came of it. The number is shown only by its birth date part,
/// enough to see a pattern without handing the leader the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterLookupRecord {
    #[serde(with = "time::serde::rfc3339")]
    pub looked_up_at: OffsetDateTime,
    pub staff_name: String,
    pub unit_name: String,
    /// The first six digits of the number, the rest hidden.
    pub number_hint: String,
    /// found, unknown, deceased, emigrated, not_resident, adult or unavailable.
    pub outcome: String,
}

/// The longest entry, as the database allows.
pub const ENTRY_MAX_CHARS: usize = 20_000;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn log(name: &str) -> LogSummary {
        LogSummary {
            log_id: Uuid::from_u128(name.len() as u128),
            child_name: name.to_string(),
            status: LogStatus::Open,
            can_read: true,
            waiting_for_me: 0,
            holding: false,
            consents_waiting: 0,
            handover_pending: false,
            activity: Some(Activity::default()),
        }
    }

    fn active(name: &str, activity: Activity) -> LogSummary {
        LogSummary {
            activity: Some(activity),
            ..log(name)
        }
    }

    fn names(logs: &[LogSummary]) -> Vec<&str> {
        logs.iter().map(|log| log.child_name.as_str()).collect()
    }

    #[test]
    fn what_the_holder_follows_up_counts_only_for_the_holder() {
        let mut waiting = log("Sara");
        waiting.consents_waiting = 2;
        waiting.handover_pending = true;
        waiting.activity = Some(Activity {
            evaluations_overdue: 1,
            new_entries: 5,
            ..Activity::default()
        });
        assert_eq!(waiting.needs(), 1, "a participant: only the new entries");
        waiting.holding = true;
        assert_eq!(waiting.needs(), 5);
        waiting.waiting_for_me = 1;
        assert_eq!(waiting.needs(), 6);
    }

    #[test]
    fn most_waiting_first_then_the_latest_activity() {
        let quiet = active(
            "Quiet",
            Activity {
                last_entry: Some(datetime!(2026-11-29 10:00 +1)),
                ..Activity::default()
            },
        );
        let mut busy = log("Busy");
        busy.waiting_for_me = 2;
        let recent = active(
            "Recent",
            Activity {
                last_entry: Some(datetime!(2026-11-30 08:00 +1)),
                ..Activity::default()
            },
        );
        let mut logs = vec![quiet, busy, recent];
        LogOrder::Needs.sort(&mut logs);
        assert_eq!(names(&logs), ["Busy", "Recent", "Quiet"]);
        LogOrder::Activity.sort(&mut logs);
        assert_eq!(names(&logs), ["Recent", "Quiet", "Busy"]);
    }

    #[test]
    fn the_next_meeting_first_and_logs_without_one_last() {
        let later = active(
            "Later",
            Activity {
                next_meeting: Some(datetime!(2026-12-10 09:00 +1)),
                ..Activity::default()
            },
        );
        let none = log("None");
        let sooner = active(
            "Sooner",
            Activity {
                next_meeting: Some(datetime!(2026-12-01 09:00 +1)),
                ..Activity::default()
            },
        );
        let mut logs = vec![later, none, sooner];
        LogOrder::Meeting.sort(&mut logs);
        assert_eq!(names(&logs), ["Sooner", "Later", "None"]);
    }

    #[test]
    fn names_sort_as_norwegian_does() {
        let mut logs = ["Åse", "Øyvind", "ola", "Ærlend", "Zara", "Anna"]
            .map(log)
            .to_vec();
        LogOrder::Name.sort(&mut logs);
        assert_eq!(
            names(&logs),
            ["Anna", "ola", "Zara", "Ærlend", "Øyvind", "Åse"]
        );
    }

    #[test]
    fn a_filter_admits_what_it_names_and_unknown_codes_show_all() {
        let mut held = log("Held");
        held.holding = true;
        let mut closed = log("Closed");
        closed.status = LogStatus::Closed;
        let mut waiting = log("Waiting");
        waiting.waiting_for_me = 1;
        let logs = [held, closed, waiting];
        let admitted = |filter: LogFilter| {
            logs.iter()
                .filter(|log| filter.admits(log))
                .map(|log| log.child_name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(admitted(LogFilter::All), ["Held", "Closed", "Waiting"]);
        assert_eq!(admitted(LogFilter::NeedsMe), ["Waiting"]);
        assert_eq!(admitted(LogFilter::Holding), ["Held"]);
        assert_eq!(admitted(LogFilter::Closed), ["Closed"]);
        assert_eq!(LogFilter::from_code("nonsense"), LogFilter::All);
        assert_eq!(LogOrder::from_code("meeting"), LogOrder::Meeting);
    }
}
