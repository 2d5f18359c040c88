//! Settings from the environment, validated once at start.

use crate::archive::arkivmelding::Classification;
use crate::first_admin::FirstAdmin;
use crate::seal::SealKey;
use app::server::audit_chain::{AuditKey, AuditKeys};
use openidconnect::url::Url;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Everything the server needs to know at start.
#[derive(Clone)]
pub struct Config {
    /// Secret: may hold a password, so never logged (see the `Debug` impl).
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub site_root: PathBuf,
    pub seed_demo: bool,
    pub log_format: LogFormat,
    /// The address users reach the app at; decides redirect URLs and whether cookies are
    /// `Secure` (always, except on plain-http loopback for local use).
    pub public_url: Url,
    /// Children's passkeys: bound to the public URL's domain (see `auth::passkey::origin`).
    pub passkeys: std::sync::Arc<webauthn_rs::Webauthn>,
    pub idporten: IdPortenConfig,
    pub mail: MailConfig,
    pub sms: Option<SmsConfig>,
    pub register: RegisterConfig,
    /// Where closed logs' archive packages go; without one they wait (see server::archive).
    pub archive: Option<ArchiveConfig>,
    /// Reverse proxies in front of the app, whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Whether responses tell browsers to use https only (HSTS); never over plain http.
    pub hsts: bool,
    /// Secret: seals the one-time codes in the outbox and the ID tokens of active logins.
    pub data_key: SealKey,
    pub audit: AuditConfig,
    /// The municipality's first administrator, made at start while it has none.
    pub first_admin: Option<FirstAdmin>,
    /// Push notices (Web Push with VAPID); none without `STAFETT_VAPID_PRIVATE_KEY`.
    pub push: Option<PushConfig>,
}

/// Sealing the audit trail: the keys, and where each chain's sealed head goes besides the
/// log output.
#[derive(Debug, Clone)]
pub struct AuditConfig {
    /// Secret: the key new seals are made with, and those it replaced (kept for verifying).
    pub keys: AuditKeys,
    /// A file that every new sealed head is appended to, as a JSON line.
    pub checkpoints: Option<PathBuf>,
}

impl AuditConfig {
    /// `STAFETT_AUDIT_KEY` (required), `STAFETT_AUDIT_KEYS_OLD` and
    /// `STAFETT_AUDIT_CHECKPOINTS`: also all that `audit-verify` needs besides the database.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<AuditConfig, ConfigError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let key = |setting: &'static str, value: &str| {
            AuditKey::from_base64(value).ok_or(ConfigError {
                setting,
                problem:
                    "must be 32 random bytes in base64: make one with `openssl rand -base64 32`"
                        .into(),
            })
        };
        let current = key(
            "STAFETT_AUDIT_KEY",
            &get("STAFETT_AUDIT_KEY").unwrap_or_default(),
        )?;
        let old = get("STAFETT_AUDIT_KEYS_OLD")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| key("STAFETT_AUDIT_KEYS_OLD", entry))
            .collect::<Result<Vec<AuditKey>, _>>()?;
        Ok(AuditConfig {
            keys: AuditKeys::new(current, old),
            checkpoints: get("STAFETT_AUDIT_CHECKPOINTS").map(PathBuf::from),
        })
    }
}

/// Web Push: the application server's VAPID key pair (RFC 8292), who to contact about it,
/// and the hosts allowed as endpoints although private or plain http (the local stand-in).
#[derive(Clone)]
pub struct PushConfig {
    /// Secret: the P-256 private key's 32 bytes, base64url.
    pub private_key: String,
    /// Its public key, uncompressed, base64url: what browsers subscribe with.
    pub public_key: String,
    /// `mailto:` or `https:`: how a push service reaches the operator.
    pub subject: String,
    pub allowed_hosts: Vec<String>,
}

