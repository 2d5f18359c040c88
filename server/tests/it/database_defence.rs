//! The second line of defence, in PostgreSQL itself: row-level security on content for the
//! application's role. The sealed audit trail has its own tests (`audit`).

use crate::audit::seal_and_verify;
use crate::support::fixture::*;
use app::domain::access::{authorize, LogAction, LogFacts, LogStatus, Relation};
use app::domain::consent::{Action, Choice, ConsentEvent, Family, Guardian, Residence};
use app::server::audit_chain::Verdict;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use sqlx::{PgPool, Postgres, Transaction};
use std::collections::{BTreeSet, HashMap};
use time::{Date, Duration, Month};
use uuid::Uuid;

/// A transaction as the application's content transactions run: as `stafett_app`, acting
/// for `person` (or nobody).
pub(crate) async fn acting(pool: &PgPool, person: Option<&str>) -> Transaction<'static, Postgres> {
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

// The policies against the rules: generated families, services, consents and withdrawals,
// written to the database, and for every person around the log whether the database lets
// them see its content (and its people and consents) exactly when domain::access does.

/// The holder (at the school), the services taking part, and a unit leader.
const STAFF: [(&str, &str); 3] = [
    (IDA_NURSE, HEALTH_STATION),
    (MAJA_PPT, PPT),
    (HAKON_PHYSIO, PHYSIO),
];
const UNITS: [&str; 4] = [SCHOOL, HEALTH_STATION, PPT, PHYSIO];

#[derive(Debug, Clone)]
struct Case {
    today: Date,
    birth: Date,
    /// One or two guardians: parental responsibility, residence.
    guardians: Vec<(bool, Residence)>,
    status: LogStatus,
    /// Which of STAFF has left the log.
    left: Option<usize>,
    /// Consents and withdrawals in recorded order: who (0 the child, 1 and 2 the guardians,
    /// 3 a stranger), what, given or withdrawn.
    events: Vec<(usize, Action, bool)>,
}

fn uuid(text: &str) -> Uuid {
    text.parse().expect("uuid")
}

/// Today, and a birth date 14, 15 or 16 years before, a day either side of the birthday or
/// on it; or born on 29 February, judged on the days around the birthday.
fn dates() -> impl Strategy<Value = (Date, Date)> {
    let around = (2026..2036i32, 1u16..=365)
        .prop_map(|(year, day)| Date::from_ordinal_date(year, day).expect("a day"))
        .prop_flat_map(|today| born_before(today).prop_map(move |birth| (today, birth)));
    let leap_day = (
        prop::sample::select(vec![2008, 2012, 2016, 2020]),
        14..=16i32,
        prop::sample::select(vec![
            (Month::February, 28),
            (Month::February, 29),
            (Month::March, 1),
        ]),
    )
        .prop_filter_map("a day of that year", |(born, years, (month, day))| {
            let today = Date::from_calendar_date(born + years, month, day).ok()?;
            Some((
                today,
                Date::from_calendar_date(born, Month::February, 29).ok()?,
            ))
        });
    prop_oneof![around, leap_day]
}

/// A birth date 14, 15 or 16 years before `today`, a day either side of the birthday or on
/// it.
fn born_before(today: Date) -> impl Strategy<Value = Date> {
    (14..=16i32, -1..=1i64).prop_map(move |(years, offset)| {
        let year = today.year() - years;
        let birthday = today.replace_year(year).unwrap_or_else(|_| {
            Date::from_calendar_date(year, Month::February, 28).expect("a day")
        });
        birthday + Duration::days(offset)
    })
}

fn action() -> impl Strategy<Value = Action> {
    let unit = prop::sample::select(UNITS.to_vec()).prop_map(uuid);
    prop_oneof![
        3 => Just(Action::EstablishLog),
        3 => unit.clone().prop_map(Action::InvolveService),
        1 => unit.prop_map(Action::Transition),
        2 => Just(Action::ChildOwnAccess),
        1 => Just(Action::ShareHealthInformation),
    ]
}

