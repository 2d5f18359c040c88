//! Refuses cross-site state-changing requests before they reach any handler.
//!
//! Browsers label every request with `Sec-Fetch-Site` (and POSTs with `Origin`); a forged
//! request from another site cannot hide either. A request without both comes from no
//! browser (ID-porten's back-channel logout, a script) and carries no user's cookies, so it
//! cannot ride on anyone's session. Pages, links and forms never change state on GET.

use crate::state::ServerState;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn refuse_cross_site(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe(request.method()) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let allowed = match (fetch_site, origin) {
        // "none": typed or bookmarked by the user themselves, never a POST in practice.
        (Some(site), _) => site == "same-origin" || site == "none",
        (None, Some(origin)) => origin == state.public_origin(),
        (None, None) => !headers.contains_key(header::COOKIE),
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}
