use crate::model::error::ApiError;
#[cfg(feature = "ssr")]
use crate::model::log::{USERNAME_BASE_MAX, USERNAME_SUFFIX_DIGITS};
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
fn username_suffix() -> String {
    use rand::Rng;
    let digits = rand::rngs::OsRng.gen_range(0..10_u32.pow(USERNAME_SUFFIX_DIGITS as u32));
    format!("{digits:0width$}", width = USERNAME_SUFFIX_DIGITS)
}

/// `POST /api/create_child_login`: a guardian who has consented to it gives a child under 15
/// their own login: a username, a password, and where the one-time code goes at each login
/// (`channel` "email" or "sms", `contact` the address or number).
///
/// The guardian chooses the start of the username; four random digits are added to it (see
/// [`USERNAME_SUFFIX_DIGITS`]), and the consents page shows the whole. So whether the start
/// is someone else's already never shows (a "taken" answer would let any guardian find
/// children's usernames), and a child's username is not a first name anyone can guess.
#[server(prefix = "/api", endpoint = "create_child_login")]
pub async fn create_child_login(
    log_id: Uuid,
    username: String,
    password: String,
    channel: String,
    contact: String,
) -> Result<(), ApiError> {
    use crate::domain::access::{Denial, LogAction};
    use crate::domain::consent::{decide, Action};
    use crate::model::error::Field;
    use crate::server::{gate, password};
    let username = username.trim().to_lowercase();
    let username_ok = (3..=USERNAME_BASE_MAX).contains(&username.chars().count())
        && username.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !username_ok {
        return Err(ApiError::from(Field::Username));
    }
    password::check_new(&password, &username).map_err(|_| ApiError::from(Field::Password))?;
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
        return Err(ApiError::from(Field::Contact));
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
    if sqlx::query_scalar!(
        r#"select exists (select 1 from child_account where person_id = $1) as "exists!""#,
        child_id
    )
    .fetch_one(tx.conn())
    .await?
    {
        // The child has a login already: this form is not offered then.
        return Err(ApiError::BadRequest);
    }
    let mut created = None;
    // Another child with the same start and digits is rare; try other digits then.
    for _ in 0..10 {
        let candidate = format!("{username}.{}", username_suffix());
        created = sqlx::query_scalar!(
            "insert into child_account (person_id, username, password_hash, code_channel)
             values ($1, $2, $3, $4) on conflict do nothing returning person_id",
            child_id,
            candidate,
            hash,
            channel
        )
        .fetch_optional(tx.conn())
        .await?;
        if created.is_some() {
            break;
        }
    }
    if created.is_none() {
        return Err(ApiError::Internal);
    }
    tx.record(
        grant.log_id(),
        "child_login.created",
        serde_json::json!({ "channel": channel }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
