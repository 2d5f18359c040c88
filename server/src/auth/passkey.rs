//! Passkeys (WebAuthn) for children under 15: registered by the child after a login with
//! password and code, usable once a guardian approves (`app::server::passkey`), and then a
//! login with no username, password or code. User verification (the phone's PIN, face or
//! fingerprint) is required at both steps.
//!
//! `POST /auth/passkey/register/start` → the options for `navigator.credentials.create`;
//! `POST /auth/passkey/register/finish` (its answer) → stored, waiting for approval.
//! `POST /auth/passkey/login/start` → the options for `navigator.credentials.get`;
//! `POST /auth/passkey/login/finish` ({credential, return_to}) → `{"redirect": return_to}`
//! with the login cookie. Every refusal is `{"error": code}`, a code of `LoginProblem` or
//! `RegistrationOutcome`, which `public/passkey.js` shows on the page it came from.
//!
//! The ceremony's state stays in the server-side session (one use each), so a challenge
//! cannot be answered twice or in another browser.

use crate::auth::failure::{self, Failed};
use crate::auth::idporten_routes::user_agent;
use crate::auth::login_session::{self, Method};
use crate::auth::throttle::{self, Key};
use crate::auth::{client_address, device, login_cookie};
use crate::outbox::{self, Channel, Message};
use crate::state::ServerState;
use app::domain::passkey::{PasskeyStatus, RegistrationOutcome};
use app::i18n::Lang;
use app::model::identity::{Identity, LoginMethod, LoginProblem};
use app::server::audit;
use app::server::redirect::local_path_or_root;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use openidconnect::url::Host;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::net::SocketAddr;
use tower_sessions::Session;
use uuid::Uuid;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, DiscoverableKey, Passkey, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Webauthn, WebauthnBuilder, WebauthnError,
};
use webauthn_rs_proto::{AuthenticatorSelectionCriteria, ResidentKeyRequirement};

const REGISTRATION_KEY: &str = "passkey_registration";
const LOGIN_KEY: &str = "passkey_login";

/// A registration begun, for the child it was begun for: finished only by the same login's
/// person, whoever holds the browser by then.
#[derive(Serialize, Deserialize)]
struct Registering {
    person_id: Uuid,
    registration: PasskeyRegistration,
}

/// The origin passkeys are made for: the public URL's, except that a loopback IP address
/// becomes `localhost`. WebAuthn takes a domain as the relying party's id, never an IP
/// address, and browsers treat `http://localhost` as a secure context, so a local demo or
/// test reaches the app at `http://localhost:<port>` to use passkeys.
pub fn origin(public_url: &Url) -> Url {
    let mut origin = public_url.clone();
    let loopback_ip = match public_url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    };
    if loopback_ip {
        // Cannot fail: a URL with an IP host takes a domain host as well.
        let _ = origin.set_host(Some("localhost"));
    }
    origin.set_path("");
    origin.set_query(None);
    origin
}

/// The relying party for `origin` (see [`origin`]): its domain is the id passkeys are bound
/// to, so moving the app to another domain leaves the children's passkeys behind.
pub fn relying_party(origin: &Url) -> Result<Webauthn, WebauthnError> {
    let domain = origin.domain().ok_or(WebauthnError::Configuration)?;
    WebauthnBuilder::new(domain, origin)?
        .rp_name("Stafett")
        .build()
}

/// A passkey is registered by the child after a login with password and code: a passkey
/// login cannot add another key (a found phone would then outlive its removal), and nobody
/// but a child with their own login has a passkey.
fn may_register(method: LoginMethod, has_child_login: bool) -> bool {
    has_child_login && method == LoginMethod::PasswordAndCode
}

/// Why a verified passkey of `status` does not log the child in, if it does not.
fn refusal(status: PasskeyStatus) -> Option<LoginProblem> {
    match status {
        PasskeyStatus::Active => None,
        PasskeyStatus::AwaitingApproval => Some(LoginProblem::PasskeyPending),
        PasskeyStatus::Copied => Some(LoginProblem::PasskeyCopied),
    }
}

/// What a child's guardians are told of the child's passkeys.
#[derive(Debug, Clone, Copy)]
enum GuardianNews {
    /// A new one waits for their approval.
    Pending,
    /// One was blocked: a copy of it was used.
    Copied,
}

