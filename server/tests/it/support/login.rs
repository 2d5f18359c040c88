//! Logging in test browsers: with a login made in the database as the server makes it
//! (`TestApp::as_person`), or, for the tests of logging in, through the scripted ID-porten
//! or as a child with password and the code from the outbox.

use super::issuer::{Grant, TestIssuer};
use super::{location, query_param, Browser, TestApp};
use axum::http::StatusCode;
use axum::response::Response;
use server::auth::login_cookie;
use server::auth::login_session::{self, Method};
use sqlx::PgPool;

impl TestApp {
    /// A browser logged in as `person` through ID-porten, without the round trip: the
    /// server's own `login_session::record` writes the login in the database, and the
    /// browser gets its cookie as the callback would set it.
    pub async fn as_person(&self, person: &str) -> Browser<'_> {
        let sid = format!("sid-{}", uuid::Uuid::new_v4());
        let method = Method::IdPorten {
            sid: &sid,
            // Sealed and kept as ID-porten's is, but no token: logging out ends the login
            // here only, without ID-porten's end-session page (login.rs has that).
            id_token: "no-id-token-from-id-porten",
        };
        self.logged_in(person, method).await
    }

    /// A browser logged in as the child `person` with password and one-time code, without
    /// either.
    pub async fn as_child(&self, person: &str) -> Browser<'_> {
        self.logged_in(person, Method::PasswordAndCode).await
    }

    async fn logged_in(&self, person: &str, method: Method<'_>) -> Browser<'_> {
        // The server's rule of who may log in at all, so no test logs in someone who cannot.
        let pid = pid_of(self.pool(), person).await;
        let person_id = login_session::person_for_pid(self.pool(), &pid)
            .await
            .expect("person lookup")
            .unwrap_or_else(|| panic!("{person} cannot log in"));
        let mut tx = self.pool().begin().await.expect("transaction");
        let begun = login_session::record(&mut tx, person_id, method, None, &self.state.data_key)
            .await
            .expect("login recorded");
        tx.commit().await.expect("login committed");
        let mut response = Response::default();
        login_cookie::set(&mut response, &begun.token, self.state.secure_cookies());
        let mut browser = self.browser();
        browser.keep_cookies(&response);
        browser
    }
}

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
