//! Files on entries through the real routes over HTTP against the real database: what is
//! stored and served back, what is refused (type, size, someone else's entry), and who may
//! download.

use crate::support::fixture::*;
use crate::support::{json, superuser, text, Browser, TestApp, PUBLIC_URL};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sqlx::PgPool;

const BOUNDARY: &str = "stafett-test-boundary";

fn multipart(log: &str, entry: &str, name: &str, data: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    for (field, value) in [("log_id", log), ("entry_id", entry)] {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload(
    browser: &mut Browser<'_>,
    entry: &str,
    name: &str,
    data: &[u8],
    accept: &str,
) -> axum::response::Response {
    browser
        .send(
            Request::post("/api/attachments")
                .header("sec-fetch-site", "same-origin")
                .header(header::ORIGIN, PUBLIC_URL)
                .header(header::ACCEPT, accept)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                ),
            Body::from(multipart(MATS_LOG, entry, name, data)),
        )
        .await
}

/// Ida's own entry in Mats's log.
async fn idas_entry(browser: &mut Browser<'_>) -> String {
    let response = browser
        .post_form(
            "/api/add_entry",
            &[
                ("log_id", MATS_LOG),
                ("body", "Referat fra samtalen, se vedlegg."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await.as_str().expect("entry id").to_string()
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

#[sqlx::test(migrations = "../migrations")]
async fn a_file_on_ones_own_entry_is_served_to_those_who_may_read(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    let entry = idas_entry(&mut ida).await;

    let response = upload(
        &mut ida,
        &entry,
        "Samtale 12. mars.pdf",
        PDF,
        "application/json",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let attachment = json(response).await.as_str().expect("id").to_string();

    // Ingrid sees it on the entry and downloads exactly what was stored.
    let mut ingrid = app.as_person(INGRID).await;
    let log = json(ingrid.get(&format!("/api/log?log_id={MATS_LOG}")).await).await;
    let shown = log["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["entry_id"] == entry.as_str())
        .expect("the entry");
    assert_eq!(shown["attachments"][0]["file_name"], "Samtale 12. mars.pdf");
    assert_eq!(shown["attachments"][0]["size_bytes"], PDF.len());
    assert_eq!(shown["mine"], false);
    let uri = format!("/api/attachment?log_id={MATS_LOG}&attachment_id={attachment}");
    let response = ingrid.get(&uri).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        response.headers()[header::CONTENT_DISPOSITION],
        "attachment; filename=\"Samtale 12. mars.pdf\"; filename*=UTF-8''Samtale%2012.%20mars.pdf"
    );
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(text(response).await.as_bytes(), PDF);

    // Not to PPT without consent, not to someone uninvolved, not without a login.
    for (person, status) in [
        (MAJA_PPT, StatusCode::FORBIDDEN),
        (GEIR, StatusCode::NOT_FOUND),
    ] {
        let mut browser = app.as_person(person).await;
        assert_eq!(browser.get(&uri).await.status(), status, "{person}");
    }
    assert_eq!(
        app.browser().get(&uri).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The database itself keeps it from a raw query outside the gate.
    let mut conn = app.pool().acquire().await.expect("connection");
    sqlx::raw_sql(&format!(
        "begin; set local role stafett_app; select set_config('stafett.person_id', '{MAJA_PPT}', true);"
    ))
    .execute(&mut *conn)
    .await
    .expect("as Maja");
    let seen: i64 = sqlx::query_scalar("select count(*) from attachment")
        .fetch_one(&mut *conn)
        .await
        .expect("count");
    assert_eq!(seen, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn wrong_files_and_other_peoples_entries_are_refused(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    let entry = idas_entry(&mut ida).await;
    let invalid = serde_json::json!({ "error": "invalid", "field": "attachment" });

    // A page pretending to be a PDF, an empty file, and one over 10 MB.
    let mut too_big = PDF.to_vec();
    too_big.resize(10 * 1024 * 1024 + 1, b' ');
    for data in [&b"<html><script>alert(1)</script>"[..], b"", &too_big] {
        let response = upload(&mut ida, &entry, "brev.pdf", data, "application/json").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(json(response).await, invalid);
    }
    // Nobody attaches to another person's words.
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let response = upload(&mut nora, &entry, "brev.pdf", PDF, "application/json").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        json(response).await,
        serde_json::json!({ "error": "denied", "reason": "author_only" })
    );
    let stored: i64 = sqlx::query_scalar("select count(*) from attachment")
        .fetch_one(&superuser(app.pool()))
        .await
        .expect("count");
    assert_eq!(stored, 0);

    // A browser without JavaScript is sent back to the log, with the error to show.
    let response = upload(&mut ida, &entry, "brev.pdf", b"GIF89a", "text/html").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(
        location.starts_with(&format!("/logs/{MATS_LOG}?__path=")),
        "{location}"
    );
    assert!(location.contains("__err="), "{location}");
    let response = upload(&mut ida, &entry, "brev.pdf", PDF, "text/html").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        format!("/logs/{MATS_LOG}").as_str()
    );
}