impl PushConfig {
    fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
    ) -> Result<Option<PushConfig>, ConfigError> {
        let Some(private_key) = get("STAFETT_VAPID_PRIVATE_KEY") else {
            return Ok(None);
        };
        let private_key = private_key.trim().trim_end_matches('=').to_string();
        let public_key = web_push::VapidSignatureBuilder::from_base64_no_sub(&private_key)
            .map(|builder| {
                use base64::Engine;
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(builder.get_public_key())
            })
            .map_err(|_| ConfigError {
                setting: "STAFETT_VAPID_PRIVATE_KEY",
                problem: "must be a P-256 private key's 32 bytes in base64url (the README \
                          says how to make a key pair)"
                    .into(),
            })?;
        let subject = get("STAFETT_VAPID_SUBJECT")
            .map(|subject| subject.trim().to_string())
            .filter(|subject| subject.starts_with("mailto:") || subject.starts_with("https://"))
            .ok_or(ConfigError {
                setting: "STAFETT_VAPID_SUBJECT",
                problem: "must be a mailto: or https: URI push services can reach the operator \
                          at, e.g. mailto:drift@kommune.no"
                    .into(),
            })?;
        let allowed_hosts = get("STAFETT_PUSH_ALLOWED_HOSTS")
            .unwrap_or_default()
            .split(',')
            .map(|host| host.trim().to_ascii_lowercase())
            .filter(|host| !host.is_empty())
            .collect();
        Ok(Some(PushConfig {
            private_key,
            public_key,
            subject,
            allowed_hosts,
        }))
    }
}

/// The OpenID Connect client registered with ID-porten.
#[derive(Clone)]
pub struct IdPortenConfig {
    /// Exactly as the provider spells it in its metadata (a trailing slash matters).
    pub issuer: String,
    pub client_id: String,
    /// Secret (`client_secret_basic`).
    pub client_secret: String,
    pub redirect_url: Url,
    pub post_logout_redirect_url: Url,
}

/// Outgoing e-mail.
#[derive(Clone)]
pub struct MailConfig {
    /// Secret: may carry credentials. `smtp://host:port` (loopback, no TLS),
    /// `smtp://user:pass@host:587?tls=required` or `smtps://…` (lettre's URL form).
    pub smtp_url: String,
    pub from: String,
}

/// An SMS gateway that takes `POST {url}` with JSON `{"to", "text"}` and HTTP basic auth.
#[derive(Clone)]
pub struct SmsConfig {
    pub url: Url,
    pub user: String,
    /// Secret.
    pub password: String,
}

/// The municipality's archive: a receiver that takes packages over HTTP (`PUT
/// {url}/packages/{id}` with a bearer token, answering a receipt with the archive's
/// reference), or a directory that the archive system picks packages up from.
#[derive(Clone)]
pub struct ArchiveConfig {
    pub receiver: ArchiveReceiver,
    /// The municipality's Individual Plan system, which takes the package of a log
    /// transferred to one; without it, those packages wait.
    pub individual_plan: Option<ArchiveReceiver>,
    pub classification: Classification,
}

#[derive(Clone)]
pub enum ArchiveReceiver {
    Http {
        url: Url,
        /// Secret.
        token: String,
    },
    Directory(PathBuf),
}

/// The population register's lookup API (Skatteetaten's Folkeregister API, "offentlig med
/// hjemmel"): the base URL, before `/folkeregisteret/…`.
#[derive(Clone)]
pub struct RegisterConfig {
    pub url: Url,
    /// Secret: a bearer token (Maskinporten's, with the scope the municipality was given).
    pub token: String,
    /// How long a lookup may take before the register counts as unavailable.
    pub timeout: std::time::Duration,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &"<redacted>")
            .field("site_addr", &self.site_addr)
            .field("site_root", &self.site_root)
            .field("seed_demo", &self.seed_demo)
            .field("log_format", &self.log_format)
            .field("public_url", &self.public_url.as_str())
            .field("passkey_origins", &self.passkeys.get_allowed_origins())
            .field("idporten_issuer", &self.idporten.issuer)
            .field("idporten_client_id", &self.idporten.client_id)
            .field("mail_from", &self.mail.from)
            .field("sms_url", &self.sms.as_ref().map(|sms| sms.url.as_str()))
            .field("register_url", &self.register.url.as_str())
            .field("register_timeout", &self.register.timeout)
            .field(
                "archive",
                &self
                    .archive
                    .as_ref()
                    .map(|archive| match &archive.receiver {
                        ArchiveReceiver::Http { url, .. } => url.to_string(),
                        ArchiveReceiver::Directory(dir) => dir.display().to_string(),
                    }),
            )
            .field("trusted_proxies", &self.trusted_proxies)
            .field("hsts", &self.hsts)
            .field("data_key", &self.data_key)
            .field("audit", &self.audit)
            .field("first_admin", &self.first_admin)
            .field(
                "push",
                &self
                    .push
                    .as_ref()
                    .map(|push| (&push.public_key, &push.subject, &push.allowed_hosts)),
            )
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// A setting that is missing or malformed, named so the operator can fix it.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("configuration error: {setting} {problem}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub problem: String,
}

