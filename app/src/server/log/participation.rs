//! The parts staff take in a log: kept up to date by each participant (what they are
//! responsible for, how to reach them), ended when they leave or the holder takes them
//! out. A part ends, it is not removed: the log shows who took part until when, and the
//! gate stops reading for them at once (the access rules count current parts only).

use crate::domain::access::{Capacity, Denial};
use crate::domain::plan::optional_text;
use crate::domain::staff::{email_address, phone_number};
use crate::model::error::{ApiError, Field};
use crate::model::log::{Participation, Participations};
use crate::server::gate::{ContentTx, Granted, KeepParticipation, ReadContent};
use crate::server::oslo::oslo;
use serde_json::json;
use uuid::Uuid;

/// The longest responsibility, as the database allows.
const RESPONSIBILITY_MAX_CHARS: usize = 1000;

/// Every part taken in the log, current ones first, for those who read its content.
pub async fn list(
    tx: &mut ContentTx,
    grant: &Granted<ReadContent>,
) -> Result<Participations, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select x.participant_id, x.person_id, x.responsibility, x.contact_phone,
                  x.contact_email, x.joined_at, x.left_at, x.leaves_on, u.name as "unit_name?",
                  coalesce(p.given_name || ' ' || p.family_name, u.name) as "name!",
                  c.given_name || ' ' || c.family_name as "child_name!"
           from participant x
           join log l on l.log_id = x.log_id
           join person c on c.person_id = l.child_id
           left join person p on p.person_id = x.person_id
           left join unit u on u.unit_id = x.unit_id
           where x.log_id = $1 and x.role = 'service'
           order by x.left_at nulls first, x.joined_at, x.participant_id"#,
        grant.log_id()
    )
    .fetch_all(tx.conn())
    .await?;
    tx.record(grant, "participants.read", json!({ "parts": rows.len() }))
        .await?;
    let child_name = rows.first().map(|row| row.child_name.clone());
    Ok(Participations {
        child_name: child_name.unwrap_or_default(),
        holds: grant.holds(),
        parts: rows
            .into_iter()
            .map(|row| Participation {
                participant_id: row.participant_id,
                mine: row.person_id == Some(grant.person_id()),
                name: row.name,
                unit_name: row.unit_name,
                responsibility: row.responsibility,
                phone: row.contact_phone,
                email: row.contact_email,
                joined_at: oslo(row.joined_at),
                left_at: row.left_at.map(oslo),
                leaves_on: row.leaves_on,
            })
            .collect(),
    })
}

/// The current part `participant_id` of the log, locked, if the grant's person may change
/// it: their own, or anyone's for the holder when `holder_too`.
async fn part(
    tx: &mut ContentTx,
    grant: &Granted<KeepParticipation>,
    participant_id: Uuid,
    holder_too: bool,
) -> Result<(), ApiError> {
    let owner = sqlx::query_scalar!(
        "select person_id from participant
         where participant_id = $1 and log_id = $2 and left_at is null and role = 'service'
         for update",
        participant_id,
        grant.log_id()
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::NotFound)?;
    let own = owner == Some(grant.person_id());
    if own || (holder_too && grant.capacity() == Capacity::Holder) {
        Ok(())
    } else {
        Err(ApiError::Denied {
            reason: Denial::HolderOnly,
        })
    }
}

/// A participant leaves, or the holder takes them out: their reading ends at once.
pub async fn leave(
    tx: &mut ContentTx,
    grant: &Granted<KeepParticipation>,
    participant_id: Uuid,
) -> Result<(), ApiError> {
    part(tx, grant, participant_id, true).await?;
    sqlx::query!(
        "update participant set left_at = now() where participant_id = $1",
        participant_id
    )
    .execute(tx.conn())
    .await?;
    tx.record(
        grant,
        "participant.left",
        json!({ "participant": participant_id }),
    )
    .await?;
    Ok(())
}

/// A participant's own responsibility and contact details on the log; blank clears one.
pub async fn update(
    tx: &mut ContentTx,
    grant: &Granted<KeepParticipation>,
    participant_id: Uuid,
    responsibility: &str,
    phone: &str,
    email: &str,
) -> Result<(), ApiError> {
    let responsibility = optional_text(
        responsibility,
        RESPONSIBILITY_MAX_CHARS,
        Field::Responsibility,
    )?;
    let optional = |value: &str| (!value.trim().is_empty()).then_some(value.to_string());
    let phone = optional(phone)
        .map(|phone| phone_number(&phone))
        .transpose()?;
    let email = optional(email)
        .map(|email| email_address(&email))
        .transpose()?;
    part(tx, grant, participant_id, false).await?;
    sqlx::query!(
        "update participant set responsibility = $2, contact_phone = $3, contact_email = $4
         where participant_id = $1",
        participant_id,
        responsibility,
        phone,
        email
    )
    .execute(tx.conn())
    .await?;
    tx.record(
        grant,
        "participant.updated",
        json!({ "participant": participant_id }),
    )
    .await?;
    Ok(())
}
