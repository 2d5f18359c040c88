use crate::model::error::ApiError;
use crate::model::passkey::PasskeySummary;
use leptos::prelude::*;

/// `GET /api/my_passkeys`: whether the current person has a login of their own as a child
/// (who may have passkeys), and their passkeys.
#[server(prefix = "/api", endpoint = "my_passkeys", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_passkeys() -> Result<Option<Vec<PasskeySummary>>, ApiError> {
    use crate::server::{gate, passkey};
    let mut tx = gate::open().await?;
    let passkeys = passkey::mine(&mut tx).await?;
    tx.commit().await?;
    Ok(passkeys)
}
