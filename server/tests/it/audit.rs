//! The sealed audit trail: every read is recorded with the read and sealed within a second
//! by the sealer, with a key the database never holds; whatever the database's owner does
//! to the events or the seals, verifying with the key and against the last checkpoint
//! names it.

use crate::database_defence::acting;
use crate::support::fixture::*;
use crate::support::{audit_keys, TestApp};
use app::server::audit_chain::{AuditKey, AuditKeys, Break, Verdict};
use app::server::audit_seal::{self, Checkpoint};
use axum::http::StatusCode;
use base64::Engine;
use server::audit_sealer::seal_waiting;
use server::audit_verify;
use sqlx::PgPool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

fn key() -> AuditKey {
    audit_keys().current().clone()
}

fn keys() -> AuditKeys {
    audit_keys()
}

fn mats_log() -> Uuid {
    MATS_LOG.parse().expect("uuid")
}

async fn seeded(pool: &PgPool) {
    server::demo_seed::run(pool).await.expect("seed");
    logs(pool).await;
}

async fn record(pool: &PgPool, action: &str) {
    let mut conn = pool.acquire().await.expect("conn");
    let actor = INGRID.parse().expect("uuid");
    app::server::audit::record_in_log(
        &mut conn,
        actor,
        mats_log(),
        action,
        serde_json::json!({"n": 1}),
    )
    .await
    .expect("recorded");
}

/// Seals what waits; the new head of Mats's log, if it advanced.
async fn seal(pool: &PgPool) -> Option<Checkpoint> {
    seal_waiting(pool, &key(), None)
        .await
        .expect("sealed")
        .into_iter()
        .find(|head| head.log_id == mats_log())
}

async fn verify(pool: &PgPool, checkpoints: &[Checkpoint]) -> Verdict {
    let mut conn = pool.acquire().await.expect("conn");
    audit_seal::verify_log(&mut conn, &keys(), mats_log(), checkpoints)
        .await
        .expect("verified")
}

/// Seals what waits and verifies `log`'s chain against the new heads.
pub(crate) async fn seal_and_verify(pool: &PgPool, log: &str) -> Verdict {
    let heads = seal_waiting(pool, &key(), None).await.expect("sealed");
    let mut conn = pool.acquire().await.expect("conn");
    let log = log.parse().expect("uuid");
    audit_seal::verify_log(&mut conn, &keys(), log, &heads)
        .await
        .expect("verified")
}

fn broken(event: Break) -> Verdict {
    Verdict::Broken(event)
}

/// As an intruder with the owner's rights would: around the append-only triggers.
async fn tamper(pool: &PgPool, sql: &str) {
    sqlx::raw_sql(&format!(
        "alter table audit_event disable trigger audit_event_append_only;
         alter table audit_seal disable trigger audit_seal_append_only;
         {sql};
         alter table audit_event enable trigger audit_event_append_only;
         alter table audit_seal enable trigger audit_seal_append_only;"
    ))
    .execute(pool)
    .await
    .expect(sql);
}

/// Verifies Mats's log against `head` after tampering with `sql`.
async fn tampered(pool: &PgPool, head: &Checkpoint, sql: &str) -> Verdict {
    tamper(pool, sql).await;
    verify(pool, std::slice::from_ref(head)).await
}

async fn ids(pool: &PgPool) -> Vec<i64> {
    sqlx::query_scalar(
        "select audit_event_id from audit_event where log_id = $1::uuid order by audit_event_id",
    )
    .bind(MATS_LOG)
    .fetch_all(pool)
    .await
    .expect("ids")
}

/// Mats's log with four more events, sealed: its events' ids and the last checkpoint.
async fn sealed_log(pool: &PgPool) -> (Vec<i64>, Checkpoint) {
    seeded(pool).await;
    for action in [
        "content.read",
        "content.write",
        "content.read",
        "consent.recorded",
    ] {
        record(pool, action).await;
    }
    let head = seal(pool).await.expect("sealed");
    let events = ids(pool).await;
    assert!(events.len() >= 4);
    assert_eq!(head.last_event_id, *events.last().expect("events"));
    assert_eq!(
        verify(pool, std::slice::from_ref(&head)).await,
        Verdict::Whole {
            head: Some(head.last_event_id),
            unsealed: 0
        }
    );
    (events, head)
}

