use super::Texts;
use crate::api::error::ApiError;
use crate::domain::service_kind::ServiceKind;

pub(super) const TEXTS: Texts = Texts {
    app_name: "Stafett",
    app_tagline: "Stafettlogg for samarbeid rundt born og unge",
    skip_to_content: "Hopp til hovudinnhaldet",
    footer: "Stafett er eit ope verktøy for samarbeid mellom familiar og tenestene i kommunen.",

    language_label: "Språk",
    language_submit: "Byt språk",

    directory_title: "Tenester og einingar",
    directory_intro:
        "Her finn du kontaktinformasjon til einingane og tenestene i kommunen for born og unge.",
    filter_label: "Type teneste",
    filter_all: "Alle",
    filter_submit: "Vis",
    units_list_label: "Einingar",
    no_units: "Ingen einingar av denne typen.",
    showing: |shown, total| format!("Viser {shown} av {total} einingar"),
    kind: |kind| match kind {
        ServiceKind::Kindergarten => "Barnehage",
        ServiceKind::School => "Skule",
        ServiceKind::HealthStation => "Helsestasjon",
        ServiceKind::Ppt => "PPT",
        ServiceKind::ChildWelfare => "Barnevern",
        ServiceKind::PhysioOt => "Fysio- og ergoterapi",
        ServiceKind::Gp => "Fastlege",
        ServiceKind::Other => "Anna",
    },

    contact_heading: "Kontakt",
    phone: "Telefon",
    email: "E-post",
    address: "Adresse",
    website: "Nettstad",
    back_to_directory: "Tilbake til alle tenester og einingar",

    not_found_title: "Fann ikkje sida",
    not_found_body: "Sida finst ikkje, eller ho er flytta.",
    error_title: "Noko gjekk gale",
    error: |error| match error {
        ApiError::NotFound => "Vi fann ikkje det du leita etter.",
        ApiError::BadRequest => {
            "Førespurnaden var ugyldig. Sjekk det du skreiv inn, og prøv igjen."
        }
        ApiError::Unavailable => "Tenesta er mellombels utilgjengeleg. Prøv igjen om litt.",
        ApiError::Internal => "Det oppstod ein feil hos oss. Prøv igjen seinare.",
    },
};
