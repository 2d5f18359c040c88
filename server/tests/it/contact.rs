//! A person's own contact details: each address confirmed with a code sent to it (through the
//! real mail and SMS sink), refused input changing nothing, nobody reaching another's
//! details, and messages going only to confirmed addresses, in the recipient's language, by
//! the channel they chose. The holder sees who cannot be reached.

use crate::database_defence::acting;
use crate::outbox::senders;
use crate::support::fixture::*;
use crate::support::mailsink::MailSink;
use crate::support::{invalid, json, post, Browser, TestApp};
use axum::http::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;

const ANNE: &str = "00000000-0000-4000-8000-000000000305";
const TOR: &str = "00000000-0000-4000-8000-000000000306";

/// Everything the contact functions could change, as text: contact rows, waiting codes, the
/// outbox and the audit trail's contact events.
async fn snapshot(pool: &PgPool) -> String {
    sqlx::query_scalar::<_, String>(
        "select concat_ws(' | ',
            (select string_agg(concat_ws(',', person_id, email, email_confirmed_at, mobile,
                                         mobile_confirmed_at, lang, notice_channel), ';'
                               order by person_id) from person_contact),
            (select string_agg(concat_ws(',', person_id, kind, address, code_hash, expires_at,
                                         attempts, sent), ';' order by person_id, kind)
             from contact_confirmation),
            (select count(*)::text from outbox_message),
            (select count(*)::text from audit_event where action like 'contact.%'))",
    )
    .fetch_one(pool)
    .await
    .expect("snapshot")
}

/// Delivers the outbox to the sink and returns what arrived to `to` since `after` messages.
async fn delivered(app: &TestApp, sink: &MailSink, to: &str) -> Vec<Value> {
    server::outbox::worker::send_due(app.pool(), &senders(sink))
        .await
        .expect("delivered");
    sink.messages()
        .await
        .into_iter()
        .filter(|m| m["to"].as_str().is_some_and(|t| t.eq_ignore_ascii_case(to)))
        .collect()
}

/// The six-digit code in the newest message to `to`.
async fn code_sent_to(app: &TestApp, sink: &MailSink, to: &str) -> String {
    let messages = delivered(app, sink, to).await;
    let body = messages.last().expect("a message")["body"]
        .as_str()
        .expect("a body")
        .to_string();
    body.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .unwrap_or_else(|| panic!("a code in {body}"))
        .to_string()
}

/// Asks for a code to the e-mail `address` and returns it as it arrived at the sink.
async fn new_code(
    app: &TestApp,
    sink: &MailSink,
    browser: &mut Browser<'_>,
    kind: &str,
    address: &str,
) -> String {
    assert_eq!(send_code(browser, kind, address).await, ok());
    code_sent_to(app, sink, address).await
}

async fn send_code(browser: &mut Browser<'_>, kind: &str, address: &str) -> (StatusCode, Value) {
    post(
        browser,
        "/api/send_contact_code",
        &[("kind", kind), ("address", address)],
    )
    .await
}

async fn confirm(browser: &mut Browser<'_>, kind: &str, code: &str) -> (StatusCode, Value) {
    post(
        browser,
        "/api/confirm_contact",
        &[("kind", kind), ("code", code)],
    )
    .await
}

fn ok() -> (StatusCode, Value) {
    (StatusCode::OK, Value::Null)
}

/// A code that is not `code` (six digits).
fn wrong(code: &str) -> String {
    let n: u32 = code.parse().expect("digits");
    format!("{:06}", (n + 1) % 1_000_000)
}

