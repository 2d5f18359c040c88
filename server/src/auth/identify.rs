//! Resolves the login behind each page and server-function request once, up front, so that
//! `app::server::identity::current()` is the only way code asks who the user is.

use crate::auth::{login_cookie, see_other, with_return_to};
use crate::state::ServerState;
use app::model::identity::Identity;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::atomic::Ordering;

/// What the login cookie of a request comes to.
pub enum Login {
    /// No login cookie.
    None,
    /// A cookie for a login that has ended or timed out: to be cleared.
    Ended,
    Active(Identity),
}

/// The login behind the request's login cookie. One statement.
pub async fn resolve(state: &ServerState, headers: &HeaderMap) -> Result<Login, StatusCode> {
    let Some(token) = login_cookie::token(headers, state.secure_cookies()) else {
        return Ok(Login::None);
    };
    if !state.app.database_ready.load(Ordering::Acquire) {
        return Err(StatusCode::SERVICE_UNAVAILABLE);
    }
    let identity = app::server::identity::resume(&state.app.pool, &token)
        .await
        .map_err(|error| {
            tracing::warn!(%error, "cannot resume a login");
            StatusCode::SERVICE_UNAVAILABLE
        })?;
    Ok(identity.map_or(Login::Ended, Login::Active))
}

/// Puts the [`Identity`] into the request's extensions; sends a visitor without one from a
/// page that needs it to the login page, and back afterwards.
pub async fn identify(
    State(state): State<ServerState>,
    mut request: Request,
    next: Next,
) -> Response {
    let login = match resolve(&state, request.headers()).await {
        Ok(login) => login,
        Err(status) => return status.into_response(),
    };
    let ended = matches!(login, Login::Ended);
    let mut response = match login {
        Login::Active(identity) => {
            request.extensions_mut().insert(identity);
            next.run(request).await
        }
        _ if app::ui::signed_in::requires_login(request.uri().path()) => {
            let wanted = request
                .uri()
                .path_and_query()
                .map_or("/", |path| path.as_str());
            see_other(&with_return_to("/login", wanted))
        }
        _ => next.run(request).await,
    };
    if ended {
        login_cookie::clear(&mut response, state.secure_cookies());
    }
    response
}
