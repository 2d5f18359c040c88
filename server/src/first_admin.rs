//! The municipality's first administrator, named by a setting (`STAFETT_FIRST_ADMIN`) and
//! made at start, after the migrations. Idempotent, and only while the municipality has no
//! administrator at all: once one exists, administrators name each other in the app, and a
//! setting left in place cannot make someone an administrator again after they were removed.

use sqlx::PgPool;

/// The settings naming the first administrator.
#[derive(Clone, PartialEq, Eq)]
pub struct FirstAdmin {
    /// Personal data: never logged (see the `Debug` impl).
    pub national_id: String,
    /// Used only if nobody with the number is known yet.
    pub given_name: String,
    pub family_name: String,
    /// The municipality; made if it does not exist. `None`: the one municipality there is.
    pub municipality: Option<String>,
}

impl std::fmt::Debug for FirstAdmin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FirstAdmin")
            .field("national_id", &"<redacted>")
            .field("municipality", &self.municipality)
            .finish_non_exhaustive()
    }
}

/// What [`ensure`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The person is now the municipality's administrator.
    Made,
    /// The municipality already had an administrator: nothing was changed.
    AlreadyAdministered,
}

#[derive(Debug, thiserror::Error)]
pub enum FirstAdminError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("STAFETT_FIRST_ADMIN: there is not exactly one municipality; name it in STAFETT_MUNICIPALITY")]
    WhichMunicipality,
    #[error("STAFETT_FIRST_ADMIN: the person is staff of another municipality")]
    StaffElsewhere,
}

/// Makes the person of `first` an administrator (and staff, and a person, as needed) of the
/// municipality, if it has no administrator yet; audited as `admin.first_administrator`.
pub async fn ensure(pool: &PgPool, first: &FirstAdmin) -> Result<Outcome, FirstAdminError> {
    let mut tx = pool.begin().await?;
    // One server at a time, so instances starting together do not both act.
    sqlx::query("select pg_advisory_xact_lock(hashtextextended('first_administrator', 0))")
        .execute(&mut *tx)
        .await?;
    if let Some(name) = &first.municipality {
        sqlx::query!(
            "insert into municipality (name) values ($1) on conflict (name) do nothing",
            name
        )
        .execute(&mut *tx)
        .await?;
    }
    let municipalities = sqlx::query_scalar!(
        "select municipality_id from municipality where $1::text is null or name = $1",
        first.municipality
    )
    .fetch_all(&mut *tx)
    .await?;
    let [municipality_id] = municipalities[..] else {
        return Err(FirstAdminError::WhichMunicipality);
    };
    let administered = sqlx::query_scalar!(
        r#"select exists (select 1 from staff where municipality_id = $1 and is_administrator) as "administered!""#,
        municipality_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if administered {
        return Ok(Outcome::AlreadyAdministered);
    }
    let person_id = match sqlx::query_scalar!(
        "select person_id from person where national_id = $1",
        first.national_id
    )
    .fetch_optional(&mut *tx)
    .await?
    {
        Some(person_id) => person_id,
        None => {
            sqlx::query_scalar!(
                "insert into person (given_name, family_name, national_id) values ($1, $2, $3)
                 returning person_id",
                first.given_name,
                first.family_name,
                first.national_id
            )
            .fetch_one(&mut *tx)
            .await?
        }
    };
    let staff_of = sqlx::query_scalar!(
        "select municipality_id from staff where person_id = $1",
        person_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    match staff_of {
        Some(other) if other != municipality_id => return Err(FirstAdminError::StaffElsewhere),
        Some(_) => {
            sqlx::query!(
                "update staff set is_administrator = true where person_id = $1",
                person_id
            )
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query!(
                "insert into staff (person_id, municipality_id, is_administrator)
                 values ($1, $2, true)",
                person_id,
                municipality_id
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    app::server::audit::record(
        &mut tx,
        None,
        "admin.first_administrator",
        serde_json::json!({ "person_id": person_id, "municipality_id": municipality_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Made)
}
