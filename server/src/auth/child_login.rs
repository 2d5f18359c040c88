//! Login for children under 15: username and password, then a one-time code sent to the
//! child's own e-mail address or phone, at every login.
//!
//! `POST /auth/child/password` (username, password, return_to) → `/login/child/code`;
//! `POST /auth/child/code` (code) → `return_to`. Every failure answers the same way whether
//! or not the username exists; failures are slowed and then locked (see `lockout`).

use crate::auth::failure::{self, Failed};
use crate::auth::idporten_routes::user_agent;
use crate::auth::lockout::Scope;
use crate::auth::login_session::{self, Method};
use crate::auth::throttle::{self, Key};
use crate::auth::{
    client_address, device, login_cookie, one_time_code, password, see_other, with_return_to,
};
use crate::outbox;
use crate::state::ServerState;
use app::i18n::Lang;
use app::server::audit;
use app::server::redirect::local_path_or_root;
use axum::extract::rejection::FormRejection;
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

/// Records a failed attempt in its own transaction.
async fn record_failure(pool: &sqlx::PgPool, failed: Failed<'_>) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    failure::record(&mut tx, failed).await?;
    tx.commit().await
}

/// The child knew their password but has turned 15: not a failure to count against them,
/// but the trail says their old login was tried.
async fn grown(pool: &sqlx::PgPool, person_id: Uuid, keys: &[Key]) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    audit::record(
        &mut tx,
        Some(person_id),
        "auth.own_login_ended",
        json!({ "method": "password" }),
    )
    .await?;
    throttle::succeeded(&mut tx, keys).await?;
    tx.commit().await
}

