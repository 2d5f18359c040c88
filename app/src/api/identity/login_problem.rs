use serde::{Deserialize, Serialize};

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
}

impl LoginProblem {
    const ALL: [LoginProblem; 10] = [
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
