//! Ages on a date, as the law counts them.

use time::{Date, Month};

/// Completed years on `today` for someone born on `birth_date` (0 before the birth).
///
/// A person born on 29 February is a year older on 1 March in common years: the 29th does
/// not exist, and the birthday has not come until the day after the 28th. (Norwegian law
/// has no rule of its own; this is the later of the two readings, so a right that comes
/// with an age is never given a day early.)
pub fn age_on(birth_date: Date, today: Date) -> u8 {
    if today < birth_date {
        return 0;
    }
    let mut years = today.year() - birth_date.year();
    let before_birthday =
        (today.month() as u8, today.day()) < (birth_date.month() as u8, birth_date.day());
    if before_birthday {
        years -= 1;
    }
    u8::try_from(years).unwrap_or(u8::MAX)
}

/// The first day on which someone born on `birth_date` is `years` old.
pub fn birthday(birth_date: Date, years: u8) -> Date {
    let year = birth_date.year() + i32::from(years);
    Date::from_calendar_date(year, birth_date.month(), birth_date.day())
        // Only 29 February can be missing.
        .or_else(|_| Date::from_calendar_date(year, Month::March, 1))
        .unwrap_or(Date::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_year_is_completed_on_the_birthday() {
        let born = date!(2010 - 06 - 15);
        assert_eq!(age_on(born, date!(2025 - 06 - 14)), 14);
        assert_eq!(age_on(born, date!(2025 - 06 - 15)), 15);
        assert_eq!(age_on(born, date!(2025 - 06 - 16)), 15);
    }

    #[test]
    fn born_on_29_february_turns_on_1_march_in_common_years() {
        let born = date!(2008 - 02 - 29);
        assert_eq!(age_on(born, date!(2023 - 02 - 28)), 14);
        assert_eq!(age_on(born, date!(2023 - 03 - 01)), 15);
        assert_eq!(birthday(born, 15), date!(2023 - 03 - 01));
        // 2024 is a leap year: the birthday is the 29th.
        assert_eq!(age_on(born, date!(2024 - 02 - 28)), 15);
        assert_eq!(age_on(born, date!(2024 - 02 - 29)), 16);
        assert_eq!(birthday(born, 16), date!(2024 - 02 - 29));
    }

    #[test]
    fn before_birth_the_age_is_zero() {
        assert_eq!(age_on(date!(2020 - 01 - 01), date!(2019 - 12 - 31)), 0);
    }
}