pub async fn password(
    State(state): State<ServerState>,
    session: Session,
    connect_info: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    // No browser sends this form without both fields, or with one twice: a script did.
    let Ok(Form(form)) = form else {
        return back_to_password("missing", "", "/");
    };
    let return_to = local_path_or_root(form.return_to.as_deref().unwrap_or("/")).to_string();
    // No username holds a control character, and PostgreSQL takes no NUL in text: one
    // typed (or sent) in is dropped, and the name is then as unknown as any other.
    let username: String = form
        .username
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if username.is_empty() || form.password.is_empty() {
        return back_to_password("missing", &username, &return_to);
    }
    let address = client_address::of_request(connect_info, &headers, &state.trusted_proxies);
    let keys = [Key::pair(&username, address), Key::address(address)];
    let pool = &state.app.pool;

    // Counted before the password is compared: parallel guesses cannot pass the limit.
    let attempt = match throttle::attempt(pool, &keys).await {
        Ok(attempt) => attempt,
        Err(error) => return unavailable(error),
    };
    if !attempt.allowed {
        return back_to_password("locked", &username, &return_to);
    }
    tokio::time::sleep(attempt.delay()).await;

    let account = match sqlx::query!(
        r#"select a.person_id, a.password_hash, a.code_channel, r.email, r.mobile as phone, r.lang,
                  own_login_open(a.person_id) as "open!"
           from child_account a join person_reach r using (person_id) where a.username = $1"#,
        username
    )
    .fetch_optional(pool)
    .await
    {
        Ok(account) => account,
        Err(error) => return unavailable(error),
    };
    // While the child's codes are locked nobody gets a new one, and the answer does not
    // depend on the password (it would tell a guesser when they had it right).
    if let Some(account) = &account {
        match throttle::is_locked(pool, &Key::code(account.person_id)).await {
            Ok(false) => {}
            Ok(true) => return back_to_password("locked", &username, &return_to),
            Err(error) => return unavailable(error),
        }
    }
    let hash = account
        .as_ref()
        .map(|account| account.password_hash.clone());
    let matches = password::verify(form.password, hash).await;

    let child = account.as_ref().map(|account| account.person_id);
    let Some(account) = account.filter(|_| matches) else {
        let failed = Failed {
            actor: None,
            method: "password",
            reason: "wrong_username_or_password",
            locked: attempt.locked_now,
            child,
        };
        return match record_failure(pool, failed).await {
            Ok(()) if attempt.locked_now => back_to_password("locked", &username, &return_to),
            Ok(()) => back_to_password("invalid", &username, &return_to),
            Err(error) => unavailable(error),
        };
    };
    if !account.open {
        return match grown(pool, account.person_id, &keys).await {
            Ok(()) => back_to_password("grown", &username, &return_to),
            Err(error) => unavailable(error),
        };
    }
    let Some((channel, recipient)) =
        outbox::child_recipient(&account.code_channel, account.email, account.phone)
    else {
        tracing::error!("a child account has no address for its one-time codes");
        return back_to_password("no_address", &username, &return_to);
    };

    let code = one_time_code::generate();
    let code_hash = match password::hash(code.clone()).await {
        Ok(hash) => hash,
        Err(error) => return unavailable(error),
    };
    // The child's own language if they chose one, else the page's.
    let lang = account
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_else(|| super::request_lang(&headers));
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
        outbox::enqueue_secret(
            &mut tx,
            &state.data_key,
            channel,
            &recipient,
            &message,
            one_time_code::VALID_MINUTES,
        )
        .await?;
        audit::record(
            &mut tx,
            Some(account.person_id),
            "auth.code_sent",
            json!({ "channel": channel.code() }),
        )
        .await?;
        throttle::succeeded(&mut tx, &keys).await?;
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

/// Forgets the pending code step and sends the browser back to the password step.
async fn abandon(session: &Session, pending: &PendingCode, error: &str) -> Response {
    let _ = session.remove::<PendingCode>(PENDING_KEY).await;
    back_to_password(error, &pending.username, &pending.return_to)
}

pub async fn code(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Response {
    // Not a guess (no browser sends this form so), and not counted as one.
    let Ok(Form(form)) = form else {
        return see_other("/login/child/code?error=wrong");
    };
    let pending = match session.get::<PendingCode>(PENDING_KEY).await {
        Ok(Some(pending)) => pending,
        Ok(None) => return see_other("/login/child?error=expired"),
        Err(error) => return unavailable(error),
    };
    let keys = [Key::code(pending.person_id)];
    let pool = &state.app.pool;
    // Counted per child account, across every session that holds a code for it, before the
    // code is compared: however many guesses race, at most the limit are ever compared.
    let attempt = match throttle::attempt(pool, &keys).await {
        Ok(attempt) => attempt,
        Err(error) => return unavailable(error),
    };
    if !attempt.allowed {
        return abandon(&session, &pending, "locked").await;
    }
    tokio::time::sleep(attempt.delay()).await;

    // Each code allows a few tries too, counted in the same way.
    let tried = match sqlx::query!(
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
        Ok(tried) => tried,
        Err(error) => return unavailable(error),
    };
    let Some(tried) = tried else {
        return abandon(&session, &pending, "expired").await;
    };

    let typed = one_time_code::normalize(&form.code);
    let matches = typed.len() == 6 && password::verify(typed, Some(tried.code_hash)).await;
    if !matches {
        let failed = Failed {
            actor: Some(pending.person_id),
            method: "code",
            reason: "wrong_code",
            locked: attempt.locked_now,
            child: Some(pending.person_id),
        };
        if let Err(error) = record_failure(pool, failed).await {
            return unavailable(error);
        }
        let tries_left = (one_time_code::MAX_TRIES - tried.tries)
            .min(Scope::Code.max_attempts() - attempt.failures);
        return if attempt.locked_now {
            abandon(&session, &pending, "locked").await
        } else if tries_left <= 0 {
            abandon(&session, &pending, "expired").await
        } else {
            see_other(&format!("/login/child/code?error=wrong&left={tries_left}"))
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
        throttle::succeeded(&mut tx, &keys).await?;
        session.remove::<PendingCode>(PENDING_KEY).await?;
        let begun = login_session::begin(
            &mut tx,
            &session,
            pending.person_id,
            Method::PasswordAndCode,
            device,
            &state.data_key,
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
