//! The one place server errors are logged and turned into client-facing [`ApiError`]s.

use crate::model::error::{ApiError, Field};
use crate::server::password::HashError;

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(%error, "database unavailable");
                ApiError::Unavailable
            }
            // A row that must exist is missing: a fault, not the client's unknown id (ids
            // from a request are looked up with `fetch_optional` and answered with 404).
            sqlx::Error::RowNotFound => {
                tracing::error!("a row that must exist is missing");
                ApiError::Internal
            }
            other => {
                tracing::error!(error = %other, "database error");
                ApiError::Internal
            }
        }
    }
}

impl From<HashError> for ApiError {
    fn from(error: HashError) -> Self {
        tracing::error!(%error, "password hashing failed");
        ApiError::Internal
    }
}

/// The constraints a user's choice can break, and the form field that is then wrong.
const CONSTRAINT_FIELDS: &[(&str, Field)] = &[
    // A service chosen twice, or a member of staff for a unit they do not work at.
    ("participant_unit_current_idx", Field::Services),
    ("participant_person_current_idx", Field::Services),
    ("participant_staff_of_unit", Field::Services),
    // The administrator's writes.
    ("unit_municipality_id_name_key", Field::UnitName),
    ("person_national_id_key", Field::NationalId),
    ("staff_last_administrator", Field::LastAdministrator),
    ("staff_unit_membership_same_municipality", Field::Unit),
];

/// A write's error as the client sees it: a named constraint the user's choice broke is
/// the field it names; any other error is a fault, logged once by `From<sqlx::Error>`.
pub fn refused_write(error: sqlx::Error) -> ApiError {
    let field = match &error {
        sqlx::Error::Database(database) => database.constraint().and_then(|constraint| {
            CONSTRAINT_FIELDS
                .iter()
                .find(|(name, _)| *name == constraint)
                .map(|(_, field)| *field)
        }),
        _ => None,
    };
    match field {
        Some(field) => field.into(),
        None => error.into(),
    }
}
