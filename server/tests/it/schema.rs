//! The rules the schema itself carries, tested against a fresh migrated database each.

use sqlx::PgPool;

const MUNICIPALITY: &str = "00000000-0000-4000-8000-000000000001";
const SCHOOL: &str = "00000000-0000-4000-8000-000000000102";
const TEACHER: &str = "00000000-0000-4000-8000-000000000204";
const PRINCIPAL: &str = "00000000-0000-4000-8000-000000000203";
const EMMA: &str = "00000000-0000-4000-8000-000000000401";
const KARI: &str = "00000000-0000-4000-8000-000000000301";

async fn seeded(pool: &PgPool) {
    server::demo_seed::run(pool).await.expect("demo seed");
}

/// Runs `sql`, which the constraint or trigger named `by` must refuse.
async fn refused(pool: &PgPool, sql: &str, by: &str) {
    match sqlx::raw_sql(sql).execute(pool).await {
        Ok(_) => panic!("accepted: {sql}"),
        Err(error) => assert!(
            error.to_string().contains(by),
            "{by} expected, got: {error}"
        ),
    }
}

async fn accepted(pool: &PgPool, sql: &str) {
    if let Err(error) = sqlx::raw_sql(sql).execute(pool).await {
        panic!("refused: {sql}: {error}");
    }
}

async fn new_log(pool: &PgPool) -> String {
    sqlx::query_scalar::<_, uuid::Uuid>(
        "insert into log (child_id, municipality_id) values ($1::uuid, $2::uuid) returning log_id",
    )
    .bind(EMMA)
    .bind(MUNICIPALITY)
    .fetch_one(pool)
    .await
    .expect("log")
    .to_string()
}

async fn count(pool: &PgPool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("select count(*) from {table}"))
        .fetch_one(pool)
        .await
        .expect("count")
}

async fn is_valid_national_id(pool: &PgPool, id: &str) -> bool {
    sqlx::query_scalar("select is_valid_national_id($1)")
        .bind(id)
        .fetch_one(pool)
        .await
        .expect("query")
}

