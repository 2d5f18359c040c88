//! Push notices on a person's devices: a subscription stored per login (and refused when its
//! endpoint or keys are wrong), gone with the login, and news in a log delivered through the
//! outbox to the local push service (dev/push), which checks the VAPID signature and
//! decrypts what arrives: the title and a link, never anything of the log.

use crate::support::fixture::*;
use crate::support::push::{PushService, VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY, VAPID_SUBJECT};
use crate::support::{json, Browser, TestApp, PUBLIC_URL};
use axum::http::StatusCode;
use server::config::{MailConfig, PushConfig};
use server::outbox::email::Mailer;
use server::outbox::push::PushSender;
use server::outbox::worker::{self, Senders};
use sqlx::PgPool;

/// A GP at a unit with no log of Ingrid's family.
const STAFF_ELSEWHERE: &str = "00000000-0000-4000-8000-000000000216";

async fn app_with(pool: PgPool, service: &PushService) -> TestApp {
    let app = TestApp::configured(pool, &service.settings()).await;
    crate::support::fixture::logs(app.pool()).await;
    app
}

/// The outbox's senders, pushing through `service`; e-mail is not looked at here.
fn senders(service: &PushService) -> Senders {
    let mail = Mailer::new(&MailConfig {
        smtp_url: "smtp://127.0.0.1:9".into(),
        from: "Stafett <ikke-svar@fjordvik.example>".into(),
    })
    .expect("mailer");
    let push = PushSender::new(&PushConfig {
        private_key: VAPID_PRIVATE_KEY.into(),
        public_key: VAPID_PUBLIC_KEY.into(),
        subject: VAPID_SUBJECT.into(),
        allowed_hosts: vec![service.host.clone()],
    })
    .expect("push sender");
    Senders {
        mail,
        sms: None,
        push: Some(push),
        key: crate::support::data_key(),
    }
}

async fn turn_on(browser: &mut Browser<'_>, subscription: &serde_json::Value) -> StatusCode {
    browser
        .post_form(
            "/api/turn_on_push",
            &[("subscription", &subscription.to_string())],
        )
        .await
        .status()
}

/// A browser logged in as `person` that has turned push on, and its subscription.
async fn with_push<'a>(
    app: &'a TestApp,
    service: &PushService,
    person: &str,
) -> (Browser<'a>, serde_json::Value) {
    let mut browser = app.as_person(person).await;
    let subscription = service.subscribe().await;
    assert_eq!(turn_on(&mut browser, &subscription).await, StatusCode::OK);
    (browser, subscription)
}

async fn subscriptions(pool: &PgPool) -> Vec<(String, String)> {
    sqlx::query_as(
        "select p.given_name, s.endpoint from push_subscription s join person p using (person_id)
         order by s.created_at",
    )
    .fetch_all(pool)
    .await
    .expect("subscriptions")
}

