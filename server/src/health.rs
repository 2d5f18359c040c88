//! `/healthz`: 200 when the database is migrated and answers, 503 otherwise.

use app::server::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::sync::atomic::Ordering;
use std::time::Duration;

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if !state.database_ready.load(Ordering::Acquire) {
        return (StatusCode::SERVICE_UNAVAILABLE, "database not ready");
    }
    let ping = sqlx::query_scalar::<_, i32>("select 1").fetch_one(&state.pool);
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
