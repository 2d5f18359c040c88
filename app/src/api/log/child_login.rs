use crate::api::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/create_child_login`: a guardian who has consented to it gives a child under 15
/// their own login: a username, a password, and where the one-time code goes at each login
/// (`channel` "email" or "sms", `contact` the address or number).
#[server(prefix = "/api", endpoint = "create_child_login")]
pub async fn create_child_login(
    log_id: Uuid,
    username: String,
    password: String,
    channel: String,
    contact: String,
) -> Result<(), ApiError> {
    use crate::api::error::Field;
    use crate::domain::access::{Denial, LogAction};
    use crate::domain::consent::{decide, Action};
    use crate::server::{gate, password};
    let invalid = |field| ApiError::Invalid { field };
    let username = username.trim().to_lowercase();
    let username_ok = (3..=40).contains(&username.chars().count())
        && username.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !username_ok {
        return Err(invalid(Field::Username));
    }
    password::check_new(&password, &username).map_err(|_| invalid(Field::Password))?;
    let contact = contact.trim().to_string();
    let contact_ok = match channel.as_str() {
        "email" => {
            contact.len() <= 254
                && contact
                    .split_once('@')
                    .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
                && !contact.contains(char::is_whitespace)
        }
        "sms" => {
            let digits = contact.chars().filter(char::is_ascii_digit).count();
            (8..=15).contains(&digits)
                && contact
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || c == '+')
        }
        _ => false,
    };
    if !contact_ok {
        return Err(invalid(Field::Contact));
    }

    let mut tx = gate::open().await?;
    let (grant, facts) =
        gate::authorize(&mut tx, log_id, LogAction::Consent(Action::ChildOwnAccess)).await?;
    if !decide(
        &facts.family,
        Action::ChildOwnAccess,
        facts.today,
        &facts.history,
    )
    .allows()
    {
        return Err(ApiError::Denied {
            reason: Denial::ConsentMissing,
        });
    }
    let hash = password::hash(password)
        .await
        .map_err(|_| ApiError::Internal)?;
    let child_id = facts.family.child_id;
    let (email, phone) = match channel.as_str() {
        "email" => (Some(contact.as_str()), None),
        _ => (None, Some(contact.as_str())),
    };
    sqlx::query!(
        "update person set email = coalesce($2, email), phone = coalesce($3, phone)
         where person_id = $1",
        child_id,
        email,
        phone
    )
    .execute(tx.conn())
    .await?;
    let created = sqlx::query!(
        "insert into child_account (person_id, username, password_hash, code_channel)
         values ($1, $2, $3, $4)",
        child_id,
        username,
        hash,
        channel
    )
    .execute(tx.conn())
    .await;
    match created {
        // The child has a login already: this form is not offered then.
        Err(sqlx::Error::Database(error)) if error.constraint() == Some("child_account_pkey") => {
            return Err(ApiError::BadRequest)
        }
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
            return Err(invalid(Field::UsernameTaken))
        }
        other => other?,
    };
    tx.record(
        grant.log_id(),
        "child_login.created",
        serde_json::json!({ "channel": channel }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
