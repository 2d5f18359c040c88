//! The log as a document for the archive or the family: what
//! [`read`](app::server::log::record::read) found,
//! in the order a reader on paper needs it, in the language the family consented in.

use super::layout::{Block, Style};
use app::i18n::{ArchiveTexts, DateTexts, Texts};
use app::server::audit_seal::Checkpoint;
use app::server::log::record::{Area, LogRecord, Meeting, Period};
use app::server::oslo::oslo;
use time::OffsetDateTime;

/// Whom the document is for: the municipality's archive, with the audit chain's sealed head
/// (if the sealer had reached it), or the family, as they may see the log at that moment.
pub enum Purpose<'a> {
    Archive(Option<&'a Checkpoint>),
    Family { at: OffsetDateTime },
}

const INDENT: f32 = 14.0;

pub fn blocks(record: &LogRecord, purpose: &Purpose) -> Vec<Block> {
    let t = record.lang.texts();
    let a = &t.archive;
    let d = record.lang.dates();
    let moment = |at| d.moment(oslo(at));
    let intro = match purpose {
        Purpose::Archive(_) => (a.intro)(
            &record.municipality,
            &record.opened_at.map(moment).unwrap_or_default(),
            &record.closed_at.map(moment).unwrap_or_default(),
        ),
        Purpose::Family { at } => (a.family_intro)(&moment(*at)),
    };
    let mut out = vec![
        Block::new(Style::Title, (a.document_title)(&record.child_name)),
        Block::new(Style::Small, intro),
        Block::new(Style::Heading, a.child_heading),
        Block::new(Style::Body, record.child_name.as_str()),
        Block::new(Style::Small, (a.born)(&d.date(record.child_birth_date))),
        Block::new(Style::Heading, a.guardians_heading),
    ];
    let guardians = record.guardians.iter().map(|guardian| {
        let responsibility = (a.responsibility)(guardian.parental_responsibility);
        Block::new(Style::Body, format!("{}, {responsibility}", guardian.name))
    });
    push_or_none(&mut out, a, guardians);
    out.push(Block::new(Style::Heading, a.holders_heading));
    push_or_none(&mut out, a, periods(a, d, &record.holders));
    out.push(Block::new(Style::Heading, a.participants_heading));
    push_or_none(&mut out, a, periods(a, d, &record.participants));
    out.push(Block::new(Style::Heading, a.consents_heading));
    let consents = record.consents.iter().flat_map(|consent| {
        let action = consent
            .kind
            .map(|kind| (t.consent.action)(kind))
            .unwrap_or("");
        let action = match &consent.unit {
            Some(unit) => format!("{action} ({unit})"),
            None => action.to_string(),
        };
        [
            Block::new(
                Style::Subheading,
                (a.consent)(consent.given, &consent.consenter, &action),
            ),
            Block::new(
                Style::Small,
                (a.consent_how)(
                    &consent.method,
                    &moment(consent.at),
                    consent.documented_by.as_deref(),
                ),
            ),
            Block::new(Style::Body, consent.text_shown.as_str()).indented(INDENT),
        ]
    });
    push_or_none(&mut out, a, consents);
    out.push(Block::new(Style::Heading, a.plan_heading));
    push_or_none(
        &mut out,
        a,
        record.areas.iter().flat_map(|area| plan(t, d, area)),
    );
    out.push(Block::new(Style::Heading, a.meetings_heading));
    push_or_none(
        &mut out,
        a,
        record
            .meetings
            .iter()
            .flat_map(|meeting| meeting_blocks(t, d, meeting)),
    );
    out.push(Block::new(Style::Heading, a.entries_heading));
    let entries = record.entries.iter().flat_map(|entry| {
        let by = match &entry.unit_then {
            Some(unit) => format!("{}, {unit}", entry.author),
            None => entry.author.clone(),
        };
        let mut head = format!("{} · {by}", moment(entry.at));
        if entry.child_voice {
            head = format!("{head} · {}", a.child_voice);
        }
        let style = if entry.child_voice {
            Style::Voice
        } else {
            Style::Body
        };
        let mut blocks = vec![
            Block::new(Style::Subheading, head),
            Block::new(style, entry.body.as_str()),
        ];
        if !entry.attachments.is_empty() {
            blocks.push(Block::new(Style::Small, a.attachments_label));
            blocks.extend(entry.attachments.iter().map(|file| {
                let line = (a.attachment)(
                    &file.file_name,
                    &file.content_type,
                    file.size_bytes,
                    &file.sha256_hex,
                );
                Block::new(Style::Small, line).indented(INDENT)
            }));
        }
        blocks
    });
    push_or_none(&mut out, a, entries);
    if let Purpose::Archive(head) = purpose {
        out.push(Block::new(Style::Heading, a.audit_heading));
        out.push(Block::new(
            Style::Small,
            match head {
                Some(head) => (a.audit_sealed)(
                    head.last_event_id,
                    &moment(head.sealed_at),
                    &head.mac_hex,
                    &head.key_id,
                ),
                None => a.audit_unsealed.to_string(),
            },
        ));
    }
    out
}

