//! Reading and writing a log's plan: development areas, goals, measures and evaluations.
//! Reading takes a read grant; every write takes a plan grant (staff taking part), is
//! checked against the log's own areas, goals and members, and is recorded in the audit
//! chain.

use crate::domain::plan::MeasureStatus;
use crate::model::error::{ApiError, Field};
use crate::model::plan::{AreaView, DecisionSeed, MeasureView, PlanView};
use crate::server::gate::{ContentTx, EditPlan, Granted, ReadContent};
use crate::server::log::{self, members::Reachable};
use crate::server::oslo::oslo;
use serde_json::json;
use time::Date;
use uuid::Uuid;

/// The plan as the grant's holder may see it, with the members who may be made responsible.
pub async fn view(
    tx: &mut ContentTx,
    grant: &Granted<ReadContent>,
    from_decision: Option<Uuid>,
) -> Result<PlanView, sqlx::Error> {
    let log_id = grant.log_id();
    let row = sqlx::query!(
        r#"
        select c.given_name || ' ' || c.family_name as "child_name!",
               coalesce((
                   select json_agg(json_build_object(
                       'area_id', a.development_area_id, 'title', a.title,
                       'description', a.description,
                       'goals', coalesce((
                           select json_agg(json_build_object(
                               'goal_id', g.goal_id, 'title', g.title,
                               'description', g.description)
                               order by g.created_at, g.goal_id)
                           from goal g where g.development_area_id = a.development_area_id
                       ), '[]'::json))
                       order by a.created_at, a.development_area_id)
                   from development_area a where a.log_id = l.log_id
               ), '[]'::json) as "areas!",
               coalesce((
                   select json_agg(json_build_object(
                       'measure_id', m.measure_id, 'area_id', m.development_area_id,
                       'area_title', a.title, 'goal_id', m.goal_id, 'goal_title', g.title,
                       'title', m.title, 'description', m.description,
                       'responsible_id', m.responsible_id,
                       'responsible_name', r.given_name || ' ' || r.family_name,
                       'start_date', m.start_date,
                       'evaluation_date', m.planned_evaluation_date,
                       'status', m.status, 'version', m.version,
                       'evaluations', coalesce((
                           select json_agg(json_build_object(
                               'what_was_tried', e.what_was_tried,
                               'what_worked', e.what_worked, 'what_next', e.what_next,
                               'evaluated_on', e.evaluated_on,
                               'recorded_by_name', b.given_name || ' ' || b.family_name)
                               order by e.evaluated_on, e.created_at)
                           from evaluation e join person b on b.person_id = e.recorded_by
                           where e.measure_id = m.measure_id
                       ), '[]'::json),
                       'decided_at', (
                           select (dm.starts_at at time zone 'Europe/Oslo')::date
                           from meeting_decision d join meeting dm on dm.meeting_id = d.meeting_id
                           where d.meeting_decision_id = m.decision_id))
                       order by m.planned_evaluation_date, m.created_at, m.measure_id)
                   from measure m
                   join development_area a on a.development_area_id = m.development_area_id
                   left join goal g on g.goal_id = m.goal_id
                   join person r on r.person_id = m.responsible_id
                   where m.log_id = l.log_id
               ), '[]'::json) as "measures!"
        from log l join person c on c.person_id = l.child_id
        where l.log_id = $1
        "#,
        log_id
    )
    .fetch_one(tx.conn())
    .await?;
    let malformed = |_| sqlx::Error::Decode("malformed plan".into());
    let areas: Vec<AreaView> = serde_json::from_value(row.areas).map_err(malformed)?;
    let measures: Vec<MeasureView> = serde_json::from_value(row.measures).map_err(malformed)?;
    let members = log::members::members(tx, grant).await?;
    let from_decision = match from_decision {
        Some(decision_id) => sqlx::query_as!(
            DecisionSeed,
            r#"select d.meeting_decision_id as decision_id, d.text,
                          m.starts_at as meeting_starts_at
               from meeting_decision d join meeting m on m.meeting_id = d.meeting_id
               where d.meeting_decision_id = $2 and m.log_id = $1"#,
            log_id,
            decision_id
        )
        .fetch_optional(tx.conn())
        .await?
        .map(|seed| DecisionSeed {
            meeting_starts_at: oslo(seed.meeting_starts_at),
            ..seed
        }),
        None => None,
    };
    tx.record(
        grant,
        "content.read",
        json!({ "what": "plan", "measures": measures.len() }),
    )
    .await?;
    Ok(PlanView {
        log_id,
        child_name: row.child_name,
        capacity: grant.capacity(),
        members: members.into_iter().map(|m| m.member).collect(),
        areas,
        measures,
        from_decision,
    })
}

