//! Demo data for the demo command and the end-to-end tests: fictional people only.

use crate::auth::password;
use sqlx::PgPool;

/// The password of the demo children's own logins.
pub const DEMO_CHILD_PASSWORD: &str = "tre blå hester";
/// Nora (12) gets her one-time codes by e-mail, Mats (13) by SMS.
const DEMO_CHILD_ACCOUNTS: [(&str, &str, &str); 2] = [
    ("00000000-0000-4000-8000-000000000404", "nora", "email"),
    ("00000000-0000-4000-8000-000000000405", "mats", "sms"),
];

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] password::HashError),
}

/// Seeds the demo data in one transaction. Idempotent: fixed ids, and children's birth dates
/// recomputed from today so their ages stay true.
pub async fn run(pool: &PgPool) -> Result<(), SeedError> {
    let hash = password::hash(DEMO_CHILD_PASSWORD.into()).await?;
    let mut tx = pool.begin().await?;
    sqlx::raw_sql(include_str!("demo_seed.sql"))
        .execute(&mut *tx)
        .await?;
    for (person_id, username, channel) in DEMO_CHILD_ACCOUNTS {
        sqlx::query(
            "insert into child_account (person_id, username, password_hash, code_channel)
             values ($1::uuid, $2, $3, $4)
             on conflict (person_id) do nothing",
        )
        .bind(person_id)
        .bind(username)
        .bind(&hash)
        .bind(channel)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_password_is_acceptable() {
        let check = crate::auth::password::check_new(super::DEMO_CHILD_PASSWORD, "nora");
        assert_eq!(check, Ok(()));
    }
}
