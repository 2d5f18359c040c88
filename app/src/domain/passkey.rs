//! Passkeys for children under 15: where one stands, and what registering one came to.

/// Where a child's passkey stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyStatus {
    /// Registered by the child; no login until a guardian approves it.
    AwaitingApproval,
    Active,
    /// Its signature counter went back: another copy of the key has been used. Never opens
    /// a login again; the guardian sees why and removes it.
    Copied,
}

impl PasskeyStatus {
    pub fn of(approved: bool, copied: bool) -> PasskeyStatus {
        match (approved, copied) {
            (_, true) => PasskeyStatus::Copied,
            (true, false) => PasskeyStatus::Active,
            (false, false) => PasskeyStatus::AwaitingApproval,
        }
    }
}

/// Why registering a passkey did not work, passed back to the person's page as `passkey=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationOutcome {
    /// Registered; waits for a guardian.
    Registered,
    /// Only after a login with username, password and code.
    NeedsPasswordLogin,
    /// The person closed the phone's dialogue, or it timed out.
    Cancelled,
    /// This phone already holds a passkey for the child.
    AlreadyRegistered,
    /// The browser cannot make passkeys.
    Unsupported,
    /// The phone's answer did not check out, or the attempt was lost.
    Failed,
}

impl RegistrationOutcome {
    const ALL: [RegistrationOutcome; 6] = [
        RegistrationOutcome::Registered,
        RegistrationOutcome::NeedsPasswordLogin,
        RegistrationOutcome::Cancelled,
        RegistrationOutcome::AlreadyRegistered,
        RegistrationOutcome::Unsupported,
        RegistrationOutcome::Failed,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            RegistrationOutcome::Registered => "registered",
            RegistrationOutcome::NeedsPasswordLogin => "needs_password_login",
            RegistrationOutcome::Cancelled => "cancelled",
            RegistrationOutcome::AlreadyRegistered => "already_registered",
            RegistrationOutcome::Unsupported => "unsupported",
            RegistrationOutcome::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<RegistrationOutcome> {
        RegistrationOutcome::ALL
            .into_iter()
            .find(|outcome| outcome.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passkey_is_active_only_once_approved_and_blocked_for_good_once_copied() {
        let cases = [
            (false, false, PasskeyStatus::AwaitingApproval),
            (true, false, PasskeyStatus::Active),
            (false, true, PasskeyStatus::Copied),
            (true, true, PasskeyStatus::Copied),
        ];
        for (approved, copied, status) in cases {
            assert_eq!(
                PasskeyStatus::of(approved, copied),
                status,
                "approved {approved}, copied {copied}"
            );
        }
    }

    #[test]
    fn outcome_codes_round_trip() {
        for outcome in RegistrationOutcome::ALL {
            assert_eq!(
                RegistrationOutcome::from_code(outcome.code()),
                Some(outcome)
            );
        }
        assert_eq!(RegistrationOutcome::from_code("nonsense"), None);
    }
}