/// Adds a development area; returns its id.
pub async fn add_area(
    tx: &mut ContentTx,
    grant: &Granted<EditPlan>,
    title: &str,
    description: Option<&str>,
) -> Result<Uuid, sqlx::Error> {
    let area_id = sqlx::query_scalar!(
        "insert into development_area (log_id, title, description, created_by)
         values ($1, $2, $3, $4) returning development_area_id",
        grant.log_id(),
        title,
        description,
        grant.person_id()
    )
    .fetch_one(tx.conn())
    .await?;
    tx.record(
        grant,
        "content.write",
        json!({ "what": "development_area", "id": area_id }),
    )
    .await?;
    Ok(area_id)
}

/// Adds a goal to a development area of the log; returns its id.
pub async fn add_goal(
    tx: &mut ContentTx,
    grant: &Granted<EditPlan>,
    area_id: Uuid,
    title: &str,
    description: Option<&str>,
) -> Result<Uuid, ApiError> {
    let goal_id = sqlx::query_scalar!(
        "insert into goal (log_id, development_area_id, title, description, created_by)
         select a.log_id, a.development_area_id, $3, $4, $5
         from development_area a where a.development_area_id = $2 and a.log_id = $1
         returning goal_id",
        grant.log_id(),
        area_id,
        title,
        description,
        grant.person_id()
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::Invalid {
        field: Field::DevelopmentArea,
    })?;
    tx.record(
        grant,
        "content.write",
        json!({ "what": "goal", "id": goal_id }),
    )
    .await?;
    Ok(goal_id)
}

/// A measure whose fields have passed the rules of `domain::plan`.
pub struct Measure<'a> {
    pub area_id: Uuid,
    pub goal_id: Option<Uuid>,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub responsible_id: Uuid,
    pub start: Date,
    pub evaluation: Date,
    pub status: MeasureStatus,
    /// For a new measure: the meeting decision of the log it is made from.
    pub decision_id: Option<Uuid>,
}

