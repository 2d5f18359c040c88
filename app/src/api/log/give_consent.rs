use crate::domain::consent::{ActionKind, Choice};
use crate::i18n::Lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/consent_text?log_id=&scope=&unit_id=&choice=&lang=`: the exact text a person
/// who decides is asked to agree to (or to withdraw with), and the reason they are asked.
#[server(prefix = "/api", endpoint = "consent_text", input = GetUrl)]
pub async fn consent_text(
    log_id: Uuid,
    scope: ActionKind,
    unit_id: Option<Uuid>,
    choice: Choice,
    lang: Lang,
) -> Result<String, ApiError> {
    use crate::server::{gate, log_decisions};
    let (action, wanted) = wanted(scope, unit_id, choice)?;
    let mut tx = gate::open().await?;
    let (_, facts) = gate::authorize(&mut tx, log_id, wanted).await?;
    Ok(log_decisions::consent_text(&mut tx, &facts, action, choice, lang).await?)
}

/// `POST /api/give_consent`: the logged-in guardian or youth consents to `scope`, having
/// been shown `text_shown` (from `consent_text`, which must still be the text). Opens a
/// requested log once its establishment is consented. Returns whether it opened.
#[server(prefix = "/api", endpoint = "give_consent")]
pub async fn give_consent(
    log_id: Uuid,
    scope: ActionKind,
    unit_id: Option<Uuid>,
    text_shown: String,
    lang: Lang,
) -> Result<bool, ApiError> {
    decide_digitally(log_id, scope, unit_id, Choice::Given, text_shown, lang).await
}

/// Records the logged-in person's own decision, digitally.
#[cfg(feature = "ssr")]
pub(super) async fn decide_digitally(
    log_id: Uuid,
    scope: ActionKind,
    unit_id: Option<Uuid>,
    choice: Choice,
    text_shown: String,
    lang: Lang,
) -> Result<bool, ApiError> {
    use crate::server::{family, gate, identity, log_decisions, state::AppState};
    let (action, wanted) = wanted(scope, unit_id, choice)?;
    let state = AppState::from_context()?;
    family::refresh_before_decision(&state, identity::current()?.person_id, log_id, choice).await?;
    let mut tx = gate::open().await?;
    let (grant, facts) = gate::authorize(&mut tx, log_id, wanted).await?;
    let text = log_decisions::consent_text(&mut tx, &facts, action, choice, lang).await?;
    // The evidence is the text the person actually read; if it has changed since, they
    // must read it again.
    if text != text_shown.trim() {
        return Err(ApiError::BadRequest);
    }
    let consenter = grant.person_id();
    let opened = log_decisions::record_consent(
        &mut tx,
        &grant,
        &facts,
        consenter,
        action,
        choice,
        &log_decisions::Method::Digital,
        &text,
        lang,
    )
    .await?;
    tx.commit().await?;
    Ok(opened)
}

/// The consent asked about, and what the gate must allow for the choice.
#[cfg(feature = "ssr")]
fn wanted(
    scope: ActionKind,
    unit_id: Option<Uuid>,
    choice: Choice,
) -> Result<
    (
        crate::domain::consent::Action,
        crate::domain::access::LogAction,
    ),
    ApiError,
> {
    use crate::domain::access::LogAction;
    use crate::domain::consent::Action;
    let action = Action::from_scope(scope.code(), unit_id).ok_or(ApiError::BadRequest)?;
    let wanted = match choice {
        Choice::Given => LogAction::Consent(action),
        Choice::Withdrawn => LogAction::Withdraw(action),
    };
    Ok((action, wanted))
}
