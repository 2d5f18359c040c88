//! The second line of defence, in PostgreSQL itself: row-level security on content for the
//! application's role, and the hash-chained audit trail.

mod support;

use sqlx::{PgPool, Postgres, Transaction};
use support::fixture::*;

/// A transaction as the application's content transactions run: as `stafett_app`, acting
/// for `person` (or nobody).
async fn acting(pool: &PgPool, person: Option<&str>) -> Transaction<'static, Postgres> {
    let mut tx = pool.begin().await.expect("tx");
    if let Some(person) = person {
        sqlx::query("select set_config('stafett.person_id', $1, true)")
            .bind(person)
            .execute(&mut *tx)
            .await
            .expect("person");
    }
    sqlx::query("set local role stafett_app")
        .execute(&mut *tx)
        .await
        .expect("role");
    tx
}

async fn visible_entries(pool: &PgPool, person: Option<&str>) -> i64 {
    let mut tx = acting(pool, person).await;
    // Raw SQL, no gate: only the database stands in the way.
    sqlx::query_scalar("select count(*) from entry where body like '%' || $1 || '%'")
        .bind(MARKER)
        .fetch_one(&mut *tx)
        .await
        .expect("count")
}

async fn seeded(pool: &PgPool) {
    server::demo_seed::run(pool).await.expect("seed");
    logs(pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_raw_select_outside_the_gate_returns_no_row_the_person_may_not_see(pool: PgPool) {
    seeded(&pool).await;
    for (who, expected) in [
        (Some(INGRID), 1),
        (Some(NORA_STRAND_TEACHER), 1),
        (Some(IDA_NURSE), 1),
        (Some(HAKON_PHYSIO), 0),
        (Some(MAJA_PPT), 0),
        (Some(GEIR), 0),
        (Some(EIRIK_SCHOOL_LEADER), 0),
        (Some(KARI), 0),
        (None, 0),
    ] {
        assert_eq!(visible_entries(&pool, who).await, expected, "{who:?}");
    }

    // Closed: nobody.
    sqlx::query("update log set status = 'closed', closed_at = now() where log_id = $1::uuid")
        .bind(MATS_LOG)
        .execute(&pool)
        .await
        .expect("closed");
    assert_eq!(visible_entries(&pool, Some(INGRID)).await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_application_role_cannot_write_into_a_log_it_may_not_see(pool: PgPool) {
    seeded(&pool).await;
    let mut tx = acting(&pool, Some(KARI)).await;
    let error = sqlx::query(
        "insert into entry (log_id, author_id, body) values ($1::uuid, $2::uuid, 'Inntrenger')",
    )
    .bind(MATS_LOG)
    .bind(KARI)
    .execute(&mut *tx)
    .await
    .expect_err("refused");
    assert!(error.to_string().contains("row-level security"), "{error}");

    // Nor may it switch the policy off or read the audit trail.
    let mut tx = acting(&pool, Some(KARI)).await;
    let error = sqlx::query("alter table entry disable row level security")
        .execute(&mut *tx)
        .await
        .expect_err("refused");
    assert!(error.to_string().contains("owner"), "{error}");
    let mut tx = acting(&pool, Some(KARI)).await;
    sqlx::query("select count(*) from audit_event")
        .execute(&mut *tx)
        .await
        .expect_err("no right to read the audit trail");
}

async fn record(pool: &PgPool, action: &str) {
    let mut conn = pool.acquire().await.expect("conn");
    let log = MATS_LOG.parse().expect("uuid");
    let actor = INGRID.parse().expect("uuid");
    app::server::audit::record_in_log(&mut conn, actor, log, action, serde_json::json!({"n": 1}))
        .await
        .expect("recorded");
}

async fn verify(pool: &PgPool) -> Option<i64> {
    sqlx::query_scalar("select audit_verify($1::uuid)")
        .bind(MATS_LOG)
        .fetch_one(pool)
        .await
        .expect("verified")
}

/// As an intruder with the owner's rights would: around the append-only trigger.
async fn tamper(pool: &PgPool, sql: &str) {
    sqlx::raw_sql(&format!(
        "alter table audit_event disable trigger audit_event_append_only;
         {sql};
         alter table audit_event enable trigger audit_event_append_only;"
    ))
    .execute(pool)
    .await
    .expect(sql);
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

#[sqlx::test(migrations = "../migrations")]
async fn changing_or_deleting_an_audit_row_is_detected(pool: PgPool) {
    seeded(&pool).await;
    for action in [
        "content.read",
        "content.write",
        "content.read",
        "consent.recorded",
    ] {
        record(&pool, action).await;
    }
    assert_eq!(verify(&pool).await, None, "a whole chain verifies");
    let events = ids(&pool).await;
    assert_eq!(events.len(), 4);

    // The append-only rule holds without tampering.
    let refused = sqlx::query("delete from audit_event").execute(&pool).await;
    assert!(refused.is_err());

    tamper(
        &pool,
        &format!(
            "update audit_event set action = 'content.nothing' where audit_event_id = {}",
            events[1]
        ),
    )
    .await;
    assert_eq!(verify(&pool).await, Some(events[1]), "a changed row");
    tamper(
        &pool,
        &format!(
            "update audit_event set action = 'content.write' where audit_event_id = {}",
            events[1]
        ),
    )
    .await;
    assert_eq!(verify(&pool).await, None, "restored");

    tamper(
        &pool,
        &format!(
            "delete from audit_event where audit_event_id = {}",
            events[2]
        ),
    )
    .await;
    assert_eq!(
        verify(&pool).await,
        Some(events[3]),
        "the row after a removed one"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn removing_the_last_audit_row_is_detected(pool: PgPool) {
    seeded(&pool).await;
    record(&pool, "content.read").await;
    record(&pool, "content.write").await;
    let events = ids(&pool).await;
    tamper(
        &pool,
        &format!(
            "delete from audit_event where audit_event_id = {}",
            events[1]
        ),
    )
    .await;
    assert!(
        verify(&pool).await.is_some(),
        "the head names a missing event"
    );
}
