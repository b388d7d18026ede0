//! One error type for every server function: it crosses the wire as JSON,
//! carries a stable user-facing message and maps to an HTTP status. Internal
//! details are logged on the server and never sent to the browser.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A validation problem with one form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please correct the highlighted fields.")]
    Validation(Vec<FieldError>),
    #[error("Please log in to continue.")]
    Unauthenticated,
    #[error("You do not have access to this page.")]
    Forbidden,
    #[error("We could not find what you were looking for.")]
    NotFound,
    /// A business rule said no; the message is written for the user.
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    RateLimited(String),
    /// The company's plan does not allow this; the message names the limit
    /// and the page offers the plans next to it.
    #[error("{0}")]
    PlanLimit(String),
    /// An employer's page or action needs a company they do not have yet.
    #[error("Set up your company first, or join one through an invitation.")]
    NoCompany,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The request never reached the function (network, bad arguments). The
    /// detail is for the browser console only.
    #[error("The request could not be completed. Check your connection and try again.")]
    Transport(String),
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            Self::Validation(_) => 422,
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Refused(_) | Self::NoCompany => 409,
            Self::RateLimited(_) => 429,
            Self::PlanLimit(_) => 402,
            Self::Internal => 500,
            Self::Transport(_) => 400,
        }
    }

    /// The message for one field, if this is a validation error naming it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            Self::Validation(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
    }
}

/// Collects field errors while validating a form.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when the check passed, records the message otherwise.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// Records a message for a field (only the first message per field is kept).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if !self.errors.iter().any(|e| e.field == field) {
            self.errors.push(FieldError::new(field, message));
        }
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.errors))
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;

    impl From<sqlx::Error> for AppError {
        fn from(error: sqlx::Error) -> Self {
            tracing::error!(%error, "database error");
            Self::Internal
        }
    }

    impl From<tower_sessions::session::Error> for AppError {
        fn from(error: tower_sessions::session::Error) -> Self {
            tracing::error!(%error, "session error");
            Self::Internal
        }
    }

    impl From<tokio::task::JoinError> for AppError {
        fn from(error: tokio::task::JoinError) -> Self {
            tracing::error!(%error, "blocking task failed");
            Self::Internal
        }
    }

    impl AppError {
        /// Maps a violation of `constraint` to a field error with `message`;
        /// any other database error stays internal.
        pub fn on_constraint(
            error: sqlx::Error,
            constraint: &str,
            field: &str,
            message: &str,
        ) -> Self {
            if violated_constraint(&error) == Some(constraint) {
                Self::field(field, message)
            } else {
                error.into()
            }
        }
    }

    /// The name of the violated unique or check constraint, if that is what failed.
    pub fn violated_constraint(error: &sqlx::Error) -> Option<&str> {
        match error {
            sqlx::Error::Database(db) => db.constraint(),
            _ => None,
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::violated_constraint;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validator_keeps_first_message_per_field() {
        let mut v = Validator::new();
        v.add("email", "first");
        v.add("email", "second");
        v.add("password", "weak");
        let err = v.finish().unwrap_err();
        assert_eq!(err.field_message("email").as_deref(), Some("first"));
        assert_eq!(err.field_message("password").as_deref(), Some("weak"));
        assert_eq!(err.status(), 422);
    }

    #[test]
    fn empty_validator_passes() {
        assert!(Validator::new().finish().is_ok());
    }
}
