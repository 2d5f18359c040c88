//! The gate in front of all log content. A server function that touches a log opens a
//! [`ContentTx`] for the person asking and asks [`grant`] for a [`Granted`] permission,
//! written at the call (`gate::grant(&mut tx, log_id, Close)`); the data-access functions
//! of `server` take the grant of their permission as a parameter, so content cannot be read
//! or written without passing here. The grant is decided on the facts as they are in this
//! transaction, and carries them.
//!
//! The transaction runs as the database role `stafett_app` with the acting person set, so
//! PostgreSQL's row-level security checks every content row a second time.

use crate::domain::access::{self, Capacity, Denial, LogAction, LogFacts, LogStatus, Relation};
use crate::domain::consent::{Action, Choice, ConsentEvent, Family, Guardian, Residence};
use crate::model::error::ApiError;
use crate::model::identity::Identity;
use crate::server::audit;
use serde::Deserialize;
use serde_json::json;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

/// A transaction acting for one person, under row-level security.
pub struct ContentTx {
    tx: Transaction<'static, Postgres>,
    person_id: Uuid,
    /// For audit records that must outlive a transaction rolled back on refusal.
    pool: PgPool,
}

impl ContentTx {
    pub async fn begin(pool: &PgPool, identity: &Identity) -> Result<ContentTx, sqlx::Error> {
        let mut tx = pool.begin().await?;
        // One round trip: the acting person, and the role (as `set local role` would).
        sqlx::query(
            "select set_config('stafett.person_id', $1, true), set_config('role', 'stafett_app', true)",
        )
        .bind(identity.person_id.to_string())
        .execute(&mut *tx)
        .await?;
        Ok(ContentTx {
            tx,
            person_id: identity.person_id,
            pool: pool.clone(),
        })
    }

    pub fn person_id(&self) -> Uuid {
        self.person_id
    }

    /// For the data-access functions of `server`, which take a grant too; never for `api`.
    pub(in crate::server) fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Records `action` on the grant's log in its audit chain, by the acting person: only
    /// what the gate allowed is recorded this way.
    pub async fn record<P: Permission>(
        &mut self,
        grant: &Granted<P>,
        action: &str,
        detail: serde_json::Value,
    ) -> Result<(), sqlx::Error> {
        let actor = self.person_id;
        audit::record_in_log(&mut self.tx, actor, grant.log_id, action, detail).await
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

/// What a grant permits: one action of `domain::access`, named where the gate is asked
/// (`gate::grant(&mut tx, log_id, Close)`). The data-access functions name the permission
/// they need (`&Granted<Close>`), so a grant for one action cannot be used for another:
///
/// ```compile_fail
/// # use app::server::gate::{ContentTx, Granted, ReadConsentHistory};
/// # use app::i18n::Lang;
/// async fn misuse(tx: &mut ContentTx, history: &Granted<ReadConsentHistory>) {
///     // A grant to read the history of consents does not close the log.
///     app::server::log::decisions::close(tx, history, Lang::Nb).await.ok();
/// }
/// ```
///
/// ```no_run
/// # use app::server::gate::{ContentTx, Granted, Close};
/// # use app::i18n::Lang;
/// async fn close(tx: &mut ContentTx, close: &Granted<Close>) {
///     app::server::log::decisions::close(tx, close, Lang::Nb).await.ok();
/// }
/// ```
pub trait Permission: Copy {
    fn action(self) -> LogAction;
}

macro_rules! permissions {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;
        impl Permission for $name {
            fn action(self) -> LogAction {
                LogAction::$name
            }
        }
    )*};
}

