//! Generated bad input to every server function and form route, through the real router, as
//! a logged-in member of staff with no log of their own and as nobody: never a 5xx or a
//! panic, always one of our errors, and not a row of anyone's log changed.
//!
//! The server functions and their arguments are read from `app/src/api` (and checked
//! against Leptos's own registry), so a new server function is fuzzed without being listed.
//! `STAFETT_FUZZ_CASES` sets the cases per function and person (`scripts/fuzz` runs many);
//! `STAFETT_FUZZ_SEED` repeats a run.

use crate::support::push::{VAPID_PRIVATE_KEY, VAPID_SUBJECT};
use crate::support::{superuser, text, Browser, TestApp};
use app::model::error::ApiError;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use std::collections::BTreeMap;
use std::path::Path;

/// A server function as declared: its path, whether it reads its arguments from the query,
/// and each argument's name and type as written.
#[derive(Debug)]
struct Endpoint {
    path: String,
    get: bool,
    args: Vec<(String, String)>,
}

/// The text of `source` from the `(` at `open` to its matching `)`, without either.
fn parenthesised(source: &str, open: usize) -> &str {
    let mut depth = 0;
    for (at, c) in source[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &source[open + 1..open + at];
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced parentheses in a server function");
}

/// Splits a parameter list at its top-level commas.
fn parameters(list: &str) -> Vec<(String, String)> {
    let mut parts = vec![String::new()];
    let mut depth = 0;
    for c in list.chars() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().expect("a part").push(c);
    }
    parts
        .iter()
        .filter_map(|part| {
            // `#[server(default)] name: Type`: the attribute is no part of the name.
            let part = part.trim();
            let part = part.rsplit(']').next().unwrap_or(part).trim();
            let (name, kind) = part.split_once(':')?;
            Some((name.trim().to_string(), kind.trim().to_string()))
        })
        .collect()
}

fn endpoints_in(source: &str, found: &mut Vec<Endpoint>) {
    let mut from = 0;
    while let Some(at) = source[from..].find("#[server(prefix") {
        let start = from + at;
        let attribute = parenthesised(source, start + "#[server".len());
        let name = attribute
            .split("endpoint = \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("an endpoint");
        let function = start + source[start..].find("fn ").expect("its function");
        let open = function + source[function..].find('(').expect("its parameters");
        found.push(Endpoint {
            path: format!("/api/{name}"),
            get: attribute.contains("GetUrl"),
            args: parameters(parenthesised(source, open)),
        });
        from = open;
    }
}

fn endpoints() -> Vec<Endpoint> {
    fn walk(dir: &Path, found: &mut Vec<Endpoint>) {
        for entry in std::fs::read_dir(dir).expect("app/src/api") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                endpoints_in(&std::fs::read_to_string(&path).expect("source"), found);
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/api"),
        &mut found,
    );
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Ids that exist, and belong to others: every log, entry, person, unit, meeting and consent.
async fn real_ids(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "select id::text from (
             select log_id as id from log union all select entry_id from entry
             union all select person_id from person union all select unit_id from unit
             union all select meeting_id from meeting union all select consent_id from consent
         ) ids",
    )
    .fetch_all(pool)
    .await
    .expect("ids")
}

/// Text that has broken programs before.
const NASTY: [&str; 16] = [
    "",
    " ",
    "\u{0}",
    "a\u{0}b",
    "\u{202e}gnp.exe",
    "👩‍👩‍👧‍👦",
    "e\u{301}\u{301}\u{301}",
    "\u{feff}",
    "<script>alert(1)</script>",
    "' or 1=1 --",
    "-1",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "9999-12-31",
    "2026-02-30",
];