fn cases(dates: impl Strategy<Value = (Date, Date)>) -> impl Strategy<Value = Case> {
    let guardian = (
        prop::bool::weighted(0.8),
        prop::sample::select(Residence::ALL.to_vec()),
    );
    (
        dates,
        prop::collection::vec(guardian, 1..=2),
        prop::sample::select(vec![
            LogStatus::Open,
            LogStatus::Open,
            LogStatus::Open,
            LogStatus::Requested,
            LogStatus::Closed,
        ]),
        prop::option::of(0..STAFF.len()),
        prop::collection::vec((0..4usize, action(), prop::bool::weighted(0.75)), 0..16),
    )
        .prop_map(|((today, birth), guardians, status, left, events)| Case {
            today,
            birth,
            guardians,
            status,
            left,
            events,
        })
}

/// Writes the case's family and log; returns the log and the people: the child, then the
/// guardians.
async fn write(pool: &PgPool, case: &Case) -> (Uuid, Vec<Uuid>) {
    let mut tx = pool.begin().await.expect("tx");
    let mut family = Vec::new();
    for _ in 0..=case.guardians.len() {
        let person: Uuid = sqlx::query_scalar(
            "insert into person (given_name, family_name) values ('Prøve', 'Person') returning person_id",
        )
        .fetch_one(&mut *tx)
        .await
        .expect("person");
        family.push(person);
    }
    let child = family[0];
    sqlx::query("insert into child (person_id, municipality_id, birth_date) values ($1, $2::uuid, $3::date)")
        .bind(child)
        .bind(MUNICIPALITY)
        .bind(case.birth.to_string())
        .execute(&mut *tx)
        .await
        .expect("child");
    for (guardian, (responsible, residence)) in family[1..].iter().zip(&case.guardians) {
        sqlx::query(
            "insert into guardianship (guardian_id, child_id, has_parental_responsibility, residence)
             values ($1, $2, $3, $4)",
        )
        .bind(guardian)
        .bind(child)
        .bind(responsible)
        .bind(residence.code())
        .execute(&mut *tx)
        .await
        .expect("guardianship");
    }
    let log: Uuid = sqlx::query_scalar(
        "insert into log (child_id, municipality_id, status, closed_at)
         values ($1, $2::uuid, $3, case when $3 = 'closed' then now() end) returning log_id",
    )
    .bind(child)
    .bind(MUNICIPALITY)
    .bind(case.status.code())
    .fetch_one(&mut *tx)
    .await
    .expect("log");
    sqlx::query("insert into holder_assignment (log_id, person_id, unit_id) values ($1, $2::uuid, $3::uuid)")
        .bind(log)
        .bind(NORA_STRAND_TEACHER)
        .bind(SCHOOL)
        .execute(&mut *tx)
        .await
        .expect("holder");
    for (n, (person, unit)) in STAFF.iter().enumerate() {
        sqlx::query(
            "insert into participant (log_id, person_id, unit_id, role, left_at)
             values ($1, $2::uuid, $3::uuid, 'service', case when $4 then now() end)",
        )
        .bind(log)
        .bind(person)
        .bind(unit)
        .bind(case.left == Some(n))
        .execute(&mut *tx)
        .await
        .expect("participant");
    }
    for (who, action, give) in &case.events {
        let consenter = family
            .get(*who)
            .copied()
            .unwrap_or(uuid(EIRIK_SCHOOL_LEADER));
        sqlx::query(
            "insert into consent (log_id, child_id, consenter_id, scope, unit_id, decision, method,
                                  text_shown, text_language)
             values ($1, $2, $3, $4, $5, $6, 'digital', 'Samtykketekst som ble vist', 'nb')",
        )
        .bind(log)
        .bind(child)
        .bind(consenter)
        .bind(action.kind().code())
        .bind(action.unit())
        .bind(if *give { "given" } else { "withdrawn" })
        .execute(&mut *tx)
        .await
        .expect("consent");
    }
    tx.commit().await.expect("written");
    (log, family)
}

