//! ISO-8601 durations (`P30D`, `P1M`, `PT1M`) as they appear in catalogs and profiles.
//!
//! The text is kept as written so reports quote the catalog exactly; the parsed
//! [`jiff::Span`] is what date arithmetic uses, so `P1M` is a calendar month.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Pattern of the durations we accept: calendar and clock units, integers only.
/// Kept free of look-around so every JSON Schema engine (editors included) can run it.
pub const PATTERN: &str =
    r"^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$";

/// A validated ISO-8601 duration.
#[derive(Clone)]
pub struct IsoDuration {
    text: String,
    span: jiff::Span,
}

impl IsoDuration {
    /// The duration as written in the source.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The duration as a calendar-aware span.
    pub fn span(&self) -> jiff::Span {
        self.span
    }
}

// Equal as written: `P1M` and `P30D` are different requirements even where they
// happen to span the same days.
impl PartialEq for IsoDuration {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for IsoDuration {}

impl fmt::Debug for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Why a duration was rejected; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(pub String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DurationError {}

impl FromStr for IsoDuration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let shape_ok = text.len() > 1
            && text != "PT"
            && text.starts_with('P')
            && !text.ends_with('T')
            && text[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || "YMWDTHS".contains(c));
        if !shape_ok {
            return Err(DurationError(format!(
                "`{text}` is not an ISO-8601 duration such as `P30D`, `P1M`, `P1Y` or `PT12H`"
            )));
        }
        let span: jiff::Span = text.parse().map_err(|e| {
            DurationError(format!("`{text}` is not a valid ISO-8601 duration: {e}"))
        })?;
        if span.is_zero() {
            return Err(DurationError(format!("`{text}` is a zero-length duration")));
        }
        Ok(Self {
            text: text.to_owned(),
            span,
        })
    }
}

impl Serialize for IsoDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for IsoDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for IsoDuration {
    fn schema_name() -> Cow<'static, str> {
        "IsoDuration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": PATTERN,
            "description": "An ISO-8601 duration: `P30D` (30 days), `P3M` (3 months), `P1Y`, `PT12H`.",
            "examples": ["P30D", "P3M", "P1Y"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_calendar_and_clock_units() {
        for ok in ["P30D", "P1M", "P1Y", "P3M", "PT1M", "P1Y2M3DT4H5M6S", "P2W"] {
            let d: IsoDuration = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(d.as_str(), ok);
        }
        let month: IsoDuration = "P1M".parse().unwrap();
        let minute: IsoDuration = "PT1M".parse().unwrap();
        assert_eq!(month.span().get_months(), 1);
        assert_eq!(minute.span().get_minutes(), 1);
    }

    #[test]
    fn rejects_what_is_not_a_duration() {
        for bad in [
            "", "P", "PT", "30D", "P-1D", "P1.5D", "P0D", "P1DT", "1 month",
        ] {
            assert!(
                bad.parse::<IsoDuration>().is_err(),
                "{bad} should be rejected"
            );
        }
    }
}