fn value(rng: &mut StdRng, kind: &str, ids: &[String]) -> String {
    let kind = kind
        .strip_prefix("Option<")
        .and_then(|inner| inner.strip_suffix('>'))
        .unwrap_or(kind);
    match rng.gen_range(0..10) {
        // Far too long.
        0 => "å".repeat(rng.gen_range(5_000..120_000)),
        1 | 2 => NASTY.choose(rng).expect("nasty").to_string(),
        3 => uuid::Uuid::new_v4().to_string(),
        4 => uuid::Uuid::nil().to_string(),
        5 => rng.gen_range(i64::MIN..i64::MAX).to_string(),
        // The right type, as far as its name says: someone else's id, a far-off day, …
        _ => match kind {
            "Uuid" => ids.choose(rng).cloned().unwrap_or_default(),
            "bool" => ["true", "false", "maybe"]
                .choose(rng)
                .expect("b")
                .to_string(),
            "Lang" => ["nb", "nn", "en", "se", "NB"]
                .choose(rng)
                .expect("l")
                .to_string(),
            "String" => {
                let word: String = (0..rng.gen_range(1..40))
                    .map(|_| rng.gen_range('\u{20}'..'\u{2fff}'))
                    .collect();
                word
            }
            _ => ["establish", "share", "delete", "yes", "no", "0", "-7"]
                .choose(rng)
                .expect("w")
                .to_string(),
        },
    }
}

/// A body (or query) for `endpoint`: each argument given, left out or given twice, with
/// now and then a field nobody asked for.
fn input(rng: &mut StdRng, endpoint: &Endpoint, ids: &[String]) -> String {
    let mut pairs = Vec::new();
    for (name, kind) in &endpoint.args {
        let times = [1, 1, 1, 1, 0, 2].choose(rng).copied().unwrap_or(1);
        for _ in 0..times {
            pairs.push((name.clone(), value(rng, kind, ids)));
        }
    }
    if rng.gen_bool(0.2) {
        pairs.push(("unasked".to_string(), value(rng, "String", ids)));
    }
    let mut encoded = openidconnect::url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    // Bytes that are no UTF-8 once decoded.
    if rng.gen_bool(0.05) {
        encoded.push_str("&x=%FF%FE%00");
    }
    encoded
}

/// A digest of every table that holds a log, its content or its people (all but the trail,
/// the logins, the outbox and the person's own settings, which a stranger may change).
async fn digests(pool: &PgPool) -> BTreeMap<String, String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "select quote_ident(table_name) from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE'
           and table_name not in ('audit_event', 'audit_seal', 'audit_sealed_through', 'login_session',
                                  'login_throttle',
                                  'login_failure', 'outbox_message', 'person_contact',
                                  'contact_code', 'push_subscription', 'pending_notice',
                                  'register_lookup', '_sqlx_migrations')",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut digests = BTreeMap::new();
    for table in tables {
        let digest: String = sqlx::query_scalar(&format!(
            "select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from {table} t"
        ))
        .fetch_one(pool)
        .await
        .expect("digest");
        digests.insert(table, digest);
    }
    digests
}

/// What a request must come to: anything but a server error, and a refusal in our words.
async fn check(browser: &mut Browser<'_>, request: Request<Body>, what: &str) {
    let response = browser.send_request(request).await;
    let status = response.status();
    assert!(!status.is_server_error(), "{what}: {status}");
    let is_form_redirect = status == StatusCode::SEE_OTHER || status == StatusCode::FOUND;
    if !status.is_success() && !is_form_redirect {
        let body = text(response).await;
        assert!(
            serde_json::from_str::<ApiError>(&body).is_ok(),
            "{what}: {status} without one of our errors: {body}"
        );
    }
}

/// The longest query sent: browsers and proxies refuse longer addresses before the server.
const QUERY_MAX: usize = 8_000;