/// What the rules of domain::access say for every person around the case's log: may they
/// read its content, and its people and consents.
fn rules(case: &Case, log_family: &[Uuid]) -> Vec<(Uuid, bool, bool)> {
    let child = log_family[0];
    let history: Vec<ConsentEvent> = case
        .events
        .iter()
        .map(|(who, action, give)| ConsentEvent {
            consenter: log_family
                .get(*who)
                .copied()
                .unwrap_or(uuid(EIRIK_SCHOOL_LEADER)),
            action: *action,
            choice: if *give {
                Choice::Given
            } else {
                Choice::Withdrawn
            },
        })
        .collect();
    let facts = LogFacts {
        status: case.status,
        family: Family {
            child_id: child,
            birth_date: case.birth,
            guardians: log_family[1..]
                .iter()
                .zip(&case.guardians)
                .map(|(person_id, (responsible, residence))| Guardian {
                    person_id: *person_id,
                    has_parental_responsibility: *responsible,
                    residence: *residence,
                })
                .collect(),
        },
        today: case.today,
        // Reopening is not a way to see a log.
        since_closed: Vec::new(),
        history,
        // As the demo's directory marks them.
        health_units: vec![uuid(HEALTH_STATION), uuid(PHYSIO)],
    };
    let mut people: Vec<(Uuid, Vec<Relation>)> = vec![(child, vec![Relation::Child])];
    for (guardian, (responsible, _)) in log_family[1..].iter().zip(&case.guardians) {
        people.push((
            *guardian,
            vec![Relation::Guardian {
                responsible: *responsible,
            }],
        ));
    }
    people.push((
        uuid(NORA_STRAND_TEACHER),
        vec![Relation::Holder(uuid(SCHOOL))],
    ));
    for (n, (person, unit)) in STAFF.iter().enumerate() {
        let relations = if case.left == Some(n) {
            Vec::new()
        } else {
            vec![Relation::Participant(uuid(unit))]
        };
        people.push((uuid(person), relations));
    }
    people.push((uuid(EIRIK_SCHOOL_LEADER), vec![Relation::UnitLeader]));
    people
        .into_iter()
        .map(|(person, relations)| {
            let may = |action| authorize(person, &relations, action, &facts).is_ok();
            let content = may(LogAction::ReadContent);
            (
                person,
                content,
                content || may(LogAction::ReadConsentHistory),
            )
        })
        .collect()
}

/// What the database says, on the case's day: `log_access` is what the policies ask.
async fn policies(pool: &PgPool, person: Uuid, log: Uuid, today: Date) -> (bool, bool) {
    let mut tx = pool.begin().await.expect("tx");
    sqlx::query(
        "select set_config('stafett.person_id', $1, true), set_config('role', 'stafett_app', true)",
    )
    .bind(person.to_string())
    .execute(&mut *tx)
    .await
    .expect("acting");
    let access: Option<(bool, bool)> =
        sqlx::query_as("select content, records from log_access($1::date) where log_id = $2")
            .bind(today.to_string())
            .bind(log)
            .fetch_optional(&mut *tx)
            .await
            .expect("access");
    let content_logs: Vec<Uuid> = sqlx::query_scalar("select unnest(content_logs_on($1::date))")
        .bind(today.to_string())
        .fetch_all(&mut *tx)
        .await
        .expect("content logs");
    let (content, records) = access.unwrap_or((false, false));
    assert_eq!(
        content,
        content_logs.contains(&log),
        "content_logs_on is log_access"
    );
    (content, records)
}

