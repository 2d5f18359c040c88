//! Counting login attempts in PostgreSQL (shared by every app instance), by the limits of
//! [`lockout`](super::lockout). An attempt is counted *before* it is compared, in one
//! statement under a row lock, so parallel requests cannot compare more than the limit.

use crate::auth::lockout::{self, Scope};
use sqlx::{PgConnection, PgPool};
use std::net::IpAddr;
use uuid::Uuid;

/// The throttle key of a username (normalized) from an address, of an address, or of a
/// child account's codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    scope: Scope,
    key: String,
}

impl Key {
    /// `pair:<username>|<address>`: the username first, so a guardian's unlock finds every
    /// address that tried it.
    pub fn pair(username: &str, address: IpAddr) -> Key {
        Key {
            scope: Scope::Pair,
            key: format!("{}{address}", pair_prefix(username)),
        }
    }

    pub fn address(address: IpAddr) -> Key {
        Key {
            scope: Scope::Address,
            key: format!("address:{address}"),
        }
    }

    pub fn code(person_id: Uuid) -> Key {
        Key {
            scope: Scope::Code,
            key: format!("code:{person_id}"),
        }
    }
}

/// The start of every pair key of `username`; bounded, so any typed username makes a valid
/// key, and without `|` (no username has one), so a typed one cannot pass for the start of
/// another's keys.
pub fn pair_prefix(username: &str) -> String {
    let name: String = username
        .chars()
        .take(100)
        .map(|c| if c == '|' { '?' } else { c })
        .collect();
    format!("pair:{name}|")
}

/// What counting one attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// False if a key was locked: the attempt must not be compared (and was not counted).
    pub allowed: bool,
    /// The count of the first (most specific) key, this attempt included.
    pub failures: i32,
    /// This attempt reached a limit: should it fail, the keys are locked.
    pub locked_now: bool,
}

impl Attempt {
    /// How long to hold the answer: by the failures before this attempt.
    pub fn delay(&self) -> std::time::Duration {
        lockout::delay(self.failures - 1)
    }
}

/// Counts one attempt against every key, unless one is locked. The first key is the most
/// specific (the username from this address; the child's codes): answers slow down by its
/// count.
pub async fn attempt(pool: &PgPool, keys: &[Key]) -> Result<Attempt, sqlx::Error> {
    let names: Vec<String> = keys.iter().map(|key| key.key.clone()).collect();
    let limits: Vec<i32> = keys.iter().map(|key| key.scope.max_attempts()).collect();
    let locks: Vec<sqlx::postgres::types::PgInterval> =
        keys.iter().map(|key| interval(key.scope.lock())).collect();
    let row = sqlx::query!(
        r#"select allowed as "allowed!", failures as "failures!", locked_now as "locked_now!"
           from login_attempt($1, $2, $3, $4)"#,
        &names,
        &limits,
        &locks as &[sqlx::postgres::types::PgInterval],
        interval(lockout::WINDOW)
    )
    .fetch_one(pool)
    .await?;
    Ok(Attempt {
        allowed: row.allowed,
        failures: row.failures,
        locked_now: row.locked_now,
    })
}

/// Whether `key` is locked now (without counting anything).
pub async fn is_locked(pool: &PgPool, key: &Key) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from login_throttle where key = $1 and locked_until > now())
           as "locked!""#,
        key.key
    )
    .fetch_one(pool)
    .await
}

/// After a successful attempt: the account's own keys are forgotten, and the attempt is given
/// back to the shared ones (an address), so that logging in never counts against a place.
pub async fn succeeded(conn: &mut PgConnection, keys: &[Key]) -> Result<(), sqlx::Error> {
    for key in keys {
        match key.scope {
            Scope::Pair | Scope::Code => {
                sqlx::query!("delete from login_throttle where key = $1", key.key)
                    .execute(&mut *conn)
                    .await?;
            }
            Scope::Address => {
                sqlx::query!(
                    "select login_attempt_refund($1, $2)",
                    key.key,
                    key.scope.max_attempts()
                )
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    Ok(())
}

fn interval(duration: time::Duration) -> sqlx::postgres::types::PgInterval {
    sqlx::postgres::types::PgInterval {
        months: 0,
        days: 0,
        microseconds: duration.whole_microseconds() as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_username_cannot_pass_for_the_start_of_another_childs_keys() {
        let address = IpAddr::from([192, 0, 2, 1]);
        assert!(Key::pair("nora", address)
            .key
            .starts_with(&pair_prefix("nora")));
        assert!(!Key::pair("nora|x", address)
            .key
            .starts_with(&pair_prefix("nora")));
    }
}