impl GuardianNews {
    fn code(self) -> &'static str {
        match self {
            GuardianNews::Pending => "pending",
            GuardianNews::Copied => "copied",
        }
    }
}

/// Tells each guardian with parental responsibility for `child`, by e-mail where they can be
/// reached so, else by SMS, in their language. Security news, not a notice: sent whatever
/// notices they chose, like a login code.
async fn tell_guardians(
    conn: &mut sqlx::PgConnection,
    child: Uuid,
    news: GuardianNews,
) -> Result<(), sqlx::Error> {
    let guardians = sqlx::query!(
        r#"select r.person_id as "person_id!", r.email, r.mobile, r.lang
           from guardianship g join person_reach r on r.person_id = g.guardian_id
           where g.child_id = $1 and g.has_parental_responsibility"#,
        child
    )
    .fetch_all(&mut *conn)
    .await?;
    for guardian in guardians {
        let (channel, recipient) = match (guardian.email, guardian.mobile) {
            (Some(email), _) => (Channel::Email, email),
            (None, Some(mobile)) => (Channel::Sms, mobile),
            (None, None) => continue,
        };
        let lang = guardian.lang.as_deref().and_then(Lang::from_code);
        let t = &lang.unwrap_or_default().texts().passkey;
        let (subject, body) = match news {
            GuardianNews::Pending => (t.pending_message_subject, t.pending_message_body),
            GuardianNews::Copied => (t.copied_message_subject, t.copied_message_body),
        };
        let message = Message {
            subject: subject.to_string(),
            body: body.to_string(),
        };
        outbox::enqueue(&mut *conn, channel, &recipient, &message).await?;
        let detail = json!({ "child": child, "news": news.code(), "channel": channel.code() });
        audit::record(
            &mut *conn,
            Some(guardian.person_id),
            "passkey.guardian_told",
            detail,
        )
        .await?;
    }
    Ok(())
}

fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "passkey step failed");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

fn refused(status: StatusCode, code: &str) -> Response {
    (status, Json(json!({ "error": code }))).into_response()
}

/// The child's username, if the request's login is a child's own with password and code.
async fn registering_child(
    state: &ServerState,
    identity: &Identity,
) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select l.method, a.username as "username?"
           from login_session l left join child_account a using (person_id)
           where l.login_session_id = $1 and l.person_id = $2"#,
        identity.login_session_id,
        identity.person_id
    )
    .fetch_optional(&state.app.pool)
    .await?;
    Ok(row.and_then(|row| {
        let method = LoginMethod::from_code(&row.method)?;
        may_register(method, row.username.is_some())
            .then_some(row.username)
            .flatten()
    }))
}

/// The options for the phone to make a passkey with, for the child logged in with password
/// and code.
pub async fn register_start(
    State(state): State<ServerState>,
    session: Session,
    identity: Option<Extension<Identity>>,
) -> Response {
    let Some(Extension(identity)) = identity else {
        return refused(
            StatusCode::UNAUTHORIZED,
            RegistrationOutcome::NeedsPasswordLogin.code(),
        );
    };
    let username = match registering_child(&state, &identity).await {
        Ok(Some(username)) => username,
        Ok(None) => {
            return refused(
                StatusCode::FORBIDDEN,
                RegistrationOutcome::NeedsPasswordLogin.code(),
            )
        }
        Err(error) => return unavailable(error),
    };
    // The phone is told which keys the child has, so it does not make a second one.
    let existing = match sqlx::query_scalar!(
        "select credential_id from child_passkey where person_id = $1",
        identity.person_id
    )
    .fetch_all(&state.app.pool)
    .await
    {
        Ok(ids) => ids.into_iter().map(Into::into).collect(),
        Err(error) => return unavailable(error),
    };
    let started = state.passkeys.start_passkey_registration(
        identity.person_id,
        &username,
        &identity.given_name,
        Some(existing),
    );
    let (mut options, registration) = match started {
        Ok(started) => started,
        Err(error) => return unavailable(error),
    };
    // A key the phone keeps with the child's id (discoverable), so that logging in asks for
    // no username.
    options.public_key.authenticator_selection = Some(AuthenticatorSelectionCriteria {
        resident_key: Some(ResidentKeyRequirement::Required),
        require_resident_key: true,
        ..options
            .public_key
            .authenticator_selection
            .unwrap_or_default()
    });
    let registering = Registering {
        person_id: identity.person_id,
        registration,
    };
    if let Err(error) = session.insert(REGISTRATION_KEY, registering).await {
        return unavailable(error);
    }
    Json(options).into_response()
}

