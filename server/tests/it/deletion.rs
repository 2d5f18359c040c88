//! Deletion on demand: one who consented demands it, the log closes and goes to the
//! archive, and once the archive has answered nothing of the content is left in any table,
//! attachments' bytes included; the log leaves everyone's lists. Nobody else may demand it.

use crate::support::fixture::*;
use crate::support::{denied, invalid, json, log_actions, post, superuser, Browser, TestApp};
use axum::http::StatusCode;
use server::archive::arkivmelding::Classification;
use server::archive::receiver::DirectoryReceiver;
use server::archive::{deliver_due, Archive};
use server::deletion::purge_due;
use sqlx::PgPool;

/// Bytes found only in the attachment of Mats's log.
const ATTACHMENT_MARKER: &str = "BYTES-7f3a-vedlegg";

async fn ask(browser: &mut Browser<'_>, text: &str) -> (StatusCode, serde_json::Value) {
    post(
        browser,
        "/api/request_deletion",
        &[("log_id", MATS_LOG), ("text_shown", text), ("lang", "nb")],
    )
    .await
}

/// The marker in every kind of content the log holds, beyond the fixture's entry.
async fn fill(pool: &PgPool) {
    sqlx::raw_sql(&format!(
        "insert into entry (entry_id, log_id, author_id, body) values
             ('00000000-0000-4000-8000-00000000e002', '{MATS_LOG}', '{INGRID}', 'Hjemme: {MARKER}');
         insert into attachment (log_id, entry_id, file_name, content_type, size_bytes, sha256,
                                 data, uploaded_by)
         values ('{MATS_LOG}', '00000000-0000-4000-8000-00000000e002', '{MARKER}.pdf',
                 'application/pdf', 18, sha256('{ATTACHMENT_MARKER}'::bytea),
                 '{ATTACHMENT_MARKER}'::bytea, '{INGRID}');
         insert into development_area (development_area_id, log_id, title, description, created_by)
         values ('00000000-0000-4000-8000-00000000a001', '{MATS_LOG}', 'Vennskap', '{MARKER}',
                 '{NORA_STRAND_TEACHER}');
         insert into goal (log_id, development_area_id, title, created_by) values
             ('{MATS_LOG}', '00000000-0000-4000-8000-00000000a001', 'Mål {MARKER}',
              '{NORA_STRAND_TEACHER}');
         insert into measure (measure_id, log_id, development_area_id, title, start_date,
                              planned_evaluation_date, created_by, responsible_id)
         values ('00000000-0000-4000-8000-00000000a002', '{MATS_LOG}',
                 '00000000-0000-4000-8000-00000000a001', 'Tiltak {MARKER}', current_date - 30,
                 current_date - 2, '{NORA_STRAND_TEACHER}', '{NORA_STRAND_TEACHER}');
         insert into evaluation (measure_id, what_was_tried, what_worked, what_next,
                                 evaluated_on, recorded_by)
         values ('00000000-0000-4000-8000-00000000a002', '{MARKER}', '{MARKER}', '{MARKER}',
                 current_date - 2, '{NORA_STRAND_TEACHER}');
         insert into meeting (meeting_id, log_id, starts_at, ends_at, place, minutes, called_by)
         values ('00000000-0000-4000-8000-00000000b001', '{MATS_LOG}', now() - interval '7 days',
                 now() - interval '7 days' + interval '1 hour', '{MARKER}', '{MARKER}',
                 '{NORA_STRAND_TEACHER}');
         insert into meeting_agenda_item (meeting_id, proposed_by, text, position) values
             ('00000000-0000-4000-8000-00000000b001', '{INGRID}', '{MARKER}', 0);
         insert into meeting_decision (meeting_id, measure_id, text) values
             ('00000000-0000-4000-8000-00000000b001', '00000000-0000-4000-8000-00000000a002',
              '{MARKER}');
         update measure set decision_id =
             (select meeting_decision_id from meeting_decision
              where meeting_id = '00000000-0000-4000-8000-00000000b001')
         where measure_id = '00000000-0000-4000-8000-00000000a002';
         insert into closing_notice (log_id, given_by, reason) values
             ('{MATS_LOG}', '{NORA_STRAND_TEACHER}', 'Grunnen: {MARKER}');
         update closing_notice set ended_at = now();
         update participant set responsibility = '{MARKER}' where log_id = '{MATS_LOG}';
         insert into consent (log_id, child_id, consenter_id, scope, decision, method, text_shown,
                              text_language)
         values ('{MATS_LOG}', '{MATS}', '{INGRID}', 'child_own_access', 'given', 'digital',
                 'Samtykketekst {MARKER}', 'nb');"
    ))
    .execute(&superuser(pool))
    .await
    .expect("the content");
}

