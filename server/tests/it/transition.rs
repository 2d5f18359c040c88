//! Transitions through the real server functions over HTTP against the real database: the
//! holder starts one, the family consents (choosing whether the sending unit stays), the
//! receiving leader names a holder, the baton passes when they accept, and the sending
//! unit leaves on the agreed day. Bad input and people who may not change nothing; a
//! withdrawn consent stops it; a move takes the log to the other municipality.

use crate::support::fixture::*;
use crate::support::{denied, invalid, json, post, superuser, Browser, TestApp};
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

const SIRI_LOWER_SECONDARY_LEADER: &str = "00000000-0000-4000-8000-000000000205";
const NEIGHBOUR: &str = "00000000-0000-4000-8000-00000000b001";
const NEIGHBOUR_SCHOOL: &str = "00000000-0000-4000-8000-00000000b101";
const NEIGHBOUR_LEADER: &str = "00000000-0000-4000-8000-00000000b201";
const NEIGHBOUR_TEACHER: &str = "00000000-0000-4000-8000-00000000b202";

/// A day `days` from today, as a date input sends it.
fn day(days: i64) -> String {
    (OffsetDateTime::now_utc() + Duration::days(days))
        .date()
        .to_string()
}

/// A day `days` from today as the API writes a date.
fn leaves_on_shown(days: i64) -> Value {
    let day = (OffsetDateTime::now_utc() + Duration::days(days)).date();
    serde_json::to_value(day).expect("a date")
}

async fn start(nora: &mut Browser<'_>, kind: &str, unit: &str, on: &str) -> (StatusCode, Value) {
    post(
        nora,
        "/api/start_transition",
        &[
            ("log_id", MATS_LOG),
            ("kind", kind),
            ("to_unit", unit),
            ("transfer_on", on),
            ("message", "Mats trenger en rolig start."),
        ],
    )
    .await
}

async fn transitions(pool: &PgPool) -> Vec<(String, Option<bool>, bool, bool)> {
    sqlx::query_as(
        "select to_unit_id::text, consented_at is not null and keep_sending,
                completed_at is not null, cancelled_at is not null
         from transition where log_id = $1::uuid order by started_at",
    )
    .bind(MATS_LOG)
    .fetch_all(&superuser(pool))
    .await
    .expect("transitions")
}

async fn incoming(browser: &mut Browser<'_>) -> Vec<Value> {
    let response = browser.get("/api/incoming_transitions").await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await.as_array().expect("a list").clone()
}

