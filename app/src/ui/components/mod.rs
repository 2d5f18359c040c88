//! Building blocks shared by pages. Components marked `#[island]` are the only ones
//! hydrated in the browser.

pub mod bar_chart;
pub mod contact;
pub mod directory_browser;
pub mod error_message;
pub mod form_error;
pub mod hydration_marker;
pub mod kept_form;
pub mod language_form;
pub mod layout;
pub mod push_notices;
pub mod staff_select;
pub mod when;
