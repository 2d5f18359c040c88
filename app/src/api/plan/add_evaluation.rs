use super::EvaluationForm;
use crate::api::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_evaluation`: staff taking part record an evaluation made together.
#[server(prefix = "/api", endpoint = "add_evaluation")]
pub async fn add_evaluation(log_id: Uuid, evaluation: EvaluationForm) -> Result<Uuid, ApiError> {
    use crate::api::error::Field;
    use crate::domain::plan::{evaluated_on, text_within};
    use crate::server::{gate, plan};
    let invalid = |field| ApiError::Invalid { field };
    let tried =
        text_within(&evaluation.what_was_tried, 1, 8000, Field::WhatWasTried).map_err(invalid)?;
    let worked =
        text_within(&evaluation.what_worked, 1, 8000, Field::WhatWorked).map_err(invalid)?;
    let next = text_within(&evaluation.what_next, 1, 8000, Field::WhatNext).map_err(invalid)?;
    let mut tx = gate::open().await?;
    let (grant, facts) = gate::grant(&mut tx, log_id).await?;
    let start = plan::measure_start(&mut tx, &grant, evaluation.measure_id)
        .await?
        .ok_or(invalid(Field::Measure))?;
    let day = evaluated_on(&evaluation.evaluated_on, start, facts.today).map_err(invalid)?;
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
