use crate::model::error::ApiError;
use crate::model::plan::MeasureForm;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/save_measure`: staff taking part create a measure (from a meeting decision of
/// the log, if one is named), or change one from the version they started editing; if
/// someone saved in between, nothing is saved and the answer is a conflict (409). Returns
/// the measure's id.
#[server(prefix = "/api", endpoint = "save_measure")]
pub async fn save_measure(log_id: Uuid, measure: MeasureForm) -> Result<Uuid, ApiError> {
    use crate::domain::plan::{measure_dates, optional_text, text_within, MeasureStatus};
    use crate::model::error::Field;
    use crate::model::notice::NoticeKind;
    use crate::server::{gate, log, notice, plan, state::AppState};
    let title = text_within(&measure.title, 2, 300, Field::Title)?;
    let description = optional_text(&measure.description, 8000, Field::Description)?;
    let goal_id = match measure.goal_id.trim() {
        "" => None,
        id => Some(Uuid::parse_str(id).map_err(|_| ApiError::from(Field::Goal))?),
    };
    let status =
        MeasureStatus::from_code(&measure.status).ok_or(ApiError::from(Field::MeasureStatus))?;
    let existing = match (measure.measure_id, measure.version, measure.decision_id) {
        (None, _, _) => None,
        (Some(id), Some(version), None) => Some((id, version)),
        // A measure is made from a decision when it is created, not later.
        (Some(_), _, _) => return Err(ApiError::BadRequest),
    };
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::EditPlan).await?;
    let (start, evaluation) = measure_dates(
        &measure.start_date,
        &measure.evaluation_date,
        grant.facts().today,
    )?;
    let members = log::members::members(&mut tx, &grant).await?;
    let measure = plan::Measure {
        area_id: measure.area_id,
        goal_id,
        title,
        description,
        responsible_id: measure.responsible_id,
        start,
        evaluation,
        status,
        decision_id: measure.decision_id,
    };
    let measure_id = plan::save_measure(&mut tx, &grant, &members, existing, &measure).await?;
    notice::notify(
        &mut tx,
        &grant,
        &members,
        NoticeKind::Measure,
        &state.public_url,
    )
    .await?;
    tx.commit().await?;
    Ok(measure_id)
}
