//! The workbench: what on each log waits for a person (`/api/my_logs`), and the marks on the
//! log page that say the same (new entries, evaluations due), through the real server
//! functions: counted for those who may read the content, and never the content itself.

use crate::plan::{area_and_goal, day, measure_form};
use crate::support::fixture::*;
use crate::support::post;
use crate::support::{json, superuser, Browser, TestApp};
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

async fn listed(browser: &mut Browser<'_>, log_id: &str) -> Option<Value> {
    let response = browser.get("/api/my_logs").await;
    assert_eq!(response.status(), StatusCode::OK);
    let logs = json(response).await;
    logs.as_array()
        .expect("a list")
        .iter()
        .find(|log| log["log_id"] == log_id)
        .cloned()
}

async fn open_log(browser: &mut Browser<'_>, log_id: &str) -> Value {
    let response = browser.get(&format!("/api/log?log_id={log_id}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

async fn write_entry(browser: &mut Browser<'_>, log_id: &str, body: &str) {
    let response = browser
        .post_form("/api/add_entry", &[("log_id", log_id), ("body", body)])
        .await;
    assert!(response.status().is_success(), "{}", response.status());
}

#[sqlx::test(migrations = "../migrations")]
async fn entries_are_new_to_a_reader_until_they_open_the_log(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut ingrid = app.as_person(INGRID).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;

    // Nora wrote the fixture's entry: new to Mats's mother, who never opened the log, not
    // to Nora.
    let mats = listed(&mut ingrid, MATS_LOG).await.expect("listed");
    assert_eq!(mats["activity"]["new_entries"], 1, "{mats}");
    assert!(mats["activity"]["last_entry"].is_string(), "{mats}");
    let mats = listed(&mut nora, MATS_LOG).await.expect("listed");
    assert_eq!(mats["activity"]["new_entries"], 0, "{mats}");

    // The page marks it new once; opening the newest entries is the visit.
    let page = open_log(&mut ingrid, MATS_LOG).await;
    assert_eq!(page["entries"][0]["is_new"], true, "{page}");
    let page = open_log(&mut ingrid, MATS_LOG).await;
    assert_eq!(page["entries"][0]["is_new"], false, "{page}");
    let mats = listed(&mut ingrid, MATS_LOG).await.expect("listed");
    assert_eq!(mats["activity"]["new_entries"], 0, "{mats}");

    // Nora writes twice more: two new to Ingrid, none to Nora herself.
    write_entry(&mut nora, MATS_LOG, "Mats var med på turen.").await;
    write_entry(&mut nora, MATS_LOG, "Foreldremøte neste uke.").await;
    let mats = listed(&mut ingrid, MATS_LOG).await.expect("listed");
    assert_eq!(mats["activity"]["new_entries"], 2, "{mats}");
    let mats = listed(&mut nora, MATS_LOG).await.expect("listed");
    assert_eq!(mats["activity"]["new_entries"], 0, "{mats}");

    // A visit is the visitor's own: nobody reads another's, not even through the table.
    let as_nora = superuser(app.pool());
    let mut tx = as_nora.begin().await.expect("tx");
    sqlx::query(
        "select set_config('stafett.person_id', $1, true), set_config('role', 'stafett_app', true)",
    )
    .bind(NORA_STRAND_TEACHER)
    .execute(&mut *tx)
    .await
    .expect("act as Nora");
    let seen: i64 =
        sqlx::query_scalar("select count(*) from log_visit where person_id <> $1::uuid")
            .bind(NORA_STRAND_TEACHER)
            .fetch_one(&mut *tx)
            .await
            .expect("visits");
    assert_eq!(seen, 0, "Ingrid's visit is hidden from Nora");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_holder_is_shown_consents_evaluations_and_a_handover_to_follow_up(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let mut ingrid = app.as_person(INGRID).await;

    // PPT takes part without consent, which the holder follows up and Mats's mother is
    // asked for (physiotherapy's was withdrawn: a decision made, not one waited for).
    let mats = listed(&mut nora, MATS_LOG).await.expect("listed");
    assert_eq!(mats["holding"], true);
    assert_eq!(mats["consents_waiting"], 1, "{mats}");
    assert_eq!(mats["activity"]["evaluations_soon"], 0, "{mats}");
    let for_ingrid = listed(&mut ingrid, MATS_LOG).await.expect("listed");
    assert_eq!(for_ingrid["holding"], false);
    assert_eq!(for_ingrid["waiting_for_me"], 1, "{for_ingrid}");

    // A measure evaluated in three days is coming up; once its day has passed, overdue; an
    // evaluation for it settles it.
    let today = day(app.pool(), 0).await;
    let in_three_days = day(app.pool(), 3).await;
    let (area, goal) = area_and_goal(&mut nora).await;
    let form = measure_form(&area, &goal, IDA_NURSE, &today, &in_three_days, "Samtaler");
    let (status, measure) = post(&mut nora, "/api/save_measure", &form).await;
    assert_eq!(status, StatusCode::OK, "{measure}");
    let measure = measure.as_str().expect("measure id").to_string();
    let mats = listed(&mut nora, MATS_LOG).await.expect("listed");
    assert_eq!(mats["activity"]["evaluations_soon"], 1, "{mats}");
    let page = open_log(&mut nora, MATS_LOG).await;
    assert_eq!(page["measures"][0]["due"], "soon", "{page}");

    sqlx::query(
        "update measure set start_date = current_date - 20,
                            planned_evaluation_date = current_date - 2
         where measure_id = $1::uuid",
    )
    .bind(&measure)
    .execute(&superuser(app.pool()))
    .await
    .expect("its day passed");
    let mats = listed(&mut nora, MATS_LOG).await.expect("listed");
    assert_eq!(mats["activity"]["evaluations_overdue"], 1, "{mats}");
    assert_eq!(mats["activity"]["evaluations_soon"], 0, "{mats}");
    let page = open_log(&mut nora, MATS_LOG).await;
    assert_eq!(page["measures"][0]["due"], "overdue", "{page}");

    let (status, body) = post(
        &mut nora,
        "/api/add_evaluation",
        &[
            ("log_id", MATS_LOG),
            ("evaluation[measure_id]", &measure),
            ("evaluation[what_was_tried]", "Tre samtaler."),
            ("evaluation[what_worked]", "Mats kom hver gang."),
            ("evaluation[what_next]", "Fortsette."),
            ("evaluation[evaluated_on]", &today),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mats = listed(&mut nora, MATS_LOG).await.expect("listed");
    assert_eq!(mats["activity"]["evaluations_overdue"], 0, "{mats}");

    // A handover Nora offered to her head teacher waits: Nora sees it, the family does not.
    sqlx::query(
        "insert into handover_offer (log_id, from_assignment_id, to_person_id, to_unit_id)
         select log_id, holder_assignment_id, $2::uuid, unit_id from holder_assignment
         where log_id = $1::uuid and ended_at is null",
    )
    .bind(MATS_LOG)
    .bind(EIRIK_SCHOOL_LEADER)
    .execute(&superuser(app.pool()))
    .await
    .expect("an offer");
    let mats = listed(&mut nora, MATS_LOG).await.expect("listed");
    assert_eq!(mats["handover_pending"], true, "{mats}");
    let for_ingrid = listed(&mut ingrid, MATS_LOG).await.expect("listed");
    assert_eq!(for_ingrid["handover_pending"], false, "{for_ingrid}");
}

#[sqlx::test(migrations = "../migrations")]
async fn those_who_may_not_read_the_content_get_no_counts_of_it(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    // PPT takes part in Mats's log without the family's consent; physiotherapy's was
    // withdrawn; Marius has nothing to do with it.
    for person in [MAJA_PPT, HAKON_PHYSIO, MARIUS_KINDERGARTEN] {
        let mut browser = app.as_person(person).await;
        let response = browser.get("/api/my_logs").await;
        let body = json(response).await;
        assert!(!body.to_string().contains(MARKER), "{person}: {body}");
        if let Some(mats) = body
            .as_array()
            .expect("a list")
            .iter()
            .find(|log| log["log_id"] == MATS_LOG)
        {
            assert_eq!(mats["can_read"], false, "{person}: {mats}");
            assert!(mats["activity"].is_null(), "{person}: {mats}");
        }
    }
    // And Ingrid, who may, is told of the entry but never shown it in the list.
    let mut ingrid = app.as_person(INGRID).await;
    let body = json(ingrid.get("/api/my_logs").await).await;
    assert!(!body.to_string().contains(MARKER), "{body}");
}

/// The group grows only with consent: the holder proposes a service new to the log; it takes
/// part at once but reads nothing, the youth is asked, and once she consents it reads.
#[sqlx::test(migrations = "../migrations")]
async fn a_proposed_service_reads_nothing_until_the_family_consents(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    let mut maja = app.as_person(MAJA_PPT).await;
    let mut sara = app.as_person(SARA).await;
    let read = format!("/api/log?log_id={SARA_LOG}");
    assert_eq!(maja.get(&read).await.status(), StatusCode::NOT_FOUND);

    let response = anders
        .post_form(
            "/api/add_participant",
            &[
                ("log_id", SARA_LOG),
                ("to", &format!("{PPT}/{MAJA_PPT}")),
                ("responsibility", "Utredning av lese- og skrivevansker"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let denied = maja.get(&read).await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    assert!(!json(denied).await.to_string().contains("Sara"));

    // Sara is asked, with the exact text, and consents.
    let decisions = json(
        sara.get(&format!("/api/my_decisions?log_id={SARA_LOG}&lang=nb"))
            .await,
    )
    .await;
    let asked = decisions
        .as_array()
        .expect("decisions")
        .iter()
        .find(|d| d["action"]["unit_id"] == PPT)
        .cloned()
        .unwrap_or_else(|| panic!("PPT is asked for: {decisions}"));
    assert!(asked["mine"].is_null(), "{asked}");
    let text = json(
        sara.get(&format!(
            "/api/consent_text?log_id={SARA_LOG}&scope=involve_service&unit_id={PPT}&choice=given&lang=nb"
        ))
        .await,
    )
    .await;
    let response = sara
        .post_form(
            "/api/give_consent",
            &[
                ("log_id", SARA_LOG),
                ("scope", "involve_service"),
                ("unit_id", PPT),
                ("text_shown", text.as_str().expect("text")),
                ("lang", "nb"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(maja.get(&read).await.status(), StatusCode::OK);

    // Only the holder brings anyone in.
    let mut maja_again = app.as_person(MAJA_PPT).await;
    let response = maja_again
        .post_form(
            "/api/add_participant",
            &[("log_id", SARA_LOG), ("to", PHYSIO)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
