//! The baton through the real server functions over HTTP against the real database: an offer
//! held until accepted, a decline with a reason, a withdrawal, a leader's appointment; bad
//! input and people who may not, each leaving everything as it was; and the database keeping
//! exactly one holder whatever the server does.

use crate::support::fixture::*;
use crate::support::{denied, invalid, post};
use crate::support::{json, superuser, Browser, TestApp};
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

const HILDE_KINDERGARTEN_LEADER: &str = "00000000-0000-4000-8000-000000000201";
const SIRI_LOWER_SECONDARY_LEADER: &str = "00000000-0000-4000-8000-000000000205";
const LIV_HEALTH_STATION_LEADER: &str = "00000000-0000-4000-8000-000000000207";

fn to(unit: &str, person: &str) -> String {
    format!("{unit}/{person}")
}

async fn offer(browser: &mut Browser<'_>, to: &str, message: &str) -> (StatusCode, Value) {
    post(
        browser,
        "/api/offer_baton",
        &[("log_id", MATS_LOG), ("to", to), ("message", message)],
    )
    .await
}

async fn accept(browser: &mut Browser<'_>, offer_id: &str) -> (StatusCode, Value) {
    post(
        browser,
        "/api/answer_baton_offer",
        &[("offer_id", offer_id), ("accept", "true")],
    )
    .await
}

async fn holders(browser: &mut Browser<'_>) -> (StatusCode, Value) {
    let response = browser
        .get(&format!("/api/holders?log_id={MATS_LOG}"))
        .await;
    let status = response.status();
    (status, json(response).await)
}

async fn offers(browser: &mut Browser<'_>) -> Vec<Value> {
    let response = browser.get("/api/baton_offers").await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await.as_array().expect("a list").clone()
}

/// Who holds Mats's log now, and the rows of the baton: holdings and offers with their states.
async fn baton(pool: &PgPool) -> (String, Vec<(String, Option<String>)>) {
    let holder: String = sqlx::query_scalar(
        "select person_id::text from holder_assignment
         where log_id = $1::uuid and ended_at is null",
    )
    .bind(MATS_LOG)
    .fetch_one(&superuser(pool))
    .await
    .expect("one holder");
    let offers: Vec<(String, Option<String>)> = sqlx::query_as(
        "select state, reason from handover_offer where log_id = $1::uuid
         order by offered_at, handover_offer_id",
    )
    .bind(MATS_LOG)
    .fetch_all(&superuser(pool))
    .await
    .expect("offers");
    (holder, offers)
}

