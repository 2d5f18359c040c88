//! The municipality's administrator through the real server functions over HTTP against the
//! real database: units and services, staff and unit leaders, ending a membership, who
//! administers, and the CSV import with its dry run. Bad input and every person who is not
//! this municipality's administrator (staff, a unit leader, a citizen, and the
//! administrator of another municipality using this one's ids) change nothing.

use crate::support::fixture::*;
use crate::support::{denied, invalid, json, location, post, superuser, TestApp};
use axum::http::StatusCode;
use serde_json::{json, Value};
use sqlx::PgPool;

/// Berit Holm, the demo municipality's administrator.
pub(crate) const BERIT_ADMIN: &str = "00000000-0000-4000-8000-000000000217";
/// Another municipality, its unit and its administrator (see [`neighbour`]).
const NEIGHBOUR: &str = "00000000-0000-4000-8000-00000000a001";
pub(crate) const NEIGHBOUR_SCHOOL: &str = "00000000-0000-4000-8000-00000000a101";
pub(crate) const NEIGHBOUR_ADMIN: &str = "00000000-0000-4000-8000-00000000a201";
pub(crate) const NEIGHBOUR_TEACHER: &str = "00000000-0000-4000-8000-00000000a202";

/// Valid synthetic national identity numbers nobody in the demo has.
const NEW_NUMBER: &str = "14837110034";
const SECOND_NUMBER: &str = "02038510021";
const NEIGHBOURS_NUMBER: &str = "11129010055";
const NEIGHBOUR_TEACHERS_NUMBER: &str = "25017510072";

/// A second municipality with a school, an administrator and a teacher.
pub(crate) async fn neighbour(pool: &PgPool) {
    sqlx::raw_sql(&format!(
        "insert into municipality (municipality_id, name) values ('{NEIGHBOUR}', 'Naboby kommune');
         insert into unit (unit_id, municipality_id, kind, name, phone, email, street_address,
                           postal_code, postal_place)
         values ('{NEIGHBOUR_SCHOOL}', '{NEIGHBOUR}', 'school', 'Naboby skole', '+47 71 99 00 00',
                 'skolen@naboby.no', 'Skolevegen 1', '6441', 'Naboby');
         insert into person (person_id, given_name, family_name, national_id)
         values ('{NEIGHBOUR_ADMIN}', 'Nils', 'Nabo', '{NEIGHBOURS_NUMBER}'),
                ('{NEIGHBOUR_TEACHER}', 'Nina', 'Nabo', '{NEIGHBOUR_TEACHERS_NUMBER}');
         insert into staff (person_id, municipality_id, is_administrator)
         values ('{NEIGHBOUR_ADMIN}', '{NEIGHBOUR}', true), ('{NEIGHBOUR_TEACHER}', '{NEIGHBOUR}', false);
         insert into staff_unit_membership (person_id, unit_id, role)
         values ('{NEIGHBOUR_TEACHER}', '{NEIGHBOUR_SCHOOL}', 'member');"
    ))
    .execute(pool)
    .await
    .expect("the neighbour municipality");
}

async fn app(pool: PgPool) -> TestApp {
    let app = TestApp::with_logs(pool).await;
    neighbour(app.pool()).await;
    app
}

/// Everything an administrator can change, and the audit trail's administrator events, as
/// one fingerprint: equal before and after means nothing changed.
pub(crate) async fn fingerprint(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "select md5(concat_ws('#',
             (select string_agg(u::text, '|' order by unit_id) from unit u),
             (select string_agg(s::text, '|' order by person_id) from staff s),
             (select string_agg(m::text, '|' order by person_id, unit_id) from staff_unit_membership m),
             (select string_agg(p::text, '|' order by person_id) from person p),
             (select count(*) from staff_import),
             (select count(*) from audit_event where action like 'admin.%')))",
    )
    .fetch_one(&superuser(pool))
    .await
    .expect("fingerprint")
}

fn not_administrator() -> (StatusCode, Value) {
    denied("administrator_only")
}

fn not_found() -> (StatusCode, Value) {
    (StatusCode::NOT_FOUND, json!({ "error": "not_found" }))
}