#[sqlx::test(migrations = "../migrations")]
async fn national_ids_need_valid_check_digits(pool: PgPool) {
    // An ordinary number, a D-number (day + 40) and a synthetic test number (month + 80).
    for id in ["01019000083", "41019000077", "13901154249"] {
        assert!(is_valid_national_id(&pool, id).await, "{id}");
    }
    for id in [
        "13901154248",
        "1390115424",
        "139011542490",
        "abcdefghijk",
        "32019000083",
        "00000000000",
    ] {
        assert!(!is_valid_national_id(&pool, id).await, "{id}");
    }
    let bad_id = "insert into person (given_name, family_name, national_id) values ('A', 'B', '13901154248')";
    refused(&pool, bad_id, "person_national_id_check").await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_log_has_at_most_one_current_holder(pool: PgPool) {
    seeded(&pool).await;
    let log = new_log(&pool).await;
    accepted(&pool, &format!(
        "insert into holder_assignment (log_id, person_id, unit_id) values ('{log}', '{TEACHER}', '{SCHOOL}')"
    ))
    .await;
    let second = format!(
        "insert into holder_assignment (log_id, person_id, unit_id) values ('{log}', '{PRINCIPAL}', '{SCHOOL}')"
    );
    refused(&pool, &second, "holder_assignment_one_current_idx").await;

    // The baton passes: the old holding ends as the new one begins, in one transaction.
    accepted(&pool, &format!(
        "begin;
         update holder_assignment set ended_at = now() where log_id = '{log}' and ended_at is null;
         insert into holder_assignment (log_id, person_id, unit_id) values ('{log}', '{PRINCIPAL}', '{SCHOOL}');
         commit;"
    ))
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_holder_must_belong_to_the_unit_they_hold_for(pool: PgPool) {
    seeded(&pool).await;
    let log = new_log(&pool).await;
    let kindergarten = "00000000-0000-4000-8000-000000000101";
    let elsewhere = format!(
        "insert into holder_assignment (log_id, person_id, unit_id) values ('{log}', '{TEACHER}', '{kindergarten}')"
    );
    refused(
        &pool,
        &elsewhere,
        "holder_assignment_person_id_unit_id_fkey",
    )
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn consents_cannot_be_changed_or_removed(pool: PgPool) {
    seeded(&pool).await;
    let log = new_log(&pool).await;
    let seeded_consents = count(&pool, "consent").await;
    accepted(&pool, &format!(
        "insert into consent (log_id, child_id, consenter_id, scope, decision, method, text_shown, text_language)
         values ('{log}', '{EMMA}', '{KARI}', 'establish_log', 'given', 'digital', 'Jeg samtykker til at det opprettes en stafettlogg.', 'nb')"
    ))
    .await;
    refused(
        &pool,
        "update consent set decision = 'withdrawn'",
        "append-only",
    )
    .await;
    refused(&pool, "delete from consent", "append-only").await;
    assert_eq!(count(&pool, "consent").await, seeded_consents + 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_oral_withdrawal_names_who_documented_it(pool: PgPool) {
    seeded(&pool).await;
    let log = new_log(&pool).await;
    let withdrawal = |scope: &str, documented_by: &str| {
        format!(
            "insert into consent (log_id, child_id, consenter_id, scope, decision, method, documented_by,
                                  text_shown, text_language, explained_consequences)
             values ('{log}', '{EMMA}', '{KARI}', '{scope}', 'withdrawn', 'oral', {documented_by},
                     'Muntlig tilbaketrekking av samtykke.', 'nb', 'Helsestasjonen ser ikke loggen lenger.')"
        )
    };
    let teacher = format!("'{TEACHER}'");
    refused(
        &pool,
        &withdrawal("share_health_information", "null"),
        "consent_documented_unless_digital",
    )
    .await;
    // A consent to involve a service must name the service.
    refused(
        &pool,
        &withdrawal("involve_service", &teacher),
        "consent_names_the_service",
    )
    .await;
    accepted(&pool, &withdrawal("share_health_information", &teacher)).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_audit_trail_is_append_only(pool: PgPool) {
    accepted(
        &pool,
        "insert into audit_event (action, detail) values ('directory.read', '{}')",
    )
    .await;
    refused(
        &pool,
        "update audit_event set action = 'x.y.z'",
        "append-only",
    )
    .await;
    refused(&pool, "delete from audit_event", "append-only").await;
    assert_eq!(count(&pool, "audit_event").await, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn meetings_end_after_they_start_and_have_a_place(pool: PgPool) {
    seeded(&pool).await;
    let log = new_log(&pool).await;
    // Content is held to row-level security, the owner's writes too: an open log, written
    // as a guardian who sees it.
    accepted(
        &pool,
        &format!("update log set status = 'open' where log_id = '{log}'"),
    )
    .await;
    let meeting = |ends: &str, place: &str| {
        format!(
            "select set_config('stafett.person_id', '{KARI}', true);
             insert into meeting (log_id, starts_at, ends_at, place, called_by)
             values ('{log}', '2026-12-01 10:00+01', '{ends}', {place}, '{TEACHER}')"
        )
    };
    refused(
        &pool,
        &meeting("2026-12-01 09:00+01", "'Skolen'"),
        "meeting_ends_after_start",
    )
    .await;
    refused(
        &pool,
        &meeting("2026-12-01 11:00+01", "null"),
        "meeting_has_place_or_video",
    )
    .await;
    accepted(
        &pool,
        &meeting("2026-12-01 11:00+01", "'Møterommet på skolen'"),
    )
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_participant_is_a_person_a_service_or_staff_for_their_own_unit(pool: PgPool) {
    seeded(&pool).await;
    let log = new_log(&pool).await;
    let participant = |person: &str, unit: &str| {
        format!("insert into participant (log_id, person_id, unit_id, role) values ('{log}', {person}, {unit}, 'service')")
    };
    let (teacher, school) = (format!("'{TEACHER}'"), format!("'{SCHOOL}'"));
    let kindergarten = "'00000000-0000-4000-8000-000000000101'";
    refused(
        &pool,
        &participant("null", "null"),
        "participant_person_or_service",
    )
    .await;
    // Staff take part for a unit they work in.
    refused(
        &pool,
        &participant(&teacher, kindergarten),
        "participant_staff_of_unit",
    )
    .await;
    accepted(&pool, &participant(&teacher, &school)).await;
    accepted(&pool, &participant("null", &school)).await;
    // The same service cannot be involved twice at once.
    refused(
        &pool,
        &participant("null", &school),
        "participant_unit_current_idx",
    )
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_closed_log_has_a_closing_time_and_only_a_closed_log_is_archived(pool: PgPool) {
    seeded(&pool).await;
    let log = new_log(&pool).await;
    let close_without_time = format!("update log set status = 'closed' where log_id = '{log}'");
    refused(&pool, &close_without_time, "log_closed_has_closing_time").await;
    let archive_open = format!("update log set archived_at = now() where log_id = '{log}'");
    refused(&pool, &archive_open, "log_archived_only_when_closed").await;
    accepted(
        &pool,
        &format!("update log set status = 'closed', closed_at = now() where log_id = '{log}'"),
    )
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_seed_is_idempotent_and_keeps_the_ages_true(pool: PgPool) {
    seeded(&pool).await;
    let tables = [
        "municipality",
        "unit",
        "person",
        "staff",
        "staff_unit_membership",
        "child",
        "guardianship",
        "child_account",
        "log",
        "holder_assignment",
        "participant",
        "consent",
        "entry",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(&pool, table).await);
    }
    seeded(&pool).await;
    for (table, expected) in tables.iter().zip(before) {
        assert_eq!(count(&pool, table).await, expected, "{table}");
    }
    let ages: Vec<i32> = sqlx::query_scalar(
        "select extract(year from age((now() at time zone 'Europe/Oslo')::date, birth_date))::int
         from child order by birth_date desc",
    )
    .fetch_all(&pool)
    .await
    .expect("ages");
    assert_eq!(ages, [8, 12, 13, 15, 16]);
    let leaders: i64 = sqlx::query_scalar(
        "select count(distinct unit_id) from staff_unit_membership where role = 'unit_leader'",
    )
    .fetch_one(&pool)
    .await
    .expect("leaders");
    assert_eq!(
        leaders,
        count(&pool, "unit").await,
        "a unit leader per unit"
    );
    let shared: i64 = sqlx::query_scalar(
        "select count(*) from guardianship where residence = 'shared_residence' and has_parental_responsibility",
    )
    .fetch_one(&pool)
    .await
    .expect("shared");
    assert_eq!(shared, 2, "one family lives apart with shared residence");
}
