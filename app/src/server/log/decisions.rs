//! The decisions around a log, each under a grant from the gate: consents given and
//! withdrawn (digitally, or orally as documented by the holder), services added, closing and
//! reopening, and the history of consents.

use super::transition;
use crate::domain::access::{Capacity, Denial, LogStatus};
use crate::domain::consent::{decide, Action, Choice, ConsentEvent};
use crate::i18n::Lang;
use crate::model::error::{ApiError, Field};
use crate::model::log::ConsentRecord;
use crate::server::gate::{
    self, AddParticipant, Close, ContentTx, Decide, DocumentWithdrawal, Granted, Permission,
    ReadConsentHistory, RecordsConsent, Reopen,
};
use crate::server::state::AppState;
use crate::server::{family, identity};
use serde_json::json;
use uuid::Uuid;

/// How a decision reached us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// By the consenter, logged in.
    Digital,
    /// Said to the holder, who documents it, with what they explained of its consequences.
    Oral {
        documented_by: Uuid,
        explained_consequences: String,
    },
}

/// The exact text a consenter is shown for `action` on the child's log, in `lang`.
pub async fn consent_text<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
    action: Action,
    choice: Choice,
    lang: Lang,
) -> Result<String, sqlx::Error> {
    let names = sqlx::query!(
        r#"select (select given_name || ' ' || family_name from person where person_id = $1) as child,
                  (select name from unit where unit_id = $2) as unit"#,
        grant.facts().family.child_id,
        action.unit()
    )
    .fetch_one(tx.conn())
    .await?;
    let t = &lang.texts().consent;
    let phrase = (t.action)(action.kind());
    let child = names.child.unwrap_or_default();
    let unit = names
        .unit
        .map(|unit| format!(" ({unit})"))
        .unwrap_or_default();
    Ok(match (action, choice) {
        // A demand, not a consent one may take back: its own words.
        (Action::Delete, Choice::Given) => (lang.texts().archive.deletion_demand)(&child),
        (_, Choice::Given) => (t.request)(phrase, &child, &unit),
        (_, Choice::Withdrawn) => (t.withdrawal)(phrase, &child, &unit),
    })
}

/// The texts a consenter may agree to for `action`, each with the choice it makes: one, or
/// for a transition two (the sending unit leaves on the agreed date, or stays), leaving
/// first. The evidence is the whole text, so the choice is in the words they agreed to.
pub async fn consent_options<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
    action: Action,
    choice: Choice,
    lang: Lang,
) -> Result<Vec<(Option<bool>, String)>, sqlx::Error> {
    let text = consent_text(tx, grant, action, choice, lang).await?;
    if let (Action::Transition(unit), Choice::Given) = (action, choice) {
        if let Some(terms) = transition::terms(tx, grant, unit, lang).await? {
            return Ok(terms
                .into_iter()
                .map(|(keep, terms)| (Some(keep), format!("{text} {terms}")))
                .collect());
        }
    }
    Ok(vec![(None, text)])
}

/// Records one consent or withdrawal by `consenter`, then opens a requested log whose
/// establishment the consents now suffice for. Returns whether the log opened, and the
/// history with the decision in it.
#[allow(clippy::too_many_arguments)] // Each is a field of the evidence.
pub(super) async fn record_consent<P: RecordsConsent>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
    consenter: Uuid,
    action: Action,
    choice: Choice,
    method: &Method,
    text_shown: &str,
    lang: Lang,
) -> Result<(bool, Vec<ConsentEvent>), sqlx::Error> {
    let facts = grant.facts();
    let (method_code, documented_by, explained) = match method {
        Method::Digital => ("digital", None, None),
        Method::Oral {
            documented_by,
            explained_consequences,
        } => (
            "oral",
            Some(*documented_by),
            Some(explained_consequences.as_str()),
        ),
    };
    sqlx::query!(
        "insert into consent (log_id, child_id, consenter_id, scope, unit_id, decision, method,
                              documented_by, text_shown, text_language, explained_consequences)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        grant.log_id(),
        facts.family.child_id,
        consenter,
        action.kind().code(),
        action.unit(),
        choice.code(),
        method_code,
        documented_by,
        text_shown,
        lang.code(),
        explained
    )
    .execute(tx.conn())
    .await?;
    tx.record(grant,
        "consent.recorded",
        json!({
            "consenter": consenter, "action": action, "choice": choice.code(), "method": method_code,
        }),
    )
    .await?;

    let mut history = facts.history.clone();
    history.push(ConsentEvent {
        consenter,
        action,
        choice,
    });
    let establishes = facts.status == LogStatus::Requested
        && decide(&facts.family, Action::EstablishLog, facts.today, &history).allows();
    if establishes {
        set_status(tx, grant, LogStatus::Open, "log.opened").await?;
    }
    Ok((establishes, history))
}

