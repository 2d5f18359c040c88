//! Resolves the login behind each page and server-function request once, up front, so that
//! `app::server::identity::current()` is the only way code asks who the user is.

use crate::auth::{see_other, with_return_to};
use crate::state::ServerState;
use app::api::identity::Identity;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::sync::atomic::Ordering;
use tower_sessions::Session;
use uuid::Uuid;

/// The session key under which a completed login is kept.
pub const LOGIN_KEY: &str = "login";

/// What the session remembers of a login: only its id; everything else is in the database.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct LoginRef {
    pub login_session_id: Uuid,
}

/// The identity of this session's login, if it is still active. A login that has ended is
/// forgotten by the session.
pub async fn resolve(
    state: &ServerState,
    session: &Session,
) -> Result<Option<Identity>, StatusCode> {
    let login = session.get::<LoginRef>(LOGIN_KEY).await.map_err(|error| {
        tracing::warn!(%error, "cannot load the session");
        StatusCode::SERVICE_UNAVAILABLE
    })?;
    let Some(login) = login else { return Ok(None) };
    if !state.app.database_ready.load(Ordering::Acquire) {
        return Err(StatusCode::SERVICE_UNAVAILABLE);
    }
    let identity = app::server::identity::resume(&state.app.pool, login.login_session_id)
        .await
        .map_err(|error| {
            tracing::warn!(%error, "cannot resume a login");
            StatusCode::SERVICE_UNAVAILABLE
        })?;
    if identity.is_none() {
        let _ = session.remove::<LoginRef>(LOGIN_KEY).await;
    }
    Ok(identity)
}

/// Puts the [`Identity`] into the request's extensions; sends a visitor without one from a
/// page that needs it to the login page, and back afterwards.
pub async fn identify(
    State(state): State<ServerState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let identity = match resolve(&state, &session).await {
        Ok(identity) => identity,
        Err(status) => return status.into_response(),
    };
    match identity {
        Some(identity) => {
            request.extensions_mut().insert(identity);
        }
        None if app::ui::signed_in::requires_login(request.uri().path()) => {
            let wanted = request
                .uri()
                .path_and_query()
                .map_or("/", |path| path.as_str());
            return see_other(&with_return_to("/login", wanted));
        }
        None => {}
    }
    next.run(request).await
}
