//! Closing as the routine says: the holder's notice, the family's objection, closing on a
//! notice that ran its course, and a request taken back before it got its consent.

use crate::support::fixture::*;
use crate::support::{denied, invalid, json, post, superuser, Browser, TestApp};
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

const EMMA_LOG: &str = "00000000-0000-4000-8000-000000000922";
const HILDE_KINDERGARTEN_LEADER: &str = "00000000-0000-4000-8000-000000000201";
const REASON: &str = "Mats trives, og tiltakene virker. Skolen følger opp videre.";

async fn actions(browser: &mut Browser<'_>, log: &str) -> (StatusCode, Value) {
    let response = browser.get(&format!("/api/log_actions?log_id={log}")).await;
    let status = response.status();
    (status, json(response).await)
}

async fn notices(pool: &PgPool) -> Vec<(String, Option<String>, bool)> {
    sqlx::query_as(
        "select reason, objection, ended_at is not null from closing_notice
         where log_id = $1::uuid order by given_at",
    )
    .bind(MATS_LOG)
    .fetch_all(&superuser(pool))
    .await
    .expect("notices")
}

async fn status(pool: &PgPool, log: &str) -> String {
    sqlx::query_scalar("select status from log where log_id = $1::uuid")
        .bind(log)
        .fetch_one(&superuser(pool))
        .await
        .expect("status")
}

async fn give(browser: &mut Browser<'_>, reason: &str) -> (StatusCode, Value) {
    post(
        browser,
        "/api/give_closing_notice",
        &[("log_id", MATS_LOG), ("reason", reason)],
    )
    .await
}

/// Only the holder gives notice, with a reason; the mother with parental responsibility
/// sees it and objects, the father without it may not; the holder cannot close before the
/// two weeks, nor after an objection.
#[sqlx::test(migrations = "../migrations")]
async fn the_family_is_told_and_may_object(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    assert_eq!(give(&mut nora, "Ferdig.").await, invalid("closing_reason"));
    for (person, reason) in [(IDA_NURSE, "holder_only"), (INGRID, "holder_only")] {
        let mut browser = app.as_person(person).await;
        assert_eq!(give(&mut browser, REASON).await, denied(reason), "{person}");
    }
    // A member of staff of another unit, with nothing to do with Mats's log, finds nothing.
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    assert_eq!(give(&mut anders, REASON).await.0, StatusCode::NOT_FOUND);
    let strangers = [("log_id", MATS_LOG), ("objection", "")];
    let (code, _) = post(&mut anders, "/api/object_to_closing", &strangers).await;
    assert_eq!(code, StatusCode::NOT_FOUND);
    let (code, _) = post(&mut anders, "/api/close_on_notice", &[("log_id", MATS_LOG)]).await;
    assert_eq!(code, StatusCode::NOT_FOUND);
    assert_eq!(notices(app.pool()).await, Vec::new(), "nothing was given");

    assert_eq!(give(&mut nora, REASON).await.0, StatusCode::OK);
    assert_eq!(
        give(&mut nora, REASON).await,
        invalid("closing_notice_running")
    );
    let mut ingrid = app.as_person(INGRID).await;
    let (_, seen) = actions(&mut ingrid, MATS_LOG).await;
    assert_eq!(seen["closing"]["reason"], REASON);
    assert_eq!(seen["closing"]["given_by"], "Nora Strand");
    assert_eq!(seen["can_object"], true);
    let (_, held) = actions(&mut nora, MATS_LOG).await;
    assert_eq!(held["can_close_on_notice"], false, "two weeks first");
    let close = [("log_id", MATS_LOG)];
    assert_eq!(
        post(&mut nora, "/api/close_on_notice", &close).await,
        invalid("closing_not_yet")
    );

    let mut geir = app.as_person(GEIR).await;
    let objection = [("log_id", MATS_LOG), ("objection", "")];
    assert_eq!(
        post(&mut geir, "/api/object_to_closing", &objection).await,
        denied("not_their_decision")
    );
    let long = "n".repeat(2001);
    assert_eq!(
        post(
            &mut ingrid,
            "/api/object_to_closing",
            &[("log_id", MATS_LOG), ("objection", &long)]
        )
        .await,
        invalid("closing_objection")
    );
    let objection = [
        ("log_id", MATS_LOG),
        ("objection", "Mats trenger hjelpen ut skoleåret."),
    ];
    assert_eq!(
        post(&mut ingrid, "/api/object_to_closing", &objection)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        post(&mut ingrid, "/api/object_to_closing", &objection).await,
        invalid("nothing_to_object_to")
    );
    assert_eq!(
        notices(app.pool()).await,
        vec![(
            REASON.to_string(),
            Some("Mats trenger hjelpen ut skoleåret.".to_string()),
            false
        )]
    );
    let (_, held) = actions(&mut nora, MATS_LOG).await;
    assert_eq!(held["closing"]["objection"]["by"], "Ingrid Berg");
    assert_eq!(
        held["can_give_notice"], true,
        "a new notice may follow an objection"
    );
    // Even once the two weeks have passed, an objection keeps the log open.
    sqlx::query("update closing_notice set given_at = now() - interval '20 days'")
        .execute(&superuser(app.pool()))
        .await
        .expect("older");
    assert_eq!(
        post(&mut nora, "/api/close_on_notice", &close).await,
        invalid("closing_objected")
    );
    assert_eq!(status(app.pool(), MATS_LOG).await, "open");
}

