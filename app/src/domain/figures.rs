//! The unit leader's figures, counted from statuses and dates alone: how many logs stood
//! where month by month, how long families took to consent, whether evaluations came on
//! time. Nothing here reads what a log says.

use crate::domain::access::LogStatus;
use crate::domain::attention::EARLY;
use crate::domain::plan::MeasureStatus;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

/// The days in a log's life the figures need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogDays {
    pub requested: Date,
    /// When the establishing consent was complete.
    pub opened: Option<Date>,
    pub closed: Option<Date>,
}

/// The status a log had at the end of `day`; none before it was requested. A log reopened
/// counts as open from its request on: a reopening clears the day it closed.
pub fn status_on(log: &LogDays, day: Date) -> Option<LogStatus> {
    if log.requested > day {
        None
    } else if log.closed.is_some_and(|closed| closed <= day) {
        Some(LogStatus::Closed)
    } else if log.opened.is_some_and(|opened| opened <= day) {
        Some(LogStatus::Open)
    } else {
        Some(LogStatus::Requested)
    }
}

/// The first days of the `count` months that end with the month of `today`, oldest first.
pub fn months_until(today: Date, count: u8) -> Vec<Date> {
    let mut month = today.replace_day(1).unwrap_or(today);
    let mut months = vec![month];
    for _ in 1..count {
        month = (month - Duration::days(1)).replace_day(1).unwrap_or(month);
        months.push(month);
    }
    months.reverse();
    months
}

/// The last day of `month` counted: its last day, or today for the month going on.
fn counted_until(month: Date, today: Date) -> Date {
    let next = month
        .replace_day(28)
        .map(|day| day + Duration::days(4))
        .and_then(|day| day.replace_day(1))
        .unwrap_or(month);
    (next - Duration::days(1)).min(today)
}

/// How many logs stood in each status at the end of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusMonth {
    /// The month's first day.
    pub month: Date,
    pub requested: u32,
    pub open: u32,
    pub closed: u32,
}

/// The logs' statuses at the end of each of the last `count` months (today for this one).
pub fn status_by_month(logs: &[LogDays], today: Date, count: u8) -> Vec<StatusMonth> {
    months_until(today, count)
        .into_iter()
        .map(|month| {
            let end = counted_until(month, today);
            let mut counts = StatusMonth {
                month,
                requested: 0,
                open: 0,
                closed: 0,
            };
            for log in logs {
                match status_on(log, end) {
                    Some(LogStatus::Requested) => counts.requested += 1,
                    Some(LogStatus::Open) => counts.open += 1,
                    Some(LogStatus::Closed) => counts.closed += 1,
                    // status_on never says so: a cancelled request is not in the figures.
                    Some(LogStatus::Cancelled) | None => {}
                }
            }
            counts
        })
        .collect()
}

/// How long a family took, or has so far taken, to consent: the bands a leader asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wait {
    /// A week or less.
    Week,
    /// Eight days to a month.
    Month,
    /// A month to a quarter.
    Quarter,
    /// More than 90 days.
    Longer,
}

impl Wait {
    pub const ALL: [Wait; 4] = [Wait::Week, Wait::Month, Wait::Quarter, Wait::Longer];

    pub fn of(days: i64) -> Wait {
        match days {
            ..=7 => Wait::Week,
            8..=30 => Wait::Month,
            31..=90 => Wait::Quarter,
            _ => Wait::Longer,
        }
    }
}

/// Logs in one band of waiting: those that got their consent after so long, and those still
/// waiting after so long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitCount {
    pub wait: Wait,
    pub consented: u32,
    pub waiting: u32,
}

/// Time from request to consent, in bands. A log closed without ever opening counts in
/// neither.
pub fn consent_waits(logs: &[LogDays], today: Date) -> Vec<WaitCount> {
    let mut counts = Wait::ALL.map(|wait| WaitCount {
        wait,
        consented: 0,
        waiting: 0,
    });
    for log in logs {
        let band = |until: Date| Wait::of((until - log.requested).whole_days()) as usize;
        match (log.opened, log.closed) {
            (Some(opened), _) => counts[band(opened)].consented += 1,
            (None, None) => counts[band(today)].waiting += 1,
            (None, Some(_)) => {}
        }
    }
    counts.to_vec()
}

/// Days a request has waited for its consent; none once it opened or closed.
pub fn days_waiting(log: &LogDays, today: Date) -> Option<i64> {
    (log.opened.is_none() && log.closed.is_none()).then(|| (today - log.requested).whole_days())
}

/// Whether a measure's evaluation came for its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// On the planned day, or at most [`EARLY`] before it.
    OnTime,
    /// After the planned day.
    Late,
    /// The day has passed, the measure goes on, and no evaluation came.
    Missing,
}

