use super::{ConsentTexts, LogTexts, Texts};
use crate::api::error::{ApiError, Field};
use crate::api::identity::{LoginMethod, LoginProblem};
use crate::domain::access::Denial;
use crate::domain::access::LogStatus;
use crate::domain::consent::{ActionKind, Choice, Residence};
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
        ApiError::Unauthorized => "Du er ikkje logga inn, eller innlogginga har gått ut. Logg inn på nytt.",
        ApiError::Invalid { .. } => "Sjekk feltet som er merka, og prøv igjen. Ingenting er lagra.",
        ApiError::Denied { reason } => match reason {
            Denial::NotInvolved => "Du har ikkje tilgang til denne stafettloggen.",
            Denial::Closed => "Stafettloggen er avslutta. Ingen kan sjå innhaldet før han er opna igjen med nytt samtykke.",
            Denial::NotOpen => "Stafettloggen ventar på samtykke og er ikkje opna enno.",
            Denial::ConsentWithdrawn => "Samtykket som gav tilgang, er trekt tilbake. Du har ikkje lenger tilgang til innhaldet.",
            Denial::ConsentMissing => "Det manglar eit samtykke som gir tilgang til dette.",
            Denial::NoOwnAccess => "Du har ikkje fått eigen tilgang til loggen enno. Det krev samtykke frå den som har foreldreansvar.",
            Denial::FiguresOnly => "Som leiar ser du tal for eininga, ikkje innhaldet i loggane.",
            Denial::HolderOnly => "Berre stafetthaldaren kan gjere dette.",
            Denial::NotTheirDecision => "Etter reglane er ikkje dette ditt samtykke å gi.",
        },
        ApiError::Unavailable => "Tenesta er mellombels utilgjengeleg. Prøv igjen om litt.",
        ApiError::Internal => "Det oppstod ein feil hos oss. Prøv igjen seinare.",
    },
    login_link: "Logg inn",
    logout: "Logg ut",
    my_page: "Mi side",

    login_title: "Logg inn",
    login_intro: "Logg inn for å sjå stafettloggane du er med i.",
    login_idporten: "Logg inn med ID-porten",
    login_idporten_hint: "Med BankID, BankID på mobil, Buypass eller Commfides.",
    login_child_link: "Er du under 15 år? Logg inn med brukarnamn og passord",
    login_problem: |problem| match problem {
        LoginProblem::Cancelled => "Du avbraut innlogginga. Du kan prøve igjen når du vil.",
        LoginProblem::Failed => "Innlogginga kunne ikkje fullførast. Prøv igjen.",
        LoginProblem::Level => "Du må logge inn på høgaste tryggingsnivå, med BankID, Buypass eller Commfides. Prøv igjen.",
        LoginProblem::Unavailable => "ID-porten svarar ikkje akkurat no. Prøv igjen om litt.",
        LoginProblem::Missing => "Fyll inn både brukarnamn og passord.",
        LoginProblem::Invalid => "Feil brukarnamn eller passord.",
        LoginProblem::Locked => "For mange mislukka forsøk. Av omsyn til tryggleiken kan du ikkje logge inn dei neste 15 minutta.",
        LoginProblem::Expired => "Koden har gått ut eller er brukt opp. Logg inn på nytt for å få ein ny kode.",
        LoginProblem::NoAddress => "Vi har inga e-postadresse eller mobilnummer å sende koden til. Kontakt den som har stafettloggen din.",
        LoginProblem::WrongCode => "Feil kode.",
    },
    no_log_title: "Ingen stafettlogg er knytt til deg",
    no_log_body: "ID-porten stadfesta kven du er, men du er ikkje med i nokon stafettlogg i Stafett. Vi har ikkje oppretta nokon brukar for deg.",
    no_log_contact: "Meiner du at du skal ha tilgang, ta kontakt med den som har stafettloggen for barnet, eller med barnehagen, skulen eller helsestasjonen.",
    find_contact: "Finn kontaktinformasjon",

    child_login_title: "Logg inn med brukarnamn",
    child_login_intro: "For deg under 15 år som har fått eiga innlogging. Kvar gong du loggar inn, får du ein kode på e-post eller SMS.",
    username_label: "Brukarnamn",
    password_label: "Passord",
    next: "Neste",
    code_title: "Skriv inn koden",
    code_sent: |by_sms| {
        let to = if by_sms { "mobilen din" } else { "e-posten din" };
        format!("Vi har sendt ein kode på 6 siffer til {to}. Koden gjeld i 10 minutt.")
    },
    code_label: "Kode",
    code_hint: "6 siffer",
    code_submit: "Logg inn",
    code_tries_left: |left| format!("Du har {left} forsøk igjen."),
    code_restart: "Fekk du ikkje koden? Start på nytt",
    code_message_subject: "Koden din for å logge inn i Stafett",
    code_message_body: |code| format!(
        "Koden din er {code}\n\nDen gjeld i 10 minutt. Ikkje gi koden til nokon.\nHar du ikkje prøvd å logge inn i Stafett, kan du sjå bort frå denne meldinga."
    ),

    me_title: "Mi side",
    signed_in_as: |name| format!("Du er logga inn som {name}"),
    staff_units: "Du arbeider i",
    unit_leader: "einingsleiar",
    citizen: "Du er logga inn som innbyggjar.",
    sessions_title: "Aktive innloggingar",
    sessions_intro: "Her ser du kvar du er logga inn no. Ei innlogging blir avslutta etter 30 minutt utan aktivitet, og seinast etter 12 timar.",
    session_started: "Starta",
    session_last_active: "Sist aktiv",
    session_this: "Denne nettlesaren",
    session_method: |method| match method {
        LoginMethod::IdPorten => "ID-porten",
        LoginMethod::PasswordAndCode => "Brukarnamn, passord og kode",
    },
    unknown_device: "Ukjend nettlesar",
    log_out_everywhere: "Logg ut overalt",
    logged_out_title: "Du er logga ut",
    logged_out_body: "Brukar du ei datamaskin som andre også brukar, bør du lukke nettlesaren no.",
    logging_out_at_provider: "Du er logga ut av Stafett. No loggar vi deg ut av ID-porten òg …",
    continue_to_provider_logout: "Hald fram til ID-porten",
    login_again: "Logg inn igjen",
    field_error: |field| match field {
        Field::ChildGivenName => "Skriv førenamnet til barnet.",
        Field::ChildFamilyName => "Skriv etternamnet til barnet.",
        Field::ChildNationalId => "Fødselsnummeret til barnet er ikkje gyldig. Det skal ha 11 siffer.",
        Field::ChildBirthDate => "Fødselsdatoen stemmer ikkje med fødselsnummeret.",
        Field::GuardianGivenName => "Skriv førenamnet til den føresette.",
        Field::GuardianFamilyName => "Skriv etternamnet til den føresette.",
        Field::GuardianNationalId => "Fødselsnummeret til den føresette er ikkje gyldig.",
        Field::SecondGuardianGivenName => "Skriv førenamnet til den andre føresette.",
        Field::SecondGuardianFamilyName => "Skriv etternamnet til den andre føresette.",
        Field::SecondGuardianNationalId => "Fødselsnummeret til den andre føresette er ikkje gyldig.",
        Field::HolderUnit => "Vel eininga du er stafetthaldar for.",
        Field::Services => "Vel éi eller fleire tenester som skal vere med, og berre tenester med tilsette i kommunen.",
        Field::Username => "Brukarnamnet må ha 3 til 40 teikn: små bokstavar a–z, tal, punktum, bindestrek eller understrek.",
        Field::UsernameTaken => "Brukarnamnet er allereie i bruk. Vel eit anna.",
        Field::Password => "Passordet må ha minst 8 teikn, ikkje vere eit vanleg passord og ikkje vere likt brukarnamnet.",
        Field::Contact => "Skriv ei e-postadresse eller eit mobilnummer som koden kan sendast til.",
    },
    consent: ConsentTexts {
        action: |kind| match kind {
            ActionKind::EstablishLog => "at stafettloggen blir oppretta",
            ActionKind::InvolveService => "at ei ny teneste blir med i samarbeidet",
            ActionKind::Transition => "ein overgang til ei ny teneste",
            ActionKind::ShareHealthInformation => "deling av helseopplysningar",
            ActionKind::EducationDecision => "val av utdanning",
            ActionKind::ChildOwnAccess => "at barnet får eiga innlogging til loggen",
            ActionKind::Close => "å avslutte loggen",
            ActionKind::Reopen => "at loggen blir opna igjen",
            ActionKind::Delete => "at opplysningane i loggen blir sletta",
            ActionKind::TransferToIndividualPlan => "overføring til individuell plan",
        },
        youth_decides: |age, from, action| format!(
            "Barnet er {age} år. Frå {from} år bestemmer barnet sjølv over {action}."
        ),
        one_guardian: |age, action| format!(
            "Barnet er {age} år. Det er nok at éin med foreldreansvar samtykkjer til {action}."
        ),
        every_guardian: |age, action| format!(
            "Barnet er {age} år og har fast bustad hos begge foreldra, så alle med foreldreansvar må samtykkje til {action}."
        ),
        any_one_may: |action| format!(
            "Kvar av dei som bestemmer kan åleine krevje {action}."
        ),
        no_guardian: "Ingen med foreldreansvar er registrert for barnet, så ingen kan samtykkje enno.",
        not_needed: |age| format!(
            "Barnet er {age} år. Frå 15 år har barnet tilgang til sin eigen logg utan samtykke frå andre."
        ),
        given: |names| format!("Samtykke er gitt av {names}."),
        missing: |names| format!("Ventar på samtykke frå {names}."),
        withdrawn: |names| format!(
            "{names} har trekt samtykket tilbake. Det gjeld frå no og til nytt samtykke er gitt."
        ),
        request: |action, child, unit| format!(
            "Eg samtykkjer til {action} for {child}{unit}. Berre dei som er med i samarbeidet, ser innhaldet i loggen. Eg kan trekkje samtykket tilbake når som helst, også munnleg."
        ),
        withdrawal: |action, child, unit| format!(
            "Eg trekkjer tilbake samtykket til {action} for {child}{unit}. Det gjeld frå no."
        ),
        and: "og",
        or: "eller",
    },
    log: LogTexts {
        my_logs_heading: "Stafettloggar",
        no_logs: "Du er ikkje med i nokon stafettlogg enno.",
        new_log_link: "Be om ein ny stafettlogg",
        waiting_for_you: |n| if n == 1 { "Ventar på samtykket ditt".to_string() } else { format!("{n} samtykke ventar på deg") },
        open_log: "Opne loggen",
        consents_link: "Samtykke",
        log_title: |child| format!("Stafettlogg for {child}"),
        holder_heading: "Stafetthaldar",
        participants_heading: "Med i samarbeidet",
        entries_heading: "Logg",
        no_entries: "Ingen innlegg enno.",
        child_voice: "Barnet si stemme",
        new_entry_label: "Skriv eit nytt innlegg",
        save_entry: "Lagre innlegget",
        no_access_title: "Ingen tilgang",
        consents_title: "Samtykke",
        your_decisions: "Samtykka dine",
        no_decisions: "Etter reglane er det ingen samtykke for deg å gi i denne loggen.",
        consent_button: "Eg samtykkjer",
        withdraw_button: "Trekk tilbake samtykket",
        in_force: |yes| if yes { "Gjeld no" } else { "Gjeld ikkje no" },
        history_heading: "Historikk",
        no_history: "Ingen samtykke er registrerte enno.",
        choice: |choice| match choice { Choice::Given => "Samtykke gitt", Choice::Withdrawn => "Samtykke trekt tilbake" },
        by: |name| format!("av {name}"),
        oral_documented_by: |name| format!("munnleg, dokumentert av {name}"),
        explained: "Forklart om konsekvensane",
        new_log_title: "Ny stafettlogg",
        new_log_intro: "Registrer barnet og dei føresette, og vel tenestene som skal vere med. Ingen ser noko før dei føresette (eller ungdommen frå 15 år) har samtykt.",
        child_heading: "Barnet",
        guardian_heading: "Føresett",
        second_guardian_heading: "Andre føresett (valfritt)",
        given_name: "Førenamn",
        family_name: "Etternamn",
        national_id: "Fødselsnummer (11 siffer)",
        birth_date: "Fødselsdato",
        responsible: "Har foreldreansvar",
        residence_label: "Kvar bur barnet?",
        residence: |r| match r { Residence::LivesTogether => "Foreldra bur saman med barnet", Residence::SharedResidence => "Foreldra bur kvar for seg, barnet har fast bustad hos begge", Residence::WithThisGuardian => "Foreldra bur kvar for seg, barnet bur hos den første føresette", Residence::WithOther => "Foreldra bur kvar for seg, barnet bur hos den andre" },
        holder_unit_label: "Eg er stafetthaldar for",
        services_heading: "Tenester som skal vere med",
        first_service: "Teneste og kontaktperson",
        second_service: "Endå ei teneste (valfritt)",
        none_chosen: "Ingen",
        send_request: "Be om samtykke",
        sending: "Sender …",
        status: |s| match s { LogStatus::Requested => "Ventar på samtykke", LogStatus::Open => "Open", LogStatus::Closed => "Avslutta" },
        child_login_heading: "Lag eiga innlogging for barnet",
        child_login_intro: "Barnet loggar inn med brukarnamn, passord og ein eingongskode som blir send kvar gong. Vel eit passord barnet kan hugse, minst 8 teikn.",
        code_channel_label: "Koden blir send med",
        by_email: "E-post",
        by_sms: "SMS",
        contact_label: "E-postadresse eller mobilnummer til barnet",
        create_child_login: "Lag innlogging",
        child_has_login: "Barnet har eiga innlogging.",
        oral_heading: "Munnleg tilbaketrekking",
        oral_intro: "Har nokon trekt eit samtykke munnleg, dokumenterer du det her med ein gong. Det gjeld frå no, og du bør forklare kva det tyder.",
        explained_label: "Kva du forklarte om konsekvensane",
        document_button: "Dokumenter tilbaketrekkinga",
    },
};
