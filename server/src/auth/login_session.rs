//! Starting and ending logins: a row in `login_session`, found again by the token of the
//! login cookie (`login_cookie`). The server-side session gets a new id at every login, so
//! what it held before the login cannot be fixed by another.

use crate::auth::login_cookie;
use app::api::identity::LoginMethod;
use sqlx::{PgConnection, PgPool};
use tower_sessions::Session;
use uuid::Uuid;

/// How a login came about.
#[derive(Debug)]
pub enum Method<'a> {
    IdPorten { sid: &'a str, id_token: &'a str },
    PasswordAndCode,
}

/// The person a national identity number belongs to, if they may log in: staff, a guardian,
/// or a child. Nobody else gets an account by logging in.
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

/// Records the login in `conn`'s transaction; its token is to be set as the login cookie.
pub async fn begin(
    conn: &mut PgConnection,
    session: &Session,
    person_id: Uuid,
    method: Method<'_>,
    device: Option<String>,
) -> Result<Begun, BeginError> {
    let (code, sid, id_token) = match method {
        Method::IdPorten { sid, id_token } => ("idporten", Some(sid), Some(id_token)),
        Method::PasswordAndCode => ("password_and_code", None, None),
    };
    let token = login_cookie::new_token();
    let login_session_id = sqlx::query_scalar!(
        "insert into login_session (person_id, method, idporten_sid, id_token, device, token_hash)
         values ($1, $2, $3, $4, $5, sha256($6)) returning login_session_id",
        person_id,
        code,
        sid,
        id_token,
        device,
        &token[..]
    )
    .fetch_one(conn)
    .await?;
    session.cycle_id().await?;
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
/// out at ID-porten too) if it was open.
pub async fn end(
    conn: &mut PgConnection,
    login_session_id: Uuid,
) -> Result<Option<(LoginMethod, Option<String>)>, sqlx::Error> {
    let row = sqlx::query!(
        "update login_session set ended_at = now(), ended_reason = 'logout'
         where login_session_id = $1 and ended_at is null
         returning method, id_token",
        login_session_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|row| Some((LoginMethod::from_code(&row.method)?, row.id_token))))
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