/// The timeliness of a measure's evaluation, once its day has come (or an evaluation was
/// made for it). An evaluation counts for the day as `attention::evaluation_due` counts it;
/// a measure ended without one is not missing an evaluation.
pub fn timeliness(
    status: MeasureStatus,
    planned: Date,
    evaluated: &[Date],
    today: Date,
) -> Option<Timeliness> {
    let first = evaluated
        .iter()
        .copied()
        .filter(|day| *day >= planned - EARLY)
        .min();
    let going = matches!(
        status,
        MeasureStatus::Planned | MeasureStatus::Active | MeasureStatus::Paused
    );
    match first {
        Some(day) if day <= planned => Some(Timeliness::OnTime),
        Some(_) => Some(Timeliness::Late),
        None if going && planned < today => Some(Timeliness::Missing),
        None => None,
    }
}

/// Evaluations planned in one month, by how they came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelinessMonth {
    pub month: Date,
    pub on_time: u32,
    pub late: u32,
    pub missing: u32,
}

/// A measure as the figures see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureDays {
    pub status: MeasureStatus,
    pub planned: Date,
    pub evaluated: Vec<Date>,
}

/// Evaluations by the month they were planned for, the last `count` months.
pub fn timeliness_by_month(
    measures: &[MeasureDays],
    today: Date,
    count: u8,
) -> Vec<TimelinessMonth> {
    let months = months_until(today, count);
    let mut counts: Vec<TimelinessMonth> = months
        .iter()
        .map(|&month| TimelinessMonth {
            month,
            on_time: 0,
            late: 0,
            missing: 0,
        })
        .collect();
    for measure in measures {
        let month = measure.planned.replace_day(1).unwrap_or(measure.planned);
        let Some(slot) = counts.iter_mut().find(|slot| slot.month == month) else {
            continue;
        };
        match timeliness(measure.status, measure.planned, &measure.evaluated, today) {
            Some(Timeliness::OnTime) => slot.on_time += 1,
            Some(Timeliness::Late) => slot.late += 1,
            Some(Timeliness::Missing) => slot.missing += 1,
            None => {}
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attention::{evaluation_due, Due};
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 30);

    fn log(requested: Date, opened: Option<Date>, closed: Option<Date>) -> LogDays {
        LogDays {
            requested,
            opened,
            closed,
        }
    }

    #[test]
    fn a_log_stands_requested_then_open_then_closed() {
        let sara = log(
            date!(2026 - 09 - 10),
            Some(date!(2026 - 10 - 02)),
            Some(date!(2026 - 11 - 20)),
        );
        assert_eq!(status_on(&sara, date!(2026 - 09 - 09)), None);
        assert_eq!(
            status_on(&sara, date!(2026 - 09 - 30)),
            Some(LogStatus::Requested)
        );
        assert_eq!(
            status_on(&sara, date!(2026 - 10 - 31)),
            Some(LogStatus::Open)
        );
        assert_eq!(
            status_on(&sara, date!(2026 - 11 - 20)),
            Some(LogStatus::Closed)
        );
    }

    #[test]
    fn months_end_with_this_one_across_a_new_year() {
        assert_eq!(
            months_until(date!(2027 - 02 - 14), 4),
            vec![
                date!(2026 - 11 - 01),
                date!(2026 - 12 - 01),
                date!(2027 - 01 - 01),
                date!(2027 - 02 - 01)
            ]
        );
        assert_eq!(counted_until(date!(2027 - 02 - 01), TODAY), TODAY);
        assert_eq!(
            counted_until(date!(2026 - 02 - 01), TODAY),
            date!(2026 - 02 - 28)
        );
        assert_eq!(
            counted_until(date!(2026 - 12 - 01), date!(2027 - 01 - 05)),
            date!(2026 - 12 - 31)
        );
    }

    #[test]
    fn each_month_counts_the_logs_as_they_stood_at_its_end() {
        let logs = [
            log(date!(2026 - 09 - 10), Some(date!(2026 - 10 - 02)), None),
            log(date!(2026 - 10 - 20), None, None),
            log(
                date!(2026 - 08 - 01),
                Some(date!(2026 - 08 - 03)),
                Some(date!(2026 - 11 - 02)),
            ),
        ];
        let months = status_by_month(&logs, TODAY, 4);
        let counts: Vec<_> = months
            .iter()
            .map(|m| (m.month, m.requested, m.open, m.closed))
            .collect();
        assert_eq!(
            counts,
            vec![
                (date!(2026 - 08 - 01), 0, 1, 0),
                (date!(2026 - 09 - 01), 1, 1, 0),
                (date!(2026 - 10 - 01), 1, 2, 0),
                (date!(2026 - 11 - 01), 1, 1, 1),
            ]
        );
    }

    #[test]
    fn waits_fall_in_bands_and_a_request_still_waiting_counts_to_today() {
        let logs = [
            log(date!(2026 - 11 - 01), Some(date!(2026 - 11 - 08)), None),
            log(date!(2026 - 10 - 01), Some(date!(2026 - 10 - 31)), None),
            log(date!(2026 - 10 - 30), None, None),
            log(date!(2026 - 05 - 01), None, None),
            log(date!(2026 - 05 - 01), None, Some(date!(2026 - 06 - 01))),
        ];
        let waits = consent_waits(&logs, TODAY);
        let bands: Vec<_> = waits
            .iter()
            .map(|w| (w.wait, w.consented, w.waiting))
            .collect();
        assert_eq!(
            bands,
            vec![
                (Wait::Week, 1, 0),
                (Wait::Month, 1, 0),
                (Wait::Quarter, 0, 1),
                (Wait::Longer, 0, 1),
            ]
        );
        assert_eq!(days_waiting(&logs[2], TODAY), Some(31));
        assert_eq!(days_waiting(&logs[0], TODAY), None);
        assert_eq!(days_waiting(&logs[4], TODAY), None);
    }

    #[test]
    fn an_evaluation_is_on_time_up_to_its_day_late_after_and_missing_only_while_going() {
        let planned = date!(2026 - 11 - 15);
        let of = |status, evaluated: &[Date]| timeliness(status, planned, evaluated, TODAY);
        assert_eq!(
            of(MeasureStatus::Active, &[date!(2026 - 11 - 02)]),
            Some(Timeliness::OnTime)
        );
        assert_eq!(
            of(MeasureStatus::Active, &[date!(2026 - 11 - 15)]),
            Some(Timeliness::OnTime)
        );
        assert_eq!(
            of(MeasureStatus::Active, &[date!(2026 - 11 - 16)]),
            Some(Timeliness::Late)
        );
        // An evaluation long before the day was for an earlier day.
        assert_eq!(
            of(MeasureStatus::Active, &[date!(2026 - 10 - 01)]),
            Some(Timeliness::Missing)
        );
        assert_eq!(of(MeasureStatus::Completed, &[]), None);
        assert_eq!(timeliness(MeasureStatus::Active, TODAY, &[], TODAY), None);
    }

    #[test]
    fn evaluations_count_in_the_month_they_were_planned_for() {
        let measure = |planned, evaluated: Vec<Date>| MeasureDays {
            status: MeasureStatus::Active,
            planned,
            evaluated,
        };
        let measures = [
            measure(date!(2026 - 11 - 10), vec![date!(2026 - 11 - 10)]),
            measure(date!(2026 - 11 - 12), vec![date!(2026 - 11 - 20)]),
            measure(date!(2026 - 10 - 12), vec![]),
            measure(date!(2026 - 12 - 12), vec![]),
            measure(date!(2025 - 10 - 12), vec![]),
        ];
        let months = timeliness_by_month(&measures, TODAY, 2);
        assert_eq!(
            months,
            vec![
                TimelinessMonth {
                    month: date!(2026 - 10 - 01),
                    on_time: 0,
                    late: 0,
                    missing: 1
                },
                TimelinessMonth {
                    month: date!(2026 - 11 - 01),
                    on_time: 1,
                    late: 1,
                    missing: 0
                },
            ]
        );
    }

    fn day() -> impl Strategy<Value = Date> {
        (0i64..400).prop_map(|n| date!(2026 - 01 - 01) + Duration::days(n))
    }

    fn status() -> impl Strategy<Value = MeasureStatus> {
        prop_oneof![
            Just(MeasureStatus::Planned),
            Just(MeasureStatus::Active),
            Just(MeasureStatus::Paused),
            Just(MeasureStatus::Completed),
            Just(MeasureStatus::Stopped),
        ]
    }

    proptest! {
        /// The leader's "missing" and the holder's "overdue" are the same measures.
        #[test]
        fn missing_is_what_the_holder_sees_as_overdue(
            status in status(),
            planned in day(),
            evaluated in proptest::collection::vec(day(), 0..4),
            today in day(),
        ) {
            let missing = timeliness(status, planned, &evaluated, today) == Some(Timeliness::Missing);
            let overdue = evaluation_due(status, planned, evaluated.iter().copied().max(), today)
                == Some(Due::Overdue);
            prop_assert_eq!(missing, overdue);
        }

        /// Every log requested by a month's end is counted once in that month.
        #[test]
        fn every_month_counts_each_log_requested_by_then_once(
            logs in proptest::collection::vec((day(), 0i64..60, 0i64..200, any::<bool>(), any::<bool>()), 0..12),
            today in day(),
        ) {
            let logs: Vec<LogDays> = logs.into_iter().map(|(requested, open, close, opened, closed)| {
                let opened = opened.then(|| requested + Duration::days(open));
                LogDays { requested, opened, closed: closed.then(|| opened.unwrap_or(requested) + Duration::days(close)) }
            }).collect();
            for month in status_by_month(&logs, today, 12) {
                let end = counted_until(month.month, today);
                let requested = logs.iter().filter(|log| log.requested <= end).count() as u32;
                prop_assert_eq!(month.requested + month.open + month.closed, requested);
            }
        }
    }
}
