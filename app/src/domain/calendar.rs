//! Meeting invitations as iCalendar (RFC 5545) files.
//!
//! Participants work in many different organisations and calendar systems, so a
//! downloadable `.ics` file is the one format every one of them can import without
//! Stafett needing access to anybody's calendar.

use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

/// RFC 5545 §3.1 caps content lines at 75 octets, excluding the CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// The `.invalid` top-level domain (RFC 2606) can never resolve, so a client that
/// tries to e-mail the organiser reaches nobody instead of a stranger's mailbox.
const ORGANIZER_ADDRESS: &str = "mailto:noreply@stafett.invalid";

/// One meeting, as it should appear in a participant's calendar.
#[derive(Debug, Clone, Copy)]
pub struct Invitation<'a> {
    /// Stays the same across versions so a re-import replaces the earlier copy.
    pub uid: Uuid,
    /// Bumped whenever the meeting changes, so clients prefer the newer copy.
    pub sequence: u32,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    /// When this version of the invitation was produced (`DTSTAMP`).
    pub stamp: OffsetDateTime,
    pub summary: &'a str,
    pub location: Option<&'a str>,
    /// A video link or the meeting's page in Stafett.
    pub url: Option<&'a str>,
    pub description: &'a str,
    pub organizer_name: &'a str,
}

/// Renders the invitation as a complete iCalendar document with CRLF line endings.
///
/// `METHOD:PUBLISH` rather than `REQUEST`: Stafett does not collect replies, and
/// `REQUEST` would make clients offer to send RSVPs to the organiser address.
pub fn render(invitation: &Invitation<'_>) -> String {
    let mut out = String::new();
    let mut line = |content: &str| push_folded(&mut out, content);

    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Stafett//Stafettlogg//NB");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("BEGIN:VEVENT");
    line(&format!("UID:{}@stafett", invitation.uid));
    line(&format!("SEQUENCE:{}", invitation.sequence));
    line(&format!("DTSTAMP:{}", utc_date_time(invitation.stamp)));
    line(&format!("DTSTART:{}", utc_date_time(invitation.starts_at)));
    line(&format!("DTEND:{}", utc_date_time(invitation.ends_at)));
    line(&format!("SUMMARY:{}", escape_text(invitation.summary)));
    if let Some(location) = invitation.location {
        line(&format!("LOCATION:{}", escape_text(location)));
    }
    if let Some(url) = invitation.url {
        line(&format!("URL:{}", strip_control(url)));
    }
    line(&format!(
        "DESCRIPTION:{}",
        escape_text(invitation.description)
    ));
    line(&format!(
        "ORGANIZER;CN={}:{ORGANIZER_ADDRESS}",
        common_name(invitation.organizer_name)
    ));
    line("END:VEVENT");
    line("END:VCALENDAR");

    out
}

