//! A child's passkeys on the app's side: the guardian approves and removes them, and the
//! child sees their own. Registering and logging in (WebAuthn) are the server's `/auth`
//! routes. The app role reads no passkeys itself: the database's functions answer only a
//! guardian with parental responsibility for the child, or the child.

use crate::model::error::ApiError;
use crate::model::passkey::PasskeySummary;
use crate::server::gate::{ChildLogin, ContentTx, Granted};
use crate::server::oslo::oslo;
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

struct Row {
    child_passkey_id: Uuid,
    device: Option<String>,
    created_at: OffsetDateTime,
    approved: bool,
    last_used_at: Option<OffsetDateTime>,
    disabled_reason: Option<String>,
}

impl From<Row> for PasskeySummary {
    fn from(row: Row) -> PasskeySummary {
        PasskeySummary {
            passkey_id: row.child_passkey_id,
            device: row.device,
            created: oslo(row.created_at),
            last_used: row.last_used_at.map(oslo),
            approved: row.approved,
            copied: row.disabled_reason.as_deref() == Some("cloned"),
        }
    }
}

/// The passkeys of the grant's child, oldest first.
pub async fn of_child(
    tx: &mut ContentTx,
    grant: &Granted<ChildLogin>,
) -> Result<Vec<PasskeySummary>, ApiError> {
    let rows = sqlx::query_as!(
        Row,
        r#"select child_passkey_id as "child_passkey_id!", device, created_at as "created_at!",
                  approved as "approved!", last_used_at, disabled_reason
           from child_passkeys($1)"#,
        grant.facts().family.child_id
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().map(PasskeySummary::from).collect())
}

/// The acting person's own passkeys, oldest first; `None` unless they are a child with a
/// login of their own, who may have some.
pub async fn mine(tx: &mut ContentTx) -> Result<Option<Vec<PasskeySummary>>, ApiError> {
    let has_login = sqlx::query_scalar!(r#"select has_child_login() as "has!""#)
        .fetch_one(tx.conn())
        .await?;
    if !has_login {
        return Ok(None);
    }
    let rows = sqlx::query_as!(
        Row,
        r#"select child_passkey_id as "child_passkey_id!", device, created_at as "created_at!",
                  approved as "approved!", last_used_at, disabled_reason
           from my_passkeys()"#
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(Some(rows.into_iter().map(PasskeySummary::from).collect()))
}

/// Lets the child log in with the passkey from now on. Only one of the grant's child that
/// waits for approval: a copied one is to be removed.
pub async fn approve(
    tx: &mut ContentTx,
    grant: &Granted<ChildLogin>,
    passkey_id: Uuid,
) -> Result<(), ApiError> {
    let approved = sqlx::query_scalar!(
        r#"select approve_child_passkey($1, $2) as "approved!""#,
        grant.facts().family.child_id,
        passkey_id
    )
    .fetch_one(tx.conn())
    .await?;
    if !approved {
        return Err(ApiError::NotFound);
    }
    let detail = json!({ "passkey_id": passkey_id });
    tx.record(grant, "child_login.passkey_approved", detail)
        .await?;
    Ok(())
}

/// Removes the passkey (a lost phone): it opens no login from now on.
pub async fn remove(
    tx: &mut ContentTx,
    grant: &Granted<ChildLogin>,
    passkey_id: Uuid,
) -> Result<(), ApiError> {
    let removed = sqlx::query_scalar!(
        r#"select remove_child_passkey($1, $2) as "removed!""#,
        grant.facts().family.child_id,
        passkey_id
    )
    .fetch_one(tx.conn())
    .await?;
    if !removed {
        return Err(ApiError::NotFound);
    }
    let detail = json!({ "passkey_id": passkey_id });
    tx.record(grant, "child_login.passkey_removed", detail)
        .await?;
    Ok(())
}