/// Two weeks without an objection: the holder closes, the notice ends, and nobody can object
/// to it any more.
#[sqlx::test(migrations = "../migrations")]
async fn the_holder_closes_after_two_weeks_without_objection(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    assert_eq!(give(&mut nora, REASON).await.0, StatusCode::OK);
    sqlx::query("update closing_notice set given_at = now() - interval '14 days'")
        .execute(&superuser(app.pool()))
        .await
        .expect("older");
    let (_, held) = actions(&mut nora, MATS_LOG).await;
    assert_eq!(held["can_close_on_notice"], true, "{held}");
    // Another holder's colleague may not close on it.
    let mut ida = app.as_person(IDA_NURSE).await;
    let close = [("log_id", MATS_LOG)];
    assert_eq!(
        post(&mut ida, "/api/close_on_notice", &close).await,
        denied("holder_only")
    );
    assert_eq!(status(app.pool(), MATS_LOG).await, "open");
    assert_eq!(
        post(&mut nora, "/api/close_on_notice", &close).await.0,
        StatusCode::OK
    );
    assert_eq!(status(app.pool(), MATS_LOG).await, "closed");
    assert!(
        notices(app.pool()).await[0].2,
        "the notice ended with the log"
    );
    let mut ingrid = app.as_person(INGRID).await;
    let objection = [("log_id", MATS_LOG), ("objection", "")];
    assert_eq!(
        post(&mut ingrid, "/api/object_to_closing", &objection).await,
        denied("closed")
    );
}

/// A request without consent is taken back by its holder and leaves every list; an open log
/// cannot be, nor can anyone but the holder take one back.
#[sqlx::test(migrations = "../migrations")]
async fn a_request_is_taken_back_by_its_holder_only(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let cancel = |log: &'static str| [("log_id", log)];
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    assert_eq!(
        post(&mut nora, "/api/cancel_request", &cancel(MATS_LOG)).await,
        denied("already_open")
    );
    assert_eq!(status(app.pool(), MATS_LOG).await, "open");
    for person in [MAJA_PPT, KARI, NORA_STRAND_TEACHER] {
        let mut browser = app.as_person(person).await;
        let (status, _) = post(&mut browser, "/api/cancel_request", &cancel(EMMA_LOG)).await;
        assert_ne!(status, StatusCode::OK, "{person}");
    }
    assert_eq!(status(app.pool(), EMMA_LOG).await, "requested");
    let mut kari = app.as_person(KARI).await;
    let listed = json(kari.get("/api/my_logs").await).await;
    assert!(listed.to_string().contains(EMMA_LOG), "{listed}");

    let mut marius = app.as_person(MARIUS_KINDERGARTEN).await;
    let (_, held) = actions(&mut marius, EMMA_LOG).await;
    assert_eq!(held["can_cancel"], true);
    let (status_code, _) = post(&mut marius, "/api/cancel_request", &cancel(EMMA_LOG)).await;
    assert!(
        status_code.is_success() || status_code.is_redirection(),
        "{status_code}"
    );
    assert_eq!(status(app.pool(), EMMA_LOG).await, "cancelled");
    for browser in [&mut kari, &mut marius] {
        let listed = json(browser.get("/api/my_logs").await).await;
        assert!(!listed.to_string().contains(EMMA_LOG), "{listed}");
        assert_eq!(actions(browser, EMMA_LOG).await.0, StatusCode::NOT_FOUND);
    }
    let mut hilde = app.as_person(HILDE_KINDERGARTEN_LEADER).await;
    let overview = json(hilde.get("/api/unit_logs").await).await;
    assert!(!overview.to_string().contains(EMMA_LOG), "{overview}");
}
