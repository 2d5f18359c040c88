//! What on a log asks for someone soon, from dates alone: an evaluation coming up or
//! overdue, a meeting this week. The workbench counts them per log; the log page marks them.

use crate::domain::plan::MeasureStatus;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// How far ahead a date counts as coming up: a week, so Monday shows the week's work.
pub const AHEAD: Duration = Duration::days(7);

/// How long before its planned day an evaluation still counts for that day: a meeting
/// held early to suit the family should not leave the measure looking overdue.
pub const EARLY: Duration = Duration::days(14);

/// An evaluation the plan asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// Within [`AHEAD`] from today (today included).
    Soon,
    /// Its day has passed with no evaluation for it.
    Overdue,
}

/// Whether a measure's evaluation is due: only a measure still going (planned, active,
/// paused), only when no evaluation was made for the planned day (on it, after it, or at
/// most [`EARLY`] before it).
pub fn evaluation_due(
    status: MeasureStatus,
    planned: Date,
    last_evaluated: Option<Date>,
    today: Date,
) -> Option<Due> {
    let going = matches!(
        status,
        MeasureStatus::Planned | MeasureStatus::Active | MeasureStatus::Paused
    );
    let evaluated = last_evaluated.is_some_and(|day| day >= planned - EARLY);
    if !going || evaluated {
        None
    } else if planned < today {
        Some(Due::Overdue)
    } else if planned <= today + AHEAD {
        Some(Due::Soon)
    } else {
        None
    }
}

/// Whether a meeting starting on `day` is coming up: from today to [`AHEAD`] on.
pub fn meeting_soon(day: Date, today: Date) -> bool {
    day >= today && day <= today + AHEAD
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 30);

    #[test]
    fn an_evaluation_is_soon_within_a_week_and_overdue_after_its_day() {
        let due = |planned| evaluation_due(MeasureStatus::Active, planned, None, TODAY);
        assert_eq!(due(date!(2026 - 11 - 29)), Some(Due::Overdue));
        assert_eq!(due(TODAY), Some(Due::Soon));
        assert_eq!(due(date!(2026 - 12 - 07)), Some(Due::Soon));
        assert_eq!(due(date!(2026 - 12 - 08)), None);
    }

    #[test]
    fn an_evaluation_made_for_the_day_settles_it_even_two_weeks_early() {
        let planned = date!(2026 - 11 - 20);
        let due = |last| evaluation_due(MeasureStatus::Active, planned, last, TODAY);
        assert_eq!(due(Some(date!(2026 - 11 - 06))), None);
        assert_eq!(due(Some(date!(2026 - 11 - 25))), None);
        assert_eq!(
            due(Some(date!(2026 - 11 - 05))),
            Some(Due::Overdue),
            "an evaluation for the previous round does not count"
        );
    }

    #[test]
    fn a_completed_or_stopped_measure_is_never_due() {
        for status in [MeasureStatus::Completed, MeasureStatus::Stopped] {
            assert_eq!(
                evaluation_due(status, date!(2026 - 11 - 01), None, TODAY),
                None
            );
        }
        for status in [
            MeasureStatus::Planned,
            MeasureStatus::Active,
            MeasureStatus::Paused,
        ] {
            assert_eq!(
                evaluation_due(status, date!(2026 - 11 - 01), None, TODAY),
                Some(Due::Overdue)
            );
        }
    }

    #[test]
    fn a_meeting_is_soon_from_today_to_a_week_on() {
        assert!(meeting_soon(TODAY, TODAY));
        assert!(meeting_soon(date!(2026 - 12 - 07), TODAY));
        assert!(!meeting_soon(date!(2026 - 12 - 08), TODAY));
        assert!(!meeting_soon(date!(2026 - 11 - 29), TODAY));
    }

    fn day() -> impl Strategy<Value = Date> {
        (0i64..2000).prop_map(|n| date!(2025 - 01 - 01) + Duration::days(n))
    }

    proptest! {
        /// As days pass with nothing done, a due evaluation only gets more urgent: soon,
        /// then overdue, and once overdue it stays so.
        #[test]
        fn waiting_never_makes_an_evaluation_less_due(
            planned in day(), last in proptest::option::of(day()), today in day(), wait in 0i64..400
        ) {
            let rank = |due: Option<Due>| match due { None => 0, Some(Due::Soon) => 1, Some(Due::Overdue) => 2 };
            let now = evaluation_due(MeasureStatus::Active, planned, last, today);
            let later = evaluation_due(MeasureStatus::Active, planned, last, today + Duration::days(wait));
            if now.is_some() {
                prop_assert!(rank(later) >= rank(now));
            }
        }

        /// An evaluation on or after the planned day always settles it.
        #[test]
        fn an_evaluation_on_or_after_the_day_settles_it(planned in day(), after in 0i64..400, today in day()) {
            let last = Some(planned + Duration::days(after));
            prop_assert_eq!(evaluation_due(MeasureStatus::Active, planned, last, today), None);
        }
    }
}
