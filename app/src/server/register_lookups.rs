//! A member of staff looking a child up in the population register, to ask for a log. A
//! lookup is a look at a family's data: each is recorded in `register_lookup` (who, whose
//! number, for which unit, what came of it), shown to the unit's leader, and limited per
//! member of staff. The page shows only what the request needs: names and age.

use crate::domain::consent::age_on;
use crate::domain::national_id;
use crate::domain::register::{both_must_consent, refusal, Refusal};
use crate::model::error::{ApiError, Field};
use crate::model::identity::Identity;
use crate::model::log::{LookedUpChild, LookupGuardian, RegisterLookupRecord};
use crate::server::family::{self, RegisterFamily};
use crate::server::oslo::oslo;
use crate::server::state::AppState;
use crate::server::{audit, register::RegisterError};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Lookups one member of staff may make in an hour. A holder asks for a handful of logs a
/// week; a few dozen lookups an hour is someone browsing families.
pub const LOOKUPS_PER_HOUR: i64 = 20;

/// How long a lookup may be used to ask for a log.
const LOOKUP_VALID_MINUTES: i32 = 30;

/// Today in Europe/Oslo, as the database's clock has it (the gate judges ages by it too).
async fn today(conn: &mut PgConnection) -> Result<time::Date, ApiError> {
    let today =
        sqlx::query_scalar!(r#"select (now() at time zone 'Europe/Oslo')::date as "today!""#)
            .fetch_one(conn)
            .await?;
    Ok(today)
}

/// What the register's answer means for asking for a log: the family, or why not.
pub(crate) fn usable(
    family: Option<RegisterFamily>,
    today: time::Date,
) -> Result<RegisterFamily, (Field, &'static str)> {
    let family = family.ok_or((Field::ChildUnknown, "unknown"))?;
    match refusal(&family.child, &family.guardians, today) {
        Some(Refusal::Deceased) => Err((Field::ChildDeceased, "deceased")),
        Some(Refusal::Emigrated) => Err((Field::ChildEmigrated, "emigrated")),
        Some(Refusal::NotResident) => Err((Field::ChildNotResident, "not_resident")),
        Some(Refusal::Adult) => Err((Field::ChildAdult, "adult")),
        // The register found the child; the lookup is recorded as found.
        Some(Refusal::NoGuardian) => Err((Field::ChildNoGuardian, "found")),
        None => Ok(family),
    }
}

/// Looks the child up for `unit_id` and records the lookup; returns its id if the register
/// knows a child a log can be asked for.
pub async fn look_up(
    state: &AppState,
    identity: &Identity,
    unit_id: Uuid,
    national_id: &str,
) -> Result<Uuid, ApiError> {
    if !identity
        .staff_units
        .iter()
        .any(|unit| unit.unit_id == unit_id)
    {
        return Err(ApiError::Invalid {
            field: Field::HolderUnit,
        });
    }
    let national_id: String = national_id.chars().filter(|c| !c.is_whitespace()).collect();
    if !national_id::is_valid(&national_id) {
        return Err(ApiError::Invalid {
            field: Field::ChildNationalId,
        });
    }
    let mut tx = state.pool.begin().await?;
    // One lookup at a time per member of staff, so that parallel requests cannot pass the
    // count together.
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('register_lookup:' || $1::uuid::text, 0))",
        identity.person_id
    )
    .execute(&mut *tx)
    .await?;
    let recent = sqlx::query_scalar!(
        r#"select count(*) as "count!" from register_lookup
           where person_id = $1 and looked_up_at > now() - interval '1 hour'"#,
        identity.person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if recent >= LOOKUPS_PER_HOUR {
        audit::record(
            &mut tx,
            Some(identity.person_id),
            "register.lookup_limited",
            json!({ "unit_id": unit_id }),
        )
        .await?;
        tx.commit().await?;
        return Err(ApiError::TooManyRequests);
    }
    let today = today(&mut tx).await?;
    let (outcome, answer) = match family::read(state.register.as_ref(), &national_id).await {
        Err(RegisterError::Unavailable(problem)) => {
            tracing::warn!(%problem, "population register");
            ("unavailable", Err(ApiError::RegisterUnavailable))
        }
        Ok(found) => match usable(found, today) {
            Ok(_) => ("found", Ok(())),
            Err((field, outcome)) => (outcome, Err(ApiError::Invalid { field })),
        },
    };
    let lookup_id = sqlx::query_scalar!(
        "insert into register_lookup (person_id, unit_id, national_id, outcome)
         values ($1, $2, $3, $4) returning register_lookup_id",
        identity.person_id,
        unit_id,
        national_id,
        outcome
    )
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(identity.person_id),
        "register.lookup",
        json!({ "lookup_id": lookup_id, "unit_id": unit_id, "outcome": outcome }),
    )
    .await?;
    tx.commit().await?;
    answer.map(|()| lookup_id)
}

