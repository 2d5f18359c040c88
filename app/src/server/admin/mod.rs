//! The administrator's work: the municipality's units and services, its staff and who
//! leads which unit, who else administers, and a CSV import of staff. Every function takes
//! the [`Administrator`] capability, which only [`open`] gives, after checking in the same
//! transaction that the acting person administers a municipality; every write is audited.
//! The transaction runs as `stafett_app` with the acting person set, so the database's
//! policies (`administers()`) check each write a second time.

pub mod import;
pub mod staff;
pub mod units;

use crate::domain::access::Denial;
use crate::model::error::ApiError;
use crate::model::identity::Identity;
use crate::server::audit;
use crate::server::gate::ContentTx;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// The acting person administers `municipality_id`. Made only by [`open`] and [`check`].
#[derive(Debug)]
pub struct Administrator {
    person_id: Uuid,
    municipality_id: Uuid,
}

impl Administrator {
    pub fn person_id(&self) -> Uuid {
        self.person_id
    }

    pub fn municipality_id(&self) -> Uuid {
        self.municipality_id
    }
}

/// The person asking, a transaction acting for them, and their capability as administrator;
/// `Denied` (403) for anyone else. How every administrator's server function starts.
pub async fn open() -> Result<(ContentTx, Administrator), ApiError> {
    let identity = crate::server::identity::current()?;
    let state = crate::server::state::AppState::from_context()?;
    begin(&state.pool, &identity).await
}

/// As [`open`], for a given person and pool.
pub async fn begin(
    pool: &PgPool,
    identity: &Identity,
) -> Result<(ContentTx, Administrator), ApiError> {
    let mut tx = ContentTx::begin(pool, identity).await?;
    let admin = check(&mut tx).await?;
    Ok((tx, admin))
}

/// Whether the transaction's acting person administers a municipality.
pub async fn check(tx: &mut ContentTx) -> Result<Administrator, ApiError> {
    let person_id = tx.person_id();
    let municipality_id = sqlx::query_scalar!(
        "select municipality_id from staff where person_id = $1 and is_administrator",
        person_id
    )
    .fetch_optional(tx.conn())
    .await?;
    municipality_id
        .map(|municipality_id| Administrator {
            person_id,
            municipality_id,
        })
        .ok_or(ApiError::Denied {
            reason: Denial::AdministratorOnly,
        })
}

/// Records an administrator's change in the audit trail (never a national identity
/// number or a name: ids only).
async fn record(
    tx: &mut ContentTx,
    admin: &Administrator,
    action: &str,
    mut detail: serde_json::Value,
) -> Result<(), sqlx::Error> {
    detail["municipality_id"] = json!(admin.municipality_id);
    audit::record(tx.conn(), Some(admin.person_id), action, detail).await
}

/// Ends the savepoint `name`, keeping what was written since or undoing it: a row of an
/// import, or a whole dry run, is undone without ending the transaction.
async fn end_savepoint(tx: &mut ContentTx, name: &str, keep: bool) -> Result<(), sqlx::Error> {
    let statement = if keep {
        format!("release savepoint {name}")
    } else {
        format!("rollback to savepoint {name}")
    };
    sqlx::query(&statement).execute(tx.conn()).await?;
    Ok(())
}

async fn begin_savepoint(tx: &mut ContentTx, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("savepoint {name}"))
        .execute(tx.conn())
        .await?;
    Ok(())
}
