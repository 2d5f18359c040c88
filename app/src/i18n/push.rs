//! The texts of push notices: the device setting on the person's page, and the one title
//! every push message carries. In a table of their own: the server's push messages need
//! only the title.

use super::Lang;

pub struct PushTexts {
    /// What every push message says: no more than that something is new.
    pub title: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub turn_on: &'static str,
    pub turn_off: &'static str,
    pub on: &'static str,
    pub off: &'static str,
    /// The browser (or the server) cannot do push.
    pub unsupported: &'static str,
    /// The person has blocked notifications for the site: how to allow them again.
    pub denied: &'static str,
    /// Turning on or off did not work.
    pub failed: &'static str,
}

impl Lang {
    pub const fn push(self) -> &'static PushTexts {
        match self {
            Lang::Nb => &NB,
            Lang::Nn => &NN,
            Lang::En => &EN,
        }
    }
}

const NB: PushTexts = PushTexts {
    title: "Ny aktivitet i en stafettlogg",
    heading: "Varsler på denne enheten",
    intro: "Få et varsel på denne enheten når noe er nytt i loggene dine. Varselet sier bare at noe er nytt, aldri hva.",
    turn_on: "Slå på varsler",
    turn_off: "Slå av varsler",
    on: "Varsler er på for denne enheten.",
    off: "Varsler er av for denne enheten.",
    unsupported: "Denne nettleseren kan ikke ta imot varsler. På iPhone og iPad må Stafett først legges til på Hjem-skjermen.",
    denied: "Varsler er blokkert for Stafett i denne nettleseren. Tillat varsler i nettleserens innstillinger for nettstedet (ofte under hengelåsen ved adressen), og last siden på nytt.",
    failed: "Det gikk ikke å endre varslene. Prøv igjen.",
};

const NN: PushTexts = PushTexts {
    title: "Ny aktivitet i ein stafettlogg",
    heading: "Varsel på denne eininga",
    intro: "Få eit varsel på denne eininga når noko er nytt i loggane dine. Varselet seier berre at noko er nytt, aldri kva.",
    turn_on: "Slå på varsel",
    turn_off: "Slå av varsel",
    on: "Varsel er på for denne eininga.",
    off: "Varsel er av for denne eininga.",
    unsupported: "Denne nettlesaren kan ikkje ta imot varsel. På iPhone og iPad må Stafett først leggjast til på Heim-skjermen.",
    denied: "Varsel er blokkerte for Stafett i denne nettlesaren. Tillat varsel i innstillingane til nettlesaren for nettstaden (ofte under hengelåsen ved adressa), og last sida på nytt.",
    failed: "Det gjekk ikkje å endre varsla. Prøv igjen.",
};

const EN: PushTexts = PushTexts {
    title: "New activity in a relay log",
    heading: "Notifications on this device",
    intro: "Get a notification on this device when something is new in your logs. It only says that something is new, never what.",
    turn_on: "Turn on notifications",
    turn_off: "Turn off notifications",
    on: "Notifications are on for this device.",
    off: "Notifications are off for this device.",
    unsupported: "This browser cannot receive notifications. On iPhone and iPad, add Stafett to the Home Screen first.",
    denied: "Notifications are blocked for Stafett in this browser. Allow them in the browser's site settings (often under the padlock by the address), then reload the page.",
    failed: "The notifications could not be changed. Please try again.",
};
