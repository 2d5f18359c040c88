//! Dates and times in words, the one place the UI and the e-mails take them from.
//!
//! A moment is shown at the offset it carries: the server puts Oslo's offset of that
//! instant on it, so the wall-clock time here is the one the users live by, summer or winter.

use time::{Date, OffsetDateTime};

/// How one language writes a day, a time of day and the two together.
#[derive(Debug)]
pub struct DateTexts {
    /// January first.
    pub months: [&'static str; 12],
    /// "12. mars 2027" from the day, the month's name and the year.
    pub day: fn(day: u8, month: &str, year: i32) -> String,
    /// Yesterday, today and tomorrow, in place of the day's date where that helps.
    pub near: [&'static str; 3],
    /// Between the hour and the minute: "09.46" in Norwegian, "09:46" in English.
    pub clock_separator: char,
    /// "30. november 2026 kl. 09.46" from the day and the time of day as written above.
    pub day_and_time: fn(day: &str, time: &str) -> String,
}

impl DateTexts {
    pub fn date(&self, date: Date) -> String {
        (self.day)(date.day(), self.month_name(date), date.year())
    }

    fn month_name(&self, date: Date) -> &'static str {
        self.months[usize::from(u8::from(date.month())) - 1]
    }

    /// "november 2026": a month in a table or a sentence.
    pub fn month(&self, date: Date) -> String {
        format!("{} {}", self.month_name(date), date.year())
    }

    /// "nov": a month under a bar of a chart, where the table behind it has the year.
    pub fn month_short(&self, date: Date) -> String {
        self.month_name(date).chars().take(3).collect()
    }

    /// The time of day only, for the end of a meeting that began the same day.
    pub fn time(&self, at: OffsetDateTime) -> String {
        format!("{:02}{}{:02}", at.hour(), self.clock_separator, at.minute())
    }

    pub fn moment(&self, at: OffsetDateTime) -> String {
        (self.day_and_time)(&self.date(at.date()), &self.time(at))
    }

    /// A moment as seen on `today` (in Oslo): "i går kl. 14.05", "i dag kl. 09.46",
    /// "i morgen kl. 10.00", and further off as [`moment`](Self::moment) does.
    pub fn moment_near(&self, at: OffsetDateTime, today: Date) -> String {
        let [yesterday, today_word, tomorrow] = self.near;
        let day = match (at.date() - today).whole_days() {
            -1 => yesterday.to_string(),
            0 => today_word.to_string(),
            1 => tomorrow.to_string(),
            _ => self.date(at.date()),
        };
        (self.day_and_time)(&day, &self.time(at))
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use time::macros::{date, datetime};

    #[test]
    fn bokmal_writes_the_day_with_a_point_and_the_time_after_kl() {
        let t = Lang::Nb.dates();
        assert_eq!(t.date(date!(2027 - 03 - 12)), "12. mars 2027");
        assert_eq!(t.month(date!(2027 - 03 - 12)), "mars 2027");
        assert_eq!(t.month_short(date!(2026 - 11 - 01)), "nov");
        assert_eq!(t.date(date!(2027 - 01 - 01)), "1. januar 2027");
        assert_eq!(
            t.moment(datetime!(2026-11-30 09:46 +1)),
            "30. november 2026 kl. 09.46"
        );
        assert_eq!(t.time(datetime!(2026-12-01 15:30 +1)), "15.30");
    }

    #[test]
    fn nynorsk_writes_them_the_same_way_with_its_own_months() {
        let t = Lang::Nn.dates();
        assert_eq!(t.date(date!(2027 - 03 - 12)), "12. mars 2027");
        assert_eq!(t.date(date!(2027 - 05 - 17)), "17. mai 2027");
        assert_eq!(
            t.moment(datetime!(2026-12-24 17:05 +1)),
            "24. desember 2026 kl. 17.05"
        );
    }

    #[test]
    fn english_writes_day_month_year_and_a_colon() {
        let t = Lang::En.dates();
        assert_eq!(t.date(date!(2027 - 03 - 12)), "12 March 2027");
        assert_eq!(
            t.moment(datetime!(2026-11-30 09:46 +1)),
            "30 November 2026, 09:46"
        );
        assert_eq!(t.time(datetime!(2026-12-01 15:30 +1)), "15:30");
    }

    #[test]
    fn a_moment_near_today_says_yesterday_today_or_tomorrow() {
        let today = date!(2026 - 11 - 30);
        let nb = Lang::Nb.dates();
        assert_eq!(
            nb.moment_near(datetime!(2026-11-29 14:05 +1), today),
            "i går kl. 14.05"
        );
        assert_eq!(
            nb.moment_near(datetime!(2026-11-30 09:46 +1), today),
            "i dag kl. 09.46"
        );
        assert_eq!(
            nb.moment_near(datetime!(2026-12-01 10:00 +1), today),
            "i morgen kl. 10.00"
        );
        assert_eq!(
            nb.moment_near(datetime!(2026-11-28 23:59 +1), today),
            "28. november 2026 kl. 23.59"
        );
        assert_eq!(
            Lang::Nn
                .dates()
                .moment_near(datetime!(2026-12-01 10:00 +1), today),
            "i morgon kl. 10.00"
        );
        assert_eq!(
            Lang::En
                .dates()
                .moment_near(datetime!(2026-11-29 14:05 +1), today),
            "yesterday, 14:05"
        );
        // Across a year's end the days still count as days.
        assert_eq!(
            nb.moment_near(datetime!(2026-12-31 08:00 +1), date!(2027 - 01 - 01)),
            "i går kl. 08.00"
        );
    }

    /// The clock jumps from 02.00 to 03.00 on 28 March 2027: a minute apart in time, an
    /// hour and a minute apart on the clock, each read at its own offset, never in UTC.
    #[test]
    fn a_moment_is_read_at_its_own_offset_across_summer_time() {
        let before = datetime!(2027-03-28 01:59 +1);
        let after = datetime!(2027-03-28 03:00 +2);
        assert_eq!(after - before, time::Duration::minutes(1));
        for (lang, shown_before, shown_after) in [
            (
                Lang::Nb,
                "28. mars 2027 kl. 01.59",
                "28. mars 2027 kl. 03.00",
            ),
            (
                Lang::Nn,
                "28. mars 2027 kl. 01.59",
                "28. mars 2027 kl. 03.00",
            ),
            (Lang::En, "28 March 2027, 01:59", "28 March 2027, 03:00"),
        ] {
            assert_eq!(lang.dates().moment(before), shown_before);
            assert_eq!(lang.dates().moment(after), shown_after);
        }
        // And back in autumn: the same wall-clock time twice, an hour apart.
        let first = datetime!(2027-10-31 02:30 +2);
        let second = datetime!(2027-10-31 02:30 +1);
        assert_eq!(second - first, time::Duration::hours(1));
        assert_eq!(
            Lang::Nb.dates().moment(first),
            Lang::Nb.dates().moment(second)
        );
    }
}
