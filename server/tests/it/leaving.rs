//! A member of staff leaving a unit: the administrator ends the membership; someone who
//! holds logs for the unit stays, marked as leaving, until the unit's leader has appointed
//! others (told by notice), and then leaves by themself; anyone else leaves at once, their
//! parts in the unit's logs ending and an offer waiting for them withdrawn. The history
//! stays. Another municipality's administrator, or its ids, change nothing.

use crate::admin::{
    fingerprint, neighbour, BERIT_ADMIN, NEIGHBOUR_ADMIN, NEIGHBOUR_SCHOOL, NEIGHBOUR_TEACHER,
};
use crate::support::fixture::*;
use crate::support::{denied, json, post, superuser, Browser, TestApp};
use axum::http::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;

async fn app(pool: PgPool) -> TestApp {
    let app = TestApp::with_logs(pool).await;
    neighbour(app.pool()).await;
    app
}

async fn end(browser: &mut Browser<'_>, unit: &str, person: &str) -> (StatusCode, Value) {
    post(
        browser,
        "/api/end_membership",
        &[("unit_id", unit), ("person_id", person)],
    )
    .await
}

/// `browser`, the holder of `log`, offers its baton to `person` at `unit`.
async fn offer(browser: &mut Browser<'_>, log: &str, unit: &str, person: &str) {
    let to = format!("{unit}/{person}");
    let form = [("log_id", log), ("to", to.as_str()), ("message", "")];
    let (status, _) = post(browser, "/api/offer_baton", &form).await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
}

async fn scalar<T>(pool: &PgPool, sql: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    sqlx::query_scalar(sql)
        .fetch_one(&superuser(pool))
        .await
        .expect(sql)
}

async fn member(pool: &PgPool, person: &str, unit: &str) -> bool {
    scalar(
        pool,
        &format!(
            "select exists (select 1 from staff_unit_membership
                            where person_id = '{person}' and unit_id = '{unit}')"
        ),
    )
    .await
}

/// What the history of Mats's log holds: holdings, parts and offers, as one text.
async fn history(pool: &PgPool) -> String {
    scalar(
        pool,
        &format!(
            "select concat_ws('#',
                 (select string_agg(concat_ws(',', person_id, unit_id, started_at), '|'
                                    order by started_at) from holder_assignment
                  where log_id = '{MATS_LOG}'),
                 (select string_agg(concat_ws(',', person_id, unit_id, joined_at), '|'
                                    order by participant_id) from participant
                  where log_id = '{MATS_LOG}'),
                 (select string_agg(concat_ws(',', to_person_id, to_unit_id, offered_at), '|'
                                    order by offered_at) from handover_offer
                  where log_id = '{MATS_LOG}'))"
        ),
    )
    .await
}

