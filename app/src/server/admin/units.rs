//! The municipality's units and services as the administrator sees and keeps them.

use super::{record, Administrator};
use crate::domain::service_kind::ServiceKind;
use crate::domain::staff::UnitEntry;
use crate::model::admin::{AdminMember, AdminOverview, AdminUnit, AdminUnitSummary, StaffName};
use crate::model::error::ApiError;
use crate::server::error::refused_write;
use crate::server::gate::ContentTx;
use crate::server::oslo::oslo;
use serde_json::json;
use uuid::Uuid;

fn kind_of(code: &str) -> Result<ServiceKind, sqlx::Error> {
    ServiceKind::from_code(code)
        .ok_or_else(|| sqlx::Error::Decode(format!("unknown unit kind {code:?}").into()))
}

/// The municipality's units with their number of staff and leaders, and its administrators.
pub async fn overview(
    tx: &mut ContentTx,
    admin: &Administrator,
) -> Result<AdminOverview, sqlx::Error> {
    let municipality_name = sqlx::query_scalar!(
        "select name from municipality where municipality_id = $1",
        admin.municipality_id
    )
    .fetch_one(tx.conn())
    .await?;
    let units = sqlx::query!(
        r#"select u.unit_id, u.name, u.kind,
                  (select count(*) from staff_unit_membership m
                   where m.unit_id = u.unit_id) as "members!",
                  array(select p.given_name || ' ' || p.family_name
                        from staff_unit_membership m join person p using (person_id)
                        where m.unit_id = u.unit_id and m.role = 'unit_leader'
                        order by p.family_name, p.given_name) as "leaders!: Vec<String>"
           from unit u
           where u.municipality_id = $1
           order by u.name collate "nb-NO-x-icu", u.unit_id"#,
        admin.municipality_id
    )
    .fetch_all(tx.conn())
    .await?
    .into_iter()
    .map(|row| {
        Ok(AdminUnitSummary {
            unit_id: row.unit_id,
            name: row.name,
            kind: kind_of(&row.kind)?,
            members: row.members,
            leaders: row.leaders,
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let administrators = sqlx::query_as!(
        StaffName,
        r#"select p.person_id, p.given_name || ' ' || p.family_name as "name!"
           from staff s join person p using (person_id)
           where s.municipality_id = $1 and s.is_administrator
           order by p.family_name collate "nb-NO-x-icu", p.given_name collate "nb-NO-x-icu""#,
        admin.municipality_id
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(AdminOverview {
        municipality_name,
        units,
        administrators,
    })
}

/// One unit of the municipality with its staff; `None` for a unit of another municipality
/// or none.
pub async fn unit(
    tx: &mut ContentTx,
    admin: &Administrator,
    unit_id: Uuid,
) -> Result<Option<AdminUnit>, sqlx::Error> {
    let Some(row) = sqlx::query!(
        r#"select unit_id, kind, name, description, phone, email, street_address, postal_code,
                  postal_place, website, shares_health_information
           from unit where unit_id = $1 and municipality_id = $2"#,
        unit_id,
        admin.municipality_id
    )
    .fetch_optional(tx.conn())
    .await?
    else {
        return Ok(None);
    };
    let members = sqlx::query!(
        r#"select p.person_id, p.given_name || ' ' || p.family_name as "name!", p.email, p.phone,
                  m.role = 'unit_leader' as "is_unit_leader!", s.is_administrator,
                  m.leaving_since
           from staff_unit_membership m
           join staff s using (person_id)
           join person p using (person_id)
           where m.unit_id = $1
           order by p.family_name collate "nb-NO-x-icu", p.given_name collate "nb-NO-x-icu""#,
        unit_id
    )
    .fetch_all(tx.conn())
    .await?
    .into_iter()
    .map(|row| AdminMember {
        person_id: row.person_id,
        name: row.name,
        email: row.email,
        phone: row.phone,
        is_unit_leader: row.is_unit_leader,
        is_administrator: row.is_administrator,
        leaving_since: row.leaving_since.map(oslo),
    })
    .collect();
    Ok(Some(AdminUnit {
        unit_id: row.unit_id,
        kind: kind_of(&row.kind)?,
        name: row.name,
        description: row.description,
        phone: row.phone,
        email: row.email,
        street_address: row.street_address,
        postal_code: row.postal_code,
        postal_place: row.postal_place,
        website: row.website,
        shares_health_information: row.shares_health_information,
        members,
    }))
}

/// A unit's details, its kind and whether it shares health information.
pub struct UnitChange<'a> {
    pub kind: ServiceKind,
    pub entry: &'a UnitEntry,
    pub shares_health_information: bool,
}

/// Creates a unit of the municipality (`unit_id` none) or changes one of its units;
/// returns its id. `NotFound` for a unit of another municipality; a name the municipality
/// already has is `Field::UnitName`.
pub async fn save_unit(
    tx: &mut ContentTx,
    admin: &Administrator,
    unit_id: Option<Uuid>,
    change: &UnitChange<'_>,
) -> Result<Uuid, ApiError> {
    let entry = change.entry;
    // One statement for both: a new unit when no id is given, else the change of the unit
    // with that id in the administrator's municipality (no row: not theirs, or none).
    let saved = sqlx::query_scalar!(
        r#"with changed as (
               update unit set kind = $3, name = $4, description = $5, phone = $6, email = $7,
                               street_address = $8, postal_code = $9, postal_place = $10,
                               website = $11, shares_health_information = $12
               where $1::uuid is not null and unit_id = $1 and municipality_id = $2
               returning unit_id
           ), created as (
               insert into unit (municipality_id, kind, name, description, phone, email,
                                 street_address, postal_code, postal_place, website,
                                 shares_health_information)
               select $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 where $1::uuid is null
               returning unit_id
           )
           select unit_id as "unit_id!" from changed union all select unit_id from created"#,
        unit_id,
        admin.municipality_id,
        change.kind.code(),
        entry.name,
        entry.description,
        entry.phone,
        entry.email,
        entry.street_address,
        entry.postal_code,
        entry.postal_place,
        entry.website,
        change.shares_health_information,
    )
    .fetch_optional(tx.conn())
    .await;
    let saved = saved.map_err(refused_write)?.ok_or(ApiError::NotFound)?;
    let action = if unit_id.is_some() {
        "admin.unit_changed"
    } else {
        "admin.unit_created"
    };
    record(tx, admin, action, json!({ "unit_id": saved })).await?;
    Ok(saved)
}
