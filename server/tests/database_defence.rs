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

/// Every person × log: whether `content_logs()` (the policies' set-based answer) names the
/// log, and whether `log_content_visible` (the rule per log) says yes. They must agree.
async fn disagreements(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "select p.person_id::text || ' / ' || l.log_id::text
         from person p cross join log l
         where (select l.log_id = any (content_logs())
                from (select set_config('stafett.person_id', p.person_id::text, true)) as acting)
               is distinct from
               (select log_content_visible(l.log_id)
                from (select set_config('stafett.person_id', p.person_id::text, true)) as acting)",
    )
    .fetch_all(pool)
    .await
    .expect("compared")
}

/// A new consent record like an existing one, with the decision and what follows.
const COPY_CONSENT: &str = "insert into consent (log_id, child_id, consenter_id, scope, unit_id,
                                                 decision, method, text_shown, text_language)
                            select log_id, child_id, consenter_id, scope, unit_id,";

#[sqlx::test(migrations = "../migrations")]
async fn content_logs_agrees_with_log_content_visible(pool: PgPool) {
    seeded(&pool).await;
    let visible: i64 = sqlx::query_scalar(
        "select count(*) from person p cross join log l
         where (select log_content_visible(l.log_id)
                from (select set_config('stafett.person_id', p.person_id::text, true)) as acting)",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    assert!(visible >= 4, "the seed gives some people content to see");
    assert_eq!(disagreements(&pool).await, Vec::<String>::new(), "seeded");

    // Each change below makes some rule of the policy decide; they must still agree.
    for (what, sql) in [
        (
            "a guardian withdraws the establishing consent",
            format!(
                "{COPY_CONSENT} 'withdrawn', 'digital', text_shown, text_language
                 from consent where log_id = '{MATS_LOG}' and scope = 'establish_log'
                 order by sequence limit 1"
            ),
        ),
        (
            "and gives it again",
            format!(
                "{COPY_CONSENT} 'given', 'digital', text_shown, text_language
                 from consent where log_id = '{MATS_LOG}' and scope = 'establish_log'
                 order by sequence limit 1"
            ),
        ),
        (
            "a service's consent is withdrawn",
            format!(
                "{COPY_CONSENT} 'withdrawn', 'digital', text_shown, text_language
                 from consent where log_id = '{MATS_LOG}' and scope = 'involve_service'
                   and unit_id = '{HEALTH_STATION}'
                 order by sequence limit 1"
            ),
        ),
        (
            "a participant leaves",
            format!("update participant set left_at = now() where log_id = '{MATS_LOG}' and person_id = '{IDA_NURSE}'"),
        ),
        (
            "a guardian loses parental responsibility",
            format!("update guardianship set has_parental_responsibility = false where guardian_id = '{INGRID}'"),
        ),
        (
            "a log is closed",
            format!("update log set status = 'closed', closed_at = now() where log_id = '{SARA_LOG}'"),
        ),
    ] {
        sqlx::raw_sql(&sql).execute(&pool).await.expect(what);
        assert_eq!(disagreements(&pool).await, Vec::<String>::new(), "{what}");
    }
}

async fn log_page(pool: &PgPool, person: &str, before: Option<&str>) -> Option<serde_json::Value> {
    sqlx::query_scalar("select log_page($1::uuid, $2::uuid, $3::uuid, 2)")
        .bind(person)
        .bind(MATS_LOG)
        .bind(before)
        .fetch_one(pool)
        .await
        .expect("log_page")
}

#[sqlx::test(migrations = "../migrations")]
async fn the_log_page_statement_refuses_those_who_may_not_see_and_records_every_read(pool: PgPool) {
    seeded(&pool).await;
    for n in 1..=3 {
        sqlx::query(
            "insert into entry (log_id, author_id, body, created_at)
             values ($1::uuid, $2::uuid, $3, now() + make_interval(secs => $4))",
        )
        .bind(MATS_LOG)
        .bind(INGRID)
        .bind(format!("Side {n}"))
        .bind(f64::from(n))
        .execute(&pool)
        .await
        .expect("entry");
    }
    let reads = || async {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from audit_event where action = 'content.read' and log_id = $1::uuid",
        )
        .bind(MATS_LOG)
        .fetch_one(&pool)
        .await
        .expect("count")
    };
    let before = reads().await;

    for stranger in [KARI, MAJA_PPT, HAKON_PHYSIO, GEIR] {
        assert_eq!(log_page(&pool, stranger, None).await, None, "{stranger}");
    }
    let first = log_page(&pool, INGRID, None)
        .await
        .expect("a page for Ingrid");
    let bodies = |page: &serde_json::Value| -> Vec<String> {
        page["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|entry| entry["body"].as_str().expect("body").to_owned())
            .collect()
    };
    assert_eq!(
        bodies(&first),
        ["Side 3", "Side 2"],
        "newest first, two a page"
    );
    let older = first["older"].as_str().expect("more to come").to_owned();
    let second = log_page(&pool, INGRID, Some(&older)).await.expect("page 2");
    assert_eq!(bodies(&second)[0], "Side 1");
    assert_eq!(
        reads().await,
        before + 2,
        "each read recorded, the refused ones not"
    );
    assert_eq!(verify(&pool).await, None, "the chain holds");
}