/// Adds the service of the grant, or `person` taking part for it.
pub async fn add_participant(
    tx: &mut ContentTx,
    grant: &Granted<AddParticipant>,
    person: Option<Uuid>,
    responsibility: Option<&str>,
) -> Result<Uuid, sqlx::Error> {
    let AddParticipant(unit) = grant.permission();
    let participant_id = sqlx::query_scalar!(
        "insert into participant (log_id, person_id, unit_id, role, responsibility)
         values ($1, $2, $3, 'service', $4) returning participant_id",
        grant.log_id(),
        person,
        unit,
        responsibility
    )
    .fetch_one(tx.conn())
    .await?;
    tx.record(
        grant,
        "participant.added",
        json!({ "unit": unit, "person": person }),
    )
    .await?;
    Ok(participant_id)
}

/// Opens or closes the log (`closed_at` marks from when consents to reopen count;
/// `opened_at` when the request first got its consent, for the leader's figures). Closing,
/// by anyone, ends a notice of closing.
pub(super) async fn set_status<P: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
    status: LogStatus,
    event: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update log set status = $2,
                closed_at = case when $2 = 'closed' then now() end,
                opened_at = coalesce(opened_at, case when $2 = 'open' then now() end)
         where log_id = $1",
        grant.log_id(),
        status.code()
    )
    .execute(tx.conn())
    .await?;
    if status == LogStatus::Closed {
        sqlx::query!(
            "update closing_notice set ended_at = now() where log_id = $1 and ended_at is null",
            grant.log_id()
        )
        .execute(tx.conn())
        .await?;
    }
    tx.record(grant, event, json!({ "capacity": grant.capacity() }))
        .await?;
    Ok(())
}

/// Reopens a closed log, on the consents given since it closed; never one whose content the
/// family demanded deleted.
pub async fn reopen(tx: &mut ContentTx, grant: &Granted<Reopen>) -> Result<(), ApiError> {
    if grant.facts().deletion_demanded() {
        return Err(Field::DeletionRequested.into());
    }
    set_status(tx, grant, LogStatus::Open, "log.reopened").await?;
    Ok(())
}

/// Closes the log. A guardian or youth who decides records their decision as evidence too.
pub async fn close(
    tx: &mut ContentTx,
    grant: &Granted<Close>,
    lang: Lang,
) -> Result<(), sqlx::Error> {
    if grant.capacity() == Capacity::Family {
        let text = consent_text(tx, grant, Action::Close, Choice::Given, lang).await?;
        record_consent(
            tx,
            grant,
            grant.person_id(),
            Action::Close,
            Choice::Given,
            &Method::Digital,
            &text,
            lang,
        )
        .await?;
    }
    set_status(tx, grant, LogStatus::Closed, "log.closed").await
}

/// Every consent on record for the log, oldest first, with names.
pub async fn history(
    tx: &mut ContentTx,
    grant: &Granted<ReadConsentHistory>,
) -> Result<Vec<ConsentRecord>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"
        select p.given_name || ' ' || p.family_name as "consenter_name!", k.scope, k.unit_id,
               u.name as "unit_name?", k.decision, k.method,
               d.given_name || ' ' || d.family_name as "documented_by_name?",
               k.text_shown, k.text_language, k.explained_consequences,
               k.recorded_at
        from consent k
        join person p on p.person_id = k.consenter_id
        left join unit u on u.unit_id = k.unit_id
        left join person d on d.person_id = k.documented_by
        where k.log_id = $1
        order by k.sequence
        "#,
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;
    let read = json!({ "records": rows.len() });
    tx.record(grant, "consent.history_read", read).await?;
    rows.into_iter()
        .map(|row| {
            let malformed = || sqlx::Error::Decode("malformed consent".into());
            Ok(ConsentRecord {
                consenter_name: row.consenter_name,
                action: Action::from_scope(&row.scope, row.unit_id).ok_or_else(malformed)?,
                unit_name: row.unit_name,
                choice: Choice::from_code(&row.decision).ok_or_else(malformed)?,
                method: row.method,
                documented_by_name: row.documented_by_name,
                text_shown: row.text_shown,
                text_language: row.text_language,
                explained_consequences: row.explained_consequences,
                recorded_at: crate::server::oslo::oslo(row.recorded_at),
            })
        })
        .collect()
}

