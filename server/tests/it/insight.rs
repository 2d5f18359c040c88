//! Who has been in a child's log: the family who decide and the holder see every read and
//! write of its content, with how each person stood to the log, newest first and a page at a
//! time; nobody else does, in the server function or in the database; reading it is audited.

use crate::database_defence::acting;
use crate::support::fixture::*;
use crate::support::{json, superuser, Browser, TestApp};
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

const GEIR_WITHOUT_RESPONSIBILITY: &str = GEIR;

async fn insight(browser: &mut Browser<'_>, before: Option<&str>) -> (StatusCode, Value) {
    let older = before.map(|b| format!("&before={b}")).unwrap_or_default();
    let response = browser
        .get(&format!("/api/log_insight?log_id={MATS_LOG}{older}"))
        .await;
    let status = response.status();
    (status, json(response).await)
}

async fn read_log(browser: &mut Browser<'_>) {
    let response = browser.get(&format!("/api/log?log_id={MATS_LOG}")).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_family_sees_who_read_and_wrote(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    read_log(&mut nora).await;
    read_log(&mut ida).await;

    let mut ingrid = app.as_person(INGRID).await;
    let (status, page) = insight(&mut ingrid, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["child_name"], "Mats Berg");
    let events = page["events"].as_array().expect("events");
    assert_eq!(events[0]["who"], "Ida Brekke");
    assert_eq!(events[0]["role"], "participant");
    assert_eq!(events[0]["unit"], "Helsestasjon for barn og unge");
    assert_eq!(
        events[0]["happening"],
        serde_json::json!({ "access": "read", "part": "log" })
    );
    let by_nora = events
        .iter()
        .find(|event| event["who"] == "Nora Strand")
        .expect("Nora's read");
    assert_eq!(by_nora["role"], "holder");
    assert_eq!(by_nora["unit"], "Fjordvik barneskole");
    assert_eq!(page["older"], Value::Null);

    // The holder sees it too; a participant, the guardian without parental responsibility
    // and a stranger do not.
    assert_eq!(insight(&mut nora, None).await.0, StatusCode::OK);
    for person in [IDA_NURSE, GEIR_WITHOUT_RESPONSIBILITY, ANDERS_TEACHER] {
        let mut browser = app.as_person(person).await;
        assert_eq!(
            insight(&mut browser, None).await.0,
            StatusCode::NOT_FOUND,
            "{person}"
        );
    }
    // The database refuses them the same.
    let mut tx = acting(app.pool(), Some(IDA_NURSE)).await;
    let rows: i64 = sqlx::query_scalar("select count(*) from log_insight($1::uuid, null, 50)")
        .bind(MATS_LOG)
        .fetch_one(&mut *tx)
        .await
        .expect("log_insight");
    assert_eq!(rows, 0);

    let reads: i64 = sqlx::query_scalar(
        "select count(*) from audit_event
         where log_id = $1::uuid and action = 'insight.read' and actor_id = $2::uuid",
    )
    .bind(MATS_LOG)
    .bind(INGRID)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("audit");
    assert_eq!(reads, 1, "Ingrid's read of the list is recorded");
}

/// Fifty to a page: the next page begins where the first ended, and nothing is shown twice.
#[sqlx::test(migrations = "../migrations")]
async fn a_page_at_a_time(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    for _ in 0..55 {
        read_log(&mut nora).await;
    }
    let mut ingrid = app.as_person(INGRID).await;
    let (_, first) = insight(&mut ingrid, None).await;
    assert_eq!(first["events"].as_array().map(Vec::len), Some(50));
    let older = first["older"].as_i64().expect("an older page").to_string();
    let (_, second) = insight(&mut ingrid, Some(&older)).await;
    let rest = second["events"].as_array().map(Vec::len).expect("events");
    assert!((5..50).contains(&rest), "{rest}");
    assert_eq!(second["older"], Value::Null);
}
