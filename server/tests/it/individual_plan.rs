//! Transfer to an Individual Plan: the holder proposes it, the family's consent decides, and
//! the log is transferred and closed; its package goes to the IP system (the receiver
//! stand-in) as well as to the archive, once each.

use crate::support::archive::{self, ArchiveReceiver};
use crate::support::fixture::*;
use crate::support::{denied, invalid, json, log_actions, post, superuser, Browser, TestApp};
use axum::http::StatusCode;
use openidconnect::url::Url;
use server::archive::arkivmelding::Classification;
use server::archive::receiver::HttpReceiver;
use server::archive::{deliver_due, Archive};

async fn propose(browser: &mut Browser<'_>) -> (StatusCode, serde_json::Value) {
    post(
        browser,
        "/api/propose_individual_plan",
        &[("log_id", MATS_LOG)],
    )
    .await
}

#[sqlx::test(migrations = "../migrations")]
async fn the_holder_proposes_the_family_consents_and_the_log_goes_to_the_ip_system(
    pool: sqlx::PgPool,
) {
    let app = TestApp::with_logs(pool).await;
    // Only the holder proposes it.
    for (person, reason) in [(IDA_NURSE, "holder_only"), (INGRID, "holder_only")] {
        let mut browser = app.as_person(person).await;
        assert_eq!(propose(&mut browser).await, denied(reason), "{person}");
    }
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    assert_eq!(propose(&mut anders).await.0, StatusCode::NOT_FOUND);
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    assert_eq!(
        log_actions(&mut nora, MATS_LOG).await["can_propose_individual_plan"],
        true
    );
    assert_eq!(propose(&mut nora).await.0, StatusCode::OK);
    assert_eq!(propose(&mut nora).await, invalid("transfer_proposed"));
    let seen = log_actions(&mut nora, MATS_LOG).await;
    assert_eq!(seen["individual_plan"]["proposed_by"], "Nora Strand");
    assert_eq!(seen["can_propose_individual_plan"], false);

    // The mother finds the decision waiting for her, and consents.
    let mut ingrid = app.as_person(INGRID).await;
    let decisions = json(
        ingrid
            .get(&format!("/api/my_decisions?log_id={MATS_LOG}&lang=nb"))
            .await,
    )
    .await;
    let decision = decisions
        .as_array()
        .expect("decisions")
        .iter()
        .find(|d| d["action"]["scope"] == "transfer_to_individual_plan")
        .unwrap_or_else(|| panic!("the transfer waits for her: {decisions}"))
        .clone();
    let text = decision["text"].as_str().expect("its text");
    assert!(text.contains("individuell plan"), "{text}");
    let given = post(
        &mut ingrid,
        "/api/give_consent",
        &[
            ("log_id", MATS_LOG),
            ("scope", "transfer_to_individual_plan"),
            ("text_shown", text),
            ("lang", "nb"),
        ],
    )
    .await;
    assert_eq!(given.0, StatusCode::OK, "{given:?}");
    let (status, transferred): (String, bool) = sqlx::query_as(
        "select status, transferred_to_individual_plan_at is not null from log
         where log_id = $1::uuid",
    )
    .bind(MATS_LOG)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("the log");
    assert_eq!((status.as_str(), transferred), ("closed", true));
    assert!(
        log_actions(&mut ingrid, MATS_LOG).await["individual_plan"]["transferred_at"].is_string()
    );

    // One package to the archive, one to the IP system.
    let archive = ArchiveReceiver::start().await;
    let ip_system = ArchiveReceiver::start().await;
    let receiver = |stand_in: &ArchiveReceiver| {
        HttpReceiver::new(Url::parse(&stand_in.url).expect("url"), archive::TOKEN)
    };
    let filing = Archive {
        receiver: Box::new(receiver(&archive)),
        individual_plan: Some(Box::new(receiver(&ip_system))),
        classification: Classification {
            system: "ORDNPRI".into(),
            class: "F40".into(),
        },
    };
    assert_eq!(deliver_due(app.pool(), &filing).await.expect("runs"), 2);
    assert_eq!(deliver_due(app.pool(), &filing).await.expect("runs"), 0);
    assert_eq!(archive.packages().await.len(), 1);
    assert_eq!(ip_system.packages().await.len(), 1);
    let (archived,): (Option<String>,) =
        sqlx::query_as("select archive_reference from log where log_id = $1::uuid")
            .bind(MATS_LOG)
            .fetch_one(&superuser(app.pool()))
            .await
            .expect("the log");
    assert_eq!(
        archived.as_deref(),
        archive.packages().await[0]["reference"].as_str(),
        "the log's reference is the archive's, not the IP system's"
    );
}

/// Without an IP system configured, the IP package waits; the archive's goes.
#[sqlx::test(migrations = "../migrations")]
async fn the_ip_package_waits_for_an_ip_system(pool: sqlx::PgPool) {
    let app = TestApp::with_logs(pool).await;
    sqlx::raw_sql(&format!(
        "update log set transfer_proposed_at = now(), transfer_proposed_by = '{NORA_STRAND_TEACHER}',
                        transferred_to_individual_plan_at = now()
         where log_id = '{MATS_LOG}';
         update log set status = 'closed', closed_at = now() where log_id = '{MATS_LOG}';"
    ))
    .execute(&superuser(app.pool()))
    .await
    .expect("transferred");
    let archive = ArchiveReceiver::start().await;
    let filing = Archive {
        receiver: Box::new(HttpReceiver::new(
            Url::parse(&archive.url).expect("url"),
            archive::TOKEN,
        )),
        individual_plan: None,
        classification: Classification {
            system: "ORDNPRI".into(),
            class: "F40".into(),
        },
    };
    assert_eq!(deliver_due(app.pool(), &filing).await.expect("runs"), 1);
    let waiting: i64 = sqlx::query_scalar(
        "select count(*) from archive_package
         where destination = 'individual_plan' and delivered_at is null",
    )
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("packages");
    assert_eq!(waiting, 1);
}
