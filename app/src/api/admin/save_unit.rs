use crate::model::admin::UnitForm;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/save_unit`: nested `unit[...]`; creates a unit of the administrator's
/// municipality, or with `unit[unit_id]` changes one of its units (404 for any other).
/// Sends the browser on to the unit's page.
#[server(prefix = "/api", endpoint = "save_unit")]
pub async fn save_unit(unit: UnitForm) -> Result<Uuid, ApiError> {
    use crate::domain::service_kind::ServiceKind;
    use crate::domain::staff::{UnitEntry, UnitFields};
    use crate::model::error::Field;
    use crate::server::admin::{self, units};
    let kind = ServiceKind::from_code(&unit.kind).ok_or(ApiError::from(Field::UnitKind))?;
    let entry = UnitEntry::new(UnitFields {
        name: &unit.name,
        description: &unit.description,
        phone: &unit.phone,
        email: &unit.email,
        street_address: &unit.street_address,
        postal_code: &unit.postal_code,
        postal_place: &unit.postal_place,
        website: &unit.website,
    })?;
    let change = units::UnitChange {
        kind,
        entry: &entry,
        shares_health_information: unit.shares_health_information,
    };
    let (mut tx, admin) = admin::open().await?;
    let unit_id = units::save_unit(&mut tx, &admin, unit.unit_id, &change).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/admin/units/{unit_id}"));
    Ok(unit_id)
}
