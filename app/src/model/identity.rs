use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// The person behind a request, as established at login. A person may be staff, a citizen
/// (a guardian, a youth or a child with their own login), or both: what they may do with a
/// log is decided per log, not here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub person_id: Uuid,
    pub login_session_id: Uuid,
    pub given_name: String,
    pub family_name: String,
    /// The units this person works in; empty for a citizen.
    pub staff_units: Vec<StaffUnit>,
    /// A guardian or a child in some family known to the municipality.
    pub is_citizen: bool,
    /// Keeps the municipality's units, services and staff.
    pub is_administrator: bool,
    /// For a child logged in with their own login: the day it ends (their fifteenth
    /// birthday), once that is a week away or less.
    pub own_login_ends_soon: Option<time::Date>,
}

impl Identity {
    /// The units this person leads.
    pub fn led_units(&self) -> Vec<Uuid> {
        self.staff_units
            .iter()
            .filter(|unit| unit.is_unit_leader)
            .map(|unit| unit.unit_id)
            .collect()
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }

    pub fn is_staff(&self) -> bool {
        !self.staff_units.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUnit {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub is_unit_leader: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginMethod {
    IdPorten,
    PasswordAndCode,
    Passkey,
}

impl LoginMethod {
    pub fn from_code(code: &str) -> Option<LoginMethod> {
        match code {
            "idporten" => Some(LoginMethod::IdPorten),
            "password_and_code" => Some(LoginMethod::PasswordAndCode),
            "passkey" => Some(LoginMethod::Passkey),
            _ => None,
        }
    }
}

/// One active login of the current person, for the list of their sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub login_session_id: Uuid,
    pub method: LoginMethod,
    pub device: Option<String>,
    /// At Oslo's offset.
    #[serde(with = "time::serde::rfc3339")]
    pub started: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last_active: OffsetDateTime,
    /// The session this request came with.
    pub current: bool,
}

/// Why a login page is shown again, passed in its `error` query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginProblem {
    /// The user cancelled at ID-porten.
    Cancelled,
    /// Something in the exchange with ID-porten did not check out.
    Failed,
    /// ID-porten's login was below the highest level.
    Level,
    /// ID-porten could not be reached.
    Unavailable,
    /// A field was left empty.
    Missing,
    /// Wrong username or password (never saying which).
    Invalid,
    /// Too many failures: locked for a while.
    Locked,
    /// The one-time code expired, was used up, or the attempt was lost.
    Expired,
    /// The account has no e-mail address or phone for codes.
    NoAddress,
    /// A wrong one-time code; tries remain.
    WrongCode,
    /// The child has turned 15: their own login has ended, ID-porten is the way in.
    Grown,
    /// The passkey is not (or no longer) known: removed, or never registered here.
    PasskeyRefused,
    /// The passkey waits for a guardian's approval.
    PasskeyPending,
    /// The passkey's counter went back: a copy of it was used, so it is blocked.
    PasskeyCopied,
}

impl LoginProblem {
    const ALL: [LoginProblem; 14] = [
        LoginProblem::Cancelled,
        LoginProblem::Failed,
        LoginProblem::Level,
        LoginProblem::Unavailable,
        LoginProblem::Missing,
        LoginProblem::Invalid,
        LoginProblem::Locked,
        LoginProblem::Expired,
        LoginProblem::NoAddress,
        LoginProblem::WrongCode,
        LoginProblem::Grown,
        LoginProblem::PasskeyRefused,
        LoginProblem::PasskeyPending,
        LoginProblem::PasskeyCopied,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            LoginProblem::Cancelled => "cancelled",
            LoginProblem::Failed => "failed",
            LoginProblem::Level => "level",
            LoginProblem::Unavailable => "unavailable",
            LoginProblem::Missing => "missing",
            LoginProblem::Invalid => "invalid",
            LoginProblem::Locked => "locked",
            LoginProblem::Expired => "expired",
            LoginProblem::NoAddress => "no_address",
            LoginProblem::WrongCode => "wrong",
            LoginProblem::Grown => "grown",
            LoginProblem::PasskeyRefused => "passkey_refused",
            LoginProblem::PasskeyPending => "passkey_pending",
            LoginProblem::PasskeyCopied => "passkey_copied",
        }
    }

    pub fn from_code(code: &str) -> Option<LoginProblem> {
        LoginProblem::ALL
            .into_iter()
            .find(|problem| problem.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::LoginProblem;

    #[test]
    fn codes_round_trip() {
        for problem in LoginProblem::ALL {
            assert_eq!(LoginProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(LoginProblem::from_code("nonsense"), None);
    }
}
