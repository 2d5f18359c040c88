use super::{ConsentTexts, LogTexts, Texts};
use crate::api::error::{ApiError, Field};
use crate::api::identity::{LoginMethod, LoginProblem};
use crate::domain::access::Denial;
use crate::domain::access::LogStatus;
use crate::domain::consent::{ActionKind, Choice, Residence};
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
        ApiError::Unauthorized => "Du er ikke logget inn, eller innloggingen er utløpt. Logg inn på nytt.",
        ApiError::Invalid { .. } => "Sjekk feltet som er merket, og prøv igjen. Ingenting er lagret.",
        ApiError::Denied { reason } => match reason {
            Denial::NotInvolved => "Du har ikke tilgang til denne stafettloggen.",
            Denial::Closed => "Stafettloggen er avsluttet. Ingen kan se innholdet før den er åpnet igjen med nytt samtykke.",
            Denial::NotOpen => "Stafettloggen venter på samtykke og er ikke åpnet ennå.",
            Denial::ConsentWithdrawn => "Samtykket som ga tilgang, er trukket tilbake. Du har ikke lenger tilgang til innholdet.",
            Denial::ConsentMissing => "Det mangler et samtykke som gir tilgang til dette.",
            Denial::NoOwnAccess => "Du har ikke fått egen tilgang til loggen ennå. Det krever samtykke fra den som har foreldreansvar.",
            Denial::FiguresOnly => "Som leder ser du tall for enheten, ikke innholdet i loggene.",
            Denial::HolderOnly => "Bare stafettholderen kan gjøre dette.",
            Denial::NotTheirDecision => "Etter reglene er ikke dette ditt samtykke å gi.",
        },
        ApiError::Unavailable => "Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.",
        ApiError::Internal => "Det oppstod en feil hos oss. Prøv igjen senere.",
    },
    login_link: "Logg inn",
    logout: "Logg ut",
    my_page: "Min side",

    login_title: "Logg inn",
    login_intro: "Logg inn for å se stafettloggene du er med i.",
    login_idporten: "Logg inn med ID-porten",
    login_idporten_hint: "Med BankID, BankID på mobil, Buypass eller Commfides.",
    login_child_link: "Er du under 15 år? Logg inn med brukernavn og passord",
    login_problem: |problem| match problem {
        LoginProblem::Cancelled => "Du avbrøt innloggingen. Du kan prøve igjen når du vil.",
        LoginProblem::Failed => "Innloggingen kunne ikke fullføres. Prøv igjen.",
        LoginProblem::Level => "Du må logge inn på høyeste sikkerhetsnivå, med BankID, Buypass eller Commfides. Prøv igjen.",
        LoginProblem::Unavailable => "ID-porten svarer ikke akkurat nå. Prøv igjen om litt.",
        LoginProblem::Missing => "Fyll inn både brukernavn og passord.",
        LoginProblem::Invalid => "Feil brukernavn eller passord.",
        LoginProblem::Locked => "For mange mislykkede forsøk. Av sikkerhetshensyn kan du ikke logge inn de neste 15 minuttene.",
        LoginProblem::Expired => "Koden er utløpt eller brukt opp. Logg inn på nytt for å få en ny kode.",
        LoginProblem::NoAddress => "Vi har ingen e-postadresse eller mobilnummer å sende koden til. Kontakt den som har stafettloggen din.",
        LoginProblem::WrongCode => "Feil kode.",
    },
    no_log_title: "Ingen stafettlogg er knyttet til deg",
    no_log_body: "ID-porten bekreftet hvem du er, men du er ikke med i noen stafettlogg i Stafett. Vi har ikke opprettet noen bruker for deg.",
    no_log_contact: "Mener du at du skal ha tilgang, ta kontakt med den som har stafettloggen for barnet, eller med barnehagen, skolen eller helsestasjonen.",
    find_contact: "Finn kontaktinformasjon",

    child_login_title: "Logg inn med brukernavn",
    child_login_intro: "For deg under 15 år som har fått egen innlogging. Hver gang du logger inn, får du en kode på e-post eller SMS.",
    username_label: "Brukernavn",
    password_label: "Passord",
    next: "Neste",
    code_title: "Skriv inn koden",
    code_sent: |by_sms| {
        let to = if by_sms { "mobilen din" } else { "e-posten din" };
        format!("Vi har sendt en kode på 6 siffer til {to}. Koden gjelder i 10 minutter.")
    },
    code_label: "Kode",
    code_hint: "6 siffer",
    code_submit: "Logg inn",
    code_tries_left: |left| match left {
        1 => "Du har 1 forsøk igjen.".to_string(),
        n => format!("Du har {n} forsøk igjen."),
    },
    code_restart: "Fikk du ikke koden? Start på nytt",
    code_message_subject: "Koden din for å logge inn i Stafett",
    code_message_body: |code| format!(
        "Koden din er {code}\n\nDen gjelder i 10 minutter. Ikke gi koden til noen.\nHar du ikke prøvd å logge inn i Stafett, kan du se bort fra denne meldingen."
    ),

    me_title: "Min side",
    signed_in_as: |name| format!("Du er logget inn som {name}"),
    staff_units: "Du jobber i",
    unit_leader: "enhetsleder",
    citizen: "Du er logget inn som innbygger.",
    sessions_title: "Aktive innlogginger",
    sessions_intro: "Her ser du hvor du er logget inn nå. En innlogging avsluttes etter 30 minutter uten aktivitet, og senest etter 12 timer.",
    session_started: "Startet",
    session_last_active: "Sist aktiv",
    session_this: "Denne nettleseren",
    session_method: |method| match method {
        LoginMethod::IdPorten => "ID-porten",
        LoginMethod::PasswordAndCode => "Brukernavn, passord og kode",
    },
    unknown_device: "Ukjent nettleser",
    log_out_everywhere: "Logg ut overalt",
    logged_out_title: "Du er logget ut",
    logged_out_body: "Bruker du en datamaskin som andre også bruker, bør du lukke nettleseren nå.",
    logging_out_at_provider: "Du er logget ut av Stafett. Nå logger vi deg ut av ID-porten også …",
    continue_to_provider_logout: "Fortsett til ID-porten",
    login_again: "Logg inn igjen",
    field_error: |field| match field {
        Field::ChildGivenName => "Skriv barnets fornavn.",
        Field::ChildFamilyName => "Skriv barnets etternavn.",
        Field::ChildNationalId => "Fødselsnummeret til barnet er ikke gyldig. Det skal ha 11 siffer.",
        Field::ChildBirthDate => "Fødselsdatoen stemmer ikke med fødselsnummeret.",
        Field::GuardianGivenName => "Skriv fornavnet til den foresatte.",
        Field::GuardianFamilyName => "Skriv etternavnet til den foresatte.",
        Field::GuardianNationalId => "Fødselsnummeret til den foresatte er ikke gyldig.",
        Field::SecondGuardianGivenName => "Skriv fornavnet til den andre foresatte.",
        Field::SecondGuardianFamilyName => "Skriv etternavnet til den andre foresatte.",
        Field::SecondGuardianNationalId => "Fødselsnummeret til den andre foresatte er ikke gyldig.",
        Field::HolderUnit => "Velg enheten du er stafettholder for.",
        Field::Services => "Velg én eller flere tjenester som skal være med, og bare tjenester med ansatte i kommunen.",
    },
    consent: ConsentTexts {
        action: |kind| match kind {
            ActionKind::EstablishLog => "at stafettloggen opprettes",
            ActionKind::InvolveService => "at en ny tjeneste blir med i samarbeidet",
            ActionKind::Transition => "en overgang til en ny tjeneste",
            ActionKind::ShareHealthInformation => "deling av helseopplysninger",
            ActionKind::EducationDecision => "valg av utdanning",
            ActionKind::ChildOwnAccess => "at barnet får egen innlogging til loggen",
            ActionKind::Close => "å avslutte loggen",
            ActionKind::Reopen => "at loggen åpnes igjen",
            ActionKind::Delete => "at opplysningene i loggen slettes",
            ActionKind::TransferToIndividualPlan => "overføring til individuell plan",
        },
        youth_decides: |age, from, action| format!(
            "Barnet er {age} år. Fra {from} år bestemmer barnet selv over {action}."
        ),
        one_guardian: |age, action| format!(
            "Barnet er {age} år. Det er nok at én med foreldreansvar samtykker til {action}."
        ),
        every_guardian: |age, action| format!(
            "Barnet er {age} år og har fast bosted hos begge foreldrene, så alle med foreldreansvar må samtykke til {action}."
        ),
        any_one_may: |action| format!(
            "Hver av dem som bestemmer kan alene kreve {action}."
        ),
        no_guardian: "Ingen med foreldreansvar er registrert for barnet, så ingen kan samtykke ennå.",
        not_needed: |age| format!(
            "Barnet er {age} år. Fra 15 år har barnet tilgang til sin egen logg uten samtykke fra andre."
        ),
        given: |names| format!("Samtykke er gitt av {names}."),
        missing: |names| format!("Venter på samtykke fra {names}."),
        withdrawn: |names| format!(
            "{names} har trukket samtykket tilbake. Det gjelder fra nå og til nytt samtykke er gitt."
        ),
        request: |action, child, unit| format!(
            "Jeg samtykker til {action} for {child}{unit}. Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig."
        ),
        withdrawal: |action, child, unit| format!(
            "Jeg trekker tilbake samtykket til {action} for {child}{unit}. Det gjelder fra nå."
        ),
        and: "og",
        or: "eller",
    },
    log: LogTexts {
        my_logs_heading: "Stafettlogger",
        no_logs: "Du er ikke med i noen stafettlogg ennå.",
        new_log_link: "Be om en ny stafettlogg",
        waiting_for_you: |n| if n == 1 { "Venter på ditt samtykke".to_string() } else { format!("{n} samtykker venter på deg") },
        open_log: "Åpne loggen",
        consents_link: "Samtykker",
        log_title: |child| format!("Stafettlogg for {child}"),
        holder_heading: "Stafettholder",
        participants_heading: "Med i samarbeidet",
        entries_heading: "Logg",
        no_entries: "Ingen innlegg ennå.",
        child_voice: "Barnets stemme",
        new_entry_label: "Skriv et nytt innlegg",
        save_entry: "Lagre innlegget",
        no_access_title: "Ingen tilgang",
        consents_title: "Samtykker",
        your_decisions: "Dine samtykker",
        no_decisions: "Etter reglene er det ingen samtykker for deg å gi i denne loggen.",
        consent_button: "Jeg samtykker",
        withdraw_button: "Trekk tilbake samtykket",
        in_force: |yes| if yes { "Gjelder nå" } else { "Gjelder ikke nå" },
        history_heading: "Historikk",
        no_history: "Ingen samtykker er registrert ennå.",
        choice: |choice| match choice { Choice::Given => "Samtykke gitt", Choice::Withdrawn => "Samtykke trukket tilbake" },
        by: |name| format!("av {name}"),
        oral_documented_by: |name| format!("muntlig, dokumentert av {name}"),
        explained: "Forklart om konsekvensene",
        new_log_title: "Ny stafettlogg",
        new_log_intro: "Registrer barnet og de foresatte, og velg tjenestene som skal være med. Ingen ser noe før de foresatte (eller ungdommen fra 15 år) har samtykket.",
        child_heading: "Barnet",
        guardian_heading: "Foresatt",
        second_guardian_heading: "Andre foresatt (valgfritt)",
        given_name: "Fornavn",
        family_name: "Etternavn",
        national_id: "Fødselsnummer (11 siffer)",
        birth_date: "Fødselsdato",
        responsible: "Har foreldreansvar",
        residence_label: "Hvor bor barnet?",
        residence: |r| match r { Residence::LivesTogether => "Foreldrene bor sammen med barnet", Residence::SharedResidence => "Foreldrene bor hver for seg, barnet har fast bosted hos begge", Residence::WithThisGuardian => "Foreldrene bor hver for seg, barnet bor hos den første foresatte", Residence::WithOther => "Foreldrene bor hver for seg, barnet bor hos den andre" },
        holder_unit_label: "Jeg er stafettholder for",
        services_heading: "Tjenester som skal være med",
        first_service: "Tjeneste og kontaktperson",
        second_service: "Enda en tjeneste (valgfritt)",
        none_chosen: "Ingen",
        send_request: "Be om samtykke",
        sending: "Sender …",
        status: |s| match s { LogStatus::Requested => "Venter på samtykke", LogStatus::Open => "Åpen", LogStatus::Closed => "Avsluttet" },
    },
};
