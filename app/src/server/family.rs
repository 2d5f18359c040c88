//! A child's family as the population register has it, read and stored. The register is
//! the only source of children, guardians, parental responsibility and residence: the
//! tables `person` (names), `child` and `guardianship` hold a copy, written only here. A
//! family new to Stafett is stored here when one of them first logs in.

use crate::domain::consent::{Choice, Residence};
use crate::domain::family_request::who_asks;
use crate::domain::register::{self, RegisterGuardian, RegisterPerson};
use crate::model::error::ApiError;
use crate::server::gate;
use crate::server::oslo::oslo;
use crate::server::register::{PopulationRegister, RegisterError};
use crate::server::state::AppState;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use std::collections::BTreeSet;
use uuid::Uuid;

/// A child and the child's guardians, as the register has them now.
#[derive(Debug, Clone)]
pub struct RegisterFamily {
    pub child: RegisterPerson,
    pub guardians: Vec<RegisterGuardian>,
}

/// Reads the child with `national_id` and each parent and holder of parental
/// responsibility; `None` if the register does not know the child.
pub async fn read(
    register: &dyn PopulationRegister,
    national_id: &str,
) -> Result<Option<RegisterFamily>, RegisterError> {
    let Some(child) = register.person(national_id).await? else {
        return Ok(None);
    };
    let wanted: BTreeSet<&String> = child.responsible.iter().chain(&child.parents).collect();
    let mut others = Vec::with_capacity(wanted.len());
    for national_id in wanted {
        if let Some(person) = register.person(national_id).await? {
            others.push(person);
        }
    }
    let guardians = register::guardians(&child, &others);
    Ok(Some(RegisterFamily { child, guardians }))
}

/// What storing a family did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub child_id: Uuid,
    /// The guardians, their parental responsibility or the residence differ from what was
    /// stored before (false for a child stored for the first time).
    pub changed: bool,
}

/// The person with this national identity number, named as the register names them.
async fn person(conn: &mut PgConnection, person: &RegisterPerson) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into person (given_name, family_name, national_id) values ($1, $2, $3)
         on conflict (national_id) do update
         set given_name = excluded.given_name, family_name = excluded.family_name
         returning person_id",
        person.given_name,
        person.family_name,
        person.national_id
    )
    .fetch_one(conn)
    .await
}

