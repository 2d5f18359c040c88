//! A family's own request for a log: the children a person may ask for, read from the
//! population register (never from the form); the request stored with the family as the
//! register has it, and its leaders told (as they chose to hear); a leader of the unit asked
//! appointing a holder, which starts the log waiting for the family's consent.

use crate::domain::baton::Post;
use crate::domain::consent::age_on;
use crate::domain::family_request::{who_asks, Asker};
use crate::domain::plan::text_within;
use crate::domain::register;
use crate::model::error::{ApiError, Field};
use crate::model::family_request::{MyFamilyRequest, RequestChoice, WaitingRequest};
use crate::model::identity::Identity;
use crate::model::notice::NoticeKind;
use crate::server::log::baton;
use crate::server::oslo::oslo;
use crate::server::state::AppState;
use crate::server::{audit, family, notice};
use serde_json::json;
use sqlx::PgPool;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// The shortest and longest account of what a request is about.
const ABOUT_CHARS: (usize, usize) = (10, 4000);

fn today() -> Date {
    oslo(OffsetDateTime::now_utc()).date()
}

async fn national_id(state: &AppState, identity: &Identity) -> Result<Option<String>, ApiError> {
    Ok(sqlx::query_scalar!(
        "select national_id from person where person_id = $1",
        identity.person_id
    )
    .fetch_one(&state.pool)
    .await?)
}

/// Those the person may ask a log for today: their children they have parental
/// responsibility for, and themself from 15; none for someone the register does not know.
pub async fn choices(
    state: &AppState,
    identity: &Identity,
) -> Result<Vec<RequestChoice>, ApiError> {
    let Some(own) = national_id(state, identity).await? else {
        return Ok(Vec::new());
    };
    let Some(me) = state.register.person(&own).await? else {
        return Ok(Vec::new());
    };
    let today = today();
    let mut candidates = vec![me.clone()];
    for child in &me.children {
        if let Some(child) = state.register.person(child).await? {
            candidates.push(child);
        }
    }
    Ok(candidates
        .into_iter()
        .filter_map(|child| {
            let asker = who_asks(&own, &child, today).ok()?;
            Some(RequestChoice {
                name: child.name(),
                age: age_on(child.birth_date, today),
                themself: asker == Asker::Youth,
                key: child.national_id,
            })
        })
        .collect())
}

/// Asks `unit_id` for a log for the child `child_key`, in the family's own words.
pub async fn ask(
    state: &AppState,
    identity: &Identity,
    child_key: &str,
    unit_id: Uuid,
    about: &str,
) -> Result<(), ApiError> {
    let (min, max) = ABOUT_CHARS;
    let about = text_within(about.trim(), min, max, Field::RequestAbout)?;
    let own = national_id(state, identity)
        .await?
        .ok_or(Field::RequestChild)?;
    let family = family::read(state.register.as_ref(), child_key.trim())
        .await?
        .ok_or(Field::RequestChild)?;
    let today = today();
    let asker = who_asks(&own, &family.child, today).map_err(|_| Field::RequestChild)?;
    if register::refusal(&family.child, &family.guardians, today).is_some() {
        return Err(Field::RequestChild.into());
    }
    let mut tx = state.pool.begin().await?;
    let municipality_id = sqlx::query_scalar!(
        "select municipality_id from unit where unit_id = $1",
        unit_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Field::RequestUnit)?;
    let stored = family::store(&mut tx, &family, municipality_id).await?;
    let live = sqlx::query_scalar!(
        r#"select exists (select 1 from log where child_id = $1 and status in ('requested', 'open'))
                  or exists (select 1 from family_request where child_id = $1 and log_id is null)
           as "live!""#,
        stored.child_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if live {
        return Err(Field::RequestExists.into());
    }
    let request_id = sqlx::query_scalar!(
        "insert into family_request (child_id, requested_by, unit_id, about)
         values ($1, $2, $3, $4) returning family_request_id",
        stored.child_id,
        identity.person_id,
        unit_id,
        about
    )
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(identity.person_id),
        "family_request.made",
        json!({ "request": request_id, "unit": unit_id, "as": asker }),
    )
    .await?;
    // The leaders appoint a holder: they hear that a request waits, never what it says.
    let leaders = notice::leaders_of(&mut tx, unit_id).await?;
    notice::tell_leaders(&mut tx, &leaders, NoticeKind::Request, &state.public_url).await?;
    tx.commit().await?;
    Ok(())
}

