//! The logs a person is part of, and the decisions the consent rules give them on one.

use crate::domain::access::{LogAction, LogFacts, LogStatus};
use crate::domain::attention::{evaluation_due, meeting_soon, Due};
use crate::domain::closing;
use crate::domain::consent::{age_on, decide, Action, ActionKind, Choice, ConsentEvent, Outcome};
use crate::domain::plan::MeasureStatus;
use crate::i18n::consent_reason;
use crate::i18n::Lang;
use crate::model::error::ApiError;
use crate::model::identity::Identity;
use crate::model::log::{
    Activity, ArchiveState, DeletionRequest, IndividualPlanState, LogPermissions, LogSummary,
    MyDecision, StandingConsent,
};
use crate::server::gate::{
    self, ContentTx, DocumentWithdrawal, Granted, Permission, ReadConsentHistory, ReadContent,
    ReadSummary,
};
use crate::server::log::decisions::{consent_options, consent_text};
use crate::server::log::individual_plan;
use crate::server::oslo::oslo;
use serde::Deserialize;
use serde_json::json;
use sqlx::types::Json;
use sqlx::PgPool;
use std::collections::HashMap;
use time::Date;
use uuid::Uuid;

/// Every log the person is the child, a responsible guardian, the holder or a participant
/// of, newest first, each shown as far as the gate allows: a log they may neither read nor
/// decide on is left out.
pub async fn my_logs(pool: &PgPool, identity: &Identity) -> Result<Vec<LogSummary>, ApiError> {
    let candidates = sqlx::query_scalar!(
        "select l.log_id from log l
         where l.deleted_at is null and l.status <> 'cancelled' and (
             l.child_id = $1
             or exists (select 1 from guardianship g where g.child_id = l.child_id
                        and g.guardian_id = $1 and g.has_parental_responsibility)
             or exists (select 1 from holder_assignment h where h.log_id = l.log_id
                        and h.person_id = $1 and h.ended_at is null)
             or exists (select 1 from participant p where p.log_id = l.log_id
                        and p.person_id = $1 and p.left_at is null))
         order by l.created_at desc",
        identity.person_id
    )
    .fetch_all(pool)
    .await?;
    let mut tx = ContentTx::begin(pool, identity).await?;
    let mut summaries = Vec::new();
    for log_id in candidates {
        // A log the person may neither read nor decide on now is left out.
        let grant = match gate::grant(&mut tx, log_id, ReadSummary).await {
            Ok(grant) => grant,
            Err(ApiError::NotFound | ApiError::Denied { .. }) => continue,
            Err(error) => return Err(error),
        };
        let facts = grant.facts();
        let mut waiting_for_me = 0;
        let mut consents_waiting = 0;
        // A child's own login is offered, never waited for.
        for action in actions(&mut tx, &grant).await? {
            let decision = decide(&facts.family, action, facts.today, history(facts, action));
            if action == Action::ChildOwnAccess || !matches!(decision.outcome, Outcome::Missing(_))
            {
                continue;
            }
            consents_waiting += 1;
            if decision.may_decide(identity.person_id) {
                waiting_for_me += 1;
            }
        }
        let listed = sqlx::query!(
            r#"select (select given_name || ' ' || family_name from person
                       where person_id = $1) as "child_name!",
                      exists (select 1 from handover_offer
                              where log_id = $2 and state = 'pending') as "handover_pending!""#,
            facts.family.child_id,
            log_id
        )
        .fetch_one(tx.conn())
        .await?;
        let activity = match gate::also(&grant, ReadContent) {
            Some(content) => Some(activity(&mut tx, &content).await?),
            None => None,
        };
        tx.record(
            &grant,
            "log.listed",
            json!({ "activity": activity.is_some() }),
        )
        .await?;
        summaries.push(LogSummary {
            log_id,
            child_name: listed.child_name,
            status: facts.status,
            can_read: activity.is_some(),
            waiting_for_me,
            holding: grant.holds(),
            consents_waiting,
            handover_pending: listed.handover_pending,
            activity,
        });
    }
    tx.commit().await?;
    Ok(summaries)
}