/// The person's own usable lookup: its national identity number and unit.
pub(crate) async fn own(
    conn: &mut PgConnection,
    identity: &Identity,
    lookup_id: Uuid,
) -> Result<(String, Uuid), ApiError> {
    let row = sqlx::query!(
        "select national_id, unit_id from register_lookup
         where register_lookup_id = $1 and person_id = $2 and outcome = 'found'
           and looked_up_at > now() - make_interval(mins => $3)",
        lookup_id,
        identity.person_id,
        LOOKUP_VALID_MINUTES
    )
    .fetch_optional(conn)
    .await?;
    let row = row.ok_or(ApiError::Invalid {
        field: Field::Lookup,
    })?;
    if !identity
        .staff_units
        .iter()
        .any(|unit| unit.unit_id == row.unit_id)
    {
        return Err(ApiError::Invalid {
            field: Field::HolderUnit,
        });
    }
    Ok((row.national_id, row.unit_id))
}

/// The register's family for the person's own lookup, read again now.
pub(crate) async fn family_of(
    state: &AppState,
    identity: &Identity,
    lookup_id: Uuid,
) -> Result<(RegisterFamily, Uuid, time::Date), ApiError> {
    let mut conn = state.pool.acquire().await?;
    let (national_id, unit_id) = own(&mut conn, identity, lookup_id).await?;
    let today = today(&mut conn).await?;
    let found = family::read(state.register.as_ref(), &national_id).await?;
    let family = usable(found, today).map_err(|(field, _)| ApiError::Invalid { field })?;
    Ok((family, unit_id, today))
}

/// What the holder sees of the child of their lookup.
pub async fn view(
    state: &AppState,
    identity: &Identity,
    lookup_id: Uuid,
) -> Result<LookedUpChild, ApiError> {
    let (family, unit_id, today) = family_of(state, identity, lookup_id).await?;
    let mut guardians: Vec<LookupGuardian> = family
        .guardians
        .iter()
        .map(|guardian| LookupGuardian {
            name: guardian.person.name(),
            has_parental_responsibility: guardian.has_parental_responsibility,
        })
        .collect();
    guardians.sort_by(|a, b| {
        (!a.has_parental_responsibility, &a.name).cmp(&(!b.has_parental_responsibility, &b.name))
    });
    Ok(LookedUpChild {
        lookup_id,
        unit_id,
        child_name: family.child.name(),
        age: age_on(family.child.birth_date, today),
        both_must_consent: both_must_consent(&family.child, &family.guardians),
        guardians,
    })
}

/// The lookups made for the units `identity` leads, in the last 90 days, newest first; 404
/// for someone who leads no unit. Reading them is recorded too.
pub async fn for_leader(
    pool: &PgPool,
    identity: &Identity,
) -> Result<Vec<RegisterLookupRecord>, ApiError> {
    let led = identity.led_units();
    if led.is_empty() {
        return Err(ApiError::NotFound);
    }
    let mut tx = pool.begin().await?;
    let records = sqlx::query_as!(
        RegisterLookupRecord,
        r#"select r.looked_up_at,
                  p.given_name || ' ' || p.family_name as "staff_name!",
                  u.name as unit_name,
                  left(r.national_id, 6) || ' *****' as "number_hint!",
                  r.outcome
           from register_lookup r
           join person p on p.person_id = r.person_id
           join unit u on u.unit_id = r.unit_id
           where r.unit_id = any($1) and r.looked_up_at > now() - interval '90 days'
           order by r.looked_up_at desc
           limit 500"#,
        &led
    )
    .fetch_all(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(identity.person_id),
        "register.lookups_read",
        json!({ "units": led, "records": records.len() }),
    )
    .await?;
    tx.commit().await?;
    Ok(records
        .into_iter()
        .map(|record| RegisterLookupRecord {
            looked_up_at: oslo(record.looked_up_at),
            ..record
        })
        .collect())
}
