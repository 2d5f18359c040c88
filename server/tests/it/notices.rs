//! Notices of news in a log: at once, in the daily digest, or not at all, as each person
//! chose; only to those who may read the log, never to the one who wrote, and never with
//! any content.

use crate::support::fixture::*;
use crate::support::{json, Browser, TestApp, PUBLIC_URL};
use axum::http::StatusCode;
use sqlx::PgPool;
use time::OffsetDateTime;

async fn mails(pool: &PgPool) -> Vec<(String, String, String)> {
    sqlx::query_as("select recipient, subject, body from outbox_message order by recipient")
        .fetch_all(pool)
        .await
        .expect("outbox")
}

async fn clear_outbox(pool: &PgPool) {
    sqlx::query("delete from outbox_message")
        .execute(pool)
        .await
        .expect("cleared");
}

async fn write_entry(browser: &mut Browser<'_>, body: &str) {
    let response = browser
        .post_form("/api/add_entry", &[("log_id", MATS_LOG), ("body", body)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

async fn choose(browser: &mut Browser<'_>, choice: &str) -> StatusCode {
    browser
        .post_form("/api/set_notice_choice", &[("choice", choice)])
        .await
        .status()
}

/// A moment in Oslo, `days` from today at `time`.
async fn oslo(pool: &PgPool, days: i32, time: &str) -> OffsetDateTime {
    sqlx::query_scalar(
        "select ((now() at time zone 'Europe/Oslo')::date + $1 + $2::time) at time zone 'Europe/Oslo'",
    )
    .bind(days)
    .bind(time)
    .fetch_one(pool)
    .await
    .expect("a moment")
}

#[sqlx::test(migrations = "../migrations")]
async fn the_others_who_may_read_hear_at_once_without_content(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    write_entry(
        &mut ida,
        "Mats fortalte om en vanskelig uke i friminuttene.",
    )
    .await;

    // Nora (holder) and Ingrid (mother) hear of it; not Ida herself, not PPT (no consent),
    // not physiotherapy (withdrawn), not Geir (no parental responsibility).
    let mails = mails(app.pool()).await;
    let recipients: Vec<&str> = mails.iter().map(|(to, _, _)| to.as_str()).collect();
    assert_eq!(
        recipients,
        ["ingrid.berg@example.no", "nora.strand@example.no"]
    );
    for (_, subject, body) in &mails {
        assert_eq!(subject, "Nytt i en stafettlogg");
        assert!(body.contains("et nytt innlegg"), "{body}");
        assert!(
            body.contains(&format!("{PUBLIC_URL}/logs/{MATS_LOG}")),
            "{body}"
        );
        for secret in ["Mats", "friminutt", "Ida", MARKER] {
            assert!(!body.contains(secret), "{secret} in {body}");
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_daily_digest_once_in_the_morning_and_nothing_for_those_who_chose_none(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut ingrid = app.as_person(INGRID).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    assert_eq!(
        json(ingrid.get("/api/notice_choice").await).await,
        "immediate"
    );
    assert_eq!(choose(&mut ingrid, "daily").await, StatusCode::OK);
    assert_eq!(choose(&mut nora, "none").await, StatusCode::OK);
    assert_eq!(choose(&mut nora, "hourly").await, StatusCode::BAD_REQUEST);
    assert_eq!(json(ingrid.get("/api/notice_choice").await).await, "daily");
    assert_eq!(json(nora.get("/api/notice_choice").await).await, "none");

    let mut ida = app.as_person(IDA_NURSE).await;
    write_entry(&mut ida, "Første notat").await;
    write_entry(&mut ida, "Andre notat").await;
    assert_eq!(mails(app.pool()).await, []);

    // Not before seven in the morning; then one e-mail with the count; then never again.
    let url = app.state.app.public_url.clone();
    let before_seven = oslo(app.pool(), 1, "06:59").await;
    let after_seven = oslo(app.pool(), 1, "07:05").await;
    let digest = server::outbox::digest::send_due;
    assert_eq!(
        digest(app.pool(), &url, before_seven)
            .await
            .expect("digest"),
        0
    );
    assert_eq!(
        digest(app.pool(), &url, after_seven).await.expect("digest"),
        1
    );
    assert_eq!(
        digest(app.pool(), &url, after_seven).await.expect("digest"),
        0
    );
    let mails = mails(app.pool()).await;
    assert_eq!(mails.len(), 1);
    let (to, subject, body) = &mails[0];
    assert_eq!(to, "ingrid.berg@example.no");
    assert_eq!(subject, "Nytt i stafettloggene dine");
    assert!(body.contains("2 nye ting"), "{body}");
    assert!(!body.contains("notat") && !body.contains("Mats"), "{body}");

    // What comes after seven waits for the next morning.
    clear_outbox(app.pool()).await;
    write_entry(&mut ida, "Tredje notat").await;
    let created_after: OffsetDateTime = oslo(app.pool(), 1, "08:00").await;
    sqlx::query("update pending_notice set created_at = $1 where sent_at is null")
        .bind(created_after)
        .execute(app.pool())
        .await
        .expect("moved");
    assert_eq!(
        digest(app.pool(), &url, oslo(app.pool(), 1, "09:00").await)
            .await
            .expect("digest"),
        0
    );
    assert_eq!(
        digest(app.pool(), &url, oslo(app.pool(), 2, "07:01").await)
            .await
            .expect("digest"),
        1
    );
}
