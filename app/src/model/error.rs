//! The one error type every server function returns to clients.

use crate::domain::access::Denial;
use crate::domain::plan::Invalid;
use crate::domain::staff::Wrong;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A stable, translatable error code. It carries no database or library text: details are
/// logged on the server (see `server::error`) and never sent to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    /// One field of a form is wrong; nothing was saved.
    #[error("invalid {field:?}")]
    Invalid { field: Field },
    /// Not logged in, or the login has ended (timed out, logged out elsewhere).
    #[error("not logged in")]
    Unauthorized,
    /// The gate refused: the person may not do this with this log now, and why.
    #[error("denied: {reason}")]
    Denied { reason: Denial },
    /// Someone else saved a change first; nothing was saved, and the form shows both.
    #[error("changed by someone else")]
    Conflict,
    #[error("temporarily unavailable")]
    Unavailable,
    /// The population register did not answer (down, or too slow): nothing was saved.
    #[error("population register unavailable")]
    RegisterUnavailable,
    /// Too many tries in a short time: wait before trying again.
    #[error("too many requests")]
    TooManyRequests,
    #[error("internal error")]
    Internal,
}

impl ApiError {
    /// The HTTP status the server answers with for this error.
    pub fn status(self) -> http::StatusCode {
        match self {
            ApiError::NotFound => http::StatusCode::NOT_FOUND,
            ApiError::BadRequest | ApiError::Invalid { .. } => http::StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => http::StatusCode::UNAUTHORIZED,
            ApiError::Denied { .. } => http::StatusCode::FORBIDDEN,
            ApiError::Conflict => http::StatusCode::CONFLICT,
            ApiError::Unavailable | ApiError::RegisterUnavailable => {
                http::StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::TooManyRequests => http::StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => ApiError::BadRequest,
            // The client could not reach the server.
            ServerFnErrorErr::Request(_) => ApiError::Unavailable,
            _ => ApiError::Internal,
        }
    }
}

/// A form field an [`ApiError::Invalid`] names, so the form can show the error beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Not a valid national identity number.
    ChildNationalId,
    /// The population register does not know the number.
    ChildUnknown,
    ChildDeceased,
    ChildEmigrated,
    /// Neither resident in Norway nor dead or emigrated (e.g. missing).
    ChildNotResident,
    /// 18 or older.
    ChildAdult,
    /// The register lists nobody with parental responsibility for a child under 15.
    ChildNoGuardian,
    /// The lookup the form was made from is too old or not the person's own.
    Lookup,
    HolderUnit,
    Services,
    Username,
    Password,
    Contact,
    Title,
    Description,
    DevelopmentArea,
    Goal,
    Responsible,
    StartDate,
    EvaluationDate,
    MeasureStatus,
    WhatWasTried,
    WhatWorked,
    WhatNext,
    EvaluatedOn,
    MeetingStart,
    Duration,
    Place,
    VideoUrl,
    Invitees,
    MinuteTaker,
    AgendaItem,
    Minutes,
    Decision,
    Measure,
    Attachment,
    /// Not a member of staff of this municipality who may take the baton (unknown, of
    /// another municipality, not in that unit, the holder).
    BatonReceiver,
    /// The holder's message with an offer, too long.
    BatonMessage,
    /// An offer of the baton already waits for an answer.
    OfferWaiting,
    /// The offer was withdrawn or answered already.
    OfferClosed,
    /// A decline needs a reason the holder can act on.
    DeclineReason,
    /// Not one of the kinds of transition.
    TransitionKind,
    /// No unit of the installation.
    TransitionUnit,
    /// The unit that holds the log now.
    TransitionSameUnit,
    /// Starting school or secondary, and the unit is not a school.
    TransitionNotSchool,
    /// Moving inside the municipality, or to another without moving.
    TransitionMunicipality,
    /// Not a date, gone by, or too far ahead.
    TransitionDate,
    /// The message with a transition, too long.
    TransitionMessage,
    /// A transition runs already.
    TransitionRunning,
    /// The family has not (or no longer) consented to the transition.
    TransitionNotConsented,
    /// A notice of closing says why coordinated help is no longer needed.
    ClosingReason,
    /// An objection to closing, too long.
    ClosingObjection,
    /// The family has been told already.
    ClosingNoticeRunning,
    /// The family has not had its two weeks to object (or was never told).
    ClosingNotYet,
    /// The family objected: the log stays open.
    ClosingObjected,
    /// No notice of closing to object to.
    NothingToObjectTo,
    /// Deletion of the log's content has been demanded already.
    DeletionRequested,
    /// A transfer to an Individual Plan has been proposed already.
    TransferProposed,
    /// What a participant is responsible for, too long.
    Responsibility,
    /// The child asked for is not one the person may ask for (per the register).
    RequestChild,
    /// The unit asked to hold the log.
    RequestUnit,
    /// What the request is about, in the family's words: 10 to 4000 characters.
    RequestAbout,
    /// The child has a log already, or a request waiting.
    RequestExists,
    /// The holder appointed for a family's request: a member of the unit asked.
    RequestHolder,
    // The administrator's forms and import rows.
    NationalId,
    GivenName,
    FamilyName,
    Email,
    Phone,
    UnitKind,
    UnitName,
    StreetAddress,
    PostalCode,
    PostalPlace,
    Website,
    /// An import row's "unit leader" is neither yes nor no.
    UnitLeader,
    /// An import row names no unit of the municipality.
    Unit,
    /// An import row has too few or too many columns.
    Columns,
    /// The person is staff of another municipality.
    StaffElsewhere,
    /// The municipality's last administrator cannot stop being one.
    LastAdministrator,
    /// The import is empty, too large, or not CSV.
    Csv,
    /// The import has refused rows: nothing was applied.
    ImportRefused,
    // A person's own contact details.
    /// Not a mobile number.
    Mobile,
    /// The code does not match.
    Code,
    /// The code has run out (too late, too many wrong tries, or none was sent).
    CodeSpent,
    /// Too many codes sent in the last hour.
    CodesSent,
    /// The address is the one confirmed already.
    AlreadyConfirmed,
    /// SMS notices need a confirmed mobile number.
    NoticeChannel,
}

