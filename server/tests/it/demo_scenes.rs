//! The demo command's scenes (`server/src/demo_scenes.sql`) on top of the demo seed, seen
//! by the people the README sends to them: Siri Lunde has Mats's transition to name a holder
//! for, Maja Eide an offer of Jonas's log, Eirik Vik Anne Lie's request for Nora, and Ingrid
//! Berg the consent she gave to the move; each log a family member opens tells the story
//! (a plan with a measure overdue, a meeting ahead, entries, the child's voice with a
//! drawing); applying them twice changes nothing.

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

/// Every log a family member can open in the demo shows what a log holds.
#[sqlx::test(migrations = "../migrations")]
async fn each_log_a_family_opens_tells_the_story(pool: PgPool) {
    const ANNE: &str = "00000000-0000-4000-8000-000000000305";
    let app = TestApp::seeded(pool).await;
    sqlx::raw_sql(SCENES)
        .execute(&superuser(app.pool()))
        .await
        .expect("the scenes apply");
    for (person, log) in [
        (ANNE, "00000000-0000-4000-8000-000000000921"),
        (INGRID, MATS_SCENE_LOG),
        (INGRID, "00000000-0000-4000-8000-000000000924"),
    ] {
        let mut browser = app.as_person(person).await;
        let view = json(browser.get(&format!("/api/log?log_id={log}")).await).await;
        let measures = view["measures"].as_array().expect("measures");
        assert_eq!(measures.len(), 2, "{log}: {view}");
        assert!(
            measures.iter().any(|m| m["due"] == "overdue"),
            "{log}: one is past its evaluation day: {measures:?}"
        );
        assert!(view["next_meeting"].is_object(), "{log}: a meeting ahead");
        let entries = view["entries"].as_array().expect("entries");
        let voice = entries
            .iter()
            .find(|entry| entry["is_child_voice"] == true)
            .unwrap_or_else(|| panic!("{log}: the child's own voice"));
        assert!(entries.len() >= 3, "{log}");
        assert!(
            entries
                .iter()
                .any(|e| e["attachments"].as_array().is_some_and(|a| !a.is_empty())),
            "{log}: a drawing: {voice}"
        );
    }
}