/// Ingrid's decision on the transition: its texts to choose from.
async fn transition_texts(ingrid: &mut Browser<'_>) -> Vec<String> {
    let response = ingrid
        .get(&format!("/api/my_decisions?log_id={MATS_LOG}&lang=nb"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let decisions = json(response).await;
    let decision = decisions
        .as_array()
        .expect("decisions")
        .iter()
        .find(|d| d["action"]["scope"] == "transition")
        .expect("the transition is Ingrid's to decide")
        .clone();
    decision["alternatives"]
        .as_array()
        .expect("alternatives")
        .iter()
        .map(|text| text.as_str().expect("text").to_string())
        .collect()
}

async fn decide(
    ingrid: &mut Browser<'_>,
    endpoint: &str,
    unit: &str,
    text: &str,
) -> (StatusCode, Value) {
    post(
        ingrid,
        endpoint,
        &[
            ("log_id", MATS_LOG),
            ("scope", "transition"),
            ("unit_id", unit),
            ("text_shown", text),
            ("lang", "nb"),
        ],
    )
    .await
}

async fn name(
    leader: &mut Browser<'_>,
    transition: &str,
    unit: &str,
    person: &str,
) -> (StatusCode, Value) {
    post(
        leader,
        "/api/name_transition_holder",
        &[
            ("transition_id", transition),
            ("to", &format!("{unit}/{person}")),
        ],
    )
    .await
}

async fn accept_offer(browser: &mut Browser<'_>) -> (StatusCode, Value) {
    let response = browser.get("/api/baton_offers").await;
    let offers = json(response).await;
    let offer_id = offers[0]["offer_id"]
        .as_str()
        .expect("an offer")
        .to_string();
    post(
        browser,
        "/api/answer_baton_offer",
        &[("offer_id", &offer_id), ("accept", "true")],
    )
    .await
}

/// Nora starts Mats's move to the lower secondary school in `days`, Ingrid consents with the
/// school leaving on the day, and Siri offers Anders the baton.
async fn offered_to_anders(app: &TestApp, days: i64) {
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let started = start(&mut nora, "school_secondary", LOWER_SECONDARY, &day(days)).await;
    assert_eq!(started.0, StatusCode::OK);
    let mut ingrid = app.as_person(INGRID).await;
    let texts = transition_texts(&mut ingrid).await;
    let given = decide(&mut ingrid, "/api/give_consent", LOWER_SECONDARY, &texts[0]).await;
    assert_eq!(given.0, StatusCode::OK);
    let mut siri = app.as_person(SIRI_LOWER_SECONDARY_LEADER).await;
    let id = incoming(&mut siri).await[0]["transition_id"]
        .as_str()
        .expect("id")
        .to_string();
    let named = name(&mut siri, &id, LOWER_SECONDARY, ANDERS_TEACHER).await;
    assert_eq!(named.0, StatusCode::OK);
}

async fn reads(browser: &mut Browser<'_>) -> StatusCode {
    browser
        .get(&format!("/api/log?log_id={MATS_LOG}"))
        .await
        .status()
}

async fn holder(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "select person_id::text from holder_assignment where log_id = $1::uuid and ended_at is null",
    )
    .bind(MATS_LOG)
    .fetch_one(&superuser(pool))
    .await
    .expect("holder")
}

/// From school to lower secondary: wrong starts are refused and change nothing; Ingrid
/// consents and keeps the school; Siri names Anders, who takes over and reads the log; Nora
/// stays in it for the school.
#[sqlx::test(migrations = "../migrations")]
async fn school_to_lower_secondary(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let soon = day(30);
    for (kind, unit, on, field) in [
        (
            "school_secondary",
            SCHOOL,
            soon.as_str(),
            "transition_same_unit",
        ),
        (
            "school_secondary",
            PPT,
            soon.as_str(),
            "transition_not_school",
        ),
        (
            "moving",
            LOWER_SECONDARY,
            soon.as_str(),
            "transition_municipality",
        ),
        (
            "school_secondary",
            LOWER_SECONDARY,
            &day(-2),
            "transition_date",
        ),
        (
            "school_secondary",
            LOWER_SECONDARY,
            &day(700),
            "transition_date",
        ),
        (
            "school_secondary",
            LOWER_SECONDARY,
            "31.08.2027",
            "transition_date",
        ),
        (
            "school_secondary",
            MUNICIPALITY,
            soon.as_str(),
            "transition_unit",
        ),
        ("summer", LOWER_SECONDARY, soon.as_str(), "transition_kind"),
    ] {
        assert_eq!(
            start(&mut nora, kind, unit, on).await,
            invalid(field),
            "{field}"
        );
    }
    for (person, reason) in [(IDA_NURSE, "holder_only"), (INGRID, "holder_only")] {
        let mut browser = app.as_person(person).await;
        let answer = start(&mut browser, "school_secondary", LOWER_SECONDARY, &soon).await;
        assert_eq!(answer, denied(reason), "{person}");
    }
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    let answer = start(&mut anders, "school_secondary", LOWER_SECONDARY, &soon).await;
    assert_eq!(answer.0, StatusCode::NOT_FOUND);
    assert_eq!(transitions(app.pool()).await, Vec::new(), "nothing started");

    let started = start(&mut nora, "school_secondary", LOWER_SECONDARY, &soon).await;
    assert_eq!(started.0, StatusCode::OK);
    let again = start(&mut nora, "school_secondary", LOWER_SECONDARY, &soon).await;
    assert_eq!(again, invalid("transition_running"));
    // Mats's transition is nothing to a participant or to staff of another unit who name his log.
    for person in [IDA_NURSE, ANDERS_TEACHER] {
        let mut browser = app.as_person(person).await;
        let response = browser
            .get(&format!("/api/log_transition?log_id={MATS_LOG}"))
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{person}");
    }

    // The receiving leader sees it waiting for consent and cannot name anyone yet.
    let mut siri = app.as_person(SIRI_LOWER_SECONDARY_LEADER).await;
    let waiting = incoming(&mut siri).await;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["stage"], "waiting_for_consent");
    assert_eq!(waiting[0]["child_name"], "Mats Berg");
    let id = waiting[0]["transition_id"]
        .as_str()
        .expect("id")
        .to_string();
    let early = name(&mut siri, &id, LOWER_SECONDARY, ANDERS_TEACHER).await;
    assert_eq!(early, invalid("transition_not_consented"));
    // A leader of another unit finds nothing.
    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    assert_eq!(incoming(&mut eirik).await, Vec::<Value>::new());
    let stranger = name(&mut eirik, &id, LOWER_SECONDARY, ANDERS_TEACHER).await;
    assert_eq!(stranger.0, StatusCode::NOT_FOUND);

    // Ingrid chooses between the school leaving on the date and staying; a text she was not
    // shown is refused.
    let mut ingrid = app.as_person(INGRID).await;
    let texts = transition_texts(&mut ingrid).await;
    assert_eq!(texts.len(), 2);
    assert!(texts[0].contains("slutter å delta"), "{}", texts[0]);
    assert!(texts[1].contains("fortsetter å delta"), "{}", texts[1]);
    let forged = decide(
        &mut ingrid,
        "/api/give_consent",
        LOWER_SECONDARY,
        "Jeg samtykker.",
    )
    .await;
    assert_eq!(forged.0, StatusCode::BAD_REQUEST);
    let given = decide(&mut ingrid, "/api/give_consent", LOWER_SECONDARY, &texts[1]).await;
    assert_eq!(given.0, StatusCode::OK);
    assert_eq!(
        transitions(app.pool()).await,
        vec![(LOWER_SECONDARY.to_string(), Some(true), false, false)]
    );

    // Siri names someone of her unit only.
    let wrong = name(&mut siri, &id, SCHOOL, NORA_STRAND_TEACHER).await;
    assert_eq!(wrong, invalid("baton_receiver"));
    let named = name(&mut siri, &id, LOWER_SECONDARY, ANDERS_TEACHER).await;
    assert_eq!(named.0, StatusCode::OK);
    assert_eq!(incoming(&mut siri).await[0]["stage"], "offered");
    assert_eq!(reads(&mut anders).await, StatusCode::NOT_FOUND);
    assert_eq!(accept_offer(&mut anders).await.0, StatusCode::OK);

    assert_eq!(holder(app.pool()).await, ANDERS_TEACHER);
    assert_eq!(
        transitions(app.pool()).await,
        vec![(LOWER_SECONDARY.to_string(), Some(true), true, false)]
    );
    assert_eq!(reads(&mut anders).await, StatusCode::OK);
    // Kept by the family's choice, Nora stays for the school.
    assert_eq!(reads(&mut nora).await, StatusCode::OK);
    assert_eq!(incoming(&mut siri).await, Vec::<Value>::new());
}

