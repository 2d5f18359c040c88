use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/unlock_child_login`: a guardian who may decide on the child's own login lifts a
/// lock set by failed attempts (the child is told of those by e-mail or SMS), from every
/// address at once.
#[server(prefix = "/api", endpoint = "unlock_child_login")]
pub async fn unlock_child_login(log_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{child_login, gate};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ChildLogin).await?;
    child_login::unlock(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(())
}
