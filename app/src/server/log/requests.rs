//! A holder's request for a log: the child and the guardians read from the population
//! register (never from the form), the log created waiting for consent, the holder and the
//! services to involve named.

use crate::domain::baton::Post;
use crate::model::error::{ApiError, Field};
use crate::model::identity::Identity;
use crate::model::log::{LogRequest, StaffChoice};
use crate::server::error::refused_write;
use crate::server::state::AppState;
use crate::server::{family, register_lookups};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

fn service(value: &str) -> Result<Option<(Uuid, Uuid)>, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let post = Post::parse(value).ok_or(ApiError::Invalid {
        field: Field::Services,
    })?;
    Ok(Some((post.unit_id, post.person_id)))
}

/// (unit, member of staff) for each service chosen; at least one.
fn services(request: &LogRequest) -> Result<Vec<(Uuid, Uuid)>, ApiError> {
    let services: Vec<(Uuid, Uuid)> = [
        service(&request.first_service)?,
        service(&request.second_service)?,
    ]
    .into_iter()
    .flatten()
    .collect();
    if services.is_empty() {
        return Err(ApiError::Invalid {
            field: Field::Services,
        });
    }
    Ok(services)
}

/// Reads the child's family from the register, stores it as the register has it, and
/// creates the requested log; returns its id.
pub async fn create(
    state: &AppState,
    identity: &Identity,
    request: &LogRequest,
) -> Result<Uuid, ApiError> {
    let services = services(request)?;
    let (family, holder_unit, _) =
        register_lookups::family_of(state, identity, request.lookup_id).await?;
    let mut tx = state.pool.begin().await?;
    let municipality_id = sqlx::query_scalar!(
        "select municipality_id from unit where unit_id = $1",
        holder_unit
    )
    .fetch_one(&mut *tx)
    .await?;
    let stored = family::store(&mut tx, &family, municipality_id).await?;
    let log_id = sqlx::query_scalar!(
        "insert into log (child_id, municipality_id, status, requested_by)
         values ($1, $2, 'requested', $3) returning log_id",
        stored.child_id,
        municipality_id,
        identity.person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into holder_assignment (log_id, person_id, unit_id) values ($1, $2, $3)",
        log_id,
        identity.person_id,
        holder_unit
    )
    .execute(&mut *tx)
    .await?;
    for (unit, person) in &services {
        sqlx::query!(
            "insert into participant (log_id, person_id, unit_id, role)
             values ($1, $2, $3, 'service')",
            log_id,
            person,
            unit
        )
        .execute(&mut *tx)
        .await
        .map_err(refused_write)?;
    }
    crate::server::audit::record_in_log(
        &mut tx,
        identity.person_id,
        log_id,
        "log.requested",
        json!({
            "lookup_id": request.lookup_id,
            "services": services.len(),
            "guardians": family.guardians.len(),
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(log_id)
}

pub async fn staff_choices(
    pool: &PgPool,
    person_id: Uuid,
) -> Result<Vec<StaffChoice>, sqlx::Error> {
    // Only the asking person's own municipality: another one's staff are no one to name here;
    // nor someone leaving their unit, who may be given no baton and no new part there.
    sqlx::query_as!(
        StaffChoice,
        r#"select u.unit_id, u.name as unit_name, p.person_id,
                  p.given_name || ' ' || p.family_name as "name!", s.job_title
           from staff_unit_membership m
           join unit u using (unit_id)
           join person p using (person_id)
           join staff s using (person_id)
           where s.municipality_id = (select me.municipality_id from staff me
                                      where me.person_id = $1)
             and m.leaving_since is null
           order by u.name, p.family_name, p.given_name"#,
        person_id
    )
    .fetch_all(pool)
    .await
}
