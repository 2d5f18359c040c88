//! Settings from the environment, validated once at start.

use std::net::SocketAddr;
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
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &"<redacted>")
            .field("site_addr", &self.site_addr)
            .field("site_root", &self.site_root)
            .field("seed_demo", &self.seed_demo)
            .field("log_format", &self.log_format)
            .finish()
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

        Ok(Config {
            database_url,
            site_addr,
            site_root,
            seed_demo,
            log_format,
        })
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

    #[test]
    fn defaults_apply_when_only_the_database_is_given() {
        let config = config(&[DB]).expect("valid");
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.site_root, PathBuf::from("target/site"));
        assert!(!config.seed_demo);
        assert_eq!(config.log_format, LogFormat::Text);
    }

    #[test]
    fn each_bad_setting_is_named() {
        let cases: [(&[(&str, &str)], &str); 6] = [
            (&[], "DATABASE_URL"),
            (&[("DATABASE_URL", "  ")], "DATABASE_URL"),
            (&[("DATABASE_URL", "mysql://x")], "DATABASE_URL"),
            (&[DB, ("LEPTOS_SITE_ADDR", "localhost")], "LEPTOS_SITE_ADDR"),
            (&[DB, ("STAFETT_SEED_DEMO", "yes")], "STAFETT_SEED_DEMO"),
            (&[DB, ("STAFETT_LOG_FORMAT", "xml")], "STAFETT_LOG_FORMAT"),
        ];
        for (vars, setting) in cases {
            let error = config(vars).expect_err(setting);
            assert_eq!(error.setting, setting);
            assert!(error
                .to_string()
                .starts_with(&format!("configuration error: {setting} ")));
        }
    }

    #[test]
    fn the_database_url_never_appears_in_debug_output() {
        let config = config(&[("DATABASE_URL", "postgres://u:secret@h/d")]).expect("valid");
        assert!(!format!("{config:?}").contains("secret"));
    }
}