#[sqlx::test(migrations = "../migrations")]
async fn the_holder_holds_until_the_one_offered_it_takes_it(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let mut marius = app.as_person(MARIUS_KINDERGARTEN).await;
    let notices_before: i64 = sqlx::query_scalar("select count(*) from outbox_message")
        .fetch_one(&superuser(app.pool()))
        .await
        .expect("count");

    let (status, body) = offer(
        &mut nora,
        &to(KINDERGARTEN, MARIUS_KINDERGARTEN),
        "Mats begynner i barnehagens førskolegruppe.",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (holder, states) = baton(app.pool()).await;
    assert_eq!(
        holder, NORA_STRAND_TEACHER,
        "Nora holds until Marius says yes"
    );
    assert_eq!(states, vec![("pending".to_string(), None)]);
    let notices: i64 = sqlx::query_scalar("select count(*) from outbox_message")
        .fetch_one(&superuser(app.pool()))
        .await
        .expect("count");
    assert_eq!(notices, notices_before + 1, "Marius is told by e-mail");

    // Marius sees the offer on his page, with whose log and the message; the holder sees it
    // waiting.
    let waiting = offers(&mut marius).await;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0]["child_name"], "Mats Berg");
    assert_eq!(
        waiting[0]["message"],
        "Mats begynner i barnehagens førskolegruppe."
    );
    let (_, seen) = holders(&mut nora).await;
    assert_eq!(seen["offer"]["pending"], true, "{seen}");
    assert_eq!(seen["can_pass"], true);

    let offer_id = waiting[0]["offer_id"].as_str().expect("id").to_string();
    let (status, body) = accept(&mut marius, &offer_id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (holder, states) = baton(app.pool()).await;
    assert_eq!(holder, MARIUS_KINDERGARTEN);
    assert_eq!(states, vec![("accepted".to_string(), None)]);
    assert!(offers(&mut marius).await.is_empty());

    // The log shows the history of holders, newest first; Nora no longer passes it on.
    let (status, seen) = holders(&mut marius).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    let history = seen["history"].as_array().expect("history");
    assert_eq!(history.len(), 2, "{seen}");
    assert_eq!(history[0]["name"], "Marius Dahl");
    assert!(history[0]["ended_at"].is_null());
    assert_eq!(history[1]["name"], "Nora Strand");
    assert!(history[1]["ended_at"].is_string());
    // Having handed it over, Nora has nothing more to do with the log.
    let (status, _) = offer(&mut nora, &to(SCHOOL, EIRIK_SCHOOL_LEADER), "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_decline_needs_a_reason_and_the_holder_is_told_it(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let mut marius = app.as_person(MARIUS_KINDERGARTEN).await;
    let (status, _) = offer(&mut nora, &to(KINDERGARTEN, MARIUS_KINDERGARTEN), "").await;
    assert_eq!(status, StatusCode::OK);
    let offer_id = offers(&mut marius).await[0]["offer_id"]
        .as_str()
        .expect("id")
        .to_string();

    for reason in ["", "   "] {
        assert_eq!(
            post(
                &mut marius,
                "/api/answer_baton_offer",
                &[("offer_id", &offer_id), ("reason", reason)],
            )
            .await,
            invalid("decline_reason")
        );
    }
    let too_long = "x".repeat(2001);
    assert_eq!(
        post(
            &mut marius,
            "/api/answer_baton_offer",
            &[("offer_id", &offer_id), ("reason", &too_long)],
        )
        .await,
        invalid("decline_reason")
    );
    assert_eq!(
        baton(app.pool()).await,
        (
            NORA_STRAND_TEACHER.to_string(),
            vec![("pending".to_string(), None)]
        )
    );

    let (status, body) = post(
        &mut marius,
        "/api/answer_baton_offer",
        &[
            ("offer_id", &offer_id),
            ("reason", "Jeg har ikke kapasitet før jul."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (holder, states) = baton(app.pool()).await;
    assert_eq!(holder, NORA_STRAND_TEACHER);
    assert_eq!(
        states,
        vec![(
            "declined".to_string(),
            Some("Jeg har ikke kapasitet før jul.".to_string())
        )]
    );
    let (_, seen) = holders(&mut nora).await;
    assert_eq!(seen["offer"]["pending"], false, "{seen}");
    assert_eq!(seen["offer"]["reason"], "Jeg har ikke kapasitet før jul.");
    // Accepting what was declined changes nothing.
    assert_eq!(
        accept(&mut marius, &offer_id).await,
        invalid("offer_closed")
    );
    assert_eq!(baton(app.pool()).await.0, NORA_STRAND_TEACHER);
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_offers_are_named_and_change_nothing(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    // Another municipality's school and teacher, in the same installation.
    sqlx::raw_sql(
        "insert into municipality (municipality_id, name)
             values ('00000000-0000-4000-8000-00000000a001', 'Nabokommune');
         insert into unit (unit_id, municipality_id, kind, name, phone, email,
                           street_address, postal_code, postal_place)
             values ('00000000-0000-4000-8000-00000000a101',
                     '00000000-0000-4000-8000-00000000a001', 'school', 'Naboskolen',
                     '+47 11 11 11 11', 'post@naboskolen.example.no', 'Skoleveien 1',
                     '9999', 'Naboby');
         insert into person (person_id, given_name, family_name)
             values ('00000000-0000-4000-8000-00000000a201', 'Per', 'Nabo');
         insert into staff (person_id, municipality_id)
             values ('00000000-0000-4000-8000-00000000a201', '00000000-0000-4000-8000-00000000a001');
         insert into staff_unit_membership (person_id, unit_id, role)
             values ('00000000-0000-4000-8000-00000000a201',
                     '00000000-0000-4000-8000-00000000a101', 'member');",
    )
    .execute(&superuser(app.pool()))
    .await
    .expect("another municipality");
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    // The choices she is offered are her own municipality's staff only.
    let choices = json(nora.get("/api/staff_choices").await).await;
    assert!(choices.to_string().contains("Marius Dahl"), "{choices}");
    assert!(!choices.to_string().contains("Nabo"), "{choices}");
    let before = baton(app.pool()).await;
    for (receiver, why) in [
        (to(SCHOOL, NORA_STRAND_TEACHER), "to herself"),
        (
            to(
                "00000000-0000-4000-8000-00000000a101",
                "00000000-0000-4000-8000-00000000a201",
            ),
            "to another municipality",
        ),
        (to(KINDERGARTEN, IDA_NURSE), "to a unit she is not in"),
        (
            to(KINDERGARTEN, "00000000-0000-4000-8000-00000000ffff"),
            "to nobody",
        ),
        (to(KINDERGARTEN, KARI), "to a parent"),
        ("not a choice".to_string(), "garbage"),
    ] {
        assert_eq!(
            offer(&mut nora, &receiver, "").await,
            invalid("baton_receiver"),
            "{why}"
        );
    }
    assert_eq!(
        offer(
            &mut nora,
            &to(KINDERGARTEN, MARIUS_KINDERGARTEN),
            &"x".repeat(2001)
        )
        .await,
        invalid("baton_message")
    );
    assert_eq!(baton(app.pool()).await, before);

    // One offer at a time.
    let (status, _) = offer(&mut nora, &to(KINDERGARTEN, MARIUS_KINDERGARTEN), "").await;
    assert_eq!(status, StatusCode::OK);
    let waiting = baton(app.pool()).await;
    assert_eq!(
        offer(&mut nora, &to(HEALTH_STATION, IDA_NURSE), "").await,
        invalid("offer_waiting")
    );
    assert_eq!(baton(app.pool()).await, waiting);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_the_holder_offers_and_withdraws_and_only_the_one_offered_answers(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let before = baton(app.pool()).await;
    let marius_post = to(KINDERGARTEN, MARIUS_KINDERGARTEN);
    // A participant and a parent are told only the holder may; a stranger that there is
    // no such log.
    for (person, expected) in [
        (IDA_NURSE, denied("holder_only")),
        (INGRID, denied("holder_only")),
    ] {
        let mut browser = app.as_person(person).await;
        assert_eq!(
            offer(&mut browser, &marius_post, "").await,
            expected,
            "{person}"
        );
    }
    let mut marius = app.as_person(MARIUS_KINDERGARTEN).await;
    assert_eq!(
        offer(&mut marius, &marius_post, "").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(baton(app.pool()).await, before);

    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (status, _) = offer(&mut nora, &marius_post, "").await;
    assert_eq!(status, StatusCode::OK);
    let offer_id = offers(&mut marius).await[0]["offer_id"]
        .as_str()
        .expect("id")
        .to_string();
    let waiting = baton(app.pool()).await;

    // Someone else answering Marius's offer finds nothing; nobody but Nora withdraws it.
    let mut ida = app.as_person(IDA_NURSE).await;
    assert!(offers(&mut ida).await.is_empty());
    assert_eq!(accept(&mut ida, &offer_id).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        post(
            &mut ida,
            "/api/withdraw_baton_offer",
            &[("log_id", MATS_LOG)]
        )
        .await,
        denied("holder_only")
    );
    assert_eq!(baton(app.pool()).await, waiting);

    // Withdrawn, it can no longer be taken.
    let (status, _) = post(
        &mut nora,
        "/api/withdraw_baton_offer",
        &[("log_id", MATS_LOG)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        accept(&mut marius, &offer_id).await,
        invalid("offer_closed")
    );
    let (holder, states) = baton(app.pool()).await;
    assert_eq!(holder, NORA_STRAND_TEACHER);
    assert_eq!(states, vec![("withdrawn".to_string(), None)]);
    assert_eq!(
        post(
            &mut nora,
            "/api/withdraw_baton_offer",
            &[("log_id", MATS_LOG)]
        )
        .await,
        invalid("offer_closed")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_leader_of_the_holders_unit_or_the_unit_offered_it_appoints(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let marius_post = to(KINDERGARTEN, MARIUS_KINDERGARTEN);
    let form = [("log_id", MATS_LOG), ("to", marius_post.as_str())];
    let before = baton(app.pool()).await;
    // Leaders of other units, staff who lead nothing and the family find no such log.
    for person in [
        HILDE_KINDERGARTEN_LEADER,
        SIRI_LOWER_SECONDARY_LEADER,
        IDA_NURSE,
        NORA_STRAND_TEACHER,
        INGRID,
    ] {
        let mut browser = app.as_person(person).await;
        assert_eq!(
            post(&mut browser, "/api/appoint_holder", &form).await.0,
            StatusCode::NOT_FOUND,
            "{person}"
        );
    }
    assert_eq!(baton(app.pool()).await, before);

    // Once Nora offers it to the health station, its leader may appoint too; the school's
    // head teacher appoints Marius, and the offer waiting is void.
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (status, _) = offer(&mut nora, &to(HEALTH_STATION, IDA_NURSE), "").await;
    assert_eq!(status, StatusCode::OK);
    let mut liv = app.as_person(LIV_HEALTH_STATION_LEADER).await;
    let (status, seen) = holders(&mut liv).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["can_appoint"], true);
    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    let (status, seen) = holders(&mut eirik).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["can_appoint"], true);
    assert_eq!(seen["offer"]["pending"], true);
    assert_eq!(
        post(
            &mut eirik,
            "/api/appoint_holder",
            &[
                ("log_id", MATS_LOG),
                ("to", &to(SCHOOL, NORA_STRAND_TEACHER))
            ],
        )
        .await,
        invalid("baton_receiver"),
        "she holds it already"
    );
    let (status, body) = post(&mut eirik, "/api/appoint_holder", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (holder, states) = baton(app.pool()).await;
    assert_eq!(holder, MARIUS_KINDERGARTEN);
    assert_eq!(states, vec![("withdrawn".to_string(), None)]);
    let appointed: (String, Option<String>) = sqlx::query_as(
        "select began, appointed_by::text from holder_assignment
         where log_id = $1::uuid and ended_at is null",
    )
    .bind(MATS_LOG)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("holding");
    assert_eq!(
        appointed,
        (
            "appointed".to_string(),
            Some(EIRIK_SCHOOL_LEADER.to_string())
        )
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn who_held_the_log_is_told_to_those_who_see_it_and_the_leaders(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    // The family and a participant with consent see the history, not the offers.
    for person in [INGRID, IDA_NURSE] {
        let mut browser = app.as_person(person).await;
        let (status, seen) = holders(&mut browser).await;
        assert_eq!(status, StatusCode::OK, "{person}: {seen}");
        assert_eq!(seen["history"][0]["name"], "Nora Strand");
        assert_eq!(seen["can_pass"], false);
        assert_eq!(seen["can_appoint"], false);
    }
    // Staff with nothing to do with it, and another unit's leader, get nothing.
    for person in [MARIUS_KINDERGARTEN, HILDE_KINDERGARTEN_LEADER] {
        let mut browser = app.as_person(person).await;
        assert_eq!(
            holders(&mut browser).await.0,
            StatusCode::NOT_FOUND,
            "{person}"
        );
    }
}

/// Whatever the server does, the database keeps one holder per log: ending the only holding
/// without another fails at commit, and a second current holding at once.
#[sqlx::test(migrations = "../migrations")]
async fn the_database_keeps_exactly_one_holder(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let owner = superuser(app.pool());
    let dropped = sqlx::query(
        "update holder_assignment set ended_at = now()
         where log_id = $1::uuid and ended_at is null",
    )
    .bind(MATS_LOG)
    .execute(&owner)
    .await;
    let error = dropped.expect_err("no log without a holder");
    assert!(
        error.to_string().contains("would have no holder"),
        "{error}"
    );
    let twice = sqlx::query(
        "insert into holder_assignment (log_id, person_id, unit_id)
         values ($1::uuid, $2::uuid, $3::uuid)",
    )
    .bind(MATS_LOG)
    .bind(MARIUS_KINDERGARTEN)
    .bind(KINDERGARTEN)
    .execute(&owner)
    .await;
    assert!(twice.is_err(), "no log with two holders");
    assert_eq!(baton(app.pool()).await.0, NORA_STRAND_TEACHER);
}
