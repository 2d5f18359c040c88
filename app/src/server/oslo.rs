//! Moments as the users see them: in Europe/Oslo, whose offset changes twice a year.
//!
//! PostgreSQL hands a `timestamptz` over as an instant without the zone it was written in,
//! so the offset is put on here, once, before a moment leaves the server. The time zone
//! database is compiled in (jiff's bundle) so the answer does not depend on the zoneinfo
//! files of the machine the server runs on.

use std::sync::LazyLock;
use time::{OffsetDateTime, UtcOffset};

static OSLO: LazyLock<Option<jiff::tz::TimeZone>> =
    LazyLock::new(|| jiff::tz::TimeZone::get("Europe/Oslo").ok());

/// The same instant at Oslo's offset at that instant (+01:00 in winter, +02:00 in summer).
pub fn oslo(at: OffsetDateTime) -> OffsetDateTime {
    let offset = OSLO
        .as_ref()
        .zip(jiff::Timestamp::from_second(at.unix_timestamp()).ok())
        .and_then(|(zone, instant)| {
            UtcOffset::from_whole_seconds(zone.to_offset(instant).seconds()).ok()
        });
    // The bundle always has Europe/Oslo (a test below says so); UTC keeps the instant right
    // should it ever not.
    at.to_offset(offset.unwrap_or(UtcOffset::UTC))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_offset_follows_summer_time() {
        // Summer time begins 2027-03-28 at 01:00 UTC and ends 2027-10-31 at 01:00 UTC.
        let cases = [
            (
                datetime!(2027-03-28 00:59 UTC),
                datetime!(2027-03-28 01:59 +1),
            ),
            (
                datetime!(2027-03-28 01:00 UTC),
                datetime!(2027-03-28 03:00 +2),
            ),
            (
                datetime!(2027-10-31 00:59 UTC),
                datetime!(2027-10-31 02:59 +2),
            ),
            (
                datetime!(2027-10-31 01:00 UTC),
                datetime!(2027-10-31 02:00 +1),
            ),
            (
                datetime!(2026-11-30 08:46 UTC),
                datetime!(2026-11-30 09:46 +1),
            ),
        ];
        for (utc, local) in cases {
            let shown = oslo(utc);
            assert_eq!(shown, utc, "the same instant");
            assert_eq!(shown.offset(), local.offset(), "{utc}");
            assert_eq!((shown.date(), shown.time()), (local.date(), local.time()));
        }
    }
}