/// What a log's content asks of the reader soon, counted and dated without any of the
/// content itself: entries new to them, the latest entry, the next meeting, evaluations due.
async fn activity(
    tx: &mut ContentTx,
    grant: &Granted<ReadContent>,
) -> Result<Activity, sqlx::Error> {
    #[derive(Debug, Deserialize)]
    struct Going {
        status: MeasureStatus,
        planned: Date,
        last_evaluated: Option<Date>,
    }
    let row = sqlx::query!(
        r#"select
               (select count(*) from entry e
                where e.log_id = $1 and e.author_id <> $2
                  and coalesce(e.created_at > (select v.seen_at from log_visit v
                                               where v.person_id = $2 and v.log_id = $1),
                               true)) as "new_entries!",
               (select max(e.created_at) from entry e where e.log_id = $1) as last_entry,
               (select min(m.starts_at) from meeting m
                where m.log_id = $1 and m.ends_at >= now()) as next_meeting,
               coalesce((select json_agg(json_build_object(
                             'status', m.status, 'planned', m.planned_evaluation_date,
                             'last_evaluated', (select max(v.evaluated_on) from evaluation v
                                                where v.measure_id = m.measure_id)))
                         from measure m
                         where m.log_id = $1 and m.status in ('planned', 'active', 'paused')),
                        '[]'::json) as "measures!: Json<Vec<Going>>""#,
        grant.log_id(),
        grant.person_id()
    )
    .fetch_one(tx.conn())
    .await?;
    let today = grant.facts().today;
    let dues: Vec<Due> = row
        .measures
        .0
        .iter()
        .filter_map(|m| evaluation_due(m.status, m.planned, m.last_evaluated, today))
        .collect();
    let next_meeting = row.next_meeting.map(oslo);
    Ok(Activity {
        new_entries: usize::try_from(row.new_entries).unwrap_or(0),
        last_entry: row.last_entry.map(oslo),
        next_meeting,
        meeting_soon: next_meeting.is_some_and(|at| meeting_soon(at.date(), today)),
        evaluations_soon: dues.iter().filter(|due| **due == Due::Soon).count(),
        evaluations_overdue: dues.iter().filter(|due| **due == Due::Overdue).count(),
    })
}

