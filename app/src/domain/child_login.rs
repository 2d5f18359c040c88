//! What a guardian may choose for a child's own login: the start of the username, and where
//! the one-time code goes at each login.

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
