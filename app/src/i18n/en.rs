use super::{ConsentTexts, LogTexts, Texts};
use crate::api::error::{ApiError, Field};
use crate::api::identity::{LoginMethod, LoginProblem};
use crate::domain::access::Denial;
use crate::domain::access::LogStatus;
use crate::domain::consent::{ActionKind, Choice, Residence};
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
        ApiError::Unauthorized => "You are not logged in, or your login has expired. Please log in again.",
        ApiError::Invalid { .. } => "Check the marked field and try again. Nothing was saved.",
        ApiError::Denied { reason } => match reason {
            Denial::NotInvolved => "You do not have access to this relay log.",
            Denial::Closed => "The relay log is closed. Nobody can see its content until it is reopened with new consent.",
            Denial::NotOpen => "The relay log is waiting for consent and has not been opened yet.",
            Denial::ConsentWithdrawn => "The consent that gave access has been withdrawn. You no longer have access to the content.",
            Denial::ConsentMissing => "A consent that would give access to this is missing.",
            Denial::NoOwnAccess => "You have not been given your own access to the log yet. That needs consent from someone with parental responsibility.",
            Denial::FiguresOnly => "As a leader you see figures for the unit, not the content of the logs.",
            Denial::HolderOnly => "Only the baton holder can do this.",
            Denial::NotTheirDecision => "Under the rules, this consent is not yours to give.",
        },
        ApiError::Unavailable => "The service is temporarily unavailable. Please try again shortly.",
        ApiError::Internal => "Something went wrong on our side. Please try again later.",
    },
    login_link: "Log in",
    logout: "Log out",
    my_page: "My page",

    login_title: "Log in",
    login_intro: "Log in to see the relay logs you take part in.",
    login_idporten: "Log in with ID-porten",
    login_idporten_hint: "With BankID, BankID on mobile, Buypass or Commfides.",
    login_child_link: "Under 15? Log in with your username and password",
    login_problem: |problem| match problem {
        LoginProblem::Cancelled => "You cancelled the login. You can try again whenever you like.",
        LoginProblem::Failed => "The login could not be completed. Please try again.",
        LoginProblem::Level => "You must log in at the highest security level, with BankID, Buypass or Commfides. Please try again.",
        LoginProblem::Unavailable => "ID-porten is not answering right now. Please try again shortly.",
        LoginProblem::Missing => "Please fill in both username and password.",
        LoginProblem::Invalid => "Wrong username or password.",
        LoginProblem::Locked => "Too many failed attempts. For your security, you cannot log in for the next 15 minutes.",
        LoginProblem::Expired => "The code has expired or been used up. Log in again to get a new code.",
        LoginProblem::NoAddress => "We have no e-mail address or mobile number to send the code to. Contact the person who holds your relay log.",
        LoginProblem::WrongCode => "Wrong code.",
    },
    no_log_title: "No relay log is connected to you",
    no_log_body: "ID-porten confirmed who you are, but you do not take part in any relay log in Stafett. No account has been created for you.",
    no_log_contact: "If you think you should have access, contact the person who holds the child's relay log, or the kindergarten, school or health centre.",
    find_contact: "Find contact information",

    child_login_title: "Log in with a username",
    child_login_intro: "For you if you are under 15 and have your own login. Every time you log in, you get a code by e-mail or text message.",
    username_label: "Username",
    password_label: "Password",
    next: "Next",
    code_title: "Enter the code",
    code_sent: |by_sms| {
        let to = if by_sms { "your mobile phone" } else { "your e-mail" };
        format!("We have sent a 6-digit code to {to}. The code is valid for 10 minutes.")
    },
    code_label: "Code",
    code_hint: "6 digits",
    code_submit: "Log in",
    code_tries_left: |left| match left {
        1 => "You have 1 try left.".to_string(),
        n => format!("You have {n} tries left."),
    },
    code_restart: "Didn't get the code? Start again",
    code_message_subject: "Your code for logging in to Stafett",
    code_message_body: |code| format!(
        "Your code is {code}\n\nIt is valid for 10 minutes. Never give the code to anyone.\nIf you did not try to log in to Stafett, you can ignore this message."
    ),

    me_title: "My page",
    signed_in_as: |name| format!("You are logged in as {name}"),
    staff_units: "You work at",
    unit_leader: "unit leader",
    citizen: "You are logged in as a citizen.",
    sessions_title: "Active logins",
    sessions_intro: "Here you see where you are logged in now. A login ends after 30 minutes without activity, and after 12 hours at the latest.",
    session_started: "Started",
    session_last_active: "Last active",
    session_this: "This browser",
    session_method: |method| match method {
        LoginMethod::IdPorten => "ID-porten",
        LoginMethod::PasswordAndCode => "Username, password and code",
    },
    unknown_device: "Unknown browser",
    log_out_everywhere: "Log out everywhere",
    logged_out_title: "You are logged out",
    logged_out_body: "If others also use this computer, close the browser now.",
    logging_out_at_provider: "You are logged out of Stafett. Now logging you out of ID-porten too …",
    continue_to_provider_logout: "Continue to ID-porten",
    login_again: "Log in again",
    field_error: |field| match field {
        Field::ChildGivenName => "Enter the child's given name.",
        Field::ChildFamilyName => "Enter the child's family name.",
        Field::ChildNationalId => "The child's national identity number is not valid. It has 11 digits.",
        Field::ChildBirthDate => "The birth date does not match the national identity number.",
        Field::GuardianGivenName => "Enter the guardian's given name.",
        Field::GuardianFamilyName => "Enter the guardian's family name.",
        Field::GuardianNationalId => "The guardian's national identity number is not valid.",
        Field::SecondGuardianGivenName => "Enter the second guardian's given name.",
        Field::SecondGuardianFamilyName => "Enter the second guardian's family name.",
        Field::SecondGuardianNationalId => "The second guardian's national identity number is not valid.",
        Field::HolderUnit => "Choose the unit you hold the baton for.",
        Field::Services => "Choose one or more services to take part, and only services with staff in the municipality.",
    },
    consent: ConsentTexts {
        action: |kind| match kind {
            ActionKind::EstablishLog => "establishing the relay log",
            ActionKind::InvolveService => "a new service joining the cooperation",
            ActionKind::Transition => "a transition to a new service",
            ActionKind::ShareHealthInformation => "sharing health information",
            ActionKind::EducationDecision => "the choice of education",
            ActionKind::ChildOwnAccess => "the child getting their own login to the log",
            ActionKind::Close => "closing the log",
            ActionKind::Reopen => "reopening the log",
            ActionKind::Delete => "deleting the information in the log",
            ActionKind::TransferToIndividualPlan => "transfer to an individual plan",
        },
        youth_decides: |age, from, action| format!(
            "The child is {age}. From {from}, the child decides on {action} themselves."
        ),
        one_guardian: |age, action| format!(
            "The child is {age}. Consent to {action} from one person with parental responsibility is enough."
        ),
        every_guardian: |age, action| format!(
            "The child is {age} and has fixed residence with both parents, so everyone with parental responsibility must consent to {action}."
        ),
        any_one_may: |action| format!(
            "Each of those who decide may demand {action} alone."
        ),
        no_guardian: "Nobody with parental responsibility is registered for the child, so nobody can consent yet.",
        not_needed: |age| format!(
            "The child is {age}. From 15, the child has access to their own log without anyone else's consent."
        ),
        given: |names| format!("Consent has been given by {names}."),
        missing: |names| format!("Waiting for consent from {names}."),
        withdrawn: |names| format!(
            "{names} withdrew consent. This applies from now until consent is given again."
        ),
        request: |action, child, unit| format!(
            "I consent to {action} for {child}{unit}. Only those taking part in the cooperation see the content of the log. I can withdraw this consent at any time, also orally."
        ),
        withdrawal: |action, child, unit| format!(
            "I withdraw my consent to {action} for {child}{unit}. This applies from now."
        ),
        and: "and",
        or: "or",
    },
    log: LogTexts {
        my_logs_heading: "Relay logs",
        no_logs: "You are not part of any relay log yet.",
        new_log_link: "Request a new relay log",
        waiting_for_you: |n| if n == 1 { "Waiting for your consent".to_string() } else { format!("{n} consents are waiting for you") },
        open_log: "Open the log",
        consents_link: "Consents",
        log_title: |child| format!("Relay log for {child}"),
        holder_heading: "Baton holder",
        participants_heading: "Taking part",
        entries_heading: "Log",
        no_entries: "No entries yet.",
        child_voice: "The child's voice",
        new_entry_label: "Write a new entry",
        save_entry: "Save the entry",
        no_access_title: "No access",
        consents_title: "Consents",
        your_decisions: "Your consents",
        no_decisions: "Under the rules there are no consents for you to give in this log.",
        consent_button: "I consent",
        withdraw_button: "Withdraw the consent",
        in_force: |yes| if yes { "In force now" } else { "Not in force now" },
        history_heading: "History",
        no_history: "No consents are recorded yet.",
        choice: |choice| match choice { Choice::Given => "Consent given", Choice::Withdrawn => "Consent withdrawn" },
        by: |name| format!("by {name}"),
        oral_documented_by: |name| format!("orally, documented by {name}"),
        explained: "Consequences explained",
        new_log_title: "New relay log",
        new_log_intro: "Register the child and the guardians, and choose the services to take part. Nobody sees anything until the guardians (or the youth from 15) have consented.",
        child_heading: "The child",
        guardian_heading: "Guardian",
        second_guardian_heading: "Second guardian (optional)",
        given_name: "Given name",
        family_name: "Family name",
        national_id: "National identity number (11 digits)",
        birth_date: "Birth date",
        responsible: "Has parental responsibility",
        residence_label: "Where does the child live?",
        residence: |r| match r { Residence::LivesTogether => "The parents live together with the child", Residence::SharedResidence => "The parents live apart; the child has fixed residence with both", Residence::WithThisGuardian => "The parents live apart; the child lives with the first guardian", Residence::WithOther => "The parents live apart; the child lives with the other" },
        holder_unit_label: "I hold the baton for",
        services_heading: "Services to take part",
        first_service: "Service and contact person",
        second_service: "Another service (optional)",
        none_chosen: "None",
        send_request: "Ask for consent",
        sending: "Sending …",
        status: |s| match s { LogStatus::Requested => "Waiting for consent", LogStatus::Open => "Open", LogStatus::Closed => "Closed" },
    },
};
