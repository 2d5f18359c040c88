//! The HTTP surface: pages and server functions (Leptos), health, static files, and the
//! layers every response passes through.

use crate::auth::{child_login, csrf, identify, idporten_routes, passkey, sessions};
use crate::state::ServerState;
use crate::{archive, attachment, security_headers};
use app::{shell, App};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::{DefaultOnFailure, TraceLayer};
use tracing::Level;

pub fn build(state: ServerState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let app = state.app.clone();
        move || provide_context(app.clone())
    };
    let page = {
        let options = state.app.leptos_options.clone();
        move || shell(options.clone())
    };
    let site_root = state.app.leptos_options.site_root.clone();
    let store = tower_sessions_sqlx_store::PostgresStore::new(state.app.pool.clone());
    let secure_cookies = state.secure_cookies();

    Router::new()
        .route("/auth/login", get(idporten_routes::login))
        .route("/auth/callback", get(idporten_routes::callback))
        .route("/auth/logout", post(idporten_routes::logout))
        .route("/auth/child/password", post(child_login::password))
        .route("/auth/child/code", post(child_login::code))
        .route(
            "/auth/passkey/register/start",
            post(passkey::register_start),
        )
        .route(
            "/auth/passkey/register/finish",
            post(passkey::register_finish),
        )
        .route("/auth/passkey/login/start", post(passkey::login_start))
        .route("/auth/passkey/login/finish", post(passkey::login_finish))
        .route("/api/meeting_ics", get(crate::calendar::meeting_ics))
        .route(
            "/api/attachments",
            post(attachment::upload).layer(attachment::upload_limit()),
        )
        .route("/api/attachment", get(attachment::download))
        .route("/api/log_copy", get(archive::copy::download))
        .leptos_routes_with_context(&state, routes, context.clone(), page)
        // Pages, server functions and the routes above learn who is asking; static files
        // (the fallback) and the two routes below do not need to.
        .route_layer(from_fn_with_state(state.clone(), identify::identify))
        .route(
            "/auth/backchannel-logout",
            post(idporten_routes::backchannel_logout),
        )
        .route("/healthz", get(crate::health::healthz))
        .route("/offline", get(crate::service_worker::offline))
        .route(
            "/manifest.webmanifest",
            get(crate::service_worker::manifest),
        )
        .route(
            "/sw.js",
            get({
                let version = crate::service_worker::version(&site_root);
                move || async move { crate::service_worker::script(&version) }
            }),
        )
        // The site's own files are served as files. Through leptos's fallback they could be
        // answered with another request's status: a stylesheet came back 404 while a
        // missing page was rendered at the same moment.
        .nest_service("/pkg", {
            let pkg = format!("{site_root}/pkg");
            crate::precompressed::drop_stale(std::path::Path::new(&pkg));
            ServeDir::new(pkg).precompressed_br().precompressed_gzip()
        })
        .nest_service("/fonts", ServeDir::new(format!("{site_root}/fonts")))
        .nest_service("/icons", ServeDir::new(format!("{site_root}/icons")))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(context, shell))
        .layer(from_fn_with_state(state.clone(), csrf::refuse_cross_site))
        .layer(sessions::layer(store, secure_cookies))
        .layer(from_fn(crate::api_errors::set_status))
        .layer(from_fn_with_state(
            security_headers::Policy { hsts: state.hsts },
            security_headers::add,
        ))
        .layer(CompressionLayer::new())
        .layer(
            // 5xx answers are logged as warnings here: the cause, if ours, is logged as an
            // error where it happened (a 503 while the database starts is expected).
            TraceLayer::new_for_http()
                .on_failure(DefaultOnFailure::new().level(Level::WARN))
                .make_span_with(request_span),
        )
        .with_state(state)
}

/// The method and path only: query strings may one day carry personal data.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}
