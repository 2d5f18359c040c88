use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/set_contact_preferences` (`lang`: `nb`, `nn` or `en`; `channel`: `email`, `sms`
/// or `both`): the language of messages (and of the pages) and how notices come.
#[server(prefix = "/api", endpoint = "set_contact_preferences")]
pub async fn set_contact_preferences(lang: String, channel: String) -> Result<(), ApiError> {
    use crate::domain::contact::NoticeChannel;
    use crate::i18n::Lang;
    use crate::server::{contact, gate};
    let lang = Lang::from_code(&lang).ok_or(ApiError::BadRequest)?;
    let channel = NoticeChannel::from_code(&channel).ok_or(ApiError::BadRequest)?;
    let mut tx = gate::open().await?;
    contact::set_preferences(&mut tx, lang, channel).await?;
    tx.commit().await?;
    crate::api::language::remember_language(lang)
}