/// Stores `family` as the register gave it, in the caller's transaction: names, the birth
/// date, and the register's guardianships (anyone it no longer lists keeps none of the
/// rights). A change is recorded in the audit chain of each of the child's logs.
pub async fn store(
    conn: &mut PgConnection,
    family: &RegisterFamily,
    municipality_id: Uuid,
) -> Result<Stored, sqlx::Error> {
    let child_id = person(conn, &family.child).await?;
    let known = sqlx::query_scalar!(
        r#"insert into child (person_id, municipality_id, birth_date, register_checked_at)
           values ($1, $2, $3, now())
           on conflict (person_id) do update
           set birth_date = excluded.birth_date, register_checked_at = now()
           returning (xmax <> 0) as "known!""#,
        child_id,
        municipality_id,
        family.child.birth_date
    )
    .fetch_one(&mut *conn)
    .await?;
    let before: BTreeSet<(Uuid, bool, String)> = sqlx::query!(
        "select guardian_id, has_parental_responsibility, residence from guardianship
         where child_id = $1 for update",
        child_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| {
        (
            row.guardian_id,
            row.has_parental_responsibility,
            row.residence,
        )
    })
    .collect();
    let mut after = BTreeSet::new();
    for guardian in &family.guardians {
        let guardian_id = person(conn, &guardian.person).await?;
        after.insert((
            guardian_id,
            guardian.has_parental_responsibility,
            guardian.residence.code().to_string(),
        ));
    }
    // Someone the register no longer names keeps a guardianship without parental
    // responsibility, which gives no say and no access: what they wrote in a log keeps its
    // author, whom the pages name.
    let named: BTreeSet<Uuid> = after.iter().map(|(id, ..)| *id).collect();
    let former: Vec<(Uuid, bool, String)> = before
        .iter()
        .filter(|(id, ..)| !named.contains(id))
        .map(|(id, ..)| (*id, false, Residence::WithOther.code().to_string()))
        .collect();
    after.extend(former);
    let changed = before != after;
    if changed {
        for (guardian_id, responsible, residence) in &after {
            sqlx::query!(
                "insert into guardianship (guardian_id, child_id, has_parental_responsibility, residence)
                 values ($1, $2, $3, $4)
                 on conflict (guardian_id, child_id) do update
                 set has_parental_responsibility = excluded.has_parental_responsibility,
                     residence = excluded.residence",
                guardian_id,
                child_id,
                responsible,
                residence
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    let changed = changed && known;
    if changed {
        sqlx::query!(
            "update child set family_changed_at = now() where person_id = $1",
            child_id
        )
        .execute(&mut *conn)
        .await?;
        let logs = sqlx::query_scalar!("select log_id from log where child_id = $1", child_id)
            .fetch_all(&mut *conn)
            .await?;
        for log_id in logs {
            sqlx::query!(
                "insert into audit_event (log_id, action, detail)
                 values ($1, 'family.changed_in_register', $2)",
                log_id,
                json!({ "guardians": after.len() })
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(Stored { child_id, changed })
}

/// Reads the family of the log's child from the register again and stores it, so that a
/// consent decision is judged on parental responsibility and residence as they are today.
/// A child the register no longer knows (or one stored without a national identity
/// number) keeps what is stored.
pub async fn refresh_for_log(
    pool: &PgPool,
    register: &dyn PopulationRegister,
    log_id: Uuid,
) -> Result<(), ApiError> {
    let child = sqlx::query!(
        "select p.national_id, c.municipality_id from log l
         join child c on c.person_id = l.child_id
         join person p on p.person_id = l.child_id
         where l.log_id = $1",
        log_id
    )
    .fetch_optional(pool)
    .await?;
    let Some((Some(national_id), municipality_id)) =
        child.map(|row| (row.national_id, row.municipality_id))
    else {
        return Ok(());
    };
    let Some(family) = read(register, &national_id).await? else {
        tracing::warn!(%log_id, "the register no longer knows the log's child");
        return Ok(());
    };
    let mut tx = pool.begin().await?;
    store(&mut tx, &family, municipality_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Before a consent decision by `person_id` on the log: the family is read again, so the
/// decision is judged on parental responsibility and residence as the register has them
/// today. Done only for those involved with the log (the gate answers the others). A
/// consent needs the register's answer; a withdrawal only takes away, so it goes ahead on
/// what is stored when the register does not answer.
pub async fn refresh_before_decision(
    state: &AppState,
    person_id: Uuid,
    log_id: Uuid,
    choice: Choice,
) -> Result<(), ApiError> {
    if !gate::involved(&state.pool, person_id, log_id).await? {
        return Ok(());
    }
    match refresh_for_log(&state.pool, state.register.as_ref(), log_id).await {
        Err(ApiError::RegisterUnavailable) if choice == Choice::Withdrawn => Ok(()),
        other => other,
    }
}

/// A person unknown to Stafett logging in: let in when the population register shows them
/// as a guardian with parental responsibility for a child under 18, or as a youth of 15–17
/// (those who may ask for a log themselves). They and each such family are stored as the
/// register has them, in the municipality's (the only one: the child's municipality is not
/// read from the register), and the person is returned. `None` for anyone else, and when
/// the database holds more than one municipality.
pub async fn admit_from_register(
    state: &AppState,
    national_id: &str,
) -> Result<Option<Uuid>, ApiError> {
    let register = state.register.as_ref();
    let Some(me) = register.person(national_id).await? else {
        return Ok(None);
    };
    let today = oslo(time::OffsetDateTime::now_utc()).date();
    let mut families = Vec::new();
    for key in std::iter::once(&me.national_id).chain(&me.children) {
        let Some(family) = read(register, key).await? else {
            continue;
        };
        // Themself from 15, or a child they have parental responsibility for; never an
        // adult, a child without a guardian, or one who died or moved abroad.
        if who_asks(national_id, &family.child, today).is_ok()
            && register::refusal(&family.child, &family.guardians, today).is_none()
        {
            families.push(family);
        }
    }
    if families.is_empty() {
        return Ok(None);
    }
    let mut tx = state.pool.begin().await?;
    let municipalities = sqlx::query_scalar!("select municipality_id from municipality limit 2")
        .fetch_all(&mut *tx)
        .await?;
    let [municipality_id] = municipalities[..] else {
        tracing::warn!("a family new to Stafett: not one municipality to store it in");
        return Ok(None);
    };
    for family in &families {
        store(&mut tx, family, municipality_id).await?;
    }
    let person_id = sqlx::query_scalar!(
        "select person_id from person where national_id = $1",
        national_id
    )
    .fetch_one(&mut *tx)
    .await?;
    crate::server::audit::record(
        &mut tx,
        Some(person_id),
        "auth.admitted_from_register",
        json!({ "families": families.len() }),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(person_id))
}
