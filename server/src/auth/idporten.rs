//! The OpenID Connect client for ID-porten: authorization code flow with PKCE (S256), state
//! and nonce; the ID token's signature, issuer, audience, expiry, nonce and level (`acr`)
//! checked; the national identity number from the `pid` claim; RP-initiated logout; and
//! verification of back-channel `logout_token`s.

use crate::config::IdPortenConfig;
use app::i18n::Lang;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::reqwest;
use openidconnect::url::Url;
use openidconnect::{
    AdditionalClaims, AuthenticationContextClass, AuthorizationCode, Client, ClientId,
    ClientSecret, CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdToken, IdTokenFields, IssuerUrl, JsonWebKey, LanguageTag, LogoutRequest, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// The only level accepted: ID-porten's highest (BankID and equivalents, formerly level 4).
pub const LEVEL_HIGH: &str = "idporten-loa-high";

/// Discovery metadata and keys are fetched again after this long (the provider may rotate
/// its signing keys), or sooner when a token names a key we do not know.
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// But not more often than this for unknown keys: anyone may post a logout token naming any
/// key, and must not be able to make us hammer the provider.
const KEY_REFRESH_INTERVAL: Duration = Duration::from_secs(60);
/// Clock skew allowed on a logout token's `iat` and `exp`.
const CLOCK_SKEW: i64 = 60;

const BACKCHANNEL_LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// The claims ID-porten adds to the standard ones.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdPortenClaims {
    /// The national identity number (fødselsnummer or D-number).
    pid: Option<String>,
    /// ID-porten's session id, named again by a back-channel logout.
    sid: Option<String>,
}
impl AdditionalClaims for IdPortenClaims {}

type IdPortenIdToken = IdToken<
    IdPortenClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type IdPortenTokenResponse = StandardTokenResponse<
    IdTokenFields<
        IdPortenClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;
type IdPortenClient = Client<
    IdPortenClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    IdPortenTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A login begun here and not yet completed: kept in the server-side session between the
/// redirect to ID-porten and the callback, then destroyed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// A local path to return to after login.
    pub return_to: String,
}

/// A person ID-porten vouched for.
#[derive(Debug)]
pub struct Authenticated {
    pub pid: String,
    pub sid: String,
    /// The raw ID token, kept as `id_token_hint` for logout.
    pub id_token: String,
}

/// Why a login through ID-porten did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("ID-porten is unreachable or answered unexpectedly: {0}")]
    Unavailable(String),
    #[error("the token exchange or the ID token was refused: {0}")]
    Refused(String),
    #[error("the login was at level {0:?}, below {LEVEL_HIGH}")]
    LevelTooLow(Option<String>),
    #[error("the ID token lacks the {0} claim")]
    MissingClaim(&'static str),
}

impl LoginError {
    /// A stable reason for the audit trail.
    pub fn reason(&self) -> &'static str {
        match self {
            LoginError::Unavailable(_) => "provider_unavailable",
            LoginError::Refused(_) => "token_refused",
            LoginError::LevelTooLow(_) => "level_too_low",
            LoginError::MissingClaim(_) => "claim_missing",
        }
    }
}

struct Discovered {
    metadata: ProviderMetadataWithLogout,
    fetched: Instant,
}

/// The ID-porten client with its cached discovery document.
pub struct IdPorten {
    config: IdPortenConfig,
    http: reqwest::Client,
    discovered: RwLock<Option<Arc<Discovered>>>,
    /// When an unknown key last made us fetch the keys.
    keys_refreshed: std::sync::Mutex<Option<Instant>>,
}

/// A verified back-channel logout token: what it ends, and what makes it unique.
#[derive(Debug)]
pub struct LogoutToken {
    pub sid: String,
    /// Remembered until `expires_at` so the token is taken once.
    pub jti: String,
    pub expires_at: time::OffsetDateTime,
}

impl IdPorten {
    pub fn new(config: IdPortenConfig) -> IdPorten {
        let http = reqwest::Client::builder()
            // Required by openidconnect: a redirect must not be followed to another host.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            // A login is rare, and a pooled connection the provider has meanwhile closed
            // (Node's keep-alive is 5 s) resets the token exchange, whose code cannot be
            // sent twice: a fresh connection per call costs a handshake, not a login.
            .pool_max_idle_per_host(0)
            .build()
            .unwrap_or_default();
        IdPorten {
            config,
            http,
            discovered: RwLock::new(None),
            keys_refreshed: std::sync::Mutex::new(None),
        }
    }