fn push_or_none(out: &mut Vec<Block>, a: &ArchiveTexts, blocks: impl Iterator<Item = Block>) {
    let before = out.len();
    out.extend(blocks);
    if out.len() == before {
        out.push(Block::new(Style::Body, a.none));
    }
}

fn periods<'a>(
    a: &'a ArchiveTexts,
    d: &'a DateTexts,
    periods: &'a [Period],
) -> impl Iterator<Item = Block> + 'a {
    periods.iter().map(|period| {
        let mut line = period.name.clone();
        if let Some(unit) = period.unit.as_ref().filter(|unit| **unit != period.name) {
            line = format!("{line}, {unit}");
        }
        let to = period.to.map(|to| d.date(oslo(to).date()));
        line = format!(
            "{line}, {}",
            (a.period)(&d.date(oslo(period.from).date()), to.as_deref())
        );
        if let Some(responsibility) = &period.responsibility {
            line = format!("{line}. {responsibility}");
        }
        Block::new(Style::Body, line)
    })
}

fn plan(t: &Texts, d: &DateTexts, area: &Area) -> Vec<Block> {
    let a = &t.archive;
    let mut out = vec![Block::new(Style::Subheading, area.title.as_str())];
    out.extend(
        area.description
            .iter()
            .map(|text| Block::new(Style::Body, text.as_str())),
    );
    if !area.goals.is_empty() {
        out.push(Block::new(
            Style::Small,
            format!("{}: {}", a.goals_label, area.goals.join("; ")),
        ));
    }
    for measure in &area.measures {
        out.push(Block::new(Style::Body, measure.title.as_str()).indented(INDENT));
        out.extend(
            measure
                .description
                .iter()
                .map(|text| Block::new(Style::Body, text.as_str()).indented(INDENT)),
        );
        let status = measure.status.map(t.plan.status).unwrap_or("");
        out.push(
            Block::new(
                Style::Small,
                (a.measure)(
                    &measure.responsible,
                    &d.date(measure.start),
                    &d.date(measure.planned_evaluation),
                    status,
                ),
            )
            .indented(INDENT),
        );
        for evaluation in &measure.evaluations {
            out.push(
                Block::new(
                    Style::Small,
                    (a.evaluation)(&d.date(evaluation.on), &evaluation.by),
                )
                .indented(2.0 * INDENT),
            );
            for (label, text) in [
                (t.plan.tried_label, &evaluation.tried),
                (t.plan.worked_label, &evaluation.worked),
                (t.plan.next_label, &evaluation.next),
            ] {
                out.push(Block::new(Style::Body, format!("{label} {text}")).indented(2.0 * INDENT));
            }
        }
    }
    out
}

fn meeting_blocks(t: &Texts, d: &DateTexts, meeting: &Meeting) -> Vec<Block> {
    let a = &t.archive;
    let mut head = d.moment(oslo(meeting.starts_at));
    if let Some(place) = &meeting.place {
        head = format!("{head}, {place}");
    }
    let mut out = vec![Block::new(Style::Subheading, head)];
    if !meeting.agenda.is_empty() {
        out.push(Block::new(Style::Small, a.agenda_label));
        out.extend(
            meeting
                .agenda
                .iter()
                .map(|item| Block::new(Style::Body, format!("– {item}")).indented(INDENT)),
        );
    }
    match (&meeting.minutes, &meeting.approved_by) {
        (Some(minutes), Some(by)) => {
            out.push(Block::new(Style::Small, (a.minutes_label)(by)));
            out.push(Block::new(Style::Body, minutes.as_str()).indented(INDENT));
        }
        _ => out.push(Block::new(Style::Small, a.no_approved_minutes)),
    }
    if !meeting.decisions.is_empty() {
        out.push(Block::new(Style::Small, a.decisions_label));
        out.extend(
            meeting
                .decisions
                .iter()
                .map(|decision| Block::new(Style::Body, format!("– {decision}")).indented(INDENT)),
        );
    }
    out
}