fn unit_form<'a>(name: &'a str, postal_code: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("unit[kind]", "other"),
        ("unit[name]", name),
        ("unit[description]", "Kulturskole for barn og unge."),
        ("unit[phone]", "+47 71 00 01 09"),
        ("unit[email]", "kulturskolen@fjordvik.kommune.no"),
        ("unit[street_address]", "Torget 2"),
        ("unit[postal_code]", postal_code),
        ("unit[postal_place]", "Fjordvik"),
    ]
}

fn staff_form<'a>(
    unit: &'a str,
    number: &'a str,
    email: &'a str,
    leader: bool,
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("unit_id", unit),
        ("staff[national_id]", number),
        ("staff[given_name]", "Tuva"),
        ("staff[family_name]", "Lie"),
        ("staff[email]", email),
        ("staff[phone]", "+47 900 00 001"),
    ];
    if leader {
        form.push(("staff[unit_leader]", "true"));
    }
    form
}

async fn audited(pool: &PgPool, action: &str) -> i64 {
    sqlx::query_scalar(
        "select count(*) from audit_event where action = $1 and actor_id is not null",
    )
    .bind(action)
    .fetch_one(pool)
    .await
    .expect("count")
}

#[sqlx::test(migrations = "../migrations")]
async fn the_administrator_creates_and_changes_a_unit(pool: PgPool) {
    let app = app(pool).await;
    let mut berit = app.as_person(BERIT_ADMIN).await;

    let response = berit
        .post_form("/api/save_unit", &unit_form("Fjordvik kulturskole", "6440"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let unit_id = json(response).await.as_str().expect("an id").to_string();

    let (status, unit) = {
        let response = berit
            .get(&format!("/api/unit_for_admin?unit_id={unit_id}"))
            .await;
        (response.status(), json(response).await)
    };
    assert_eq!(status, StatusCode::OK);
    assert_eq!(unit["name"], "Fjordvik kulturskole");
    assert_eq!(unit["kind"], "other");
    assert_eq!(unit["shares_health_information"], false);

    // Changed: a health service now, sharing health information.
    let mut form = unit_form("Fjordvik kulturskole og helse", "6441");
    form.push(("unit[unit_id]", unit_id.as_str()));
    form[0] = ("unit[kind]", "health_station");
    form.push(("unit[shares_health_information]", "true"));
    let response = berit.post_form("/api/save_unit", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(location(&response), format!("/admin/units/{unit_id}"));
    let row: (String, String, String, bool) = sqlx::query_as(
        "select name, kind, postal_code, shares_health_information from unit where unit_id = $1::uuid",
    )
    .bind(&unit_id)
    .fetch_one(app.pool())
    .await
    .expect("the unit");
    assert_eq!(
        row,
        (
            "Fjordvik kulturskole og helse".into(),
            "health_station".into(),
            "6441".into(),
            true
        )
    );
    assert_eq!(audited(app.pool(), "admin.unit_created").await, 1);
    assert_eq!(audited(app.pool(), "admin.unit_changed").await, 1);

    // The directory shows it to everyone.
    let (_, _, page) = app.browser().page("/").await;
    assert!(page.contains("Fjordvik kulturskole og helse"));
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_unit_input_is_named_and_changes_nothing(pool: PgPool) {
    let app = app(pool).await;
    let mut berit = app.as_person(BERIT_ADMIN).await;
    let before = fingerprint(app.pool()).await;
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (unit_form("Fjordvik kulturskole", "644"), "postal_code"),
        (unit_form("F", "6440"), "unit_name"),
        // A name the municipality already has (the database's unique constraint).
        (unit_form("Fjordvik barneskole", "6440"), "unit_name"),
        (
            {
                let mut form = unit_form("Fjordvik kulturskole", "6440");
                form[0] = ("unit[kind]", "circus");
                form
            },
            "unit_kind",
        ),
        (
            {
                let mut form = unit_form("Fjordvik kulturskole", "6440");
                form[3] = ("unit[phone]", "12");
                form
            },
            "phone",
        ),
        (
            {
                let mut form = unit_form("Fjordvik kulturskole", "6440");
                form[4] = ("unit[email]", "kulturskolen");
                form
            },
            "email",
        ),
        (
            {
                let mut form = unit_form("Fjordvik kulturskole", "6440");
                form.push(("unit[website]", "http://fjordvik.no"));
                form
            },
            "website",
        ),
    ];
    for (form, field) in cases {
        assert_eq!(
            post(&mut berit, "/api/save_unit", &form).await,
            invalid(field),
            "{field}"
        );
    }
    // Undecodable: no kind at all, a malformed id.
    let mut form = unit_form("Fjordvik kulturskole", "6440");
    form.push(("unit[unit_id]", "not-a-uuid"));
    assert_eq!(
        post(&mut berit, "/api/save_unit", &form).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(fingerprint(app.pool()).await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_administrator_adds_staff_makes_a_leader_and_ends_a_membership(pool: PgPool) {
    let app = app(pool).await;
    let mut berit = app.as_person(BERIT_ADMIN).await;

    // A new person: staff of the municipality and a member of the school. The same again
    // changes nothing; with another e-mail, as leader, the details and the role change; then
    // a second unit.
    let steps = [
        (SCHOOL, "tuva.lie@fjordvik.no", false, ("new", "new")),
        (
            SCHOOL,
            "tuva.lie@fjordvik.no",
            false,
            ("unchanged", "unchanged"),
        ),
        (
            SCHOOL,
            "tuva@fjordvik.no",
            true,
            ("changed", "role_changed"),
        ),
        (PPT, "tuva@fjordvik.no", false, ("unchanged", "new")),
    ];
    for (unit, email, leader, (staff, membership)) in steps {
        let form = staff_form(unit, NEW_NUMBER, email, leader);
        let (status, outcome) = post(&mut berit, "/api/add_staff", &form).await;
        assert_eq!(status, StatusCode::OK, "{outcome}");
        assert_eq!(outcome, json!({ "staff": staff, "membership": membership }));
    }

    let tuva: String =
        sqlx::query_scalar("select person_id::text from person where national_id = $1")
            .bind(NEW_NUMBER)
            .fetch_one(app.pool())
            .await
            .expect("Tuva");
    let unit = json(
        berit
            .get(&format!("/api/unit_for_admin?unit_id={SCHOOL}"))
            .await,
    )
    .await;
    let member = unit["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|member| member["person_id"] == tuva.as_str())
        .expect("Tuva at the school")
        .clone();
    assert_eq!(member["name"], "Tuva Lie");
    assert_eq!(member["email"], "tuva@fjordvik.no");
    assert_eq!(member["is_unit_leader"], true);
    assert!(
        !unit.to_string().contains(NEW_NUMBER),
        "no national id on the wire"
    );

    // She can log in now, as staff of both units, leader of the school.
    let mut tuva_browser = app.as_person(&tuva).await;
    let (status, _, page) = tuva_browser.page("/me").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Fjordvik barneskole") && page.contains("PPT Fjordvik"));

    // No longer leader; then the PPT membership ends.
    let form = [("unit_id", SCHOOL), ("person_id", tuva.as_str())];
    assert_eq!(
        post(&mut berit, "/api/set_unit_leader", &form).await.0,
        StatusCode::OK
    );
    let role: String = sqlx::query_scalar(
        "select role from staff_unit_membership where person_id = $1::uuid and unit_id = $2::uuid",
    )
    .bind(&tuva)
    .bind(SCHOOL)
    .fetch_one(app.pool())
    .await
    .expect("role");
    assert_eq!(role, "member");
    let form = [("unit_id", PPT), ("person_id", tuva.as_str())];
    assert_eq!(
        post(&mut berit, "/api/end_membership", &form).await.0,
        StatusCode::OK
    );
    let memberships: i64 =
        sqlx::query_scalar("select count(*) from staff_unit_membership where person_id = $1::uuid")
            .bind(&tuva)
            .fetch_one(app.pool())
            .await
            .expect("count");
    assert_eq!(memberships, 1);
    // Ending it again: there is none.
    assert_eq!(
        post(&mut berit, "/api/end_membership", &form).await,
        not_found()
    );

    assert_eq!(audited(app.pool(), "admin.staff_put").await, 3);
    assert_eq!(audited(app.pool(), "admin.unit_leader_set").await, 1);
    assert_eq!(audited(app.pool(), "admin.membership_ended").await, 1);
    // No national identity number in any audit detail.
    let leaked: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where detail::text like '%' || $1 || '%'",
    )
    .bind(NEW_NUMBER)
    .fetch_one(app.pool())
    .await
    .expect("count");
    assert_eq!(leaked, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_staff_input_is_named_and_changes_nothing(pool: PgPool) {
    let app = app(pool).await;
    let mut berit = app.as_person(BERIT_ADMIN).await;
    let before = fingerprint(app.pool()).await;
    let cases = [
        (
            staff_form(SCHOOL, "14837110035", "tuva@fjordvik.no", false),
            "national_id",
        ),
        (staff_form(SCHOOL, NEW_NUMBER, "tuva", false), "email"),
        // Staff of another municipality cannot be taken on here.
        (
            staff_form(SCHOOL, NEIGHBOUR_TEACHERS_NUMBER, "nina@fjordvik.no", false),
            "staff_elsewhere",
        ),
    ];
    for (form, field) in cases {
        assert_eq!(
            post(&mut berit, "/api/add_staff", &form).await,
            invalid(field),
            "{field}"
        );
    }
    let mut form = staff_form(SCHOOL, NEW_NUMBER, "tuva@fjordvik.no", false);
    form[2] = ("staff[given_name]", " ");
    assert_eq!(
        post(&mut berit, "/api/add_staff", &form).await,
        invalid("given_name")
    );
    form[2] = ("staff[given_name]", "Tuva");
    form[5] = ("staff[phone]", "abc");
    assert_eq!(
        post(&mut berit, "/api/add_staff", &form).await,
        invalid("phone")
    );

    // Unknown ids.
    let form = [("unit_id", SCHOOL), ("person_id", KARI)];
    assert_eq!(
        post(&mut berit, "/api/set_unit_leader", &form).await,
        not_found()
    );
    let form = [("person_id", KARI), ("administrator", "true")];
    assert_eq!(
        post(&mut berit, "/api/set_administrator", &form).await,
        not_found()
    );
    assert_eq!(
        berit
            .get(&format!("/api/unit_for_admin?unit_id={KARI}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(fingerprint(app.pool()).await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn administrators_name_each_other_and_the_last_one_stays(pool: PgPool) {
    let app = app(pool).await;
    let mut berit = app.as_person(BERIT_ADMIN).await;
    let before = fingerprint(app.pool()).await;
    // Berit cannot step down while she is the only one.
    let form = [("person_id", BERIT_ADMIN)];
    assert_eq!(
        post(&mut berit, "/api/set_administrator", &form).await,
        invalid("last_administrator")
    );
    assert_eq!(fingerprint(app.pool()).await, before);

    // She makes Eirik an administrator; he sees the municipality's overview.
    let form = [
        ("person_id", EIRIK_SCHOOL_LEADER),
        ("administrator", "true"),
    ];
    assert_eq!(
        post(&mut berit, "/api/set_administrator", &form).await.0,
        StatusCode::OK
    );
    let mut eirik = app.as_person(EIRIK_SCHOOL_LEADER).await;
    let overview = json(eirik.get("/api/municipality_overview").await).await;
    assert_eq!(overview["municipality_name"], "Fjordvik kommune");
    let names: Vec<&str> = overview["administrators"]
        .as_array()
        .expect("administrators")
        .iter()
        .map(|admin| admin["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["Berit Holm", "Eirik Vik"]);
    // Now Eirik removes Berit; then he is the last and stays.
    let form = [("person_id", BERIT_ADMIN)];
    assert_eq!(
        post(&mut eirik, "/api/set_administrator", &form).await.0,
        StatusCode::OK
    );
    let form = [("person_id", EIRIK_SCHOOL_LEADER)];
    assert_eq!(
        post(&mut eirik, "/api/set_administrator", &form).await,
        invalid("last_administrator")
    );
    // Berit no longer administers anything.
    assert_eq!(
        post(
            &mut berit,
            "/api/set_administrator",
            &[("person_id", BERIT_ADMIN), ("administrator", "true")]
        )
        .await,
        not_administrator()
    );
    assert_eq!(audited(app.pool(), "admin.administrator_set").await, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_import_shows_a_dry_run_refuses_bad_rows_and_applies_in_one_go(pool: PgPool) {
    let app = app(pool).await;
    let mut berit = app.as_person(BERIT_ADMIN).await;
    let nora: String =
        sqlx::query_scalar("select national_id from person where person_id = $1::uuid")
            .bind(NORA_STRAND_TEACHER)
            .fetch_one(app.pool())
            .await
            .expect("Nora's number");
    let csv = format!(
        "fødselsnummer;fornavn;etternavn;e-post;telefon;enhet;enhetsleder\n\
         {NEW_NUMBER};Tuva;Lie;tuva@fjordvik.no;+47 900 00 001;Fjordvik barneskole;nei\n\
         {nora};Nora;Strand;nora.strand@example.no;;Fjordvik barneskole;nei\n\
         {nora};Nora;Strand;nora.strand@example.no;+47 900 00 002;PPT Fjordvik;ja\n\
         12345678901;Feil;Nummer;feil@fjordvik.no;+47 900 00 003;Fjordvik barneskole;nei\n\
         {SECOND_NUMBER};Ola;Uten;ola@fjordvik.no;+47 900 00 004;Ukjent skole;nei\n\
         {SECOND_NUMBER};Ola;Leder;ola@fjordvik.no;+47 900 00 004;PPT Fjordvik;kanskje\n\
         {NEIGHBOUR_TEACHERS_NUMBER};Nina;Nabo;nina@fjordvik.no;+47 900 00 005;PPT Fjordvik;nei\n\
         for;få;kolonner\n"
    );
    let before = fingerprint(app.pool()).await;
    let response = berit.post_form("/api/check_import", &[("csv", &csv)]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let import_id = json(response).await.as_str().expect("an id").to_string();
    let response = berit
        .get(&format!("/api/dry_run_import?staff_import_id={import_id}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let report = json(response).await;
    let rows: Vec<(u64, Value)> = report["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| (row["line"].as_u64().expect("a line"), row["result"].clone()))
        .collect();
    let accepted = |staff: &str, membership: &str| json!({ "result": "accepted", "outcome": { "staff": staff, "membership": membership } });
    let refused = |field: &str| json!({ "result": "refused", "field": field });
    assert_eq!(
        rows,
        vec![
            (2, accepted("new", "new")),
            // Nora's phone is not given: refused, the phone column is required.
            (3, refused("phone")),
            (4, accepted("changed", "new")),
            (5, refused("national_id")),
            (6, refused("unit")),
            (7, refused("unit_leader")),
            (8, refused("staff_elsewhere")),
            (9, refused("columns")),
        ]
    );
    // The dry run changed nothing but keeping the file.
    let kept: i64 = sqlx::query_scalar("select count(*) from staff_import")
        .fetch_one(app.pool())
        .await
        .expect("count");
    assert_eq!(kept, 1);
    let unchanged_person: i64 =
        sqlx::query_scalar("select count(*) from person where national_id = $1")
            .bind(NEW_NUMBER)
            .fetch_one(app.pool())
            .await
            .expect("count");
    assert_eq!(unchanged_person, 0);
    // Applying it is refused as a whole.
    let form = [("staff_import_id", import_id.as_str())];
    assert_eq!(
        post(&mut berit, "/api/apply_import", &form).await,
        invalid("import_refused")
    );
    assert_eq!(unchanged_person, 0);

    // A corrected file (comma-separated this time) applies in one go.
    let csv = format!(
        "fnr,fornavn,etternavn,e-post,telefon,enhet,leder\n\
         {NEW_NUMBER},Tuva,Lie,tuva@fjordvik.no,+47 900 00 001,fjordvik barneskole,nei\n\
         {nora},Nora,Strand,nora.strand@example.no,+47 900 00 002,PPT Fjordvik,ja\n"
    );
    let response = berit.post_form("/api/check_import", &[("csv", &csv)]).await;
    let import_id = json(response).await.as_str().expect("an id").to_string();
    let form = [("staff_import_id", import_id.as_str())];
    let response = berit.post_form("/api/apply_import", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(location(&response), "/admin?imported=1");
    let nora_ppt: String = sqlx::query_scalar(
        "select role from staff_unit_membership where person_id = $1::uuid and unit_id = $2::uuid",
    )
    .bind(NORA_STRAND_TEACHER)
    .bind(PPT)
    .fetch_one(app.pool())
    .await
    .expect("Nora at PPT");
    assert_eq!(nora_ppt, "unit_leader");
    let tuva: i64 = sqlx::query_scalar(
        "select count(*) from person p join staff_unit_membership m using (person_id)
         where p.national_id = $1 and m.unit_id = $2::uuid",
    )
    .bind(NEW_NUMBER)
    .bind(SCHOOL)
    .fetch_one(app.pool())
    .await
    .expect("Tuva");
    assert_eq!(tuva, 1);
    // The file is gone once applied; every change is audited.
    let kept: i64 = sqlx::query_scalar("select count(*) from staff_import")
        .fetch_one(app.pool())
        .await
        .expect("count");
    assert_eq!(kept, 0);
    assert_eq!(audited(app.pool(), "admin.import_applied").await, 1);
    assert_eq!(audited(app.pool(), "admin.staff_put").await, 2);
    assert_ne!(fingerprint(app.pool()).await, before);

    // An empty file, or one without rows, is refused.
    for csv in ["", "fnr;fornavn;etternavn;e-post;telefon;enhet;leder\n"] {
        assert_eq!(
            post(&mut berit, "/api/check_import", &[("csv", csv)]).await,
            invalid("csv")
        );
    }
}

/// The writes, each with the ids of this municipality's school and Nora (a teacher there).
fn writes() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let mut unit = unit_form("Fjordvik barneskole", "6440");
    unit.push(("unit[unit_id]", SCHOOL));
    vec![
        ("/api/save_unit", unit),
        ("/api/save_unit", unit_form("Ny enhet", "6440")),
        (
            "/api/add_staff",
            staff_form(SCHOOL, NEW_NUMBER, "tuva@fjordvik.no", true),
        ),
        (
            "/api/set_unit_leader",
            vec![
                ("unit_id", SCHOOL),
                ("person_id", NORA_STRAND_TEACHER),
                ("unit_leader", "true"),
            ],
        ),
        (
            "/api/end_membership",
            vec![("unit_id", LOWER_SECONDARY), ("person_id", ANDERS_TEACHER)],
        ),
        (
            "/api/set_administrator",
            vec![
                ("person_id", NORA_STRAND_TEACHER),
                ("administrator", "true"),
            ],
        ),
        ("/api/set_administrator", vec![("person_id", BERIT_ADMIN)]),
        (
            "/api/check_import",
            vec![("csv", "fnr;a;b;c;d;e;f\n1;2;3;4;5;6;7\n")],
        ),
    ]
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_but_the_municipalitys_administrator_changes_anything(pool: PgPool) {
    let app = app(pool).await;
    // A pending import of Berit's, which nobody else may see or apply.
    let mut berit = app.as_person(BERIT_ADMIN).await;
    let csv = format!(
        "fnr;a;b;c;d;e;f\n{NEW_NUMBER};Tuva;Lie;tuva@fjordvik.no;+47 900 00 001;PPT Fjordvik;ja\n"
    );
    let response = berit.post_form("/api/check_import", &[("csv", &csv)]).await;
    let import_id = json(response).await.as_str().expect("an id").to_string();
    let before = fingerprint(app.pool()).await;

    // Staff, a unit leader, a citizen: not administrators at all.
    for person in [NORA_STRAND_TEACHER, EIRIK_SCHOOL_LEADER, KARI, SARA] {
        let mut browser = app.as_person(person).await;
        for (endpoint, form) in writes() {
            assert_eq!(
                post(&mut browser, endpoint, &form).await,
                not_administrator(),
                "{person} {endpoint}"
            );
        }
        assert_eq!(
            post(
                &mut browser,
                "/api/apply_import",
                &[("staff_import_id", &import_id)]
            )
            .await,
            not_administrator()
        );
        for read in [
            "/api/municipality_overview".to_string(),
            format!("/api/unit_for_admin?unit_id={SCHOOL}"),
            format!("/api/dry_run_import?staff_import_id={import_id}"),
        ] {
            assert_eq!(
                browser.get(&read).await.status(),
                StatusCode::FORBIDDEN,
                "{person} {read}"
            );
        }
    }
    // Not logged in.
    let mut anonymous = app.browser();
    for (endpoint, form) in writes() {
        assert_eq!(
            post(&mut anonymous, endpoint, &form).await.0,
            StatusCode::UNAUTHORIZED,
            "{endpoint}"
        );
    }

    // The administrator of another municipality, with this one's ids: not found.
    let mut nils = app.as_person(NEIGHBOUR_ADMIN).await;
    for (endpoint, form) in writes() {
        let expected = match endpoint {
            // A new unit or an import is his own municipality's (checked below).
            "/api/check_import" => invalid("csv"),
            _ if form.contains(&("unit[name]", "Ny enhet")) => continue,
            _ => not_found(),
        };
        let answer = post(&mut nils, endpoint, &form).await;
        if endpoint == "/api/check_import" {
            // Kept for him, in his municipality: a row naming this municipality's unit is refused.
            assert_eq!(answer.0, StatusCode::OK, "{answer:?}");
            continue;
        }
        assert_eq!(answer, expected, "{endpoint} {form:?}");
    }
    assert_eq!(
        post(
            &mut nils,
            "/api/apply_import",
            &[("staff_import_id", &import_id)]
        )
        .await,
        not_found()
    );
    for read in [
        format!("/api/unit_for_admin?unit_id={SCHOOL}"),
        format!("/api/dry_run_import?staff_import_id={import_id}"),
    ] {
        assert_eq!(
            nils.get(&read).await.status(),
            StatusCode::NOT_FOUND,
            "{read}"
        );
    }
    // His own overview shows his municipality only.
    let overview = json(nils.get("/api/municipality_overview").await).await;
    assert_eq!(overview["municipality_name"], "Naboby kommune");
    assert_eq!(overview["units"].as_array().expect("units").len(), 1);
    // His import naming this municipality's unit is refused row by row.
    let csv = format!("fnr;a;b;c;d;e;f\n{NEW_NUMBER};Tuva;Lie;tuva@naboby.no;+47 900 00 001;Fjordvik barneskole;ja\n");
    let response = nils.post_form("/api/check_import", &[("csv", &csv)]).await;
    let his = json(response).await.as_str().expect("an id").to_string();
    let report = json(
        nils.get(&format!("/api/dry_run_import?staff_import_id={his}"))
            .await,
    )
    .await;
    assert_eq!(
        report["rows"][0]["result"],
        json!({ "result": "refused", "field": "unit" })
    );

    // Nothing of this municipality changed (his own kept imports aside).
    sqlx::query("delete from staff_import where created_by = $1::uuid")
        .bind(NEIGHBOUR_ADMIN)
        .execute(&superuser(app.pool()))
        .await
        .expect("his imports");
    let audit_events_of_his: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where actor_id = $1::uuid and action like 'admin.%'",
    )
    .bind(NEIGHBOUR_ADMIN)
    .fetch_one(app.pool())
    .await
    .expect("count");
    assert_eq!(audit_events_of_his, 2, "his two kept imports, nothing else");
    let after: String = sqlx::query_scalar(
        "select md5(concat_ws('#',
             (select string_agg(u::text, '|' order by unit_id) from unit u),
             (select string_agg(s::text, '|' order by person_id) from staff s),
             (select string_agg(m::text, '|' order by person_id, unit_id) from staff_unit_membership m),
             (select string_agg(p::text, '|' order by person_id) from person p),
             (select count(*) from staff_import),
             (select count(*) from audit_event where action like 'admin.%' and actor_id <> $1::uuid)))",
    )
    .bind(NEIGHBOUR_ADMIN)
    .fetch_one(&superuser(app.pool()))
    .await
    .expect("fingerprint");
    assert_eq!(after, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_database_refuses_writes_by_anyone_but_the_municipalitys_administrator(pool: PgPool) {
    let app = app(pool).await;
    let before = fingerprint(app.pool()).await;
    // As the application's role, acting for each person, straight at the tables.
    let attempts = [
        format!("update unit set name = 'Kapret' where unit_id = '{SCHOOL}'"),
        format!("insert into unit (municipality_id, kind, name, phone, email, street_address, postal_code, postal_place)
                 values ('{MUNICIPALITY}', 'other', 'Kapret', '+47 71 00 00 00', 'a@b.no', 'Gata 1', '6440', 'Fjordvik')"),
        format!("update staff set is_administrator = true where person_id = '{NORA_STRAND_TEACHER}'"),
        format!("insert into staff_unit_membership (person_id, unit_id, role) values ('{NORA_STRAND_TEACHER}', '{PPT}', 'unit_leader')"),
        format!("update staff_unit_membership set role = 'unit_leader' where person_id = '{NORA_STRAND_TEACHER}'"),
        format!("delete from staff_unit_membership where person_id = '{ANDERS_TEACHER}'"),
        format!("update person set given_name = 'Kapret' where person_id = '{NORA_STRAND_TEACHER}'"),
    ];
    for person in [
        NORA_STRAND_TEACHER,
        EIRIK_SCHOOL_LEADER,
        KARI,
        NEIGHBOUR_ADMIN,
    ] {
        for attempt in &attempts {
            let mut tx = app.pool().begin().await.expect("transaction");
            sqlx::query("select set_config('stafett.person_id', $1, true), set_config('role', 'stafett_app', true)")
                .bind(person)
                .execute(&mut *tx)
                .await
                .expect("acting");
            let done = sqlx::query(attempt).execute(&mut *tx).await;
            // Refused outright, or no row it may touch.
            if let Ok(done) = done {
                assert_eq!(done.rows_affected(), 0, "{person}: {attempt}");
            }
            let _ = tx.commit().await;
        }
    }
    // A membership across municipalities is refused even for the owner.
    let across = sqlx::query(&format!(
        "insert into staff_unit_membership (person_id, unit_id, role) values ('{NEIGHBOUR_TEACHER}', '{SCHOOL}', 'member')"
    ))
    .execute(app.pool())
    .await;
    assert!(across.is_err());
    assert_eq!(fingerprint(app.pool()).await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_first_administrator_is_made_once_from_the_setting(pool: PgPool) {
    use server::first_admin::{ensure, FirstAdmin, Outcome};
    // An empty database: no municipality yet.
    let first = FirstAdmin {
        national_id: NEW_NUMBER.into(),
        given_name: "Berit".into(),
        family_name: "Holm".into(),
        municipality: Some("Fjordvik kommune".into()),
    };
    assert_eq!(ensure(&pool, &first).await.expect("made"), Outcome::Made);
    assert_eq!(
        ensure(&pool, &first).await.expect("again"),
        Outcome::AlreadyAdministered
    );
    let (name, admin): (String, bool) = sqlx::query_as(
        "select p.given_name || ' ' || p.family_name, s.is_administrator
         from person p join staff s using (person_id) where p.national_id = $1",
    )
    .bind(NEW_NUMBER)
    .fetch_one(&pool)
    .await
    .expect("the first administrator");
    assert_eq!((name.as_str(), admin), ("Berit Holm", true));
    // Another number while the municipality has an administrator: nothing happens.
    let other = FirstAdmin {
        national_id: SECOND_NUMBER.into(),
        ..first.clone()
    };
    assert_eq!(
        ensure(&pool, &other).await.expect("ignored"),
        Outcome::AlreadyAdministered
    );
    let admins: i64 = sqlx::query_scalar("select count(*) from staff where is_administrator")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(admins, 1);
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'admin.first_administrator'",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    assert_eq!(audited, 1);
}