/// Every text, bytea and jsonb column of every table that holds `marker` (as text or bytes),
/// read as the superuser, whom no policy hides anything from.
async fn holding(pool: &PgPool, marker: &str) -> Vec<String> {
    let db = superuser(pool);
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text, data_type::text
         from information_schema.columns
         where table_schema = 'public' and data_type in ('text', 'bytea', 'jsonb')
           and table_name in (select table_name from information_schema.tables
                              where table_schema = 'public' and table_type = 'BASE TABLE')",
    )
    .fetch_all(&db)
    .await
    .expect("columns");
    let mut found = Vec::new();
    for (table, column, kind) in columns {
        let test = match kind.as_str() {
            "bytea" => format!("position(convert_to($1, 'UTF8') in \"{column}\") > 0"),
            _ => format!("\"{column}\"::text like '%' || $1 || '%'"),
        };
        let count: i64 =
            sqlx::query_scalar(&format!("select count(*) from \"{table}\" where {test}"))
                .bind(marker)
                .fetch_one(&db)
                .await
                .expect("a scan");
        if count > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

/// Ingrid demands deletion of Mats's log: it closes at once, the holder is told, and once
/// the archive has filed it nothing of it is left but the tombstone.
#[sqlx::test(migrations = "../migrations")]
async fn the_family_demands_deletion_and_nothing_of_the_content_is_left(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    fill(app.pool()).await;
    assert!(holding(app.pool(), MARKER).await.len() >= 10);
    assert!(!holding(app.pool(), ATTACHMENT_MARKER).await.is_empty());

    let mut ingrid = app.as_person(INGRID).await;
    let seen = log_actions(&mut ingrid, MATS_LOG).await;
    let text = seen["deletion_text"]
        .as_str()
        .expect("Ingrid may demand it")
        .to_string();
    assert!(text.contains("slettes"), "{text}");

    // Nobody else: the father without parental responsibility, the holder, a stranger.
    let mut geir = app.as_person(GEIR).await;
    assert_eq!(ask(&mut geir, &text).await, denied("not_their_decision"));
    assert_eq!(
        log_actions(&mut geir, MATS_LOG).await["deletion_text"],
        serde_json::Value::Null
    );
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    assert_eq!(ask(&mut nora, &text).await, denied("not_their_decision"));
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    assert_eq!(ask(&mut anders, &text).await.0, StatusCode::NOT_FOUND);
    // A text she was not shown is not agreed to: nothing changes.
    assert_eq!(
        ask(&mut ingrid, "Slett alt.").await.0,
        StatusCode::BAD_REQUEST
    );
    let status: String = sqlx::query_scalar("select status from log where log_id = $1::uuid")
        .bind(MATS_LOG)
        .fetch_one(&superuser(app.pool()))
        .await
        .expect("status");
    assert_eq!(status, "open");

    assert_eq!(ask(&mut ingrid, &text).await.0, StatusCode::OK);
    assert_eq!(ask(&mut ingrid, &text).await, invalid("deletion_requested"));
    let seen = log_actions(&mut ingrid, MATS_LOG).await;
    assert_eq!(seen["deletion_requested"]["by"], "Ingrid Berg");
    assert_eq!(seen["deletion_text"], serde_json::Value::Null);
    let told: i64 = sqlx::query_scalar(
        "select count(*) from outbox_message where body like '%krever opplysningene%'",
    )
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("outbox");
    assert_eq!(told, 1, "the holder is told");
    // A log whose deletion is demanded is never opened again.
    let decisions = json(
        ingrid
            .get(&format!("/api/my_decisions?log_id={MATS_LOG}&lang=nb"))
            .await,
    )
    .await;
    assert!(!decisions.to_string().contains("reopen"), "{decisions}");
    assert_eq!(log_actions(&mut nora, MATS_LOG).await["can_reopen"], false);
    // A consent to the deletion given the ordinary way would not delete anything: refused.
    let given = post(
        &mut ingrid,
        "/api/give_consent",
        &[
            ("log_id", MATS_LOG),
            ("scope", "delete"),
            ("text_shown", &text),
            ("lang", "nb"),
        ],
    )
    .await;
    assert_eq!(given, denied("not_their_decision"));

    // Not before the archive has its copy.
    assert_eq!(purge_due(app.pool()).await.expect("runs"), 0);
    assert!(holding(app.pool(), MARKER).await.len() >= 10);
    let dir = std::env::temp_dir().join(format!("stafett-deletion-{}", uuid::Uuid::new_v4()));
    let filing = Archive {
        receiver: Box::new(DirectoryReceiver(dir.clone())),
        individual_plan: None,
        classification: Classification {
            system: "ORDNPRI".into(),
            class: "F40".into(),
        },
    };
    assert_eq!(deliver_due(app.pool(), &filing).await.expect("runs"), 1);
    assert_eq!(purge_due(app.pool()).await.expect("runs"), 1);
    assert_eq!(purge_due(app.pool()).await.expect("runs"), 0, "once");
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(holding(app.pool(), MARKER).await, Vec::<String>::new());
    assert_eq!(
        holding(app.pool(), ATTACHMENT_MARKER).await,
        Vec::<String>::new()
    );
    let (reference, by, deleted): (Option<String>, Option<String>, bool) = sqlx::query_as(
        "select archive_reference, deletion_requested_by::text, deleted_at is not null
         from log where log_id = $1::uuid",
    )
    .bind(MATS_LOG)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("the tombstone");
    assert!(reference.is_some() && deleted);
    assert_eq!(by.as_deref(), Some(INGRID));
    let trail: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where log_id = $1::uuid and action = 'log.content_deleted'",
    )
    .bind(MATS_LOG)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("audit");
    assert_eq!(trail, 1);

    // The log has left every list, and its pages are no one's.
    for person in [INGRID, NORA_STRAND_TEACHER, IDA_NURSE] {
        let mut browser = app.as_person(person).await;
        let logs = json(browser.get("/api/my_logs").await).await;
        let ids: Vec<&str> = logs
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|log| log["log_id"].as_str())
            .collect();
        assert!(!ids.contains(&MATS_LOG), "{person}: {ids:?}");
        let response = browser
            .get(&format!("/api/log_actions?log_id={MATS_LOG}"))
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{person}");
    }
}

