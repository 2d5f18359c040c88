//! The consent gate through the real server-function endpoints over HTTP, against the real
//! database: every role × every action, and what withdrawing and closing do at once.

use crate::support::fixture::*;
use crate::support::{json, Browser, TestApp};
use axum::http::StatusCode;
use sqlx::PgPool;

/// What a person gets back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Ok,
    /// 404: the log does not exist for them.
    Hidden,
    /// 403 with this reason.
    Denied(&'static str),
}
use Answer::{Denied, Hidden, Ok};

async fn answer(response: axum::response::Response) -> Answer {
    let status = response.status();
    let body = json(response).await;
    match status {
        StatusCode::OK => Ok,
        StatusCode::NOT_FOUND => Hidden,
        StatusCode::FORBIDDEN => {
            assert_eq!(body["error"], "denied", "{body}");
            let reason = body["reason"].as_str().expect("a reason").to_string();
            Denied(Box::leak(reason.into_boxed_str()))
        }
        other => panic!("unexpected {other}: {body}"),
    }
}

/// Gives or withdraws (the GP's involvement) as the person would: reads the text, then
/// agrees to exactly it.
async fn decide(browser: &mut Browser<'_>, log: &str, choice: &str) -> Answer {
    let response = browser
        .get(&format!(
            "/api/consent_text?log_id={log}&scope=involve_service&unit_id={GP}&choice={choice}&lang=nb"
        ))
        .await;
    if response.status() != StatusCode::OK {
        return answer(response).await;
    }
    let text = json(response).await.as_str().expect("text").to_string();
    let endpoint = if choice == "given" {
        "/api/give_consent"
    } else {
        "/api/withdraw_consent"
    };
    let form = [
        ("log_id", log),
        ("scope", "involve_service"),
        ("unit_id", GP),
        ("text_shown", &text),
        ("lang", "nb"),
    ];
    answer(browser.post_form(endpoint, &form).await).await
}

/// The row's answers, in the order of the columns: read, write an entry, add a participant,
/// give consent, withdraw it, close, reopen. The state-changing columns come last.
async fn row(browser: &mut Browser<'_>, log: &str) -> [Answer; 7] {
    let read = answer(browser.get(&format!("/api/log?log_id={log}")).await).await;
    let write = answer(
        browser
            .post_form(
                "/api/add_entry",
                &[("log_id", log), ("body", "Et nytt notat")],
            )
            .await,
    )
    .await;
    let add = answer(
        browser
            .post_form(
                "/api/add_participant",
                &[("log_id", log), ("to", HEALTH_STATION)],
            )
            .await,
    )
    .await;
    let give = decide(browser, log, "given").await;
    let withdraw = decide(browser, log, "withdrawn").await;
    let close = answer(
        browser
            .post_form("/api/close_log", &[("log_id", log), ("lang", "nb")])
            .await,
    )
    .await;
    let reopen = answer(
        browser
            .post_form("/api/reopen_log", &[("log_id", log)])
            .await,
    )
    .await;
    [read, write, add, give, withdraw, close, reopen]
}

