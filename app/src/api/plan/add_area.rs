use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_area`: staff taking part add a development area to the plan.
#[server(prefix = "/api", endpoint = "add_area")]
pub async fn add_area(
    log_id: Uuid,
    title: String,
    #[server(default)] description: String,
) -> Result<Uuid, ApiError> {
    use crate::domain::plan::{optional_text, text_within};
    use crate::model::error::Field;
    use crate::server::{gate, plan};
    let title = text_within(&title, 2, 200, Field::Title)?;
    let description = optional_text(&description, 4000, Field::Description)?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::EditPlan).await?;
    let area_id = plan::add_area(&mut tx, &grant, title, description).await?;
    tx.commit().await?;
    Ok(area_id)
}
