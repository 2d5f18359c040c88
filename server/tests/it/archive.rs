//! Closing a log files it in the municipality's archive, once: a PDF/A-2b of the whole log
//! and an arkivmelding.xml valid against Fiks Arkiv, through the real receiver stand-in
//! (dev/archive), while it is down, and across a server killed between the archive's answer
//! and the commit.

use crate::support::archive::{self, ArchiveReceiver};
use crate::support::fixture::*;
use crate::support::{json, post, superuser, TestApp};
use axum::http::StatusCode;
use openidconnect::url::Url;
use server::archive::arkivmelding::Classification;
use server::archive::receiver::{DirectoryReceiver, HttpReceiver, Outgoing, Receipt, Receiver};
use server::archive::{deliver_due, Archive};
use sqlx::PgPool;
use std::process::Command;

const HAKON_ENTRY: &str = "Håkon har prøvd ut nye øvelser i gymsalen.";
const VOICE: &str = "Jeg liker best å spille fotball i friminuttet.";
const MINUTES: &str = "Vi ble enige om å prøve lekegrupper fram til jul.";
const DECISION: &str = "Skolen setter opp lekegrupper to dager i uken.";

fn classification() -> Classification {
    Classification {
        system: "ORDNPRI".into(),
        class: "F40".into(),
    }
}

fn archive(receiver: impl Receiver + 'static) -> Archive {
    Archive {
        receiver: Box::new(receiver),
        individual_plan: None,
        classification: classification(),
    }
}

fn http(stand_in: &ArchiveReceiver) -> HttpReceiver {
    HttpReceiver::new(Url::parse(&stand_in.url).expect("url"), archive::TOKEN)
}

/// Files through `0`, then dies as a killed server would: after the archive's answer, before
/// the transaction that stores the receipt commits.
struct KilledAfterTheAnswer(HttpReceiver);

impl Receiver for KilledAfterTheAnswer {
    fn deliver<'a>(&'a self, package: &'a Outgoing<'a>) -> Receipt<'a> {
        Box::pin(async move {
            let receipt = self.0.deliver(package).await;
            panic!("killed after the archive answered {receipt:?}");
        })
    }
}

/// Mats's log with one of each kind of content: the child's own words, a service that has
/// since left, a plan with an evaluation, a meeting with approved minutes and a decision,
/// and an attachment.
async fn fill(pool: &PgPool) {
    let db = superuser(pool);
    sqlx::raw_sql(&format!(
        "update participant set joined_at = now() - interval '60 days' where log_id = '{MATS_LOG}';
         update participant set left_at = now() - interval '10 days'
         where log_id = '{MATS_LOG}' and person_id = '{HAKON_PHYSIO}';
         insert into entry (log_id, author_id, body, created_at) values
             ('{MATS_LOG}', '{HAKON_PHYSIO}', '{HAKON_ENTRY}', now() - interval '20 days');
         insert into entry (entry_id, log_id, author_id, body, is_child_voice) values
             ('00000000-0000-4000-8000-00000000e001', '{MATS_LOG}', '{MATS}', '{VOICE}', true);
         insert into attachment (log_id, entry_id, file_name, content_type, size_bytes, sha256,
                                 data, uploaded_by)
         values ('{MATS_LOG}', '00000000-0000-4000-8000-00000000e001', 'tegning.png',
                 'image/png', 4, sha256('\\x89504e47'::bytea), '\\x89504e47'::bytea, '{MATS}');
         insert into development_area (development_area_id, log_id, title, created_by) values
             ('00000000-0000-4000-8000-00000000a001', '{MATS_LOG}', 'Vennskap', '{NORA_STRAND_TEACHER}');
         insert into measure (measure_id, log_id, development_area_id, title, start_date,
                              planned_evaluation_date, created_by, responsible_id)
         values ('00000000-0000-4000-8000-00000000a002', '{MATS_LOG}',
                 '00000000-0000-4000-8000-00000000a001', 'Lekegrupper', current_date - 30,
                 current_date - 2, '{NORA_STRAND_TEACHER}', '{NORA_STRAND_TEACHER}');
         insert into evaluation (measure_id, what_was_tried, what_worked, what_next,
                                 evaluated_on, recorded_by)
         values ('00000000-0000-4000-8000-00000000a002', 'Lekegrupper i storefri.',
                 'Mats var med hver gang.', 'Fortsette.', current_date - 2, '{NORA_STRAND_TEACHER}');
         insert into meeting (meeting_id, log_id, starts_at, ends_at, place, minutes, called_by)
         values ('00000000-0000-4000-8000-00000000b001', '{MATS_LOG}', now() - interval '7 days',
                 now() - interval '7 days' + interval '1 hour', 'Møterom 2', '{MINUTES}',
                 '{NORA_STRAND_TEACHER}');
         insert into meeting_agenda_item (meeting_id, proposed_by, text, position) values
             ('00000000-0000-4000-8000-00000000b001', '{INGRID}', 'Friminuttene', 0);
         insert into meeting_decision (meeting_id, text) values
             ('00000000-0000-4000-8000-00000000b001', '{DECISION}');
         update meeting set minutes_approved_at = now() - interval '6 days',
                            minutes_approved_by = '{INGRID}'
         where meeting_id = '00000000-0000-4000-8000-00000000b001';"
    ))
    .execute(&db)
    .await
    .expect("the content");
}