impl Config {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());

        let database_url = get("DATABASE_URL").ok_or(ConfigError {
            setting: "DATABASE_URL",
            problem: "is not set: give the PostgreSQL URL, e.g. postgres://stafett@127.0.0.1:5432/stafett".into(),
        })?;
        if !(database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")) {
            return Err(ConfigError {
                setting: "DATABASE_URL",
                problem: "must start with postgres:// or postgresql://".into(),
            });
        }

        let site_addr = match get("LEPTOS_SITE_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(value) => value.parse().map_err(|_| ConfigError {
                setting: "LEPTOS_SITE_ADDR",
                problem: format!(
                    "is not an address with a port, e.g. 127.0.0.1:3000 (got {value:?})"
                ),
            })?,
        };

        let site_root =
            PathBuf::from(get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()));

        let seed_demo = match get("STAFETT_SEED_DEMO").as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(other) => {
                return Err(ConfigError {
                    setting: "STAFETT_SEED_DEMO",
                    problem: format!("must be true or false (got {other:?})"),
                })
            }
        };

        let log_format = match get("STAFETT_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError {
                    setting: "STAFETT_LOG_FORMAT",
                    problem: format!("must be text or json (got {other:?})"),
                })
            }
        };

        let public_url = match get("STAFETT_PUBLIC_URL") {
            None => url("STAFETT_PUBLIC_URL", &format!("http://{site_addr}"))?,
            Some(value) => url("STAFETT_PUBLIC_URL", &value)?,
        };
        if public_url.scheme() != "https" && !is_loopback(&public_url) {
            return Err(ConfigError {
                setting: "STAFETT_PUBLIC_URL",
                problem: "must be https:// unless it is a loopback address".into(),
            });
        }
        let passkeys =
            crate::auth::passkey::relying_party(&crate::auth::passkey::origin(&public_url))
                .map_err(|error| ConfigError {
                    setting: "STAFETT_PUBLIC_URL",
                    problem: format!("cannot be where passkeys are used: {error}"),
                })?;
        let derived = |path: &str| {
            public_url.join(path).map_err(|_| ConfigError {
                setting: "STAFETT_PUBLIC_URL",
                problem: "cannot be the base of other URLs".into(),
            })
        };

        let required = |name: &'static str, example: &str| {
            get(name).ok_or(ConfigError {
                setting: name,
                problem: format!("is not set: give {example}"),
            })
        };
        let idporten = IdPortenConfig {
            issuer: {
                let issuer = required(
                    "IDPORTEN_ISSUER",
                    "ID-porten's issuer, e.g. https://idporten.no",
                )?;
                url("IDPORTEN_ISSUER", &issuer)?;
                issuer
            },
            client_id: required(
                "IDPORTEN_CLIENT_ID",
                "the client id registered with ID-porten",
            )?,
            client_secret: required("IDPORTEN_CLIENT_SECRET", "the client secret")?,
            redirect_url: match get("IDPORTEN_REDIRECT_URI") {
                Some(value) => url("IDPORTEN_REDIRECT_URI", &value)?,
                None => derived("/auth/callback")?,
            },
            post_logout_redirect_url: match get("IDPORTEN_POST_LOGOUT_REDIRECT_URI") {
                Some(value) => url("IDPORTEN_POST_LOGOUT_REDIRECT_URI", &value)?,
                None => derived("/logged-out")?,
            },
        };

        let mail = MailConfig {
            smtp_url: required(
                "STAFETT_SMTP_URL",
                "the SMTP server, e.g. smtp://127.0.0.1:2525",
            )?,
            from: required(
                "STAFETT_MAIL_FROM",
                "the sender, e.g. Stafett <ikke-svar@kommune.no>",
            )?,
        };
        if mail.from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError {
                setting: "STAFETT_MAIL_FROM",
                problem: "is not an e-mail address (e.g. Stafett <ikke-svar@kommune.no>)".into(),
            });
        }

        let sms = match get("STAFETT_SMS_URL") {
            None => None,
            Some(value) => Some(SmsConfig {
                url: url("STAFETT_SMS_URL", &value)?,
                user: required("STAFETT_SMS_USER", "the SMS gateway's user name")?,
                password: required("STAFETT_SMS_PASSWORD", "the SMS gateway's password")?,
            }),
        };

        let archive = archive(&get)?;

        let register_url = required(
            "STAFETT_FOLKEREGISTER_URL",
            "the population register's base URL, e.g. https://folkeregisteret.api.skatteetaten.no",
        )?;
        let register = RegisterConfig {
            url: url("STAFETT_FOLKEREGISTER_URL", &register_url)?,
            token: required(
                "STAFETT_FOLKEREGISTER_TOKEN",
                "the bearer token for the population register",
            )?,
            timeout: match get("STAFETT_FOLKEREGISTER_TIMEOUT_MS") {
                None => std::time::Duration::from_secs(5),
                Some(value) => value
                    .parse::<u64>()
                    .ok()
                    .filter(|ms| (100..=60_000).contains(ms))
                    .map(std::time::Duration::from_millis)
                    .ok_or(ConfigError {
                        setting: "STAFETT_FOLKEREGISTER_TIMEOUT_MS",
                        problem: format!("must be milliseconds from 100 to 60000 (got {value:?})"),
                    })?,
            },
        };

        let trusted_proxies = get("STAFETT_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry.parse().map_err(|_| ConfigError {
                    setting: "STAFETT_TRUSTED_PROXIES",
                    problem: format!("is a comma-separated list of IP addresses (got {entry:?})"),
                })
            })
            .collect::<Result<Vec<IpAddr>, _>>()?;

        let https = public_url.scheme() == "https";
        let hsts = match get("STAFETT_HSTS").as_deref() {
            None => https,
            Some("false") | Some("0") => false,
            Some("true") | Some("1") if https => true,
            Some("true") | Some("1") => {
                return Err(ConfigError {
                    setting: "STAFETT_HSTS",
                    problem: "can be true only with an https:// STAFETT_PUBLIC_URL".into(),
                })
            }
            Some(other) => {
                return Err(ConfigError {
                    setting: "STAFETT_HSTS",
                    problem: format!("must be true or false (got {other:?})"),
                })
            }
        };

        let data_key = get("STAFETT_DATA_KEY")
            .as_deref()
            .and_then(SealKey::from_base64)
            .ok_or(ConfigError {
                setting: "STAFETT_DATA_KEY",
                problem:
                    "must be 32 random bytes in base64: make one with `openssl rand -base64 32`"
                        .into(),
            })?;

        let audit = AuditConfig::from_lookup(&lookup)?;

        let first_admin = match get("STAFETT_FIRST_ADMIN") {
            None => None,
            Some(number) => {
                let national_id: String = number.split_whitespace().collect();
                if !app::domain::national_id::is_valid(&national_id) {
                    return Err(ConfigError {
                        setting: "STAFETT_FIRST_ADMIN",
                        problem: "is not a valid national identity number (11 digits)".into(),
                    });
                }
                let name = required(
                    "STAFETT_FIRST_ADMIN_NAME",
                    "the first administrator's name, e.g. \"Berit Holm\"",
                )?;
                let Some((given_name, family_name)) = name.trim().rsplit_once(' ') else {
                    return Err(ConfigError {
                        setting: "STAFETT_FIRST_ADMIN_NAME",
                        problem: "must be a given and a family name, e.g. \"Berit Holm\"".into(),
                    });
                };
                Some(FirstAdmin {
                    national_id,
                    given_name: given_name.trim().to_string(),
                    family_name: family_name.trim().to_string(),
                    municipality: get("STAFETT_MUNICIPALITY").map(|name| name.trim().to_string()),
                })
            }
        };

        let push = PushConfig::from_lookup(&get)?;

        Ok(Config {
            database_url,
            site_addr,
            site_root,
            seed_demo,
            log_format,
            public_url,
            passkeys: std::sync::Arc::new(passkeys),
            idporten,
            mail,
            sms,
            register,
            archive,
            trusted_proxies,
            hsts,
            data_key,
            audit,
            first_admin,
            push,
        })
    }
}

