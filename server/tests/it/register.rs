//! Children and guardians come from the population register, through the real endpoints,
//! the real database and the local register (dev/folkeregister) over HTTP: a holder looks a
//! child up and asks for a log; refusals; the register down or slow; a staff member who
//! names himself a guardian gains nothing; a change in parental responsibility counts at the
//! next decision; lookups are limited and shown to the unit leader.

use crate::support::fixture::*;
use crate::support::register::{synthetic_nin, Person, Register};
use crate::support::{json, location, query_param, text, Browser, TestApp};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::Value;
use sqlx::PgPool;

const EMMA_LOG: &str = "00000000-0000-4000-8000-000000000922";
const OLE: &str = "00000000-0000-4000-8000-000000000302";

/// Looks `national_id` up as the logged-in member of staff for `unit`; the lookup id, or
/// the error's status and body.
async fn look_up(
    browser: &mut Browser<'_>,
    national_id: &str,
    unit: &str,
) -> Result<String, (StatusCode, Value)> {
    let response = browser
        .post_form(
            "/api/look_up_child",
            &[("national_id", national_id), ("unit_id", unit)],
        )
        .await;
    match response.status() {
        StatusCode::OK => Ok(json(response).await.as_str().expect("an id").to_string()),
        status => Err((status, json(response).await)),
    }
}

async fn request(browser: &mut Browser<'_>, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = browser.post_form("/api/request_log", form).await;
    (response.status(), json(response).await)
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql)
}

