//! The parts staff take in a log: kept up to date by each participant, ended when they
//! leave or the holder takes them out, and the reading that ends with them.

use crate::support::fixture::*;
use crate::support::{denied, invalid, json, post, superuser, Browser, TestApp};
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

async fn part_of(pool: &PgPool, person: &str) -> (String, Option<String>, Option<String>, bool) {
    sqlx::query_as(
        "select participant_id::text, responsibility, contact_phone, left_at is not null
         from participant where log_id = $1::uuid and person_id = $2::uuid",
    )
    .bind(MATS_LOG)
    .bind(person)
    .fetch_one(&superuser(pool))
    .await
    .expect("a part")
}

async fn parts(browser: &mut Browser<'_>) -> (StatusCode, Value) {
    let response = browser
        .get(&format!("/api/log_participants?log_id={MATS_LOG}"))
        .await;
    let status = response.status();
    (status, json(response).await)
}

async fn leave(browser: &mut Browser<'_>, participant: &str) -> (StatusCode, Value) {
    let form = [("log_id", MATS_LOG), ("participant_id", participant)];
    post(browser, "/api/leave_log", &form).await
}

async fn update(
    browser: &mut Browser<'_>,
    participant: &str,
    responsibility: &str,
    phone: &str,
) -> (StatusCode, Value) {
    let form = [
        ("log_id", MATS_LOG),
        ("participant_id", participant),
        ("responsibility", responsibility),
        ("phone", phone),
        ("email", ""),
    ];
    post(browser, "/api/update_participation", &form).await
}

/// The nurse keeps her own responsibility and phone up to date; a wrong phone, a text too
/// long, or another's part change nothing.
#[sqlx::test(migrations = "../migrations")]
async fn a_participant_keeps_her_own_part_up_to_date(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let (ida_part, ..) = part_of(app.pool(), IDA_NURSE).await;
    let (maja_part, ..) = part_of(app.pool(), MAJA_PPT).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    assert_eq!(
        update(&mut ida, &ida_part, "Samtaler", "12").await,
        invalid("phone")
    );
    assert_eq!(
        update(&mut ida, &ida_part, &"x".repeat(1001), "").await,
        invalid("responsibility")
    );
    assert_eq!(
        update(&mut ida, &maja_part, "Samtaler", "").await,
        denied("holder_only")
    );
    let mut ingrid = app.as_person(INGRID).await;
    assert_eq!(
        update(&mut ingrid, &ida_part, "Samtaler", "").await,
        denied("staff_only")
    );
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    assert_eq!(
        update(&mut anders, &ida_part, "Samtaler", "").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        part_of(app.pool(), IDA_NURSE).await.1,
        None,
        "nothing changed"
    );

    let (status, _) = update(
        &mut ida,
        &ida_part,
        "Samtaler med Mats hver uke",
        "+47 900 11 222",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, responsibility, phone, _) = part_of(app.pool(), IDA_NURSE).await;
    assert_eq!(
        responsibility.as_deref(),
        Some("Samtaler med Mats hver uke")
    );
    assert_eq!(phone.as_deref(), Some("+47 900 11 222"));
    let (_, seen) = parts(&mut ida).await;
    let mine = seen["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .find(|part| part["mine"] == true)
        .cloned()
        .expect("her own part");
    assert_eq!(mine["responsibility"], "Samtaler med Mats hver uke");
}

/// Ida leaves and reads nothing more at once; the holder takes Maja out; the log shows
/// both as gone, with when. Another participant may not take anyone out.
#[sqlx::test(migrations = "../migrations")]
async fn leaving_ends_reading_at_once_and_the_log_shows_who_left(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let (ida_part, ..) = part_of(app.pool(), IDA_NURSE).await;
    let (maja_part, ..) = part_of(app.pool(), MAJA_PPT).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    assert_eq!(leave(&mut ida, &maja_part).await, denied("holder_only"));
    // Håkon, whose service's consent was withdrawn, no longer finds the log's parts at all.
    let mut hakon = app.as_person(HAKON_PHYSIO).await;
    assert_eq!(leave(&mut hakon, &maja_part).await.0, StatusCode::NOT_FOUND);
    assert!(!part_of(app.pool(), MAJA_PPT).await.3, "Maja is still in");

    assert_eq!(
        parts(&mut ida).await.0,
        StatusCode::OK,
        "she reads before she leaves"
    );
    assert_eq!(leave(&mut ida, &ida_part).await.0, StatusCode::OK);
    let after = ida.get(&format!("/api/log?log_id={MATS_LOG}")).await;
    assert_eq!(
        after.status(),
        StatusCode::NOT_FOUND,
        "no reading once she left"
    );
    assert_eq!(leave(&mut ida, &ida_part).await.0, StatusCode::NOT_FOUND);

    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    // A part of another log (Ida's in the demo's log of Sara), named through the log Nora
    // holds, is not found: a part is looked up within the log the gate granted.
    let elsewhere = "00000000-0000-4000-8000-000000000941";
    assert_eq!(leave(&mut nora, elsewhere).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        update(&mut nora, elsewhere, "Overtatt", "").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(leave(&mut nora, &maja_part).await.0, StatusCode::OK);
    let (_, seen) = parts(&mut nora).await;
    let left: Vec<&str> = seen["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .filter(|part| !part["left_at"].is_null())
        .map(|part| part["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(left, ["Ida Brekke", "Maja Eide"], "{seen}");
}
