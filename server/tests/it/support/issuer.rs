//! A scripted OpenID provider over real HTTP, for the callback's failure cases that a
//! well-behaved provider never produces (a wrong nonce, a lower level, a replayed code).
//! It signs with a test-only RSA key (`issuer_key.pem`), checks PKCE and the client's
//! credentials, and hands each code out once. The demo and the browser tests use the real
//! provider in `dev/idporten`.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use openidconnect::core::{
    CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    AdditionalClaims, Audience, AuthenticationContextClass, IdToken, IdTokenClaims, IssuerUrl,
    JsonWebKeyId, Nonce, PrivateSigningKey, StandardClaims, SubjectIdentifier,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub const CLIENT_ID: &str = "stafett-test";
pub const CLIENT_SECRET: &str = "test-client-secret";
pub const LEVEL_HIGH: &str = "idporten-loa-high";
const KID: &str = "test-key-1";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct TestClaims {
    #[serde(skip_serializing_if = "Option::is_none")]
    pid: Option<String>,
    sid: String,
}
impl AdditionalClaims for TestClaims {}

/// What the provider says about the person in the ID token of one code.
#[derive(Debug, Clone)]
pub struct Grant {
    pub pid: Option<String>,
    pub acr: String,
    pub sid: String,
    /// Put into the token instead of the nonce the client sent.
    pub nonce_override: Option<String>,
}

impl Grant {
    pub fn person(pid: &str) -> Grant {
        Grant {
            pid: Some(pid.to_string()),
            acr: LEVEL_HIGH.into(),
            sid: format!("sid-{pid}"),
            nonce_override: None,
        }
    }
}

struct Issued {
    nonce: String,
    challenge: String,
    grant: Grant,
}

struct Shared {
    url: String,
    key: CoreRsaPrivateSigningKey,
    codes: Mutex<HashMap<String, Issued>>,
    /// How often the signing keys were fetched.
    key_fetches: AtomicUsize,
}

pub struct TestIssuer {
    shared: Arc<Shared>,
}

impl TestIssuer {
    pub async fn start() -> TestIssuer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let key = CoreRsaPrivateSigningKey::from_pem(
            include_str!("issuer_key.pem"),
            Some(JsonWebKeyId::new(KID.into())),
        )
        .expect("test key");
        let shared = Arc::new(Shared {
            url,
            key,
            codes: Mutex::new(HashMap::new()),
            key_fetches: AtomicUsize::new(0),
        });
        let router = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/token", post(token))
            .with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        TestIssuer { shared }
    }

    pub fn url(&self) -> &str {
        &self.shared.url
    }

    /// Plays the user's login at the provider for the authorization request `authorize_url`
    /// (where our app sent the browser): returns the code to bring back.
    pub fn issue_code(&self, authorize_url: &str, grant: Grant) -> String {
        let param = |name| super::query_param(authorize_url, name).expect(name);
        assert_eq!(param("code_challenge_method"), "S256");
        assert_eq!(param("acr_values"), LEVEL_HIGH);
        let code = format!("code-{}", uuid_like());
        self.shared.codes.lock().expect("lock").insert(
            code.clone(),
            Issued {
                nonce: param("nonce"),
                challenge: param("code_challenge"),
                grant,
            },
        );
        code
    }

    /// How often a client fetched this provider's signing keys.
    pub fn key_fetches(&self) -> usize {
        self.shared.key_fetches.load(Ordering::SeqCst)
    }

    /// A back-channel logout token for `sid`, signed by this provider; `claims` are merged
    /// over the correct ones to spoil them.
    pub fn logout_token(&self, sid: &str, claims: serde_json::Value) -> String {
        self.logout_token_with_header(sid, json!({}), claims)
    }

    /// The same, with `header` merged over the correct header (`null` removes a field).
    pub fn logout_token_with_header(
        &self,
        sid: &str,
        header: serde_json::Value,
        claims: serde_json::Value,
    ) -> String {
        let mut payload = json!({
            "iss": self.shared.url,
            "aud": CLIENT_ID,
            "iat": time::OffsetDateTime::now_utc().unix_timestamp(),
            "exp": time::OffsetDateTime::now_utc().unix_timestamp() + 120,
            "jti": uuid_like(),
            "sid": sid,
            "events": { "http://schemas.openid.net/event/backchannel-logout": {} },
        });
        merge(&mut payload, &claims);
        let mut full_header = json!({ "alg": "RS256", "kid": KID, "typ": "logout+jwt" });
        merge(&mut full_header, &header);
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(full_header.to_string()),
            URL_SAFE_NO_PAD.encode(payload.to_string())
        );
        let signature = self
            .shared
            .key
            .sign(
                &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                signing_input.as_bytes(),
            )
            .expect("sign");
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }
}

/// Sets every field of `over` in `base`; a `null` removes the field.
fn merge(base: &mut serde_json::Value, over: &serde_json::Value) {
    let base = base.as_object_mut().expect("object");
    for (key, value) in over.as_object().expect("object") {
        if value.is_null() {
            base.remove(key);
        } else {
            base.insert(key.clone(), value.clone());
        }
    }
}

fn uuid_like() -> String {
    use rand::Rng;
    format!("{:032x}", rand::thread_rng().gen::<u128>())
}

async fn discovery(State(shared): State<Arc<Shared>>) -> Json<serde_json::Value> {
    let url = &shared.url;
    Json(json!({
        "issuer": url,
        "authorization_endpoint": format!("{url}/authorize"),
        "token_endpoint": format!("{url}/token"),
        "jwks_uri": format!("{url}/jwks"),
        "end_session_endpoint": format!("{url}/endsession"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "acr_values_supported": ["idporten-loa-substantial", LEVEL_HIGH],
    }))
}

async fn jwks(State(shared): State<Arc<Shared>>) -> Json<serde_json::Value> {
    shared.key_fetches.fetch_add(1, Ordering::SeqCst);
    Json(json!({ "keys": [shared.key.as_verification_key()] }))
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    code_verifier: Option<String>,
}

fn invalid(error: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": error }))).into_response()
}

async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        != Some(&expected)
    {
        return invalid("invalid_client");
    }
    if form.grant_type != "authorization_code" {
        return invalid("unsupported_grant_type");
    }
    // Removed on first use: a replayed code is refused.
    let Some(issued) = shared.codes.lock().expect("lock").remove(&form.code) else {
        return invalid("invalid_grant");
    };
    let verifier = form.code_verifier.unwrap_or_default();
    if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != issued.challenge {
        return invalid("invalid_grant");
    }
    let now = chrono::Utc::now();
    let grant = issued.grant;
    let claims = IdTokenClaims::new(
        IssuerUrl::new(shared.url.clone()).expect("issuer"),
        vec![Audience::new(CLIENT_ID.into())],
        now + chrono::Duration::minutes(2),
        now,
        StandardClaims::new(SubjectIdentifier::new(format!("sub-{}", grant.sid))),
        TestClaims {
            pid: grant.pid,
            sid: grant.sid,
        },
    )
    .set_nonce(Some(Nonce::new(
        grant.nonce_override.unwrap_or(issued.nonce),
    )))
    .set_auth_context_ref(Some(AuthenticationContextClass::new(grant.acr)));
    let id_token = IdToken::<
        TestClaims,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >::new(
        claims,
        &shared.key,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        None,
        None,
    )
    .expect("id token");
    Json(json!({
        "access_token": format!("at-{}", uuid_like()),
        "token_type": "Bearer",
        "expires_in": 120,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}