permissions! {
    /// Read the log's content.
    ReadContent;
    /// Write an entry, or propose an agenda item.
    WriteEntry;
    /// Work on the plan and the meetings.
    EditPlan;
    /// Approve a meeting's minutes.
    ApproveMinutes;
    /// Read the history of consents, and one's own decisions.
    ReadConsentHistory;
    /// Document a consenter's oral withdrawal.
    DocumentWithdrawal;
    /// Offer the baton, or take the offer back.
    PassBaton;
    Close;
    Reopen;
    /// Tell the family the log will close, and close on that notice.
    GiveClosingNotice;
    /// Object to the holder's notice of closing.
    ObjectToClosing;
    /// Start a transition, or call it off.
    StartTransition;
    /// Take back a request that never got its consent.
    Cancel;
    /// Propose a transfer to an Individual Plan.
    ProposeIndividualPlan;
    /// Demand that the log's content be deleted.
    RequestDeletion;
    /// Take out a copy of everything in the log one may see.
    ExportForFamily;
    /// Keep one's own part in the log, or as the holder take another's out.
    KeepParticipation;
    /// See the log in one's own list.
    ReadSummary;
}

/// Look after the child's own login: whoever may consent to it.
#[derive(Debug, Clone, Copy)]
pub struct ChildLogin;

/// Give or withdraw one's own consent to the action.
#[derive(Debug, Clone, Copy)]
pub struct Decide(pub Action, pub Choice);

/// Add the service (unit), or a named member of its staff, to the log.
#[derive(Debug, Clone, Copy)]
pub struct AddParticipant(pub Uuid);

impl Permission for ChildLogin {
    fn action(self) -> LogAction {
        LogAction::Consent(Action::ChildOwnAccess)
    }
}

impl Permission for Decide {
    fn action(self) -> LogAction {
        match self.1 {
            Choice::Given => LogAction::Consent(self.0),
            Choice::Withdrawn => LogAction::Withdraw(self.0),
        }
    }
}

impl Permission for AddParticipant {
    fn action(self) -> LogAction {
        LogAction::AddParticipant(self.0)
    }
}

/// The permissions under which a consent or withdrawal is recorded: one's own decision, a
/// documented oral withdrawal, and the family's decision to close.
pub trait RecordsConsent: Permission {}
impl RecordsConsent for Decide {}
impl RecordsConsent for DocumentWithdrawal {}
impl RecordsConsent for Close {}
impl RecordsConsent for RequestDeletion {}

/// Permission to do one action on one log, made only by [`grant`] (or [`grant_now`]), with
/// the facts it was decided on.
#[derive(Debug, Clone)]
pub struct Granted<P> {
    log_id: Uuid,
    person_id: Uuid,
    permission: P,
    capacity: Capacity,
    facts: LogFacts,
    relations: Vec<Relation>,
}

impl<P: Permission> Granted<P> {
    pub fn log_id(&self) -> Uuid {
        self.log_id
    }
    pub fn person_id(&self) -> Uuid {
        self.person_id
    }
    pub fn permission(&self) -> P {
        self.permission
    }
    pub fn capacity(&self) -> Capacity {
        self.capacity
    }
    /// The facts the grant was decided on, as they are in this transaction.
    pub fn facts(&self) -> &LogFacts {
        &self.facts
    }
    /// Whether the person holds the log (for their unit).
    pub fn holds(&self) -> bool {
        self.relations
            .iter()
            .any(|relation| matches!(relation, Relation::Holder(_)))
    }
    /// Whether the same facts would allow `action` too, for what a page offers; this
    /// grants nothing: doing it asks the gate again.
    pub fn allows(&self, action: LogAction) -> bool {
        access::authorize(self.person_id, &self.relations, action, &self.facts).is_ok()
    }
}

/// What the gate finds about a log for one person.
enum Found {
    /// No such log (or deleted).
    Nothing,
    /// The log exists, and the person does not stand to it: no facts are read for them.
    Unrelated,
    Facts(LogFacts, Vec<Relation>),
}

impl Found {
    fn facts(self) -> Option<(LogFacts, Vec<Relation>)> {
        match self {
            Found::Facts(facts, relations) => Some((facts, relations)),
            Found::Nothing | Found::Unrelated => None,
        }
    }
}

