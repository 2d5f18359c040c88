//! The day it is where the users live, for pages that say "i dag" and "i går".

/// Today in Oslo. Pages render on the server only (islands), where the clock is; in the
/// browser there is none to ask, and a moment is then written in full.
pub fn today() -> Option<time::Date> {
    #[cfg(feature = "ssr")]
    {
        Some(crate::server::oslo::oslo(time::OffsetDateTime::now_utc()).date())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