/// Nora Strand holds Mats's log for the school. Ending her membership leaves her a member,
/// marked as leaving: the school's leader is told (by e-mail, a link to the unit's logs and
/// nothing else), sees the log marked, and the administrator sees her waiting. Asking again
/// tells nobody again. When Eirik appoints himself, her membership ends by itself: she no
/// longer works at the school, her holding stays in the log's history, and it is audited.
#[sqlx::test(migrations = "../migrations")]
async fn a_holder_leaves_once_the_leader_has_appointed_another(pool: PgPool) {
    let app = app(pool).await;
    let before = history(app.pool()).await;
    // Anders offers Jonas's log to Nora at the school: she takes on nothing while leaving.
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    offer(&mut anders, JONAS_LOG, SCHOOL, NORA_STRAND_TEACHER).await;
    let mut berit = app.as_person(BERIT_ADMIN).await;
    assert_eq!(
        end(&mut berit, SCHOOL, NORA_STRAND_TEACHER).await,
        (StatusCode::OK, json!("leaving"))
    );
    assert!(member(app.pool(), NORA_STRAND_TEACHER, SCHOOL).await);
    let state: String = scalar(
        app.pool(),
        &format!("select state from handover_offer where log_id = '{JONAS_LOG}'"),
    )
    .await;
    assert_eq!(state, "withdrawn");
    let notices: Vec<String> = sqlx::query_scalar(
        "select body from outbox_message where recipient = 'eirik.vik@example.no'",
    )
    .fetch_all(&superuser(app.pool()))
    .await
    .expect("notices");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("http://127.0.0.1:3000/unit-logs"),
        "{}",
        notices[0]
    );
    assert!(
        notices[0].contains("slutter"),
        "what it is about: {}",
        notices[0]
    );
    for secret in ["Mats", "Nora", "Strand"] {
        assert!(!notices[0].contains(secret), "{secret}: {}", notices[0]);
    }
    let messages: i64 = scalar(app.pool(), "select count(*) from outbox_message").await;

    let unit = json(
        berit
            .get(&format!("/api/unit_for_admin?unit_id={SCHOOL}"))
            .await,
    )
    .await;
    let nora = unit["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["person_id"] == NORA_STRAND_TEACHER)
        .expect("Nora is still there");
    assert!(nora["leaving_since"].is_string(), "{nora}");

    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    let overview = json(eirik.get("/api/unit_logs").await).await;
    let mats = overview["logs"]
        .as_array()
        .expect("logs")
        .iter()
        .find(|log| log["log_id"] == MATS_LOG)
        .expect("Mats's log");
    assert_eq!(mats["holder_leaving"], true, "{mats}");

    // Asked again: still leaving, nobody told twice.
    assert_eq!(
        end(&mut berit, SCHOOL, NORA_STRAND_TEACHER).await,
        (StatusCode::OK, json!("leaving"))
    );
    assert_eq!(
        scalar::<i64>(app.pool(), "select count(*) from outbox_message").await,
        messages
    );
    // Someone made leader of the school while she waits is told too (here Eirik, no longer
    // leader and then again).
    let eirik_only = [("unit_id", SCHOOL), ("person_id", EIRIK_SCHOOL_LEADER)];
    assert_eq!(
        post(&mut berit, "/api/set_unit_leader", &eirik_only)
            .await
            .0,
        StatusCode::OK
    );
    let eirik_leads = [
        ("unit_id", SCHOOL),
        ("person_id", EIRIK_SCHOOL_LEADER),
        ("unit_leader", "true"),
    ];
    assert_eq!(
        post(&mut berit, "/api/set_unit_leader", &eirik_leads)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        scalar::<i64>(
            app.pool(),
            "select count(*) from outbox_message where recipient = 'eirik.vik@example.no'"
        )
        .await,
        2
    );
    // Nobody leaving may be given the baton: Eirik cannot appoint her to it again.
    let to_nora = format!("{SCHOOL}/{NORA_STRAND_TEACHER}");
    let to_eirik = format!("{SCHOOL}/{EIRIK_SCHOOL_LEADER}");
    let (status, _) = post(
        &mut eirik,
        "/api/appoint_holder",
        &[("log_id", MATS_LOG), ("to", to_nora.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, _) = post(
        &mut eirik,
        "/api/appoint_holder",
        &[("log_id", MATS_LOG), ("to", to_eirik.as_str())],
    )
    .await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
    assert!(!member(app.pool(), NORA_STRAND_TEACHER, SCHOOL).await);
    let ended: (String, bool) = sqlx::query_as(
        "select ended_by::text, leaving_since is not null from staff_unit_membership_ended
         where person_id = $1::uuid and unit_id = $2::uuid",
    )
    .bind(NORA_STRAND_TEACHER)
    .bind(SCHOOL)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("the ended membership");
    assert_eq!(ended, (EIRIK_SCHOOL_LEADER.to_string(), true));
    assert_eq!(
        scalar::<i64>(
            app.pool(),
            "select count(*) from audit_event where action = 'membership.ended_on_handover'"
        )
        .await,
        1
    );
    // The old holding is history: still there, now ended, beside Eirik's.
    let after = history(app.pool()).await;
    assert!(after.starts_with(&before[..before.find('#').expect("parts")]));
    let holders = json(eirik.get(&format!("/api/holders?log_id={MATS_LOG}")).await).await;
    assert_eq!(holders["history"][1]["name"], "Nora Strand", "{holders}");
    assert!(holders["history"][1]["ended_at"].is_string(), "{holders}");
    // She no longer works at the school.
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let logs = nora.get(&format!("/api/log?log_id={MATS_LOG}")).await;
    assert_ne!(logs.status(), StatusCode::OK);
    let unit = json(
        berit
            .get(&format!("/api/unit_for_admin?unit_id={SCHOOL}"))
            .await,
    )
    .await;
    assert!(!unit.to_string().contains(NORA_STRAND_TEACHER), "{unit}");
}

/// Ida takes part in Mats's log for the health station and has been offered its baton; she
/// holds nothing, so ending her membership ends it now: her part ends (the log shows when),
/// the offer is withdrawn, and she no longer reads the log.
#[sqlx::test(migrations = "../migrations")]
async fn someone_holding_nothing_leaves_at_once(pool: PgPool) {
    let app = app(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    offer(&mut nora, MATS_LOG, HEALTH_STATION, IDA_NURSE).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    assert_eq!(
        ida.get(&format!("/api/log?log_id={MATS_LOG}"))
            .await
            .status(),
        StatusCode::OK
    );

    let mut berit = app.as_person(BERIT_ADMIN).await;
    assert_eq!(
        end(&mut berit, HEALTH_STATION, IDA_NURSE).await,
        (StatusCode::OK, json!("ended"))
    );
    assert!(!member(app.pool(), IDA_NURSE, HEALTH_STATION).await);
    let part: (bool, i64) = sqlx::query_as(
        "select left_at is not null, count(*) over () from participant
         where log_id = $1::uuid and person_id = $2::uuid",
    )
    .bind(MATS_LOG)
    .bind(IDA_NURSE)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("her part, kept");
    assert_eq!(part, (true, 1));
    let state: String = sqlx::query_scalar(
        "select state from handover_offer where log_id = $1::uuid and to_person_id = $2::uuid",
    )
    .bind(MATS_LOG)
    .bind(IDA_NURSE)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("the offer, kept");
    assert_eq!(state, "withdrawn");

    let mut ida = app.as_person(IDA_NURSE).await;
    assert_ne!(
        ida.get(&format!("/api/log?log_id={MATS_LOG}"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(json(ida.get("/api/baton_offers").await).await, json!([]));
    // The holder may offer the baton again: nothing waits.
    offer(&mut nora, MATS_LOG, PPT, MAJA_PPT).await;
    // The log's participants page names her with the day she left.
    let participants = json(
        nora.get(&format!("/api/log_participants?log_id={MATS_LOG}"))
            .await,
    )
    .await;
    let part = participants["parts"]
        .as_array()
        .expect("parts")
        .iter()
        .find(|part| part["name"] == "Ida Brekke")
        .unwrap_or_else(|| panic!("{participants}"));
    assert!(part["left_at"].is_string(), "{part}");
}

/// The neighbour municipality's administrator cannot end a membership here, nor Berit one
/// there, nor a unit leader any: 404 or 403, and nothing changes.
#[sqlx::test(migrations = "../migrations")]
async fn nobody_ends_another_municipalitys_memberships(pool: PgPool) {
    let app = app(pool).await;
    let before = (fingerprint(app.pool()).await, history(app.pool()).await);
    let messages: i64 = scalar(app.pool(), "select count(*) from outbox_message").await;
    let mut nils = app.as_person(NEIGHBOUR_ADMIN).await;
    for (unit, person) in [
        (SCHOOL, NORA_STRAND_TEACHER),
        (HEALTH_STATION, IDA_NURSE),
        // Their own teacher, named with this municipality's unit.
        (SCHOOL, NEIGHBOUR_TEACHER),
    ] {
        assert_eq!(
            end(&mut nils, unit, person).await.0,
            StatusCode::NOT_FOUND,
            "{unit} {person}"
        );
    }
    let mut berit = app.as_person(BERIT_ADMIN).await;
    assert_eq!(
        end(&mut berit, NEIGHBOUR_SCHOOL, NEIGHBOUR_TEACHER).await.0,
        StatusCode::NOT_FOUND
    );
    // A member named with a unit she does not work at.
    assert_eq!(
        end(&mut berit, SCHOOL, IDA_NURSE).await.0,
        StatusCode::NOT_FOUND
    );
    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    assert_eq!(
        end(&mut eirik, SCHOOL, NORA_STRAND_TEACHER).await,
        denied("administrator_only")
    );
    assert_eq!(
        (fingerprint(app.pool()).await, history(app.pool()).await),
        before
    );
    assert_eq!(
        scalar::<i64>(app.pool(), "select count(*) from outbox_message").await,
        messages
    );
    assert!(member(app.pool(), NEIGHBOUR_TEACHER, NEIGHBOUR_SCHOOL).await);
}

/// A holder leaving may still hand the baton on themself: when Eirik accepts Nora's offer of
/// her last log, her membership ends, by him.
#[sqlx::test(migrations = "../migrations")]
async fn an_accepted_offer_of_the_last_log_ends_the_membership_too(pool: PgPool) {
    let app = app(pool).await;
    let mut berit = app.as_person(BERIT_ADMIN).await;
    assert_eq!(
        end(&mut berit, SCHOOL, NORA_STRAND_TEACHER).await,
        (StatusCode::OK, json!("leaving"))
    );
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    offer(&mut nora, MATS_LOG, SCHOOL, EIRIK_SCHOOL_LEADER).await;
    assert!(member(app.pool(), NORA_STRAND_TEACHER, SCHOOL).await);
    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    let offers = json(eirik.get("/api/baton_offers").await).await;
    let offer_id = offers[0]["offer_id"]
        .as_str()
        .expect("the offer")
        .to_string();
    let (status, _) = post(
        &mut eirik,
        "/api/answer_baton_offer",
        &[("offer_id", offer_id.as_str()), ("accept", "true")],
    )
    .await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
    assert!(!member(app.pool(), NORA_STRAND_TEACHER, SCHOOL).await);
    let ended_by: String = scalar(
        app.pool(),
        &format!(
            "select ended_by::text from staff_unit_membership_ended
             where person_id = '{NORA_STRAND_TEACHER}' and unit_id = '{SCHOOL}'"
        ),
    )
    .await;
    assert_eq!(ended_by, EIRIK_SCHOOL_LEADER);
}
