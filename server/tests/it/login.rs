//! Login, sessions and logout, through the real router and database, with ID-porten played
//! by the scripted provider in `support::issuer`.

use crate::support::issuer::{Grant, TestIssuer};
use crate::support::login::{begin, come_back, log_in, pid_of};
use crate::support::register::{synthetic_nin, Person, Register};
use crate::support::{backchannel_logout, location, query_param, text, TestApp};
use axum::http::StatusCode;
use base64::Engine;
use serde_json::json;
use sha2::Digest;
use sqlx::PgPool;

const KARI: &str = "00000000-0000-4000-8000-000000000301";
const STAFF_LEADER: &str = "00000000-0000-4000-8000-000000000201";

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql)
}

#[sqlx::test(migrations = "../migrations")]
async fn a_guardian_logs_in_with_pkce_and_a_new_session_id(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut browser = app.browser();

    let url = begin(&mut browser, "/me").await;
    assert!(url.starts_with(issuer.url()), "{url}");
    for (name, expected) in [
        ("response_type", "code"),
        ("client_id", crate::support::issuer::CLIENT_ID),
        ("scope", "openid profile"),
        ("acr_values", "idporten-loa-high"),
        ("ui_locales", "nb"),
        ("code_challenge_method", "S256"),
        ("redirect_uri", "http://127.0.0.1:3000/auth/callback"),
    ] {
        assert_eq!(query_param(&url, name).as_deref(), Some(expected), "{name}");
    }
    let before = browser.cookies.get("stafett_session").cloned();
    assert!(
        before.is_some(),
        "the pending login lives in a server-side session"
    );

    let pid = pid_of(app.pool(), KARI).await;
    let code = issuer.issue_code(&url, Grant::person(&pid));
    assert_eq!(come_back(&mut browser, &url, &code).await, "/me");
    assert_ne!(browser.cookies.get("stafett_session"), before.as_ref());
    let token = browser
        .cookies
        .get("stafett_login")
        .expect("a login cookie");
    let stored: Vec<u8> = sqlx::query_scalar("select token_hash from login_session")
        .fetch_one(app.pool())
        .await
        .expect("one login");
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .expect("base64url");
    assert_eq!(raw.len(), 32);
    assert_eq!(
        stored,
        sha2::Sha256::digest(&raw).to_vec(),
        "the database keeps only the token's hash"
    );

    let (status, _, html) = browser.page("/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Du er logget inn som Kari Nilsen"), "{html}");
    assert!(!html.contains(&pid), "the national id is not shown");
    assert_eq!(
        count(
            app.pool(),
            "select count(*) from audit_event where action = 'auth.login_succeeded'"
        )
        .await,
        1
    );
    let logged: String =
        sqlx::query_scalar("select string_agg(detail::text, ' ') from audit_event")
            .fetch_one(app.pool())
            .await
            .expect("audit");
    assert!(!logged.contains(&pid), "no national id in the audit trail");
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_log_in_with_their_units_and_roles(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut browser = app.browser();
    log_in(&mut browser, &issuer, STAFF_LEADER).await;
    let (_, _, html) = browser.page("/me").await;
    assert!(html.contains("Du jobber i"), "{html}");
    assert!(html.contains("enhetsleder"), "{html}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_callback_with_the_wrong_state_is_refused(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut browser = app.browser();
    let url = begin(&mut browser, "/me").await;
    let pid = pid_of(app.pool(), KARI).await;
    let code = issuer.issue_code(&url, Grant::person(&pid));
    let response = browser
        .arrive(&format!("/auth/callback?code={code}&state=forged"))
        .await;
    assert_eq!(location(&response), "/login?error=failed");
    assert_eq!(
        count(app.pool(), "select count(*) from login_session").await,
        0
    );
    // The pending login was destroyed: even the right state cannot be used now.
    assert_eq!(
        come_back(&mut browser, &url, &code).await,
        "/login?error=failed"
    );
    let (_, page, html) = browser.page("/me").await;
    assert!(page.starts_with("/login?return_to="), "{page}");
    assert!(html.contains("Logg inn med ID-porten"));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_id_token_with_the_wrong_nonce_is_refused(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut browser = app.browser();
    let url = begin(&mut browser, "/me").await;
    let mut grant = Grant::person(&pid_of(app.pool(), KARI).await);
    grant.nonce_override = Some("someone-elses-nonce".into());
    let code = issuer.issue_code(&url, grant);
    assert_eq!(
        come_back(&mut browser, &url, &code).await,
        "/login?error=failed"
    );
    assert_eq!(
        count(app.pool(), "select count(*) from login_session").await,
        0
    );
    assert_eq!(
        count(
            app.pool(),
            "select count(*) from audit_event
             where action = 'auth.login_failed' and detail->>'reason' = 'token_refused'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_login_below_the_highest_level_is_refused_with_a_clear_page(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut browser = app.browser();
    let url = begin(&mut browser, "/me").await;
    let mut grant = Grant::person(&pid_of(app.pool(), KARI).await);
    grant.acr = "idporten-loa-substantial".into();
    let code = issuer.issue_code(&url, grant);
    let page = come_back(&mut browser, &url, &code).await;
    assert_eq!(page, "/login?error=level");
    let (_, _, html) = browser.page(&page).await;
    assert!(
        html.contains("Du må logge inn på høyeste sikkerhetsnivå"),
        "{html}"
    );
    assert_eq!(
        count(app.pool(), "select count(*) from login_session").await,
        0
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_replayed_code_is_refused(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let pid = pid_of(app.pool(), KARI).await;
    let mut first = app.browser();
    let url = begin(&mut first, "/me").await;
    let code = issuer.issue_code(&url, Grant::person(&pid));
    assert_eq!(come_back(&mut first, &url, &code).await, "/me");

    // Another browser, with a login of its own under way, brings the used code.
    let mut second = app.browser();
    let second_url = begin(&mut second, "/me").await;
    assert_eq!(
        come_back(&mut second, &second_url, &code).await,
        "/login?error=failed"
    );
    assert_eq!(
        count(app.pool(), "select count(*) from login_session").await,
        1
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unknown_person_gets_a_clear_page_and_no_account(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let persons = count(app.pool(), "select count(*) from person").await;
    let mut browser = app.browser();
    let url = begin(&mut browser, "/me").await;
    // A synthetic number (month + 80) no one in the demo has.
    let code = issuer.issue_code(&url, Grant::person("01818512345"));
    let page = come_back(&mut browser, &url, &code).await;
    assert_eq!(page, "/login/no-log");
    let (_, _, html) = browser.page(&page).await;
    assert!(
        html.contains("Ingen stafettlogg er knyttet til deg"),
        "{html}"
    );
    assert!(html.contains("Vi har ikke opprettet noen bruker for deg"));
    assert_eq!(
        count(app.pool(), "select count(*) from person").await,
        persons
    );
    assert_eq!(
        count(app.pool(), "select count(*) from login_session").await,
        0
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn logout_ends_the_session_here_and_at_the_provider(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut browser = app.browser();
    log_in(&mut browser, &issuer, KARI).await;
    let token = browser
        .cookies
        .get("stafett_login")
        .cloned()
        .expect("cookie");
    let response = browser.post_form("/auth/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        browser.cookies.get("stafett_login"),
        None,
        "the cookie is cleared"
    );
    // A page that moves on by itself (a redirect would break the form-action policy).
    let page = text(response).await;
    let end_session = page
        .split("http-equiv=\"refresh\" content=\"0; url=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a refresh to the provider")
        .replace("&amp;", "&");
    assert!(page.contains("Du er logget ut av Stafett"), "{page}");
    assert!(
        end_session.starts_with(&format!("{}/endsession?", issuer.url())),
        "{end_session}"
    );
    assert!(query_param(&end_session, "id_token_hint").is_some());
    assert_eq!(
        query_param(&end_session, "post_logout_redirect_uri").as_deref(),
        Some("http://127.0.0.1:3000/logged-out")
    );
    let (_, page, _) = browser.page("/me").await;
    assert!(page.starts_with("/login"), "{page}");
    // A copy of the cookie kept from before is worth nothing, and is cleared.
    browser.cookies.insert("stafett_login".into(), token);
    let (_, page, _) = browser.page("/me").await;
    assert!(page.starts_with("/login"), "{page}");
    assert_eq!(browser.cookies.get("stafett_login"), None);
    assert_eq!(
        count(
            app.pool(),
            "select count(*) from login_session where ended_reason = 'logout'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_backchannel_logout_ends_the_matching_sessions_only(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut kari = app.browser();
    log_in(&mut kari, &issuer, KARI).await;
    let mut leader = app.browser();
    log_in(&mut leader, &issuer, STAFF_LEADER).await;
    let kari_sid = format!("sid-{}", pid_of(app.pool(), KARI).await);

    // Spoiled tokens change nothing.
    let mut from_provider = app.browser();
    for spoiled in [
        json!({ "aud": "another-client" }),
        json!({ "iss": "https://evil.example" }),
        json!({ "events": {} }),
        json!({ "nonce": "n" }),
        json!({ "iat": 1_000_000_000 }),
        json!({ "exp": 1_000_000_000 }),
        json!({ "exp": null }),
        json!({ "jti": null }),
        json!({ "events": { "http://schemas.openid.net/event/backchannel-logout": "yes" } }),
    ] {
        let token = issuer.logout_token(&kari_sid, spoiled.clone());
        let response = from_provider
            .send_raw_form("/auth/backchannel-logout", &[("logout_token", &token)])
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{spoiled}");
    }
    let forged = format!("{}x", issuer.logout_token(&kari_sid, json!({})));
    let response = from_provider
        .send_raw_form("/auth/backchannel-logout", &[("logout_token", &forged)])
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(kari.page("/me").await.0, StatusCode::OK);

    let token = issuer.logout_token(&kari_sid, json!({}));
    let response = from_provider
        .send_raw_form("/auth/backchannel-logout", &[("logout_token", &token)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, page, _) = kari.page("/me").await;
    assert!(page.starts_with("/login"), "{page}");
    let (_, page, _) = leader.page("/me").await;
    assert_eq!(page, "/me");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_logout_token_must_be_typed_as_one_and_is_taken_once(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut kari = app.browser();
    log_in(&mut kari, &issuer, KARI).await;
    let kari_sid = format!("sid-{}", pid_of(app.pool(), KARI).await);
    let send = |token: String| app.send(backchannel_logout(&token));

    // Another kind of signed token (an ID token is typed "JWT") is not a logout token.
    let id_token_like =
        issuer.logout_token_with_header(&kari_sid, json!({ "typ": "JWT" }), json!({}));
    assert_eq!(send(id_token_like).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(kari.page("/me").await.1, "/me");

    // Without a type it is taken, once.
    let token = issuer.logout_token_with_header(&kari_sid, json!({ "typ": null }), json!({}));
    assert_eq!(send(token.clone()).await.status(), StatusCode::OK);
    assert_eq!(
        send(token).await.status(),
        StatusCode::BAD_REQUEST,
        "a replay"
    );
    assert_eq!(
        count(
            app.pool(),
            "select count(*) from audit_event where detail->>'via' = 'idporten_backchannel'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_signing_keys_do_not_make_us_fetch_the_keys_every_time(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut kari = app.browser();
    log_in(&mut kari, &issuer, KARI).await;
    let kari_sid = format!("sid-{}", pid_of(app.pool(), KARI).await);
    let fetched = issuer.key_fetches();
    for n in 0..10 {
        let token = issuer.logout_token_with_header(
            &kari_sid,
            json!({ "kid": format!("unknown-{n}") }),
            json!({}),
        );
        let response = app.send(backchannel_logout(&token)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }
    assert!(
        issuer.key_fetches() - fetched <= 1,
        "fetched the keys {} times",
        issuer.key_fetches() - fetched
    );
    assert_eq!(kari.page("/me").await.1, "/me");
}

/// The `Set-Cookie` headers of `response`.
fn set_cookies(response: &axum::response::Response) -> Vec<String> {
    response
        .headers()
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().expect("ascii").to_string())
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn over_https_cookies_are_bound_to_the_host_and_browsers_told_to_keep_to_https(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let public_url = ("STAFETT_PUBLIC_URL", "https://stafett.fjordvik.example");
    let app = TestApp::configured(pool, &[("IDPORTEN_ISSUER", issuer.url()), public_url]).await;
    let mut browser = app.browser();
    let response = browser.get("/auth/login?return_to=/me").await;
    let hsts = response.headers().get("strict-transport-security").cloned();
    assert_eq!(
        hsts.as_ref().and_then(|v| v.to_str().ok()),
        Some("max-age=31536000")
    );
    let session = set_cookies(&response);
    assert!(
        session
            .iter()
            .any(|cookie| cookie.starts_with("__Host-stafett_session=")),
        "{session:?}"
    );
    let url = location(&response);
    let pid = pid_of(app.pool(), KARI).await;
    let code = issuer.issue_code(&url, Grant::person(&pid));
    let state = query_param(&url, "state").expect("state");
    let response = browser
        .arrive(&format!("/auth/callback?code={code}&state={state}"))
        .await;
    assert_eq!(location(&response), "/me");
    let login = set_cookies(&response)
        .into_iter()
        .find(|cookie| cookie.starts_with("__Host-stafett_login="))
        .expect("a __Host- login cookie");
    for attribute in ["Secure", "HttpOnly", "Path=/", "SameSite=Lax"] {
        assert!(login.contains(attribute), "{login}");
    }
    assert!(!login.contains("Domain"), "{login}");
    let (status, _, html) = browser.page("/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Du er logget inn som Kari Nilsen"));

    // HSTS can be turned off (e.g. while a proxy sets it), and is never sent over plain http.
    let off = [public_url, ("STAFETT_HSTS", "false")];
    let app = TestApp::configured(app.pool().clone(), &off).await;
    assert!(app
        .get("/")
        .await
        .headers()
        .get("strict-transport-security")
        .is_none());
    let app = TestApp::seeded(app.pool().clone()).await;
    assert!(app
        .get("/")
        .await
        .headers()
        .get("strict-transport-security")
        .is_none());
}

/// Whether any JWT-looking part of `stored` decodes to text naming `pid`.
fn reveals(stored: &str, pid: &str) -> bool {
    stored.contains(pid)
        || stored
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .filter_map(|part| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(part)
                    .ok()
            })
            .any(|bytes| String::from_utf8_lossy(&bytes).contains(pid))
}

#[sqlx::test(migrations = "../migrations")]
async fn the_id_token_is_kept_unreadable_only_while_the_login_lasts(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut kari = app.browser();
    log_in(&mut kari, &issuer, KARI).await;
    let pid = pid_of(app.pool(), KARI).await;
    // (The test provider's `sid` is made from the pid; ID-porten's is opaque.)
    let stored: String = sqlx::query_scalar(
        "select string_agg((to_jsonb(l) - 'idporten_sid')::text, ' ') from login_session l",
    )
    .fetch_one(app.pool())
    .await
    .expect("logins");
    assert!(
        !reveals(&stored, &pid),
        "the national id is readable: {stored}"
    );

    // Logging out still tells ID-porten which login ends.
    let page = text(kari.post_form("/auth/logout", &[]).await).await;
    assert!(page.contains("id_token_hint="), "{page}");

    // A login that timed out keeps no token; ended logins are deleted after 30 days.
    let mut again = app.browser();
    log_in(&mut again, &issuer, KARI).await;
    sqlx::query("update login_session set last_seen_at = now() - interval '31 minutes' where ended_at is null")
        .execute(app.pool())
        .await
        .expect("idle");
    sqlx::query("select purge_logins()")
        .execute(app.pool())
        .await
        .expect("purge");
    assert_eq!(
        count(
            app.pool(),
            "select count(*) from login_session where id_token is not null"
        )
        .await,
        0
    );
    assert_eq!(
        count(app.pool(), "select count(*) from login_session").await,
        2
    );
    sqlx::query(
        "update login_session set created_at = now() - interval '31 days',
                last_seen_at = now() - interval '31 days',
                ended_at = case when ended_at is null then null else now() - interval '31 days' end",
    )
    .execute(app.pool())
    .await
    .expect("a month passes");
    sqlx::query("select purge_logins()")
        .execute(app.pool())
        .await
        .expect("purge");
    assert_eq!(
        count(app.pool(), "select count(*) from login_session").await,
        0
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn cross_site_state_changes_are_refused(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut browser = app.browser();
    log_in(&mut browser, &issuer, KARI).await;
    let cookie = format!(
        "stafett_login={}",
        browser.cookies.get("stafett_login").expect("cookie")
    );
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("sec-fetch-site", "same-site"),
        ("origin", "https://evil.example"),
        ("x-no-browser-headers", "but a cookie"),
    ] {
        for path in [
            "/auth/logout",
            "/api/log_out_everywhere",
            "/api/set_language",
        ] {
            let request = axum::http::Request::post(path)
                .header(name, value)
                .header("cookie", &cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("lang=en&return_to=%2F"))
                .expect("request");
            let response = app.send(request).await;
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{path} with {name}"
            );
        }
    }
    assert_eq!(
        browser.page("/me").await.0,
        StatusCode::OK,
        "still logged in"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn sessions_end_after_30_idle_minutes_and_after_12_hours(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut idle = app.browser();
    log_in(&mut idle, &issuer, KARI).await;
    let mut old = app.browser();
    log_in(&mut old, &issuer, STAFF_LEADER).await;
    sqlx::query(
        "update login_session set last_seen_at = now() - interval '31 minutes',
                created_at = now() - interval '40 minutes'
         where person_id = $1::uuid",
    )
    .bind(KARI)
    .execute(app.pool())
    .await
    .expect("age");
    sqlx::query(
        "update login_session set created_at = now() - interval '12 hours 1 minute'
         where person_id = $1::uuid",
    )
    .bind(STAFF_LEADER)
    .execute(app.pool())
    .await
    .expect("age");
    for browser in [&mut idle, &mut old] {
        let (_, page, _) = browser.page("/me").await;
        assert!(page.starts_with("/login?return_to=%2Fme"), "{page}");
        let response = browser.get("/api/sessions").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn log_out_everywhere_ends_every_login_of_the_person(pool: PgPool) {
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let mut phone = app.browser();
    log_in(&mut phone, &issuer, KARI).await;
    let mut laptop = app.browser();
    log_in(&mut laptop, &issuer, KARI).await;
    let mut leader = app.browser();
    log_in(&mut leader, &issuer, STAFF_LEADER).await;

    let sessions = crate::support::json(phone.get("/api/sessions").await).await;
    let sessions = sessions.as_array().expect("list");
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    let (_, _, html) = phone.page("/sessions").await;
    assert!(html.contains("Denne nettleseren"), "{html}");
    assert!(html.contains("Logg ut overalt"));

    let response = phone.post_form("/api/log_out_everywhere", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/logged-out");
    for browser in [&mut phone, &mut laptop] {
        let (_, page, _) = browser.page("/me").await;
        assert!(page.starts_with("/login"), "{page}");
    }
    assert_eq!(leader.page("/me").await.1, "/me");
}

/// Logs in with ID-porten as the holder of `pid`; where the browser is sent.
async fn arrive_as(
    issuer: &TestIssuer,
    browser: &mut crate::support::Browser<'_>,
    pid: &str,
) -> String {
    let url = begin(browser, "/me").await;
    let code = issuer.issue_code(&url, Grant::person(pid));
    come_back(browser, &url, &code).await
}

/// Silje Haug is unknown to Stafett, but the population register shows her with parental
/// responsibility for Ella (7): she and Ella are stored as the register has them, she is let
/// in, and Min side offers her to ask for a log.
#[sqlx::test(migrations = "../migrations")]
async fn a_guardian_new_to_stafett_is_let_in_from_the_register(pool: PgPool) {
    let register = Register::require();
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let silje = register.number_of("Silje Haug").await;
    let persons = count(app.pool(), "select count(*) from person").await;
    let mut browser = app.browser();
    assert_eq!(arrive_as(&issuer, &mut browser, &silje).await, "/me");
    assert_eq!(
        count(app.pool(), "select count(*) from person").await,
        persons + 2,
        "Silje and Ella"
    );
    let stored: (String, bool, String) = sqlx::query_as(
        "select c.given_name || ' ' || c.family_name, g.has_parental_responsibility, g.residence
         from guardianship g join person p on p.person_id = g.guardian_id
         join person c on c.person_id = g.child_id where p.national_id = $1",
    )
    .bind(&silje)
    .fetch_one(app.pool())
    .await
    .expect("her guardianship");
    assert_eq!(stored, ("Ella Haug".into(), true, "lives_together".into()));
    let (status, _, html) = browser.page("/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Du er logget inn som Silje Haug"), "{html}");
    assert!(html.contains("href=\"/ask-for-log\""), "{html}");
    let (status, _, html) = browser.page("/ask-for-log").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ella Haug"), "{html}");
    let logged: String =
        sqlx::query_scalar("select string_agg(action || detail::text, ' ') from audit_event")
            .fetch_one(app.pool())
            .await
            .expect("audit");
    assert!(logged.contains("auth.admitted_from_register"), "{logged}");
    assert!(
        !logged.contains(&silje),
        "no national id in the audit trail"
    );

    // The next login finds her stored: nothing is stored twice.
    let mut again = app.browser();
    assert_eq!(arrive_as(&issuer, &mut again, &silje).await, "/me");
    assert_eq!(
        count(app.pool(), "select count(*) from person").await,
        persons + 2
    );
}

/// A youth of 16 unknown to Stafett is let in; a 14-year-old, a father without parental
/// responsibility and a grown-up without children get the polite refusal, and nothing is
/// stored for them.
#[sqlx::test(migrations = "../migrations")]
async fn a_youth_from_fifteen_is_let_in_and_others_unknown_are_not(pool: PgPool) {
    let register = Register::require();
    let issuer = TestIssuer::start().await;
    let app = TestApp::with_issuer(pool, issuer.url()).await;
    let year = time::OffsetDateTime::now_utc().year();
    let alone = |nin: &str, given: &'static str, born: &str| -> serde_json::Value {
        Person {
            nin,
            given,
            family: "Nyland",
            born,
            status: "bosatt",
            home: "nyland",
            relations: vec![],
            responsible: vec![],
            shared_residence: false,
        }
        .document()
    };
    let youth = synthetic_nin(year - 16, 1, 15, 771);
    register
        .put(
            &youth,
            &alone(&youth, "Vilde", &format!("{}-01-15", year - 16)),
        )
        .await;
    let young = synthetic_nin(year - 14, 1, 15, 772);
    register
        .put(
            &young,
            &alone(&young, "Sindre", &format!("{}-01-15", year - 14)),
        )
        .await;
    // Tobias (10) lives with his mother, who alone has parental responsibility; his father
    // is named in the register but has none.
    let child = synthetic_nin(year - 10, 2, 2, 773);
    let mother = synthetic_nin(1985, 5, 5, 773);
    let father = synthetic_nin(1983, 3, 3, 773);
    let born = format!("{}-02-02", year - 10);
    register
        .put(
            &child,
            &Person {
                nin: &child,
                given: "Tobias",
                family: "Nyland",
                born: &born,
                status: "bosatt",
                home: "nyland",
                relations: vec![(&mother, "mor"), (&father, "far")],
                responsible: vec![&mother],
                shared_residence: false,
            }
            .document(),
        )
        .await;
    register
        .put(
            &father,
            &Person {
                nin: &father,
                given: "Frode",
                family: "Nyland",
                born: "1983-03-03",
                status: "bosatt",
                home: "elsewhere",
                relations: vec![(&child, "barn")],
                responsible: vec![],
                shared_residence: false,
            }
            .document(),
        )
        .await;
    let grown_up = register.number_of("Marte Solheim").await;

    let persons = count(app.pool(), "select count(*) from person").await;
    for refused in [&young, &father, &grown_up] {
        let mut browser = app.browser();
        assert_eq!(
            arrive_as(&issuer, &mut browser, refused).await,
            "/login/no-log",
            "{refused}"
        );
    }
    assert_eq!(
        count(app.pool(), "select count(*) from person").await,
        persons
    );
    assert_eq!(
        count(app.pool(), "select count(*) from login_session").await,
        0
    );

    let mut browser = app.browser();
    assert_eq!(arrive_as(&issuer, &mut browser, &youth).await, "/me");
    assert_eq!(
        count(app.pool(), "select count(*) from person").await,
        persons + 1,
        "only Vilde"
    );
    let (_, _, html) = browser.page("/me").await;
    assert!(html.contains("href=\"/ask-for-log\""), "{html}");
}
