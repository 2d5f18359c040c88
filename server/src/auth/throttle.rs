//! Counting login failures in PostgreSQL (shared by every app instance), by the rules of
//! [`lockout`](super::lockout).

use crate::auth::lockout::{self, Scope};
use sqlx::{PgConnection, PgPool};
use std::net::IpAddr;
use time::OffsetDateTime;

/// The throttle key of a username (normalized) or an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    scope: Scope,
    key: String,
}

impl Key {
    pub fn account(username: &str) -> Key {
        // Bounded, so any typed username makes a valid key.
        let name: String = username.chars().take(100).collect();
        Key {
            scope: Scope::Account,
            key: format!("account:{name}"),
        }
    }

    pub fn address(address: IpAddr) -> Key {
        Key {
            scope: Scope::Address,
            key: format!("address:{address}"),
        }
    }
}

/// The state of the keys of one attempt: locked if any is, with the most recent failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub locked: bool,
    pub failures: i32,
}

pub async fn status(pool: &PgPool, keys: &[Key]) -> Result<Status, sqlx::Error> {
    let names: Vec<String> = keys.iter().map(|key| key.key.clone()).collect();
    let row = sqlx::query!(
        r#"select coalesce(bool_or(locked_until > now()), false) as "locked!",
                  coalesce(max(failures) filter (where last_failure_at > now() - interval '1 hour'), 0) as "failures!"
           from login_throttle where key = any($1)"#,
        &names
    )
    .fetch_one(pool)
    .await?;
    Ok(Status {
        locked: row.locked,
        failures: row.failures,
    })
}

/// Counts one failure for each key; true if this locked any of them.
pub async fn record_failure(conn: &mut PgConnection, keys: &[Key]) -> Result<bool, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let mut locked = false;
    for key in keys {
        let previous = sqlx::query!(
            "select failures, last_failure_at from login_throttle where key = $1 for update",
            key.key
        )
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| (row.failures, row.last_failure_at));
        let (failures, locked_until) = lockout::after_failure(key.scope, previous, now);
        locked |= locked_until.is_some();
        sqlx::query!(
            "insert into login_throttle (key, failures, last_failure_at, locked_until)
             values ($1, $2, $3, $4)
             on conflict (key) do update
             set failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                 locked_until = coalesce(excluded.locked_until, login_throttle.locked_until)",
            key.key,
            failures,
            now,
            locked_until
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(locked)
}

/// Forgets the failures of an account after a successful login.
pub async fn clear(conn: &mut PgConnection, key: &Key) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from login_throttle where key = $1", key.key)
        .execute(conn)
        .await?;
    Ok(())
}
