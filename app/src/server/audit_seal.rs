//! Sealing the audit trail and reading its seals back: the database side of `audit_chain`.
//!
//! A read or write records its event in its own transaction (`audit`); sealing happens
//! afterwards, off the request path, in the server's sealer, within a second or two. The
//! sealer runs as the database's owner, as the server's pool connects: the application's
//! role (`stafett_app`, which requests drop to) has no right on the seals at all, and a
//! dedicated role would keep out no one the owner's credentials, which the server holds
//! anyway, do not already let in. What keeps a writer of the database from sealing a changed
//! event is the key, which the database never sees.

use crate::server::audit_chain::{self, AuditKey, AuditKeys, Event, Seal, Verdict};
use sqlx::{PgConnection, PgPool};
use std::time::{Duration, Instant};
use uuid::Uuid;

pub use crate::server::audit_chain::Checkpoint;

/// Events sealed in one transaction: a first run over a long trail holds a log's lock for
/// one batch at a time.
const BATCH: i64 = 500;

/// How long a round waits for the transactions that may still hold event ids below the
/// horizon; a round that gives up seals nothing and the next one tries again.
const WAIT_FOR_WRITERS: Duration = Duration::from_secs(1);

/// What the sealer may seal now: the logs with events up to `horizon` not sealed yet.
#[derive(Debug)]
pub struct Waiting {
    pub horizon: i64,
    pub logs: Vec<Uuid>,
}

/// The logs with events the sealer may seal now; `None` while a transaction that may still
/// write an event below the horizon has not ended.
pub async fn waiting(pool: &PgPool) -> Result<Option<Waiting>, sqlx::Error> {
    let Some(horizon) = horizon(pool).await? else {
        return Ok(None);
    };
    let logs = sqlx::query_scalar!(
        r#"select distinct log_id as "log_id!" from audit_event
           where audit_event_id > (select through from audit_sealed_through)
             and audit_event_id <= $1 and log_id is not null
           order by 1"#,
        horizon
    )
    .fetch_all(pool)
    .await?;
    Ok(Some(Waiting { horizon, logs }))
}

/// Remembers that every event up to `horizon` is sealed, once each log of a [`Waiting`]
/// is: the next round looks only after it.
pub async fn sealed_through(pool: &PgPool, horizon: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update audit_sealed_through set through = greatest(through, $1)",
        horizon
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// An event id up to which every event that will ever exist is committed: the sequence's
/// last id, once every transaction of this database that was running when it was read has
/// ended. Events of a log draw their id only after their transaction has its transaction id
/// (the trigger `audit_event_order`), so a transaction that drew an id up to the one read
/// was running, with its transaction id, when the running ones were listed after it; one
/// that had ended had committed its events or thrown them away. Readers of a log so take no
/// lock to keep its events in order, and a seal never skips an event that commits later.
pub async fn horizon(pool: &PgPool) -> Result<Option<i64>, sqlx::Error> {
    let drawn = sqlx::query_scalar!(
        r#"select case when is_called then last_value else 0 end as "drawn!"
           from audit_event_audit_event_id_seq"#
    )
    .fetch_one(pool)
    .await?;
    let running = sqlx::query_scalar!(
        r#"select coalesce(array_agg(l.transactionid::text), '{}') as "running!"
           from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where l.locktype = 'transactionid' and l.mode = 'ExclusiveLock' and l.granted
             and a.datname = current_database() and l.pid <> pg_backend_pid()"#
    )
    .fetch_one(pool)
    .await?;
    let waited = Instant::now();
    while !running.is_empty() {
        let ended = sqlx::query_scalar!(
            r#"select not exists (select 1 from pg_locks
                                  where locktype = 'transactionid' and mode = 'ExclusiveLock'
                                    and granted and transactionid::text = any($1)) as "ended!""#,
            &running
        )
        .fetch_one(pool)
        .await?;
        if ended {
            break;
        }
        if waited.elapsed() > WAIT_FOR_WRITERS {
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(Some(drawn))
}

/// Seals every event of `log_id` up to `horizon` not sealed yet with `key`, in order; the
/// log's new sealed head if there was anything to seal.
pub async fn seal_log(
    pool: &PgPool,
    key: &AuditKey,
    log_id: Uuid,
    horizon: i64,
) -> Result<Option<Checkpoint>, sqlx::Error> {
    let mut advanced = None;
    loop {
        let (head, sealed) = seal_batch(pool, key, log_id, horizon).await?;
        advanced = head.or(advanced);
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
    horizon: i64,
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
    // Everything after the head up to the horizon, which no event can join later.
    let events = events_between(&mut tx, log_id, head_id, horizon, BATCH).await?;
    let seals = audit_chain::seal(
        key,
        head.as_ref()
            .map(|head| (head.audit_event_id, &head.mac[..])),
        &events,
    );
    if seals.is_empty() {
        return Ok((None, 0));
    }
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
    let head = sealed_head(&mut tx, log_id).await?;
    tx.commit().await?;
    Ok((head, sealed))
}

/// Up to `limit` events of the log after the event `after` and up to `through`, in order.
async fn events_between(
    conn: &mut PgConnection,
    log_id: Uuid,
    after: i64,
    through: i64,
    limit: i64,
) -> Result<Vec<Event>, sqlx::Error> {
    sqlx::query_as!(
        Event,
        r#"select audit_event_id, occurred_at, actor_id, log_id as "log_id!", action,
                  detail::text as "detail!"
           from audit_event where log_id = $1 and audit_event_id > $2 and audit_event_id <= $3
           order by audit_event_id limit $4"#,
        log_id,
        after,
        through,
        limit
    )
    .fetch_all(conn)
    .await
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
    let events = events_between(conn, log_id, 0, i64::MAX, i64::MAX).await?;
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