/// After a decision on a transition to `unit` (with the family's choice of keeping the
/// sending unit, if it was a consent): whether it suffices now. Returns the transition if
/// it has just come to, for its receiving leaders to be asked.
async fn after_transition_decision<P: RecordsConsent>(
    tx: &mut ContentTx,
    grant: &Granted<P>,
    action: Action,
    keep_sending: Option<bool>,
    history: &[ConsentEvent],
) -> Result<Option<Uuid>, sqlx::Error> {
    let Action::Transition(unit) = action else {
        return Ok(None);
    };
    let facts = grant.facts();
    let allows = decide(&facts.family, action, facts.today, history).allows();
    transition::after_decision(tx, grant, unit, allows, keep_sending).await
}

/// The logged-in person gives or withdraws their own consent to `action`, digitally: the
/// population register is read again first (someone it no longer names has no say), then
/// the gate decides on the facts as they are now. Returns whether the log opened.
pub async fn decide_own(
    log_id: Uuid,
    action: Action,
    choice: Choice,
    text_shown: &str,
    lang: Lang,
) -> Result<bool, ApiError> {
    let state = AppState::from_context()?;
    let person_id = identity::current()?.person_id;
    family::refresh_before_decision(&state, person_id, log_id, choice).await?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, Decide(action, choice)).await?;
    let (opened, consented_transition) =
        decide_digitally(&mut tx, &grant, text_shown, lang).await?;
    tx.commit().await?;
    if let Some(transition_id) = consented_transition {
        transition::ask_leaders(&state.pool, transition_id, &state.public_url).await?;
    }
    Ok(opened)
}

/// Records the logged-in person's own decision (the grant's), digitally, if `text_shown` is
/// a text they are asked to agree to now. Returns whether the log opened, and a transition
/// whose consent has just come to suffice.
async fn decide_digitally(
    tx: &mut ContentTx,
    grant: &Granted<Decide>,
    text_shown: &str,
    lang: Lang,
) -> Result<(bool, Option<Uuid>), ApiError> {
    let Decide(action, choice) = grant.permission();
    // The evidence is the text the person actually read; if it has changed since, they
    // must read it again.
    let (keep_sending, text) = consent_options(tx, grant, action, choice, lang)
        .await?
        .into_iter()
        .find(|(_, text)| text == text_shown.trim())
        .ok_or(ApiError::BadRequest)?;
    let consenter = grant.person_id();
    let (opened, history) = record_consent(
        tx,
        grant,
        consenter,
        action,
        choice,
        &Method::Digital,
        &text,
        lang,
    )
    .await?;
    let consented = after_transition_decision(tx, grant, action, keep_sending, &history).await?;
    super::individual_plan::after_decision(tx, grant, action, &history).await?;
    Ok((opened, consented))
}

/// The holder documents a withdrawal `consenter` made orally, of a consent that is theirs
/// to decide, with what the holder explained of its consequences.
pub async fn document_withdrawal(
    tx: &mut ContentTx,
    grant: &Granted<DocumentWithdrawal>,
    consenter: Uuid,
    action: Action,
    explained_consequences: &str,
    lang: Lang,
) -> Result<(), ApiError> {
    let facts = grant.facts();
    if !decide(&facts.family, action, facts.today, &facts.history).may_decide(consenter) {
        return Err(ApiError::Denied {
            reason: Denial::NotTheirDecision,
        });
    }
    let text = consent_text(tx, grant, action, Choice::Withdrawn, lang).await?;
    let method = Method::Oral {
        documented_by: grant.person_id(),
        explained_consequences: explained_consequences.to_string(),
    };
    let (_, history) = record_consent(
        tx,
        grant,
        consenter,
        action,
        Choice::Withdrawn,
        &method,
        &text,
        lang,
    )
    .await?;
    after_transition_decision(tx, grant, action, None, &history).await?;
    Ok(())
}
