//! The `DateTime` scalar. async-graphql's own describes itself as "Implement the DateTime<Utc>
//! scalar", which GraphQL Code Generator copies into every client's generated types; this one
//! says what the value is, and reads and writes it as async-graphql's did.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::Utc;

/// An instant, read from and written as RFC 3339 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rfc3339(pub chrono::DateTime<Utc>);

/// A date-time: an RFC 3339 string with a time-zone offset, such as
/// `2031-05-01T18:00:00+00:00` or `2031-05-01T18:00:00Z`. Answers are in UTC.
#[Scalar(
    name = "DateTime",
    specified_by_url = "https://datatracker.ietf.org/doc/html/rfc3339"
)]
impl ScalarType for Rfc3339 {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => Ok(Self(text.parse()?)),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_rfc3339())
    }
}

impl Rfc3339 {
    /// The instant as LiSA's filters take it: ISO 8601 in UTC, to the millisecond.
    pub(crate) fn to_lisa(self) -> String {
        self.0.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

impl std::ops::Deref for Rfc3339 {
    type Target = chrono::DateTime<Utc>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}
