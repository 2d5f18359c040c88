//! The municipality's staff: putting a member of staff on a unit (new to the municipality
//! or not), unit leaders, ending a membership, and who administers.

use super::{record, Administrator};
use crate::domain::staff::StaffEntry;
use crate::model::admin::{Ending, MembershipChange, StaffChange, StaffOutcome};
use crate::model::error::{ApiError, Field};
use crate::model::notice::NoticeKind;
use crate::server::error::refused_write;
use crate::server::gate::ContentTx;
use crate::server::notice;
use serde_json::json;
use uuid::Uuid;

/// Whether `unit_id` is a unit of the administrator's municipality.
async fn own_unit(
    tx: &mut ContentTx,
    admin: &Administrator,
    unit_id: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from unit where unit_id = $1 and municipality_id = $2) as "own!""#,
        unit_id,
        admin.municipality_id
    )
    .fetch_one(tx.conn())
    .await
}

/// Puts the member of staff `entry` on the unit, as leader or not: a person new to the
/// municipality becomes staff, a known one gets the name and contact details given, and
/// the membership is made or its role set. What changed is returned and audited. `NotFound`
/// for a unit of another municipality; `Field::StaffElsewhere` for staff of another.
pub async fn put_staff(
    tx: &mut ContentTx,
    admin: &Administrator,
    unit_id: Uuid,
    entry: &StaffEntry,
    unit_leader: bool,
) -> Result<StaffOutcome, ApiError> {
    if !own_unit(tx, admin, unit_id).await? {
        return Err(ApiError::NotFound);
    }
    let known = sqlx::query!(
        r#"select person_id as "person_id!", municipality_id from person_for_staffing($1)"#,
        entry.national_id
    )
    .fetch_optional(tx.conn())
    .await?;
    let (person_id, staff) = match known {
        Some(known) => match known.municipality_id {
            Some(municipality) if municipality != admin.municipality_id => {
                return Err(Field::StaffElsewhere.into())
            }
            Some(_) => (known.person_id, StaffChange::Unchanged),
            None => {
                become_staff(tx, admin, known.person_id).await?;
                (known.person_id, StaffChange::New)
            }
        },
        None => {
            // Inserted without `returning`: the new person is readable to the administrator
            // only once they are staff.
            let person_id = sqlx::query_scalar!(r#"select gen_random_uuid() as "id!""#)
                .fetch_one(tx.conn())
                .await?;
            sqlx::query!(
                "insert into person (person_id, given_name, family_name, national_id, email, phone)
                 values ($1, $2, $3, $4, $5, $6)",
                person_id,
                entry.given_name,
                entry.family_name,
                entry.national_id,
                entry.email,
                entry.phone
            )
            .execute(tx.conn())
            .await
            .map_err(refused_write)?;
            become_staff(tx, admin, person_id).await?;
            (person_id, StaffChange::New)
        }
    };
    let details_changed = sqlx::query!(
        "update person set given_name = $2, family_name = $3, email = $4, phone = $5
         where person_id = $1
           and (given_name, family_name, email, phone)
               is distinct from ($2, $3, $4, $5)",
        person_id,
        entry.given_name,
        entry.family_name,
        entry.email,
        entry.phone
    )
    .execute(tx.conn())
    .await
    .map_err(refused_write)?
    .rows_affected()
        > 0;
    let staff = match staff {
        StaffChange::Unchanged if details_changed => StaffChange::Changed,
        other => other,
    };
    let membership = put_membership(tx, person_id, unit_id, unit_leader).await?;
    let outcome = StaffOutcome { staff, membership };
    if outcome.staff != StaffChange::Unchanged || outcome.membership != MembershipChange::Unchanged
    {
        record(
            tx,
            admin,
            "admin.staff_put",
            json!({
                "person_id": person_id, "unit_id": unit_id, "unit_leader": unit_leader,
                "staff": outcome.staff, "membership": outcome.membership,
            }),
        )
        .await?;
    }
    Ok(outcome)
}

async fn become_staff(
    tx: &mut ContentTx,
    admin: &Administrator,
    person_id: Uuid,
) -> Result<(), ApiError> {
    sqlx::query!(
        "insert into staff (person_id, municipality_id) values ($1, $2)",
        person_id,
        admin.municipality_id
    )
    .execute(tx.conn())
    .await
    .map_err(refused_write)?;
    Ok(())
}

async fn put_membership(
    tx: &mut ContentTx,
    person_id: Uuid,
    unit_id: Uuid,
    unit_leader: bool,
) -> Result<MembershipChange, ApiError> {
    let role = if unit_leader { "unit_leader" } else { "member" };
    let before = sqlx::query_scalar!(
        "select role from staff_unit_membership where person_id = $1 and unit_id = $2 for update",
        person_id,
        unit_id
    )
    .fetch_optional(tx.conn())
    .await?;
    let change = match before.as_deref() {
        None => MembershipChange::New,
        Some(before) if before == role => return Ok(MembershipChange::Unchanged),
        Some(_) => MembershipChange::RoleChanged,
    };
    let written = if change == MembershipChange::New {
        sqlx::query!(
            "insert into staff_unit_membership (person_id, unit_id, role) values ($1, $2, $3)",
            person_id,
            unit_id,
            role
        )
        .execute(tx.conn())
        .await
    } else {
        sqlx::query!(
            "update staff_unit_membership set role = $3 where person_id = $1 and unit_id = $2",
            person_id,
            unit_id,
            role
        )
        .execute(tx.conn())
        .await
    };
    written.map_err(refused_write)?;
    Ok(change)
}

/// Makes a member of one of the municipality's units its leader, or no longer. `NotFound`
/// unless the person works at that unit of the municipality. A new leader of a unit where a
/// holder is leaving is told at once, as the others were: they may be the only one left to
/// appoint.
pub async fn set_unit_leader(
    tx: &mut ContentTx,
    admin: &Administrator,
    unit_id: Uuid,
    person_id: Uuid,
    unit_leader: bool,
    public_url: &str,
) -> Result<(), ApiError> {
    if !own_unit(tx, admin, unit_id).await? {
        return Err(ApiError::NotFound);
    }
    let role = if unit_leader { "unit_leader" } else { "member" };
    let changed = sqlx::query!(
        "update staff_unit_membership set role = $3
         where person_id = $1 and unit_id = $2 and role <> $3",
        person_id,
        unit_id,
        role
    )
    .execute(tx.conn())
    .await?
    .rows_affected();
    let member = changed > 0
        || sqlx::query_scalar!(
            r#"select exists (select 1 from staff_unit_membership
                              where person_id = $1 and unit_id = $2) as "member!""#,
            person_id,
            unit_id
        )
        .fetch_one(tx.conn())
        .await?;
    if changed > 0 && unit_leader {
        let waiting = sqlx::query_scalar!(
            r#"select exists (select 1 from staff_unit_membership
                              where unit_id = $1 and leaving_since is not null
                                and person_id <> $2) as "waiting!""#,
            unit_id,
            person_id
        )
        .fetch_one(tx.conn())
        .await?;
        if waiting {
            let leaders: Vec<_> = notice::leaders_for_admin(tx, unit_id, Uuid::nil())
                .await?
                .into_iter()
                .filter(|leader| leader.person_id == person_id)
                .collect();
            notice::tell_leaders(tx.conn(), &leaders, NoticeKind::Leaving, public_url).await?;
        }
    }
    recorded(
        tx,
        admin,
        u64::from(member),
        "admin.unit_leader_set",
        json!({ "person_id": person_id, "unit_id": unit_id, "unit_leader": unit_leader }),
    )
    .await
}

