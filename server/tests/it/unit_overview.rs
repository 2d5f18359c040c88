//! The unit leader's overview: figures over the logs held in the units they lead, counted by
//! the database from content the leader cannot read, and none of that content.

use crate::support::fixture::*;
use crate::support::{json, post, superuser, TestApp};
use axum::http::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;

const HILDE_KINDERGARTEN_LEADER: &str = "00000000-0000-4000-8000-000000000201";
const EMMA_LOG: &str = "00000000-0000-4000-8000-000000000922";

/// Mats's log was asked for 30 days ago and opened 15 days ago; a measure with a secret
/// title should have been evaluated ten days ago.
async fn history(pool: &PgPool) {
    let root = superuser(pool);
    sqlx::query(
        "update log set created_at = now() - interval '30 days',
                        opened_at = now() - interval '15 days'
         where log_id = $1::uuid",
    )
    .bind(MATS_LOG)
    .execute(&root)
    .await
    .expect("dates");
    sqlx::query(&format!(
        "with area as (
             insert into development_area (log_id, title, created_by)
             values ('{MATS_LOG}', 'Område {MARKER}', '{NORA_STRAND_TEACHER}')
             returning development_area_id)
         insert into measure (log_id, development_area_id, title, responsible_id,
                              start_date, planned_evaluation_date, status, created_by)
         select '{MATS_LOG}', a.development_area_id, 'Tiltak {MARKER}', '{IDA_NURSE}',
                current_date - 40, current_date - 10, 'active', '{NORA_STRAND_TEACHER}'
         from area a"
    ))
    .execute(&root)
    .await
    .expect("an overdue measure");
}

async fn overview(app: &TestApp, person: &str) -> Value {
    let mut browser = app.as_person(person).await;
    let response = browser.get("/api/unit_logs").await;
    assert_eq!(response.status(), StatusCode::OK, "{person}");
    json(response).await
}

fn total(rows: &Value, field: &str) -> u64 {
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|row| row[field].as_u64().expect("a count"))
        .sum()
}

/// The school's leader sees Mats's log with its holder, the offer waiting, the measure past
/// its evaluation date, today's entry and how long the consent took; and nothing of the
/// family or the content: no guardian's name, no entry, no measure or area text.
#[sqlx::test(migrations = "../migrations")]
async fn a_leader_sees_figures_and_no_content(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    history(app.pool()).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (status, _) = post(
        &mut nora,
        "/api/offer_baton",
        &[
            ("log_id", MATS_LOG),
            ("to", &format!("{KINDERGARTEN}/{MARIUS_KINDERGARTEN}")),
            ("message", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let seen = overview(&app, EIRIK_SCHOOL_LEADER).await;
    let logs = seen["logs"].as_array().expect("logs");
    assert_eq!(logs.len(), 1, "{seen}");
    let mats = &logs[0];
    assert_eq!(mats["log_id"], MATS_LOG);
    assert_eq!(mats["child_name"], "Mats Berg");
    assert_eq!(mats["status"], "open");
    assert_eq!(mats["holder_name"], "Nora Strand");
    assert_eq!(mats["offered_to"], "Marius Dahl");
    assert_eq!(mats["days_waiting"], Value::Null);
    assert_eq!(mats["days_since_entry"], 0);
    assert_eq!(mats["evaluations_overdue"], 1);

    // 15 days from request to consent: the band of eight days to a month.
    let waits = &seen["consent_waits"];
    assert_eq!(
        waits[1],
        json!({ "wait": "month", "consented": 1, "waiting": 0 }),
        "{waits}"
    );
    assert_eq!(total(waits, "consented") + total(waits, "waiting"), 1);
    let months = seen["by_month"].as_array().expect("months");
    assert_eq!(months.len(), 12);
    assert_eq!(months[11]["open"], 1, "{seen}");
    assert_eq!(total(&seen["evaluations"], "missing"), 1, "{seen}");

    for hidden in ["Ingrid", "Geir", MARKER, "Mats trives"] {
        assert!(!seen.to_string().contains(hidden), "{hidden}: {seen}");
    }
    let read: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'unit.overview_read' and actor_id = $1::uuid",
    )
    .bind(EIRIK_SCHOOL_LEADER)
    .fetch_one(app.pool())
    .await
    .expect("audit");
    assert_eq!(read, 1, "the leader's look is on record");
}

/// The kindergarten's leader sees Emma's request waiting for Ole's consent, and for how long.
#[sqlx::test(migrations = "../migrations")]
async fn a_request_waiting_for_consent_counts_its_days(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let seen = overview(&app, HILDE_KINDERGARTEN_LEADER).await;
    let logs = seen["logs"].as_array().expect("logs");
    let emma = logs
        .iter()
        .find(|log| log["log_id"] == EMMA_LOG)
        .unwrap_or_else(|| panic!("Emma's log: {seen}"));
    assert_eq!(emma["status"], "requested");
    assert_eq!(
        emma["days_waiting"], 12,
        "the demo's request waits since twelve days"
    );
    assert_eq!(emma["days_since_entry"], Value::Null);
    assert_eq!(seen["consent_waits"][1]["waiting"], 1, "{seen}");
    assert_eq!(seen["by_month"][11]["requested"], 1, "{seen}");
    assert!(!seen.to_string().contains("Kari"), "no guardian: {seen}");
}

/// Anyone who leads no unit gets no logs, through the server and in the database.
#[sqlx::test(migrations = "../migrations")]
async fn who_leads_nothing_sees_nothing(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    history(app.pool()).await;
    for person in [NORA_STRAND_TEACHER, INGRID, IDA_NURSE, MATS] {
        let seen = overview(&app, person).await;
        assert_eq!(seen["logs"], json!([]), "{person}");
        assert_eq!(
            total(&seen["evaluations"], "missing"),
            0,
            "{person}: {seen}"
        );
    }
    let mut tx = app.pool().begin().await.expect("tx");
    sqlx::query(
        "select set_config('stafett.person_id', $1, true), set_config('role', 'stafett_app', true)",
    )
    .bind(NORA_STRAND_TEACHER)
    .execute(&mut *tx)
    .await
    .expect("acting");
    let rows: i64 = sqlx::query_scalar("select count(*) from unit_overview()")
        .fetch_one(&mut *tx)
        .await
        .expect("the function");
    assert_eq!(rows, 0, "the holder herself leads nothing");
}