/// The facts of a log and how the acting person stands to it, in one statement: `gate_facts()` reads them from tables the
/// application's role may not read itself (the family and consents of a log the person may
/// not see into, which the gate needs to give the reason).
async fn facts_of(
    conn: &mut PgConnection,
    person_id: Uuid,
    log_id: Uuid,
) -> Result<Found, sqlx::Error> {
    let row = sqlx::query!(
        r#"select status as "status!", child_id, birth_date, today as "today!",
                  guardians as "guardians!", consents as "consents!", relations as "relations!",
                  health_units as "health_units!"
           from gate_facts($1, $2)"#,
        log_id,
        person_id
    )
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(Found::Nothing);
    };
    let (Some(child_id), Some(birth_date)) = (row.child_id, row.birth_date) else {
        return Ok(Found::Unrelated);
    };

    #[derive(Deserialize)]
    struct GuardianRow {
        person_id: Uuid,
        responsible: bool,
        residence: String,
    }
    #[derive(Deserialize)]
    struct ConsentRow {
        consenter: Uuid,
        scope: String,
        unit: Option<Uuid>,
        decision: String,
        since_closed: bool,
    }
    #[derive(Deserialize)]
    struct RelationRow {
        kind: String,
        unit: Option<Uuid>,
    }
    let malformed = |what: &str| sqlx::Error::Decode(format!("malformed {what}").into());
    let guardian_rows: Vec<GuardianRow> =
        serde_json::from_value(row.guardians).map_err(|_| malformed("guardians"))?;
    let consent_rows: Vec<ConsentRow> =
        serde_json::from_value(row.consents).map_err(|_| malformed("consents"))?;
    let relation_rows: Vec<RelationRow> =
        serde_json::from_value(row.relations).map_err(|_| malformed("relations"))?;

    let guardians = guardian_rows
        .iter()
        .map(|g| {
            Ok(Guardian {
                person_id: g.person_id,
                has_parental_responsibility: g.responsible,
                residence: Residence::from_code(&g.residence).ok_or(malformed("residence"))?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let mut history = Vec::with_capacity(consent_rows.len());
    let mut since_closed = Vec::new();
    for consent in &consent_rows {
        let event = ConsentEvent {
            consenter: consent.consenter,
            action: Action::from_scope(&consent.scope, consent.unit).ok_or(malformed("scope"))?,
            choice: Choice::from_code(&consent.decision).ok_or(malformed("decision"))?,
        };
        if consent.since_closed {
            since_closed.push(event);
        }
        history.push(event);
    }

    let mut relations: Vec<Relation> = relation_rows
        .iter()
        .filter_map(|r| relation(&r.kind, r.unit, None))
        .collect();
    if child_id == person_id {
        relations.push(Relation::Child);
    }
    if let Some(guardian) = guardians.iter().find(|g| g.person_id == person_id) {
        relations.push(Relation::Guardian {
            responsible: guardian.has_parental_responsibility,
        });
    }
    relations.dedup();

    let facts = LogFacts {
        status: LogStatus::from_code(&row.status).ok_or(malformed("status"))?,
        family: Family {
            child_id,
            birth_date,
            guardians,
        },
        today: row.today,
        history,
        since_closed,
        health_units: row.health_units,
    };
    Ok(Found::Facts(facts, relations))
}

/// A relation as the queries name it: `holder` and `participant` with their unit, `leader`,
/// `guardian` (with parental responsibility or not) and `child`.
pub(crate) fn relation(
    kind: &str,
    unit: Option<Uuid>,
    responsible: Option<bool>,
) -> Option<Relation> {
    match (kind, unit) {
        ("holder", Some(unit)) => Some(Relation::Holder(unit)),
        ("participant", Some(unit)) => Some(Relation::Participant(unit)),
        ("leader", _) => Some(Relation::UnitLeader),
        ("guardian", _) => Some(Relation::Guardian {
            responsible: responsible.unwrap_or(false),
        }),
        ("child", _) => Some(Relation::Child),
        _ => None,
    }
}

/// The one way to a grant: whether the acting person may have `permission` on the log, on
/// the facts as they are in this transaction (a withdrawal recorded a moment ago is already
/// counted). A refusal is recorded in the audit trail at once (the caller's transaction is
/// rolled back). An unknown log and a log the person has nothing to do with look the same
/// (404), so the gate does not reveal which children have a log.
pub async fn grant<P: Permission>(
    tx: &mut ContentTx,
    log_id: Uuid,
    permission: P,
) -> Result<Granted<P>, ApiError> {
    let person_id = tx.person_id;
    let found = facts_of(tx.conn(), person_id, log_id).await?;
    decide(&tx.pool, person_id, log_id, permission, found).await
}

/// [`grant`] decided on the facts as they are now, outside any transaction: for a read
/// that is then one statement, whose row-level security checks again (the log page, see
/// `log::content::page`). A transaction would add nothing: each of its statements would see
/// the newest consents all the same.
pub async fn grant_now<P: Permission>(
    pool: &PgPool,
    person_id: Uuid,
    log_id: Uuid,
    permission: P,
) -> Result<Granted<P>, ApiError> {
    let found = facts_of(&mut *pool.acquire().await?, person_id, log_id).await?;
    decide(pool, person_id, log_id, permission, found).await
}

/// The same person's `permission` on the same log, decided on the facts `grant` was (in the
/// same transaction): for a list that shows more of a log to those allowed more, without
/// reading the facts again. Nothing was asked for, so a `None` is no refusal to record.
pub fn also<P: Permission, Q: Permission>(grant: &Granted<P>, permission: Q) -> Option<Granted<Q>> {
    let capacity = access::authorize(
        grant.person_id,
        &grant.relations,
        permission.action(),
        &grant.facts,
    )
    .ok()?;
    Some(Granted {
        log_id: grant.log_id,
        person_id: grant.person_id,
        permission,
        capacity,
        facts: grant.facts.clone(),
        relations: grant.relations.clone(),
    })
}

/// Whether the person stands in any relation to the log, deciding nothing: work done on a
/// log's behalf (a lookup in the population register) is done only for those involved.
pub async fn involved(pool: &PgPool, person_id: Uuid, log_id: Uuid) -> Result<bool, ApiError> {
    let found = facts_of(&mut *pool.acquire().await?, person_id, log_id).await?;
    Ok(found
        .facts()
        .is_some_and(|(_, relations)| !relations.is_empty()))
}

/// The grant or refusal of `permission` on what [`facts_of`] found; a refusal is recorded
/// in the log's audit chain on its own connection, to outlive a transaction rolled back.
async fn decide<P: Permission>(
    pool: &PgPool,
    person_id: Uuid,
    log_id: Uuid,
    permission: P,
    found: Found,
) -> Result<Granted<P>, ApiError> {
    let action = permission.action();
    let reason = match found {
        Found::Nothing => return Err(ApiError::NotFound),
        Found::Unrelated => Denial::NotInvolved,
        Found::Facts(facts, relations) => {
            match access::authorize(person_id, &relations, action, &facts) {
                Ok(capacity) => {
                    return Ok(Granted {
                        log_id,
                        person_id,
                        permission,
                        capacity,
                        facts,
                        relations,
                    })
                }
                Err(reason) => reason,
            }
        }
    };
    let mut conn = pool.acquire().await?;
    audit::record_in_log(
        &mut conn,
        person_id,
        log_id,
        "gate.denied",
        json!({ "action": action, "reason": reason }),
    )
    .await?;
    Err(match reason {
        Denial::NotInvolved => ApiError::NotFound,
        reason => ApiError::Denied { reason },
    })
}

/// The person asking and a content transaction for them: how every log server function
/// starts.
pub async fn open() -> Result<ContentTx, ApiError> {
    let identity = crate::server::identity::current()?;
    let state = crate::server::state::AppState::from_context()?;
    Ok(ContentTx::begin(&state.pool, &identity).await?)
}