/// The settings naming a receiver of packages: a URL with its token, or a directory.
struct ReceiverSettings {
    url: &'static str,
    token: &'static str,
    dir: &'static str,
}

fn receiver(
    get: &impl Fn(&str) -> Option<String>,
    names: ReceiverSettings,
) -> Result<Option<ArchiveReceiver>, ConfigError> {
    Ok(Some(match (get(names.url), get(names.dir)) {
        (None, None) => return Ok(None),
        (Some(_), Some(_)) => {
            return Err(ConfigError {
                setting: names.dir,
                problem: format!("and {} are both set: choose one", names.url),
            })
        }
        (Some(value), None) => ArchiveReceiver::Http {
            url: url(names.url, &value)?,
            token: get(names.token).ok_or(ConfigError {
                setting: names.token,
                problem: "is missing: the receiver's bearer token".into(),
            })?,
        },
        (None, Some(dir)) => ArchiveReceiver::Directory(PathBuf::from(dir)),
    }))
}

fn archive(get: &impl Fn(&str) -> Option<String>) -> Result<Option<ArchiveConfig>, ConfigError> {
    let names = ReceiverSettings {
        url: "STAFETT_ARCHIVE_URL",
        token: "STAFETT_ARCHIVE_TOKEN",
        dir: "STAFETT_ARCHIVE_DIR",
    };
    let Some(receiver) = receiver(get, names)? else {
        return Ok(None);
    };
    let individual_plan = receiver_for_individual_plans(get)?;
    let class = get("STAFETT_ARCHIVE_CLASS").unwrap_or_default();
    let Some((system, class)) = class
        .split_once(':')
        .filter(|(system, class)| !system.trim().is_empty() && !class.trim().is_empty())
    else {
        return Err(ConfigError {
            setting: "STAFETT_ARCHIVE_CLASS",
            problem: "must name the classification of the case folders as SYSTEM:CLASS, \
                      as the municipality's archive plan says (e.g. ORDNPRI:F40)"
                .into(),
        });
    };
    Ok(Some(ArchiveConfig {
        receiver,
        individual_plan,
        classification: Classification {
            system: system.trim().to_string(),
            class: class.trim().to_string(),
        },
    }))
}