    /// Whether an unknown key may make us fetch the keys now; if so, notes that it did.
    fn may_refresh_keys(&self) -> bool {
        let Ok(mut refreshed) = self.keys_refreshed.lock() else {
            return false;
        };
        let due = refreshed.is_none_or(|at| at.elapsed() >= KEY_REFRESH_INTERVAL);
        if due {
            *refreshed = Some(Instant::now());
        }
        due
    }

    async fn metadata(&self, refresh: bool) -> Result<Arc<Discovered>, LoginError> {
        if !refresh {
            if let Some(discovered) = self.discovered.read().await.as_ref() {
                if discovered.fetched.elapsed() < METADATA_TTL {
                    return Ok(discovered.clone());
                }
            }
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|error| LoginError::Unavailable(error.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|error| LoginError::Unavailable(error_chain(&error)))?;
        let discovered = Arc::new(Discovered {
            metadata,
            fetched: Instant::now(),
        });
        *self.discovered.write().await = Some(discovered.clone());
        Ok(discovered)
    }

    fn client(&self, metadata: &ProviderMetadataWithLogout) -> IdPortenClient {
        IdPortenClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(RedirectUrl::from_url(self.config.redirect_url.clone()))
    }

    /// The URL to send the browser to, and what to keep until it comes back.
    pub async fn begin(
        &self,
        lang: Lang,
        return_to: String,
    ) -> Result<(Url, PendingLogin), LoginError> {
        let discovered = self.metadata(false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = self
            .client(&discovered.metadata)
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("profile".into()))
            .add_auth_context_value(AuthenticationContextClass::new(LEVEL_HIGH.into()))
            .add_ui_locale(LanguageTag::new(lang.code().into()))
            .set_pkce_challenge(challenge)
            .url();
        let pending = PendingLogin {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            return_to,
        };
        Ok((url, pending))
    }

    /// Exchanges the code and checks the ID token. `pending` has already been taken out of
    /// the session and its `state` compared by the caller.
    pub async fn complete(
        &self,
        pending: &PendingLogin,
        code: String,
    ) -> Result<Authenticated, LoginError> {
        let discovered = self.metadata(false).await?;
        let client = self.client(&discovered.metadata);
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|error| LoginError::Unavailable(error.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|error| LoginError::Refused(error_chain(&error)))?;
        let id_token = response
            .extra_fields()
            .id_token()
            .ok_or(LoginError::MissingClaim("id_token"))?;
        let claims = id_token
            .claims(
                &client.id_token_verifier(),
                &Nonce::new(pending.nonce.clone()),
            )
            .map_err(|error| LoginError::Refused(error.to_string()))?;
        let level = claims
            .auth_context_ref()
            .map(|acr| acr.as_str().to_string());
        if level.as_deref() != Some(LEVEL_HIGH) {
            return Err(LoginError::LevelTooLow(level));
        }
        let extra = claims.additional_claims();
        Ok(Authenticated {
            pid: extra.pid.clone().ok_or(LoginError::MissingClaim("pid"))?,
            sid: extra.sid.clone().ok_or(LoginError::MissingClaim("sid"))?,
            id_token: id_token.to_string(),
        })
    }

    /// Where to send the browser so ID-porten ends its session too, then returns it to our
    /// logged-out page. `None` if the provider offers no end-session endpoint.
    pub async fn end_session_url(&self, id_token: &str) -> Option<Url> {
        let discovered = self.metadata(false).await.ok()?;
        let endpoint = discovered
            .metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let hint: IdPortenIdToken = id_token.parse().ok()?;
        Some(
            LogoutRequest::from(endpoint)
                .set_id_token_hint(&hint)
                .set_post_logout_redirect_uri(PostLogoutRedirectUrl::from_url(
                    self.config.post_logout_redirect_url.clone(),
                ))
                .set_client_id(ClientId::new(self.config.client_id.clone()))
                .http_get_url(),
        )
    }

    /// Checks a back-channel `logout_token` (OpenID Connect Back-Channel Logout 1.0, 2.6):
    /// typed as one (`typ` `logout+jwt`, where present), signed by the provider, for us,
    /// issued recently and not expired, a logout event, no nonce, with a `jti` (the caller
    /// refuses one seen before) and a `sid`.
    pub async fn verify_logout_token(&self, token: &str) -> Result<LogoutToken, LoginError> {
        let refused = |why: &str| LoginError::Refused(format!("logout token: {why}"));
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(refused("not a signed JWT"));
        };
        let header: JwtHeader = decode_json(header).ok_or_else(|| refused("bad header"))?;
        if header.alg != "RS256" {
            return Err(refused("unexpected algorithm"));
        }
        // An ID token ("JWT") or any other signed token of the provider is not a logout token.
        if !header.typ.as_deref().is_none_or(is_logout_type) {
            return Err(refused("not typed logout+jwt"));
        }
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| refused("bad signature encoding"))?;
        let signed = &token[..header_and_payload_len(token)];