/// (guardian's number, parental responsibility, residence) of the child with `child_nin`.
async fn guardianships(pool: &PgPool, child_nin: &str) -> Vec<(String, bool, String)> {
    sqlx::query_as(
        "select g.national_id, gs.has_parental_responsibility, gs.residence
         from guardianship gs
         join person g on g.person_id = gs.guardian_id
         join person c on c.person_id = gs.child_id
         where c.national_id = $1 order by g.national_id",
    )
    .bind(child_nin)
    .fetch_all(pool)
    .await
    .expect("guardianships")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_holder_looks_a_child_up_and_asks_for_a_log_with_the_family_from_the_register(
    pool: PgPool,
) {
    let register = Register::require();
    let app = TestApp::seeded(pool).await;
    let lukas = register.number_of("Lukas Ahmed").await;
    let fatima = register.number_of("Fatima Ahmed").await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;

    // The form is sent on to the request form with the lookup.
    let response = nora
        .post_form(
            "/api/look_up_child",
            &[("national_id", &lukas), ("unit_id", SCHOOL)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let next = location(&response);
    let lookup = query_param(&next, "lookup").expect("the lookup in the URL");
    assert!(!next.contains(&lukas), "no number in the URL: {next}");

    let (status, _, page) = nora.page(&next).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Lukas Ahmed, 10 år"), "{page}");
    assert!(page.contains("Fatima Ahmed"), "{page}");
    assert!(page.contains("har foreldreansvar"), "{page}");
    for number in [&lukas, &fatima] {
        assert!(!page.contains(number.as_str()), "the page shows no numbers");
    }
    assert!(!page.contains("Havnegata"), "the page shows no addresses");

    let service = format!("{HEALTH_STATION}/{IDA_NURSE}");
    let (status, log) = request(
        &mut nora,
        &[
            ("request[lookup_id]", &lookup),
            ("request[first_service]", &service),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{log}");
    assert_eq!(
        guardianships(app.pool(), &lukas).await,
        [(fatima.clone(), true, "lives_together".to_string())]
    );
    let log_id = log.as_str().expect("the log's id");
    let status: String = sqlx::query_scalar("select status from log where log_id = $1::uuid")
        .bind(log_id)
        .fetch_one(app.pool())
        .await
        .expect("the log");
    assert_eq!(status, "requested");

    // The lookup is recorded: who, whose number, which unit, what came of it; the audit
    // trail holds no number.
    let (who, unit, outcome): (String, String, String) = sqlx::query_as(
        "select person_id::text, unit_id::text, outcome from register_lookup where national_id = $1",
    )
    .bind(&lukas)
    .fetch_one(app.pool())
    .await
    .expect("the lookup");
    assert_eq!(
        (who.as_str(), unit.as_str(), outcome.as_str()),
        (NORA_STRAND_TEACHER, SCHOOL, "found")
    );
    let leaked = count(
        app.pool(),
        &format!("select count(*) from audit_event where detail::text like '%{lukas}%'"),
    )
    .await;
    assert_eq!(leaked, 0);

    // Someone else can neither see nor use the lookup.
    let mut ida = app.as_person(IDA_NURSE).await;
    let response = ida
        .get(&format!("/api/child_lookup?lookup_id={lookup}"))
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(response).await["field"], "lookup");
    let (_, _, page) = ida.page(&next).await;
    assert!(!page.contains("Lukas"), "{page}");
    let (status, body) = request(
        &mut ida,
        &[
            ("request[lookup_id]", &lookup),
            ("request[first_service]", &service),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["field"], "lookup", "{body}");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_register_refuses_the_dead_the_emigrated_the_grown_up_and_the_unknown(pool: PgPool) {
    let register = Register::require();
    let app = TestApp::seeded(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let persons_before = count(app.pool(), "select count(*) from person").await;

    let cases = [
        (register.number_of("Olav Nygård").await, "child_deceased"),
        (
            register.number_of("Elias Kristiansen").await,
            "child_emigrated",
        ),
        (register.number_of("Marte Solheim").await, "child_adult"),
        (synthetic_nin(2015, 3, 3, 301), "child_unknown"),
        ("12345678901".to_string(), "child_national_id"),
    ];
    for (number, field) in cases {
        let (status, body) = look_up(&mut nora, &number, SCHOOL).await.expect_err(field);
        assert_eq!(status, StatusCode::BAD_REQUEST, "{field}");
        assert_eq!(body["field"], field, "{body}");
    }
    // Only the holder's own units.
    let (_, body) = look_up(&mut nora, &synthetic_nin(2015, 3, 3, 302), HEALTH_STATION)
        .await
        .expect_err("not her unit");
    assert_eq!(body["field"], "holder_unit");

    assert_eq!(
        count(app.pool(), "select count(*) from person").await,
        persons_before,
        "nobody was stored"
    );
    let recorded: Vec<String> =
        sqlx::query_scalar("select outcome from register_lookup order by looked_up_at")
            .fetch_all(app.pool())
            .await
            .expect("lookups");
    assert_eq!(recorded, ["deceased", "emigrated", "adult", "unknown"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_register_that_is_down_or_slow_is_said_so_and_nothing_is_saved(pool: PgPool) {
    let register = Register::require();
    let lukas = register.number_of("Lukas Ahmed").await;

    // Slow: longer than the app waits (1 s in the tests).
    let slow = synthetic_nin(2017, 4, 4, 303);
    let mut document = Person {
        nin: &slow,
        given: "Sakte",
        family: "Svar",
        born: "2017-04-04",
        status: "bosatt",
        home: "slow",
        relations: vec![],
        responsible: vec![],
        shared_residence: false,
    }
    .document();
    document["_standin"] = serde_json::json!({ "delay_ms": 2500 });
    register.put(&slow, &document).await;

    let app = TestApp::seeded(pool.clone()).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (status, body) = look_up(&mut nora, &slow, SCHOOL).await.expect_err("slow");
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"], "register_unavailable");

    // Down: nothing listens.
    let down =
        TestApp::configured(pool, &[("STAFETT_FOLKEREGISTER_URL", "http://127.0.0.1:9")]).await;
    let mut nora = down.as_person(NORA_STRAND_TEACHER).await;
    let (status, body) = look_up(&mut nora, &lukas, SCHOOL).await.expect_err("down");
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"], "register_unavailable");
    // A plain form (no JavaScript) goes back to the page, which says it in words.
    let response = nora
        .send(
            Request::post("/api/look_up_child")
                .header("sec-fetch-site", "same-origin")
                .header(header::ORIGIN, crate::support::PUBLIC_URL)
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(
                    header::REFERER,
                    format!("{}/logs/new", crate::support::PUBLIC_URL),
                )
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(format!("national_id={lukas}&unit_id={SCHOOL}")),
        )
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let back = location(&response)
        .trim_start_matches(crate::support::PUBLIC_URL)
        .to_string();
    let (_, _, page) = nora.page(&back).await;
    assert!(
        page.contains("Folkeregisteret svarer ikke akkurat nå"),
        "{page}"
    );
    assert_eq!(
        count(
            down.pool(),
            &format!("select count(*) from person where national_id in ('{lukas}', '{slow}')")
        )
        .await,
        0
    );
    let outcomes: Vec<String> = sqlx::query_scalar("select outcome from register_lookup")
        .fetch_all(down.pool())
        .await
        .expect("lookups");
    assert_eq!(outcomes, ["unavailable", "unavailable", "unavailable"]);
}

/// The review's finding: a teacher who knows a child's number named himself guardian with
/// parental responsibility and took over every log of the child. Now nothing in a request
/// names a guardian; a crafted body with the old fields changes nothing.
#[sqlx::test(migrations = "../migrations")]
async fn a_member_of_staff_cannot_make_himself_a_guardian(pool: PgPool) {
    let register = Register::require();
    let app = TestApp::seeded(pool).await;
    let emma = register.number_of("Emma Nilsen").await;
    let before = guardianships(app.pool(), &emma).await;
    assert_eq!(before.len(), 2);
    let own_number = crate::support::login::pid_of(app.pool(), NORA_STRAND_TEACHER).await;

    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let lookup = look_up(&mut nora, &emma, SCHOOL).await.expect("Emma");
    let service = format!("{PPT}/{MAJA_PPT}");
    let crafted = [
        ("request[lookup_id]", lookup.as_str()),
        ("request[first_service]", service.as_str()),
        ("request[child_given_name]", "Emma"),
        ("request[child_family_name]", "Nilsen"),
        ("request[child_national_id]", emma.as_str()),
        ("request[guardian_given_name]", "Nora"),
        ("request[guardian_family_name]", "Strand"),
        ("request[guardian_national_id]", own_number.as_str()),
        ("request[guardian_responsible]", "yes"),
        ("request[residence]", "lives_together"),
        ("request[second_guardian_national_id]", own_number.as_str()),
        ("request[second_guardian_responsible]", "no"),
    ];
    let (status, _) = request(&mut nora, &crafted).await;
    assert_eq!(status, StatusCode::OK, "the request itself is allowed");
    // The old shape, without a lookup, is not a request at all.
    let (status, _) = request(&mut nora, &crafted[2..]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    assert_eq!(
        guardianships(app.pool(), &emma).await,
        before,
        "the register's guardians, unchanged"
    );
    let guardian_of_anyone = count(
        app.pool(),
        &format!("select count(*) from guardianship where guardian_id = '{NORA_STRAND_TEACHER}'"),
    )
    .await;
    assert_eq!(guardian_of_anyone, 0);
    // She gets nothing of Emma's other log, and the parents keep their say there.
    let response = nora.get(&format!("/api/log?log_id={EMMA_LOG}")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let mut ole = app.as_person(OLE).await;
    let response = ole
        .get(&format!("/api/my_decisions?log_id={EMMA_LOG}&lang=nb"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let decisions = json(response).await;
    assert!(
        decisions
            .as_array()
            .expect("decisions")
            .iter()
            .any(|d| d["action"]["scope"] == "establish_log"),
        "{decisions}"
    );

    // The other endpoints that take people: a login for a child not hers, a guardian made
    // a participant. Each is refused and changes nothing.
    let people_before: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("select person_id::text, email, phone from person order by person_id")
            .fetch_all(app.pool())
            .await
            .expect("people");
    let response = nora
        .post_form(
            "/api/create_child_login",
            &[
                ("log_id", EMMA_LOG),
                ("username", "emma.nilsen"),
                ("password", "en lang og god frase"),
                ("channel", "email"),
                ("contact", "nora.strand@example.no"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    let participants_before = count(app.pool(), "select count(*) from participant").await;
    let response = anders
        .post_form(
            "/api/add_participant",
            &[
                ("log_id", "00000000-0000-4000-8000-000000000921"),
                ("to", &format!("{LOWER_SECONDARY}/{KARI}")),
            ],
        )
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_eq!(
        count(app.pool(), "select count(*) from participant").await,
        participants_before
    );
    let people_after: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("select person_id::text, email, phone from person order by person_id")
            .fetch_all(app.pool())
            .await
            .expect("people");
    assert_eq!(people_after, people_before);
}

async fn log_status(pool: &PgPool, log: &str) -> String {
    sqlx::query_scalar("select status from log where log_id = $1::uuid")
        .bind(log)
        .fetch_one(pool)
        .await
        .expect("status")
}

async fn person_id(pool: &PgPool, nin: &str) -> String {
    sqlx::query_scalar("select person_id::text from person where national_id = $1")
        .bind(nin)
        .fetch_one(pool)
        .await
        .expect("a person")
}

/// A family of the test's own in the register: a child of 9 and two parents, both with
/// parental responsibility; `shared` for delt bosted (the parents apart).
async fn family(register: &Register, serial: u32, shared: bool) -> (String, String, String) {
    family_with(
        register,
        serial,
        shared,
        chrono::NaiveDate::from_ymd_opt(2017, 2, 14),
    )
    .await
}

/// The same with the child born on `born`.
async fn family_with(
    register: &Register,
    serial: u32,
    shared: bool,
    born: Option<chrono::NaiveDate>,
) -> (String, String, String) {
    use chrono::Datelike;
    let born = born.expect("a date");
    let child_born = born.format("%Y-%m-%d").to_string();
    let child = synthetic_nin(born.year(), born.month(), born.day(), serial);
    let mother = synthetic_nin(1986, 6, 1, serial);
    let father = synthetic_nin(1984, 9, 9, serial);
    let parents = vec![(mother.as_str(), "mor"), (father.as_str(), "far")];
    let father_home = if shared { "father" } else { "home" };
    for (nin, given, born, home, relations) in [
        (
            &child,
            "Tiril",
            child_born.as_str(),
            "home",
            parents.clone(),
        ),
        (
            &mother,
            "Mona",
            "1986-06-01",
            "home",
            vec![(child.as_str(), "barn")],
        ),
        (
            &father,
            "Frode",
            "1984-09-09",
            father_home,
            vec![(child.as_str(), "barn")],
        ),
    ] {
        let is_child = nin == &child;
        let document = Person {
            nin,
            given,
            family: "Testesen",
            born,
            status: "bosatt",
            home,
            relations,
            responsible: if is_child {
                vec![&mother, &father]
            } else {
                vec![]
            },
            shared_residence: is_child && shared,
        }
        .document();
        register.put(nin, &document).await;
    }
    (child, mother, father)
}

/// Asks for a log for `child` as Nora Strand, with `service` ("unit/person") taking part;
/// its id.
async fn requested_log(nora: &mut Browser<'_>, child: &str, service: &str) -> String {
    let lookup = look_up(nora, child, SCHOOL).await.expect("the child");
    let (status, log) = request(
        nora,
        &[
            ("request[lookup_id]", &lookup),
            ("request[first_service]", service),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{log}");
    log.as_str().expect("id").to_string()
}

#[sqlx::test(migrations = "../migrations")]
async fn with_shared_residence_one_parents_consent_does_not_open_the_log_the_seconds_does(
    pool: PgPool,
) {
    let register = Register::require();
    let app = TestApp::seeded(pool).await;
    let (child, mother, father) = family(&register, 311, true).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let log = requested_log(&mut nora, &child, &format!("{PPT}/{MAJA_PPT}")).await;
    assert!(guardianships(app.pool(), &child)
        .await
        .iter()
        .all(|(_, responsible, residence)| *responsible && residence == "shared_residence"));

    let mut mona = app.as_person(&person_id(app.pool(), &mother).await).await;
    assert_eq!(
        consent_to(&mut mona, &log, "establish_log", None).await,
        StatusCode::OK
    );
    assert_eq!(log_status(app.pool(), &log).await, "requested");

    let mut frode = app.as_person(&person_id(app.pool(), &father).await).await;
    assert_eq!(
        consent_to(&mut frode, &log, "establish_log", None).await,
        StatusCode::OK
    );
    assert_eq!(log_status(app.pool(), &log).await, "open");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_change_in_parental_responsibility_counts_at_the_next_decision_and_the_holder_sees_it(
    pool: PgPool,
) {
    let register = Register::require();
    let app = TestApp::seeded(pool).await;
    let (child, mother, father) = family(&register, 321, false).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let log = requested_log(&mut nora, &child, &format!("{PPT}/{MAJA_PPT}")).await;
    let actions = json(nora.get(&format!("/api/log_actions?log_id={log}")).await).await;
    assert_eq!(actions["family_changed"], Value::Null);

    // The register now gives the mother alone parental responsibility.
    let mut document = Person {
        nin: &child,
        given: "Tiril",
        family: "Testesen",
        born: "2017-02-14",
        status: "bosatt",
        home: "home",
        relations: vec![(mother.as_str(), "mor"), (father.as_str(), "far")],
        responsible: vec![&mother],
        shared_residence: false,
    }
    .document();
    register.put(&child, &document).await;

    let mut frode = app.as_person(&person_id(app.pool(), &father).await).await;
    assert_eq!(
        consent_to(&mut frode, &log, "establish_log", None).await,
        StatusCode::FORBIDDEN,
        "his consent no longer counts"
    );
    assert_eq!(log_status(app.pool(), &log).await, "requested");
    assert_eq!(
        guardianships(app.pool(), &child).await,
        [
            (mother.clone(), true, "lives_together".to_string()),
            (father.clone(), false, "lives_together".to_string())
        ]
    );
    let actions = json(nora.get(&format!("/api/log_actions?log_id={log}")).await).await;
    assert!(actions["family_changed"].is_string(), "{actions}");
    // Someone with nothing to do with the log makes no decision on it, and no lookup in the
    // register is made on their behalf.
    let checked = || async {
        sqlx::query_scalar::<_, String>(
            "select register_checked_at::text from child c join person p using (person_id)
             where p.national_id = $1",
        )
        .bind(&child)
        .fetch_one(app.pool())
        .await
        .expect("checked")
    };
    let before = checked().await;
    let mut ida = app.as_person(IDA_NURSE).await;
    let response = ida
        .post_form(
            "/api/give_consent",
            &[
                ("log_id", log.as_str()),
                ("scope", "establish_log"),
                ("text_shown", "Jeg samtykker"),
                ("lang", "nb"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(checked().await, before);
    let (_, _, page) = nora.page(&format!("/logs/{log}/consents")).await;
    assert!(page.contains("Folkeregisteret viste"), "{page}");

    let mut mona = app.as_person(&person_id(app.pool(), &mother).await).await;
    assert_eq!(
        consent_to(&mut mona, &log, "establish_log", None).await,
        StatusCode::OK
    );
    assert_eq!(log_status(app.pool(), &log).await, "open");

    // The register down: a consent waits for it, a withdrawal does not.
    document["_standin"] = serde_json::json!({ "delay_ms": 2500 });
    register.put(&child, &document).await;
    let response = mona
        .get(&format!(
            "/api/consent_text?log_id={log}&scope=establish_log&choice=withdrawn&lang=nb"
        ))
        .await;
    let shown = json(response).await.as_str().expect("text").to_string();
    let response = mona
        .post_form(
            "/api/withdraw_consent",
            &[
                ("log_id", log.as_str()),
                ("scope", "establish_log"),
                ("text_shown", &shown),
                ("lang", "nb"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        text(response).await
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn lookups_are_limited_per_member_of_staff_and_shown_to_the_unit_leader(pool: PgPool) {
    let register = Register::require();
    let app = TestApp::seeded(pool).await;
    let lukas = register.number_of("Lukas Ahmed").await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    for _ in 0..app::server::register_lookups::LOOKUPS_PER_HOUR {
        look_up(&mut nora, &lukas, SCHOOL)
            .await
            .expect("within the limit");
    }
    let (status, body) = look_up(&mut nora, &lukas, SCHOOL)
        .await
        .expect_err("limited");
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    // Another member of staff is not held back by her.
    let mut marius = app.as_person(MARIUS_KINDERGARTEN).await;
    look_up(&mut marius, &lukas, KINDERGARTEN)
        .await
        .expect("his own limit");

    // The school's leader sees who looked, not the numbers; a teacher sees nothing.
    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    let records = json(eirik.get("/api/register_lookups").await).await;
    let records = records.as_array().expect("records");
    assert_eq!(records.len(), 20, "only the school's");
    assert_eq!(records[0]["staff_name"], "Nora Strand");
    assert_eq!(records[0]["number_hint"], format!("{} *****", &lukas[..6]));
    let (_, _, page) = eirik.page("/lookups").await;
    assert!(
        page.contains("Nora Strand") && !page.contains(&lukas),
        "{page}"
    );
    let response = nora.get("/api/register_lookups").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// The demo's families in the database are the register's: same names, birth dates,
/// guardians, parental responsibility and residence.
#[sqlx::test(migrations = "../migrations")]
async fn the_demo_families_are_the_registers(pool: PgPool) {
    Register::require();
    let app = TestApp::seeded(pool).await;
    let children: Vec<(String, String)> = sqlx::query_as(
        "select p.national_id, c.municipality_id::text from child c join person p using (person_id)",
    )
    .fetch_all(app.pool())
    .await
    .expect("children");
    assert_eq!(children.len(), 5);
    for (nin, municipality) in children {
        let before = guardianships(app.pool(), &nin).await;
        let family = app::server::family::read(app.state.app.register.as_ref(), &nin)
            .await
            .expect("the register answers")
            .expect("the register knows the child");
        let mut tx = app.pool().begin().await.expect("tx");
        let stored =
            app::server::family::store(&mut tx, &family, municipality.parse().expect("uuid"))
                .await
                .expect("stored");
        tx.commit().await.expect("commit");
        assert!(!stored.changed, "{nin}");
        assert_eq!(guardianships(app.pool(), &nin).await, before, "{nin}");
    }
}

/// Gives the logged-in person's consent to `scope` (with `unit`), as the consents page does.
async fn consent_to(
    browser: &mut Browser<'_>,
    log: &str,
    scope: &str,
    unit: Option<&str>,
) -> StatusCode {
    let unit_query = unit.map(|u| format!("&unit_id={u}")).unwrap_or_default();
    let response = browser
        .get(&format!(
            "/api/consent_text?log_id={log}&scope={scope}{unit_query}&choice=given&lang=nb"
        ))
        .await;
    if response.status() != StatusCode::OK {
        return response.status();
    }
    let shown = json(response).await.as_str().expect("text").to_string();
    let mut form = vec![
        ("log_id", log),
        ("scope", scope),
        ("text_shown", shown.as_str()),
        ("lang", "nb"),
    ];
    if let Some(unit) = unit {
        form.push(("unit_id", unit));
    }
    browser.post_form("/api/give_consent", &form).await.status()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_youth_of_15_cannot_let_the_health_station_in_alone(pool: PgPool) {
    let register = Register::require();
    let app = TestApp::seeded(pool).await;
    let born = chrono::Local::now().date_naive() - chrono::Months::new(15 * 12 + 2);
    let (youth, mother, _) = family_with(&register, 331, false, Some(born)).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let log = requested_log(&mut nora, &youth, &format!("{HEALTH_STATION}/{IDA_NURSE}")).await;

    // The youth (15) establishes the log and involves the school and the health station.
    let mut tiril = app.as_person(&person_id(app.pool(), &youth).await).await;
    for (scope, unit) in [
        ("establish_log", None),
        ("involve_service", Some(SCHOOL)),
        ("involve_service", Some(HEALTH_STATION)),
    ] {
        assert_eq!(
            consent_to(&mut tiril, &log, scope, unit).await,
            StatusCode::OK
        );
    }
    assert_eq!(log_status(app.pool(), &log).await, "open");
    // Health information is not hers to share yet.
    assert_eq!(
        consent_to(&mut tiril, &log, "share_health_information", None).await,
        StatusCode::FORBIDDEN
    );
    let mut ida = app.as_person(IDA_NURSE).await;
    let response = ida.get(&format!("/api/log?log_id={log}")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(json(response).await["reason"], "consent_missing");
    // Her own school sees it.
    let response = nora.get(&format!("/api/log?log_id={log}")).await;
    assert_eq!(response.status(), StatusCode::OK);

    // The mother is asked, and told why.
    let mut mona = app.as_person(&person_id(app.pool(), &mother).await).await;
    let (_, _, page) = mona.page(&format!("/logs/{log}/consents")).await;
    assert!(page.contains("Deling av helseopplysninger"), "{page}");
    assert!(
        page.contains("Fra 16 år bestemmer ungdommen selv over helseopplysninger"),
        "{page}"
    );
    assert_eq!(
        consent_to(&mut mona, &log, "share_health_information", None).await,
        StatusCode::OK
    );
    let response = ida.get(&format!("/api/log?log_id={log}")).await;
    assert_eq!(response.status(), StatusCode::OK);
}
