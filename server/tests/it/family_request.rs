//! A family asks for a log themselves: whom they may ask for comes from the population
//! register, the unit's leader appoints a holder, and the family follows the request.

use crate::outbox::senders;
use crate::support::fixture::*;
use crate::support::mailsink::MailSink;
use crate::support::register::Register;
use crate::support::{invalid, json, post, superuser, Browser, TestApp, PUBLIC_URL};
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

const ANNE: &str = "00000000-0000-4000-8000-000000000305";
const HILDE_KINDERGARTEN_LEADER: &str = "00000000-0000-4000-8000-000000000201";
const ABOUT: &str =
    "Nora gruer seg for skolen og sover dårlig. Vi vil at skolen og helsestasjonen snakker sammen.";

async fn get(browser: &mut Browser<'_>, path: &str) -> Value {
    let response = browser.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    json(response).await
}

async fn ask(
    browser: &mut Browser<'_>,
    child: &str,
    unit: &str,
    about: &str,
) -> (StatusCode, Value) {
    post(
        browser,
        "/api/ask_for_log",
        &[("child", child), ("unit_id", unit), ("about", about)],
    )
    .await
}

async fn requests(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from family_request")
        .fetch_one(&superuser(pool))
        .await
        .expect("count")
}

/// Anne, who has parental responsibility for Sara (who has a log) and Nora (12, who has
/// none) by the register, asks the school for Nora;
/// bad input and another's child change nothing; the school's leader (and no other) sees
/// what she wrote and appoints a teacher of the school, which starts the log waiting for
/// her consent; she sees who holds it.
#[sqlx::test(migrations = "../migrations")]
async fn a_guardian_asks_and_the_units_leader_appoints_a_holder(pool: PgPool) {
    let register = Register::require();
    let app = TestApp::with_logs(pool).await;
    let nora = register.number_of("Nora Lie").await;
    let mats = register.number_of("Mats Berg").await;
    let mut anne = app.as_person(ANNE).await;
    let choices = get(&mut anne, "/api/family_request_choices").await;
    let names: Vec<&str> = choices
        .as_array()
        .expect("choices")
        .iter()
        .map(|c| c["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["Sara Lie", "Nora Lie"], "{choices}");
    assert_eq!(choices[1]["age"], 12);

    assert_eq!(
        ask(&mut anne, &nora, SCHOOL, "Hjelp").await,
        invalid("request_about")
    );
    let nowhere = "00000000-0000-4000-8000-0000000000ff";
    assert_eq!(
        ask(&mut anne, &nora, nowhere, ABOUT).await,
        invalid("request_unit")
    );
    assert_eq!(
        ask(&mut anne, &mats, SCHOOL, ABOUT).await,
        invalid("request_child")
    );
    assert_eq!(requests(app.pool()).await, 0, "nothing was asked");

    assert_eq!(ask(&mut anne, &nora, SCHOOL, ABOUT).await.0, StatusCode::OK);
    assert_eq!(
        ask(&mut anne, &nora, SCHOOL, ABOUT).await,
        invalid("request_exists")
    );
    let mine = get(&mut anne, "/api/my_family_requests").await;
    assert_eq!(mine[0]["unit_name"], "Fjordvik barneskole", "{mine}");
    assert_eq!(mine[0]["log_id"], Value::Null);

    for person in [HILDE_KINDERGARTEN_LEADER, NORA_STRAND_TEACHER, INGRID] {
        let mut browser = app.as_person(person).await;
        assert_eq!(
            get(&mut browser, "/api/waiting_family_requests").await,
            serde_json::json!([]),
            "{person}"
        );
    }
    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    let waiting = get(&mut eirik, "/api/waiting_family_requests").await;
    assert_eq!(waiting[0]["about"], ABOUT);
    assert_eq!(waiting[0]["by_youth"], false);
    assert!(
        !waiting.to_string().contains("Anne"),
        "the leader is not told who asked: {waiting}"
    );
    let request = waiting[0]["request_id"]
        .as_str()
        .expect("an id")
        .to_string();

    let mut hilde = app.as_person(HILDE_KINDERGARTEN_LEADER).await;
    let nora_at_school = format!("{SCHOOL}/{NORA_STRAND_TEACHER}");
    let form = [
        ("request_id", request.as_str()),
        ("to", nora_at_school.as_str()),
    ];
    assert_eq!(
        post(&mut hilde, "/api/appoint_for_request", &form).await.0,
        StatusCode::NOT_FOUND
    );
    let marius = format!("{KINDERGARTEN}/{MARIUS_KINDERGARTEN}");
    let wrong = [("request_id", request.as_str()), ("to", marius.as_str())];
    assert_eq!(
        post(&mut eirik, "/api/appoint_for_request", &wrong).await,
        invalid("request_holder")
    );
    let (status, _) = post(&mut eirik, "/api/appoint_for_request", &form).await;
    assert!(status.is_success() || status.is_redirection(), "{status}");

    let mine = get(&mut anne, "/api/my_family_requests").await;
    assert_eq!(mine[0]["holder_name"], "Nora Strand", "{mine}");
    let log = mine[0]["log_id"].as_str().expect("the log").to_string();
    let began: (String, String) = sqlx::query_as(
        "select l.status, h.began from log l join holder_assignment h using (log_id) where l.log_id = $1::uuid",
    )
    .bind(&log)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("the log");
    assert_eq!(began, ("requested".to_string(), "appointed".to_string()));
    let listed = get(&mut anne, "/api/my_logs").await;
    assert!(
        listed.to_string().contains(&log),
        "her log waits for her consent: {listed}"
    );
    assert_eq!(
        get(&mut eirik, "/api/waiting_family_requests").await,
        serde_json::json!([])
    );
}

/// Sara (16) may ask for herself, but has a log already; Mats (14) may not ask for himself.
#[sqlx::test(migrations = "../migrations")]
async fn a_youth_asks_from_fifteen_and_not_twice(pool: PgPool) {
    let register = Register::require();
    let app = TestApp::with_logs(pool).await;
    let sara = register.number_of("Sara Lie").await;
    let mut browser = app.as_person(SARA).await;
    let choices = get(&mut browser, "/api/family_request_choices").await;
    assert_eq!(choices[0]["themself"], true, "{choices}");
    assert_eq!(
        ask(&mut browser, &sara, SCHOOL, ABOUT).await,
        invalid("request_exists")
    );
    let mut mats = app.as_person(MATS).await;
    assert_eq!(
        get(&mut mats, "/api/family_request_choices").await,
        serde_json::json!([])
    );
    assert_eq!(requests(app.pool()).await, 0);
}

/// The school's leaders hear of Anne's request as each chose: Eirik by e-mail now, in the
/// language he chose, with a link to the unit's logs and nothing of what she wrote or whom
/// it is for; Nora Strand, made a leader too, in tomorrow's digest. The kindergarten's
/// leader hears nothing.
#[sqlx::test(migrations = "../migrations")]
async fn the_units_leaders_are_told_of_a_request_and_not_what_it_says(pool: PgPool) {
    let register = Register::require();
    let sink = MailSink::start().await;
    let app = TestApp::with_logs(pool).await;
    let owner = superuser(app.pool());
    sqlx::query(
        "insert into person_contact (person_id, email, email_confirmed_at, lang, notice_channel)
         values ($1::uuid, 'eirik@skole.example', now(), 'en', 'email')",
    )
    .bind(EIRIK_SCHOOL_LEADER)
    .execute(&owner)
    .await
    .expect("Eirik's contact");
    sqlx::query(
        "update staff_unit_membership set role = 'unit_leader'
         where person_id = $1::uuid and unit_id = $2::uuid",
    )
    .bind(NORA_STRAND_TEACHER)
    .bind(SCHOOL)
    .execute(&owner)
    .await
    .expect("a second leader");
    sqlx::query("update person set notify = 'daily' where person_id = $1::uuid")
        .bind(NORA_STRAND_TEACHER)
        .execute(&owner)
        .await
        .expect("daily");

    let nora = register.number_of("Nora Lie").await;
    let mut anne = app.as_person(ANNE).await;
    assert_eq!(ask(&mut anne, &nora, SCHOOL, ABOUT).await.0, StatusCode::OK);

    server::outbox::worker::send_due(app.pool(), &senders(&sink))
        .await
        .expect("delivered");
    let messages = sink.messages().await;
    let to_eirik: Vec<&Value> = messages
        .iter()
        .filter(|m| m["to"] == "eirik@skole.example")
        .collect();
    assert_eq!(to_eirik.len(), 1, "{messages:?}");
    let body = to_eirik[0]["body"].as_str().expect("a body");
    assert!(body.contains("a new request from a family"), "{body}");
    assert!(body.contains(&format!("{PUBLIC_URL}/unit-logs")), "{body}");
    for secret in ["sover dårlig", "Nora", "Lie", "Anne", &nora] {
        assert!(!body.contains(secret), "{secret} in {body}");
    }
    assert!(
        !messages.iter().any(|m| m["to"]
            .as_str()
            .is_some_and(|to| to.starts_with("hilde") || to.starts_with("nora"))),
        "{messages:?}"
    );
    let pending: Vec<(String, String, Option<uuid::Uuid>)> = sqlx::query_as(
        "select person_id::text, kind, log_id from pending_notice order by created_at",
    )
    .fetch_all(&owner)
    .await
    .expect("pending notices");
    assert_eq!(
        pending,
        [(NORA_STRAND_TEACHER.to_string(), "request".to_string(), None)]
    );
}
