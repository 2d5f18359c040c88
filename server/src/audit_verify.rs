//! `server audit-verify [--log <uuid>] [--checkpoints <file>]`: verifies the audit chain of
//! one log, or of every log, with the audit keys and against the checkpoints written by the
//! sealer, and names the first event that does not hold. Exits 1 if any chain is broken.
//! Reads `DATABASE_URL`, `STAFETT_AUDIT_KEY`, `STAFETT_AUDIT_KEYS_OLD` and, without
//! `--checkpoints`, `STAFETT_AUDIT_CHECKPOINTS`.

use crate::config::{AuditConfig, ConfigError};
use app::server::audit_chain::{AuditKeys, Verdict};
use app::server::audit_seal::{self, Checkpoint};
use sqlx::{Connection, PgConnection};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use uuid::Uuid;

/// What the command was asked.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub log: Option<Uuid>,
    pub checkpoints: Option<PathBuf>,
}

const USAGE: &str = "usage: server audit-verify [--log <uuid>] [--checkpoints <file>]";

/// The options after `audit-verify`.
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = args.next().ok_or(USAGE)?;
        match arg.as_str() {
            "--log" => {
                options.log = Some(
                    value
                        .parse()
                        .map_err(|_| format!("not a log id: {value}"))?,
                )
            }
            "--checkpoints" => options.checkpoints = Some(PathBuf::from(value)),
            _ => return Err(USAGE.into()),
        }
    }
    Ok(options)
}

/// Every checkpoint in the file, one JSON object a line.
pub fn read_checkpoints(path: &Path) -> Result<Vec<Checkpoint>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line)
                .map_err(|error| format!("{}:{}: {error}", path.display(), index + 1))
        })
        .collect()
}

/// The verdict on `log`, or on every log the database or the checkpoints know.
pub async fn verify(
    conn: &mut PgConnection,
    keys: &AuditKeys,
    log: Option<Uuid>,
    checkpoints: &[Checkpoint],
) -> Result<Vec<(Uuid, Verdict)>, sqlx::Error> {
    let mut logs = match log {
        Some(log) => vec![log],
        // A log whose every event and seal is gone is known from its checkpoints only.
        None => audit_seal::chained_logs(conn)
            .await?
            .into_iter()
            .chain(checkpoints.iter().map(|checkpoint| checkpoint.log_id))
            .collect(),
    };
    logs.sort_unstable();
    logs.dedup();
    let mut verdicts = Vec::with_capacity(logs.len());
    for log_id in logs {
        let verdict = audit_seal::verify_log(conn, keys, log_id, checkpoints).await?;
        verdicts.push((log_id, verdict));
    }
    Ok(verdicts)
}

/// The command, from its arguments and the environment.
pub async fn run(args: &[String]) -> ExitCode {
    match verify_from_env(args).await {
        Ok(whole) if whole => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

/// Whether every chain verified; prints a line per log.
async fn verify_from_env(args: &[String]) -> Result<bool, String> {
    let options = parse(args)?;
    let env = |name: &str| std::env::var(name).ok();
    let audit = AuditConfig::from_lookup(env).map_err(|error| error.to_string())?;
    let database_url = env("DATABASE_URL").ok_or_else(|| {
        ConfigError {
            setting: "DATABASE_URL",
            problem: "is not set".into(),
        }
        .to_string()
    })?;
    let checkpoints = match options.checkpoints.or(audit.checkpoints) {
        Some(path) => read_checkpoints(&path)?,
        None => {
            eprintln!("no checkpoints given: a chain cut at its end would not show");
            Vec::new()
        }
    };
    let mut conn = PgConnection::connect(&database_url)
        .await
        .map_err(|error| format!("cannot connect to DATABASE_URL: {error}"))?;
    let verdicts = verify(&mut conn, &audit.keys, options.log, &checkpoints)
        .await
        .map_err(|error| format!("cannot read the audit trail: {error}"))?;
    let mut out = std::io::stdout().lock();
    let mut whole = true;
    for (log_id, verdict) in verdicts {
        let line = match verdict {
            Verdict::Whole { head, unsealed } => format!(
                "{log_id}: whole, sealed to {}{}",
                head.map_or("no event".into(), |head| format!("event {head}")),
                if unsealed > 0 {
                    format!(", {unsealed} newer events not sealed yet")
                } else {
                    String::new()
                }
            ),
            Verdict::Broken(broken) => {
                whole = false;
                format!("{log_id}: BROKEN: {broken}")
            }
        };
        writeln!(out, "{line}").map_err(|error| error.to_string())?;
    }
    Ok(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options_name_a_log_and_a_file_or_nothing() {
        assert_eq!(parse(&[]), Ok(Options::default()));
        assert_eq!(
            parse(&args(
                "--log 00000000-0000-0000-0000-000000000007 --checkpoints /var/lib/cp.jsonl"
            )),
            Ok(Options {
                log: Some(Uuid::from_u128(7)),
                checkpoints: Some("/var/lib/cp.jsonl".into()),
            })
        );
        for bad in ["--log", "--log 7", "--all yes", "log 7"] {
            assert!(parse(&args(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_bad_checkpoint_line_is_named() {
        let path = std::env::temp_dir().join(format!("checkpoints-{}.jsonl", Uuid::new_v4()));
        std::fs::write(
            &path,
            "{\"log_id\":\"00000000-0000-0000-0000-000000000007\",\"last_event_id\":3,\
             \"mac_hex\":\"ab\",\"key_id\":\"0123456789abcdef\",\"sealed_at\":\"2026-12-01T10:00:00Z\"}\n\nnot json\n",
        )
        .expect("written");
        let error = read_checkpoints(&path).expect_err("line 3");
        std::fs::remove_file(&path).expect("removed");
        assert!(
            error.starts_with(&format!("{}:3: ", path.display())),
            "{error}"
        );
    }
}
