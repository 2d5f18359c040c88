use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/log_actions?log_id=`: whether the person may close or reopen the log now;
/// for the holder, when the population register last changed the child's family.
#[server(prefix = "/api", endpoint = "log_actions", input = GetUrl)]
pub async fn log_actions(log_id: Uuid) -> Result<crate::model::log::LogPermissions, ApiError> {
    use crate::domain::access::{self, LogAction, Relation};
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let person = tx.person_id();
    let (facts, relations) = gate::facts(&mut tx, log_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    // Like the gate: a log the person has nothing to do with does not exist for them.
    if relations.is_empty() {
        return Err(ApiError::NotFound);
    }
    let may = |action| access::authorize(person, &relations, action, &facts).is_ok();
    let holder = relations
        .iter()
        .any(|relation| matches!(relation, Relation::Holder(_)));
    let family_changed = if holder {
        log::overview::family_changed(&mut tx, log_id).await?
    } else {
        None
    };
    Ok(crate::model::log::LogPermissions {
        can_close: may(LogAction::Close),
        can_reopen: may(LogAction::Reopen),
        family_changed,
    })
}
