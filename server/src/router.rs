//! The HTTP surface: pages and server functions (Leptos), health, static files, and the
//! layers every response passes through.

use app::server::state::AppState;
use app::{shell, App};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::trace::{DefaultOnFailure, TraceLayer};
use tracing::Level;

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let page = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };

    Router::new()
        .route("/healthz", get(crate::health::healthz))
        .leptos_routes_with_context(&state, routes, context.clone(), page)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::from_fn(crate::api_errors::set_status))
        .layer(axum::middleware::from_fn(crate::security_headers::add))
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
