//! Dates and times on a page: written in the reader's language (`i18n::DateTexts`), marked
//! up as `<time datetime="…">` with the ISO value for machines and assistive technology.

use crate::i18n::use_lang;
use leptos::prelude::*;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// What a page shows: a day, a moment, a moment near now (said as "i går kl. 14.05" when it
/// is yesterday, today or tomorrow), or (for the end of a meeting) only its time of day.
#[derive(Debug, Clone, Copy)]
pub enum When {
    Day(Date),
    Moment(OffsetDateTime),
    Near(OffsetDateTime),
    TimeOfDay(OffsetDateTime),
}

impl When {
    fn shown(self) -> String {
        let dates = use_lang().dates();
        match self {
            When::Day(day) => dates.date(day),
            When::Moment(at) => dates.moment(at),
            When::Near(at) => match crate::api::clock::today() {
                Some(today) => dates.moment_near(at, today),
                None => dates.moment(at),
            },
            When::TimeOfDay(at) => dates.time(at),
        }
    }

    /// The moment in full where the page says it in words relative to today, for a
    /// pointer's tooltip and a printout read another day.
    fn full(self) -> Option<String> {
        match self {
            When::Near(at) => Some(use_lang().dates().moment(at)),
            When::Day(_) | When::Moment(_) | When::TimeOfDay(_) => None,
        }
    }

    /// "2027-03-12" or "2026-11-30T09:46:12+01:00": whole seconds, as HTML allows at most
    /// three digits of a second's fraction and the page shows minutes anyway.
    fn iso(self) -> String {
        match self {
            When::Day(day) => day.to_string(),
            When::Moment(at) | When::Near(at) | When::TimeOfDay(at) => at
                .replace_nanosecond(0)
                .unwrap_or(at)
                .format(&Rfc3339)
                .unwrap_or_default(),
        }
    }
}

/// `<time datetime="2027-03-12">12. mars 2027</time>`.
#[component]
pub fn Time(when: When) -> impl IntoView {
    view! { <time datetime=when.iso() title=when.full()>{when.shown()}</time> }
}

/// A sentence naming a date, the date in it marked up as [`Time`]: `sentence` is given the
/// date as written and puts it where its language wants it.
#[component]
pub fn Dated(when: When, sentence: impl Fn(&str) -> String) -> impl IntoView {
    let shown = when.shown();
    let text = sentence(&shown);
    match text.split_once(shown.as_str()) {
        Some((before, after)) => view! {
            {before.to_string()} <Time when /> {after.to_string()}
        }
        .into_any(),
        None => text.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_moment_is_marked_up_in_whole_seconds() {
        let at = datetime!(2026-11-30 15:05:24.350513 +01:00);
        assert_eq!(When::Moment(at).iso(), "2026-11-30T15:05:24+01:00");
        assert_eq!(When::Day(at.date()).iso(), "2026-11-30");
    }
}
