//! A child's own login, given and looked after by a guardian who decides on it.

use crate::domain::access::Denial;
use crate::domain::child_login::{CodeAddress, USERNAME_SUFFIX_DIGITS};
use crate::domain::consent::{decide, Action};
use crate::model::error::ApiError;
use crate::server::gate::{ChildLogin, ContentTx, Granted};
use crate::server::password;
use serde_json::json;

/// The random digits after the chosen start of a username.
fn username_suffix() -> String {
    use rand::Rng;
    let digits = rand::rngs::OsRng.gen_range(0..10_u32.pow(USERNAME_SUFFIX_DIGITS as u32));
    format!("{digits:0width$}", width = USERNAME_SUFFIX_DIGITS)
}

/// Gives the log's child a login `<base>.<digits>` with `password` (already checked), its
/// codes going to `address`, once the consent to the child's own login stands.
pub async fn create(
    tx: &mut ContentTx,
    grant: &Granted<ChildLogin>,
    base: &str,
    password: String,
    address: &CodeAddress,
) -> Result<(), ApiError> {
    let facts = grant.facts();
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
    let hash = password::hash(password).await?;
    let child_id = facts.family.child_id;
    let (email, phone) = match address {
        CodeAddress::Email(email) => (Some(email.as_str()), None),
        CodeAddress::Sms(phone) => (None, Some(phone.as_str())),
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
        let candidate = format!("{base}.{}", username_suffix());
        created = sqlx::query_scalar!(
            "insert into child_account (person_id, username, password_hash, code_channel)
             values ($1, $2, $3, $4) on conflict do nothing returning person_id",
            child_id,
            candidate,
            hash,
            address.channel()
        )
        .fetch_optional(tx.conn())
        .await?;
        if created.is_some() {
            break;
        }
    }
    if created.is_none() {
        tracing::error!("no free username for a child's login after ten tries");
        return Err(ApiError::Internal);
    }
    tx.record(
        grant,
        "child_login.created",
        json!({ "channel": address.channel() }),
    )
    .await?;
    Ok(())
}

/// Lifts a lock set on the child's login by failed attempts, from every address at once.
pub async fn unlock(tx: &mut ContentTx, grant: &Granted<ChildLogin>) -> Result<(), ApiError> {
    let unlocked = sqlx::query_scalar!(
        r#"select unlock_child_login($1) as "unlocked!""#,
        grant.facts().family.child_id
    )
    .fetch_one(tx.conn())
    .await?;
    // Only a guardian with parental responsibility looks after the child's login.
    if !unlocked {
        return Err(ApiError::NotFound);
    }
    tx.record(grant, "child_login.unlocked", json!({})).await?;
    Ok(())
}
