use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/create_child_login`: a guardian who has consented to it gives a child under 15
/// their own login: a username, a password, and where the one-time code goes at each login
/// (`channel` "email" or "sms", `contact` the address or number).
///
/// The guardian chooses the start of the username; four random digits are added to it (see
/// `domain::child_login`), and the consents page shows the whole. So whether the start is
/// someone else's already never shows (a "taken" answer would let any guardian find
/// children's usernames), and a child's username is not a first name anyone can guess.
#[server(prefix = "/api", endpoint = "create_child_login")]
pub async fn create_child_login(
    log_id: Uuid,
    username: String,
    password: String,
    channel: String,
    contact: String,
) -> Result<(), ApiError> {
    use crate::domain::child_login::{username_base, CodeAddress};
    use crate::model::error::Field;
    use crate::server::{child_login, gate, password};
    let base = username_base(&username).ok_or(Field::Username)?;
    password::check_new(&password, &base).map_err(|_| Field::Password)?;
    let address = CodeAddress::parse(&channel, &contact).ok_or(Field::Contact)?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ChildLogin).await?;
    child_login::create(&mut tx, &grant, &base, password, &address).await?;
    tx.commit().await?;
    Ok(())
}
