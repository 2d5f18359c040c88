//! Login for children under 15: username and password, then a one-time code sent to the
//! child's own e-mail address or phone, at every login.
//!
//! `POST /auth/child/password` (username, password, return_to) → `/login/child/code`;
//! `POST /auth/child/code` (code) → `return_to`. Every failure answers the same way whether
//! or not the username exists; failures are slowed and then locked (see `lockout`).

use crate::auth::idporten_routes::user_agent;
use crate::auth::login_session::{self, Method};
use crate::auth::throttle::{self, Key};
use crate::auth::{
    client_address, device, lockout, login_cookie, one_time_code, password, see_other,
    with_return_to,
};
use crate::outbox;
use crate::state::ServerState;
use app::server::audit;
use app::server::redirect::local_path_or_root;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::net::SocketAddr;
use tower_sessions::Session;
use uuid::Uuid;

const PENDING_KEY: &str = "code_pending";

/// The first step passed; the code is on its way.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct PendingCode {
    login_code_id: Uuid,
    person_id: Uuid,
    username: String,
    return_to: String,
}

#[derive(Deserialize)]
pub struct PasswordForm {
    username: String,
    password: String,
    return_to: Option<String>,
}

/// The peer's address; behind a reverse proxy this is the proxy (see README, deployment).
fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "child login failed");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// The password page again, with an error code and the username kept.
fn back_to_password(error: &str, username: &str, return_to: &str) -> Response {
    let mut url = with_return_to("/login/child", return_to);
    url.push_str("&error=");
    url.push_str(error);
    if !username.is_empty() {
        url.push_str("&username=");
        url.extend(openidconnect::url::form_urlencoded::byte_serialize(
            username.as_bytes(),
        ));
    }
    see_other(&url)
}

