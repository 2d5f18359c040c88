use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_goal`: staff taking part add a common goal to a development area.
#[server(prefix = "/api", endpoint = "add_goal")]
pub async fn add_goal(
    log_id: Uuid,
    area_id: Uuid,
    title: String,
    #[server(default)] description: String,
) -> Result<Uuid, ApiError> {
    use crate::domain::plan::{optional_text, text_within};
    use crate::model::error::Field;
    use crate::server::{gate, plan};
    let title = text_within(&title, 2, 300, Field::Title)?;
    let description = optional_text(&description, 4000, Field::Description)?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::EditPlan).await?;
    let goal_id = plan::add_goal(&mut tx, &grant, area_id, title, description).await?;
    tx.commit().await?;
    Ok(goal_id)
}
