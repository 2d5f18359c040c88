use crate::model::identity::Identity;

/// The person a page is rendered for. Pages render on the server only (islands), where the
/// request carries the identity; in the browser there is none to read. Pages reach the
/// server's request through this, never through `server` directly.
pub fn use_identity() -> Option<Identity> {
    #[cfg(feature = "ssr")]
    {
        crate::server::identity::optional()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
