//! Norwegian national identity numbers (fødselsnummer), D-numbers and the synthetic test
//! numbers of Skatteetaten's Tenor data, checked as the database checks them
//! (`is_valid_national_id`), so a form can say what is wrong before anything is stored.

use time::{Date, Month};

/// Whether `id` has 11 digits, a plausible date and both check digits right.
pub fn is_valid(id: &str) -> bool {
    digits(id).is_some_and(|d| date_parts(&d).is_some() && check_digits_hold(&d))
}

/// The birth date the number encodes, if it is valid (the century from the individual
/// number, as the population register assigns them).
pub fn birth_date(id: &str) -> Option<Date> {
    let d = digits(id)?;
    if !check_digits_hold(&d) {
        return None;
    }
    let (day, month) = date_parts(&d)?;
    let two_digit_year = i32::from(d[4] * 10 + d[5]);
    let individual = u16::from(d[6]) * 100 + u16::from(d[7]) * 10 + u16::from(d[8]);
    let century = match individual {
        0..=499 => 1900,
        500..=749 if two_digit_year >= 54 => 1800,
        900..=999 if two_digit_year >= 40 => 1900,
        _ if two_digit_year < 40 => 2000,
        _ => 1900,
    };
    let month = Month::try_from(month).ok()?;
    Date::from_calendar_date(century + two_digit_year, month, day).ok()
}

fn digits(id: &str) -> Option<[u8; 11]> {
    let bytes = id.as_bytes();
    if bytes.len() != 11 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut d = [0u8; 11];
    for (slot, byte) in d.iter_mut().zip(bytes) {
        *slot = byte - b'0';
    }
    Some(d)
}

/// Day and month, with D-numbers (day + 40) and synthetic numbers (month + 40 or + 80).
fn date_parts(d: &[u8; 11]) -> Option<(u8, u8)> {
    let mut day = d[0] * 10 + d[1];
    let mut month = d[2] * 10 + d[3];
    if day > 40 {
        day -= 40;
    }
    if month > 80 {
        month -= 80;
    } else if month > 40 {
        month -= 40;
    }
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some((day, month))
}

fn check_digits_hold(d: &[u8; 11]) -> bool {
    let control = |weights: &[u32]| {
        let sum: u32 = weights.iter().zip(d).map(|(w, &x)| w * u32::from(x)).sum();
        match 11 - sum % 11 {
            11 => Some(0),
            10 => None,
            k => Some(k as u8),
        }
    };
    control(&[3, 7, 6, 1, 8, 9, 4, 5, 2]) == Some(d[9])
        && control(&[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == Some(d[10])
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn known_valid_numbers_pass() {
        // Published test numbers: a person born 1 January 1901 and a synthetic (+80) one.
        for id in ["01010100050", "01010100131"] {
            assert!(is_valid(id), "{id}");
        }
    }

    #[test]
    fn a_changed_digit_fails() {
        assert!(!is_valid("01010100051"));
        assert!(!is_valid("0101010005"));
        assert!(!is_valid("0101010005x"));
        assert!(!is_valid("32010100050"));
    }

    #[test]
    fn the_birth_date_comes_from_the_number() {
        assert_eq!(birth_date("01010100050"), Some(date!(1901 - 01 - 01)));
    }
}
