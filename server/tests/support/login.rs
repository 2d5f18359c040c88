//! Logging in test browsers: through the scripted ID-porten, or as a child with password
//! and the code from the outbox.

use super::issuer::{Grant, TestIssuer};
use super::{location, query_param, Browser};
use axum::http::StatusCode;
use sqlx::PgPool;

pub async fn pid_of(pool: &PgPool, person: &str) -> String {
    sqlx::query_scalar("select national_id from person where person_id = $1::uuid")
        .bind(person)
        .fetch_one(pool)
        .await
        .expect("pid")
}

/// Starts a login in `browser`; returns the authorization URL ID-porten was sent.
pub async fn begin(browser: &mut Browser<'_>, return_to: &str) -> String {
    let response = browser
        .get(&format!("/auth/login?return_to={return_to}"))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    location(&response)
}

/// The browser returns from ID-porten with `code` and the state it was sent with.
pub async fn come_back(browser: &mut Browser<'_>, authorize_url: &str, code: &str) -> String {
    let state = query_param(authorize_url, "state").expect("state");
    let response = browser
        .arrive(&format!("/auth/callback?code={code}&state={state}"))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    location(&response)
}

pub async fn log_in(browser: &mut Browser<'_>, issuer: &TestIssuer, person: &str) {
    let pid = pid_of(browser.app.pool(), person).await;
    let url = begin(browser, "/me").await;
    let code = issuer.issue_code(&url, Grant::person(&pid));
    assert_eq!(come_back(browser, &url, &code).await, "/me");
}

/// The code in the newest message queued for `recipient` (the outbox worker does not run
/// in these tests), opened as the worker would.
pub async fn latest_code(pool: &PgPool, recipient: &str) -> String {
    let (id, sealed): (uuid::Uuid, Vec<u8>) = sqlx::query_as(
        "select outbox_message_id, sealed_body from outbox_message
         where recipient = $1 and sealed_body is not null order by created_at desc limit 1",
    )
    .bind(recipient)
    .fetch_one(pool)
    .await
    .expect("a queued code");
    let context = server::outbox::sealed_body_context(id);
    let body = super::data_key()
        .open(context.as_bytes(), &sealed)
        .expect("sealed with the test key");
    String::from_utf8(body)
        .expect("text")
        .split_whitespace()
        .find(|word| word.len() == 6 && word.chars().all(|c| c.is_ascii_digit()))
        .expect("a six-digit code")
        .to_string()
}

pub async fn password_step(browser: &mut Browser<'_>, username: &str, password: &str) -> String {
    let response = browser
        .post_form(
            "/auth/child/password",
            &[
                ("username", username),
                ("password", password),
                ("return_to", "/me"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    location(&response)
}

pub async fn code_step(browser: &mut Browser<'_>, code: &str) -> String {
    let response = browser
        .post_form("/auth/child/code", &[("code", code)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    location(&response)
}

/// Logs a child in with username, password and the code queued for `recipient`.
pub async fn log_in_child(browser: &mut Browser<'_>, username: &str, recipient: &str) {
    let password = server::demo_seed::DEMO_CHILD_PASSWORD;
    password_step(browser, username, password).await;
    let code = latest_code(browser.app.pool(), recipient).await;
    assert_eq!(code_step(browser, &code).await, "/me");
}
