//! Provider dates: ISO 8601, with or without an offset (one without is taken as UTC). An
//! unreadable date becomes "unknown" rather than costing the whole item.

use chrono::{DateTime, Utc};

pub(crate) fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date.with_timezone(&Utc));
    }
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|d| d.and_utc())
}