/// Creates a measure, or changes one whose saved version is still `expected_version`;
/// someone else's newer save is a conflict, never overwritten.
pub async fn save_measure(
    tx: &mut ContentTx,
    grant: &Granted<EditPlan>,
    members: &[Reachable],
    existing: Option<(Uuid, i32)>,
    measure: &Measure<'_>,
) -> Result<Uuid, ApiError> {
    let log_id = grant.log_id();
    if !log::members::all_members(members, &[measure.responsible_id]) {
        return Err(ApiError::Invalid {
            field: Field::Responsible,
        });
    }
    let placement = sqlx::query!(
        r#"select exists (select 1 from development_area a
                          where a.development_area_id = $2 and a.log_id = $1) as "area!",
                  $3::uuid is null or exists (select 1 from goal g
                          where g.goal_id = $3 and g.development_area_id = $2) as "goal!",
                  $4::uuid is null or exists (
                          select 1 from meeting_decision d
                          join meeting m on m.meeting_id = d.meeting_id
                          where d.meeting_decision_id = $4 and m.log_id = $1) as "decision!""#,
        log_id,
        measure.area_id,
        measure.goal_id,
        measure.decision_id
    )
    .fetch_one(tx.conn())
    .await?;
    if !placement.decision {
        return Err(ApiError::Invalid {
            field: Field::Decision,
        });
    }
    if !placement.area {
        return Err(ApiError::Invalid {
            field: Field::DevelopmentArea,
        });
    }
    if !placement.goal {
        return Err(ApiError::Invalid { field: Field::Goal });
    }
    let saved = match existing {
        None => {
            sqlx::query_scalar!(
                "insert into measure (log_id, development_area_id, goal_id, title, description,
                                      responsible_id, start_date, planned_evaluation_date,
                                      status, created_by, decision_id)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 returning measure_id",
                log_id,
                measure.area_id,
                measure.goal_id,
                measure.title,
                measure.description,
                measure.responsible_id,
                measure.start,
                measure.evaluation,
                measure.status.code(),
                grant.person_id(),
                measure.decision_id
            )
            .fetch_one(tx.conn())
            .await?
        }
        Some((measure_id, expected_version)) => {
            let updated = sqlx::query_scalar!(
                "update measure set development_area_id = $3, goal_id = $4, title = $5,
                        description = $6, responsible_id = $7, start_date = $8,
                        planned_evaluation_date = $9, status = $10,
                        version = version + 1
                 where measure_id = $2 and log_id = $1 and version = $11
                 returning measure_id",
                log_id,
                measure_id,
                measure.area_id,
                measure.goal_id,
                measure.title,
                measure.description,
                measure.responsible_id,
                measure.start,
                measure.evaluation,
                measure.status.code(),
                expected_version
            )
            .fetch_optional(tx.conn())
            .await?;
            match updated {
                Some(id) => id,
                None => return Err(missing_or_conflict(tx, log_id, measure_id).await?),
            }
        }
    };
    tx.record(
        grant,
        "content.write",
        json!({
            "what": "measure", "id": saved, "new": existing.is_none(),
            "decision": measure.decision_id,
        }),
    )
    .await?;
    Ok(saved)
}

/// Why a versioned update of a measure changed no row.
async fn missing_or_conflict(
    tx: &mut ContentTx,
    log_id: Uuid,
    measure_id: Uuid,
) -> Result<ApiError, sqlx::Error> {
    let exists = sqlx::query_scalar!(
        r#"select exists (select 1 from measure where measure_id = $2 and log_id = $1) as "e!""#,
        log_id,
        measure_id
    )
    .fetch_one(tx.conn())
    .await?;
    Ok(if exists {
        ApiError::Conflict
    } else {
        ApiError::Invalid {
            field: Field::Measure,
        }
    })
}

/// The start date of a measure of the log, to check an evaluation against.
pub async fn measure_start(
    tx: &mut ContentTx,
    grant: &Granted<EditPlan>,
    measure_id: Uuid,
) -> Result<Option<Date>, sqlx::Error> {
    sqlx::query_scalar!(
        "select start_date from measure where measure_id = $2 and log_id = $1",
        grant.log_id(),
        measure_id
    )
    .fetch_optional(tx.conn())
    .await
}

/// An evaluation whose fields have passed the rules of `domain::plan`.
pub struct Evaluation<'a> {
    pub measure_id: Uuid,
    pub what_was_tried: &'a str,
    pub what_worked: &'a str,
    pub what_next: &'a str,
    pub evaluated_on: Date,
}

/// Records an evaluation of a measure of the log; returns its id.
pub async fn add_evaluation(
    tx: &mut ContentTx,
    grant: &Granted<EditPlan>,
    evaluation: &Evaluation<'_>,
) -> Result<Uuid, sqlx::Error> {
    let evaluation_id = sqlx::query_scalar!(
        "insert into evaluation (measure_id, what_was_tried, what_worked, what_next,
                                 evaluated_on, recorded_by)
         values ($1, $2, $3, $4, $5, $6) returning evaluation_id",
        evaluation.measure_id,
        evaluation.what_was_tried,
        evaluation.what_worked,
        evaluation.what_next,
        evaluation.evaluated_on,
        grant.person_id()
    )
    .fetch_one(tx.conn())
    .await?;
    tx.record(
        grant,
        "content.write",
        json!({ "what": "evaluation", "id": evaluation_id, "measure": evaluation.measure_id }),
    )
    .await?;
    Ok(evaluation_id)
}
