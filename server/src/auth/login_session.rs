//! Starting and ending logins: a row in `login_session`, found again by the token of the
//! login cookie (`login_cookie`). The server-side session gets a new id at every login, so
//! what it held before the login cannot be fixed by another.

use crate::auth::login_cookie;
use crate::seal::SealKey;
use app::model::identity::LoginMethod;
use app::server::audit;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower_sessions::Session;
use uuid::Uuid;

/// How a login came about.
#[derive(Debug)]
pub enum Method<'a> {
    IdPorten { sid: &'a str, id_token: &'a str },
    PasswordAndCode,
    Passkey,
}

/// The person a national identity number belongs to, if they may log in: staff, a guardian,
/// or a child Stafett knows. Anyone else is let in only by the population register
/// (`app::server::family::admit_from_register`).
pub async fn person_for_pid(pool: &PgPool, pid: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select p.person_id from person p
           where p.national_id = $1
             and (exists (select 1 from staff s where s.person_id = p.person_id)
                  or exists (select 1 from guardianship g where g.guardian_id = p.person_id)
                  or exists (select 1 from child c where c.person_id = p.person_id))"#,
        pid
    )
    .fetch_optional(pool)
    .await
}

/// A login just begun: its id, and the token for its cookie.
pub struct Begun {
    pub login_session_id: Uuid,
    pub token: [u8; 32],
}

/// What an ID token is sealed for: its login, so that it opens in no other row.
fn id_token_context(login_session_id: Uuid) -> String {
    format!("login_session.id_token:{login_session_id}")
}

/// Records the login in `conn`'s transaction, with its audit event, and gives the server-side
/// session a new id; the token is to be set as the login cookie. An ID token is kept sealed
/// with `key`, until the login ends.
pub async fn begin(
    conn: &mut PgConnection,
    session: &Session,
    person_id: Uuid,
    method: Method<'_>,
    device: Option<String>,
    key: &SealKey,
) -> Result<Begun, BeginError> {
    let begun = record(conn, person_id, method, device, key).await?;
    session.cycle_id().await?;
    Ok(begun)
}

/// The login's row and audit event, without the server-side session: what `begin` writes,
/// and what the tests write to be logged in without the round trip to ID-porten.
pub async fn record(
    conn: &mut PgConnection,
    person_id: Uuid,
    method: Method<'_>,
    device: Option<String>,
    key: &SealKey,
) -> Result<Begun, sqlx::Error> {
    let login_session_id = Uuid::new_v4();
    let (code, sid, id_token) = match method {
        Method::IdPorten { sid, id_token } => {
            let context = id_token_context(login_session_id);
            let sealed = key.seal(context.as_bytes(), id_token.as_bytes());
            ("idporten", Some(sid), Some(sealed))
        }
        Method::PasswordAndCode => ("password_and_code", None, None),
        Method::Passkey => ("passkey", None, None),
    };
    let token = login_cookie::new_token();
    sqlx::query!(
        "insert into login_session
             (login_session_id, person_id, method, idporten_sid, id_token, device, token_hash)
         values ($1, $2, $3, $4, $5, $6, sha256($7))",
        login_session_id,
        person_id,
        code,
        sid,
        id_token,
        device,
        &token[..]
    )
    .execute(&mut *conn)
    .await?;
    audit::record(
        conn,
        Some(person_id),
        "auth.login_succeeded",
        json!({ "method": code, "login_session_id": login_session_id }),
    )
    .await?;
    Ok(Begun {
        login_session_id,
        token,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum BeginError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Session(#[from] tower_sessions::session::Error),
}

/// Ends the login with `login_session_id`; returns its method and ID token (for logging
/// out at ID-porten too) if it was open. The database forgets the token as the login ends.
pub async fn end(
    conn: &mut PgConnection,
    login_session_id: Uuid,
    key: &SealKey,
) -> Result<Option<(LoginMethod, Option<String>)>, sqlx::Error> {
    let row = sqlx::query!(
        "with ending as (
             select login_session_id, id_token from login_session
             where login_session_id = $1 and ended_at is null
             for update
         )
         update login_session l set ended_at = now(), ended_reason = 'logout'
         from ending where l.login_session_id = ending.login_session_id
         returning l.method, ending.id_token",
        login_session_id
    )
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let context = id_token_context(login_session_id);
    let id_token = row
        .id_token
        .and_then(|sealed| key.open(context.as_bytes(), &sealed))
        .and_then(|plain| String::from_utf8(plain).ok());
    Ok(LoginMethod::from_code(&row.method).map(|method| (method, id_token)))
}

/// Applies the retention rules of `purge_logins()` every hour, once the database is ready:
/// no ID token outlives its login, and ended logins are deleted after 30 days.
pub async fn purge_hourly(pool: PgPool, database_ready: Arc<AtomicBool>) {
    while !database_ready.load(Ordering::Acquire) {
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    loop {
        if let Err(error) = sqlx::query!("select purge_logins()").execute(&pool).await {
            tracing::warn!(%error, "ended logins not purged this hour");
        }
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

/// Ends every open login ID-porten knows as `sid`; returns the persons concerned.
pub async fn end_by_idporten_sid(
    conn: &mut PgConnection,
    sid: &str,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "update login_session set ended_at = now(), ended_reason = 'backchannel_logout'
         where idporten_sid = $1 and ended_at is null
         returning person_id",
        sid
    )
    .fetch_all(conn)
    .await
}

/// Remembers a back-channel logout token's `jti` until it expires; false if it was seen
/// before (a replay).
pub async fn take_logout_token(
    conn: &mut PgConnection,
    jti: &str,
    expires_at: time::OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query_scalar!(
        "insert into logout_token_seen (jti, expires_at) values ($1, $2)
         on conflict (jti) do nothing returning jti",
        jti,
        expires_at
    )
    .fetch_optional(conn)
    .await?;
    Ok(taken.is_some())
}
