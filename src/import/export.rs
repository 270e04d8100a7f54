//! One export file: read under a size cap, hashed, parsed as JSON or CSV; and the
//! date and time formats exports use.

use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::evidence::envelope::Provenance;

/// Exports larger than this are refused before they are read: the largest real
/// exports we know of (a year of incidents, a monorepo's SARIF) are a few MiB.
pub const MAX_EXPORT_SIZE: u64 = 64 * 1024 * 1024;

/// CSV rows beyond this are refused: a learning system's export of every employee
/// and course of a large company stays well under it.
const MAX_CSV_ROWS: usize = 1_000_000;

/// An export's bytes, name and hash.
#[derive(Debug)]
pub(crate) struct Export {
    /// The file name (without folders), as provenance records it.
    pub name: String,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// The text (UTF-8, BOM removed).
    pub text: String,
}

impl Export {
    /// Reads `path`, refusing what is too large or not UTF-8 text.
    pub fn read(path: &Path) -> Result<Self, String> {
        let shown = path.display();
        let size = std::fs::metadata(path)
            .map_err(|e| format!("cannot read {shown}: {e}"))?
            .len();
        if size > MAX_EXPORT_SIZE {
            return Err(format!(
                "{shown} is {size} bytes, over the {MAX_EXPORT_SIZE}-byte limit for an export; split it"
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        let sha256 = hex(&Sha256::digest(&bytes));
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{shown} is not UTF-8 text, so not a JSON or CSV export"))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned();
        let name = path
            .file_name()
            .map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
        Ok(Self { name, sha256, text })
    }

    /// The text as JSON (serde_json's recursion limit caps nesting).
    pub fn json(&self) -> Result<Json, String> {
        serde_json::from_str(&self.text).map_err(|e| format!("not JSON ({e})"))
    }

    /// The text as CSV: a header row and records.
    pub fn csv(&self) -> Result<Csv, String> {
        parse_csv(&self.text)
    }

    /// The provenance of one record of this export.
    pub fn provenance(&self, source: super::Source, record: &str) -> Provenance {
        Provenance {
            tool: source.name().to_owned(),
            export: self.name.clone(),
            export_sha256: self.sha256.clone(),
            record: record.to_owned(),
            written_sha256: None,
        }
    }
}

/// Lowercase hex of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A CSV file: its header and its rows, each with its 1-based line number.
#[derive(Debug)]
pub(crate) struct Csv {
    /// Column names.
    pub header: Vec<String>,
    /// Rows: (line, cells).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Csv {
    /// The index of the column named `name`.
    pub fn column(&self, name: &str) -> Result<usize, String> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            format!(
                "has no column `{name}` (its columns: {})",
                self.header.join(", ")
            )
        })
    }
}

/// RFC 4180 CSV: comma-separated, fields optionally in double quotes (a quote inside
/// doubled), CRLF or LF line ends, newlines allowed inside quotes.
fn parse_csv(text: &str) -> Result<Csv, String> {
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                if !(row.len() == 1 && row[0].is_empty()) {
                    rows.push((row_line, std::mem::take(&mut row)));
                } else {
                    row.clear();
                }
                line += 1;
                row_line = line;
                if rows.len() > MAX_CSV_ROWS {
                    return Err(format!("more than {MAX_CSV_ROWS} rows"));
                }
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err(format!(
            "a quoted field opened on line {row_line} is never closed"
        ));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push((row_line, row));
    }
    let mut rows = rows.into_iter();
    let Some((_, header)) = rows.next() else {
        return Err("it is empty (a CSV export starts with a header row)".to_owned());
    };
    let header: Vec<String> = header.into_iter().map(|h| h.trim().to_owned()).collect();
    let rows: Vec<_> = rows.collect();
    if let Some((line, cells)) = rows.iter().find(|(_, cells)| cells.len() != header.len()) {
        return Err(format!(
            "line {line} has {} fields, the header {}",
            cells.len(),
            header.len()
        ));
    }
    Ok(Csv { header, rows })
}

/// A point in time as exports write it: RFC 3339 (`2026-03-02T09:14:00Z`,
/// `2026-03-02T09:14:00.213+01:00`), or Jira's offset without a colon
/// (`2026-03-02T09:14:00.000+0000`).
pub(crate) fn timestamp(text: &str) -> Result<Timestamp, String> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%.f%z", text)
        .and_then(|t| t.to_timestamp())
        .map_err(|_| {
            format!("`{text}` is not a date and time with an offset (like 2026-03-02T09:14:00Z)")
        })
}

/// The UTC day of a point in time: the day an item proves, the same wherever evident
/// runs.
pub(crate) fn day(ts: Timestamp) -> Date {
    ts.to_zoned(TimeZone::UTC).date()
}

/// A day written in `format` (strftime, default `%Y-%m-%d`).
pub(crate) fn date(text: &str, format: Option<&str>) -> Result<Date, String> {
    let format = format.unwrap_or("%Y-%m-%d");
    jiff::fmt::strtime::parse(format, text.trim())
        .and_then(|t| t.to_date())
        .map_err(|_| format!("`{text}` is not a date in the format `{format}`"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn csv_quotes_commas_and_crlf() {
        let csv = parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n1,2\n").unwrap();
        assert_eq!(csv.header, ["a", "b"]);
        assert_eq!(
            csv.rows[0],
            (2, vec!["x, y".to_owned(), "say \"hi\"".to_owned()])
        );
        assert_eq!(csv.rows[1], (3, vec!["1".to_owned(), "2".to_owned()]));
    }

    #[test]
    fn csv_row_of_the_wrong_width_is_named() {
        let err = parse_csv("a,b\n1,2\n3\n").unwrap_err();
        assert!(err.contains("line 3 has 1 fields"), "{err}");
    }

    #[test]
    fn timestamps_in_rfc3339_and_jira_form() {
        let a = timestamp("2026-03-02T09:14:00Z").unwrap();
        assert_eq!(timestamp("2026-03-02T10:14:00.000+0100").unwrap(), a);
        assert!(timestamp("02/03/2026").is_err());
        assert_eq!(
            day(timestamp("2026-03-02T23:30:00-02:00").unwrap()).to_string(),
            "2026-03-03"
        );
    }

    #[test]
    fn dates_follow_the_mapping_format() {
        assert_eq!(
            date("02/03/2026", Some("%d/%m/%Y")).unwrap().to_string(),
            "2026-03-02"
        );
        assert!(date("2026-03-02", Some("%d/%m/%Y")).is_err());
    }
}