impl From<Field> for ApiError {
    fn from(field: Field) -> Self {
        ApiError::Invalid { field }
    }
}

impl From<Wrong> for Field {
    fn from(wrong: Wrong) -> Self {
        match wrong {
            Wrong::NationalId => Field::NationalId,
            Wrong::GivenName => Field::GivenName,
            Wrong::FamilyName => Field::FamilyName,
            Wrong::Email => Field::Email,
            Wrong::Phone => Field::Phone,
            Wrong::UnitName => Field::UnitName,
            Wrong::StreetAddress => Field::StreetAddress,
            Wrong::PostalCode => Field::PostalCode,
            Wrong::PostalPlace => Field::PostalPlace,
            Wrong::Website => Field::Website,
            Wrong::Description => Field::Description,
            Wrong::UnitLeader => Field::UnitLeader,
        }
    }
}

impl From<Wrong> for ApiError {
    fn from(wrong: Wrong) -> Self {
        Field::from(wrong).into()
    }
}

impl From<crate::domain::closing::Refusal> for Field {
    fn from(refusal: crate::domain::closing::Refusal) -> Self {
        use crate::domain::closing::Refusal;
        match refusal {
            Refusal::NoNotice | Refusal::NoticeNotOver => Field::ClosingNotYet,
            Refusal::NoticeRunning => Field::ClosingNoticeRunning,
            Refusal::Objected => Field::ClosingObjected,
            Refusal::NotObjectable => Field::NothingToObjectTo,
        }
    }
}

impl From<crate::domain::closing::Refusal> for ApiError {
    fn from(refusal: crate::domain::closing::Refusal) -> Self {
        Field::from(refusal).into()
    }
}

impl From<Invalid> for Field {
    fn from(invalid: Invalid) -> Self {
        match invalid {
            Invalid::StartDate => Field::StartDate,
            Invalid::EvaluationDate => Field::EvaluationDate,
            Invalid::EvaluatedOn => Field::EvaluatedOn,
            Invalid::MeetingStart => Field::MeetingStart,
            Invalid::Duration => Field::Duration,
            Invalid::Place => Field::Place,
            Invalid::VideoUrl => Field::VideoUrl,
            Invalid::AgendaItem => Field::AgendaItem,
        }
    }
}

impl From<Invalid> for ApiError {
    fn from(invalid: Invalid) -> Self {
        Field::from(invalid).into()
    }
}