/// The holder closes on a notice the family did not object to, as the routine says.
async fn close(app: &TestApp) {
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let reason = [
        ("log_id", MATS_LOG),
        ("reason", "Mats trives, og tiltakene virker."),
    ];
    assert_eq!(
        post(&mut nora, "/api/give_closing_notice", &reason).await.0,
        StatusCode::OK
    );
    sqlx::query("update closing_notice set given_at = now() - interval '15 days'")
        .execute(&superuser(app.pool()))
        .await
        .expect("older");
    let close = [("log_id", MATS_LOG)];
    assert_eq!(
        post(&mut nora, "/api/close_on_notice", &close).await.0,
        StatusCode::OK
    );
}

async fn make_due(pool: &PgPool) {
    sqlx::query("update archive_package set next_attempt_at = now()")
        .execute(&superuser(pool))
        .await
        .expect("due");
}

async fn log_archive(pool: &PgPool) -> (String, Option<String>, bool) {
    sqlx::query_as(
        "select status, archive_reference, archived_at is not null from log
         where log_id = $1::uuid",
    )
    .bind(MATS_LOG)
    .fetch_one(&superuser(pool))
    .await
    .expect("the log")
}

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("{program} runs (scripts/setup installs it): {error}"));
    let text = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

/// The archive is down twice and the server dies once after the archive took the package:
/// the log is closed at once all the same, the package is built once and filed once, and
/// the receipt's reference reaches the log, the holder and the family.
#[sqlx::test(migrations = "../migrations")]
async fn closing_files_the_log_once_while_the_archive_fails(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    fill(app.pool()).await;
    let stand_in = ArchiveReceiver::start().await;
    stand_in.fail(2).await;
    close(&app).await;
    assert_eq!(
        log_archive(app.pool()).await,
        ("closed".into(), None, false)
    );

    let filing = archive(http(&stand_in));
    for attempt in 1..=2 {
        assert_eq!(deliver_due(app.pool(), &filing).await.expect("runs"), 0);
        let (attempts, built, error): (i32, bool, Option<String>) = sqlx::query_as(
            "select attempts, document is not null, last_error from archive_package",
        )
        .fetch_one(&superuser(app.pool()))
        .await
        .expect("the package");
        assert_eq!((attempts, built), (attempt, true), "built once, kept");
        assert!(error.is_some_and(|error| error.contains("503")));
        make_due(app.pool()).await;
    }
    // The dying server's own connections, closed with it: that releases the package's lock.
    let options = (*app.pool().connect_options()).clone();
    let dying_server = sqlx::postgres::PgPoolOptions::new().connect_lazy_with(options);
    let dying = archive(KilledAfterTheAnswer(http(&stand_in)));
    let pool = dying_server.clone();
    let killed = tokio::spawn(async move { deliver_due(&pool, &dying).await }).await;
    assert!(killed.is_err(), "the server died");
    dying_server.close().await;
    assert_eq!(log_archive(app.pool()).await.1, None, "no receipt stored");

    // The next run files it, once the dead server's connection has let go of the package.
    let mut filed = 0;
    for _ in 0..50 {
        filed += deliver_due(app.pool(), &filing).await.expect("runs");
        if filed > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(filed, 1);
    assert_eq!(deliver_due(app.pool(), &filing).await.expect("runs"), 0);
    let filed = stand_in.packages().await;
    assert_eq!(filed.len(), 1, "filed once: {filed:?}");
    assert_eq!(
        filed[0]["attempts"], 4,
        "sent four times, twice to a working archive"
    );
    let reference = filed[0]["reference"]
        .as_str()
        .expect("a reference")
        .to_string();
    assert_eq!(
        log_archive(app.pool()).await,
        ("closed".into(), Some(reference.clone()), true)
    );
    let (kept, checksum): (bool, Option<Vec<u8>>) =
        sqlx::query_as("select document is not null, document_sha256 from archive_package")
            .fetch_one(&superuser(app.pool()))
            .await
            .expect("the package");
    assert!(!kept, "Stafett drops its copy once the archive has it");
    let package = stand_in.store.join(filed[0]["id"].as_str().expect("id"));
    let pdf = std::fs::read(package.join("stafettlogg.pdf")).expect("the PDF");
    use sha2::Digest;
    assert_eq!(checksum, Some(sha2::Sha256::digest(&pdf).to_vec()));

    let actions: Vec<String> = sqlx::query_scalar(
        "select action from audit_event where log_id = $1::uuid and action like 'archive.%'
         order by audit_event_id",
    )
    .bind(MATS_LOG)
    .fetch_all(&superuser(app.pool()))
    .await
    .expect("audit");
    assert_eq!(actions, ["archive.package_built", "archive.filed"]);

    for person in [NORA_STRAND_TEACHER, INGRID] {
        let mut browser = app.as_person(person).await;
        let response = browser
            .get(&format!("/api/log_actions?log_id={MATS_LOG}"))
            .await;
        let seen = json(response).await;
        assert_eq!(seen["archive"]["reference"], reference.as_str(), "{person}");
    }
    let mut ingrid = app.as_person(INGRID).await;
    let page = ingrid.get(&format!("/logs/{MATS_LOG}/consents")).await;
    let html = crate::support::text(page).await;
    assert!(html.contains(&format!("referanse {reference}")), "{html}");
}

/// The package is what an archive takes: the arkivmelding validates against Fiks Arkiv's
/// schema, and the PDF is a PDF/A-2b with every font embedded, holding the whole log in
/// Norwegian, the child's own words marked, and each entry put on the unit its author wrote
/// for at the time.
#[sqlx::test(migrations = "../migrations")]
async fn the_package_is_a_valid_arkivmelding_and_a_pdf_a(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    fill(app.pool()).await;
    sqlx::raw_sql(&format!(
        "insert into entry (log_id, author_id, body) values
             ('{MATS_LOG}', '{HAKON_PHYSIO}', 'Skrevet etter at fysioterapien gikk ut.')"
    ))
    .execute(&superuser(app.pool()))
    .await
    .expect("a later entry");
    close(&app).await;
    // The sealer's round before the worker's: the package carries the sealed head.
    let key = app::server::audit_chain::AuditKey::from_base64(crate::support::AUDIT_KEY)
        .expect("the test key");
    let head = server::audit_sealer::seal_waiting(app.pool(), &key, None)
        .await
        .expect("sealed")
        .into_iter()
        .find(|head| head.log_id.to_string() == MATS_LOG)
        .expect("a head");
    let dir = std::env::temp_dir().join(format!("stafett-archive-dir-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let filing = archive(DirectoryReceiver(dir.clone()));
    assert_eq!(deliver_due(app.pool(), &filing).await.expect("runs"), 1);
    let folders: Vec<_> = std::fs::read_dir(&dir).expect("read").flatten().collect();
    assert_eq!(folders.len(), 1, "one folder, no partial one left");
    let package = folders[0].path();
    let xml = package.join("arkivmelding.xml");
    let xml_path = xml.to_str().expect("path");
    let (valid, report) = run(
        "xmllint",
        &["--noout", "--schema", archive::SCHEMA, xml_path],
    );
    assert!(valid, "{report}");
    let arkivmelding: String = std::fs::read_to_string(&xml)
        .expect("xml")
        .lines()
        .map(str::trim)
        .collect();
    for part in [
        "xsi:type=\"saksmappe\"",
        "xsi:type=\"journalpost\"",
        "<journalposttype><n5mdk:kode>X</n5mdk:kode>",
        "<skjermingshjemmel>Offl. § 13, jf. fvl. § 13</skjermingshjemmel>",
        "<klassifikasjonssystemID>ORDNPRI</klassifikasjonssystemID>",
        "<klasseID>F40</klasseID>",
        &format!("<n5mdk:noekkel>{MATS_LOG}</n5mdk:noekkel>"),
        &format!("sisteHendelse=\"{}\"", head.last_event_id),
        &format!("{}</stafett:revisjonsspor>", head.mac_hex),
    ] {
        assert!(arkivmelding.contains(part), "{part} in {arkivmelding}");
    }

    let pdf = package.join("stafettlogg.pdf");
    let pdf_path = pdf.to_str().expect("path");
    let (ok, xmp) = run("pdfinfo", &["-meta", pdf_path]);
    assert!(ok, "{xmp}");
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>"),
        "PDF/A part 2: {xmp}"
    );
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "level B: {xmp}"
    );
    let (ok, fonts) = run("pdffonts", &[pdf_path]);
    assert!(ok, "{fonts}");
    let fonts: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!fonts.is_empty());
    for font in &fonts {
        let columns: Vec<&str> = font.split_whitespace().collect();
        assert!(columns.contains(&"yes"), "embedded: {font}");
        assert!(font.contains("SourceSans3"), "{font}");
    }
    let (ok, text) = run("pdftotext", &["-layout", pdf_path, "-"]);
    assert!(ok, "{text}");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "Stafettlogg for Mats",
        "Barnets egen stemme",
        VOICE,
        MINUTES,
        DECISION,
        "Lekegrupper i storefri.",
        "Samtykketekst som ble vist",
        "Trukket tilbake av Ingrid Berg",
        "tegning.png",
        HAKON_ENTRY,
        "Side 1 av",
        "Revisjonsspor",
        &format!("forseglet til og med hendelse {}", head.last_event_id),
    ] {
        assert!(text.contains(part), "{part} in the PDF: {text}");
    }
    let physio = "Fysio- og ergoterapitjenesten";
    let before = text.find(HAKON_ENTRY).expect("Håkon's entry");
    let head = &text[..before];
    let head = &head[head.rfind("Håkon").expect("the author")..];
    assert!(head.contains(physio), "written for physiotherapy: {head}");
    let later = text
        .find("Skrevet etter at fysioterapien")
        .expect("the later entry");
    let head = &text[..later];
    let head = &head[head.rfind("Håkon").expect("the author")..];
    assert!(
        !head.contains(physio),
        "not put on a unit he had left: {head}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The door the archive reads through is the owner's alone, and only until the package is
/// built: a content transaction that names the log finds nothing of a closed log.
#[sqlx::test(migrations = "../migrations")]
async fn only_the_archive_worker_reads_a_closed_log_and_only_once(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    close(&app).await;
    let entries_seen = |role: &'static str| {
        let pool = app.pool().clone();
        async move {
            let mut tx = pool.begin().await.expect("tx");
            sqlx::query(
                "select set_config('stafett.person_id', $1, true),
                        set_config('stafett.archiving_log', $2, true)",
            )
            .bind(INGRID)
            .bind(MATS_LOG)
            .execute(&mut *tx)
            .await
            .expect("settings");
            if role != "none" {
                sqlx::query("select set_config('role', $1, true)")
                    .bind(role)
                    .execute(&mut *tx)
                    .await
                    .expect("role");
            }
            let count: i64 =
                sqlx::query_scalar("select count(*) from entry where log_id = $1::uuid")
                    .bind(MATS_LOG)
                    .fetch_one(&mut *tx)
                    .await
                    .expect("count");
            count
        }
    };
    assert_eq!(
        entries_seen("stafett_app").await,
        0,
        "not the application role"
    );
    assert_eq!(
        entries_seen("none").await,
        1,
        "the owner, while the package waits"
    );
    let dir = std::env::temp_dir().join(format!("stafett-archive-dir-{}", uuid::Uuid::new_v4()));
    let filing = archive(DirectoryReceiver(dir.clone()));
    assert_eq!(deliver_due(app.pool(), &filing).await.expect("runs"), 1);
    assert_eq!(entries_seen("none").await, 0, "shut once it is built");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The family's own copy: the mother with parental responsibility downloads everything she
/// may see as a PDF/A, and the read is in the log's trail; the holder reads the log but takes
/// no copy, and a stranger finds nothing.
#[sqlx::test(migrations = "../migrations")]
async fn the_family_takes_out_a_copy_of_what_they_may_see(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let path = format!("/api/log_copy?log_id={MATS_LOG}");
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    assert_eq!(
        json(nora.get(&path).await).await,
        serde_json::json!({ "error": "denied", "reason": "family_only" })
    );
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    assert_eq!(anders.get(&path).await.status(), StatusCode::NOT_FOUND);
    let mut geir = app.as_person(GEIR).await;
    assert_ne!(geir.get(&path).await.status(), StatusCode::OK);

    let mut ingrid = app.as_person(INGRID).await;
    let response = ingrid.get(&path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("the PDF");
    let file = std::env::temp_dir().join(format!("stafett-copy-{}.pdf", uuid::Uuid::new_v4()));
    std::fs::write(&file, &bytes).expect("written");
    let (ok, text) = run("pdftotext", &[file.to_str().expect("path"), "-"]);
    let _ = std::fs::remove_file(&file);
    assert!(ok, "{text}");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "Stafettlogg for Mats",
        "Alt du kan se i stafettloggen",
        MARKER,
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    let copies: i64 = sqlx::query_scalar(
        "select count(*) from audit_event
         where log_id = $1::uuid and actor_id = $2::uuid and detail->>'copy' = 'true'",
    )
    .bind(MATS_LOG)
    .bind(INGRID)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("audit");
    assert_eq!(copies, 1);
}
