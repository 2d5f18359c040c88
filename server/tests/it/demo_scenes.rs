//! The demo command's scenes (`server/src/demo_scenes.sql`) on top of the demo seed, seen
//! by the people the README sends to them: Siri Lunde has Mats's transition to name a holder
//! for, Maja Eide an offer of Jonas's log, Eirik Vik Anne Lie's request for Nora, and Ingrid
//! Berg the consent she gave to the move; applying them twice changes nothing.

use crate::support::fixture::*;
use crate::support::{json, superuser, TestApp};
use axum::http::StatusCode;
use sqlx::PgPool;

const SCENES: &str = include_str!("../../src/demo_scenes.sql");
const SIRI_LOWER_SECONDARY_LEADER: &str = "00000000-0000-4000-8000-000000000205";
const MATS_SCENE_LOG: &str = "00000000-0000-4000-8000-000000000923";

#[sqlx::test(migrations = "../migrations")]
async fn each_scene_is_where_the_readme_says(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    for _ in 0..2 {
        sqlx::raw_sql(SCENES)
            .execute(&superuser(app.pool()))
            .await
            .expect("the scenes apply, and apply again");
    }

    let mut siri = app.as_person(SIRI_LOWER_SECONDARY_LEADER).await;
    let incoming = json(siri.get("/api/incoming_transitions").await).await;
    assert_eq!(incoming[0]["child_name"], "Mats Berg");
    assert_eq!(incoming[0]["stage"], "waiting_for_holder");
    assert_eq!(incoming.as_array().map(Vec::len), Some(1));

    let mut maja = app.as_person(MAJA_PPT).await;
    let offers = json(maja.get("/api/baton_offers").await).await;
    assert_eq!(offers[0]["child_name"], "Jonas Berg");
    assert_eq!(offers[0]["from_name"], "Ida Brekke");

    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    let requests = json(eirik.get("/api/waiting_family_requests").await).await;
    assert_eq!(requests[0]["child_name"], "Nora Lie");

    // Ingrid's consent to the move reads as the app would have written it, so it stands.
    let mut ingrid = app.as_person(INGRID).await;
    let response = ingrid
        .get(&format!("/api/log_transition?log_id={MATS_SCENE_LOG}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let transition = json(response).await;
    assert_eq!(transition["current"]["stage"], "waiting_for_holder");
    let history = json(
        ingrid
            .get(&format!("/api/consent_history?log_id={MATS_SCENE_LOG}"))
            .await,
    )
    .await;
    let moved = history
        .as_array()
        .expect("history")
        .iter()
        .find(|record| record["action"]["scope"] == "transition")
        .expect("the consent to the move");
    let text = moved["text_shown"].as_str().expect("text");
    assert!(
        text.contains("Overgangen skjer ") && !text.contains('@'),
        "{text}"
    );
    // Nora Strand, who holds it, reads it.
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let read = nora.get(&format!("/api/log?log_id={MATS_SCENE_LOG}")).await;
    assert_eq!(read.status(), StatusCode::OK);
}
