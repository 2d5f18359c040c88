//! What a guardian may choose for a child's own login: the start of the username, and where
//! the one-time code goes at each login; and until when that login works.

use crate::domain::consent::birthday;
use time::{Date, Duration};

/// The age at which a child's own login ends: from then on the youth logs in with
/// ID-porten (MinID) like any adult, as the same person, keeping their logs and consents.
pub const OWN_LOGIN_ENDS_AT_AGE: u8 = 15;
/// How long before that day the child is told.
pub const OWN_LOGIN_WARNING_DAYS: i64 = 7;

/// The first day on which a child born on `birth_date` can no longer use their own login.
pub fn own_login_ends(birth_date: Date) -> Date {
    birthday(birth_date, OWN_LOGIN_ENDS_AT_AGE)
}

/// Whether the child's own login (password or passkey) still works on `today`.
pub fn own_login_open(birth_date: Date, today: Date) -> bool {
    today < own_login_ends(birth_date)
}

/// The day the own login ends, if that is within the warning on `today`: what the child's
/// page tells them.
pub fn own_login_ending_soon(birth_date: Date, today: Date) -> Option<Date> {
    let ends = own_login_ends(birth_date);
    (today < ends && ends - Duration::days(OWN_LOGIN_WARNING_DAYS) <= today).then_some(ends)
}

/// How many random digits follow the chosen start of a child's username.
pub const USERNAME_SUFFIX_DIGITS: usize = 4;
/// The longest start a guardian may choose: with `.` and the digits, at most 40 characters.
pub const USERNAME_BASE_MAX: usize = 40 - 1 - USERNAME_SUFFIX_DIGITS;

/// The chosen start of a username, lower-cased, if it is 3 to [`USERNAME_BASE_MAX`]
/// characters of `a-z`, digits, `.`, `_` and `-`, beginning with a letter or digit.
pub fn username_base(chosen: &str) -> Option<String> {
    let base = chosen.trim().to_lowercase();
    let ok = (3..=USERNAME_BASE_MAX).contains(&base.chars().count())
        && base.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && base
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    ok.then_some(base)
}

/// Where the one-time code goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeAddress {
    Email(String),
    Sms(String),
}

impl CodeAddress {
    /// The address for `channel` (`email` or `sms`), if it looks like one: an e-mail
    /// address with a domain, or a phone number of 8 to 15 digits (spaces and `+` allowed).
    pub fn parse(channel: &str, contact: &str) -> Option<CodeAddress> {
        let contact = contact.trim();
        match channel {
            "email" => {
                let ok = contact.len() <= 254
                    && contact
                        .split_once('@')
                        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
                    && !contact.contains(char::is_whitespace);
                ok.then(|| CodeAddress::Email(contact.to_string()))
            }
            "sms" => {
                let digits = contact.chars().filter(char::is_ascii_digit).count();
                let ok = (8..=15).contains(&digits)
                    && contact
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ' ' || c == '+');
                ok.then(|| CodeAddress::Sms(contact.to_string()))
            }
            _ => None,
        }
    }

    pub fn channel(&self) -> &'static str {
        match self {
            CodeAddress::Email(_) => "email",
            CodeAddress::Sms(_) => "sms",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consent::age_on;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn the_own_login_ends_on_the_fifteenth_birthday_with_a_week_of_warning() {
        let born = date!(2012 - 03 - 10);
        assert_eq!(own_login_ends(born), date!(2027 - 03 - 10));
        assert!(own_login_open(born, date!(2027 - 03 - 09)));
        assert!(!own_login_open(born, date!(2027 - 03 - 10)));
        assert_eq!(own_login_ending_soon(born, date!(2027 - 03 - 02)), None);
        assert_eq!(
            own_login_ending_soon(born, date!(2027 - 03 - 03)),
            Some(date!(2027 - 03 - 10))
        );
        assert_eq!(
            own_login_ending_soon(born, date!(2027 - 03 - 09)),
            Some(date!(2027 - 03 - 10))
        );
        assert_eq!(own_login_ending_soon(born, date!(2027 - 03 - 10)), None);
        // Born on 29 February: the login works through 28 February in a common year.
        let leap = date!(2012 - 02 - 29);
        assert!(own_login_open(leap, date!(2027 - 02 - 28)));
        assert!(!own_login_open(leap, date!(2027 - 03 - 01)));
    }

    proptest! {
        /// The login ends exactly when the consent rules count the child as 15, and the
        /// warning comes only while it still works.
        #[test]
        fn the_login_ends_when_the_child_is_fifteen(
            born in 0..10_000_i64, lived in 0..8_000_i64,
        ) {
            let birth = date!(2000 - 01 - 01) + Duration::days(born);
            let today = birth + Duration::days(lived);
            prop_assert_eq!(own_login_open(birth, today), age_on(birth, today) < OWN_LOGIN_ENDS_AT_AGE);
            if own_login_ending_soon(birth, today).is_some() {
                prop_assert!(own_login_open(birth, today));
                prop_assert!(!own_login_open(birth, today + Duration::days(OWN_LOGIN_WARNING_DAYS)));
            }
        }
    }

    #[test]
    fn a_username_start_is_short_plain_and_lower_case() {
        assert_eq!(username_base("  Nora "), Some("nora".to_string()));
        assert_eq!(username_base("no"), None);
        assert_eq!(username_base(".nora"), None);
        assert_eq!(username_base("nora ås"), None);
        assert_eq!(
            username_base(&"n".repeat(USERNAME_BASE_MAX)).map(|b| b.len()),
            Some(35)
        );
        assert_eq!(username_base(&"n".repeat(USERNAME_BASE_MAX + 1)), None);
    }

    #[test]
    fn codes_go_to_an_address_or_a_phone_number() {
        assert_eq!(
            CodeAddress::parse("email", " nora@example.no "),
            Some(CodeAddress::Email("nora@example.no".to_string()))
        );
        assert_eq!(CodeAddress::parse("email", "nora@example"), None);
        assert_eq!(CodeAddress::parse("email", "no ra@example.no"), None);
        assert_eq!(
            CodeAddress::parse("sms", "+47 912 34 567"),
            Some(CodeAddress::Sms("+47 912 34 567".to_string()))
        );
        assert_eq!(CodeAddress::parse("sms", "1234567"), None);
        assert_eq!(CodeAddress::parse("post", "Storgata 1"), None);
    }
}
