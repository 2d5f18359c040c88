//! The state shared by every request, given to pages and server functions as context.

use crate::model::error::ApiError;
use leptos::prelude::*;
use sqlx::PgPool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Shared application state.
#[derive(Debug, Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub leptos_options: LeptosOptions,
    /// Set once the database was reached and migrated; until then requests needing it are
    /// answered with 503 instead of waiting on a pool that cannot connect.
    pub database_ready: Arc<AtomicBool>,
    /// Where users reach the app, without a trailing slash: the base of links in messages.
    pub public_url: String,
    /// The population register: where children and guardians come from.
    pub register: Arc<dyn crate::server::register::PopulationRegister>,
    /// Seals the codes queued in the outbox (see `seal`).
    pub data_key: crate::server::seal::SealKey,
    /// Push notices; none without a VAPID key.
    pub push: Option<crate::server::push::PushSettings>,
}

impl AppState {
    /// The state provided for this request, if the database is ready.
    pub fn from_context() -> Result<AppState, ApiError> {
        let state = use_context::<AppState>().ok_or(ApiError::Internal)?;
        if state.database_ready.load(Ordering::Acquire) {
            Ok(state)
        } else {
            Err(ApiError::Unavailable)
        }
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