#[sqlx::test(migrations = "../migrations")]
async fn the_policies_allow_what_the_rules_allow(pool: PgPool) {
    server::demo_seed::run(&pool).await.expect("seed");
    // Each case hits the database: few of them, each with its own family and log.
    let mut runner = TestRunner::new(proptest::test_runner::Config {
        cases: 64,
        ..Default::default()
    });
    let strategy = cases(dates());
    let (mut allowed, mut refused) = (0, 0);
    for _ in 0..64 {
        let case = strategy.new_tree(&mut runner).expect("a case").current();
        let (log, family) = write(&pool, &case).await;
        for (person, content, records) in rules(&case, &family) {
            let database = policies(&pool, person, log, case.today).await;
            assert!(
                !database.0 || content,
                "the database shows content the rules refuse: {person} in {case:#?}"
            );
            assert_eq!(database, (content, records), "{person} in {case:#?}");
            if content {
                allowed += 1;
            } else {
                refused += 1;
            }
        }
    }
    // The generator reaches both answers, not only one of them.
    assert!(
        allowed > 20 && refused > 20,
        "allowed {allowed}, refused {refused}"
    );
}

/// Every table that holds a log's content, and the column that tells its rows apart (an
/// invitee by its meeting). `every_content_table_is_held_to_content_logs` keeps this list
/// equal to the tables under forced row-level security, so none escapes the test below.
const CONTENT: [(&str, &str); 10] = [
    ("entry", "entry_id"),
    ("attachment", "attachment_id"),
    ("development_area", "development_area_id"),
    ("goal", "goal_id"),
    ("measure", "measure_id"),
    ("evaluation", "evaluation_id"),
    ("meeting", "meeting_id"),
    ("meeting_agenda_item", "meeting_agenda_item_id"),
    ("meeting_invitee", "meeting_id"),
    ("meeting_decision", "meeting_decision_id"),
];

/// Writes one row of every content table into `log`; returns each row's key, in the order
/// of `CONTENT`. The rows are written whatever the case allows, and the owner is held to
/// the policies too: for this one transaction they are not forced on it.
async fn write_content(pool: &PgPool, log: Uuid) -> Vec<Uuid> {
    let [entry, attachment, area, goal, measure, evaluation, meeting, item, decision] =
        [(); 9].map(|_| Uuid::new_v4());
    let author = NORA_STRAND_TEACHER;
    let force = |on: &str| {
        CONTENT
            .iter()
            .map(|(table, _)| format!("alter table {table} {on} force row level security;"))
            .collect::<String>()
    };
    let mut tx = pool.begin().await.expect("tx");
    sqlx::raw_sql(&format!(
        "{no_force}
         insert into entry (entry_id, log_id, author_id, body)
         values ('{entry}', '{log}', '{author}', 'Innhold');
         insert into attachment (attachment_id, log_id, entry_id, file_name, content_type,
                                 size_bytes, sha256, data, uploaded_by)
         values ('{attachment}', '{log}', '{entry}', 'vedlegg.pdf', 'application/pdf', 4,
                 sha256(convert_to('%PDF', 'UTF8')), convert_to('%PDF', 'UTF8'), '{author}');
         insert into development_area (development_area_id, log_id, title, created_by)
         values ('{area}', '{log}', 'Område', '{author}');
         insert into goal (goal_id, log_id, development_area_id, title, created_by)
         values ('{goal}', '{log}', '{area}', 'Mål', '{author}');
         insert into measure (measure_id, log_id, development_area_id, goal_id, title,
                              start_date, planned_evaluation_date, responsible_id, created_by)
         values ('{measure}', '{log}', '{area}', '{goal}', 'Tiltak', current_date,
                 current_date + 30, '{author}', '{author}');
         insert into evaluation (evaluation_id, measure_id, what_was_tried, what_worked,
                                 what_next, evaluated_on, recorded_by)
         values ('{evaluation}', '{measure}', 'Prøvd', 'Virket', 'Videre', current_date,
                 '{author}');
         insert into meeting (meeting_id, log_id, starts_at, ends_at, place, called_by,
                              minute_taker_id)
         values ('{meeting}', '{log}', now() + interval '1 day',
                 now() + interval '1 day 1 hour', 'Skolen', '{author}', '{author}');
         insert into meeting_agenda_item (meeting_agenda_item_id, meeting_id, proposed_by,
                                          text, position)
         values ('{item}', '{meeting}', '{author}', 'Sak', 0);
         insert into meeting_invitee (meeting_id, person_id) values ('{meeting}', '{author}');
         insert into meeting_decision (meeting_decision_id, meeting_id, text, measure_id)
         values ('{decision}', '{meeting}', 'Vedtak', '{measure}');
         {force}",
        no_force = force("no"),
        force = force(""),
    ))
    .execute(&mut *tx)
    .await
    .expect("content");
    tx.commit().await.expect("written");
    vec![
        entry, attachment, area, goal, measure, evaluation, meeting, item, meeting, decision,
    ]
}