async fn write_entry(browser: &mut Browser<'_>, body: &str) {
    let response = browser
        .post_form("/api/add_entry", &[("log_id", MATS_LOG), ("body", body)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// The push messages waiting in the outbox: (recipient, body).
async fn queued(pool: &PgPool) -> Vec<(String, String)> {
    sqlx::query_as(
        "select recipient, body from outbox_message where channel = 'push' and sent_at is null",
    )
    .fetch_all(pool)
    .await
    .expect("outbox")
}

/// Runs the outbox worker once, as its loop does, over push messages only (the e-mail
/// notices of the same news are dropped: the notices tests have them).
async fn deliver(app: &TestApp, senders: &Senders) -> usize {
    sqlx::query("delete from outbox_message where channel <> 'push'")
        .execute(app.pool())
        .await
        .expect("e-mail dropped");
    worker::send_due(app.pool(), senders).await.expect("worker")
}

/// Makes every waiting message due now, as if its back-off had passed.
async fn skip_backoff(pool: &PgPool) {
    sqlx::query("update outbox_message set next_attempt_at = now() where sent_at is null")
        .execute(pool)
        .await
        .expect("due");
}

#[sqlx::test(migrations = "../migrations")]
async fn news_reaches_the_device_as_a_title_and_a_link_once(pool: PgPool) {
    let service = PushService::start().await;
    let app = app_with(pool, &service).await;
    let mut ingrid = app.as_person(INGRID).await;
    let status = json(ingrid.get("/api/push_status").await).await;
    assert_eq!(status["public_key"], VAPID_PUBLIC_KEY);
    assert_eq!(status["endpoint"], serde_json::Value::Null);

    let subscription = service.subscribe().await;
    assert_eq!(turn_on(&mut ingrid, &subscription).await, StatusCode::OK);
    let status = json(ingrid.get("/api/push_status").await).await;
    assert_eq!(status["endpoint"], subscription["endpoint"]);

    let mut ida = app.as_person(IDA_NURSE).await;
    write_entry(&mut ida, &format!("Mats hadde en tung uke. {MARKER}")).await;

    // One message, to Ingrid's device, saying only that something is new, and where.
    let waiting = queued(app.pool()).await;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    let senders = senders(&service);
    assert_eq!(deliver(&app, &senders).await, 1);
    assert_eq!(deliver(&app, &senders).await, 0, "never twice");

    let arrived = service.messages(&subscription).await;
    assert_eq!(arrived.len(), 1, "{arrived:?}");
    let message = &arrived[0];
    let payload: serde_json::Value =
        serde_json::from_str(message["payload"].as_str().expect("text")).expect("JSON");
    assert_eq!(
        payload,
        serde_json::json!({
            "title": "Ny aktivitet i en stafettlogg",
            "url": format!("{PUBLIC_URL}/logs/{MATS_LOG}"),
        })
    );
    let text = message["payload"].as_str().unwrap_or_default();
    for secret in ["Mats", "tung uke", "Ida", "innlegg", MARKER] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert_eq!(message["urgency"], "normal");
    assert_eq!(message["ttl"], 86400);
    // Signed for this push service (its origin, with the port) by the configured key.
    assert_eq!(message["vapid"]["aud"], service.url);
    assert_eq!(message["vapid"]["sub"], VAPID_SUBJECT);
    assert_eq!(service.refused().await, serde_json::json!([]));

    // The body is forgotten once sent, as for e-mail.
    let bodies: Vec<String> =
        sqlx::query_scalar("select body from outbox_message where channel = 'push'")
            .fetch_all(app.pool())
            .await
            .expect("outbox");
    assert_eq!(bodies, [""]);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_device_has_one_subscription_and_bad_ones_are_refused(pool: PgPool) {
    let service = PushService::start().await;
    let app = app_with(pool, &service).await;
    let mut ingrid = app.as_person(INGRID).await;
    let first = service.subscribe().await;
    let second = service.subscribe().await;
    assert_eq!(turn_on(&mut ingrid, &first).await, StatusCode::OK);
    assert_eq!(turn_on(&mut ingrid, &second).await, StatusCode::OK);
    let stored = subscriptions(app.pool()).await;
    assert_eq!(stored.len(), 1, "replaced, not added: {stored:?}");
    assert_eq!(stored[0].1, second["endpoint"].as_str().unwrap_or_default());

    // The same device under a new login (the last one never logged out) is that login's.
    let mut again = app.as_person(INGRID).await;
    assert_eq!(turn_on(&mut again, &second).await, StatusCode::OK);
    assert_eq!(subscriptions(app.pool()).await.len(), 1);

    // A member of staff who sends Ingrid's endpoint as their own does not take it from her.
    let mut staff = app.as_person(STAFF_ELSEWHERE).await;
    assert_eq!(turn_on(&mut staff, &second).await, StatusCode::OK);
    let stored = subscriptions(app.pool()).await;
    assert!(
        stored.iter().any(|(name, endpoint)| name == "Ingrid"
            && endpoint == second["endpoint"].as_str().unwrap_or_default()),
        "Ingrid's subscription stays hers: {stored:?}"
    );
    sqlx::query("delete from push_subscription where person_id <> $1::uuid")
        .bind(INGRID)
        .execute(app.pool())
        .await
        .expect("only Ingrid's again");

    let keys = &second["keys"];
    let with = |endpoint: &str, p256dh: &serde_json::Value, auth: &serde_json::Value| serde_json::json!({ "endpoint": endpoint, "keys": { "p256dh": p256dh, "auth": auth } });
    for bad in [
        // Not https, and not the allowed stand-in.
        with("http://127.0.0.1:1/push/x", &keys["p256dh"], &keys["auth"]),
        with(
            "http://fcm.googleapis.com/fcm/send/x",
            &keys["p256dh"],
            &keys["auth"],
        ),
        // Loopback, private and link-local hosts over https.
        with("https://127.0.0.1/push/x", &keys["p256dh"], &keys["auth"]),
        with("https://localhost/push/x", &keys["p256dh"], &keys["auth"]),
        with("https://10.1.2.3/push/x", &keys["p256dh"], &keys["auth"]),
        with(
            "https://169.254.169.254/latest",
            &keys["p256dh"],
            &keys["auth"],
        ),
        with("https://[::1]/push/x", &keys["p256dh"], &keys["auth"]),
        // Keys that are not a P-256 point and a 16-byte secret.
        with(
            "https://fcm.googleapis.com/fcm/send/x",
            &"BAAA".into(),
            &keys["auth"],
        ),
        with(
            "https://fcm.googleapis.com/fcm/send/x",
            &keys["p256dh"],
            &"c2hvcnQ".into(),
        ),
        serde_json::json!({ "endpoint": "https://fcm.googleapis.com/fcm/send/x" }),
        serde_json::json!("not a subscription"),
    ] {
        assert_eq!(
            turn_on(&mut again, &bad).await,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
    let stored = subscriptions(app.pool()).await;
    assert_eq!(stored.len(), 1, "nothing changed: {stored:?}");
    assert_eq!(stored[0].1, second["endpoint"].as_str().unwrap_or_default());

    // A real push service's https endpoint is taken.
    let fcm = with(
        "https://fcm.googleapis.com/fcm/send/eKClHsXFm9E:APA91bH2x3gN",
        &keys["p256dh"],
        &keys["auth"],
    );
    assert_eq!(turn_on(&mut again, &fcm).await, StatusCode::OK);

    // Only for someone logged in, and only for their own login.
    let mut stranger = app.browser();
    assert_eq!(
        turn_on(&mut stranger, &first).await,
        StatusCode::UNAUTHORIZED
    );
    let status = stranger.post_form("/api/turn_off_push", &[]).await.status();
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let status = nora.post_form("/api/turn_off_push", &[]).await.status();
    assert_eq!(status, StatusCode::OK);
    assert_eq!(subscriptions(app.pool()).await.len(), 1, "Ingrid's stays");

    // Turned off on this device.
    let status = again.post_form("/api/turn_off_push", &[]).await.status();
    assert_eq!(status, StatusCode::OK);
    assert_eq!(subscriptions(app.pool()).await, []);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_server_without_vapid_keys_offers_no_push(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let mut ingrid = app.as_person(INGRID).await;
    let status = json(ingrid.get("/api/push_status").await).await;
    assert_eq!(status["public_key"], serde_json::Value::Null);
    let subscription = serde_json::json!({
        "endpoint": "https://fcm.googleapis.com/fcm/send/x",
        "keys": {
            "p256dh": VAPID_PUBLIC_KEY,
            "auth": "EvcWjEgzr4rbvhfi3yds0A",
        },
    });
    assert_eq!(
        turn_on(&mut ingrid, &subscription).await,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_subscription_goes_with_the_login(pool: PgPool) {
    let service = PushService::start().await;
    let app = app_with(pool, &service).await;

    // Logging out.
    let (mut ingrid, _) = with_push(&app, &service, INGRID).await;
    let response = ingrid.post_form("/auth/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(subscriptions(app.pool()).await, []);

    // Logging out everywhere.
    let _phone = with_push(&app, &service, INGRID).await;
    let (mut laptop, _) = with_push(&app, &service, INGRID).await;
    assert_eq!(subscriptions(app.pool()).await.len(), 2);
    let response = laptop.post_form("/api/log_out_everywhere", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(subscriptions(app.pool()).await, []);

    // ID-porten's back-channel logout ends the login the same way (login.rs has the round
    // trip): the database forgets the device however the login ends.
    let (_tablet, _) = with_push(&app, &service, INGRID).await;
    sqlx::query(
        "update login_session set ended_at = now(), ended_reason = 'backchannel_logout'
         where ended_at is null",
    )
    .execute(app.pool())
    .await
    .expect("ended");
    assert_eq!(subscriptions(app.pool()).await, []);

    // A login that timed out: no push is queued for it, and the hourly purge removes it.
    let _idle = with_push(&app, &service, INGRID).await;
    sqlx::query("update login_session set last_seen_at = now() - interval '31 minutes'")
        .execute(app.pool())
        .await
        .expect("idle");
    let mut ida = app.as_person(IDA_NURSE).await;
    write_entry(&mut ida, "Nytt innlegg.").await;
    assert_eq!(queued(app.pool()).await, []);
    sqlx::query("select purge_logins()")
        .execute(app.pool())
        .await
        .expect("purge");
    assert_eq!(subscriptions(app.pool()).await, []);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_failing_push_service_is_tried_again_and_a_gone_subscription_removed(pool: PgPool) {
    let service = PushService::start().await;
    let app = app_with(pool, &service).await;
    let senders = senders(&service);
    let (_ingrid, subscription) = with_push(&app, &service, INGRID).await;
    let mut ida = app.as_person(IDA_NURSE).await;

    // Down twice, then up: delivered once, on the third attempt, after backing off.
    service.answer(&subscription, 503, Some(2)).await;
    write_entry(&mut ida, "Første innlegg.").await;
    assert_eq!(deliver(&app, &senders).await, 0);
    assert_eq!(deliver(&app, &senders).await, 0, "waits for its back-off");
    skip_backoff(app.pool()).await;
    assert_eq!(deliver(&app, &senders).await, 0);
    skip_backoff(app.pool()).await;
    assert_eq!(deliver(&app, &senders).await, 1);
    skip_backoff(app.pool()).await;
    assert_eq!(deliver(&app, &senders).await, 0);
    assert_eq!(service.messages(&subscription).await.len(), 1);
    let attempts: Vec<i32> =
        sqlx::query_scalar("select attempts from outbox_message where channel = 'push'")
            .fetch_all(app.pool())
            .await
            .expect("outbox");
    assert_eq!(attempts, [3]);

    // Gone (410): the subscription is removed, and the next news queues nothing for it.
    service.answer(&subscription, 410, None).await;
    write_entry(&mut ida, "Andre innlegg.").await;
    assert_eq!(deliver(&app, &senders).await, 1, "done, not retried");
    assert_eq!(subscriptions(app.pool()).await, []);
    write_entry(&mut ida, "Tredje innlegg.").await;
    assert_eq!(queued(app.pool()).await, []);
    assert_eq!(service.messages(&subscription).await.len(), 1);

    // Not found (404) is the same; and a subscription removed while its message waited
    // takes the message with it.
    let (_phone, lost) = with_push(&app, &service, INGRID).await;
    service.answer(&lost, 404, None).await;
    write_entry(&mut ida, "Fjerde innlegg.").await;
    assert_eq!(deliver(&app, &senders).await, 1);
    assert_eq!(subscriptions(app.pool()).await, []);
    let (mut tablet, _) = with_push(&app, &service, INGRID).await;
    write_entry(&mut ida, "Femte innlegg.").await;
    assert_eq!(queued(app.pool()).await.len(), 1);
    assert_eq!(
        tablet.post_form("/api/turn_off_push", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(queued(app.pool()).await, []);
}

#[sqlx::test(migrations = "../migrations")]
async fn push_follows_the_notice_choice(pool: PgPool) {
    let service = PushService::start().await;
    let app = app_with(pool, &service).await;
    let (mut ingrid, _) = with_push(&app, &service, INGRID).await;
    let mut ida = app.as_person(IDA_NURSE).await;
    let mut pushes_for = async |choice: &str| {
        let status = ingrid
            .post_form("/api/set_notice_choice", &[("choice", choice)])
            .await
            .status();
        assert_eq!(status, StatusCode::OK);
        sqlx::query("delete from outbox_message")
            .execute(app.pool())
            .await
            .expect("cleared");
        write_entry(&mut ida, "Nytt innlegg.").await;
        queued(app.pool()).await.len()
    };
    // At once on the device, whether e-mail comes at once or in the digest; not at all for
    // someone who wants no notices.
    assert_eq!(pushes_for("immediate").await, 1);
    assert_eq!(pushes_for("daily").await, 1);
    assert_eq!(pushes_for("none").await, 0);
    // Nor to the one who wrote.
    let _own = with_push(&app, &service, IDA_NURSE).await;
    assert_eq!(pushes_for("none").await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_meeting_invitation_reaches_the_invitees_devices_with_its_link(pool: PgPool) {
    let service = PushService::start().await;
    let app = app_with(pool, &service).await;
    let (_ingrid, _) = with_push(&app, &service, INGRID).await;
    let tomorrow: String =
        sqlx::query_scalar("select ((now() at time zone 'Europe/Oslo')::date + 1)::text")
            .fetch_one(app.pool())
            .await
            .expect("tomorrow");
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let (status, meeting) = crate::support::post(
        &mut nora,
        "/api/call_meeting",
        &[
            ("log_id", MATS_LOG),
            ("meeting[date]", &tomorrow),
            ("meeting[time]", "13:00"),
            ("meeting[duration]", "60"),
            ("meeting[place]", "Møterom 2"),
            ("meeting[invitees][0]", INGRID),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{meeting}");
    let meeting_id = meeting.as_str().expect("the meeting's id");
    let waiting = queued(app.pool()).await;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    let payload: serde_json::Value = serde_json::from_str(&waiting[0].1).expect("JSON");
    assert_eq!(
        payload,
        serde_json::json!({
            "title": "Ny aktivitet i en stafettlogg",
            "url": format!("{PUBLIC_URL}/logs/{MATS_LOG}/meetings/{meeting_id}"),
        })
    );
    assert!(!waiting[0].1.contains("Møterom"));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_new_service_asks_the_family_for_consent_on_their_devices(pool: PgPool) {
    let service = PushService::start().await;
    let app = app_with(pool, &service).await;
    let (_ingrid, _) = with_push(&app, &service, INGRID).await;
    let (_ida, _) = with_push(&app, &service, IDA_NURSE).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let response = nora
        .post_form("/api/add_participant", &[("log_id", MATS_LOG), ("to", GP)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // Ingrid, the mother, decides; the nurse does not.
    let waiting = queued(app.pool()).await;
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    let payload: serde_json::Value = serde_json::from_str(&waiting[0].1).expect("JSON");
    assert_eq!(
        payload["url"],
        format!("{PUBLIC_URL}/logs/{MATS_LOG}/consents")
    );
    let owner: String = sqlx::query_scalar(
        "select p.given_name from push_subscription s join person p using (person_id)
         where s.push_subscription_id::text = $1",
    )
    .bind(&waiting[0].0)
    .fetch_one(app.pool())
    .await
    .expect("the subscription");
    assert_eq!(owner, "Ingrid");
}
