//! Children's passkeys in the database and behind the HTTP surface: a new one waits for a
//! guardian with parental responsibility, who approves or removes it; nobody else can, and a
//! passkey never belongs to another account than the one it was registered for. Logging in
//! with one (WebAuthn's signatures and counters) is driven by a real browser's authenticator
//! in end2end/tests/passkey.spec.ts.

use crate::support::fixture::*;
use crate::support::{json, Browser, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use server::auth::passkey::{store, StoreError};
use sqlx::PgPool;
use uuid::Uuid;
use webauthn_rs::prelude::Passkey;

const NORA_CHILD: &str = "00000000-0000-4000-8000-000000000404";

/// A passkey as webauthn-rs keeps one, with the credential id `id` (a P-256 public key that
/// no test signs with: these tests never verify a signature).
fn passkey(id: &[u8]) -> Passkey {
    let x: Vec<u8> = (1..=32).collect();
    let y: Vec<u8> = (33..=64).collect();
    serde_json::from_value(json!({ "cred": {
        "cred_id": id,
        "cred": { "type_": "ES256", "key": { "EC_EC2": { "curve": "SECP256R1", "x": x, "y": y } } },
        "counter": 3,
        "transports": null,
        "user_verified": true,
        "backup_eligible": false,
        "backup_state": false,
        "registration_policy": "required",
        "extensions": { "cred_protect": "NotRequested", "hmac_create_secret": "NotRequested" },
        "attestation": { "data": "None", "metadata": "None" },
        "attestation_format": "None"
    } }))
    .expect("a passkey")
}

async fn stored(app: &TestApp, person: &str, id: &[u8]) -> Result<Uuid, StoreError> {
    let mut conn = app.pool().acquire().await.expect("connection");
    let person: Uuid = person.parse().expect("uuid");
    store(&mut conn, person, &passkey(id), Some("Chrome på Android")).await
}

/// Mats's log (where Ingrid has parental responsibility and Geir has not), and a passkey
/// Mats registered; its id.
async fn mats_with_a_passkey(app: &TestApp) -> Uuid {
    logs(app.pool()).await;
    stored(app, MATS, &[7; 32]).await.expect("stored")
}

async fn post_json(browser: &mut Browser<'_>, uri: &str, body: Value) -> axum::response::Response {
    browser
        .send(
            Request::post(uri)
                .header("content-type", "application/json")
                .header("sec-fetch-site", "same-origin"),
            Body::from(body.to_string()),
        )
        .await
}

/// (approved, disabled, still there) of the passkey.
async fn state_of(app: &TestApp, passkey: Uuid) -> Option<(bool, bool)> {
    sqlx::query_as(
        "select approved_at is not null, disabled_at is not null
         from child_passkey where child_passkey_id = $1",
    )
    .bind(passkey)
    .fetch_optional(app.pool())
    .await
    .expect("passkey state")
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_event where action = $1")
        .bind(action)
        .fetch_one(app.pool())
        .await
        .expect("audit count")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_new_passkey_waits_until_a_guardian_with_parental_responsibility_approves_it(
    pool: PgPool,
) {
    let app = TestApp::seeded(pool).await;
    let passkey = mats_with_a_passkey(&app).await;
    let mut ingrid = app.as_person(INGRID).await;

    let response = ingrid
        .get(&format!("/api/child_passkeys?log_id={MATS_LOG}"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let listed = json(response).await;
    assert_eq!(listed[0]["passkey_id"], passkey.to_string(), "{listed}");
    assert_eq!(listed[0]["approved"], false);
    assert_eq!(listed[0]["device"], "Chrome på Android");
    assert!(listed[0].get("passkey").is_none() && listed[0].get("credential_id").is_none());

    let passkey_id = passkey.to_string();
    let form = [("log_id", MATS_LOG), ("passkey_id", passkey_id.as_str())];
    let response = ingrid.post_form("/api/approve_child_passkey", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(state_of(&app, passkey).await, Some((true, false)));
    let approver: Uuid =
        sqlx::query_scalar("select approved_by from child_passkey where child_passkey_id = $1")
            .bind(passkey)
            .fetch_one(app.pool())
            .await
            .expect("approver");
    assert_eq!(approver.to_string(), INGRID);
    assert_eq!(audited(&app, "child_login.passkey_approved").await, 1);

    // Approved once: a second approval finds nothing waiting.
    let response = ingrid.post_form("/api/approve_child_passkey", &form).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_else_lists_approves_or_removes_a_childs_passkeys(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let passkey = mats_with_a_passkey(&app).await;
    let passkey_id = passkey.to_string();
    let form = [("log_id", MATS_LOG), ("passkey_id", passkey_id.as_str())];

    // The holder, the father without parental responsibility, and Mats himself.
    let mut browsers = vec![
        ("holder", app.as_person(NORA_STRAND_TEACHER).await),
        ("father", app.as_person(GEIR).await),
        ("child", app.as_child(MATS).await),
    ];
    for (who, browser) in &mut browsers {
        let listed = browser
            .get(&format!("/api/child_passkeys?log_id={MATS_LOG}"))
            .await;
        assert!(
            listed.status().is_client_error(),
            "{who}: {}",
            listed.status()
        );
        for action in ["/api/approve_child_passkey", "/api/remove_child_passkey"] {
            let response = browser.post_form(action, &form).await;
            assert!(
                response.status().is_client_error(),
                "{who} {action}: {}",
                response.status()
            );
        }
    }
    assert_eq!(state_of(&app, passkey).await, Some((false, false)));
    assert_eq!(audited(&app, "child_login.passkey_approved").await, 0);
    assert_eq!(audited(&app, "child_login.passkey_removed").await, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_passkey_of_another_child_is_out_of_reach_through_this_childs_log(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    mats_with_a_passkey(&app).await;
    // Nora's mother is not Ingrid: Ingrid names Nora's passkey with Mats's log.
    let noras = stored(&app, NORA_CHILD, &[9; 32]).await.expect("stored");
    let noras_id = noras.to_string();
    let form = [("log_id", MATS_LOG), ("passkey_id", noras_id.as_str())];
    let mut ingrid = app.as_person(INGRID).await;
    for action in ["/api/approve_child_passkey", "/api/remove_child_passkey"] {
        let response = ingrid.post_form(action, &form).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{action}");
    }
    assert_eq!(state_of(&app, noras).await, Some((false, false)));
    let listed = json(
        ingrid
            .get(&format!("/api/child_passkeys?log_id={MATS_LOG}"))
            .await,
    )
    .await;
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_credential_belongs_to_one_childs_account_and_nobody_elses(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    mats_with_a_passkey(&app).await;

    // The same credential for another child: refused, and Mats's stays his.
    assert!(matches!(
        stored(&app, NORA_CHILD, &[7; 32]).await,
        Err(StoreError::Taken)
    ));
    // A guardian has no child's login to put a passkey on; nor does a made-up person.
    for nobody in [INGRID, "00000000-0000-4000-8000-0000000fffff"] {
        assert!(
            matches!(
                stored(&app, nobody, &[8; 32]).await,
                Err(StoreError::Database(_))
            ),
            "{nobody}"
        );
    }
    // Bad input: a credential id shorter than any authenticator makes.
    assert!(matches!(
        stored(&app, MATS, &[1; 4]).await,
        Err(StoreError::Database(_))
    ));
    let owners: Vec<Uuid> = sqlx::query_scalar("select person_id from child_passkey")
        .fetch_all(app.pool())
        .await
        .expect("owners");
    assert_eq!(owners, vec![MATS.parse::<Uuid>().expect("uuid")]);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_guardian_removes_a_passkey_and_a_copied_one_is_never_approved(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let passkey = mats_with_a_passkey(&app).await;
    let copied = stored(&app, MATS, &[5; 32]).await.expect("stored");
    sqlx::query(
        "update child_passkey set disabled_at = now(), disabled_reason = 'cloned'
         where child_passkey_id = $1",
    )
    .bind(copied)
    .execute(app.pool())
    .await
    .expect("disabled");
    let mut ingrid = app.as_person(INGRID).await;

    let listed = json(
        ingrid
            .get(&format!("/api/child_passkeys?log_id={MATS_LOG}"))
            .await,
    )
    .await;
    assert_eq!(listed[1]["copied"], true, "{listed}");
    let (page_status, _, html) = ingrid.page(&format!("/logs/{MATS_LOG}/consents")).await;
    assert_eq!(page_status, StatusCode::OK);
    assert!(html.contains("En passnøkkel er sperret"), "{html}");

    let copied_id = copied.to_string();
    let response = ingrid
        .post_form(
            "/api/approve_child_passkey",
            &[("log_id", MATS_LOG), ("passkey_id", copied_id.as_str())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(state_of(&app, copied).await, Some((false, true)));

    for removed in [passkey, copied] {
        let id = removed.to_string();
        let response = ingrid
            .post_form(
                "/api/remove_child_passkey",
                &[("log_id", MATS_LOG), ("passkey_id", id.as_str())],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(state_of(&app, removed).await, None);
    }
    assert_eq!(audited(&app, "child_login.passkey_removed").await, 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_a_child_logged_in_with_password_and_code_registers_a_passkey(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    logs(app.pool()).await;
    let start = "/auth/passkey/register/start";

    let mut visitor = app.browser();
    let response = post_json(&mut visitor, start, json!({})).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let mut ingrid = app.as_person(INGRID).await;
    let response = post_json(&mut ingrid, start, json!({})).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(json(response).await["error"], "needs_password_login");

    let mut mats = app.as_child(MATS).await;
    let response = post_json(&mut mats, start, json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let options = json(response).await;
    let selection = &options["publicKey"]["authenticatorSelection"];
    assert_eq!(selection["userVerification"], "required", "{options}");
    assert_eq!(selection["residentKey"], "required", "{options}");
    assert_eq!(options["publicKey"]["rp"]["id"], "localhost");
    assert_eq!(options["publicKey"]["user"]["name"], "mats");

    // An answer that is not the phone's: refused, nothing kept, and the challenge is spent.
    let bogus = json!({
        "id": "AAAA", "rawId": "AAAA", "type": "public-key",
        "response": { "attestationObject": "AAAA", "clientDataJSON": "AAAA" }
    });
    let finish = "/auth/passkey/register/finish";
    let response = post_json(&mut mats, finish, bogus.clone()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(response).await["error"], "failed");
    let response = post_json(&mut mats, finish, bogus).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let kept: i64 = sqlx::query_scalar("select count(*) from child_passkey")
        .fetch_one(app.pool())
        .await
        .expect("count");
    assert_eq!(kept, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_child_sees_their_own_passkeys_and_a_guardian_has_none(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let passkey = mats_with_a_passkey(&app).await;
    stored(&app, NORA_CHILD, &[9; 32]).await.expect("stored");

    let mut mats = app.as_child(MATS).await;
    let mine = json(mats.get("/api/my_passkeys").await).await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1), "{mine}");
    assert_eq!(mine[0]["passkey_id"], passkey.to_string());

    let mut ingrid = app.as_person(INGRID).await;
    assert_eq!(
        json(ingrid.get("/api/my_passkeys").await).await,
        Value::Null
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_passkey_login_without_its_challenge_is_refused(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut browser = app.browser();
    let answer = json!({ "credential": {
        "id": "BwcH", "rawId": "BwcH", "type": "public-key",
        "response": { "authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA",
                      "userHandle": null }
    } });
    let response = post_json(&mut browser, "/auth/passkey/login/finish", answer).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json(response).await["error"], "expired");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_application_role_reads_no_passkey_but_through_the_guarded_functions(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    mats_with_a_passkey(&app).await;
    let mut tx = crate::database_defence::acting(app.pool(), Some(GEIR)).await;
    let direct = sqlx::query("select passkey from child_passkey")
        .fetch_all(&mut *tx)
        .await;
    assert!(direct.is_err(), "the app role read the keys");
    drop(tx);
    // Geir, without parental responsibility, sees none of Mats's passkeys, and cannot
    // approve or remove one by calling the functions himself.
    let mut tx = crate::database_defence::acting(app.pool(), Some(GEIR)).await;
    let seen: i64 = sqlx::query_scalar("select count(*) from child_passkeys($1::uuid)")
        .bind(MATS)
        .fetch_one(&mut *tx)
        .await
        .expect("child_passkeys");
    assert_eq!(seen, 0);
    let passkey: Uuid = sqlx::query_scalar("select child_passkey_id from child_passkey")
        .fetch_one(app.pool())
        .await
        .expect("passkey");
    for function in ["approve_child_passkey", "remove_child_passkey"] {
        let done: bool = sqlx::query_scalar(&format!("select {function}($1::uuid, $2)"))
            .bind(MATS)
            .bind(passkey)
            .fetch_one(&mut *tx)
            .await
            .expect(function);
        assert!(!done, "{function}");
    }
}
