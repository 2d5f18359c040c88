use crate::i18n::Lang;
use crate::model::error::ApiError;
use crate::model::log::{LogSummary, MyDecision};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/my_logs`: the logs the person is part of, as the gate lets them see each.
#[server(prefix = "/api", endpoint = "my_logs", input = GetUrl)]
pub async fn my_logs() -> Result<Vec<LogSummary>, ApiError> {
    use crate::server::{identity, log_overview, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    log_overview::my_logs(&state.pool, &identity).await
}

/// `GET /api/my_decisions?log_id=&lang=`: what the consent rules let the person decide on
/// the log, each with its text and reason.
#[server(prefix = "/api", endpoint = "my_decisions", input = GetUrl)]
pub async fn my_decisions(log_id: Uuid, lang: Lang) -> Result<Vec<MyDecision>, ApiError> {
    use crate::domain::access::LogAction;
    use crate::server::{gate, log_overview};
    let mut tx = gate::open().await?;
    let (_, facts) = gate::authorize(&mut tx, log_id, LogAction::ReadConsentHistory).await?;
    let decisions = log_overview::decisions(&mut tx, log_id, &facts, lang).await?;
    tx.commit().await?;
    Ok(decisions)
}

/// `GET /api/standing_consents?log_id=`: for the holder, the consents in force whose givers
/// may withdraw them, so an oral withdrawal can be documented at once.
#[server(prefix = "/api", endpoint = "standing_consents", input = GetUrl)]
pub async fn standing_consents(
    log_id: Uuid,
) -> Result<Vec<crate::model::log::StandingConsent>, ApiError> {
    use crate::domain::access::LogAction;
    use crate::server::{gate, log_overview};
    let mut tx = gate::open().await?;
    let (_, facts) = gate::authorize(&mut tx, log_id, LogAction::DocumentWithdrawal).await?;
    let standing = log_overview::standing(&mut tx, &facts).await?;
    tx.commit().await?;
    Ok(standing)
}

/// `GET /api/log_actions?log_id=`: whether the person may close or reopen the log now;
/// for the holder, when the population register last changed the child's family.
#[server(prefix = "/api", endpoint = "log_actions", input = GetUrl)]
pub async fn log_actions(log_id: Uuid) -> Result<crate::model::log::LogPermissions, ApiError> {
    use crate::domain::access::{self, LogAction, Relation};
    use crate::server::{gate, log_overview};
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
        log_overview::family_changed(&mut tx, log_id).await?
    } else {
        None
    };
    Ok(crate::model::log::LogPermissions {
        can_close: may(LogAction::Close),
        can_reopen: may(LogAction::Reopen),
        family_changed,
    })
}
