//! A guardian gives a child their own login and looks after it: the username the child gets
//! says nothing about other children's, and a locked login can be unlocked.

use crate::support::fixture::*;
use crate::support::login::password_step;
use crate::support::TestApp;
use axum::http::StatusCode;
use sqlx::PgPool;

/// Mats's log, where Ingrid has consented to his own login.
async fn with_own_access_consent(app: &TestApp) {
    logs(app.pool()).await;
    sqlx::query(
        "insert into consent (log_id, child_id, consenter_id, scope, decision, method,
                              text_shown, text_language)
         values ($1::uuid, $2::uuid, $3::uuid, 'child_own_access', 'given', 'digital',
                 'Samtykketekst som ble vist', 'nb')",
    )
    .bind(MATS_LOG)
    .bind(MATS)
    .bind(INGRID)
    .execute(app.pool())
    .await
    .expect("consent");
}

/// The username the consents page tells the guardian, if any.
fn shown_username(html: &str) -> Option<String> {
    let (_, rest) = html.split_once("Brukernavnet er ")?;
    Some(rest.split(['.', '<']).take(2).collect::<Vec<_>>().join("."))
}

#[sqlx::test(migrations = "../migrations")]
async fn a_username_in_use_by_another_child_is_not_revealed(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    with_own_access_consent(&app).await;
    sqlx::query("delete from child_account where person_id = $1::uuid")
        .bind(MATS)
        .execute(app.pool())
        .await
        .expect("Mats has no login yet");
    let mut ingrid = app.as_person(INGRID).await;

    // "nora" is Nora Lie's username; Ingrid cannot tell.
    let response = ingrid
        .post_form(
            "/api/create_child_login",
            &[
                ("log_id", MATS_LOG),
                ("username", "nora"),
                ("password", "lange dager ved sjøen"),
                ("channel", "email"),
                ("contact", "mats@example.no"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let given: String =
        sqlx::query_scalar("select username from child_account where person_id = $1::uuid")
            .bind(MATS)
            .fetch_one(app.pool())
            .await
            .expect("Mats has a login");
    let (base, digits) = given.split_once('.').expect("a suffix");
    assert_eq!(base, "nora");
    assert!(
        digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()),
        "{given}"
    );
    let (_, _, html) = ingrid.page(&format!("/logs/{MATS_LOG}/consents")).await;
    assert_eq!(
        shown_username(&html).as_deref(),
        Some(given.as_str()),
        "{html}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_guardian_sees_that_the_login_is_locked_and_unlocks_it(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    with_own_access_consent(&app).await;
    let mut guesser = app.browser_at("203.0.113.9");
    for _ in 0..5 {
        password_step(&mut guesser, "mats", "gjetter passord").await;
    }
    assert!(
        password_step(&mut guesser, "mats", server::demo_seed::DEMO_CHILD_PASSWORD)
            .await
            .contains("error=locked")
    );

    // Neither the holder nor the father without parental responsibility may lift it.
    for someone_else in [NORA_STRAND_TEACHER, GEIR] {
        let mut browser = app.as_person(someone_else).await;
        let response = browser
            .post_form("/api/unlock_child_login", &[("log_id", MATS_LOG)])
            .await;
        assert!(
            response.status().is_client_error(),
            "{someone_else}: {}",
            response.status()
        );
    }
    assert!(
        password_step(&mut guesser, "mats", server::demo_seed::DEMO_CHILD_PASSWORD)
            .await
            .contains("error=locked"),
        "still locked"
    );

    let mut ingrid = app.as_person(INGRID).await;
    let consents = format!("/logs/{MATS_LOG}/consents");
    let (_, _, html) = ingrid.page(&consents).await;
    assert!(
        html.contains("Innloggingen til barnet er sperret"),
        "{html}"
    );
    let response = ingrid
        .post_form("/api/unlock_child_login", &[("log_id", MATS_LOG)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, _, html) = ingrid.page(&consents).await;
    assert!(
        !html.contains("Innloggingen til barnet er sperret"),
        "{html}"
    );
    assert_eq!(
        password_step(&mut guesser, "mats", server::demo_seed::DEMO_CHILD_PASSWORD).await,
        "/login/child/code?sent=sms"
    );
}
