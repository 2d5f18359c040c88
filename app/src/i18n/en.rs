use super::Texts;
use crate::api::error::ApiError;
use crate::domain::service_kind::ServiceKind;

pub(super) const TEXTS: Texts = Texts {
    app_name: "Stafett",
    app_tagline: "Relay log for working together around children and young people",
    skip_to_content: "Skip to main content",
    footer: "Stafett is an open tool for families and municipal services working together.",

    language_label: "Language",
    language_submit: "Change language",

    directory_title: "Services and units",
    directory_intro: "Contact information for the municipality's units and services for children and young people.",
    filter_label: "Kind of service",
    filter_all: "All",
    filter_submit: "Show",
    units_list_label: "Units",
    no_units: "No units of this kind.",
    showing: |shown, total| format!("Showing {shown} of {total} units"),
    kind: |kind| match kind {
        ServiceKind::Kindergarten => "Kindergarten",
        ServiceKind::School => "School",
        ServiceKind::HealthStation => "Health station",
        ServiceKind::Ppt => "Educational-psychological service (PPT)",
        ServiceKind::ChildWelfare => "Child welfare",
        ServiceKind::PhysioOt => "Physiotherapy and occupational therapy",
        ServiceKind::Gp => "General practitioner",
        ServiceKind::Other => "Other",
    },

    contact_heading: "Contact",
    phone: "Phone",
    email: "E-mail",
    address: "Address",
    website: "Website",
    back_to_directory: "Back to all services and units",

    not_found_title: "Page not found",
    not_found_body: "The page does not exist, or it has moved.",
    error_title: "Something went wrong",
    error: |error| match error {
        ApiError::NotFound => "We could not find what you were looking for.",
        ApiError::BadRequest => "The request was not valid. Check what you entered and try again.",
        ApiError::Unavailable => "The service is temporarily unavailable. Please try again shortly.",
        ApiError::Internal => "Something went wrong on our side. Please try again later.",
    },
};
