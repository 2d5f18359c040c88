//! The under-15 login: username, password and a one-time code, with its limits.

use crate::support::issuer::TestIssuer;
use crate::support::login::{code_step, latest_code, log_in, password_step};
use crate::support::{location, Browser, TestApp};
use axum::http::StatusCode;
use sqlx::PgPool;

const NORA: &str = "00000000-0000-4000-8000-000000000404";
const NORA_EMAIL: &str = "nora.lie@example.no";
const PASSWORD: &str = server::demo_seed::DEMO_CHILD_PASSWORD;

fn wrong(code: &str) -> String {
    let n: u32 = code.parse().expect("digits");
    format!("{:06}", (n + 1) % 1_000_000)
}

#[sqlx::test(migrations = "../migrations")]
async fn a_child_logs_in_with_password_and_the_code_sent_by_email(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut browser = app.browser();
    assert_eq!(
        password_step(&mut browser, " Nora ", PASSWORD).await,
        "/login/child/code?sent=email"
    );
    let (channel, subject): (String, Option<String>) =
        sqlx::query_as("select channel, subject from outbox_message")
            .fetch_one(app.pool())
            .await
            .expect("queued");
    assert_eq!(channel, "email");
    assert_eq!(
        subject.as_deref(),
        Some("Koden din for å logge inn i Stafett")
    );
    let code = latest_code(app.pool(), NORA_EMAIL).await;
    let stored: String = sqlx::query_scalar("select code_hash from login_code")
        .fetch_one(app.pool())
        .await
        .expect("code");
    assert!(stored.starts_with("$argon2id$") && !stored.contains(&code));

    // Typed with a space, as people do.
    let typed = format!("{} {}", &code[..3], &code[3..]);
    assert_eq!(code_step(&mut browser, &typed).await, "/me");
    let (status, _, html) = browser.page("/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Du er logget inn som Nora Lie"), "{html}");

    // The code is spent: bringing it again does nothing.
    let mut other = app.browser();
    assert_eq!(
        code_step(&mut other, &code).await,
        "/login/child?error=expired"
    );
    assert_eq!(
        code_step(&mut browser, &code).await,
        "/login/child?error=expired",
        "the pending step is gone once used"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_wrong_password_and_an_unknown_username_look_the_same(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut browser = app.browser();
    assert_eq!(
        password_step(&mut browser, "nora", "feil passord her").await,
        "/login/child?return_to=%2Fme&error=invalid&username=nora"
    );
    assert_eq!(
        password_step(&mut browser, "finnesikke", "feil passord her").await,
        "/login/child?return_to=%2Fme&error=invalid&username=finnesikke"
    );
    let (_, _, html) = browser
        .page("/login/child?return_to=%2Fme&error=invalid&username=nora")
        .await;
    assert!(html.contains("Feil brukernavn eller passord."), "{html}");
    assert!(html.contains(r#"value="nora""#), "the username is kept");
    assert_eq!(
        sqlx::query_scalar::<_, i64>("select count(*) from outbox_message")
            .fetch_one(app.pool())
            .await
            .expect("count"),
        0
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_expired_code_is_refused(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut browser = app.browser();
    password_step(&mut browser, "nora", PASSWORD).await;
    let code = latest_code(app.pool(), NORA_EMAIL).await;
    sqlx::query(
        "update login_code set created_at = now() - interval '11 minutes',
                expires_at = now() - interval '1 minute'",
    )
    .execute(app.pool())
    .await
    .expect("expire");
    assert_eq!(
        code_step(&mut browser, &code).await,
        "/login/child?return_to=%2Fme&error=expired&username=nora"
    );
    assert_eq!(browser.page("/me").await.1, "/login?return_to=%2Fme");
}

#[sqlx::test(migrations = "../migrations")]
async fn five_wrong_codes_lock_the_account_for_everyone(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut browser = app.browser();
    password_step(&mut browser, "nora", PASSWORD).await;
    let code = latest_code(app.pool(), NORA_EMAIL).await;
    for left in (1..=4).rev() {
        assert_eq!(
            code_step(&mut browser, &wrong(&code)).await,
            format!("/login/child/code?error=wrong&left={left}")
        );
    }
    assert_eq!(
        code_step(&mut browser, &wrong(&code)).await,
        "/login/child?return_to=%2Fme&error=locked&username=nora"
    );
    // Locked: the right password, even from another browser, gets the same answer.
    let mut other = app.browser();
    assert_eq!(
        password_step(&mut other, "nora", PASSWORD).await,
        "/login/child?return_to=%2Fme&error=locked&username=nora"
    );
    let (_, _, html) = other
        .page("/login/child?return_to=%2Fme&error=locked&username=nora")
        .await;
    assert!(html.contains("For mange mislykkede forsøk"), "{html}");
    let actions: Vec<String> =
        sqlx::query_scalar("select action from audit_event where actor_id = $1::uuid order by 1")
            .bind(NORA)
            .fetch_all(app.pool())
            .await
            .expect("audit");
    assert!(
        actions.contains(&"auth.login_locked".to_string()),
        "{actions:?}"
    );
    assert!(actions.contains(&"auth.code_sent".to_string()));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unknown_username_locks_like_a_real_one(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut browser = app.browser();
    for _ in 0..4 {
        assert!(password_step(&mut browser, "ukjent", "gjetter passord")
            .await
            .contains("error=invalid"));
    }
    assert!(password_step(&mut browser, "ukjent", "gjetter passord")
        .await
        .contains("error=locked"));
}

/// How many guessed codes were compared (each wrong one is audited once).
async fn codes_compared(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from audit_event where detail->>'reason' = 'wrong_code'")
        .fetch_one(pool)
        .await
        .expect("count")
}

#[sqlx::test(migrations = "../migrations")]
async fn guesses_racing_from_many_sessions_compare_at_most_five_codes(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    // With the password, four sessions each get a code of their own ...
    let mut sessions = Vec::new();
    for _ in 0..4 {
        let mut browser = app.browser();
        password_step(&mut browser, "nora", PASSWORD).await;
        let guess = wrong(&latest_code(app.pool(), NORA_EMAIL).await);
        sessions.push((browser, guess));
    }
    // ... and guess five times each, all at once.
    let guesses = sessions
        .iter()
        .flat_map(|(browser, guess)| {
            (0..5).map(|_| browser.form_request("/auth/child/code", &[("code", guess)]))
        })
        .collect();
    let answers = app.send_together(guesses).await;
    assert!(answers
        .iter()
        .all(|answer| answer.status() == StatusCode::SEE_OTHER));
    assert_eq!(codes_compared(app.pool()).await, 5);

    // Nora's codes are locked now, whoever has the password: no new code is sent.
    let mut nora = app.browser();
    assert_eq!(
        password_step(&mut nora, "nora", PASSWORD).await,
        "/login/child?return_to=%2Fme&error=locked&username=nora"
    );
    // And she is told that someone tried, without a word of what.
    let subjects: Vec<String> = sqlx::query_scalar(
        "select subject from outbox_message where recipient = $1 order by created_at",
    )
    .bind(NORA_EMAIL)
    .fetch_all(app.pool())
    .await
    .expect("messages");
    assert_eq!(
        subjects.last().map(String::as_str),
        Some("Noen prøvde å logge inn som deg i Stafett"),
        "{subjects:?}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn wrong_passwords_lock_out_the_guessing_address_not_the_child(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut attacker = app.browser_at("203.0.113.7");
    for _ in 0..4 {
        assert!(password_step(&mut attacker, "nora", "gjetter passord")
            .await
            .contains("error=invalid"));
    }
    assert!(password_step(&mut attacker, "nora", "gjetter passord")
        .await
        .contains("error=locked"));
    assert!(
        password_step(&mut attacker, "nora", PASSWORD)
            .await
            .contains("error=locked"),
        "the guessing address is locked out, even with the right password"
    );

    // She is told that someone tried.
    let told: i64 = sqlx::query_scalar(
        "select count(*) from outbox_message
         where recipient = $1 and subject = 'Noen prøvde å logge inn som deg i Stafett'",
    )
    .bind(NORA_EMAIL)
    .fetch_one(app.pool())
    .await
    .expect("count");
    assert_eq!(told, 1);

    // Nora, at home, logs in as always.
    let mut nora = app.browser_at("198.51.100.20");
    assert_eq!(
        password_step(&mut nora, "nora", PASSWORD).await,
        "/login/child/code?sent=email"
    );
    let code = latest_code(app.pool(), NORA_EMAIL).await;
    assert_eq!(code_step(&mut nora, &code).await, "/me");
}

#[sqlx::test(migrations = "../migrations")]
async fn many_usernames_tried_from_a_school_do_not_lock_its_children_out(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut someone = app.browser_at("192.0.2.50");
    for n in 0..20 {
        let answer = password_step(&mut someone, &format!("elev{n}"), "gjetter passord").await;
        assert!(answer.contains("error=invalid"), "{answer}");
    }
    // Nora, at the same school, still gets in.
    let mut nora = app.browser_at("192.0.2.50");
    assert_eq!(
        password_step(&mut nora, "nora", PASSWORD).await,
        "/login/child/code?sent=email"
    );
}

/// Moves Nora's birth date so that she turns 15 `days` from today in Oslo (0: today).
async fn nora_turns_15_in(pool: &PgPool, days: i32) {
    sqlx::query(
        "update child set birth_date =
             ((now() at time zone 'Europe/Oslo')::date + $1 - interval '15 years')::date
         where person_id = $2::uuid",
    )
    .bind(days)
    .bind(NORA)
    .execute(pool)
    .await
    .expect("birth date");
}

async fn logged_in_as_nora(app: &TestApp) -> Browser<'_> {
    let mut browser = app.browser();
    assert_eq!(
        password_step(&mut browser, "nora", PASSWORD).await,
        "/login/child/code?sent=email"
    );
    let code = latest_code(app.pool(), NORA_EMAIL).await;
    assert_eq!(code_step(&mut browser, &code).await, "/me");
    browser
}

const ENDING: &str =
    "logger du inn med ID-porten (for eksempel MinID) i stedet for med brukernavn og passord";

#[sqlx::test(migrations = "../migrations")]
async fn a_child_is_told_a_week_before_their_own_login_ends_at_15(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    nora_turns_15_in(app.pool(), 8).await;
    let mut browser = logged_in_as_nora(&app).await;
    let (_, _, html) = browser.page("/me").await;
    assert!(!html.contains(ENDING), "more than a week away: {html}");

    nora_turns_15_in(app.pool(), 7).await;
    let (_, _, html) = browser.page("/me").await;
    assert!(html.contains(ENDING), "{html}");
    let day: time::Date = sqlx::query_scalar("select (now() at time zone 'Europe/Oslo')::date + 7")
        .fetch_one(app.pool())
        .await
        .expect("day");
    let said = app::i18n::Lang::Nb.dates().date(day);
    assert!(
        html.contains(&format!("Fra {said} logger du inn")),
        "{said}: {html}"
    );

    // A login through ID-porten is no own login: nothing to warn about.
    let mut adult = app.as_person(NORA).await;
    let (_, _, html) = adult.page("/me").await;
    assert!(html.contains("Du er logget inn som Nora Lie") && !html.contains(ENDING));
}

#[sqlx::test(migrations = "../migrations")]
async fn at_15_the_own_login_ends_and_id_porten_lets_the_same_person_in(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    nora_turns_15_in(app.pool(), 1).await;
    let mut browser = logged_in_as_nora(&app).await;
    let (status, _, _) = browser.page("/me").await;
    assert_eq!(status, StatusCode::OK);

    // Her birthday comes while she is logged in: the next request finds no login.
    nora_turns_15_in(app.pool(), 0).await;
    let response = browser.get("/me").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/login?return_to=%2Fme");

    // The right password is no longer a way in, and no code is sent.
    let codes = count_codes(app.pool()).await;
    let refused = password_step(&mut browser, "nora", PASSWORD).await;
    assert_eq!(
        refused,
        "/login/child?return_to=%2Fme&error=grown&username=nora"
    );
    assert_eq!(count_codes(app.pool()).await, codes);
    let (_, _, html) = browser.page(&refused).await;
    assert!(
        html.contains("Du har fylt 15 år, og brukernavnet og passordet ditt virker ikke lenger."),
        "{html}"
    );
    assert!(
        html.contains(r#"href="/auth/login?return_to=/me""#),
        "{html}"
    );
    let ended: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'auth.own_login_ended' and actor_id = $1::uuid",
    )
    .bind(NORA)
    .fetch_one(app.pool())
    .await
    .expect("audit");
    assert_eq!(ended, 1);

    // ID-porten knows her by her national identity number: the same person, with all that
    // was hers.
    let mut grown = app.browser();
    log_in(&mut grown, &issuer, NORA).await;
    let (status, _, html) = grown.page("/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Du er logget inn som Nora Lie"), "{html}");
    let person: uuid::Uuid = sqlx::query_scalar(
        "select person_id from login_session where method = 'idporten' and ended_at is null",
    )
    .fetch_one(app.pool())
    .await
    .expect("her login");
    assert_eq!(person.to_string(), NORA);
}

async fn count_codes(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from login_code")
        .fetch_one(pool)
        .await
        .expect("codes")
}
