//! Files attached to entries: stored in PostgreSQL through the gate, under row-level
//! security, and read back only through the gate. A person attaches files to their own
//! entries only, so nobody adds to another's words.

use crate::domain::access::Denial;
use crate::domain::attachment::{safe_file_name, sniff, MAX_BYTES};
use crate::model::error::{ApiError, Field};
use crate::model::identity::Identity;
use crate::server::gate::{self, ContentTx};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// A file as it goes back to a reader.
pub struct Download {
    pub file_name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Stores `data` on the entry `entry_id` of `log_id`, written by `identity`; returns the
/// attachment's id. The type is read from the bytes; anything but PDF, PNG, JPEG or WebP,
/// an empty file or one over the limit is refused and nothing is stored.
pub async fn store(
    pool: &PgPool,
    identity: &Identity,
    log_id: Uuid,
    entry_id: Uuid,
    file_name: &str,
    data: &[u8],
) -> Result<Uuid, ApiError> {
    let invalid = ApiError::Invalid {
        field: Field::Attachment,
    };
    if data.is_empty() || data.len() > MAX_BYTES {
        return Err(invalid);
    }
    let content_type = sniff(data).ok_or(invalid)?;
    let file_name = safe_file_name(file_name, content_type);
    let size = i32::try_from(data.len()).map_err(|_| invalid)?;
    let mut tx = ContentTx::begin(pool, identity).await?;
    let grant = gate::grant(&mut tx, log_id, gate::WriteEntry).await?;
    let author = sqlx::query_scalar!(
        "select author_id from entry where entry_id = $2 and log_id = $1",
        log_id,
        entry_id
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::NotFound)?;
    if author != grant.person_id() {
        return Err(ApiError::Denied {
            reason: Denial::AuthorOnly,
        });
    }
    let attachment_id = sqlx::query_scalar!(
        "insert into attachment (log_id, entry_id, file_name, content_type, size_bytes, sha256,
                                 data, uploaded_by)
         values ($1, $2, $3, $4, $5, sha256($6), $6, $7) returning attachment_id",
        log_id,
        entry_id,
        file_name,
        content_type,
        size,
        data,
        grant.person_id()
    )
    .fetch_one(tx.conn())
    .await?;
    tx.record(
        &grant,
        "content.write",
        json!({ "what": "attachment", "id": attachment_id, "entry": entry_id, "bytes": size }),
    )
    .await?;
    tx.commit().await?;
    Ok(attachment_id)
}

/// An attachment of the log, for someone who may read it now.
pub async fn fetch(
    pool: &PgPool,
    identity: &Identity,
    log_id: Uuid,
    attachment_id: Uuid,
) -> Result<Download, ApiError> {
    let mut tx = ContentTx::begin(pool, identity).await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadContent).await?;
    let row = sqlx::query!(
        "select file_name, content_type, data from attachment
         where attachment_id = $2 and log_id = $1",
        grant.log_id(),
        attachment_id
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or(ApiError::NotFound)?;
    tx.record(
        &grant,
        "content.read",
        json!({ "what": "attachment", "id": attachment_id }),
    )
    .await?;
    tx.commit().await?;
    Ok(Download {
        file_name: row.file_name,
        content_type: row.content_type,
        data: row.data,
    })
}
