//! The rules of a log's plan and meetings that need no database: what a valid measure,
//! evaluation or meeting is. The server checks every form with these before writing, and
//! names the field that is wrong so the form can say it beside the field.

use crate::domain::access::Capacity;
use serde::{Deserialize, Serialize};
use time::{Date, Month, PrimitiveDateTime, Time};
use uuid::Uuid;

/// Where a measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Planned,
    Active,
    Paused,
    Completed,
    Stopped,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 5] = [
        MeasureStatus::Planned,
        MeasureStatus::Active,
        MeasureStatus::Paused,
        MeasureStatus::Completed,
        MeasureStatus::Stopped,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            MeasureStatus::Planned => "planned",
            MeasureStatus::Active => "active",
            MeasureStatus::Paused => "paused",
            MeasureStatus::Completed => "completed",
            MeasureStatus::Stopped => "stopped",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// The input a rule refused, so the caller can name the form field that is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    StartDate,
    EvaluationDate,
    EvaluatedOn,
    MeetingStart,
    Duration,
    Place,
    VideoUrl,
    AgendaItem,
}

/// A text field trimmed, and its length in characters within `min..=max`; otherwise the
/// caller's name for the field.
pub fn text_within<F>(value: &str, min: usize, max: usize, field: F) -> Result<&str, F> {
    let trimmed = value.trim();
    let length = trimmed.chars().count();
    if (min..=max).contains(&length) {
        Ok(trimmed)
    } else {
        Err(field)
    }
}

/// An optional text: empty means none.
pub fn optional_text<F>(value: &str, max: usize, field: F) -> Result<Option<&str>, F> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        Ok(None)
    } else {
        text_within(trimmed, 1, max, field).map(Some)
    }
}

/// A date as an HTML date input sends it: `YYYY-MM-DD`.
pub fn parse_date(value: &str) -> Option<Date> {
    let mut parts = value.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    if !(1900..=9999).contains(&year) {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// A time of day as an HTML time input sends it: `HH:MM` (seconds, if sent, are dropped).
pub fn parse_time(value: &str) -> Option<Time> {
    let mut parts = value.trim().split(':');
    let hour: u8 = parts.next()?.parse().ok()?;
    let minute: u8 = parts.next()?.parse().ok()?;
    Time::from_hms(hour, minute, 0).ok()
}

/// A measure's dates: it may have started already, but its evaluation is planned from today
/// on, and never before it starts.
pub fn measure_dates(start: &str, evaluation: &str, today: Date) -> Result<(Date, Date), Invalid> {
    let start = parse_date(start).ok_or(Invalid::StartDate)?;
    let evaluation = parse_date(evaluation).ok_or(Invalid::EvaluationDate)?;
    if evaluation < start || evaluation < today {
        return Err(Invalid::EvaluationDate);
    }
    Ok((start, evaluation))
}

/// The day an evaluation was made: not in the future, not before the measure started.
pub fn evaluated_on(value: &str, measure_start: Date, today: Date) -> Result<Date, Invalid> {
    let day = parse_date(value).ok_or(Invalid::EvaluatedOn)?;
    if day > today || day < measure_start {
        return Err(Invalid::EvaluatedOn);
    }
    Ok(day)
}

/// The shortest and longest meeting, in minutes.
pub const MEETING_MINUTES: std::ops::RangeInclusive<u32> = 15..=480;

/// When a meeting starts and ends, in local time (Europe/Oslo). Whether the start is still
/// ahead is checked by the database against its clock, in the same statement as the write.
pub fn meeting_time(
    date: &str,
    time: &str,
    minutes: u32,
) -> Result<(PrimitiveDateTime, PrimitiveDateTime), Invalid> {
    let date = parse_date(date).ok_or(Invalid::MeetingStart)?;
    let time = parse_time(time).ok_or(Invalid::MeetingStart)?;
    if !MEETING_MINUTES.contains(&minutes) {
        return Err(Invalid::Duration);
    }
    let start = PrimitiveDateTime::new(date, time);
    let end = start
        .checked_add(time::Duration::minutes(i64::from(minutes)))
        .ok_or(Invalid::Duration)?;
    Ok((start, end))
}

/// Where a meeting is held: a place, a video link, or both; at least one.
pub fn meeting_place<'a>(
    place: &'a str,
    video_url: &'a str,
) -> Result<(Option<&'a str>, Option<&'a str>), Invalid> {
    let place = optional_text(place, 300, Invalid::Place)?;
    if place.is_some_and(|place| place.chars().count() < 2) {
        return Err(Invalid::Place);
    }
    let video_url = video_url.trim();
    let video_url = if video_url.is_empty() {
        None
    } else if video_url.starts_with("https://")
        && video_url.len() > "https://".len() + 3
        && video_url.len() <= 500
        && !video_url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        Some(video_url)
    } else {
        return Err(Invalid::VideoUrl);
    };
    if place.is_none() && video_url.is_none() {
        return Err(Invalid::Place);
    }
    Ok((place, video_url))
}