/// How the person logged in: the adults and youths through ID-porten, a child under 15
/// with password and code.
enum Who {
    IdPorten(&'static str),
    Child(&'static str),
}

async fn check(pool: PgPool, who: Who, log: &str, expected: [Answer; 7]) {
    let app = TestApp::with_logs(pool).await;
    let mut browser = match who {
        Who::IdPorten(person) => app.as_person(person).await,
        Who::Child(person) => app.as_child(person).await,
    };
    let answers = row(&mut browser, log).await;
    let columns = [
        "read",
        "write",
        "add participant",
        "give",
        "withdraw",
        "close",
        "reopen",
    ];
    for ((column, got), want) in columns.iter().zip(answers).zip(expected) {
        assert_eq!(got, want, "{column}");
    }
}

const NOT_THEIRS: Answer = Denied("not_their_decision");
const HOLDER_ONLY: Answer = Denied("holder_only");

#[sqlx::test(migrations = "../migrations")]
async fn guardian_with_parental_responsibility(pool: PgPool) {
    let expected = [Ok, Ok, HOLDER_ONLY, Ok, Ok, Ok, HOLDER_ONLY];
    check(pool, Who::IdPorten(INGRID), MATS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn guardian_without_parental_responsibility(pool: PgPool) {
    let expected = [
        Hidden,
        Hidden,
        HOLDER_ONLY,
        NOT_THEIRS,
        NOT_THEIRS,
        NOT_THEIRS,
        HOLDER_ONLY,
    ];
    check(pool, Who::IdPorten(GEIR), MATS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn youth_of_14_without_own_access(pool: PgPool) {
    let no_own = Denied("no_own_access");
    let expected = [
        no_own,
        no_own,
        HOLDER_ONLY,
        NOT_THEIRS,
        NOT_THEIRS,
        NOT_THEIRS,
        HOLDER_ONLY,
    ];
    check(pool, Who::Child(MATS), MATS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn youth_of_15(pool: PgPool) {
    let expected = [Ok, Ok, HOLDER_ONLY, Ok, Ok, Ok, HOLDER_ONLY];
    check(pool, Who::IdPorten(JONAS), JONAS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn youth_of_16(pool: PgPool) {
    let expected = [Ok, Ok, HOLDER_ONLY, Ok, Ok, Ok, HOLDER_ONLY];
    check(pool, Who::IdPorten(SARA), SARA_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn holder(pool: PgPool) {
    // Nobody has asked to close, and the log is open, so there is nothing to reopen.
    let expected = [
        Ok,
        Ok,
        Ok,
        NOT_THEIRS,
        NOT_THEIRS,
        Denied("consent_missing"),
        Denied("not_open"),
    ];
    check(pool, Who::IdPorten(NORA_STRAND_TEACHER), MATS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn participant_with_consent_for_their_service(pool: PgPool) {
    let expected = [
        Ok,
        Ok,
        HOLDER_ONLY,
        NOT_THEIRS,
        NOT_THEIRS,
        NOT_THEIRS,
        HOLDER_ONLY,
    ];
    check(pool, Who::IdPorten(IDA_NURSE), MATS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn participant_without_consent_for_their_service(pool: PgPool) {
    let missing = Denied("consent_missing");
    let expected = [
        missing,
        missing,
        HOLDER_ONLY,
        NOT_THEIRS,
        NOT_THEIRS,
        NOT_THEIRS,
        HOLDER_ONLY,
    ];
    check(pool, Who::IdPorten(MAJA_PPT), MATS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn participant_after_withdrawal(pool: PgPool) {
    let withdrawn = Denied("consent_withdrawn");
    let expected = [
        withdrawn,
        withdrawn,
        HOLDER_ONLY,
        NOT_THEIRS,
        NOT_THEIRS,
        NOT_THEIRS,
        HOLDER_ONLY,
    ];
    check(pool, Who::IdPorten(HAKON_PHYSIO), MATS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn unit_leader(pool: PgPool) {
    let figures = Denied("figures_only");
    let expected = [
        figures,
        figures,
        HOLDER_ONLY,
        NOT_THEIRS,
        NOT_THEIRS,
        NOT_THEIRS,
        HOLDER_ONLY,
    ];
    check(pool, Who::IdPorten(EIRIK_SCHOOL_LEADER), MATS_LOG, expected).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_of_another_unit(pool: PgPool) {
    check(
        pool,
        Who::IdPorten(MARIUS_KINDERGARTEN),
        MATS_LOG,
        [Hidden; 7],
    )
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn stranger(pool: PgPool) {
    check(pool, Who::IdPorten(KARI), MATS_LOG, [Hidden; 7]).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn not_logged_in(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let response = app
        .browser()
        .get(&format!("/api/log?log_id={MATS_LOG}"))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_withdrawal_cuts_a_participant_off_on_the_next_request(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nurse = app.as_person(IDA_NURSE).await;
    let mut mother = app.as_person(INGRID).await;

    let read = nurse.get(&format!("/api/log?log_id={MATS_LOG}")).await;
    assert_eq!(read.status(), StatusCode::OK);
    assert!(json(read).await.to_string().contains(MARKER));

    let text = json(
        mother
            .get(&format!(
                "/api/consent_text?log_id={MATS_LOG}&scope=involve_service&unit_id={HEALTH_STATION}&choice=withdrawn&lang=nb"
            ))
            .await,
    )
    .await;
    let text = text.as_str().expect("text");
    assert!(text.contains("Helsestasjon for barn og unge"), "{text}");
    let withdrawn = mother
        .post_form(
            "/api/withdraw_consent",
            &[
                ("log_id", MATS_LOG),
                ("scope", "involve_service"),
                ("unit_id", HEALTH_STATION),
                ("text_shown", text),
                ("lang", "nb"),
            ],
        )
        .await;
    assert_eq!(withdrawn.status(), StatusCode::OK);

    let read = nurse.get(&format!("/api/log?log_id={MATS_LOG}")).await;
    assert_eq!(answer(read).await, Denied("consent_withdrawn"));

    // The mother sees the withdrawal in the history, with the exact text.
    let history = json(
        mother
            .get(&format!("/api/consent_history?log_id={MATS_LOG}"))
            .await,
    )
    .await;
    let last = history.as_array().and_then(|h| h.last()).expect("records");
    assert_eq!(last["choice"], "withdrawn");
    assert_eq!(last["consenter_name"], "Ingrid Berg");
    assert_eq!(last["text_shown"], text);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_closed_log_shows_no_content_until_reopened_with_new_consent(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut holder = app.as_person(NORA_STRAND_TEACHER).await;
    let mut mother = app.as_person(INGRID).await;

    let closed = mother
        .post_form("/api/close_log", &[("log_id", MATS_LOG), ("lang", "nb")])
        .await;
    assert_eq!(closed.status(), StatusCode::OK);
    for browser in [&mut holder, &mut mother] {
        let read = browser.get(&format!("/api/log?log_id={MATS_LOG}")).await;
        assert_eq!(answer(read).await, Denied("closed"));
    }
    // The holder cannot reopen on the old consents.
    let reopen = holder
        .post_form("/api/reopen_log", &[("log_id", MATS_LOG)])
        .await;
    assert_eq!(answer(reopen).await, Denied("consent_missing"));

    let text = json(
        mother
            .get(&format!(
                "/api/consent_text?log_id={MATS_LOG}&scope=reopen&choice=given&lang=nb"
            ))
            .await,
    )
    .await;
    let given = mother
        .post_form(
            "/api/give_consent",
            &[
                ("log_id", MATS_LOG),
                ("scope", "reopen"),
                ("text_shown", text.as_str().expect("text")),
                ("lang", "nb"),
            ],
        )
        .await;
    assert_eq!(given.status(), StatusCode::OK);
    let reopen = holder
        .post_form("/api/reopen_log", &[("log_id", MATS_LOG)])
        .await;
    assert_eq!(reopen.status(), StatusCode::OK);
    let read = holder.get(&format!("/api/log?log_id={MATS_LOG}")).await;
    assert_eq!(read.status(), StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
async fn consent_to_a_changed_text_is_refused_and_changes_nothing(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut mother = app.as_person(INGRID).await;
    let count = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from consent")
            .fetch_one(app.pool())
            .await
            .expect("count")
    };
    let before = count().await;
    let response = mother
        .post_form(
            "/api/give_consent",
            &[
                ("log_id", MATS_LOG),
                ("scope", "involve_service"),
                ("unit_id", GP),
                ("text_shown", "Noe annet enn teksten"),
                ("lang", "nb"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(count().await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_page_rendered_for_someone_without_access_holds_none_of_the_content(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let page = format!("/logs/{MATS_LOG}");

    // Seen by one who may: the marker is there (so the search below can find it).
    let mut nurse = app.as_person(IDA_NURSE).await;
    let (status, _, html) = nurse.page(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(MARKER));
    assert!(html.contains("Stafettlogg for Mats Berg"), "{html}");

    for (person, expected, says) in [
        (
            HAKON_PHYSIO,
            StatusCode::FORBIDDEN,
            "Samtykket som ga tilgang, er trukket tilbake",
        ),
        (MAJA_PPT, StatusCode::FORBIDDEN, "Det mangler et samtykke"),
        (
            EIRIK_SCHOOL_LEADER,
            StatusCode::FORBIDDEN,
            "ikke innholdet i loggene",
        ),
        (
            MARIUS_KINDERGARTEN,
            StatusCode::NOT_FOUND,
            "Fant ikke siden",
        ),
        (GEIR, StatusCode::NOT_FOUND, "Fant ikke siden"),
    ] {
        let mut browser = app.as_person(person).await;
        for path in [page.clone(), format!("{page}/consents")] {
            let (status, _, html) = browser.page(&path).await;
            // The whole document: markup, hydration data and any serialized error.
            assert!(!html.contains(MARKER), "{person} {path}");
            assert!(!html.contains("Mats"), "{person} {path}: {html}");
            if path == page {
                assert_eq!(status, expected, "{person}");
                assert!(html.contains(says), "{person}: {html}");
            }
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_holder_documents_an_oral_withdrawal_which_takes_effect_at_once(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut holder = app.as_person(NORA_STRAND_TEACHER).await;
    let mut nurse = app.as_person(IDA_NURSE).await;

    let standing = json(
        holder
            .get(&format!("/api/standing_consents?log_id={MATS_LOG}"))
            .await,
    )
    .await;
    assert!(
        standing.as_array().is_some_and(|s| s
            .iter()
            .any(|c| c["unit_name"] == "Helsestasjon for barn og unge"
                && c["consenter_name"] == "Ingrid Berg")),
        "{standing}"
    );
    let document = |consenter: &'static str| {
        [
            ("log_id", MATS_LOG),
            ("consenter_id", consenter),
            ("scope", "involve_service"),
            ("unit_id", HEALTH_STATION),
            (
                "explained_consequences",
                "Helsestasjonen ser ikke loggen lenger.",
            ),
            ("lang", "nb"),
        ]
    };
    // Only someone whose consent it is can withdraw it.
    let refused = holder
        .post_form("/api/document_withdrawal", &document(GEIR))
        .await;
    assert_eq!(answer(refused).await, NOT_THEIRS);
    let documented = holder
        .post_form("/api/document_withdrawal", &document(INGRID))
        .await;
    assert_eq!(documented.status(), StatusCode::OK);

    let read = nurse.get(&format!("/api/log?log_id={MATS_LOG}")).await;
    assert_eq!(answer(read).await, Denied("consent_withdrawn"));
    let history = json(
        holder
            .get(&format!("/api/consent_history?log_id={MATS_LOG}"))
            .await,
    )
    .await;
    let last = history.as_array().and_then(|h| h.last()).expect("records");
    assert_eq!(last["method"], "oral");
    assert_eq!(last["documented_by_name"], "Nora Strand");
    assert_eq!(last["consenter_name"], "Ingrid Berg");
    assert_eq!(
        last["explained_consequences"],
        "Helsestasjonen ser ikke loggen lenger."
    );

    // A participant cannot document withdrawals.
    let by_nurse = nurse
        .post_form("/api/document_withdrawal", &document(INGRID))
        .await;
    assert_eq!(answer(by_nurse).await, HOLDER_ONLY);
}

#[sqlx::test(migrations = "../migrations")]
async fn whether_one_may_read_close_or_reopen_is_told_only_to_those_involved(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let uri = format!("/api/log_actions?log_id={MATS_LOG}");
    // And whether its content is open to them: PPT takes part without the family's consent.
    for (person, expected) in [
        (INGRID, Some((true, true, false))),
        (NORA_STRAND_TEACHER, Some((true, false, false))),
        (KARI, None),
    ] {
        let mut browser = app.as_person(person).await;
        let response = browser.get(&uri).await;
        match expected {
            Some((read, close, reopen)) => {
                let body = json(response).await;
                assert_eq!(body["can_read"], read, "{person}");
                assert_eq!(body["can_close"], close, "{person}");
                assert_eq!(body["can_reopen"], reopen, "{person}");
            }
            None => assert_eq!(response.status(), StatusCode::NOT_FOUND),
        }
    }
    // Emma's log waits for her father's consent: the consents are his to see, the content
    // not yet.
    let mut ole = app.as_person("00000000-0000-4000-8000-000000000302").await;
    let body = json(
        ole.get("/api/log_actions?log_id=00000000-0000-4000-8000-000000000922")
            .await,
    )
    .await;
    assert_eq!(body["can_read"], false, "{body}");
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_of_another_unit_reads_nothing_around_someone_elses_log(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut marius = app.as_person(MARIUS_KINDERGARTEN).await;
    for uri in [
        format!("/api/log_actions?log_id={MATS_LOG}"),
        format!("/api/my_decisions?log_id={MATS_LOG}&lang=nb"),
        format!("/api/standing_consents?log_id={MATS_LOG}"),
        format!("/api/consent_history?log_id={MATS_LOG}"),
        format!(
            "/api/consent_text?log_id={MATS_LOG}&scope=involve_service&unit_id={GP}&choice=given&lang=nb"
        ),
        format!("/api/plan?log_id={MATS_LOG}"),
        format!("/api/meetings?log_id={MATS_LOG}"),
    ] {
        let response = marius.get(&uri).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
    }
    let listed = json(marius.get("/api/my_logs").await).await;
    assert!(!listed.to_string().contains(MATS_LOG), "{listed}");
}