/// The content rows `person` reads with a plain select of every content table, as
/// (table, key).
async fn readable_content(pool: &PgPool, person: Option<Uuid>) -> Vec<(String, Uuid)> {
    let person = person.map(|person| person.to_string());
    let mut tx = acting(pool, person.as_deref()).await;
    let every_table = CONTENT
        .iter()
        .map(|(table, key)| format!("select '{table}', {key} from {table}"))
        .collect::<Vec<_>>()
        .join(" union all ");
    sqlx::query_as(&every_table)
        .fetch_all(&mut *tx)
        .await
        .expect("content")
}

/// The rules against every content table's rows: generated cases as above, on the
/// database's today (the policies judge today), each log with one row in every content
/// table; after each case, every person around it reads every content table, and must read
/// the rows of exactly the logs so far whose content domain::access lets them read (the
/// staff are the same people in every case, so a row of another log shows too).
#[sqlx::test(migrations = "../migrations")]
async fn every_content_table_shows_what_the_rules_allow(pool: PgPool) {
    server::demo_seed::run(&pool).await.expect("seed");
    let days: i64 = sqlx::query_scalar(
        "select ((now() at time zone 'Europe/Oslo')::date - date '2000-01-01')::bigint",
    )
    .fetch_one(&pool)
    .await
    .expect("today");
    let today =
        Date::from_calendar_date(2000, Month::January, 1).expect("a day") + Duration::days(days);
    let mut runner = TestRunner::new(proptest::test_runner::Config {
        cases: 64,
        ..Default::default()
    });
    let strategy = cases(born_before(today).prop_map(move |birth| (today, birth)));
    // Each row written (by its key) and its log; the logs whose content each person may read.
    let mut log_of = HashMap::new();
    let mut readable: HashMap<Uuid, BTreeSet<Uuid>> = HashMap::new();
    let (mut allowed, mut refused) = (0, 0);
    for _ in 0..64 {
        let case = strategy.new_tree(&mut runner).expect("a case").current();
        let (log, family) = write(&pool, &case).await;
        for key in write_content(&pool, log).await {
            log_of.insert(key, log);
        }
        let verdicts = rules(&case, &family);
        for (person, content, _) in &verdicts {
            if *content {
                readable.entry(*person).or_default().insert(log);
                allowed += 1;
            } else {
                refused += 1;
            }
        }
        for (person, _, _) in verdicts {
            let database: BTreeSet<(String, Uuid)> = readable_content(&pool, Some(person))
                .await
                .into_iter()
                .filter_map(|(table, key)| Some((table, *log_of.get(&key)?)))
                .collect();
            let expected: BTreeSet<(String, Uuid)> = readable
                .get(&person)
                .into_iter()
                .flatten()
                .flat_map(|log| CONTENT.iter().map(|(table, _)| (table.to_string(), *log)))
                .collect();
            assert_eq!(
                database, expected,
                "the (table, log) rows {person} reads (left) and may read (right); \
                 the latest log {log} is {case:#?}"
            );
        }
    }
    assert!(
        allowed > 20 && refused > 20,
        "allowed {allowed}, refused {refused}"
    );
    // Without an acting person nothing at all; a stranger to every case none of theirs.
    assert_eq!(readable_content(&pool, None).await, Vec::new());
    let kari = readable_content(&pool, Some(uuid(KARI))).await;
    assert!(kari.iter().all(|(_, key)| !log_of.contains_key(key)));
}

