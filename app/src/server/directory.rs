//! Reads of the municipality's directory of units and services.

use crate::domain::service_kind::ServiceKind;
use crate::model::directory::{UnitDetail, UnitSummary};
use sqlx::PgPool;
use uuid::Uuid;

struct UnitRow {
    unit_id: Uuid,
    name: String,
    kind: String,
    phone: String,
    email: String,
    street_address: String,
    postal_code: String,
    postal_place: String,
}

impl TryFrom<UnitRow> for UnitSummary {
    type Error = sqlx::Error;

    fn try_from(row: UnitRow) -> Result<Self, Self::Error> {
        // The database's CHECK constraint allows only known codes; anything else means the
        // schema and this code have drifted apart.
        let kind = ServiceKind::from_code(&row.kind).ok_or_else(|| {
            sqlx::Error::Decode(format!("unknown unit kind {:?}", row.kind).into())
        })?;
        Ok(UnitSummary {
            unit_id: row.unit_id,
            name: row.name,
            kind,
            phone: row.phone,
            email: row.email,
            street_address: row.street_address,
            postal_code: row.postal_code,
            postal_place: row.postal_place,
        })
    }
}

/// Every unit, or those of one kind, ordered by name as a Norwegian reader expects.
#[tracing::instrument(skip(pool))]
pub async fn list_units(
    pool: &PgPool,
    kind: Option<ServiceKind>,
) -> Result<Vec<UnitSummary>, sqlx::Error> {
    let rows = sqlx::query_as!(
        UnitRow,
        r#"select unit_id, name, kind, phone, email, street_address, postal_code, postal_place
           from unit
           where $1::text is null or kind = $1
           -- Norwegian collation puts Æ, Ø and Å after Z, in that order.
           order by name collate "nb-NO-x-icu", unit_id"#,
        kind.map(ServiceKind::code),
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(UnitSummary::try_from).collect()
}

/// One unit with its page details, or `None` if there is no such unit.
#[tracing::instrument(skip(pool))]
pub async fn find_unit(pool: &PgPool, unit_id: Uuid) -> Result<Option<UnitDetail>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select u.unit_id, u.name, u.kind, u.phone, u.email, u.street_address, u.postal_code,
                  u.postal_place, u.description, u.website, m.name as municipality_name
           from unit u
           join municipality m using (municipality_id)
           where u.unit_id = $1"#,
        unit_id,
    )
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        let summary = UnitSummary::try_from(UnitRow {
            unit_id: row.unit_id,
            name: row.name,
            kind: row.kind,
            phone: row.phone,
            email: row.email,
            street_address: row.street_address,
            postal_code: row.postal_code,
            postal_place: row.postal_place,
        })?;
        Ok(UnitDetail {
            summary,
            description: row.description,
            website: row.website,
            municipality_name: row.municipality_name,
        })
    })
    .transpose()
}
