//! A holder's request for a log: the child and guardians registered (or picked), the log
//! created waiting for consent, the holder and the services to involve named.

use crate::api::error::{ApiError, Field};
use crate::api::identity::Identity;
use crate::api::log::{LogRequest, StaffChoice};
use crate::domain::consent::Residence;
use crate::domain::national_id;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A person as the form gives them, checked.
pub struct NewPerson {
    pub given_name: String,
    pub family_name: String,
    pub national_id: String,
}

pub struct ValidGuardian {
    pub person: NewPerson,
    pub responsible: bool,
}

pub struct ValidRequest {
    pub child: NewPerson,
    pub birth_date: time::Date,
    pub guardians: Vec<ValidGuardian>,
    pub residence: Residence,
    pub holder_unit: Uuid,
    /// (unit, member of staff).
    pub services: Vec<(Uuid, Uuid)>,
}

fn name(value: &str, field: Field) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > 100 {
        return Err(ApiError::Invalid { field });
    }
    Ok(value.to_string())
}

fn national(value: &str, field: Field) -> Result<String, ApiError> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if !national_id::is_valid(&digits) {
        return Err(ApiError::Invalid { field });
    }
    Ok(digits)
}

fn person(given: &str, family: &str, id: &str, fields: [Field; 3]) -> Result<NewPerson, ApiError> {
    Ok(NewPerson {
        given_name: name(given, fields[0])?,
        family_name: name(family, fields[1])?,
        national_id: national(id, fields[2])?,
    })
}

fn service(value: &str) -> Result<Option<(Uuid, Uuid)>, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let invalid = ApiError::Invalid {
        field: Field::Services,
    };
    let (unit, person) = value.split_once('/').ok_or(invalid)?;
    match (Uuid::parse_str(unit), Uuid::parse_str(person)) {
        (Ok(unit), Ok(person)) => Ok(Some((unit, person))),
        _ => Err(invalid),
    }
}

/// "YYYY-MM-DD", as a date input sends it.
fn iso_date(text: &str) -> Option<time::Date> {
    let mut parts = text.splitn(3, '-').map(str::parse::<i32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
}

/// Checks every field; the first wrong one is named.
pub fn validate(identity: &Identity, request: &LogRequest) -> Result<ValidRequest, ApiError> {
    let child = person(
        &request.child_given_name,
        &request.child_family_name,
        &request.child_national_id,
        [
            Field::ChildGivenName,
            Field::ChildFamilyName,
            Field::ChildNationalId,
        ],
    )?;
    let birth_date = iso_date(request.child_birth_date.trim())
        .filter(|date| national_id::birth_date(&child.national_id) == Some(*date))
        .ok_or(ApiError::Invalid {
            field: Field::ChildBirthDate,
        })?;
    let mut guardians = vec![ValidGuardian {
        person: person(
            &request.guardian_given_name,
            &request.guardian_family_name,
            &request.guardian_national_id,
            [
                Field::GuardianGivenName,
                Field::GuardianFamilyName,
                Field::GuardianNationalId,
            ],
        )?,
        responsible: request.guardian_responsible.is_some(),
    }];
    let second = [
        &request.second_guardian_given_name,
        &request.second_guardian_family_name,
        &request.second_guardian_national_id,
    ];
    if second.iter().any(|value| !value.trim().is_empty()) {
        guardians.push(ValidGuardian {
            person: person(
                second[0],
                second[1],
                second[2],
                [
                    Field::SecondGuardianGivenName,
                    Field::SecondGuardianFamilyName,
                    Field::SecondGuardianNationalId,
                ],
            )?,
            responsible: request.second_guardian_responsible.is_some(),
        });
    }
    let residence = Residence::from_code(&request.residence).ok_or(ApiError::BadRequest)?;
    if !identity
        .staff_units
        .iter()
        .any(|unit| unit.unit_id == request.holder_unit)
    {
        return Err(ApiError::Invalid {
            field: Field::HolderUnit,
        });
    }
    let services: Vec<(Uuid, Uuid)> = [
        service(&request.first_service)?,
        service(&request.second_service)?,
    ]
    .into_iter()
    .flatten()
    .collect();
    if services.is_empty() {
        return Err(ApiError::Invalid {
            field: Field::Services,
        });
    }
    Ok(ValidRequest {
        child,
        birth_date,
        guardians,
        residence,
        holder_unit: request.holder_unit,
        services,
    })
}

/// The person with this national identity number, created if unknown.
async fn find_or_add(conn: &mut PgConnection, person: &NewPerson) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into person (given_name, family_name, national_id) values ($1, $2, $3)
         on conflict (national_id) do update set national_id = excluded.national_id
         returning person_id",
        person.given_name,
        person.family_name,
        person.national_id
    )
    .fetch_one(conn)
    .await
}

