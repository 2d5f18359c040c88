//! The one way server code learns who is asking: [`current`]. The server's `identify`
//! middleware resolves the login of each page and server-function request (see
//! `server::auth::identify`) and leaves the [`Identity`] in the request's extensions.

use crate::domain::child_login::own_login_ending_soon;
use crate::model::error::ApiError;
use crate::model::identity::{Identity, LoginMethod, SessionSummary, StaffUnit};
use crate::server::oslo::oslo;
use leptos::prelude::*;
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

/// The person making this request, or `Unauthorized` (HTTP 401).
pub fn current() -> Result<Identity, ApiError> {
    optional().ok_or(ApiError::Unauthorized)
}

/// The person making this request, if logged in (for pages that show either way).
pub fn optional() -> Option<Identity> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Identity>().cloned())
}

/// The identity of the active login whose cookie carries `token`, marking it used now;
/// `None` once it has ended or timed out, or for a token no login has. One round trip.
///
/// The idle limit counts in minutes, so the login is marked used at most once a minute:
/// a row written by every request would make a person's requests wait for each other's
/// commits.
pub async fn resume(pool: &PgPool, token: &[u8]) -> Result<Option<Identity>, sqlx::Error> {
    let row = sqlx::query!(
        r#"
        with found as (
            select login_session_id, person_id, method, last_seen_at from login_session
            where token_hash = sha256($1)
              and login_session_is_active(created_at, last_seen_at, ended_at)
              and (method = 'idporten' or own_login_open(person_id))
        ), touched as (
            update login_session s set last_seen_at = now()
            from found
            where s.login_session_id = found.login_session_id
              and found.last_seen_at < now() - interval '1 minute'
        )
        select found.login_session_id, p.person_id, p.given_name, p.family_name,
               (select c.birth_date from child c
                where c.person_id = p.person_id and found.method <> 'idporten')
                   as own_login_birth_date,
               array(select m.unit_id from staff_unit_membership m join unit u using (unit_id)
                     where m.person_id = p.person_id order by u.name) as "unit_ids!",
               array(select u.name from staff_unit_membership m join unit u using (unit_id)
                     where m.person_id = p.person_id order by u.name) as "unit_names!",
               array(select m.role = 'unit_leader' from staff_unit_membership m
                     join unit u using (unit_id)
                     where m.person_id = p.person_id order by u.name) as "unit_leader!",
               (exists (select 1 from guardianship g where g.guardian_id = p.person_id)
                or exists (select 1 from child c where c.person_id = p.person_id)) as "is_citizen!",
               exists (select 1 from staff s
                       where s.person_id = p.person_id and s.is_administrator) as "is_administrator!"
        from found join person p using (person_id)
        "#,
        token
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| Identity {
        person_id: row.person_id,
        login_session_id: row.login_session_id,
        given_name: row.given_name,
        family_name: row.family_name,
        staff_units: row
            .unit_ids
            .into_iter()
            .zip(row.unit_names)
            .zip(row.unit_leader)
            .map(|((unit_id, unit_name), is_unit_leader)| StaffUnit {
                unit_id,
                unit_name,
                is_unit_leader,
            })
            .collect(),
        is_citizen: row.is_citizen,
        is_administrator: row.is_administrator,
        own_login_ends_soon: row
            .own_login_birth_date
            .and_then(|born| own_login_ending_soon(born, oslo(OffsetDateTime::now_utc()).date())),
    }))
}

/// The active logins of `identity`'s person.
pub async fn active_sessions(
    pool: &PgPool,
    identity: &Identity,
) -> Result<Vec<SessionSummary>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"
        select login_session_id, method, device, created_at, last_seen_at
        from login_session
        where person_id = $1 and login_session_is_active(created_at, last_seen_at, ended_at)
          and (method = 'idporten' or own_login_open(person_id))
        order by last_seen_at desc
        "#,
        identity.person_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(SessionSummary {
                login_session_id: row.login_session_id,
                method: LoginMethod::from_code(&row.method)?,
                device: row.device,
                started: oslo(row.created_at),
                last_active: oslo(row.last_seen_at),
                current: row.login_session_id == identity.login_session_id,
            })
        })
        .collect())
}

/// Ends every open login of `person_id`; returns how many.
pub async fn end_all_sessions(
    conn: &mut PgConnection,
    person_id: Uuid,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "update login_session set ended_at = now(), ended_reason = 'logout_everywhere'
         where person_id = $1 and ended_at is null",
        person_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
