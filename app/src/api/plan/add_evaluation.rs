use crate::model::error::ApiError;
use crate::model::plan::EvaluationForm;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_evaluation`: staff taking part record an evaluation made together.
#[server(prefix = "/api", endpoint = "add_evaluation")]
pub async fn add_evaluation(log_id: Uuid, evaluation: EvaluationForm) -> Result<Uuid, ApiError> {
    use crate::domain::plan::{evaluated_on, text_within};
    use crate::model::error::Field;
    use crate::server::{gate, plan};
    let tried = text_within(&evaluation.what_was_tried, 1, 8000, Field::WhatWasTried)?;
    let worked = text_within(&evaluation.what_worked, 1, 8000, Field::WhatWorked)?;
    let next = text_within(&evaluation.what_next, 1, 8000, Field::WhatNext)?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::EditPlan).await?;
    let start = plan::measure_start(&mut tx, &grant, evaluation.measure_id)
        .await?
        .ok_or(ApiError::from(Field::Measure))?;
    let day = evaluated_on(&evaluation.evaluated_on, start, grant.facts().today)?;
    let evaluation = plan::Evaluation {
        measure_id: evaluation.measure_id,
        what_was_tried: tried,
        what_worked: worked,
        what_next: next,
        evaluated_on: day,
    };
    let evaluation_id = plan::add_evaluation(&mut tx, &grant, &evaluation).await?;
    tx.commit().await?;
    Ok(evaluation_id)
}