/// UTC avoids having to ship `VTIMEZONE` definitions: every client converts a `Z`
/// time to the reader's own zone. Formatted by hand because the `time` crate's
/// `formatting` feature is not enabled for the app.
fn utc_date_time(at: OffsetDateTime) -> String {
    let utc = at.to_offset(UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// Escapes a TEXT value (RFC 5545 §3.3.11) so user input cannot end the property
/// early or inject properties of its own. Carriage returns are dropped so that both
/// `\n` and `\r\n` become one escaped newline; tab is kept because TEXT allows it.
fn escape_text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\t' => escaped.push('\t'),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// URI values take no TEXT escaping, but a stray line break would still let the
/// value start a new property.
fn strip_control(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// A parameter value cannot contain double quotes at all, and needs quoting when it
/// contains the characters that otherwise delimit parameters (RFC 5545 §3.1).
fn common_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|&c| c != '"' && !c.is_control())
        .collect();
    if cleaned.contains([':', ';', ',']) {
        format!("\"{cleaned}\"")
    } else {
        cleaned
    }
}

/// Folds at character boundaries, because splitting a multibyte character such as
/// `ø` would leave invalid UTF-8 on both physical lines. The leading space of a
/// continuation line counts towards its 75 octets.
fn push_folded(out: &mut String, line: &str) {
    let mut limit = MAX_LINE_OCTETS;
    let mut start = 0;
    let mut width = 0;
    for (index, ch) in line.char_indices() {
        if width + ch.len_utf8() > limit {
            out.push_str(&line[start..index]);
            out.push_str("\r\n ");
            start = index;
            width = 0;
            limit = MAX_LINE_OCTETS - 1;
        }
        width += ch.len_utf8();
    }
    out.push_str(&line[start..]);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn invitation() -> Invitation<'static> {
        Invitation {
            uid: Uuid::from_u128(0x1234_5678_9abc_def0_1234_5678_9abc_def0),
            sequence: 2,
            starts_at: datetime!(2025-01-15 09:00 +01:00),
            ends_at: datetime!(2025-01-15 10:30 +01:00),
            stamp: datetime!(2025-01-10 12:34:56 UTC),
            summary: "Stafettmøte",
            location: Some("Rådhuset, møterom 3"),
            url: Some("https://meet.example.no/abc?x=1,2;y"),
            description: "Oppfølging av plan",
            organizer_name: "Kari Nordmann",
        }
    }

    fn lines(rendered: &str) -> Vec<&str> {
        rendered
            .strip_suffix("\r\n")
            .expect("ends with CRLF")
            .split("\r\n")
            .collect()
    }

    fn unfold(rendered: &str) -> String {
        rendered.replace("\r\n ", "")
    }

    #[test]
    fn renders_a_simple_invitation_exactly() {
        let expected = "BEGIN:VCALENDAR\r\n\
                        VERSION:2.0\r\n\
                        PRODID:-//Stafett//Stafettlogg//NB\r\n\
                        CALSCALE:GREGORIAN\r\n\
                        METHOD:PUBLISH\r\n\
                        BEGIN:VEVENT\r\n\
                        UID:12345678-9abc-def0-1234-56789abcdef0@stafett\r\n\
                        SEQUENCE:2\r\n\
                        DTSTAMP:20250110T123456Z\r\n\
                        DTSTART:20250115T080000Z\r\n\
                        DTEND:20250115T093000Z\r\n\
                        SUMMARY:Stafettmøte\r\n\
                        LOCATION:Rådhuset\\, møterom 3\r\n\
                        URL:https://meet.example.no/abc?x=1,2;y\r\n\
                        DESCRIPTION:Oppfølging av plan\r\n\
                        ORGANIZER;CN=Kari Nordmann:mailto:noreply@stafett.invalid\r\n\
                        END:VEVENT\r\n\
                        END:VCALENDAR\r\n";
        assert_eq!(render(&invitation()), expected);
    }

    #[test]
    fn escapes_text_special_characters_and_newlines() {
        let rendered = render(&Invitation {
            summary: "A; B, C\\D",
            description: "Linje 1\r\nLinje 2\nLinje 3\u{7}\tslutt",
            ..invitation()
        });
        let lines = lines(&rendered);
        assert!(lines.contains(&"SUMMARY:A\\; B\\, C\\\\D"));
        assert!(lines.contains(&"DESCRIPTION:Linje 1\\nLinje 2\\nLinje 3\tslutt"));
    }

    #[test]
    fn strips_line_breaks_from_urls_without_escaping_them() {
        let rendered = render(&Invitation {
            url: Some("https://example.no/a,b;c\r\nX-EVIL:1"),
            ..invitation()
        });
        assert!(lines(&rendered).contains(&"URL:https://example.no/a,b;cX-EVIL:1"));
    }

    #[test]
    fn quotes_organizer_names_with_delimiters_and_drops_double_quotes() {
        let quoted = render(&Invitation {
            organizer_name: "Nordmann, Kari",
            ..invitation()
        });
        assert!(lines(&quoted)
            .contains(&"ORGANIZER;CN=\"Nordmann, Kari\":mailto:noreply@stafett.invalid"));

        let stripped = render(&Invitation {
            organizer_name: "Kari \"KN\" Nordmann",
            ..invitation()
        });
        assert!(lines(&stripped)
            .contains(&"ORGANIZER;CN=Kari KN Nordmann:mailto:noreply@stafett.invalid"));
    }

    #[test]
    fn folds_long_norwegian_text_at_75_octets() {
        let description =
            "Blåbærsyltetøy på brødskiva, ærlig talt, før møtet i Øvre Årdal. ".repeat(6);
        let rendered = render(&Invitation {
            description: &description,
            ..invitation()
        });

        let physical = lines(&rendered);
        assert!(physical.iter().all(|line| line.len() <= MAX_LINE_OCTETS));
        let description_start = physical
            .iter()
            .position(|line| line.starts_with("DESCRIPTION:"))
            .expect("has DESCRIPTION");
        let continuations: Vec<_> = physical[description_start + 1..]
            .iter()
            .take_while(|line| !line.starts_with("ORGANIZER"))
            .collect();
        assert!(continuations.len() > 1);
        assert!(continuations.iter().all(|line| line.starts_with(' ')));

        let expected = format!("DESCRIPTION:{}", description.replace(',', "\\,"));
        assert!(lines(&unfold(&rendered)).contains(&expected.as_str()));
    }

    #[test]
    fn never_splits_a_multibyte_character_when_folding() {
        // "DESCRIPTION:" plus 62 ASCII octets fills 74 octets, so the two-octet "ø"
        // would straddle the limit.
        let description = format!("{}øx", "a".repeat(62));
        let mut out = String::new();
        push_folded(&mut out, &format!("DESCRIPTION:{description}"));
        assert_eq!(out, format!("DESCRIPTION:{}\r\n øx\r\n", "a".repeat(62)));
    }

    #[test]
    fn converts_oslo_winter_and_summer_offsets_to_utc() {
        assert_eq!(
            utc_date_time(datetime!(2025-01-15 09:00 +01:00)),
            "20250115T080000Z"
        );
        assert_eq!(
            utc_date_time(datetime!(2025-06-15 09:00 +02:00)),
            "20250615T070000Z"
        );
        assert_eq!(
            utc_date_time(datetime!(2025-03-01 00:30 +01:00)),
            "20250228T233000Z"
        );
    }

    #[test]
    fn omits_location_and_url_when_absent() {
        let rendered = render(&Invitation {
            location: None,
            url: None,
            ..invitation()
        });
        let lines = lines(&rendered);
        assert!(!lines.iter().any(|line| line.starts_with("LOCATION")));
        assert!(!lines.iter().any(|line| line.starts_with("URL")));
        assert!(lines.contains(&"DESCRIPTION:Oppfølging av plan"));
    }
}
