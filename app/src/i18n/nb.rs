use super::Texts;
use crate::api::error::ApiError;
use crate::domain::service_kind::ServiceKind;

pub(super) const TEXTS: Texts = Texts {
    app_name: "Stafett",
    app_tagline: "Stafettlogg for samarbeid rundt barn og unge",
    skip_to_content: "Hopp til hovedinnholdet",
    footer: "Stafett er et åpent verktøy for samarbeid mellom familier og kommunens tjenester.",

    language_label: "Språk",
    language_submit: "Bytt språk",

    directory_title: "Tjenester og enheter",
    directory_intro:
        "Her finner du kontaktinformasjon til kommunens enheter og tjenester for barn og unge.",
    filter_label: "Type tjeneste",
    filter_all: "Alle",
    filter_submit: "Vis",
    units_list_label: "Enheter",
    no_units: "Ingen enheter av denne typen.",
    showing: |shown, total| format!("Viser {shown} av {total} enheter"),
    kind: |kind| match kind {
        ServiceKind::Kindergarten => "Barnehage",
        ServiceKind::School => "Skole",
        ServiceKind::HealthStation => "Helsestasjon",
        ServiceKind::Ppt => "PPT",
        ServiceKind::ChildWelfare => "Barnevern",
        ServiceKind::PhysioOt => "Fysio- og ergoterapi",
        ServiceKind::Gp => "Fastlege",
        ServiceKind::Other => "Annet",
    },

    contact_heading: "Kontakt",
    phone: "Telefon",
    email: "E-post",
    address: "Adresse",
    website: "Nettside",
    back_to_directory: "Tilbake til alle tjenester og enheter",

    not_found_title: "Fant ikke siden",
    not_found_body: "Siden finnes ikke, eller den er flyttet.",
    error_title: "Noe gikk galt",
    error: |error| match error {
        ApiError::NotFound => "Vi fant ikke det du lette etter.",
        ApiError::BadRequest => "Forespørselen var ugyldig. Sjekk det du skrev inn, og prøv igjen.",
        ApiError::Unavailable => "Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.",
        ApiError::Internal => "Det oppstod en feil hos oss. Prøv igjen senere.",
    },
};