/// Keeps the passkey the phone made, if it verifies against the registration begun in this
/// session for the same child; it waits for a guardian's approval.
pub async fn register_finish(
    State(state): State<ServerState>,
    session: Session,
    identity: Option<Extension<Identity>>,
    headers: HeaderMap,
    Json(credential): Json<RegisterPublicKeyCredential>,
) -> Response {
    let Some(Extension(identity)) = identity else {
        return refused(
            StatusCode::UNAUTHORIZED,
            RegistrationOutcome::NeedsPasswordLogin.code(),
        );
    };
    let registration = match session.remove::<Registering>(REGISTRATION_KEY).await {
        Ok(Some(registering)) if registering.person_id == identity.person_id => {
            registering.registration
        }
        Ok(_) => return refused(StatusCode::BAD_REQUEST, RegistrationOutcome::Failed.code()),
        Err(error) => return unavailable(error),
    };
    // Asked again: the login may have ended since the start.
    match registering_child(&state, &identity).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            return refused(
                StatusCode::FORBIDDEN,
                RegistrationOutcome::NeedsPasswordLogin.code(),
            )
        }
        Err(error) => return unavailable(error),
    }
    let passkey = match state
        .passkeys
        .finish_passkey_registration(&credential, &registration)
    {
        Ok(passkey) => passkey,
        Err(error) => {
            tracing::warn!(%error, "a passkey registration did not verify");
            return refused(StatusCode::BAD_REQUEST, RegistrationOutcome::Failed.code());
        }
    };
    let device = user_agent(&headers).and_then(device::describe);
    let stored = async {
        let mut tx = state.app.pool.begin().await?;
        let passkey_id = store(&mut tx, identity.person_id, &passkey, device.as_deref()).await?;
        audit::record(
            &mut tx,
            Some(identity.person_id),
            "passkey.registered",
            json!({ "passkey_id": passkey_id }),
        )
        .await?;
        tell_guardians(&mut tx, identity.person_id, GuardianNews::Pending).await?;
        tx.commit().await?;
        Ok::<_, StoreError>(())
    };
    match stored.await {
        Ok(()) => {
            Json(json!({ "outcome": RegistrationOutcome::Registered.code() })).into_response()
        }
        Err(StoreError::Taken) => refused(
            StatusCode::CONFLICT,
            RegistrationOutcome::AlreadyRegistered.code(),
        ),
        Err(error) => unavailable(error),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The credential id is registered already (to this child or anyone).
    #[error("the passkey is registered already")]
    Taken,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// Keeps a verified new passkey of `person_id`, waiting for a guardian's approval; its id.
pub async fn store(
    conn: &mut sqlx::PgConnection,
    person_id: Uuid,
    passkey: &Passkey,
    device: Option<&str>,
) -> Result<Uuid, StoreError> {
    let credential_id: &[u8] = passkey.cred_id().as_ref();
    let stored = serde_json::to_value(passkey)?;
    sqlx::query_scalar!(
        "insert into child_passkey (person_id, credential_id, passkey, device)
         values ($1, $2, $3, $4)
         on conflict (credential_id) do nothing returning child_passkey_id",
        person_id,
        credential_id,
        stored,
        device
    )
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::Taken)
}

/// The options for the phone to sign in with any passkey it holds for this site.
pub async fn login_start(State(state): State<ServerState>, session: Session) -> Response {
    let (options, authentication) = match state.passkeys.start_discoverable_authentication() {
        Ok(started) => started,
        Err(error) => return unavailable(error),
    };
    if let Err(error) = session.insert(LOGIN_KEY, authentication).await {
        return unavailable(error);
    }
    Json(options).into_response()
}

#[derive(Deserialize)]
pub struct LoginAnswer {
    credential: PublicKeyCredential,
    return_to: Option<String>,
}