/// The municipality's Individual Plan system takes the same package as the archive.
fn receiver_for_individual_plans(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<ArchiveReceiver>, ConfigError> {
    let names = ReceiverSettings {
        url: "STAFETT_INDIVIDUAL_PLAN_URL",
        token: "STAFETT_INDIVIDUAL_PLAN_TOKEN",
        dir: "STAFETT_INDIVIDUAL_PLAN_DIR",
    };
    receiver(get, names)
}

fn url(setting: &'static str, value: &str) -> Result<Url, ConfigError> {
    let parsed = Url::parse(value).map_err(|_| ConfigError {
        setting,
        problem: format!("is not a URL (got {value:?})"),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(ConfigError {
            setting,
            problem: format!("must be an http:// or https:// URL (got {value:?})"),
        });
    }
    Ok(parsed)
}

/// Plain http is accepted only where nothing leaves the machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(openidconnect::url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(openidconnect::url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(openidconnect::url::Host::Domain(name)) => name == "localhost",
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    const DB: (&str, &str) = ("DATABASE_URL", "postgres://stafett@127.0.0.1:5432/stafett");
    const REQUIRED: [(&str, &str); 10] = [
        DB,
        (
            "STAFETT_DATA_KEY",
            "aGVtbWVsaWctbsO4a2tlbC10aWwtdGVzdGVuZS0xMjM=",
        ),
        (
            "STAFETT_AUDIT_KEY",
            "cmV2aXNqb25zbsO4a2tlbC10aWwtdGVzdGVuZS0xMjM=",
        ),
        ("IDPORTEN_ISSUER", "https://idporten.example"),
        ("IDPORTEN_CLIENT_ID", "stafett"),
        ("IDPORTEN_CLIENT_SECRET", "hemmelig-klienthemmelighet"),
        ("STAFETT_SMTP_URL", "smtp://127.0.0.1:2525"),
        ("STAFETT_MAIL_FROM", "Stafett <ikke-svar@fjordvik.example>"),
        (
            "STAFETT_FOLKEREGISTER_URL",
            "https://folkeregisteret.example",
        ),
        ("STAFETT_FOLKEREGISTER_TOKEN", "hemmelig-registertoken"),
    ];

    fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut vars = REQUIRED.to_vec();
        vars.extend_from_slice(extra);
        vars
    }

    #[test]
    fn defaults_apply_when_only_the_database_is_given() {
        let config = config(&REQUIRED).expect("valid");
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.public_url.as_str(), "http://127.0.0.1:3000/");
        assert_eq!(
            config.idporten.redirect_url.as_str(),
            "http://127.0.0.1:3000/auth/callback"
        );
        assert!(config.sms.is_none());
        assert!(config.trusted_proxies.is_empty());
        assert_eq!(config.site_root, PathBuf::from("target/site"));
        assert!(!config.seed_demo);
        assert_eq!(config.log_format, LogFormat::Text);
        assert_eq!(config.register.timeout, std::time::Duration::from_secs(5));
        assert!(!config.hsts, "not over plain http");
    }

    #[test]
    fn hsts_is_on_with_https_unless_turned_off() {
        let https = ("STAFETT_PUBLIC_URL", "https://stafett.fjordvik.example");
        assert!(config(&with(&[https])).expect("valid").hsts);
        assert!(
            !config(&with(&[https, ("STAFETT_HSTS", "false")]))
                .expect("valid")
                .hsts
        );
    }

    #[test]
    fn each_bad_setting_is_named() {
        let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
            (vec![], "DATABASE_URL"),
            (vec![("DATABASE_URL", "  ")], "DATABASE_URL"),
            (vec![("DATABASE_URL", "mysql://x")], "DATABASE_URL"),
            (
                with(&[("LEPTOS_SITE_ADDR", "localhost")]),
                "LEPTOS_SITE_ADDR",
            ),
            (with(&[("STAFETT_SEED_DEMO", "yes")]), "STAFETT_SEED_DEMO"),
            (with(&[("STAFETT_LOG_FORMAT", "xml")]), "STAFETT_LOG_FORMAT"),
            (vec![DB], "IDPORTEN_ISSUER"),
            (
                with(&[("IDPORTEN_ISSUER", "idporten.no")]),
                "IDPORTEN_ISSUER",
            ),
            (
                with(&[("STAFETT_PUBLIC_URL", "http://stafett.fjordvik.example")]),
                "STAFETT_PUBLIC_URL",
            ),
            (
                with(&[("STAFETT_MAIL_FROM", "ikke en adresse")]),
                "STAFETT_MAIL_FROM",
            ),
            (
                with(&[("STAFETT_SMS_URL", "http://127.0.0.1:9/sms")]),
                "STAFETT_SMS_USER",
            ),
            (
                with(&[("STAFETT_FOLKEREGISTER_URL", "folkeregisteret")]),
                "STAFETT_FOLKEREGISTER_URL",
            ),
            (
                with(&[("STAFETT_FOLKEREGISTER_TIMEOUT_MS", "5")]),
                "STAFETT_FOLKEREGISTER_TIMEOUT_MS",
            ),
            (
                with(&[("STAFETT_TRUSTED_PROXIES", "10.0.0.2, proxy.internal")]),
                "STAFETT_TRUSTED_PROXIES",
            ),
            (with(&[("STAFETT_HSTS", "true")]), "STAFETT_HSTS"),
            (
                with(&[("STAFETT_DATA_KEY", "c2hvcnQ=")]),
                "STAFETT_DATA_KEY",
            ),
            (
                with(&[("STAFETT_AUDIT_KEY", "c2hvcnQ=")]),
                "STAFETT_AUDIT_KEY",
            ),
            (
                with(&[(
                    "STAFETT_AUDIT_KEYS_OLD",
                    "aGVtbWVsaWctbsO4a2tlbC10aWwtdGVzdGVuZS0xMjM=, c2hvcnQ=",
                )]),
                "STAFETT_AUDIT_KEYS_OLD",
            ),
            (
                with(&[("STAFETT_ARCHIVE_URL", "https://arkiv.example/")]),
                "STAFETT_ARCHIVE_TOKEN",
            ),
            (
                with(&[("STAFETT_ARCHIVE_DIR", "/srv/arkiv")]),
                "STAFETT_ARCHIVE_CLASS",
            ),
            (
                with(&[
                    ("STAFETT_ARCHIVE_DIR", "/srv/arkiv"),
                    ("STAFETT_ARCHIVE_URL", "https://arkiv.example/"),
                ]),
                "STAFETT_ARCHIVE_DIR",
            ),
            (
                with(&[
                    ("STAFETT_ARCHIVE_DIR", "/srv/arkiv"),
                    ("STAFETT_ARCHIVE_CLASS", "ORDNPRI"),
                ]),
                "STAFETT_ARCHIVE_CLASS",
            ),
        ];
        for (vars, setting) in cases {
            let error = config(&vars).expect_err(setting);
            assert_eq!(error.setting, setting);
            assert!(error
                .to_string()
                .starts_with(&format!("configuration error: {setting} ")));
        }
    }

    #[test]
    fn an_archive_is_a_url_or_a_directory_with_a_classification() {
        assert!(config(&REQUIRED).expect("valid").archive.is_none());
        let archive = config(&with(&[
            ("STAFETT_ARCHIVE_URL", "https://arkiv.example/mottak"),
            ("STAFETT_ARCHIVE_TOKEN", "hemmelig-arkivtoken"),
            ("STAFETT_ARCHIVE_CLASS", "ORDNPRI : F40"),
            ("STAFETT_INDIVIDUAL_PLAN_DIR", "/srv/ip"),
        ]))
        .expect("valid")
        .archive
        .expect("an archive");
        assert!(matches!(archive.receiver, ArchiveReceiver::Http { .. }));
        assert!(matches!(
            archive.individual_plan,
            Some(ArchiveReceiver::Directory(_))
        ));
        assert_eq!(
            archive.classification,
            Classification {
                system: "ORDNPRI".into(),
                class: "F40".into()
            }
        );
    }

    #[test]
    fn push_needs_a_p256_key_and_a_subject_and_keeps_the_key_out_of_debug_output() {
        assert!(config(&REQUIRED).expect("valid").push.is_none());
        // The tests' key pair (server/tests/it/support/push.rs).
        let key = (
            "STAFETT_VAPID_PRIVATE_KEY",
            "NfmNGfPnnDRmG2EeBSHGwJvifrOUZIPAYArqJ_p9Vpc",
        );
        let subject = ("STAFETT_VAPID_SUBJECT", "mailto:drift@fjordvik.example");
        let hosts = ("STAFETT_PUSH_ALLOWED_HOSTS", "127.0.0.1:8595, Push.Local:1");
        let config = config(&with(&[key, subject, hosts])).expect("valid");
        let push = config.push.as_ref().expect("push");
        assert_eq!(
            push.public_key,
            "BBH3E1idBzJRQuf4AHTDUt2kur2_EEZjuknxIQf1I2lWDom6tzWXYvMQ5Hv5AEVq2qRQ2k3GA2o1WimUIO8O_tY"
        );
        assert_eq!(push.allowed_hosts, ["127.0.0.1:8595", "push.local:1"]);
        assert!(!format!("{config:?}").contains(key.1));

        for (vars, setting) in [
            (
                vec![("STAFETT_VAPID_PRIVATE_KEY", "not-a-key"), subject],
                "STAFETT_VAPID_PRIVATE_KEY",
            ),
            (vec![key], "STAFETT_VAPID_SUBJECT"),
            (
                vec![key, ("STAFETT_VAPID_SUBJECT", "drift@fjordvik.example")],
                "STAFETT_VAPID_SUBJECT",
            ),
        ] {
            let error = self::config(&with(&vars)).expect_err("refused");
            assert_eq!(error.setting, setting);
        }
    }

    #[test]
    fn trusted_proxies_are_a_list_of_addresses() {
        let config =
            config(&with(&[("STAFETT_TRUSTED_PROXIES", "10.0.0.2, ::1,")])).expect("valid");
        let expected: Vec<IpAddr> =
            vec![[10, 0, 0, 2].into(), std::net::Ipv6Addr::LOCALHOST.into()];
        assert_eq!(config.trusted_proxies, expected);
    }

    #[test]
    fn the_database_url_never_appears_in_debug_output() {
        let mut vars = with(&[
            ("STAFETT_SMS_URL", "https://sms.example/send"),
            ("STAFETT_SMS_USER", "stafett"),
            ("STAFETT_SMS_PASSWORD", "hemmelig-sms"),
        ]);
        vars[0] = ("DATABASE_URL", "postgres://u:secret@h/d");
        let debug = format!("{:?}", config(&vars).expect("valid"));
        for secret in ["secret", "hemmelig", "aGVtbWVsaWct", "cmV2aXNqb25z"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }
}
