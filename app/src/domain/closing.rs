//! Closing a log when coordinated help is no longer needed, and cancelling a request that
//! never got its consent. The family closes at any time (`access`); the holder closes on
//! their own judgement only after telling the family, who may object: a notice runs for
//! [`NOTICE`], and an objection ends it.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// How long the family has to object before the holder may close.
pub const NOTICE: Duration = Duration::days(14);

/// The holder's notice that the log will close, as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The day it was given, in Oslo.
    pub given_on: Date,
    /// Someone who decides objected to it.
    pub objected: bool,
}

impl Notice {
    /// The first day the holder may close on it.
    pub fn closes_from(&self) -> Date {
        self.given_on + NOTICE
    }
}

/// Why a step of closing is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    #[error("the family has not been told that the log will close")]
    NoNotice,
    #[error("a notice of closing is already running")]
    NoticeRunning,
    #[error("the family may still object")]
    NoticeNotOver,
    #[error("the family objected to closing")]
    Objected,
    #[error("the notice was objected to already, or is over")]
    NotObjectable,
}

/// Whether the holder may give notice now: not while one runs (objected notices are over).
pub fn may_give_notice(current: Option<&Notice>) -> Result<(), Refusal> {
    match current {
        Some(notice) if !notice.objected => Err(Refusal::NoticeRunning),
        _ => Ok(()),
    }
}

/// Whether the holder may close on the notice today.
pub fn holder_may_close(current: Option<&Notice>, today: Date) -> Result<(), Refusal> {
    match current {
        None => Err(Refusal::NoNotice),
        Some(notice) if notice.objected => Err(Refusal::Objected),
        Some(notice) if today < notice.closes_from() => Err(Refusal::NoticeNotOver),
        Some(_) => Ok(()),
    }
}

/// Whether the family may still object: to a notice not objected to, while it runs. Once it
/// is over and the log still open, an objection still stops the holder closing it.
pub fn may_object(current: Option<&Notice>) -> Result<(), Refusal> {
    match current {
        Some(notice) if !notice.objected => Ok(()),
        _ => Err(Refusal::NotObjectable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const GIVEN: Date = date!(2026 - 11 - 30);

    fn notice(objected: bool) -> Notice {
        Notice {
            given_on: GIVEN,
            objected,
        }
    }

    #[test]
    fn the_holder_closes_only_after_two_weeks_without_an_objection() {
        assert_eq!(holder_may_close(None, GIVEN), Err(Refusal::NoNotice));
        let running = notice(false);
        assert_eq!(
            holder_may_close(Some(&running), date!(2026 - 12 - 13)),
            Err(Refusal::NoticeNotOver)
        );
        assert_eq!(
            holder_may_close(Some(&running), date!(2026 - 12 - 14)),
            Ok(())
        );
        assert_eq!(
            holder_may_close(Some(&notice(true)), date!(2027 - 06 - 01)),
            Err(Refusal::Objected)
        );
    }

    #[test]
    fn one_notice_at_a_time_and_one_objection_to_it() {
        assert_eq!(may_give_notice(None), Ok(()));
        assert_eq!(
            may_give_notice(Some(&notice(false))),
            Err(Refusal::NoticeRunning)
        );
        assert_eq!(may_give_notice(Some(&notice(true))), Ok(()));
        assert_eq!(may_object(Some(&notice(false))), Ok(()));
        assert_eq!(may_object(Some(&notice(true))), Err(Refusal::NotObjectable));
        assert_eq!(may_object(None), Err(Refusal::NotObjectable));
    }

    proptest! {
        /// Whatever the order of notices, objections and days, the holder never closes on a
        /// notice the family objected to, nor before the family had two weeks.
        #[test]
        fn the_holder_never_closes_over_the_familys_head(
            steps in proptest::collection::vec((0u8..3, 0i64..30), 0..12),
        ) {
            let mut current: Option<Notice> = None;
            let mut today = GIVEN;
            for (step, days) in steps {
                today += Duration::days(days);
                match step {
                    0 => if may_give_notice(current.as_ref()).is_ok() {
                        current = Some(Notice { given_on: today, objected: false });
                    },
                    1 => if may_object(current.as_ref()).is_ok() {
                        current = current.map(|n| Notice { objected: true, ..n });
                    },
                    _ => if holder_may_close(current.as_ref(), today).is_ok() {
                        let notice = current.expect("closing needs a notice");
                        prop_assert!(!notice.objected);
                        prop_assert!(today - notice.given_on >= NOTICE);
                    },
                }
            }
        }
    }
}
