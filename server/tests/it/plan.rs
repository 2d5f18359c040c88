//! The plan of a log (development areas, goals, measures, evaluations) and its meetings
//! (calling, agenda, minutes, decisions, approval, calendar file) through the real server
//! functions over HTTP against the real database: what succeeds, bad input that changes
//! nothing, conflicting edits, and people the gate refuses.

use crate::audit::seal_and_verify;
use crate::support::fixture::*;
use crate::support::{denied, invalid, json, post, superuser, text, Browser, TestApp};
use app::server::audit_chain::Verdict;
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

/// The day `offset` days from today in Oslo, as a date input sends it.
pub(crate) async fn day(pool: &PgPool, offset: i32) -> String {
    sqlx::query_scalar(
        "select to_char((now() at time zone 'Europe/Oslo')::date + $1, 'YYYY-MM-DD')",
    )
    .bind(offset)
    .fetch_one(pool)
    .await
    .expect("a day")
}

/// A meeting at 13:00 on `day` (as a date input sends it), as the pages and e-mails write it.
fn shown_at_13(day: &str) -> String {
    let day = app::domain::plan::parse_date(day).expect("a day");
    format!("{} kl. 13.00", app::i18n::Lang::Nb.dates().date(day))
}

async fn plan(browser: &mut Browser<'_>) -> Value {
    let response = browser.get(&format!("/api/plan?log_id={MATS_LOG}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

/// Nora (the holder of Mats's log) adds an area with a goal; returns their ids.
pub(crate) async fn area_and_goal(browser: &mut Browser<'_>) -> (String, String) {
    let (status, area) = post(
        browser,
        "/api/add_area",
        &[("log_id", MATS_LOG), ("title", "Trivsel på skolen")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{area}");
    let area = area.as_str().expect("area id").to_string();
    let (status, goal) = post(
        browser,
        "/api/add_goal",
        &[
            ("log_id", MATS_LOG),
            ("area_id", &area),
            ("title", "Mats har noen å være sammen med i friminuttene"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{goal}");
    (area, goal.as_str().expect("goal id").to_string())
}

pub(crate) fn measure_form<'a>(
    area: &'a str,
    goal: &'a str,
    responsible: &'a str,
    start: &'a str,
    evaluation: &'a str,
    title: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("log_id", MATS_LOG),
        ("measure[area_id]", area),
        ("measure[goal_id]", goal),
        ("measure[title]", title),
        (
            "measure[description]",
            "Ida har samtaler med Mats annenhver uke.",
        ),
        ("measure[responsible_id]", responsible),
        ("measure[start_date]", start),
        ("measure[evaluation_date]", evaluation),
        ("measure[status]", "active"),
    ]
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_build_the_plan_and_everyone_with_access_reads_it(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let today = day(app.pool(), 0).await;
    let in_a_month = day(app.pool(), 30).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;

    let (area, goal) = area_and_goal(&mut nora).await;
    let form = measure_form(
        &area,
        &goal,
        IDA_NURSE,
        &today,
        &in_a_month,
        "Samtaler med helsesykepleier",
    );
    let (status, measure) = post(&mut nora, "/api/save_measure", &form).await;
    assert_eq!(status, StatusCode::OK, "{measure}");
    let measure = measure.as_str().expect("measure id").to_string();
    let (status, body) = post(
        &mut nora,
        "/api/add_evaluation",
        &[
            ("log_id", MATS_LOG),
            ("evaluation[measure_id]", &measure),
            ("evaluation[what_was_tried]", "To samtaler."),
            ("evaluation[what_worked]", "Mats åpnet seg i den andre."),
            ("evaluation[what_next]", "Fortsette til jul."),
            ("evaluation[evaluated_on]", &today),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The nurse (with consent) and Mats's mother read the same plan.
    for person in [IDA_NURSE, INGRID] {
        let mut reader = app.as_person(person).await;
        let plan = plan(&mut reader).await;
        assert_eq!(plan["areas"][0]["title"], "Trivsel på skolen");
        assert_eq!(
            plan["areas"][0]["goals"][0]["title"],
            "Mats har noen å være sammen med i friminuttene"
        );
        let shown = &plan["measures"][0];
        assert_eq!(shown["title"], "Samtaler med helsesykepleier");
        assert_eq!(shown["responsible_name"], "Ida Brekke");
        assert_eq!(shown["status"], "active");
        assert_eq!(shown["version"], 1);
        assert_eq!(shown["evaluation_date"], in_a_month.as_str());
        assert_eq!(
            shown["evaluations"][0]["what_worked"],
            "Mats åpnet seg i den andre."
        );
        // Only those who see the log may be made responsible: not PPT (no consent) or
        // physiotherapy (withdrawn), nor Mats himself (14, no own login).
        let members: Vec<&str> = plan["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| m["name"].as_str().expect("name"))
            .collect();
        assert_eq!(members, ["Nora Strand", "Ida Brekke", "Ingrid Berg"]);
    }

    // The overview shows the measure at a glance.
    let log = json(nora.get(&format!("/api/log?log_id={MATS_LOG}")).await).await;
    assert_eq!(log["measures"][0]["title"], "Samtaler med helsesykepleier");
    assert_eq!(log["measures"][0]["responsible_name"], "Ida Brekke");

    // Every write is in the log's audit chain, which the sealer seals and which verifies.
    let writes: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where log_id = $1::uuid and action = 'content.write'",
    )
    .bind(MATS_LOG)
    .fetch_one(app.pool())
    .await
    .expect("count");
    assert!(writes >= 4, "{writes}");
    let verdict = seal_and_verify(app.pool(), MATS_LOG).await;
    assert!(
        matches!(verdict, Verdict::Whole { unsealed: 0, .. }),
        "{verdict:?}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_input_is_named_and_changes_nothing(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let today = day(app.pool(), 0).await;
    let yesterday = day(app.pool(), -1).await;
    let tomorrow = day(app.pool(), 1).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (area, goal) = area_and_goal(&mut nora).await;
    let before = plan(&mut nora).await;

    let (_, other_goal) = {
        let (status, other) = post(
            &mut nora,
            "/api/add_area",
            &[("log_id", MATS_LOG), ("title", "Søvn")],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let other = other.as_str().expect("id").to_string();
        let (_, goal) = post(
            &mut nora,
            "/api/add_goal",
            &[
                ("log_id", MATS_LOG),
                ("area_id", &other),
                ("title", "Legger seg før elleve"),
            ],
        )
        .await;
        (other, goal.as_str().expect("id").to_string())
    };
    let before_measures = plan(&mut nora).await["measures"].clone();
    assert_eq!(before_measures, before["measures"]);

    let unknown = "00000000-0000-4000-8000-00000000dead";
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            measure_form(&area, &goal, IDA_NURSE, &today, &tomorrow, "X"),
            "title",
        ),
        (
            measure_form(&area, &goal, IDA_NURSE, "i morgen", &tomorrow, "Samtaler"),
            "start_date",
        ),
        (
            measure_form(&area, &goal, IDA_NURSE, &today, &yesterday, "Samtaler"),
            "evaluation_date",
        ),
        (
            measure_form(&area, &goal, IDA_NURSE, &tomorrow, &today, "Samtaler"),
            "evaluation_date",
        ),
        (
            measure_form(&area, &goal, MAJA_PPT, &today, &tomorrow, "Samtaler"),
            "responsible",
        ),
        (
            measure_form(&area, &goal, HAKON_PHYSIO, &today, &tomorrow, "Samtaler"),
            "responsible",
        ),
        (
            measure_form(&area, &goal, MATS, &today, &tomorrow, "Samtaler"),
            "responsible",
        ),
        (
            measure_form(unknown, "", IDA_NURSE, &today, &tomorrow, "Samtaler"),
            "development_area",
        ),
        (
            measure_form(&area, &other_goal, IDA_NURSE, &today, &tomorrow, "Samtaler"),
            "goal",
        ),
    ];
    for (form, field) in cases {
        assert_eq!(
            post(&mut nora, "/api/save_measure", &form).await,
            invalid(field),
            "{form:?}"
        );
    }
    let mut bad_status = measure_form(&area, &goal, IDA_NURSE, &today, &tomorrow, "Samtaler");
    bad_status.retain(|(name, _)| *name != "measure[status]");
    bad_status.push(("measure[status]", "forgotten"));
    assert_eq!(
        post(&mut nora, "/api/save_measure", &bad_status).await,
        invalid("measure_status")
    );
    assert_eq!(
        post(
            &mut nora,
            "/api/add_goal",
            &[
                ("log_id", MATS_LOG),
                ("area_id", unknown),
                ("title", "Et mål")
            ]
        )
        .await,
        invalid("development_area")
    );
    assert_eq!(
        post(
            &mut nora,
            "/api/add_area",
            &[("log_id", MATS_LOG), ("title", " ")]
        )
        .await,
        invalid("title")
    );
    assert_eq!(plan(&mut nora).await["measures"], before_measures);

    // An evaluation cannot be dated before the measure started, or in the future.
    let form = measure_form(&area, &goal, IDA_NURSE, &today, &tomorrow, "Samtaler");
    let (_, measure) = post(&mut nora, "/api/save_measure", &form).await;
    let measure = measure.as_str().expect("id").to_string();
    for (when, field) in [(&yesterday, "evaluated_on"), (&tomorrow, "evaluated_on")] {
        let evaluation = [
            ("log_id", MATS_LOG),
            ("evaluation[measure_id]", measure.as_str()),
            ("evaluation[what_was_tried]", "Noe"),
            ("evaluation[what_worked]", "Noe"),
            ("evaluation[what_next]", "Noe"),
            ("evaluation[evaluated_on]", when.as_str()),
        ];
        assert_eq!(
            post(&mut nora, "/api/add_evaluation", &evaluation).await,
            invalid(field)
        );
    }
    assert_eq!(
        plan(&mut nora).await["measures"][0]["evaluations"],
        serde_json::json!([])
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn two_editors_of_one_measure_never_overwrite_each_other(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let today = day(app.pool(), 0).await;
    let later = day(app.pool(), 14).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    let (area, goal) = area_and_goal(&mut nora).await;
    let form = measure_form(&area, &goal, IDA_NURSE, &today, &later, "Samtaler");
    let (_, measure) = post(&mut nora, "/api/save_measure", &form).await;
    let measure = measure.as_str().expect("id").to_string();

    // Both opened version 1; Ida saves first, Nora's save is refused.
    let edit = |title: &'static str| {
        let mut form = measure_form(&area, &goal, IDA_NURSE, &today, &later, title);
        form.push(("measure[measure_id]", measure.as_str()));
        form.push(("measure[version]", "1"));
        form
    };
    assert_eq!(
        post(&mut ida, "/api/save_measure", &edit("Samtaler hver uke"))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        post(
            &mut nora,
            "/api/save_measure",
            &edit("Samtaler hver tredje uke")
        )
        .await,
        (
            StatusCode::CONFLICT,
            serde_json::json!({ "error": "conflict" })
        )
    );
    let shown = &plan(&mut nora).await["measures"][0];
    assert_eq!(shown["title"], "Samtaler hver uke");
    assert_eq!(shown["version"], 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_staff_who_see_the_log_write_the_plan(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let area = [("log_id", MATS_LOG), ("title", "Trivsel")];
    for (person, expected) in [
        (INGRID, denied("staff_only")),
        (MAJA_PPT, denied("consent_missing")),
        (HAKON_PHYSIO, denied("consent_withdrawn")),
        (
            GEIR,
            (
                StatusCode::NOT_FOUND,
                serde_json::json!({ "error": "not_found" }),
            ),
        ),
        (
            MARIUS_KINDERGARTEN,
            (
                StatusCode::NOT_FOUND,
                serde_json::json!({ "error": "not_found" }),
            ),
        ),
    ] {
        let mut browser = app.as_person(person).await;
        assert_eq!(
            post(&mut browser, "/api/add_area", &area).await,
            expected,
            "{person}"
        );
    }
    let mut ida = app.as_person(IDA_NURSE).await;
    assert_eq!(
        post(&mut ida, "/api/add_area", &area).await.0,
        StatusCode::OK
    );
    let areas: i64 = sqlx::query_scalar("select count(*) from development_area")
        .fetch_one(&superuser(app.pool()))
        .await
        .expect("count");
    assert_eq!(areas, 1);

    // A closed log takes no writes, from anyone.
    sqlx::query("update log set status = 'closed', closed_at = now() where log_id = $1::uuid")
        .bind(MATS_LOG)
        .execute(app.pool())
        .await
        .expect("close");
    assert_eq!(
        post(&mut ida, "/api/add_area", &area).await,
        denied("closed")
    );
}

/// Nora calls a meeting tomorrow with Ida (minute-taker) and Ingrid; returns its id.
async fn call(nora: &mut Browser<'_>, date: &str) -> String {
    let (status, meeting) = post(
        nora,
        "/api/call_meeting",
        &[
            ("log_id", MATS_LOG),
            ("meeting[date]", date),
            ("meeting[time]", "13:00"),
            ("meeting[duration]", "60"),
            ("meeting[place]", "Møterom 2, Fjordvik skole"),
            ("meeting[invitees][0]", IDA_NURSE),
            ("meeting[invitees][2]", INGRID),
            ("meeting[minute_taker]", IDA_NURSE),
            ("meeting[agenda]", "Hvordan går det i friminuttene?\nSøvn"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{meeting}");
    meeting.as_str().expect("meeting id").to_string()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_meeting_from_call_to_approved_minutes(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let tomorrow = day(app.pool(), 1).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let meeting = call(&mut nora, &tomorrow).await;

    // Ida and Ingrid are told there is a meeting, when, and where to look: nothing else.
    let mails: Vec<(String, String, String)> =
        sqlx::query_as("select recipient, subject, body from outbox_message order by recipient")
            .fetch_all(app.pool())
            .await
            .expect("outbox");
    let recipients: Vec<&str> = mails.iter().map(|(to, _, _)| to.as_str()).collect();
    assert_eq!(
        recipients,
        ["ida.brekke@example.no", "ingrid.berg@example.no"]
    );
    for (_, subject, body) in &mails {
        assert_eq!(subject, "Invitasjon til stafettmøte");
        assert!(body.contains(&shown_at_13(&tomorrow)), "{body}");
        assert!(
            body.contains(&format!("/logs/{MATS_LOG}/meetings/{meeting}")),
            "{body}"
        );
        for secret in ["Mats", "friminutt", "Søvn", "Møterom", MARKER] {
            assert!(!body.contains(secret), "{secret} in {body}");
        }
    }

    let ids = [("log_id", MATS_LOG), ("meeting_id", meeting.as_str())];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut form = ids.to_vec();
        form.extend_from_slice(extra);
        form
    };
    // The family proposes an item; only the minute-taker or the holder writes the minutes.
    let mut ingrid = app.as_person(INGRID).await;
    assert_eq!(
        post(
            &mut ingrid,
            "/api/propose_agenda_item",
            &with(&[("text", "Leksehjelp")])
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        post(
            &mut ingrid,
            "/api/propose_agenda_item",
            &with(&[("text", "x")])
        )
        .await,
        invalid("agenda_item")
    );
    assert_eq!(
        post(
            &mut ingrid,
            "/api/save_minutes",
            &with(&[("minutes", "Mitt referat"), ("version", "1")])
        )
        .await,
        denied("minute_taker_only")
    );
    let mut ida = app.as_person(IDA_NURSE).await;
    assert_eq!(
        post(
            &mut ida,
            "/api/save_minutes",
            &with(&[("minutes", "Alle var til stede."), ("version", "1")])
        )
        .await,
        (StatusCode::OK, serde_json::json!(2))
    );
    // Nora still had version 1 open: her save would overwrite Ida's, so it is refused.
    assert_eq!(
        post(
            &mut nora,
            "/api/save_minutes",
            &with(&[("minutes", "Mitt utkast"), ("version", "1")])
        )
        .await,
        (
            StatusCode::CONFLICT,
            serde_json::json!({ "error": "conflict" })
        )
    );
    assert_eq!(
        post(
            &mut ida,
            "/api/add_decision",
            &with(&[("text", "Mats får leksehjelp to dager i uka.")])
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        post(
            &mut ida,
            "/api/add_decision",
            &with(&[
                ("text", "Noe"),
                ("measure_id", "00000000-0000-4000-8000-00000000dead")
            ])
        )
        .await,
        invalid("measure")
    );
    assert_eq!(
        post(&mut ida, "/api/approve_minutes", &with(&[("version", "2")])).await,
        denied("holder_only")
    );
    assert_eq!(
        post(
            &mut nora,
            "/api/approve_minutes",
            &with(&[("version", "1")])
        )
        .await,
        (
            StatusCode::CONFLICT,
            serde_json::json!({ "error": "conflict" })
        )
    );
    assert_eq!(
        post(
            &mut nora,
            "/api/approve_minutes",
            &with(&[("version", "2")])
        )
        .await
        .0,
        StatusCode::OK
    );

    // Approved minutes are read-only: corrections come as entries.
    assert_eq!(
        post(
            &mut ida,
            "/api/save_minutes",
            &with(&[("minutes", "Rettet"), ("version", "2")])
        )
        .await,
        denied("minutes_approved")
    );
    assert_eq!(
        post(
            &mut ingrid,
            "/api/propose_agenda_item",
            &with(&[("text", "Enda en sak")])
        )
        .await,
        denied("minutes_approved")
    );
    // As the holder, who sees the meeting: row-level security would otherwise hide it.
    let change = sqlx::raw_sql(&format!(
        "select set_config('stafett.person_id', '{NORA_STRAND_TEACHER}', true);
         update meeting set minutes = 'Endret' where meeting_id = '{meeting}'"
    ))
    .execute(app.pool())
    .await;
    assert!(
        change.is_err(),
        "the database refuses to change approved minutes"
    );

    let shown = json(
        ingrid
            .get(&format!(
                "/api/meeting?log_id={MATS_LOG}&meeting_id={meeting}"
            ))
            .await,
    )
    .await;
    assert_eq!(shown["minutes"], "Alle var til stede.");
    assert_eq!(shown["approved"]["by_name"], "Nora Strand");
    assert_eq!(shown["minute_taker"]["name"], "Ida Brekke");
    let agenda: Vec<&str> = shown["agenda"]
        .as_array()
        .expect("agenda")
        .iter()
        .map(|item| item["text"].as_str().expect("text"))
        .collect();
    assert_eq!(
        agenda,
        ["Hvordan går det i friminuttene?", "Søvn", "Leksehjelp"]
    );
    assert_eq!(
        shown["decisions"][0]["text"],
        "Mats får leksehjelp to dager i uka."
    );
    let overview = json(ingrid.get(&format!("/api/log?log_id={MATS_LOG}")).await).await;
    assert_eq!(overview["next_meeting"]["meeting_id"], meeting.as_str());
}

#[sqlx::test(migrations = "../migrations")]
async fn a_meeting_needs_a_time_ahead_a_place_and_invitees_who_see_the_log(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let yesterday = day(app.pool(), -1).await;
    let tomorrow = day(app.pool(), 1).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let invite_ida = ("meeting[invitees][1]".to_string(), IDA_NURSE.to_string());
    let invite_maja = ("meeting[invitees][3]".to_string(), MAJA_PPT.to_string());
    let base = |date: &str| -> Vec<(String, String)> {
        [
            ("log_id", MATS_LOG),
            ("meeting[date]", date),
            ("meeting[time]", "13:00"),
            ("meeting[duration]", "60"),
            ("meeting[place]", "Møterom 2"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let cases: Vec<(Vec<(String, String)>, &str)> = vec![
        (
            [base("x"), vec![invite_ida.clone()]].concat(),
            "meeting_start",
        ),
        (
            [base(&yesterday), vec![invite_ida.clone()]].concat(),
            "meeting_start",
        ),
        (base(&tomorrow), "invitees"),
        (
            [base(&tomorrow), vec![invite_maja.clone()]].concat(),
            "invitees",
        ),
        (
            [
                base(&tomorrow),
                vec![
                    invite_ida.clone(),
                    ("meeting[minute_taker]".into(), INGRID.into()),
                ],
            ]
            .concat(),
            "minute_taker",
        ),
        (
            [
                base(&tomorrow),
                vec![
                    invite_ida.clone(),
                    ("meeting[video_url]".into(), "http://video.example/x".into()),
                ],
            ]
            .concat(),
            "video_url",
        ),
    ];
    for (form, field) in cases {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            post(&mut nora, "/api/call_meeting", &form).await,
            invalid(field),
            "{form:?}"
        );
    }
    let meetings: i64 = sqlx::query_scalar("select count(*) from meeting")
        .fetch_one(&superuser(app.pool()))
        .await
        .expect("count");
    let mails: i64 = sqlx::query_scalar("select count(*) from outbox_message")
        .fetch_one(app.pool())
        .await
        .expect("count");
    assert_eq!((meetings, mails), (0, 0));

    // The family may not call meetings.
    let mut ingrid = app.as_person(INGRID).await;
    let form = [base(&tomorrow), vec![invite_ida.clone()]].concat();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        post(&mut ingrid, "/api/call_meeting", &form).await,
        denied("staff_only")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_calendar_file_goes_through_the_gate_and_names_no_child(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let tomorrow = day(app.pool(), 1).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let meeting = call(&mut nora, &tomorrow).await;
    let uri = format!("/api/meeting_ics?log_id={MATS_LOG}&meeting_id={meeting}");

    let mut ida = app.as_person(IDA_NURSE).await;
    let response = ida.get(&uri).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/calendar; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        format!("attachment; filename=\"stafettmote-{tomorrow}.ics\"").as_str()
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let ics = text(response).await;
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.contains(&format!("UID:{meeting}@stafett")), "{ics}");
    assert!(ics.contains("SUMMARY:Stafettmøte"), "{ics}");
    assert!(!ics.contains("Mats") && !ics.contains("friminutt"), "{ics}");

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
}

#[sqlx::test(migrations = "../migrations")]
async fn a_plain_form_with_an_error_goes_back_to_its_page_which_shows_it(pool: PgPool) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let page = format!("/logs/{MATS_LOG}/plan");
    let response = nora
        .send(
            Request::post("/api/add_area")
                .header("sec-fetch-site", "same-origin")
                .header(header::ORIGIN, crate::support::PUBLIC_URL)
                .header(header::ACCEPT, "text/html,application/xhtml+xml")
                .header(
                    header::REFERER,
                    format!("{}{page}", crate::support::PUBLIC_URL),
                )
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(format!("log_id={MATS_LOG}&title=+")),
        )
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("ascii")
        .trim_start_matches(crate::support::PUBLIC_URL)
        .to_string();
    assert!(location.starts_with(&format!("{page}?")), "{location}");
    let (status, _, html) = nora.page(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Skriv en tittel på 2 til 300 tegn."),
        "{html}"
    );
}

/// Every server function of the plan and the meetings, as someone the gate refuses: a
/// participant whose service has no consent (403 with the reason) and a stranger (404, the
/// log does not exist for them). Nothing is read, nothing changes.
#[sqlx::test(migrations = "../migrations")]
async fn every_plan_and_meeting_function_refuses_those_the_gate_refuses(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let today = day(app.pool(), 0).await;
    let tomorrow = day(app.pool(), 1).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (area, goal) = area_and_goal(&mut nora).await;
    let (_, measure) = post(
        &mut nora,
        "/api/save_measure",
        &measure_form(&area, &goal, IDA_NURSE, &today, &tomorrow, "Samtaler"),
    )
    .await;
    let measure = measure.as_str().expect("measure id").to_string();
    let meeting = call(&mut nora, &tomorrow).await;
    let tables = [
        "development_area",
        "goal",
        "measure",
        "evaluation",
        "meeting",
        "meeting_agenda_item",
        "meeting_decision",
        "entry",
    ];
    let counts = |pool: PgPool| async move {
        let mut counts = Vec::new();
        for table in tables {
            let count: i64 = sqlx::query_scalar(&format!("select count(*) from {table}"))
                .fetch_one(&pool)
                .await
                .expect("count");
            counts.push(count);
        }
        counts
    };
    let before = counts(superuser(app.pool())).await;

    let reads = [
        format!("/api/plan?log_id={MATS_LOG}"),
        format!("/api/plan?log_id={MATS_LOG}&from_decision={meeting}"),
        format!("/api/meetings?log_id={MATS_LOG}"),
        format!("/api/meetings?log_id={MATS_LOG}&after={meeting}"),
        format!("/api/log?log_id={MATS_LOG}&before={meeting}"),
        format!("/api/meeting?log_id={MATS_LOG}&meeting_id={meeting}"),
        format!("/api/meeting_ics?log_id={MATS_LOG}&meeting_id={meeting}"),
    ];
    let ids = [("log_id", MATS_LOG), ("meeting_id", meeting.as_str())];
    let with = |extra: &[(&'static str, &'static str)]| [ids.to_vec(), extra.to_vec()].concat();
    let evaluation = [
        ("log_id", MATS_LOG),
        ("evaluation[measure_id]", measure.as_str()),
        ("evaluation[what_was_tried]", "Noe"),
        ("evaluation[what_worked]", "Noe"),
        ("evaluation[what_next]", "Noe"),
        ("evaluation[evaluated_on]", today.as_str()),
    ];
    let new_meeting = [
        ("log_id", MATS_LOG),
        ("meeting[date]", tomorrow.as_str()),
        ("meeting[time]", "13:00"),
        ("meeting[duration]", "60"),
        ("meeting[place]", "Møterom 2"),
        ("meeting[invitees][0]", IDA_NURSE),
    ];
    type Form<'a> = Vec<(&'a str, &'a str)>;
    let writes: Vec<(&str, Form, &str)> = vec![
        (
            "/api/add_area",
            vec![("log_id", MATS_LOG), ("title", "Trivsel")],
            "consent_missing",
        ),
        (
            "/api/add_goal",
            vec![
                ("log_id", MATS_LOG),
                ("area_id", area.as_str()),
                ("title", "Et mål"),
            ],
            "consent_missing",
        ),
        (
            "/api/save_measure",
            measure_form(&area, &goal, IDA_NURSE, &today, &tomorrow, "Samtaler"),
            "consent_missing",
        ),
        (
            "/api/save_measure",
            [
                measure_form(&area, &goal, IDA_NURSE, &today, &tomorrow, "Fra vedtak"),
                vec![("measure[decision_id]", meeting.as_str())],
            ]
            .concat(),
            "consent_missing",
        ),
        (
            "/api/add_evaluation",
            evaluation.to_vec(),
            "consent_missing",
        ),
        ("/api/call_meeting", new_meeting.to_vec(), "consent_missing"),
        (
            "/api/propose_agenda_item",
            with(&[("text", "En sak")]),
            "consent_missing",
        ),
        (
            "/api/save_minutes",
            with(&[("minutes", "Referat"), ("version", "1")]),
            "consent_missing",
        ),
        (
            "/api/add_decision",
            with(&[("text", "Et vedtak")]),
            "consent_missing",
        ),
        (
            "/api/approve_minutes",
            with(&[("version", "1")]),
            "holder_only",
        ),
    ];
    let not_found = (
        StatusCode::NOT_FOUND,
        serde_json::json!({ "error": "not_found" }),
    );

    let mut maja = app.as_person(MAJA_PPT).await;
    let mut kari = app.as_person(KARI).await;
    for uri in &reads {
        assert_eq!(maja.get(uri).await.status(), StatusCode::FORBIDDEN, "{uri}");
        assert_eq!(kari.get(uri).await.status(), StatusCode::NOT_FOUND, "{uri}");
    }
    for (endpoint, form, reason) in &writes {
        assert_eq!(
            post(&mut maja, endpoint, form).await,
            denied(reason),
            "{endpoint}"
        );
        assert_eq!(
            post(&mut kari, endpoint, form).await,
            not_found,
            "{endpoint}"
        );
    }
    assert_eq!(counts(superuser(app.pool())).await, before);
    let minutes: Option<String> =
        sqlx::query_scalar("select minutes from meeting where meeting_id = $1::uuid")
            .bind(&meeting)
            .fetch_one(&superuser(app.pool()))
            .await
            .expect("minutes");
    assert_eq!(minutes, None);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_decision_makes_a_measure_and_the_meeting_and_the_plan_show_it(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let today = day(app.pool(), 0).await;
    let in_a_month = day(app.pool(), 30).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (area, goal) = area_and_goal(&mut nora).await;
    let meeting = call(&mut nora, &day(app.pool(), 1).await).await;
    let (status, _) = post(
        &mut nora,
        "/api/add_decision",
        &[
            ("log_id", MATS_LOG),
            ("meeting_id", &meeting),
            ("text", "Mats får leksehjelp to dager i uka."),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let meeting_url = format!("/api/meeting?log_id={MATS_LOG}&meeting_id={meeting}");
    let response = nora.get(&meeting_url).await;
    let decision = json(response).await["decisions"][0].clone();
    let decision_id = decision["decision_id"].as_str().expect("id").to_string();
    assert_eq!(decision["made_measures"], serde_json::json!([]));

    // The plan offers the decision's text to start the new measure from.
    let response = nora
        .get(&format!(
            "/api/plan?log_id={MATS_LOG}&from_decision={decision_id}"
        ))
        .await;
    let seed = json(response).await["from_decision"].clone();
    assert_eq!(seed["text"], "Mats får leksehjelp to dager i uka.");

    let mut form = measure_form(&area, &goal, IDA_NURSE, &today, &in_a_month, "Leksehjelp");
    form.push(("measure[decision_id]", &decision_id));
    let (status, measure) = post(&mut nora, "/api/save_measure", &form).await;
    assert_eq!(status, StatusCode::OK, "{measure}");
    let measure = measure.as_str().expect("measure id").to_string();

    let response = nora.get(&meeting_url).await;
    assert_eq!(
        json(response).await["decisions"][0]["made_measures"],
        serde_json::json!([[measure, "Leksehjelp"]])
    );
    let made = plan(&mut nora).await["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .find(|m| m["measure_id"] == measure.as_str())
        .expect("the measure")
        .clone();
    assert!(made["decided_at"].is_string(), "{made}");

    // A decision of another log, or none, is refused and nothing is saved; an existing
    // measure is not made from a decision afterwards.
    let before = plan(&mut nora).await["measures"]
        .as_array()
        .expect("m")
        .len();
    let mut foreign = measure_form(&area, &goal, IDA_NURSE, &today, &in_a_month, "Fremmed");
    foreign.push((
        "measure[decision_id]",
        "00000000-0000-4000-8000-00000000dead",
    ));
    assert_eq!(
        post(&mut nora, "/api/save_measure", &foreign).await,
        invalid("decision")
    );
    let mut later = measure_form(&area, &goal, IDA_NURSE, &today, &in_a_month, "Senere");
    later.extend([
        ("measure[measure_id]", measure.as_str()),
        ("measure[version]", "1"),
        ("measure[decision_id]", decision_id.as_str()),
    ]);
    assert_eq!(
        post(&mut nora, "/api/save_measure", &later).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        plan(&mut nora).await["measures"]
            .as_array()
            .expect("m")
            .len(),
        before
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_next_meeting_starts_from_the_one_it_is_agreed_at(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let meeting = call(&mut nora, &day(app.pool(), 1).await).await;

    let response = nora
        .get(&format!("/api/meetings?log_id={MATS_LOG}&after={meeting}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let seed = json(response).await["after"].clone();
    // The next meeting takes over the time of day as Oslo's clock shows it.
    let starts_at = time::OffsetDateTime::parse(
        seed["starts_at"].as_str().expect("a moment"),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("RFC 3339");
    assert_eq!((starts_at.hour(), starts_at.minute()), (13, 0), "{seed}");
    assert_eq!(seed["duration_minutes"], 60);
    assert_eq!(seed["place"], "Møterom 2, Fjordvik skole");
    assert_eq!(seed["minute_taker"], IDA_NURSE);
    let mut invitees: Vec<String> = serde_json::from_value(seed["invitees"].clone()).expect("ids");
    invitees.sort();
    assert_eq!(invitees, [IDA_NURSE, INGRID]);

    // A meeting of another log gives nothing to start from.
    let response = nora
        .get(&format!(
            "/api/meetings?log_id={MATS_LOG}&after=00000000-0000-4000-8000-00000000dead"
        ))
        .await;
    assert_eq!(json(response).await["after"], Value::Null);
}