/// Every table under forced row-level security is a content table of `CONTENT`, guarded by
/// one policy for every command that reads and writes by `content_logs()`: the one
/// set-based rule the test above compares with domain::access. The one other policy is the
/// leader's figures' (`stafett_figures`), which reads dates and keys only (see below).
#[sqlx::test(migrations = "../migrations")]
async fn every_content_table_is_held_to_content_logs(pool: PgPool) {
    let forced: Vec<String> = sqlx::query_scalar(
        "select relname::text from pg_class
         where relnamespace = 'public'::regnamespace and relforcerowsecurity order by 1",
    )
    .fetch_all(&pool)
    .await
    .expect("tables");
    let mut content: Vec<&str> = CONTENT.iter().map(|(table, _)| *table).collect();
    content.sort_unstable();
    assert_eq!(forced, content);
    for table in content {
        let policies: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
            "select cmd, permissive, qual, with_check from pg_policies
             where schemaname = 'public' and tablename = $1
               and roles <> array['stafett_figures']::name[]",
        )
        .bind(table)
        .fetch_all(&pool)
        .await
        .expect("policies");
        let [(command, permissive, using, check)] = &policies[..] else {
            panic!("{table}: one policy, not {policies:?}");
        };
        assert_eq!(
            (command.as_str(), permissive.as_str()),
            ("ALL", "PERMISSIVE"),
            "{table}"
        );
        assert!(using.contains("content_logs()"), "{table}: {using}");
        assert_eq!(Some(using), check.as_ref(), "{table}: writes as reads");
    }
}

/// The leader's figures read the content tables through a role of their own, which may
/// select dates, statuses and keys and no text; the application's role may not call the
/// function that reads as it.
#[sqlx::test(migrations = "../migrations")]
async fn the_figures_read_dates_and_no_text(pool: PgPool) {
    let policies: Vec<(String, String)> = sqlx::query_as(
        "select tablename::text, cmd from pg_policies
         where schemaname = 'public' and roles = array['stafett_figures']::name[]
         order by 1",
    )
    .fetch_all(&pool)
    .await
    .expect("policies");
    let expected = [
        ("entry", "SELECT"),
        ("evaluation", "SELECT"),
        ("measure", "SELECT"),
    ]
    .map(|(table, command)| (table.to_string(), command.to_string()));
    assert_eq!(policies, expected);
    let readable: Vec<String> = sqlx::query_scalar(
        "select table_name || '.' || column_name from information_schema.column_privileges
         where grantee = 'stafett_figures' and privilege_type = 'SELECT'
           and table_name in ('entry', 'measure', 'evaluation')
         order by 1",
    )
    .fetch_all(&pool)
    .await
    .expect("columns");
    assert_eq!(
        readable,
        [
            "entry.created_at",
            "entry.log_id",
            "evaluation.evaluated_on",
            "evaluation.measure_id",
            "measure.log_id",
            "measure.measure_id",
            "measure.planned_evaluation_date",
            "measure.status"
        ]
    );
    let mut tx = acting(&pool, Some(IDA_NURSE)).await;
    let refused = sqlx::query("select * from content_dates(array[gen_random_uuid()])")
        .execute(&mut *tx)
        .await
        .expect_err("the application's role may not read as the figures");
    assert!(
        refused.to_string().contains("permission denied"),
        "{refused}"
    );
}

/// The policies read today in Europe/Oslo, as the gate's facts do.
#[sqlx::test(migrations = "../migrations")]
async fn content_logs_judge_today_in_oslo(pool: PgPool) {
    seeded(&pool).await;
    let mut tx = acting(&pool, Some(IDA_NURSE)).await;
    let same: bool = sqlx::query_scalar(
        "select content_logs() = content_logs_on((now() at time zone 'Europe/Oslo')::date)
                and cardinality(content_logs()) > 0",
    )
    .fetch_one(&mut *tx)
    .await
    .expect("compared");
    assert!(same);
}