/// Without the family keeping it, the sending unit leaves on the agreed day: Nora reads
/// until then, and not after `end_agreed_participation()` has run on that day.
#[sqlx::test(migrations = "../migrations")]
async fn the_sending_unit_leaves_on_the_day(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    offered_to_anders(&app, 10).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    assert_eq!(accept_offer(&mut anders).await.0, StatusCode::OK);

    // The log shows the day Nora leaves.
    let parts = json(
        anders
            .get(&format!("/api/log_participants?log_id={MATS_LOG}"))
            .await,
    )
    .await;
    let nora_part = parts["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .find(|part| part["name"] == "Nora Strand")
        .expect("Nora takes part for the school until the day")
        .clone();
    assert_eq!(nora_part["leaves_on"], leaves_on_shown(10));

    let sweep = "select end_agreed_participation()";
    let db = superuser(app.pool());
    sqlx::query(sweep).execute(&db).await.expect("sweep");
    assert_eq!(reads(&mut nora).await, StatusCode::OK, "until the day");
    sqlx::query(
        "update participant set leaves_on = (now() at time zone 'Europe/Oslo')::date
         where log_id = $1::uuid and leaves_on is not null",
    )
    .bind(MATS_LOG)
    .execute(&db)
    .await
    .expect("the day comes");
    sqlx::query(sweep).execute(&db).await.expect("sweep");
    assert_eq!(
        reads(&mut nora).await,
        StatusCode::NOT_FOUND,
        "from the day"
    );
    assert_eq!(reads(&mut anders).await, StatusCode::OK);
}

/// A withdrawal after the leader named someone stops the transition: the offer leaves the
/// named one's list and cannot be accepted; the holder may call it off, nobody else.
#[sqlx::test(migrations = "../migrations")]
async fn a_withdrawal_stops_it_and_the_holder_calls_it_off(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    offered_to_anders(&app, 3).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let mut ingrid = app.as_person(INGRID).await;
    let mut siri = app.as_person(SIRI_LOWER_SECONDARY_LEADER).await;
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    let offers = json(anders.get("/api/baton_offers").await).await;
    let offer_id = offers[0]["offer_id"].as_str().expect("offer").to_string();

    let text = json(
        ingrid
            .get(&format!(
                "/api/consent_text?log_id={MATS_LOG}&scope=transition&unit_id={LOWER_SECONDARY}&choice=withdrawn&lang=nb"
            ))
            .await,
    )
    .await;
    let withdrawn = decide(
        &mut ingrid,
        "/api/withdraw_consent",
        LOWER_SECONDARY,
        text.as_str().expect("text"),
    )
    .await;
    assert_eq!(withdrawn.0, StatusCode::OK);
    assert_eq!(incoming(&mut siri).await[0]["stage"], "waiting_for_consent");
    let offers = json(anders.get("/api/baton_offers").await).await;
    assert_eq!(offers, serde_json::json!([]));
    let late = post(
        &mut anders,
        "/api/answer_baton_offer",
        &[("offer_id", &offer_id), ("accept", "true")],
    )
    .await;
    assert_eq!(late, invalid("offer_closed"));
    assert_eq!(holder(app.pool()).await, NORA_STRAND_TEACHER);

    let call_off = [("log_id", MATS_LOG)];
    let mut ida = app.as_person(IDA_NURSE).await;
    let by_ida = post(&mut ida, "/api/cancel_transition", &call_off).await;
    assert_eq!(by_ida, denied("holder_only"));
    let by_anders = post(&mut anders, "/api/cancel_transition", &call_off).await;
    assert_eq!(by_anders.0, StatusCode::NOT_FOUND);
    assert_eq!(
        transitions(app.pool()).await,
        vec![(LOWER_SECONDARY.to_string(), Some(false), false, false)]
    );
    let by_nora = post(&mut nora, "/api/cancel_transition", &call_off).await;
    assert_eq!(by_nora.0, StatusCode::OK);
    assert_eq!(
        transitions(app.pool()).await,
        vec![(LOWER_SECONDARY.to_string(), Some(false), false, true)]
    );
    assert_eq!(incoming(&mut siri).await, Vec::<Value>::new());
    let again = post(&mut nora, "/api/cancel_transition", &call_off).await;
    assert_eq!(again.0, StatusCode::NOT_FOUND);
}

/// Moving to another municipality of the installation: its leader names its teacher, and
/// when she takes over the log belongs to that municipality.
#[sqlx::test(migrations = "../migrations")]
async fn moving_takes_the_log_to_the_other_municipality(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    sqlx::raw_sql(&format!(
        "insert into municipality (municipality_id, name) values ('{NEIGHBOUR}', 'Naboby kommune');
         insert into unit (unit_id, municipality_id, kind, name, phone, email, street_address,
                           postal_code, postal_place)
         values ('{NEIGHBOUR_SCHOOL}', '{NEIGHBOUR}', 'school', 'Naboby skole', '+47 71 99 00 00',
                 'skolen@naboby.no', 'Skolevegen 1', '6441', 'Naboby');
         insert into person (person_id, given_name, family_name, national_id)
         values ('{NEIGHBOUR_LEADER}', 'Nils', 'Nabo', '11129010055'),
                ('{NEIGHBOUR_TEACHER}', 'Nina', 'Nabo', '25017510072');
         insert into staff (person_id, municipality_id)
         values ('{NEIGHBOUR_LEADER}', '{NEIGHBOUR}'), ('{NEIGHBOUR_TEACHER}', '{NEIGHBOUR}');
         insert into staff_unit_membership (person_id, unit_id, role)
         values ('{NEIGHBOUR_LEADER}', '{NEIGHBOUR_SCHOOL}', 'unit_leader'),
                ('{NEIGHBOUR_TEACHER}', '{NEIGHBOUR_SCHOOL}', 'member');"
    ))
    .execute(&superuser(app.pool()))
    .await
    .expect("the neighbour municipality");

    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let inside = start(&mut nora, "school_secondary", NEIGHBOUR_SCHOOL, &day(5)).await;
    assert_eq!(inside, invalid("transition_municipality"));
    let started = start(&mut nora, "moving", NEIGHBOUR_SCHOOL, &day(5)).await;
    assert_eq!(started.0, StatusCode::OK);
    let mut ingrid = app.as_person(INGRID).await;
    let texts = transition_texts(&mut ingrid).await;
    let given = decide(
        &mut ingrid,
        "/api/give_consent",
        NEIGHBOUR_SCHOOL,
        &texts[0],
    )
    .await;
    assert_eq!(given.0, StatusCode::OK);
    let mut nils = app.as_person(NEIGHBOUR_LEADER).await;
    let id = incoming(&mut nils).await[0]["transition_id"]
        .as_str()
        .expect("id")
        .to_string();
    let named = name(&mut nils, &id, NEIGHBOUR_SCHOOL, NEIGHBOUR_TEACHER).await;
    assert_eq!(named.0, StatusCode::OK);
    let mut nina = app.as_person(NEIGHBOUR_TEACHER).await;
    assert_eq!(accept_offer(&mut nina).await.0, StatusCode::OK);
    assert_eq!(reads(&mut nina).await, StatusCode::OK);
    let municipality: String =
        sqlx::query_scalar("select municipality_id::text from log where log_id = $1::uuid")
            .bind(MATS_LOG)
            .fetch_one(&superuser(app.pool()))
            .await
            .expect("municipality");
    assert_eq!(municipality, NEIGHBOUR);
}
