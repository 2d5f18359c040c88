use crate::model::contact::OwnContact;
use crate::model::error::ApiError;
use leptos::prelude::*;

/// `GET /api/my_contact`: the person's own addresses (confirmed, and waiting for a code),
/// language of messages and notice channel.
#[server(prefix = "/api", endpoint = "my_contact", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_contact() -> Result<OwnContact, ApiError> {
    use crate::server::{contact, gate};
    let mut tx = gate::open().await?;
    let mine = contact::mine(&mut tx).await?;
    tx.commit().await?;
    Ok(mine)
}