pub async fn password(
    State(state): State<ServerState>,
    session: Session,
    connect_info: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> Response {
    let return_to = local_path_or_root(form.return_to.as_deref().unwrap_or("/")).to_string();
    let username = form.username.trim().to_lowercase();
    if username.is_empty() || form.password.is_empty() {
        return back_to_password("missing", &username, &return_to);
    }
    let keys = [
        Key::account(&username),
        Key::address(client_address::of_request(
            connect_info,
            &headers,
            &state.trusted_proxies,
        )),
    ];
    let pool = &state.app.pool;

    let status = match throttle::status(pool, &keys).await {
        Ok(status) => status,
        Err(error) => return unavailable(error),
    };
    if status.locked {
        return back_to_password("locked", &username, &return_to);
    }
    tokio::time::sleep(lockout::delay(status.failures)).await;

    let account = match sqlx::query!(
        r#"select a.person_id, a.password_hash, a.code_channel, p.email, p.phone
           from child_account a join person p using (person_id) where a.username = $1"#,
        username
    )
    .fetch_optional(pool)
    .await
    {
        Ok(account) => account,
        Err(error) => return unavailable(error),
    };
    let hash = account
        .as_ref()
        .map(|account| account.password_hash.clone());
    let matches = password::verify(form.password, hash).await;

    let Some(account) = account.filter(|_| matches) else {
        let person = None::<Uuid>;
        let recorded = async {
            let mut tx = pool.begin().await?;
            let locked = throttle::record_failure(&mut tx, &keys).await?;
            audit::record(
                &mut tx,
                person,
                if locked {
                    "auth.login_locked"
                } else {
                    "auth.login_failed"
                },
                json!({ "method": "password", "reason": "wrong_username_or_password" }),
            )
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(locked)
        };
        return match recorded.await {
            Ok(true) => back_to_password("locked", &username, &return_to),
            Ok(false) => back_to_password("invalid", &username, &return_to),
            Err(error) => unavailable(error),
        };
    };

    let recipient = match account.code_channel.as_str() {
        "sms" => account.phone.map(|phone| (outbox::Channel::Sms, phone)),
        _ => account.email.map(|email| (outbox::Channel::Email, email)),
    };
    let Some((channel, recipient)) = recipient else {
        tracing::error!("a child account has no address for its one-time codes");
        return back_to_password("no_address", &username, &return_to);
    };

    let code = one_time_code::generate();
    let code_hash = match password::hash(code.clone()).await {
        Ok(hash) => hash,
        Err(error) => return unavailable(error),
    };
    let lang = super::request_lang(&headers);
    let created = async {
        let mut tx = pool.begin().await?;
        let login_code_id = sqlx::query_scalar!(
            "insert into login_code (person_id, code_hash, expires_at)
             values ($1, $2, now() + make_interval(mins => $3)) returning login_code_id",
            account.person_id,
            code_hash,
            one_time_code::VALID_MINUTES
        )
        .fetch_one(&mut *tx)
        .await?;
        let message = outbox::login_code_message(lang, &code);
        outbox::enqueue(&mut tx, channel, &recipient, &message).await?;
        audit::record(
            &mut tx,
            Some(account.person_id),
            "auth.code_sent",
            json!({ "channel": channel.code() }),
        )
        .await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(login_code_id)
    };
    let login_code_id = match created.await {
        Ok(id) => id,
        Err(error) => return unavailable(error),
    };
    let pending = PendingCode {
        login_code_id,
        person_id: account.person_id,
        username,
        return_to,
    };
    if let Err(error) = session.insert(PENDING_KEY, pending).await {
        return unavailable(error);
    }
    see_other(&format!("/login/child/code?sent={}", channel.code()))
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}

pub async fn code(
    State(state): State<ServerState>,
    session: Session,
    connect_info: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let pending = match session.get::<PendingCode>(PENDING_KEY).await {
        Ok(Some(pending)) => pending,
        Ok(None) => return see_other("/login/child?error=expired"),
        Err(error) => return unavailable(error),
    };
    let keys = [
        Key::account(&pending.username),
        Key::address(client_address::of_request(
            connect_info,
            &headers,
            &state.trusted_proxies,
        )),
    ];
    let pool = &state.app.pool;
    let status = match throttle::status(pool, &keys).await {
        Ok(status) => status,
        Err(error) => return unavailable(error),
    };
    if status.locked {
        let _ = session.remove::<PendingCode>(PENDING_KEY).await;
        return back_to_password("locked", &pending.username, &pending.return_to);
    }
    tokio::time::sleep(lockout::delay(status.failures)).await;

    // The try is counted before the code is compared, in its own statement, so parallel
    // guesses cannot exceed the limit.
    let attempt = match sqlx::query!(
        r#"update login_code set tries = tries + 1
           where login_code_id = $1 and person_id = $2 and used_at is null
             and expires_at > now() and tries < $3
           returning code_hash, tries"#,
        pending.login_code_id,
        pending.person_id,
        one_time_code::MAX_TRIES
    )
    .fetch_optional(pool)
    .await
    {
        Ok(attempt) => attempt,
        Err(error) => return unavailable(error),
    };
    let Some(attempt) = attempt else {
        let _ = session.remove::<PendingCode>(PENDING_KEY).await;
        return back_to_password("expired", &pending.username, &pending.return_to);
    };

    let typed = one_time_code::normalize(&form.code);
    let matches = typed.len() == 6 && password::verify(typed, Some(attempt.code_hash)).await;
    if !matches {
        let recorded = async {
            let mut tx = pool.begin().await?;
            let locked = throttle::record_failure(&mut tx, &keys).await?;
            audit::record(
                &mut tx,
                Some(pending.person_id),
                if locked {
                    "auth.login_locked"
                } else {
                    "auth.login_failed"
                },
                json!({ "method": "code", "reason": "wrong_code" }),
            )
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(locked)
        };
        let tries_left = one_time_code::MAX_TRIES - attempt.tries;
        return match recorded.await {
            Ok(true) => {
                let _ = session.remove::<PendingCode>(PENDING_KEY).await;
                back_to_password("locked", &pending.username, &pending.return_to)
            }
            Ok(false) if tries_left <= 0 => {
                let _ = session.remove::<PendingCode>(PENDING_KEY).await;
                back_to_password("expired", &pending.username, &pending.return_to)
            }
            Ok(false) => see_other(&format!("/login/child/code?error=wrong&left={tries_left}")),
            Err(error) => unavailable(error),
        };
    }

    let device = user_agent(&headers).and_then(device::describe);
    let started = async {
        let mut tx = pool.begin().await?;
        sqlx::query!(
            "update login_code set used_at = now() where login_code_id = $1",
            pending.login_code_id
        )
        .execute(&mut *tx)
        .await?;
        throttle::clear(&mut tx, &keys[0]).await?;
        session.remove::<PendingCode>(PENDING_KEY).await?;
        let begun = login_session::begin(
            &mut tx,
            &session,
            pending.person_id,
            Method::PasswordAndCode,
            device,
        )
        .await?;
        audit::record(
            &mut tx,
            Some(pending.person_id),
            "auth.login_succeeded",
            json!({ "method": "password_and_code", "login_session_id": begun.login_session_id }),
        )
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
        Err(error) => unavailable(error),
    }
}
