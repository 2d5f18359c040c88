//! How repeated login failures are slowed and then locked: pure rules, no I/O.
//!
//! Failures are counted per account (by username, whether or not it exists) and per network
//! address. An address gets more tries than an account, since a school or a household may
//! share one.

use time::{Duration, OffsetDateTime};

/// What a throttle key is counted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Account,
    Address,
}

impl Scope {
    /// Failures before a lock. Five for an account: a one-time code allows five tries.
    pub const fn max_failures(self) -> i32 {
        match self {
            Scope::Account => 5,
            Scope::Address => 20,
        }
    }
}

pub const LOCK: Duration = Duration::minutes(15);
/// Failures older than this are forgotten.
pub const WINDOW: Duration = Duration::hours(1);

/// The count of a key after one more failure at `now`, and until when it is locked.
pub fn after_failure(
    scope: Scope,
    previous: Option<(i32, OffsetDateTime)>,
    now: OffsetDateTime,
) -> (i32, Option<OffsetDateTime>) {
    let failures = match previous {
        Some((count, last)) if now - last < WINDOW => count + 1,
        _ => 1,
    };
    let locked_until = (failures >= scope.max_failures()).then(|| now + LOCK);
    (failures, locked_until)
}

/// How long to hold an answer after this many recent failures: nothing for the first few
/// (people mistype), then growing, so guessing gets slow long before the lock.
pub fn delay(failures: i32) -> std::time::Duration {
    let seconds = (failures - 2).clamp(0, 4) as u64;
    std::time::Duration::from_secs(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + Duration::minutes(minutes)
    }

    #[test]
    fn an_account_locks_at_the_fifth_failure_for_fifteen_minutes() {
        let mut state = None;
        for n in 1..=4 {
            let (count, locked) = after_failure(Scope::Account, state, at(n));
            assert_eq!((count, locked), (n as i32, None));
            state = Some((count, at(n)));
        }
        assert_eq!(
            after_failure(Scope::Account, state, at(5)),
            (5, Some(at(20)))
        );
    }

    #[test]
    fn an_address_gets_more_tries() {
        assert_eq!(
            after_failure(Scope::Address, Some((18, at(0))), at(1)),
            (19, None)
        );
        assert_eq!(
            after_failure(Scope::Address, Some((19, at(0))), at(1)),
            (20, Some(at(16)))
        );
    }

    #[test]
    fn old_failures_are_forgotten() {
        assert_eq!(
            after_failure(Scope::Account, Some((4, at(0))), at(60)),
            (1, None)
        );
        assert_eq!(
            after_failure(Scope::Account, Some((4, at(0))), at(59)),
            (5, Some(at(74)))
        );
    }

    #[test]
    fn answers_slow_down_after_two_failures() {
        let delays: Vec<u64> = (0..8).map(|n| delay(n).as_secs()).collect();
        assert_eq!(delays, [0, 0, 0, 1, 2, 3, 4, 4]);
    }
}
