//! The login and logout routes: plain axum handlers, since they redirect to and from
//! ID-porten rather than answer the app.
//!
//! `GET /auth/login?return_to=` → ID-porten → `GET /auth/callback` → `return_to`;
//! `POST /auth/logout` → ID-porten's end-session endpoint → `/logged-out`;
//! `POST /auth/backchannel-logout` (from ID-porten) ends the local logins of that session.

use crate::auth::identify::{resolve, Login};
use crate::auth::idporten::{LoginError, PendingLogin};
use crate::auth::login_cookie;
use crate::auth::login_session::{self, Method};
use crate::auth::{device, see_other};
use crate::state::ServerState;
use app::model::error::ApiError;
use app::model::identity::LoginMethod;
use app::server::redirect::local_path_or_root;
use app::server::{audit, family};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;

const PENDING_KEY: &str = "idporten_pending";

#[derive(Deserialize)]
pub struct LoginQuery {
    return_to: Option<String>,
}

pub async fn login(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> Response {
    let return_to = local_path_or_root(query.return_to.as_deref().unwrap_or("/")).to_string();
    let lang = super::request_lang(&headers);
    match state.idporten.begin(lang, return_to).await {
        Ok((url, pending)) => match session.insert(PENDING_KEY, pending).await {
            Ok(()) => see_other(url.as_str()),
            Err(error) => {
                tracing::warn!(%error, "cannot store the pending login");
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
        },
        Err(error) => {
            tracing::warn!(%error, "cannot begin a login");
            see_other("/login?error=unavailable")
        }
    }
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    // Taken out at once: state, nonce and verifier serve one callback only.
    let pending = match session.remove::<PendingLogin>(PENDING_KEY).await {
        Ok(pending) => pending,
        Err(error) => {
            tracing::warn!(%error, "cannot load the session");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let outcome = match (
        &pending,
        query.state.as_deref(),
        query.code,
        query.error.as_deref(),
    ) {
        (Some(pending), Some(returned), _, _) if returned != pending.state => Err("state_mismatch"),
        (None, _, _, _) => Err("no_pending_login"),
        (Some(_), _, _, Some("access_denied")) => return see_other("/login?error=cancelled"),
        (Some(_), _, _, Some(_)) => Err("provider_error"),
        (Some(pending), Some(_), Some(code), None) => Ok((pending, code)),
        (Some(_), _, _, None) => Err("malformed_callback"),
    };
    let (pending, code) = match outcome {
        Ok(found) => found,
        Err(reason) => return failed(&state, None, reason, "/login?error=failed").await,
    };

    let authenticated = match state.idporten.complete(pending, code).await {
        Ok(authenticated) => authenticated,
        Err(error) => {
            tracing::warn!(%error, "login refused");
            let page = match error {
                LoginError::LevelTooLow(_) => "/login?error=level",
                LoginError::Unavailable(_) => "/login?error=unavailable",
                _ => "/login?error=failed",
            };
            return failed(&state, None, error.reason(), page).await;
        }
    };

    let person = match login_session::person_for_pid(&state.app.pool, &authenticated.pid).await {
        Ok(Some(person)) => person,
        // A family new to Stafett may come to ask for a log: the register says who they are.
        Ok(None) => match family::admit_from_register(&state.app, &authenticated.pid).await {
            Ok(Some(person)) => person,
            Ok(None) => return failed(&state, None, "unknown_person", "/login/no-log").await,
            Err(ApiError::RegisterUnavailable) => {
                return failed(
                    &state,
                    None,
                    "register_unavailable",
                    "/login?error=unavailable",
                )
                .await
            }
            Err(error) => {
                tracing::error!(?error, "cannot admit a person from the register");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        },
        Err(error) => {
            tracing::error!(%error, "cannot look up the person");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };

    let device = user_agent(&headers).and_then(device::describe);
    let started = async {
        let mut tx = state.app.pool.begin().await?;
        let method = Method::IdPorten {
            sid: &authenticated.sid,
            id_token: &authenticated.id_token,
        };
        let begun =
            login_session::begin(&mut tx, &session, person, method, device, &state.data_key)
                .await?;
        tx.commit().await?;
        Ok::<_, login_session::BeginError>(begun)
    };
    match started.await {
        Ok(begun) => {
            let mut response = see_other(&pending.return_to);
            login_cookie::set(&mut response, &begun.token, state.secure_cookies());
            response
        }
        Err(error) => {
            tracing::error!(%error, "cannot start the login");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Records a failed login and sends the browser to `page`.
async fn failed(
    state: &ServerState,
    person: Option<uuid::Uuid>,
    reason: &str,
    page: &str,
) -> Response {
    let recorded = async {
        let mut conn = state.app.pool.acquire().await?;
        audit::record(
            &mut conn,
            person,
            "auth.login_failed",
            json!({ "method": "idporten", "reason": reason }),
        )
        .await
    };
    if let Err(error) = recorded.await {
        tracing::error!(%error, "cannot audit a failed login");
    }
    see_other(page)
}

pub fn user_agent(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
}

pub async fn logout(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let login = match resolve(&state, &headers).await {
        Ok(login) => login,
        Err(status) => return status.into_response(),
    };
    let mut provider_logout = None;
    if let Login::Active(identity) = login {
        let ended = async {
            let mut tx = state.app.pool.begin().await?;
            let ended =
                login_session::end(&mut tx, identity.login_session_id, &state.data_key).await?;
            audit::record(
                &mut tx,
                Some(identity.person_id),
                "auth.logout",
                json!({ "login_session_id": identity.login_session_id }),
            )
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(ended)
        };
        match ended.await {
            Ok(Some((LoginMethod::IdPorten, Some(id_token)))) => {
                provider_logout = state.idporten.end_session_url(&id_token).await;
            }
            Ok(_) => {}
            Err(error) => {
                tracing::error!(%error, "cannot end the login");
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
        }
    }
    if let Err(error) = session.flush().await {
        tracing::warn!(%error, "cannot delete the session");
    }
    let mut response = match provider_logout {
        Some(url) => super::continue_to_provider(&url, super::request_lang(&headers)),
        None => see_other("/logged-out"),
    };
    login_cookie::clear(&mut response, state.secure_cookies());
    response
}

#[derive(Deserialize)]
pub struct BackchannelLogout {
    logout_token: String,
}

pub async fn backchannel_logout(
    State(state): State<ServerState>,
    Form(form): Form<BackchannelLogout>,
) -> Response {
    let token = match state.idporten.verify_logout_token(&form.logout_token).await {
        Ok(token) => token,
        Err(error) => {
            tracing::warn!(%error, "back-channel logout refused");
            return invalid_logout_token();
        }
    };
    let ended = async {
        let mut tx = state.app.pool.begin().await?;
        // Taken once: the same token again (a replay) changes nothing.
        if !login_session::take_logout_token(&mut tx, &token.jti, token.expires_at).await? {
            return Ok(false);
        }
        for person in login_session::end_by_idporten_sid(&mut tx, &token.sid).await? {
            audit::record(
                &mut tx,
                Some(person),
                "auth.logout",
                json!({ "via": "idporten_backchannel" }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    };
    match ended.await {
        // The spec asks for no caching of this answer.
        Ok(true) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")]).into_response(),
        Ok(false) => {
            tracing::warn!("back-channel logout refused: a logout token seen before");
            invalid_logout_token()
        }
        Err(error) => {
            tracing::error!(%error, "cannot end logins after a back-channel logout");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

fn invalid_logout_token() -> Response {
    (StatusCode::BAD_REQUEST, "invalid logout_token").into_response()
}