/// The requests the person made or may follow (as a guardian or the child), newest first.
/// Read with the owner's pool, filtered to the person here: the child of a request has no
/// log yet, so the personal-data policies (which follow the logs) would hide their name.
pub async fn mine(pool: &PgPool, identity: &Identity) -> Result<Vec<MyFamilyRequest>, ApiError> {
    let rows = sqlx::query!(
        r#"select c.given_name || ' ' || c.family_name as "child_name!", u.name as unit_name,
                  r.requested_at, r.log_id,
                  (select p.given_name || ' ' || p.family_name
                   from holder_assignment h join person p on p.person_id = h.person_id
                   where h.log_id = r.log_id and h.ended_at is null) as holder_name
           from family_request r
           join person c on c.person_id = r.child_id
           join unit u on u.unit_id = r.unit_id
           where r.requested_by = $1 or r.child_id = $1
              or exists (select 1 from guardianship g where g.child_id = r.child_id
                         and g.guardian_id = $1 and g.has_parental_responsibility)
           order by r.requested_at desc"#,
        identity.person_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| MyFamilyRequest {
            child_name: row.child_name,
            unit_name: row.unit_name,
            requested_at: oslo(row.requested_at),
            log_id: row.log_id,
            holder_name: row.holder_name,
        })
        .collect())
}

/// The requests waiting for a leader of the units the person leads (read as `mine` is), and
/// recorded as read: the family's own words are in them.
pub async fn waiting(pool: &PgPool, identity: &Identity) -> Result<Vec<WaitingRequest>, ApiError> {
    let rows = sqlx::query!(
        r#"select r.family_request_id, r.unit_id, u.name as unit_name, r.about, r.requested_at,
                  c.given_name || ' ' || c.family_name as "child_name!",
                  (r.requested_by = r.child_id) as "by_youth!"
           from family_request r
           join staff_unit_membership m on m.unit_id = r.unit_id
                and m.person_id = $1 and m.role = 'unit_leader'
           join person c on c.person_id = r.child_id
           join unit u on u.unit_id = r.unit_id
           where r.log_id is null
           order by r.requested_at"#,
        identity.person_id
    )
    .fetch_all(pool)
    .await?;
    if !rows.is_empty() {
        let mut conn = pool.acquire().await?;
        audit::record(
            &mut conn,
            Some(identity.person_id),
            "family_request.waiting_read",
            json!({ "requests": rows.len() }),
        )
        .await?;
    }
    Ok(rows
        .into_iter()
        .map(|row| WaitingRequest {
            request_id: row.family_request_id,
            child_name: row.child_name,
            unit_id: row.unit_id,
            unit_name: row.unit_name,
            by_youth: row.by_youth,
            about: row.about,
            requested_at: oslo(row.requested_at),
        })
        .collect())
}

/// A leader of the unit asked appoints `holder` ("unit/person", a member of that unit): the
/// log starts, waiting for the family's consent, held by them. Returns the log.
pub async fn appoint(
    state: &AppState,
    identity: &Identity,
    request_id: Uuid,
    holder: &str,
) -> Result<Uuid, ApiError> {
    let post = Post::parse(holder.trim()).ok_or(Field::RequestHolder)?;
    let mut tx = state.pool.begin().await?;
    let request = sqlx::query!(
        "select r.child_id, r.unit_id, u.municipality_id
         from family_request r
         join unit u on u.unit_id = r.unit_id
         join staff_unit_membership m on m.unit_id = r.unit_id
              and m.person_id = $2 and m.role = 'unit_leader'
         where r.family_request_id = $1 and r.log_id is null
         for update of r",
        request_id,
        identity.person_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound)?;
    if post.unit_id != request.unit_id || !baton::may_take_on(&mut tx, post).await? {
        return Err(Field::RequestHolder.into());
    }
    let log_id = sqlx::query_scalar!(
        "insert into log (child_id, municipality_id, status, requested_by)
         values ($1, $2, 'requested', $3) returning log_id",
        request.child_id,
        request.municipality_id,
        post.person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into holder_assignment (log_id, person_id, unit_id, began, appointed_by)
         values ($1, $2, $3, 'appointed', $4)",
        log_id,
        post.person_id,
        post.unit_id,
        identity.person_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update family_request set log_id = $2, answered_by = $3, answered_at = now()
         where family_request_id = $1",
        request_id,
        log_id,
        identity.person_id
    )
    .execute(&mut *tx)
    .await?;
    audit::record_in_log(
        &mut tx,
        identity.person_id,
        log_id,
        "family_request.answered",
        json!({ "request": request_id, "holder": post.person_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(log_id)
}