/// A change of `rows` rows: none means the ids were not the municipality's (`NotFound`);
/// otherwise it is audited as `action`.
async fn recorded(
    tx: &mut ContentTx,
    admin: &Administrator,
    rows: u64,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), ApiError> {
    if rows == 0 {
        return Err(ApiError::NotFound);
    }
    record(tx, admin, action, detail).await?;
    Ok(())
}

/// Ends a membership of one of the municipality's units. Nobody lets go of the baton
/// before another has taken over: someone who holds logs for the unit stays, marked as
/// leaving, and the unit's other leaders are told to appoint holders (the membership ends by
/// itself with the last appointment, see `baton`); anyone else leaves at once, their parts
/// in the unit's logs end and an offer waiting for them is withdrawn. The database's
/// `end_membership()` decides and audits it. `NotFound` for ids not the municipality's.
pub async fn end_membership(
    tx: &mut ContentTx,
    admin: &Administrator,
    unit_id: Uuid,
    person_id: Uuid,
    public_url: &str,
) -> Result<Ending, ApiError> {
    let outcome = sqlx::query_scalar!(
        "select end_membership($1, $2) as outcome",
        person_id,
        unit_id
    )
    .fetch_one(tx.conn())
    .await
    .map_err(refused_write)?;
    match outcome.as_deref() {
        Some("ended") => Ok(Ending::Ended),
        Some("leaving") => {
            let leaders = notice::leaders_for_admin(tx, unit_id, person_id).await?;
            notice::tell_leaders(tx.conn(), &leaders, NoticeKind::Leaving, public_url).await?;
            record(
                tx,
                admin,
                "admin.leaders_asked_to_appoint",
                json!({ "person_id": person_id, "unit_id": unit_id, "leaders": leaders.len() }),
            )
            .await?;
            Ok(Ending::Leaving)
        }
        Some("still_leaving") => Ok(Ending::Leaving),
        _ => Err(ApiError::NotFound),
    }
}

/// Makes a member of staff of the municipality an administrator, or no longer. The last
/// administrator stays one (`Field::LastAdministrator`, checked by the database); `NotFound`
/// for staff of another municipality.
pub async fn set_administrator(
    tx: &mut ContentTx,
    admin: &Administrator,
    person_id: Uuid,
    administrator: bool,
) -> Result<(), ApiError> {
    let changed = sqlx::query!(
        "update staff set is_administrator = $3 where person_id = $1 and municipality_id = $2",
        person_id,
        admin.municipality_id,
        administrator
    )
    .execute(tx.conn())
    .await
    .map_err(refused_write)?
    .rows_affected();
    recorded(
        tx,
        admin,
        changed,
        "admin.administrator_set",
        json!({ "person_id": person_id, "administrator": administrator }),
    )
    .await
}
