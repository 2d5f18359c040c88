use crate::model::admin::{StaffForm, StaffOutcome};
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_staff`: `unit_id` and nested `staff[...]`; puts a member of staff on a
/// unit of the administrator's municipality (new to it, or known: then the name and contact
/// details given replace the old), as its leader or not.
#[server(prefix = "/api", endpoint = "add_staff")]
pub async fn add_staff(unit_id: Uuid, staff: StaffForm) -> Result<StaffOutcome, ApiError> {
    use crate::domain::staff::StaffEntry;
    use crate::server::admin;
    let entry = StaffEntry::new(
        &staff.national_id,
        &staff.given_name,
        &staff.family_name,
        &staff.email,
        &staff.phone,
    )?;
    let (mut tx, admin) = admin::open().await?;
    let outcome =
        admin::staff::put_staff(&mut tx, &admin, unit_id, &entry, staff.unit_leader).await?;
    tx.commit().await?;
    Ok(outcome)
}
