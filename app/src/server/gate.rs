//! The gate in front of all log content. A server function that touches a log opens a
//! [`ContentTx`] for the person asking and asks [`authorize`] (or [`read`] / [`write`]) for a
//! grant; the functions in `server::log::content` take that grant as a parameter, so content
//! cannot be read or written without passing here. The grant is checked against the facts
//! as they are in this transaction: a withdrawal recorded a moment ago is already counted.
//!
//! The transaction runs as the database role `stafett_app` with the acting person set, so
//! PostgreSQL's row-level security checks every content row a second time.

use crate::domain::access::{self, Capacity, Denial, LogAction, LogFacts, LogStatus, Relation};
use crate::domain::consent::{Action, Choice, ConsentEvent, Family, Guardian, Residence};
use crate::model::error::ApiError;
use crate::model::identity::Identity;
use crate::server::audit;
use serde::Deserialize;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use std::marker::PhantomData;
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

    /// For the data-access functions, which take a grant too.
    pub(crate) fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Records `action` on the log in its audit chain, by the acting person.
    pub async fn record(
        &mut self,
        log_id: Uuid,
        action: &str,
        detail: serde_json::Value,
    ) -> Result<(), sqlx::Error> {
        let actor = self.person_id;
        audit::record_in_log(&mut self.tx, actor, log_id, action, detail).await
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

/// Permission to do one action on one log, made only by [`authorize`].
#[derive(Debug, Clone, Copy)]
pub struct Grant {
    log_id: Uuid,
    person_id: Uuid,
    action: LogAction,
    capacity: Capacity,
}

impl Grant {
    pub fn log_id(&self) -> Uuid {
        self.log_id
    }
    pub fn person_id(&self) -> Uuid {
        self.person_id
    }
    pub fn action(&self) -> LogAction {
        self.action
    }
    pub fn capacity(&self) -> Capacity {
        self.capacity
    }
}

/// A [`Grant`] for one fixed action, as a type: the data-access functions name the kind
/// they need (`&Granted<Read>`), so a grant for reading cannot be used to write.
#[derive(Debug, Clone, Copy)]
pub struct Granted<K>(Grant, PhantomData<K>);

/// The actions a [`Granted`] may stand for.
pub trait GrantKind {
    const ACTION: LogAction;
}

macro_rules! grant_kinds {
    ($($(#[$doc:meta])* $kind:ident => $action:expr, $alias:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub enum $kind {}
        impl GrantKind for $kind {
            const ACTION: LogAction = $action;
        }
        $(#[$doc])*
        pub type $alias = Granted<$kind>;
    )*};
}

grant_kinds! {
    /// Permission to read a log's content.
    Read => LogAction::ReadContent, ReadGrant;
    /// Permission to write an entry, or propose an agenda item.
    Write => LogAction::WriteEntry, WriteGrant;
    /// Permission to work on the plan and the meetings.
    Plan => LogAction::EditPlan, PlanGrant;
    /// Permission to approve minutes.
    Approve => LogAction::ApproveMinutes, ApproveGrant;
}

impl<K> Granted<K> {
    pub fn log_id(&self) -> Uuid {
        self.0.log_id
    }
    pub fn person_id(&self) -> Uuid {
        self.0.person_id
    }
    pub fn capacity(&self) -> Capacity {
        self.0.capacity
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

/// The facts of a log and how the acting person stands to it; `None` if there is no such
/// log or the person does not stand to it.
pub async fn facts(
    tx: &mut ContentTx,
    log_id: Uuid,
) -> Result<Option<(LogFacts, Vec<Relation>)>, sqlx::Error> {
    let person_id = tx.person_id;
    Ok(facts_of(tx.conn(), person_id, log_id).await?.facts())
}

/// [`facts`] on any connection, in one statement: `gate_facts()` reads them from tables the
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

/// Decides whether the acting person may do `action` on the log; records a refusal in the
/// audit trail at once (the caller's transaction is rolled back). An unknown log and a log
/// the person has nothing to do with look the same (404), so the gate does not reveal which
/// children have a log.
pub async fn authorize(
    tx: &mut ContentTx,
    log_id: Uuid,
    action: LogAction,
) -> Result<(Grant, LogFacts), ApiError> {
    let person_id = tx.person_id;
    let found = facts_of(tx.conn(), person_id, log_id).await?;
    decide(&tx.pool, person_id, log_id, action, found).await
}

/// A grant for the action of `K` decided on the facts as they are now, outside any
/// transaction: for a read that is then one statement, whose row-level security checks
/// again (the log page, see `log::content::page`). A transaction would add nothing: each of
/// its statements would see the newest consents all the same.
pub async fn grant_now<K: GrantKind>(
    pool: &PgPool,
    person_id: Uuid,
    log_id: Uuid,
) -> Result<(Granted<K>, LogFacts), ApiError> {
    let found = facts_of(&mut *pool.acquire().await?, person_id, log_id).await?;
    let (grant, facts) = decide(pool, person_id, log_id, K::ACTION, found).await?;
    Ok((Granted(grant, PhantomData), facts))
}

/// Whether the person stands in any relation to the log, deciding nothing: work done on a
/// log's behalf (a lookup in the population register) is done only for those involved.
pub async fn involved(pool: &PgPool, person_id: Uuid, log_id: Uuid) -> Result<bool, ApiError> {
    let found = facts_of(&mut *pool.acquire().await?, person_id, log_id).await?;
    Ok(found
        .facts()
        .is_some_and(|(_, relations)| !relations.is_empty()))
}

/// The grant or refusal for `action` on what [`facts`] found; a refusal is recorded in the
/// log's audit chain on its own connection, to outlive a transaction rolled back.
async fn decide(
    pool: &PgPool,
    person_id: Uuid,
    log_id: Uuid,
    action: LogAction,
    found: Found,
) -> Result<(Grant, LogFacts), ApiError> {
    let verdict = match found {
        Found::Nothing => return Err(ApiError::NotFound),
        Found::Unrelated => Err(Denial::NotInvolved),
        Found::Facts(facts, relations) => {
            access::authorize(person_id, &relations, action, &facts).map(|c| (c, facts))
        }
    };
    match verdict {
        Ok((capacity, facts)) => Ok((
            Grant {
                log_id,
                person_id,
                action,
                capacity,
            },
            facts,
        )),
        Err(reason) => {
            let mut conn = pool.acquire().await?;
            audit::record_in_log(
                &mut conn,
                person_id,
                log_id,
                "gate.denied",
                serde_json::json!({ "action": action, "reason": reason }),
            )
            .await?;
            Err(match reason {
                Denial::NotInvolved => ApiError::NotFound,
                reason => ApiError::Denied { reason },
            })
        }
    }
}

/// A grant for the action of `K`, with the facts it was decided on.
pub async fn grant<K: GrantKind>(
    tx: &mut ContentTx,
    log_id: Uuid,
) -> Result<(Granted<K>, LogFacts), ApiError> {
    let (grant, facts) = authorize(tx, log_id, K::ACTION).await?;
    Ok((Granted(grant, PhantomData), facts))
}

/// A grant to read the log's content.
pub async fn read(tx: &mut ContentTx, log_id: Uuid) -> Result<(ReadGrant, LogFacts), ApiError> {
    grant(tx, log_id).await
}

/// A grant to write an entry in the log.
pub async fn write(tx: &mut ContentTx, log_id: Uuid) -> Result<WriteGrant, ApiError> {
    Ok(grant(tx, log_id).await?.0)
}

/// The person asking and a content transaction for them: how every log server function
/// starts.
pub async fn open() -> Result<ContentTx, ApiError> {
    let identity = crate::server::identity::current()?;
    let state = crate::server::state::AppState::from_context()?;
    Ok(ContentTx::begin(&state.pool, &identity).await?)
}