/// The consents that matter for this log now: establishing it, each service (the holder's
/// and every participant's), sharing health information when a service shares it, a
/// child's own login before 15, and reopening when closed.
async fn actions<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
) -> Result<Vec<Action>, sqlx::Error> {
    let facts = grant.facts();
    let units = sqlx::query_scalar!(
        r#"select unit_id as "unit_id!" from (
               select unit_id, started_at as since from holder_assignment
               where log_id = $1 and ended_at is null
               union all
               select unit_id, joined_at from participant
               where log_id = $1 and left_at is null and unit_id is not null
           ) as u
           group by unit_id order by min(since), unit_id"#,
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;
    // A unit a transition goes (or went) to comes in on the consent to that transition.
    let transitions = sqlx::query_scalar!(
        "select to_unit_id from transition where log_id = $1 and cancelled_at is null
         order by started_at",
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;
    let mut actions = vec![Action::EstablishLog];
    actions.extend(
        units
            .into_iter()
            .filter(|unit| !transitions.contains(unit))
            .map(Action::InvolveService),
    );
    actions.extend(transitions.into_iter().map(Action::Transition));
    // The health station, the GP, … take part only with this consent too.
    if !facts.health_units.is_empty() {
        actions.push(Action::ShareHealthInformation);
    }
    if age_on(facts.family.birth_date, facts.today) < 15 {
        actions.push(Action::ChildOwnAccess);
    }
    if facts.status == LogStatus::Closed && !facts.deletion_demanded() {
        actions.push(Action::Reopen);
    }
    if facts.status == LogStatus::Open && individual_plan::proposed(tx, grant.log_id()).await? {
        actions.push(Action::TransferToIndividualPlan);
    }
    Ok(actions)
}

/// The consents that count for `action`: for reopening, those since the log was closed.
fn history(facts: &LogFacts, action: Action) -> &[ConsentEvent] {
    if action == Action::Reopen {
        &facts.since_closed
    } else {
        &facts.history
    }
}

/// The decisions the acting person has on the log, in `lang`.
pub async fn decisions(
    tx: &mut ContentTx,
    grant: &Granted<ReadConsentHistory>,
    lang: Lang,
) -> Result<Vec<MyDecision>, sqlx::Error> {
    let me = grant.person_id();
    let facts = grant.facts();
    let mut ids: Vec<Uuid> = facts.family.guardians.iter().map(|g| g.person_id).collect();
    ids.push(facts.family.child_id);
    let names: HashMap<Uuid, String> = sqlx::query!(
        r#"select person_id, given_name || ' ' || family_name as "name!" from person
           where person_id = any($1)"#,
        &ids
    )
    .fetch_all(tx.conn())
    .await?
    .into_iter()
    .map(|row| (row.person_id, row.name))
    .collect();
    let child_has_login = sqlx::query_scalar!(
        r#"select exists (select 1 from child_account where person_id = $1) as "exists!""#,
        facts.family.child_id
    )
    .fetch_one(tx.conn())
    .await?;
    let child_login = sqlx::query_as!(
        crate::model::log::ChildLoginState,
        r#"select username as "username!", locked as "locked!" from child_login_state($1)"#,
        facts.family.child_id
    )
    .fetch_optional(tx.conn())
    .await?;
    let mut decisions = Vec::new();
    for action in actions(tx, grant).await? {
        let events = history(facts, action);
        let decision = decide(&facts.family, action, facts.today, events);
        if !decision.may_decide(me) {
            continue;
        }
        let mine = events
            .iter()
            .rev()
            .find(|event| event.action == action && event.consenter == me)
            .map(|event| event.choice);
        let next = match mine {
            Some(Choice::Given) => Choice::Withdrawn,
            _ => Choice::Given,
        };
        let unit_name = match action.unit() {
            Some(unit) => {
                sqlx::query_scalar!("select name from unit where unit_id = $1", unit)
                    .fetch_optional(tx.conn())
                    .await?
            }
            None => None,
        };
        let options = consent_options(tx, grant, action, next, lang).await?;
        let mut texts: Vec<String> = options.into_iter().map(|(_, text)| text).collect();
        let text = texts.first().cloned().unwrap_or_default();
        if texts.len() < 2 {
            texts.clear();
        }
        let alternatives = texts;
        decisions.push(MyDecision {
            action,
            unit_name,
            mine,
            in_force: decision.allows(),
            reason: consent_reason(&decision, lang, |id| {
                names.get(&id).cloned().unwrap_or_default()
            }),
            text,
            alternatives,
            child_has_login: action == Action::ChildOwnAccess && child_has_login,
            child_login: child_login
                .clone()
                .filter(|_| action == Action::ChildOwnAccess),
        });
    }
    let read = json!({ "decisions": decisions.len() });
    tx.record(grant, "consent.decisions_read", read).await?;
    Ok(decisions)
}

/// Each consent whose giver's latest decision is to give it and who still decides it.
pub async fn standing(
    tx: &mut ContentTx,
    grant: &Granted<DocumentWithdrawal>,
) -> Result<Vec<StandingConsent>, sqlx::Error> {
    let facts = grant.facts();
    let mut seen: Vec<(Uuid, Action)> = Vec::new();
    let mut standing = Vec::new();
    // Newest first: the first decision met for a person and consent is their latest.
    for event in facts.history.iter().rev() {
        let key = (event.consenter, event.action);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let withdrawable = event.choice == Choice::Given
            && event.action.kind() != ActionKind::Close
            && decide(&facts.family, event.action, facts.today, &facts.history)
                .may_decide(event.consenter);
        if withdrawable {
            standing.push(key);
        }
    }
    standing.reverse();
    let mut result = Vec::with_capacity(standing.len());
    for (consenter, action) in standing {
        let names = sqlx::query!(
            r#"select (select given_name || ' ' || family_name from person where person_id = $1) as "person!",
                      (select name from unit where unit_id = $2) as unit"#,
            consenter,
            action.unit()
        )
        .fetch_one(tx.conn())
        .await?;
        result.push(StandingConsent {
            consenter_id: consenter,
            consenter_name: names.person,
            action,
            unit_name: names.unit,
        });
    }
    let read = json!({ "consents": result.len() });
    tx.record(grant, "consent.standing_read", read).await?;
    Ok(result)
}

/// Whether the person may close or reopen the log now; for the holder, when the population
/// register last changed the child's family.
pub async fn permissions(
    tx: &mut ContentTx,
    grant: &Granted<ReadSummary>,
) -> Result<LogPermissions, sqlx::Error> {
    let family_changed = if grant.holds() {
        family_changed(tx, grant.log_id()).await?
    } else {
        None
    };
    let closing = crate::server::log::closing::state(tx, grant).await?;
    let notice = closing.as_ref().map(|(notice, _)| notice);
    let archive = sqlx::query!(
        "select archived_at, archive_reference from log where log_id = $1 and status = 'closed'",
        grant.log_id()
    )
    .fetch_optional(tx.conn())
    .await?
    .map(|row| ArchiveState {
        archived_at: row.archived_at.map(crate::server::oslo::oslo),
        reference: row.archive_reference,
    });
    let deletion_requested = sqlx::query!(
        r#"select l.deletion_requested_at as "at!", p.given_name || ' ' || p.family_name as "by!"
           from log l join person p on p.person_id = l.deletion_requested_by
           where l.log_id = $1"#,
        grant.log_id()
    )
    .fetch_optional(tx.conn())
    .await?
    .map(|row| DeletionRequest {
        by: row.by,
        at: crate::server::oslo::oslo(row.at),
    });
    let individual_plan = sqlx::query!(
        r#"select l.transfer_proposed_at as "at!", l.transferred_to_individual_plan_at,
                  p.given_name || ' ' || p.family_name as "by!"
           from log l join person p on p.person_id = l.transfer_proposed_by
           where l.log_id = $1"#,
        grant.log_id()
    )
    .fetch_optional(tx.conn())
    .await?
    .map(|row| IndividualPlanState {
        proposed_by: row.by,
        proposed_at: crate::server::oslo::oslo(row.at),
        transferred_at: row
            .transferred_to_individual_plan_at
            .map(crate::server::oslo::oslo),
    });
    let deletion_text = if deletion_requested.is_none() && grant.allows(LogAction::RequestDeletion)
    {
        let lang = crate::i18n::request_lang();
        Some(consent_text(tx, grant, Action::Delete, Choice::Given, lang).await?)
    } else {
        None
    };
    let holder_closes = grant.allows(LogAction::GiveClosingNotice);
    Ok(LogPermissions {
        can_read: grant.allows(LogAction::ReadContent),
        can_close: grant.allows(LogAction::Close),
        can_reopen: grant.allows(LogAction::Reopen) && !grant.facts().deletion_demanded(),
        can_give_notice: holder_closes && closing::may_give_notice(notice).is_ok(),
        can_close_on_notice: holder_closes
            && closing::holder_may_close(notice, grant.facts().today).is_ok(),
        can_object: grant.allows(LogAction::ObjectToClosing) && closing::may_object(notice).is_ok(),
        can_cancel: grant.allows(LogAction::Cancel),
        closing: closing.map(|(_, state)| state),
        family_changed,
        archive,
        deletion_text,
        deletion_requested,
        can_export: grant.allows(LogAction::ExportForFamily),
        can_propose_individual_plan: individual_plan.is_none()
            && grant.allows(LogAction::ProposeIndividualPlan),
        individual_plan,
    })
}

/// When the population register last changed the family of the log's child, if it did after
/// the log was asked for: the holder is told, as whose consent counts may have changed.
async fn family_changed(
    tx: &mut ContentTx,
    log_id: Uuid,
) -> Result<Option<time::OffsetDateTime>, sqlx::Error> {
    let changed = sqlx::query_scalar!(
        r#"select c.family_changed_at as "changed!"
           from log l join child c on c.person_id = l.child_id
           where l.log_id = $1 and c.family_changed_at > l.created_at"#,
        log_id
    )
    .fetch_optional(tx.conn())
    .await?;
    Ok(changed.map(crate::server::oslo::oslo))
}
