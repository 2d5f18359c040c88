use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/unlock_child_login`: a guardian who may decide on the child's own login lifts a
/// lock set by failed attempts (the child is told of those by e-mail or SMS), from every
/// address at once.
#[server(prefix = "/api", endpoint = "unlock_child_login")]
pub async fn unlock_child_login(log_id: Uuid) -> Result<(), ApiError> {
    use crate::domain::access::LogAction;
    use crate::domain::consent::Action;
    use crate::server::gate;
    let mut tx = gate::open().await?;
    let (grant, facts) =
        gate::authorize(&mut tx, log_id, LogAction::Consent(Action::ChildOwnAccess)).await?;
    let unlocked = sqlx::query_scalar!(
        r#"select unlock_child_login($1) as "unlocked!""#,
        facts.family.child_id
    )
    .fetch_one(tx.conn())
    .await?;
    // Only a guardian with parental responsibility looks after the child's login.
    if !unlocked {
        return Err(ApiError::NotFound);
    }
    tx.record(
        grant.log_id(),
        "child_login.unlocked",
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