/// Who writes a meeting's minutes and records its decisions: the appointed minute-taker,
/// and the holder, who stands in when nobody is appointed or the minute-taker is away.
pub fn writes_minutes(capacity: Capacity, person: Uuid, minute_taker: Option<Uuid>) -> bool {
    capacity == Capacity::Holder || minute_taker == Some(person)
}

/// The agenda written one item per line; blank lines are skipped.
pub fn agenda_items(text: &str) -> Result<Vec<&str>, Invalid> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| text_within(line, 2, 1000, Invalid::AgendaItem))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    const TODAY: Date = date!(2026 - 11 - 23);

    #[test]
    fn dates_are_read_as_date_inputs_send_them() {
        assert_eq!(parse_date("2026-11-23"), Some(TODAY));
        assert_eq!(parse_date(" 2028-02-29 "), Some(date!(2028 - 02 - 29)));
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "23.11.2026",
            "",
            "2026-11",
            "0099-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
        assert_eq!(parse_time("09:30"), Time::from_hms(9, 30, 0).ok());
        assert_eq!(parse_time("09:30:15"), Time::from_hms(9, 30, 0).ok());
        assert_eq!(parse_time("24:00"), None);
    }

    #[test]
    fn a_measure_may_have_started_but_is_evaluated_from_today_on() {
        assert_eq!(
            measure_dates("2026-11-01", "2026-11-23", TODAY),
            Ok((date!(2026 - 11 - 01), TODAY))
        );
        assert_eq!(
            measure_dates("2026-11-01", "2026-11-22", TODAY),
            Err(Invalid::EvaluationDate)
        );
        assert_eq!(
            measure_dates("2027-01-10", "2027-01-09", TODAY),
            Err(Invalid::EvaluationDate)
        );
        assert_eq!(
            measure_dates("soon", "2027-01-09", TODAY),
            Err(Invalid::StartDate)
        );
    }

    #[test]
    fn an_evaluation_lies_between_the_start_and_today() {
        let start = date!(2026 - 10 - 01);
        assert_eq!(evaluated_on("2026-11-23", start, TODAY), Ok(TODAY));
        assert_eq!(
            evaluated_on("2026-11-24", start, TODAY),
            Err(Invalid::EvaluatedOn)
        );
        assert_eq!(
            evaluated_on("2026-09-30", start, TODAY),
            Err(Invalid::EvaluatedOn)
        );
    }

    #[test]
    fn a_meeting_has_a_time_a_length_and_a_place() {
        assert_eq!(
            meeting_time("2026-12-01", "14:00", 90),
            Ok((datetime!(2026-12-01 14:00), datetime!(2026-12-01 15:30)))
        );
        assert_eq!(
            meeting_time("2026-12-01", "23:30", 60),
            Ok((datetime!(2026-12-01 23:30), datetime!(2026-12-02 00:30)))
        );
        assert_eq!(
            meeting_time("2026-12-01", "", 60),
            Err(Invalid::MeetingStart)
        );
        assert_eq!(
            meeting_time("2026-12-01", "14:00", 10),
            Err(Invalid::Duration)
        );
        assert_eq!(
            meeting_time("2026-12-01", "14:00", 481),
            Err(Invalid::Duration)
        );

        assert_eq!(meeting_place("Rom 2", ""), Ok((Some("Rom 2"), None)));
        assert_eq!(
            meeting_place("", " https://video.example/abc "),
            Ok((None, Some("https://video.example/abc")))
        );
        assert_eq!(meeting_place(" ", ""), Err(Invalid::Place));
        assert_eq!(meeting_place("X", ""), Err(Invalid::Place));
        for bad in [
            "http://video.example",
            "https://",
            "https://a b.example",
            "javascript:x",
        ] {
            assert_eq!(
                meeting_place("Rom 2", bad),
                Err(Invalid::VideoUrl),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_minute_taker_and_the_holder_write_the_minutes() {
        let (taker, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert!(writes_minutes(Capacity::Family, taker, Some(taker)));
        assert!(writes_minutes(Capacity::Holder, other, Some(taker)));
        assert!(writes_minutes(Capacity::Holder, other, None));
        assert!(!writes_minutes(Capacity::Staff, other, Some(taker)));
        assert!(!writes_minutes(Capacity::Staff, other, None));
    }

    #[test]
    fn the_agenda_is_one_item_per_line() {
        assert_eq!(
            agenda_items("Skolestart\n\n  Søvn \r\n"),
            Ok(vec!["Skolestart", "Søvn"])
        );
        assert_eq!(agenda_items(""), Ok(vec![]));
        assert_eq!(agenda_items("Ok\nx"), Err(Invalid::AgendaItem));
    }

    #[test]
    fn texts_are_trimmed_and_counted_in_characters() {
        assert_eq!(text_within("  Søvn  ", 2, 4, "title"), Ok("Søvn"));
        assert_eq!(text_within("Søvnx", 2, 4, "title"), Err("title"));
        assert_eq!(optional_text("   ", 10, "description"), Ok(None));
        assert_eq!(
            optional_text(&"æ".repeat(11), 10, "description"),
            Err("description")
        );
        for status in MeasureStatus::ALL {
            assert_eq!(MeasureStatus::from_code(status.code()), Some(status));
        }
    }
}