#[sqlx::test(migrations = "../migrations")]
async fn a_person_confirms_a_new_email_and_a_mobile_and_the_old_works_until_then(pool: PgPool) {
    let sink = MailSink::start().await;
    let app = TestApp::seeded(pool).await;
    let mut ingrid = app.as_person(INGRID).await;
    let mine = json(ingrid.get("/api/my_contact").await).await;
    assert_eq!(mine["email"]["address"], "ingrid.berg@example.no");
    assert!(mine["email"]["confirmed_at"].is_string());
    assert_eq!(mine["mobile"], Value::Null);

    // A new address: a code goes to it, in her language; the old one stays in use.
    assert_eq!(
        send_code(&mut ingrid, "email", " Ingrid@Berg.Example ").await,
        ok()
    );
    let stored: String = sqlx::query_scalar(
        "select body from outbox_message where recipient = 'ingrid@berg.example'",
    )
    .fetch_one(app.pool())
    .await
    .expect("queued");
    assert_eq!(stored, "", "the code waits sealed, never in the clear");
    let mine = json(ingrid.get("/api/my_contact").await).await;
    assert_eq!(mine["email"]["address"], "ingrid.berg@example.no");
    assert_eq!(mine["pending_email"]["address"], "ingrid@berg.example");
    assert_eq!(mine["pending_email"]["spent"], false);
    let code = code_sent_to(&app, &sink, "ingrid@berg.example").await;
    let mail = delivered(&app, &sink, "ingrid@berg.example").await;
    assert_eq!(
        mail[0]["subject"],
        "Kode for å bekrefte e-postadressen din i Stafett"
    );

    // A wrong code changes nothing but the count of tries.
    let before = snapshot(app.pool()).await;
    assert_eq!(
        confirm(&mut ingrid, "email", &wrong(&code)).await,
        invalid("code")
    );
    assert_eq!(
        json(ingrid.get("/api/my_contact").await).await["email"]["address"],
        "ingrid.berg@example.no"
    );
    assert_ne!(before, snapshot(app.pool()).await, "the try was counted");

    assert_eq!(confirm(&mut ingrid, "email", &code).await, ok());
    let mine = json(ingrid.get("/api/my_contact").await).await;
    assert_eq!(mine["email"]["address"], "ingrid@berg.example");
    assert_eq!(mine["pending_email"], Value::Null);
    // Used once.
    assert_eq!(
        confirm(&mut ingrid, "email", &code).await,
        invalid("code_spent")
    );

    // A mobile number, written as people write them, gets its code by SMS.
    assert_eq!(send_code(&mut ingrid, "mobile", "912 34 999").await, ok());
    let code = code_sent_to(&app, &sink, "+4791234999").await;
    let sms = delivered(&app, &sink, "+4791234999").await;
    assert_eq!(sms[0]["channel"], "sms");
    assert_eq!(
        confirm(&mut ingrid, "mobile", &format!(" {code} ")).await,
        ok()
    );
    let mine = json(ingrid.get("/api/my_contact").await).await;
    assert_eq!(mine["mobile"]["address"], "+4791234999");
    assert!(mine["mobile"]["confirmed_at"].is_string());
    let events: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'contact.confirmed' and actor_id = $1::uuid",
    )
    .bind(INGRID)
    .fetch_one(app.pool())
    .await
    .expect("audited");
    assert_eq!(events, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_input_is_refused_by_the_field_and_changes_nothing(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut ingrid = app.as_person(INGRID).await;
    let before = snapshot(app.pool()).await;
    for (kind, address, field) in [
        ("email", "ingrid@", "email"),
        ("email", "ingrid berg@example.no", "email"),
        ("email", "", "email"),
        ("mobile", "22 33 44 55", "mobile"),
        ("mobile", "ring meg", "mobile"),
        ("mobile", "ingrid@example.no", "mobile"),
        ("email", "ingrid.berg@example.no", "already_confirmed"),
    ] {
        assert_eq!(
            send_code(&mut ingrid, kind, address).await,
            invalid(field),
            "{kind} {address}"
        );
    }
    assert_eq!(
        send_code(&mut ingrid, "fax", "12345678").await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(confirm(&mut ingrid, "email", "12").await, invalid("code"));
    assert_eq!(
        confirm(&mut ingrid, "email", "123456").await,
        invalid("code_spent"),
        "no code was sent"
    );
    assert_eq!(
        confirm(&mut ingrid, "post", "123456").await.0,
        StatusCode::BAD_REQUEST
    );
    let preferences = |lang, channel| [("lang", lang), ("channel", channel)];
    assert_eq!(
        post(
            &mut ingrid,
            "/api/set_contact_preferences",
            &preferences("nn", "sms")
        )
        .await,
        invalid("notice_channel"),
        "SMS needs a confirmed mobile"
    );
    for (lang, channel) in [("de", "email"), ("nn", "pigeon")] {
        assert_eq!(
            post(
                &mut ingrid,
                "/api/set_contact_preferences",
                &preferences(lang, channel)
            )
            .await
            .0,
            StatusCode::BAD_REQUEST
        );
    }
    assert_eq!(before, snapshot(app.pool()).await);

    // Nor may anyone not logged in.
    let mut nobody = app.browser();
    for (endpoint, form) in [
        (
            "/api/send_contact_code",
            [("kind", "email"), ("address", "x@y.no")],
        ),
        (
            "/api/confirm_contact",
            [("kind", "email"), ("code", "123456")],
        ),
        (
            "/api/set_contact_preferences",
            [("lang", "nn"), ("channel", "email")],
        ),
    ] {
        assert_eq!(
            post(&mut nobody, endpoint, &form).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        nobody.get("/api/my_contact").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(before, snapshot(app.pool()).await);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_expired_or_used_up_code_confirms_nothing(pool: PgPool) {
    let sink = MailSink::start().await;
    let app = TestApp::seeded(pool).await;
    let mut ingrid = app.as_person(INGRID).await;

    // Five wrong tries use the code up; the right one then confirms nothing.
    let code = new_code(&app, &sink, &mut ingrid, "email", "ny@berg.example").await;
    for _ in 0..4 {
        assert_eq!(
            confirm(&mut ingrid, "email", &wrong(&code)).await,
            invalid("code")
        );
    }
    assert_eq!(
        confirm(&mut ingrid, "email", &wrong(&code)).await,
        invalid("code_spent")
    );
    let before = snapshot(app.pool()).await;
    assert_eq!(
        confirm(&mut ingrid, "email", &code).await,
        invalid("code_spent")
    );
    assert_eq!(before, snapshot(app.pool()).await);
    let mine = json(ingrid.get("/api/my_contact").await).await;
    assert_eq!(mine["email"]["address"], "ingrid.berg@example.no");
    assert_eq!(mine["pending_email"]["spent"], true);

    // A new code, then too late.
    let code = new_code(&app, &sink, &mut ingrid, "email", "ny@berg.example").await;
    sqlx::query("update contact_confirmation set expires_at = now() - interval '1 second'")
        .execute(app.pool())
        .await
        .expect("expired");
    let before = snapshot(app.pool()).await;
    assert_eq!(
        confirm(&mut ingrid, "email", &code).await,
        invalid("code_spent")
    );
    assert_eq!(before, snapshot(app.pool()).await);
    assert_eq!(
        json(ingrid.get("/api/my_contact").await).await["email"]["address"],
        "ingrid.berg@example.no"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn no_more_than_five_codes_an_hour(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut ingrid = app.as_person(INGRID).await;
    for n in 0..5 {
        let address = format!("ny{n}@berg.example");
        assert_eq!(send_code(&mut ingrid, "email", &address).await, ok());
    }
    let before = snapshot(app.pool()).await;
    assert_eq!(
        send_code(&mut ingrid, "email", "ny9@berg.example").await,
        invalid("codes_sent")
    );
    assert_eq!(before, snapshot(app.pool()).await);
    // The mobile number is counted apart; an hour later the e-mail may go again.
    assert_eq!(send_code(&mut ingrid, "mobile", "91234999").await, ok());
    sqlx::query(
        "update contact_confirmation set window_started_at = now() - interval '61 minutes'",
    )
    .execute(app.pool())
    .await
    .expect("an hour later");
    assert_eq!(
        send_code(&mut ingrid, "email", "ny9@berg.example").await,
        ok()
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_reaches_another_persons_contact_details(pool: PgPool) {
    let sink = MailSink::start().await;
    let app = TestApp::seeded(pool).await;
    let mut ingrid = app.as_person(INGRID).await;
    let code = new_code(&app, &sink, &mut ingrid, "email", "ny@berg.example").await;

    // Geir (her former partner, same children) with her code confirms nothing of hers.
    let mut geir = app.as_person(GEIR).await;
    let before = snapshot(app.pool()).await;
    assert_eq!(
        confirm(&mut geir, "email", &code).await,
        invalid("code_spent")
    );
    assert_eq!(before, snapshot(app.pool()).await);
    let his = json(geir.get("/api/my_contact").await).await;
    assert_eq!(his["email"]["address"], "geir.berg@example.no");
    assert_eq!(his["pending_email"], Value::Null, "not hers");

    // The application's role reads only the acting person's rows, whatever the query.
    let mut tx = acting(app.pool(), Some(GEIR)).await;
    let seen: Vec<String> = sqlx::query_scalar(
        "select person_id::text from person_contact
         union all select person_id::text from contact_confirmation",
    )
    .fetch_all(&mut *tx)
    .await
    .expect("read");
    assert_eq!(seen, [GEIR]);
    let changed = sqlx::query(
        "update person_contact set email = 'geir@example.no' where person_id = $1::uuid",
    )
    .bind(INGRID)
    .execute(&mut *tx)
    .await
    .expect("update")
    .rows_affected();
    assert_eq!(changed, 0);
    let refused =
        sqlx::query("insert into person_contact (person_id, lang) values ($1::uuid, 'en')")
            .bind(TOR)
            .execute(&mut *tx)
            .await;
    assert!(refused.is_err(), "another's row cannot be written");
    drop(tx);
    assert_eq!(before, snapshot(app.pool()).await);

    // She still confirms her own.
    assert_eq!(confirm(&mut ingrid, "email", &code).await, ok());
}

#[sqlx::test(migrations = "../migrations")]
async fn the_language_and_channel_are_the_persons_own_choice(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut ingrid = app.as_person(INGRID).await;
    sqlx::query(
        "update person_contact set mobile = '+4791234999', mobile_confirmed_at = now()
         where person_id = $1::uuid",
    )
    .bind(INGRID)
    .execute(app.pool())
    .await
    .expect("a mobile");
    let response = ingrid
        .post_form(
            "/api/set_contact_preferences",
            &[("lang", "en"), ("channel", "both")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with("stafett_lang=en"));
    assert!(cookie, "the pages follow the choice");
    let mine = json(ingrid.get("/api/my_contact").await).await;
    assert_eq!(
        (mine["lang"].clone(), mine["channel"].clone()),
        (json!("en"), json!("both"))
    );

    // Choosing a language for the pages while logged in chooses it for messages too.
    let response = ingrid
        .post_form("/api/set_language", &[("lang", "nn"), ("return_to", "/me")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        json(ingrid.get("/api/my_contact").await).await["lang"],
        "nn"
    );
    // Tor, who never chose, has no row until he does.
    let mut tor = app.as_person(TOR).await;
    let his = json(tor.get("/api/my_contact").await).await;
    assert_eq!(
        (his["email"].clone(), his["lang"].clone()),
        (Value::Null, Value::Null)
    );
}

/// Sets a person's language and channel as the owner would have them after choosing.
async fn choose(pool: &PgPool, person: &str, lang: &str, mobile: Option<&str>, channel: &str) {
    sqlx::query(
        "insert into person_contact (person_id, lang, mobile, mobile_confirmed_at, notice_channel)
         values ($1::uuid, $2, $3, case when $3 is not null then now() end, $4)
         on conflict (person_id) do update
            set lang = excluded.lang, mobile = coalesce(excluded.mobile, person_contact.mobile),
                mobile_confirmed_at = coalesce(excluded.mobile_confirmed_at,
                                               person_contact.mobile_confirmed_at),
                notice_channel = excluded.notice_channel",
    )
    .bind(person)
    .bind(lang)
    .bind(mobile)
    .bind(channel)
    .execute(pool)
    .await
    .expect("chosen");
}

#[sqlx::test(migrations = "../migrations")]
async fn notices_arrive_in_the_recipients_language_and_by_sms_if_chosen(pool: PgPool) {
    let sink = MailSink::start().await;
    let app = TestApp::seeded(pool).await;
    crate::support::fixture::logs(app.pool()).await;
    // Ingrid reads English and takes e-mail and SMS; Nora Strand (staff: her work address
    // from the administrator) reads nynorsk.
    choose(app.pool(), INGRID, "en", Some("+4791234999"), "both").await;
    choose(app.pool(), NORA_STRAND_TEACHER, "nn", None, "email").await;

    let mut ida = app.as_person(IDA_NURSE).await;
    let response = ida
        .post_form(
            "/api/add_entry",
            &[("log_id", MATS_LOG), ("body", "Mats hadde en god uke.")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let ingrid_mail = delivered(&app, &sink, "ingrid.berg@example.no").await;
    assert_eq!(ingrid_mail.len(), 1);
    assert_eq!(ingrid_mail[0]["subject"], "News in a relay log");
    let ingrid_sms = delivered(&app, &sink, "+4791234999").await;
    assert_eq!(ingrid_sms.len(), 1);
    assert_eq!(ingrid_sms[0]["channel"], "sms");
    let text = ingrid_sms[0]["body"].as_str().expect("text");
    assert!(
        text.starts_with("Stafett: There is something new"),
        "{text}"
    );
    assert!(text.contains(&format!("/logs/{MATS_LOG}")), "{text}");
    for secret in ["Mats", "uke", "Ida"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let nora_mail = delivered(&app, &sink, "nora.strand@example.no").await;
    assert_eq!(nora_mail.len(), 1);
    assert_eq!(nora_mail[0]["subject"], "Nytt i ein stafettlogg");
}

#[sqlx::test(migrations = "../migrations")]
async fn only_confirmed_addresses_are_used_and_a_staff_members_own_replaces_the_work_one(
    pool: PgPool,
) {
    let app = TestApp::with_logs(pool).await;
    // Ingrid's own confirmation is withdrawn from the data: her person.email (seeded, never
    // confirmed) must not be used.
    sqlx::query("delete from person_contact where person_id = $1::uuid")
        .bind(INGRID)
        .execute(app.pool())
        .await
        .expect("unconfirmed");
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let work = json(nora.get("/api/my_contact").await).await;
    assert_eq!(work["email"]["address"], "nora.strand@example.no");
    assert_eq!(
        work["email"]["confirmed_at"],
        Value::Null,
        "vouched for by the administrator"
    );
    sqlx::query(
        "insert into person_contact (person_id, email, email_confirmed_at)
         values ($1::uuid, 'nora@privat.example', now())",
    )
    .bind(NORA_STRAND_TEACHER)
    .execute(app.pool())
    .await
    .expect("her own");
    // The administrator changes her work e-mail: her own stays the one used.
    sqlx::query("update person set email = 'n.strand@fjordvik.example' where person_id = $1::uuid")
        .bind(NORA_STRAND_TEACHER)
        .execute(app.pool())
        .await
        .expect("work e-mail changed");

    let mut ida = app.as_person(IDA_NURSE).await;
    let response = ida
        .post_form("/api/add_entry", &[("log_id", MATS_LOG), ("body", "Notat")])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let recipients: Vec<String> =
        sqlx::query_scalar("select recipient from outbox_message order by recipient")
            .fetch_all(app.pool())
            .await
            .expect("outbox");
    assert_eq!(recipients, ["nora@privat.example"]);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_holder_sees_who_cannot_be_reached_and_why_and_nobody_else_does(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    // Maja (PPT, in Mats's log) turned notices off.
    sqlx::query("update person set notify = 'none' where person_id = $1::uuid")
        .bind(MAJA_PPT)
        .execute(app.pool())
        .await
        .expect("notices off");

    // Sara's log: Anne has confirmed an address, Tor none.
    let mut anders = app.as_person(ANDERS_TEACHER).await;
    let reach = json(
        anders
            .get(&format!("/api/contact_reach?log_id={SARA_LOG}"))
            .await,
    )
    .await;
    let why = |name: &str| {
        reach
            .as_array()
            .expect("a list")
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {reach}"))["unreachable"]
            .clone()
    };
    assert_eq!(why("Tor Lie"), "no_contact");
    assert_eq!(why("Anne Lie"), Value::Null);
    assert_eq!(why("Anders Moen"), Value::Null);
    let recorded: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'contact.reach_read' and log_id = $1::uuid",
    )
    .bind(SARA_LOG)
    .fetch_one(app.pool())
    .await
    .expect("audited");
    assert_eq!(recorded, 1);

    // On the log page, the holder sees it by the participant; a participant does not.
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let log = json(nora.get(&format!("/api/log?log_id={MATS_LOG}")).await).await;
    let maja = log["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .find(|p| p["name"] == "Maja Eide")
        .expect("Maja");
    assert_eq!(maja["unreachable"], "notices_off");
    let mut ida = app.as_person(IDA_NURSE).await;
    let log = json(ida.get(&format!("/api/log?log_id={MATS_LOG}")).await).await;
    assert!(
        log["participants"]
            .as_array()
            .expect("participants")
            .iter()
            .all(|p| p["unreachable"].is_null()),
        "{log}"
    );

    // Nobody but the holder gets the list, and nothing is recorded for them.
    for (person, log) in [(IDA_NURSE, MATS_LOG), (INGRID, MATS_LOG), (ANNE, SARA_LOG)] {
        let mut browser = app.as_person(person).await;
        let status = browser
            .get(&format!("/api/contact_reach?log_id={log}"))
            .await
            .status();
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
            "{person}: {status}"
        );
    }
    let recorded: i64 =
        sqlx::query_scalar("select count(*) from audit_event where action = 'contact.reach_read'")
            .fetch_one(app.pool())
            .await
            .expect("audited");
    assert_eq!(recorded, 1);

    // And nobody learns it from the database: the function answers the holder only.
    let mut tx = acting(app.pool(), Some(IDA_NURSE)).await;
    let answer: Option<String> =
        sqlx::query_scalar("select unreachable_to_holder($1::uuid, $2::uuid)")
            .bind(SARA_LOG)
            .bind(TOR)
            .fetch_one(&mut *tx)
            .await
            .expect("asked");
    assert_eq!(answer, None);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_invitation_goes_in_the_invitees_language_and_by_sms_if_chosen(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    choose(app.pool(), INGRID, "en", Some("+4791234999"), "both").await;
    let tomorrow: String =
        sqlx::query_scalar("select ((now() at time zone 'Europe/Oslo')::date + 1)::text")
            .fetch_one(app.pool())
            .await
            .expect("tomorrow");
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (status, meeting) = post(
        &mut nora,
        "/api/call_meeting",
        &[
            ("log_id", MATS_LOG),
            ("meeting[date]", &tomorrow),
            ("meeting[time]", "13:00"),
            ("meeting[duration]", "60"),
            ("meeting[place]", "Møterom 2"),
            ("meeting[invitees][0]", IDA_NURSE),
            ("meeting[invitees][1]", INGRID),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{meeting}");
    let sent: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
        "select recipient, channel, subject, body from outbox_message order by recipient",
    )
    .fetch_all(app.pool())
    .await
    .expect("outbox");
    let subjects: Vec<(&str, &str, Option<&str>)> = sent
        .iter()
        .map(|(to, channel, subject, _)| (to.as_str(), channel.as_str(), subject.as_deref()))
        .collect();
    assert_eq!(
        subjects,
        [
            ("+4791234999", "sms", None),
            (
                "ida.brekke@example.no",
                "email",
                Some("Invitasjon til stafettmøte")
            ),
            (
                "ingrid.berg@example.no",
                "email",
                Some("Invitation to a relay meeting")
            ),
        ]
    );
    let sms = &sent[0].3;
    assert!(
        sms.starts_with("Stafett: You are invited to a meeting"),
        "{sms}"
    );
    assert!(sms.contains("13:00"), "{sms}");
    for secret in ["Mats", "Møterom"] {
        assert!(!sms.contains(secret), "{secret} in {sms}");
    }
}
