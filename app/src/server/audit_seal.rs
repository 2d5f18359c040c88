//! Sealing the audit trail and reading its seals back: the database side of `audit_chain`.
//!
//! A read or write records its event in its own transaction (`audit`); sealing happens
//! afterwards, off the request path, in the server's sealer, within about a second. The
//! sealer runs as the database's owner, as the server's pool connects: the application's
//! role (`stafett_app`, which requests drop to) has no right on the seals at all, and a
//! dedicated role would keep out no one the owner's credentials, which the server holds
//! anyway, do not already let in. What keeps a writer of the database from sealing a changed
//! event is the key, which the database never sees.

use crate::server::audit_chain::{self, AuditKey, AuditKeys, Event, Seal, Verdict};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

pub use crate::server::audit_chain::Checkpoint;

/// Events sealed in one transaction: a first run over a long trail holds a log's lock for
/// one batch at a time.
const BATCH: i64 = 500;

/// The logs with events the sealer has not sealed yet.
pub async fn unsealed_logs(pool: &PgPool) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("select log_id from audit_unsealed order by log_id")
        .fetch_all(pool)
        .await
}

/// Seals every event of `log_id` not sealed yet with `key`, in order; the log's new sealed
/// head if there was anything to seal.
pub async fn seal_log(
    pool: &PgPool,
    key: &AuditKey,
    log_id: Uuid,
) -> Result<Option<Checkpoint>, sqlx::Error> {
    let mut advanced = None;
    loop {
        let (head, sealed) = seal_batch(pool, key, log_id).await?;
        advanced = head.or(advanced);
        // Caught up with what the batch saw: events written since wait for the next round,
        // so a busy log does not keep its head from being sent out.
        if sealed < BATCH as usize {
            return Ok(advanced);
        }
    }
}

/// Seals up to [`BATCH`] events of the log: its new head, if any were sealed, and how many.
async fn seal_batch(
    pool: &PgPool,
    key: &AuditKey,
    log_id: Uuid,
) -> Result<(Option<Checkpoint>, usize), sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Sealers (one per instance) take turns per log, and each reads the head after its
    // turn came: the second finds the first's seals and goes on from them. The unique
    // `(log_id, previous_event_id)` refuses a fork should this ever not hold.
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('audit_seal:' || $1::uuid::text, 0))",
        log_id
    )
    .execute(&mut *tx)
    .await?;
    let head = sqlx::query!(
        "select audit_event_id, mac from audit_seal where log_id = $1
         order by audit_event_id desc limit 1",
        log_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let head_id = head.as_ref().map_or(0, |head| head.audit_event_id);
    // Everything after the head that this transaction sees, and nothing can come before it
    // later: the events of a log take their ids in the order they commit (see the trigger
    // `audit_event_order`).
    let events = events_after(&mut tx, log_id, head_id, BATCH).await?;
    let seals = audit_chain::seal(
        key,
        head.as_ref()
            .map(|head| (head.audit_event_id, &head.mac[..])),
        &events,
    );
    let Some(last) = seals.last() else {
        forget_sealed(&mut tx, log_id, head_id).await?;
        tx.commit().await?;
        return Ok((None, 0));
    };
    let last_id = last.audit_event_id;
    let sealed = seals.len();
    let (ids, previous, macs): (Vec<i64>, Vec<Option<i64>>, Vec<Vec<u8>>) = seals
        .into_iter()
        .map(|seal| (seal.audit_event_id, seal.previous_event_id, seal.mac))
        .collect();
    sqlx::query!(
        "insert into audit_seal (audit_event_id, log_id, previous_event_id, mac, key_id)
         select event, $2, previous, mac, $3
         from unnest($1::bigint[], $4::bigint[], $5::bytea[]) as s (event, previous, mac)",
        &ids,
        log_id,
        key.id(),
        &previous as &[Option<i64>],
        &macs
    )
    .execute(&mut *tx)
    .await?;
    forget_sealed(&mut tx, log_id, last_id).await?;
    let head = sealed_head(&mut tx, log_id).await?;
    tx.commit().await?;
    Ok((head, sealed))
}

/// Up to `limit` events of the log after the event `after`, in order.
async fn events_after(
    conn: &mut PgConnection,
    log_id: Uuid,
    after: i64,
    limit: i64,
) -> Result<Vec<Event>, sqlx::Error> {
    sqlx::query_as!(
        Event,
        r#"select audit_event_id, occurred_at, actor_id, log_id as "log_id!", action,
                  detail::text as "detail!"
           from audit_event where log_id = $1 and audit_event_id > $2
           order by audit_event_id limit $3"#,
        log_id,
        after,
        limit
    )
    .fetch_all(conn)
    .await
}

/// Takes the log off the list of those waiting, unless an event after `sealed` has come or
/// is being written: that event's transaction holds the row, and rather than wait for it
/// (and hold up every other log) the row is left for the next round.
async fn forget_sealed(
    conn: &mut PgConnection,
    log_id: Uuid,
    sealed: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "with free as (select log_id, last_event_id from audit_unsealed
                       where log_id = $1 for update skip locked)
         delete from audit_unsealed u using free
         where u.log_id = free.log_id and free.last_event_id <= $2",
        log_id,
        sealed
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest seal of `log_id`'s audit chain, as a checkpoint: what an archive package or a
/// checkpoint file carries to show later that the chain was neither cut nor sealed anew.
/// `None` while nothing of the log is sealed.
pub async fn sealed_head(
    conn: &mut PgConnection,
    log_id: Uuid,
) -> Result<Option<Checkpoint>, sqlx::Error> {
    sqlx::query_as!(
        Checkpoint,
        r#"select log_id, audit_event_id as last_event_id, encode(mac, 'hex') as "mac_hex!",
                  key_id, sealed_at
           from audit_seal where log_id = $1 order by audit_event_id desc limit 1"#,
        log_id
    )
    .fetch_optional(conn)
    .await
}

/// Every log with audit events or seals, for verifying them all.
pub async fn chained_logs(conn: &mut PgConnection) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select log_id as "log_id!" from audit_event where log_id is not null
           union select log_id from audit_seal order by 1"#
    )
    .fetch_all(conn)
    .await
}

/// Verifies `log_id`'s chain with `keys` and against the log's `checkpoints`.
pub async fn verify_log(
    conn: &mut PgConnection,
    keys: &AuditKeys,
    log_id: Uuid,
    checkpoints: &[Checkpoint],
) -> Result<Verdict, sqlx::Error> {
    let events = events_after(conn, log_id, 0, i64::MAX).await?;
    let seals = sqlx::query_as!(
        Seal,
        "select audit_event_id, previous_event_id, mac, key_id from audit_seal
         where log_id = $1 order by audit_event_id",
        log_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let checkpoints: Vec<Checkpoint> = checkpoints
        .iter()
        .filter(|checkpoint| checkpoint.log_id == log_id)
        .cloned()
        .collect();
    Ok(audit_chain::verify(&events, &seals, keys, &checkpoints))
}
