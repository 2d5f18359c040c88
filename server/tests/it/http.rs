//! The HTTP surface driven in-process against a fresh, migrated and seeded database.

use crate::support::{json, text, TestApp};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sqlx::PgPool;
use std::sync::atomic::Ordering;

fn names(units: &serde_json::Value) -> Vec<&str> {
    units
        .as_array()
        .expect("array")
        .iter()
        .map(|u| u["name"].as_str().expect("name"))
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn units_endpoint_lists_the_directory_in_norwegian_order(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let response = app.get("/api/units").await;
    assert_eq!(response.status(), StatusCode::OK);
    let units = json(response).await;
    let names = names(&units);
    assert_eq!(names.len(), 8, "{names:?}");
    let mut sorted = names.clone();
    sorted.sort_by_key(|name| name.to_lowercase());
    assert_eq!(names, sorted);
    assert!(units[0]["unit_id"]
        .as_str()
        .is_some_and(|id| id.len() == 36));
}

#[sqlx::test(migrations = "../migrations")]
async fn units_endpoint_filters_by_kind(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let units = json(app.get("/api/units?kind=school").await).await;
    assert_eq!(
        names(&units),
        ["Fjordvik barneskole", "Fjordvik ungdomsskole"]
    );
    assert!(units
        .as_array()
        .expect("array")
        .iter()
        .all(|u| u["kind"] == "school"));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unknown_kind_is_a_bad_request_with_a_stable_code(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let response = app.get("/api/units?kind=skole").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(response).await["error"], "bad_request");
}

#[sqlx::test(migrations = "../migrations")]
async fn unit_endpoint_answers_404_for_an_unknown_unit(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let response = app
        .get("/api/unit?unit_id=00000000-0000-0000-0000-000000000000")
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(json(response).await["error"], "not_found");
}

#[sqlx::test(migrations = "../migrations")]
async fn unit_endpoint_returns_the_contact_information(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let units = json(app.get("/api/units?kind=gp").await).await;
    let id = units[0]["unit_id"].as_str().expect("id");
    let unit = json(app.get(&format!("/api/unit?unit_id={id}")).await).await;
    assert_eq!(unit["summary"]["name"], "Fjordvik legesenter");
    assert_eq!(unit["municipality_name"], "Fjordvik kommune");
    assert!(unit["summary"]["phone"]
        .as_str()
        .is_some_and(|p| !p.is_empty()));
}

#[sqlx::test(migrations = "../migrations")]
async fn directory_page_is_rendered_on_the_server_with_a_nonced_policy(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let response = app.get("/?kind=school").await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("nonce");
    let html = text(response).await;
    assert!(html.contains("<html lang=\"nb\""), "{html}");
    assert!(html.contains("Tjenester og enheter"));
    assert!(html.contains("Fjordvik ungdomsskole"));
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
    assert!(
        html.contains("Viser 2 av 8 enheter"),
        "the filter applies without JavaScript"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_render_in_the_language_of_the_cookie(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    for (code, heading) in [("nn", "Tenester og einingar"), ("en", "Services and units")] {
        let request = Request::get("/")
            .header(header::COOKIE, format!("stafett_lang={code}"))
            .body(Body::empty())
            .expect("request");
        let html = text(app.send(request).await).await;
        assert!(html.contains(&format!("<html lang=\"{code}\"")), "{code}");
        assert!(html.contains(heading), "{code}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_units_and_pages_answer_404_with_a_page(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    for uri in [
        "/units/00000000-0000-0000-0000-000000000000",
        "/units/not-a-uuid",
        "/no-such-page",
    ] {
        let response = app.get(uri).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
        assert!(text(response).await.contains("Fant ikke siden"), "{uri}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn set_language_sets_the_cookie_and_returns_to_the_page(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let post = |body: &'static str| {
        Request::post("/api/set_language")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .body(Body::from(body))
            .expect("request")
    };
    let response = app.send(post("lang=en&return_to=%2F%3Fkind%3Dgp")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/?kind=gp");
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("ascii");
    assert!(cookie.starts_with("stafett_lang=en;"), "{cookie}");

    let response = app.send(post("lang=en&return_to=%2F%2Fevil.example")).await;
    assert_eq!(
        response.headers()[header::LOCATION],
        "/",
        "no open redirect"
    );

    // An unknown language sends the browser back with the error to show, and sets nothing.
    let response = app
        .send(
            Request::post("/api/set_language")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, format!("{}/", crate::support::PUBLIC_URL))
                .body(Body::from("lang=de&return_to=%2F"))
                .expect("request"),
        )
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("ascii");
    assert!(location.contains("__err="), "{location}");
    assert!(response.headers().get(header::SET_COOKIE).is_none());
}

#[sqlx::test(migrations = "../migrations")]
async fn every_response_carries_the_security_headers(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    for uri in ["/", "/api/units", "/healthz", "/no-such-page"] {
        let response = app.get(uri).await;
        let headers = response.headers();
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{uri}");
        assert_eq!(headers[header::CACHE_CONTROL], "private, no-store", "{uri}");
        let csp = headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn health_is_503_until_the_database_is_ready(pool: PgPool) {
    let waiting = TestApp::with_readiness(pool.clone(), false);
    assert_eq!(
        waiting.get("/healthz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        waiting.get("/api/units").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    let page = waiting.get("/").await;
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(text(page)
        .await
        .contains("Tjenesten er midlertidig utilgjengelig"));

    let ready = TestApp::with_readiness(pool, true);
    assert_eq!(ready.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_unreachable_database_is_retried_not_fatal() {
    // Nothing listens on port 1: every connection attempt fails at once.
    let pool = server::database::lazy_pool("postgres://stafett@127.0.0.1:1/stafett").expect("url");
    let app = TestApp::with_readiness(pool.clone(), false);
    let ready = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let preparation = server::database::prepare(&pool, false, ready.clone());
    let still_retrying = tokio::time::timeout(std::time::Duration::from_secs(3), preparation).await;
    assert!(
        still_retrying.is_err(),
        "preparation must keep retrying, not give up"
    );
    assert!(!ready.load(Ordering::Acquire));
    assert_eq!(
        app.get("/healthz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[sqlx::test(migrations = false)]
async fn preparation_migrates_seeds_and_marks_the_database_ready(pool: PgPool) {
    let ready = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    server::database::prepare(&pool, true, ready.clone())
        .await
        .expect("prepared");
    assert!(ready.load(Ordering::Acquire));
    let units: i64 = sqlx::query_scalar("select count(*) from unit")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(units, 8);
}

#[sqlx::test(migrations = false)]
async fn the_server_refuses_a_superuser_unless_it_is_a_demo(pool: PgPool) {
    // The tests connect as the owner, which is not a superuser: the cluster's superuser is
    // `postgres` (scripts/lib/pg.sh).
    let owner: bool =
        sqlx::query_scalar("select rolsuper from pg_roles where rolname = current_user")
            .fetch_one(&pool)
            .await
            .expect("owner");
    assert!(!owner, "the tests connect as a superuser");
    let superuser = crate::support::superuser(&pool);
    let ready = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let refused = server::database::prepare(&superuser, false, ready.clone())
        .await
        .expect_err("refused");
    assert!(
        refused.to_string().contains("superuser"),
        "one line that says why: {refused}"
    );
    assert!(!ready.load(Ordering::Acquire));
    let migrated: bool = sqlx::query_scalar("select to_regclass('_sqlx_migrations') is not null")
        .fetch_one(&pool)
        .await
        .expect("migrated?");
    assert!(!migrated, "nothing was migrated");

    // A demo's fictional data may be served by a superuser.
    server::database::prepare(&superuser, true, ready.clone())
        .await
        .expect("prepared for a demo");
    assert!(ready.load(Ordering::Acquire));
}