/// Logs the child in whose approved passkey signed this session's challenge, with a counter
/// above the last one seen.
pub async fn login_finish(
    State(state): State<ServerState>,
    session: Session,
    connect_info: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Json(answer): Json<LoginAnswer>,
) -> Response {
    let return_to = local_path_or_root(answer.return_to.as_deref().unwrap_or("/me")).to_string();
    let authentication = match session
        .remove::<DiscoverableAuthentication>(LOGIN_KEY)
        .await
    {
        Ok(Some(authentication)) => authentication,
        Ok(None) => return refused(StatusCode::BAD_REQUEST, LoginProblem::Expired.code()),
        Err(error) => return unavailable(error),
    };
    let credential = &answer.credential;
    let Ok((person_id, credential_id)) = state
        .passkeys
        .identify_discoverable_authentication(credential)
    else {
        return refused(StatusCode::BAD_REQUEST, LoginProblem::PasskeyRefused.code());
    };
    let pool = &state.app.pool;
    let address = client_address::of_request(connect_info, &headers, &state.trusted_proxies);

    let mut tx = match pool.begin().await {
        Ok(tx) => tx,
        Err(error) => return unavailable(error),
    };
    // Locked while it is checked: two logins with the same counter cannot both pass.
    let row = match sqlx::query!(
        "select child_passkey_id, passkey, approved_at is not null as \"approved!\",
                coalesce(disabled_reason = 'cloned', false) as \"copied!\"
         from child_passkey where credential_id = $1 and person_id = $2 for update",
        credential_id,
        person_id
    )
    .fetch_optional(&mut *tx)
    .await
    {
        Ok(row) => row,
        Err(error) => return unavailable(error),
    };
    // Counted against the child's account (the key its codes are counted under, which a
    // guardian can unlock) and the address, as every other login.
    let keys = match &row {
        Some(_) => vec![Key::code(person_id), Key::address(address)],
        None => vec![Key::address(address)],
    };
    let attempt = match throttle::attempt(pool, &keys).await {
        Ok(attempt) => attempt,
        Err(error) => return unavailable(error),
    };
    if !attempt.allowed {
        return refused(StatusCode::TOO_MANY_REQUESTS, LoginProblem::Locked.code());
    }
    tokio::time::sleep(attempt.delay()).await;

    let child = row.as_ref().map(|_| person_id);
    let fail = |reason: &'static str| Failed {
        actor: child,
        method: "passkey",
        reason,
        locked: attempt.locked_now,
        child,
    };
    let Some(row) = row else {
        return fail_login(tx, fail("unknown_passkey"), LoginProblem::PasskeyRefused).await;
    };
    let status = PasskeyStatus::of(row.approved, row.copied);
    if status == PasskeyStatus::Copied {
        return fail_login(tx, fail("copied_passkey"), LoginProblem::PasskeyCopied).await;
    }
    let mut passkey: Passkey = match serde_json::from_value(row.passkey) {
        Ok(passkey) => passkey,
        Err(error) => return unavailable(error),
    };
    let verified = state.passkeys.finish_discoverable_authentication(
        credential,
        authentication,
        &[DiscoverableKey::from(&passkey)],
    );
    let result = match verified {
        Ok(result) => result,
        Err(WebauthnError::CredentialPossibleCompromise) => {
            // Another copy of the key has signed since (or this is one): neither may log in
            // again. Kept, disabled, so the guardian sees what happened and removes it.
            let disabled = sqlx::query!(
                "update child_passkey set disabled_at = now(), disabled_reason = 'cloned'
                 where child_passkey_id = $1",
                row.child_passkey_id
            )
            .execute(&mut *tx)
            .await;
            if let Err(error) = disabled {
                return unavailable(error);
            }
            if let Err(error) = tell_guardians(&mut tx, person_id, GuardianNews::Copied).await {
                return unavailable(error);
            }
            return fail_login(tx, fail("copied_passkey"), LoginProblem::PasskeyCopied).await;
        }
        Err(error) => {
            tracing::warn!(%error, "a passkey login did not verify");
            return fail_login(
                tx,
                fail("passkey_not_verified"),
                LoginProblem::PasskeyRefused,
            )
            .await;
        }
    };
    if let Some(problem) = refusal(status) {
        return fail_login(tx, fail("passkey_not_approved"), problem).await;
    }
    // From the fifteenth birthday the youth logs in with ID-porten, as with a password.
    match own_login_still_open(&mut tx, person_id, &keys).await {
        Ok(true) => {}
        Ok(false) => {
            return match tx.commit().await {
                Ok(()) => refused(StatusCode::FORBIDDEN, LoginProblem::Grown.code()),
                Err(error) => unavailable(error),
            }
        }
        Err(error) => return unavailable(error),
    }
    passkey.update_credential(&result);
    let updated = match serde_json::to_value(&passkey) {
        Ok(updated) => updated,
        Err(error) => return unavailable(error),
    };
    let device = user_agent(&headers).and_then(device::describe);
    let started = async {
        sqlx::query!(
            "update child_passkey set passkey = $2, last_used_at = now()
             where child_passkey_id = $1",
            row.child_passkey_id,
            updated
        )
        .execute(&mut *tx)
        .await?;
        throttle::succeeded(&mut tx, &keys).await?;
        let begun = login_session::begin(
            &mut tx,
            &session,
            person_id,
            Method::Passkey,
            device,
            &state.data_key,
        )
        .await?;
        tx.commit().await?;
        Ok::<_, login_session::BeginError>(begun)
    };
    match started.await {
        Ok(begun) => {
            let mut response = Json(json!({ "redirect": return_to })).into_response();
            login_cookie::set(&mut response, &begun.token, state.secure_cookies());
            response
        }
        Err(error) => unavailable(error),
    }
}