/// Registers what is new and creates the requested log; returns its id.
pub async fn create(
    pool: &PgPool,
    identity: &Identity,
    request: &ValidRequest,
) -> Result<Uuid, ApiError> {
    let mut tx = pool.begin().await?;
    let child_id = find_or_add(&mut tx, &request.child).await?;
    // Days since 2000-01-01: the driver's date type is not the rules' (see `gate`).
    let birth_days = request.birth_date.to_julian_day() - 2_451_545;
    let municipality_id = sqlx::query_scalar!(
        "insert into child (person_id, municipality_id, birth_date)
         select $1, u.municipality_id, date '2000-01-01' + $3::int from unit u where u.unit_id = $2
         on conflict (person_id) do update set person_id = excluded.person_id
         returning municipality_id",
        child_id,
        request.holder_unit,
        birth_days
    )
    .fetch_one(&mut *tx)
    .await?;
    for guardian in &request.guardians {
        let guardian_id = find_or_add(&mut tx, &guardian.person).await?;
        sqlx::query!(
            "insert into guardianship (guardian_id, child_id, has_parental_responsibility, residence)
             values ($1, $2, $3, $4)
             on conflict (guardian_id, child_id) do update
             set has_parental_responsibility = excluded.has_parental_responsibility,
                 residence = excluded.residence",
            guardian_id,
            child_id,
            guardian.responsible,
            request.residence.code()
        )
        .execute(&mut *tx)
        .await?;
    }
    let log_id = sqlx::query_scalar!(
        "insert into log (child_id, municipality_id, status, requested_by)
         values ($1, $2, 'requested', $3) returning log_id",
        child_id,
        municipality_id,
        identity.person_id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into holder_assignment (log_id, person_id, unit_id) values ($1, $2, $3)",
        log_id,
        identity.person_id,
        request.holder_unit
    )
    .execute(&mut *tx)
    .await?;
    for (unit, person) in &request.services {
        let added = sqlx::query!(
            "insert into participant (log_id, person_id, unit_id, role)
             values ($1, $2, $3, 'service')",
            log_id,
            person,
            unit
        )
        .execute(&mut *tx)
        .await;
        match added {
            // Not staff of that unit, or chosen twice.
            Err(sqlx::Error::Database(error))
                if error.is_foreign_key_violation() || error.is_unique_violation() =>
            {
                return Err(ApiError::Invalid {
                    field: Field::Services,
                })
            }
            other => other?,
        };
    }
    crate::server::audit::record_in_log(
        &mut tx,
        identity.person_id,
        log_id,
        "log.requested",
        serde_json::json!({ "services": request.services.len(), "guardians": request.guardians.len() }),
    )
    .await?;
    tx.commit().await?;
    Ok(log_id)
}

pub async fn staff_choices(pool: &PgPool) -> Result<Vec<StaffChoice>, sqlx::Error> {
    sqlx::query_as!(
        StaffChoice,
        r#"select u.unit_id, u.name as unit_name, p.person_id,
                  p.given_name || ' ' || p.family_name as "name!", s.job_title
           from staff_unit_membership m
           join unit u using (unit_id)
           join person p using (person_id)
           join staff s using (person_id)
           order by u.name, p.family_name, p.given_name"#
    )
    .fetch_all(pool)
    .await
}