async fn rows(tx: &mut Transaction<'static, Postgres>, table: &str) -> i64 {
    sqlx::query_scalar(&format!("select count(*) from {table}"))
        .fetch_one(&mut **tx)
        .await
        .expect("count")
}

#[sqlx::test(migrations = "../migrations")]
async fn the_application_role_reads_no_personal_data_without_an_acting_person(pool: PgPool) {
    seeded(&pool).await;
    let personal = [
        "person",
        "child",
        "guardianship",
        "consent",
        "participant",
        "log",
        "holder_assignment",
        "log_visit",
        "handover_offer",
    ];
    let mut nobody = acting(&pool, None).await;
    for table in personal {
        assert_eq!(rows(&mut nobody, table).await, 0, "{table}");
    }
    // A guardian without parental responsibility sees no log, and of the people only himself.
    let mut geir = acting(&pool, Some(GEIR)).await;
    for table in personal {
        let expected = i64::from(table == "person");
        assert_eq!(rows(&mut geir, table).await, expected, "{table}");
    }
    // Ingrid sees her sons Mats's and Jonas's logs, their people and consents, and no
    // other family's.
    let mut ingrid = acting(&pool, Some(INGRID)).await;
    let logs: Vec<String> = sqlx::query_scalar("select log_id::text from log order by log_id")
        .fetch_all(&mut *ingrid)
        .await
        .expect("logs");
    assert_eq!(logs, vec![MATS_LOG.to_string(), JONAS_LOG.to_string()]);
    let strangers: i64 =
        sqlx::query_scalar("select count(*) from person where person_id in ($1::uuid, $2::uuid)")
            .bind(SARA)
            .bind(KARI)
            .fetch_one(&mut *ingrid)
            .await
            .expect("count");
    assert_eq!(strangers, 0);
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
        sqlx::raw_sql(&format!(
            "select set_config('stafett.person_id', '{INGRID}', true);
             insert into entry (log_id, author_id, body, created_at)
             values ('{MATS_LOG}', '{INGRID}', 'Side {n}', now() + make_interval(secs => {n}))"
        ))
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
    assert!(
        matches!(
            seal_and_verify(&pool, MATS_LOG).await,
            Verdict::Whole { unsealed: 0, .. }
        ),
        "the chain holds, sealed"
    );
}

/// The access a statement decided is kept for the rest of it, for speed; a change to what it
/// is made of drops it at once. One statement (a `DO` block, as a function reading and
/// writing would be): the health station reads the log, the mother withdraws its consent,
/// and its next read within the same statement finds nothing.
#[sqlx::test(migrations = "../migrations")]
async fn a_withdrawal_bites_within_the_statement_that_read_before_it(pool: PgPool) {
    seeded(&pool).await;
    let mut tx = pool.begin().await.expect("tx");
    sqlx::raw_sql(&format!(
        "do $$
         declare
             before bigint;
             after bigint;
         begin
             perform set_config('stafett.person_id', '{IDA_NURSE}', true);
             set local role stafett_app;
             select count(*) into before from entry where body like '%{MARKER}%';
             reset role;
             insert into consent (log_id, child_id, consenter_id, scope, unit_id, decision,
                                  method, text_shown, text_language)
             values ('{MATS_LOG}', '{MATS}', '{INGRID}', 'involve_service', '{HEALTH_STATION}',
                     'withdrawn', 'digital', 'Jeg trekker samtykket tilbake.', 'nb');
             set local role stafett_app;
             select count(*) into after from entry where body like '%{MARKER}%';
             perform set_config('test.counts', before || ' ' || after, true);
         end
         $$"
    ))
    .execute(&mut *tx)
    .await
    .expect("one statement");
    let counts: String = sqlx::query_scalar("select current_setting('test.counts')")
        .fetch_one(&mut *tx)
        .await
        .expect("counts");
    assert_eq!(
        counts, "1 0",
        "read before the withdrawal, nothing after it"
    );
}
