//! The one place server errors are logged and turned into client-facing [`ApiError`]s.

use crate::api::error::ApiError;
use leptos::prelude::*;

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(%error, "database unavailable");
                ApiError::Unavailable
            }
            sqlx::Error::RowNotFound => ApiError::NotFound,
            other => {
                tracing::error!(error = %other, "database error");
                ApiError::Internal
            }
        }
    }
}

/// Passes a server function's result through, setting the HTTP status of an error so that
/// API clients and pages rendered on the server answer with the right status code.
pub fn respond_with<T>(result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(error.status());
        }
    }
    result
}