        let mut discovered = self.metadata(false).await?;
        if find_key(&discovered.metadata, header.kid.as_deref()).is_none()
            && self.may_refresh_keys()
        {
            discovered = self.metadata(true).await?;
        }
        let key = find_key(&discovered.metadata, header.kid.as_deref())
            .ok_or_else(|| refused("unknown signing key"))?;
        key.verify_signature(
            &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            signed.as_bytes(),
            &signature,
        )
        .map_err(|_| refused("bad signature"))?;

        let claims: LogoutClaims = decode_json(payload).ok_or_else(|| refused("bad claims"))?;
        if claims.iss != self.config.issuer {
            return Err(refused("wrong issuer"));
        }
        if !claims.aud.contains(&self.config.client_id) {
            return Err(refused("not for this client"));
        }
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if (claims.iat - now).abs() > 300 {
            return Err(refused("issued too long ago or in the future"));
        }
        if claims.exp + CLOCK_SKEW < now || claims.exp < claims.iat {
            return Err(refused("expired"));
        }
        if claims.nonce.is_some() {
            return Err(refused("has a nonce"));
        }
        if !claims
            .events
            .get(BACKCHANNEL_LOGOUT_EVENT)
            .is_some_and(serde_json::Value::is_object)
        {
            return Err(refused("not a logout event"));
        }
        if claims.jti.is_empty() || claims.jti.len() > 200 {
            return Err(refused("no usable jti"));
        }
        let expires_at = time::OffsetDateTime::from_unix_timestamp(claims.exp + CLOCK_SKEW)
            .map_err(|_| refused("expired"))?;
        Ok(LogoutToken {
            sid: claims.sid.ok_or(LoginError::MissingClaim("sid"))?,
            jti: claims.jti,
            expires_at,
        })
    }
}

/// `logout+jwt`, also as a full media type, in any case (RFC 7515, 4.1.9).
fn is_logout_type(typ: &str) -> bool {
    let typ = typ.to_ascii_lowercase();
    typ == "logout+jwt" || typ == "application/logout+jwt"
}

#[derive(Deserialize)]
struct JwtHeader {
    alg: String,
    kid: Option<String>,
    typ: Option<String>,
}

#[derive(Deserialize)]
struct LogoutClaims {
    iss: String,
    #[serde(deserialize_with = "one_or_many")]
    aud: Vec<String>,
    iat: i64,
    exp: i64,
    jti: String,
    events: serde_json::Map<String, serde_json::Value>,
    sid: Option<String>,
    nonce: Option<String>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Option<T> {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?).ok()
}

/// The length of `header.payload`, the part of a JWT its signature covers.
fn header_and_payload_len(token: &str) -> usize {
    token.rfind('.').unwrap_or(0)
}

fn find_key<'a>(
    metadata: &'a ProviderMetadataWithLogout,
    kid: Option<&str>,
) -> Option<&'a CoreJsonWebKey> {
    metadata.jwks().keys().iter().find(|key| {
        key.key_id().map(|id| id.as_str()) == kid
            || (kid.is_none() && metadata.jwks().keys().len() == 1)
    })
}

/// An error with its causes, for the log (the library's top-level message is often vague).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
