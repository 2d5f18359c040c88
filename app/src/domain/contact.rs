//! A person's own contact details: what counts as an e-mail address or a mobile number, and
//! which of them a notice goes to. Pure rules; the codes that confirm an address are the
//! server's.

use serde::{Deserialize, Serialize};

/// The two kinds of address a person confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    Mobile,
}

impl ContactKind {
    pub const ALL: [ContactKind; 2] = [ContactKind::Email, ContactKind::Mobile];

    pub const fn code(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Mobile => "mobile",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The address as it is stored and sent to, if `typed` is one of this kind.
    pub fn parse(self, typed: &str) -> Option<String> {
        match self {
            ContactKind::Email => crate::domain::staff::email_address(typed).ok(),
            ContactKind::Mobile => mobile_number(typed),
        }
    }
}

/// A mobile number in the international form an SMS gateway takes (`+4791234567`): a
/// Norwegian mobile number (8 digits beginning with 4 or 9, with or without `+47`/`0047`), or
/// another country's number written with `+` or `00` and 8 to 15 digits. Spaces, dashes,
/// dots and brackets people type between the digits are dropped.
pub fn mobile_number(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty()
        || typed.len() > 40
        || !typed
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c))
        || typed.chars().skip(1).any(|c| c == '+')
    {
        return None;
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let international = if typed.starts_with('+') {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    let norwegian = |number: &str| {
        (number.len() == 8 && number.starts_with(['4', '9'])).then(|| format!("+47{number}"))
    };
    match international {
        Some(number) => match number.strip_prefix("47") {
            Some(national) => norwegian(national),
            None => ((8..=15).contains(&number.len()) && !number.starts_with('0'))
                .then(|| format!("+{number}")),
        },
        None => norwegian(&digits),
    }
}

/// How a person wants notices of news: by e-mail, by SMS, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeChannel {
    #[default]
    Email,
    Sms,
    Both,
}

impl NoticeChannel {
    pub const ALL: [NoticeChannel; 3] = [
        NoticeChannel::Email,
        NoticeChannel::Sms,
        NoticeChannel::Both,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            NoticeChannel::Email => "email",
            NoticeChannel::Sms => "sms",
            NoticeChannel::Both => "both",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|channel| channel.code() == code)
    }

    pub const fn uses_sms(self) -> bool {
        matches!(self, NoticeChannel::Sms | NoticeChannel::Both)
    }
}

/// Where one message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Routes {
    pub email: bool,
    pub sms: bool,
}

/// Where a notice goes, given the person's channel and which confirmed addresses they have:
/// the channels they chose that have an address; if none of them has one (a mobile number
/// chosen and since given up), whichever confirmed address there is, e-mail first, so that a
/// choice never silences someone who can be reached.
pub fn routes(channel: NoticeChannel, has_email: bool, has_mobile: bool) -> Routes {
    let chosen = Routes {
        email: has_email && matches!(channel, NoticeChannel::Email | NoticeChannel::Both),
        sms: has_mobile && channel.uses_sms(),
    };
    if chosen.email || chosen.sms {
        chosen
    } else {
        Routes {
            email: has_email,
            sms: !has_email && has_mobile,
        }
    }
}

/// Why nothing reaches a person, as the holder is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unreachable {
    /// No confirmed e-mail address or mobile number.
    NoContact,
    /// They chose to have no notices.
    NoticesOff,
}

impl Unreachable {
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "no_contact" => Some(Unreachable::NoContact),
            "notices_off" => Some(Unreachable::NoticesOff),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_mobile_numbers_are_written_internationally() {
        for typed in [
            "91234567",
            "912 34 567",
            "+47 912 34 567",
            "0047 91234567",
            "+47-41-23-45-67",
        ] {
            assert!(
                mobile_number(typed).is_some_and(|m| m.starts_with("+47")),
                "{typed}"
            );
        }
        assert_eq!(
            mobile_number(" 912 34 567 ").as_deref(),
            Some("+4791234567")
        );
        assert_eq!(
            mobile_number("+46 70 123 45 67").as_deref(),
            Some("+46701234567")
        );
    }

    #[test]
    fn landlines_short_numbers_and_words_are_not_mobile_numbers() {
        for typed in [
            "",
            "22334455",
            "9123456",
            "912345678",
            "+47 2233 4455",
            "ring meg",
            "91 23+4567",
            "+0123456789",
            "+1234567",
        ] {
            assert_eq!(mobile_number(typed), None, "{typed}");
        }
    }

    #[test]
    fn kinds_parse_their_own_addresses() {
        assert_eq!(
            ContactKind::Email
                .parse(" Ingrid.Berg@Example.NO ")
                .as_deref(),
            Some("ingrid.berg@example.no")
        );
        assert_eq!(ContactKind::Email.parse("ingrid@"), None);
        assert_eq!(ContactKind::Mobile.parse("ingrid@example.no"), None);
        assert_eq!(ContactKind::from_code("mobile"), Some(ContactKind::Mobile));
        assert_eq!(ContactKind::from_code("fax"), None);
    }

    #[test]
    fn notices_go_where_chosen_and_otherwise_where_they_can() {
        use NoticeChannel::*;
        let r = |email, sms| Routes { email, sms };
        assert_eq!(routes(Email, true, true), r(true, false));
        assert_eq!(routes(Sms, true, true), r(false, true));
        assert_eq!(routes(Both, true, true), r(true, true));
        assert_eq!(routes(Both, false, true), r(false, true));
        assert_eq!(
            routes(Sms, true, false),
            r(true, false),
            "no mobile: e-mail"
        );
        assert_eq!(routes(Email, false, true), r(false, true), "no e-mail: SMS");
        assert_eq!(routes(Both, false, false), r(false, false));
    }
}