/// The purge is the owner's worker's alone: the application's role cannot run it, and the
/// owner cannot run it on a log whose deletion nobody demanded.
#[sqlx::test(migrations = "../migrations")]
async fn nobody_purges_a_log_whose_deletion_is_not_due(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let refused = sqlx::query("select purge_log_content($1::uuid)")
        .bind(MATS_LOG)
        .execute(app.pool())
        .await;
    assert!(refused.is_err(), "not demanded");
    let mut tx = app.pool().begin().await.expect("tx");
    sqlx::query("select set_config('role', 'stafett_app', true)")
        .execute(&mut *tx)
        .await
        .expect("role");
    let refused = sqlx::query("select purge_log_content($1::uuid)")
        .bind(MATS_LOG)
        .execute(&mut *tx)
        .await;
    assert!(refused.is_err(), "not the application's");
    drop(tx);
    let entries: i64 = sqlx::query_scalar("select count(*) from entry where log_id = $1::uuid")
        .bind(MATS_LOG)
        .fetch_one(&superuser(app.pool()))
        .await
        .expect("entries");
    assert_eq!(entries, 1);
}

/// A request never opened holds no content but the consents: the mother who consented
/// demands deletion, the request is taken back, and it is purged at once, with no package
/// for the archive.
#[sqlx::test(migrations = "../migrations")]
async fn a_request_never_opened_is_deleted_at_once(pool: PgPool) {
    const EMMA_LOG: &str = "00000000-0000-4000-8000-000000000922";
    let app = TestApp::with_logs(pool).await;
    let mut kari = app.as_person(KARI).await;
    let seen = log_actions(&mut kari, EMMA_LOG).await;
    let text = seen["deletion_text"]
        .as_str()
        .expect("Kari may demand it")
        .to_string();
    let (code, _) = post(
        &mut kari,
        "/api/request_deletion",
        &[("log_id", EMMA_LOG), ("text_shown", &text), ("lang", "nb")],
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(purge_due(app.pool()).await.expect("runs"), 1);
    let (status, deleted, consents, packages): (String, bool, i64, i64) = sqlx::query_as(
        "select status, deleted_at is not null,
                (select count(*) from consent where log_id = $1::uuid),
                (select count(*) from archive_package where log_id = $1::uuid)
         from log where log_id = $1::uuid",
    )
    .bind(EMMA_LOG)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("the tombstone");
    assert_eq!(
        (status.as_str(), deleted, consents, packages),
        ("cancelled", true, 0, 0)
    );
}