#[sqlx::test(migrations = "../migrations")]
async fn a_changed_audit_row_is_named(pool: PgPool) {
    let (events, head) = sealed_log(&pool).await;
    let refused = sqlx::query("update audit_event set action = 'content.nothing'")
        .execute(&pool)
        .await;
    assert!(refused.is_err(), "append-only without tampering");

    let changed = events[1];
    assert_eq!(
        tampered(
            &pool,
            &head,
            &format!(
            "update audit_event set action = 'content.nothing' where audit_event_id = {changed}"
        )
        )
        .await,
        broken(Break::Changed { event: changed })
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_deleted_audit_row_is_named(pool: PgPool) {
    let (events, head) = sealed_log(&pool).await;
    let gone = events[2];
    assert_eq!(
        tampered(
            &pool,
            &head,
            &format!("delete from audit_seal where audit_event_id = {gone}")
        )
        .await,
        broken(Break::Unsealed { event: gone }),
        "its seal alone"
    );
    assert_eq!(
        tampered(
            &pool,
            &head,
            &format!("delete from audit_event where audit_event_id = {gone}")
        )
        .await,
        broken(Break::Removed { event: gone }),
        "with its seal: the next seal names it"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn reordered_audit_rows_are_named(pool: PgPool) {
    let (events, head) = sealed_log(&pool).await;
    let (first, second) = (events[events.len() - 3], events[events.len() - 2]);
    assert_eq!(
        tampered(&pool, &head,
        &format!(
            "update audit_event e set occurred_at = o.occurred_at
             from audit_event o
             where (e.audit_event_id, o.audit_event_id) in (({first}, {second}), ({second}, {first}))"
        )).await,
        broken(Break::Changed { event: first }),
        "their times swapped"
    );
    assert_eq!(
        tampered(&pool, &head,
        &format!(
            "update audit_event e set occurred_at = o.occurred_at
             from audit_event o
             where (e.audit_event_id, o.audit_event_id) in (({first}, {second}), ({second}, {first}));
             alter table audit_seal drop constraint audit_seal_audit_event_id_fkey;
             update audit_event set audit_event_id = -1 where audit_event_id = {first};
             update audit_event set audit_event_id = {first} where audit_event_id = {second};
             update audit_event set audit_event_id = {second} where audit_event_id = -1"
        )).await,
        broken(Break::Changed { event: first }),
        "their ids swapped"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn deleting_the_last_rows_is_seen_against_the_checkpoint(pool: PgPool) {
    let (events, head) = sealed_log(&pool).await;
    let kept = events[events.len() - 3];
    tamper(
        &pool,
        &format!(
            "delete from audit_seal where log_id = '{MATS_LOG}' and audit_event_id > {kept};
             delete from audit_event where log_id = '{MATS_LOG}' and audit_event_id > {kept}"
        ),
    )
    .await;
    // The chain itself is whole: only what is kept outside the database shows the cut.
    assert_eq!(
        verify(&pool, &[]).await,
        Verdict::Whole {
            head: Some(kept),
            unsealed: 0
        }
    );
    let cut = broken(Break::Cut {
        head: Some(kept),
        checkpoint: head.last_event_id,
    });
    assert_eq!(verify(&pool, std::slice::from_ref(&head)).await, cut);

    // The command, over every log, names it too; and a log gone altogether, known from its
    // checkpoint alone.
    let mut conn = pool.acquire().await.expect("conn");
    let verdicts = audit_verify::verify(&mut conn, &keys(), None, std::slice::from_ref(&head))
        .await
        .expect("verified");
    assert_eq!(
        verdicts
            .iter()
            .filter(|(_, verdict)| matches!(verdict, Verdict::Broken(_)))
            .collect::<Vec<_>>(),
        [&(mats_log(), cut)]
    );
    tamper(
        &pool,
        &format!(
            "delete from audit_seal where log_id = '{MATS_LOG}';
             delete from audit_event where log_id = '{MATS_LOG}'"
        ),
    )
    .await;
    let verdicts = audit_verify::verify(&mut conn, &keys(), None, std::slice::from_ref(&head))
        .await
        .expect("verified");
    assert!(verdicts.contains(&(
        mats_log(),
        broken(Break::Cut {
            head: None,
            checkpoint: head.last_event_id
        })
    )));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_chain_recomputed_without_the_key_is_named(pool: PgPool) {
    let (events, head) = sealed_log(&pool).await;
    let changed = events[1];
    // What the old trigger did, as the owner may: change a row, then every seal from it on,
    // with plain SHA-256 and the key's id.
    assert_eq!(
        tampered(
            &pool,
            &head,
            &format!(
                r#"update audit_event set detail = '{{"n": 2}}' where audit_event_id = {changed};
            do $$
            declare
                e audit_event;
                previous bytea;
            begin
                select mac into previous from audit_seal
                where log_id = '{MATS_LOG}' and audit_event_id < {changed}
                order by audit_event_id desc limit 1;
                for e in select * from audit_event
                         where log_id = '{MATS_LOG}' and audit_event_id >= {changed}
                         order by audit_event_id loop
                    previous := sha256(coalesce(previous, '') || convert_to(concat_ws('|',
                        e.audit_event_id, e.occurred_at, e.actor_id, e.log_id, e.action,
                        e.detail), 'UTF8'));
                    update audit_seal set mac = previous where audit_event_id = e.audit_event_id;
                end loop;
            end
            $$"#
            )
        )
        .await,
        broken(Break::Changed { event: changed })
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_chain_sealed_anew_does_not_match_its_checkpoint(pool: PgPool) {
    let (events, head) = sealed_log(&pool).await;
    let changed = events[1];
    // Seals removed from a changed row on, and the sealer sent back before it: the sealer,
    // which has the key, seals the changed rows again.
    tamper(
        &pool,
        &format!(
            "update audit_event set action = 'content.nothing' where audit_event_id = {changed};
             delete from audit_seal where log_id = '{MATS_LOG}' and audit_event_id >= {changed};
             update audit_sealed_through set through = {changed} - 1"
        ),
    )
    .await;
    let resealed = seal(&pool).await.expect("sealed again");
    assert_eq!(resealed.last_event_id, head.last_event_id);
    assert_ne!(resealed.mac_hex, head.mac_hex);
    assert_eq!(
        verify(&pool, &[]).await,
        Verdict::Whole {
            head: Some(head.last_event_id),
            unsealed: 0
        }
    );
    assert_eq!(
        verify(&pool, std::slice::from_ref(&head)).await,
        broken(Break::NotTheCheckpoint {
            checkpoint: head.last_event_id
        })
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_read_between_two_seals_is_recorded_and_sealed(pool: PgPool) {
    let app = TestApp::with_logs(pool).await;
    let first = seal(app.pool()).await;
    let mut nora = app.as_person(NORA_STRAND_TEACHER).await;
    let response = nora.get(&format!("/api/log?log_id={MATS_LOG}")).await;
    assert_eq!(response.status(), StatusCode::OK);

    let read: i64 = sqlx::query_scalar(
        "select max(audit_event_id) from audit_event
         where log_id = $1::uuid and action = 'content.read' and actor_id = $2::uuid",
    )
    .bind(MATS_LOG)
    .bind(NORA_STRAND_TEACHER)
    .fetch_one(app.pool())
    .await
    .expect("the read is recorded");
    assert!(first
        .as_ref()
        .is_none_or(|first| first.last_event_id < read));
    assert_eq!(
        verify(app.pool(), &[]).await,
        Verdict::Whole {
            head: first.as_ref().map(|first| first.last_event_id),
            unsealed: 1
        },
        "recorded, waiting for the sealer"
    );

    let second = seal(app.pool()).await.expect("sealed");
    assert_eq!(second.last_event_id, read);
    let mut conn = app.pool().acquire().await.expect("conn");
    assert_eq!(
        audit_seal::sealed_head(&mut conn, mats_log())
            .await
            .expect("head")
            .as_ref(),
        Some(&second)
    );
    let checkpoints: Vec<Checkpoint> = first.into_iter().chain([second]).collect();
    assert_eq!(
        verify(app.pool(), &checkpoints).await,
        Verdict::Whole {
            head: Some(read),
            unsealed: 0
        }
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn sealing_again_changes_nothing_and_two_sealers_do_not_fork(pool: PgPool) {
    seeded(&pool).await;
    // More than one batch of events.
    sqlx::query(
        "insert into audit_event (actor_id, log_id, action, detail)
         select $1::uuid, $2::uuid, 'content.read', jsonb_build_object('n', n)
         from generate_series(1, 1200) n",
    )
    .bind(INGRID)
    .bind(MATS_LOG)
    .execute(&pool)
    .await
    .expect("events");

    let key = key();
    let (one, two) = tokio::join!(
        seal_waiting(&pool, &key, None),
        seal_waiting(&pool, &key, None)
    );
    let heads: Vec<Checkpoint> = [one.expect("one"), two.expect("two")].concat();
    let events = ids(&pool).await;
    let last = *events.last().expect("events");
    assert!(heads
        .iter()
        .any(|head| head.log_id == mats_log() && head.last_event_id == last));
    let sealed: i64 = sqlx::query_scalar("select count(*) from audit_seal where log_id = $1::uuid")
        .bind(MATS_LOG)
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(sealed as usize, events.len(), "each event once");
    assert_eq!(
        verify(&pool, &heads).await,
        Verdict::Whole {
            head: Some(last),
            unsealed: 0
        }
    );

    assert_eq!(
        seal_waiting(&pool, &key, None).await.expect("again"),
        [],
        "nothing waits"
    );
    let (through, last_event): (i64, i64) = sqlx::query_as(
        "select (select through from audit_sealed_through),
                (select max(audit_event_id) from audit_event)",
    )
    .fetch_one(&pool)
    .await
    .expect("the sealer's place");
    assert_eq!(
        through, last_event,
        "the next round looks after the last event only"
    );
}

/// Events of one log committed by racing transactions, some held open, while a sealer runs:
/// it never seals past an event that commits later.
#[sqlx::test(migrations = "../migrations")]
async fn events_committing_while_the_sealer_runs_are_sealed_in_order(pool: PgPool) {
    seeded(&pool).await;
    let writers: Vec<_> = (0..4u64)
        .map(|writer| {
            let pool = pool.clone();
            tokio::spawn(async move {
                for n in 0..15u64 {
                    let mut tx = pool.begin().await.expect("tx");
                    app::server::audit::record_in_log(
                        &mut tx,
                        INGRID.parse().expect("uuid"),
                        mats_log(),
                        "content.read",
                        serde_json::json!({ "writer": writer, "n": n }),
                    )
                    .await
                    .expect("recorded");
                    tokio::time::sleep(Duration::from_millis((writer * 7 + n * 3) % 11)).await;
                    tx.commit().await.expect("committed");
                }
            })
        })
        .collect();
    let written = Arc::new(AtomicBool::new(false));
    let sealer = {
        let (pool, written) = (pool.clone(), written.clone());
        tokio::spawn(async move {
            let mut heads = Vec::new();
            while !written.load(Ordering::Acquire) {
                heads.extend(seal_waiting(&pool, &key(), None).await.expect("sealed"));
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            heads
        })
    };
    for writer in writers {
        writer.await.expect("writer");
    }
    written.store(true, Ordering::Release);
    let mut heads = sealer.await.expect("sealer");
    heads.extend(seal_waiting(&pool, &key(), None).await.expect("sealed"));
    let heads: Vec<Checkpoint> = heads
        .into_iter()
        .filter(|head| head.log_id == mats_log())
        .collect();
    assert!(heads.len() > 1, "sealed while the writers wrote");
    assert_eq!(
        verify(&pool, &heads).await,
        Verdict::Whole {
            head: ids(&pool).await.last().copied(),
            unsealed: 0
        }
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn old_keys_verify_what_they_sealed(pool: PgPool) {
    let (_, before) = sealed_log(&pool).await;
    let new = AuditKey::from_base64(&base64::engine::general_purpose::STANDARD.encode([42u8; 32]))
        .expect("a key");
    record(&pool, "content.read").await;
    let after = seal_waiting(&pool, &new, None)
        .await
        .expect("sealed")
        .into_iter()
        .find(|head| head.log_id == mats_log())
        .expect("advanced");
    assert_eq!(after.key_id, new.id());
    let checkpoints = [before, after.clone()];
    let mut conn = pool.acquire().await.expect("conn");
    let rotated = AuditKeys::new(new.clone(), vec![key()]);
    assert_eq!(
        audit_seal::verify_log(&mut conn, &rotated, mats_log(), &checkpoints)
            .await
            .expect("verified"),
        Verdict::Whole {
            head: Some(after.last_event_id),
            unsealed: 0
        }
    );
    let without_old = AuditKeys::new(new, vec![]);
    assert!(matches!(
        audit_seal::verify_log(&mut conn, &without_old, mats_log(), &checkpoints)
            .await
            .expect("verified"),
        Verdict::Broken(Break::UnknownKey { .. })
    ));
}

#[sqlx::test(migrations = "../migrations")]
async fn checkpoints_go_to_the_file_the_command_reads(pool: PgPool) {
    seeded(&pool).await;
    record(&pool, "content.read").await;
    let path = std::env::temp_dir().join(format!("audit-checkpoints-{}.jsonl", Uuid::new_v4()));
    let first = seal_waiting(&pool, &key(), Some(&path))
        .await
        .expect("sealed");
    record(&pool, "content.write").await;
    let second = seal_waiting(&pool, &key(), Some(&path))
        .await
        .expect("sealed");
    let written = audit_verify::read_checkpoints(&path).expect("read");
    std::fs::remove_file(&path).expect("removed");
    assert_eq!(written, [first, second].concat());
    let mut conn = pool.acquire().await.expect("conn");
    let verdicts = audit_verify::verify(&mut conn, &keys(), Some(mats_log()), &written)
        .await
        .expect("verified");
    assert!(matches!(
        verdicts[..],
        [(log, Verdict::Whole { unsealed: 0, .. })] if log == mats_log()
    ));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_application_role_cannot_touch_the_seals(pool: PgPool) {
    sealed_log(&pool).await;
    for sql in [
        "select count(*) from audit_seal",
        "delete from audit_seal",
        "insert into audit_seal (audit_event_id, log_id, mac, key_id)
         select audit_event_id, log_id, mac, key_id from audit_seal",
        "update audit_sealed_through set through = 0",
    ] {
        let mut tx = acting(&pool, Some(NORA_STRAND_TEACHER)).await;
        let error = sqlx::query(sql).execute(&mut *tx).await.expect_err(sql);
        assert!(error.to_string().contains("permission denied"), "{error}");
    }
}