fn request(browser: &Browser<'_>, endpoint: &Endpoint, mut input: String) -> Request<Body> {
    if endpoint.get {
        // Percent-encoded, so every byte is a character boundary.
        input.truncate(QUERY_MAX);
        return browser.request(
            Request::get(format!("{}?{input}", endpoint.path))
                .header("sec-fetch-site", "same-origin"),
            Body::empty(),
        );
    }
    browser.request(
        Request::post(&endpoint.path)
            .header("sec-fetch-site", "same-origin")
            .header(header::ORIGIN, crate::support::PUBLIC_URL)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
        Body::from(input),
    )
}

/// A plain route: its path, whether it is a GET, and its fields with their types.
type FormRoute = (&'static str, bool, &'static [(&'static str, &'static str)]);

/// The plain routes that take input: the child's login steps, attachments, the copy, the
/// calendar file.
const FORM_ROUTES: [FormRoute; 5] = [
    (
        "/auth/child/password",
        false,
        &[
            ("username", "String"),
            ("password", "String"),
            ("return_to", "String"),
        ],
    ),
    ("/auth/child/code", false, &[("code", "String")]),
    (
        "/api/attachment",
        true,
        &[("attachment_id", "Uuid"), ("log_id", "Uuid")],
    ),
    ("/api/log_copy", true, &[("log_id", "Uuid")]),
    ("/api/meeting_ics", true, &[("meeting_id", "Uuid")]),
];

#[sqlx::test(migrations = "../migrations")]
async fn bad_input_to_every_server_function_changes_nothing_and_is_answered_in_our_words(
    pool: PgPool,
) {
    // Configured as a municipality with push would be: without keys, push answers 503.
    let app = TestApp::configured(
        pool,
        &[
            ("STAFETT_VAPID_PRIVATE_KEY", VAPID_PRIVATE_KEY),
            ("STAFETT_VAPID_SUBJECT", VAPID_SUBJECT),
        ],
    )
    .await;
    crate::support::fixture::logs(app.pool()).await;
    let cases: usize = std::env::var("STAFETT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let seed: u64 = std::env::var("STAFETT_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(rand::random);
    let mut rng = StdRng::seed_from_u64(seed);

    let mut endpoints = endpoints();
    let registered = leptos::server_fn::axum::server_fn_paths()
        .filter(|(path, _)| path.starts_with("/api/"))
        .count();
    assert_eq!(
        endpoints.len(),
        registered,
        "every server function found in app/src/api"
    );
    for (path, get, args) in FORM_ROUTES {
        endpoints.push(Endpoint {
            path: path.to_string(),
            get,
            args: args
                .iter()
                .map(|(n, k)| (n.to_string(), k.to_string()))
                .collect(),
        });
    }

    // A member of staff who holds, joins and leads nothing: every id is someone else's.
    let stranger: uuid::Uuid = sqlx::query_scalar(
        "select s.person_id from staff s
         where not s.is_administrator
           and not exists (select 1 from participant p where p.person_id = s.person_id)
           and not exists (select 1 from staff_unit_membership m
                           where m.person_id = s.person_id and m.role = 'unit_leader')
         order by s.person_id limit 1",
    )
    .fetch_one(app.pool())
    .await
    .expect("a member of staff in no log");
    let ids = real_ids(app.pool()).await;
    let owner = superuser(app.pool());
    let before = digests(&owner).await;

    for endpoint in &endpoints {
        // Logged in afresh for each function: one of them logs out everywhere.
        let mut staff = app.as_person(&stranger.to_string()).await;
        let mut nobody = app.browser();
        for case in 0..cases {
            for (who, browser) in [("staff", &mut staff), ("nobody", &mut nobody)] {
                let input = input(&mut rng, endpoint, &ids);
                let what = format!("{} as {who}, case {case} (seed {seed})", endpoint.path);
                let request = request(browser, endpoint, input);
                check(browser, request, &what).await;
            }
        }
    }

    let after = digests(&owner).await;
    let changed: Vec<_> = before
        .keys()
        .filter(|table| before.get(*table) != after.get(*table))
        .collect();
    assert!(
        changed.is_empty(),
        "changed by bad input (seed {seed}): {changed:?}"
    );
}