/// Records the failed login (and whatever `tx` did before) and answers with `problem`, or
/// `Locked` if this failure locked the account.
/// Whether the child's own login still works; once they are 15, false, with that recorded
/// (not as a failure: the key was theirs).
async fn own_login_still_open(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    person_id: Uuid,
    keys: &[Key],
) -> Result<bool, sqlx::Error> {
    let open = sqlx::query_scalar!(r#"select own_login_open($1) as "open!""#, person_id)
        .fetch_one(&mut **tx)
        .await?;
    if open {
        return Ok(true);
    }
    audit::record(
        tx,
        Some(person_id),
        "auth.own_login_ended",
        json!({ "method": "passkey" }),
    )
    .await?;
    throttle::succeeded(tx, keys).await?;
    Ok(false)
}

async fn fail_login(
    mut tx: sqlx::Transaction<'static, sqlx::Postgres>,
    failed: Failed<'_>,
    problem: LoginProblem,
) -> Response {
    let locked = failed.locked;
    let recorded = async {
        failure::record(&mut tx, failed).await?;
        tx.commit().await
    };
    match recorded.await {
        Ok(()) if locked => refused(StatusCode::TOO_MANY_REQUESTS, LoginProblem::Locked.code()),
        Ok(()) => refused(StatusCode::UNAUTHORIZED, problem.code()),
        Err(error) => unavailable(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passkey_is_registered_only_after_a_login_with_password_and_code() {
        assert!(may_register(LoginMethod::PasswordAndCode, true));
        assert!(!may_register(LoginMethod::Passkey, true));
        assert!(!may_register(LoginMethod::IdPorten, true));
        assert!(!may_register(LoginMethod::IdPorten, false));
    }

    #[test]
    fn only_an_active_passkey_logs_in_and_each_refusal_says_why() {
        assert_eq!(refusal(PasskeyStatus::Active), None);
        assert_eq!(
            refusal(PasskeyStatus::AwaitingApproval),
            Some(LoginProblem::PasskeyPending)
        );
        assert_eq!(
            refusal(PasskeyStatus::Copied),
            Some(LoginProblem::PasskeyCopied)
        );
    }

    #[test]
    fn a_loopback_address_becomes_localhost_and_a_domain_stays() {
        let origin_of = |url: &str| origin(&Url::parse(url).expect("url")).to_string();
        assert_eq!(
            origin_of("http://127.0.0.1:3000/"),
            "http://localhost:3000/"
        );
        assert_eq!(origin_of("http://[::1]:3000"), "http://localhost:3000/");
        assert_eq!(
            origin_of("https://stafett.fjordvik.example/app?x=1"),
            "https://stafett.fjordvik.example/"
        );
    }

    #[test]
    fn the_relying_party_is_the_origins_domain() {
        let origin = origin(&Url::parse("http://127.0.0.1:3000").expect("url"));
        let relying_party = relying_party(&origin).expect("relying party");
        assert_eq!(relying_party.get_allowed_origins(), [origin]);
    }
}
