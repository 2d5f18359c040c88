//! How repeated login attempts are limited: the limits, and how answers slow down. The
//! counting itself is one statement in PostgreSQL (`login_attempt()`, see `throttle`), made
//! before a password or code is compared.
//!
//! A password is counted per username *and* address, so that someone guessing a child's
//! username from one place locks out that place, not the child; and per address, with a
//! higher limit, against one place trying many usernames. A one-time code is counted per
//! child account, across every browser session: with the password, anyone may ask for new
//! codes, but only so many guesses are ever compared.

use time::Duration;

/// What a throttle key is counted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A username (whether or not it exists) from one address.
    Pair,
    /// One address, whatever the usernames.
    Address,
    /// The one-time codes of one child account.
    Code,
}

impl Scope {
    /// Attempts before a lock. An address gets more, since a school or a household may share
    /// one.
    pub const fn max_attempts(self) -> i32 {
        match self {
            Scope::Pair | Scope::Code => 5,
            Scope::Address => 50,
        }
    }

    /// How long a key stays locked once it reached its limit. Codes longer: whoever guesses
    /// them has the child's password.
    pub const fn lock(self) -> Duration {
        match self {
            Scope::Pair | Scope::Address => Duration::minutes(15),
            Scope::Code => Duration::hours(1),
        }
    }
}

/// Attempts older than this are forgotten.
pub const WINDOW: Duration = Duration::hours(1);

/// How long to hold an answer after this many recent failures: nothing for the first few
/// (people mistype), then growing, so guessing gets slow long before the lock.
pub fn delay(failures: i32) -> std::time::Duration {
    let seconds = (failures - 2).clamp(0, 4) as u64;
    std::time::Duration::from_secs(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_slow_down_after_two_failures() {
        let delays: Vec<u64> = (0..8).map(|n| delay(n).as_secs()).collect();
        assert_eq!(delays, [0, 0, 0, 1, 2, 3, 4, 4]);
    }
}
