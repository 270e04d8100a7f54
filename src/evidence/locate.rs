//! Finding where an item's id and references are written, by a light text search,
//! so cross-file diagnostics (a duplicate id, a dangling reference) can point at the
//! line without keeping every file's text or building a full position index for the
//! files that have no problem.

use crate::diagnostic::Location;
use crate::source::{LineCursor, Span};

/// A position in a file that a later diagnostic may point at. Only numbers: nearly
/// every mark is never shown, so the display path and the source line are found
/// again for the few that are (see `cross`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the file.
    pub span: Span,
    /// 1-based line, or 0 when the text search found nothing and only the file is known.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Mark {
    /// A mark at `span` of `text`.
    #[cfg(test)]
    pub fn at(text: &str, span: Span) -> Self {
        Self::with(&mut LineCursor::new(text), span)
    }

    /// A mark at `span`, its line counted by `cursor` (marks of one file are made
    /// in text order, so one cursor counts each line once).
    pub fn with(cursor: &mut LineCursor<'_>, span: Span) -> Self {
        let (line, column) = cursor.line_col(span.start);
        Self { span, line, column }
    }

    /// A mark naming only the file.
    pub fn file() -> Self {
        Self {
            span: Span::new(0, 0),
            line: 0,
            column: 0,
        }
    }

    /// The location of the mark in the file shown as `path`.
    pub fn location(&self, path: String) -> Location {
        Location {
            path,
            line: self.line,
            column: self.column,
            span: self.span,
        }
    }
}

/// The span of the value of `key` when that value is `value` (`id: X`, `"id": "X"`),
/// searching from byte `from`.
pub fn key_value(text: &str, from: usize, key: &str, value: &str) -> Option<Span> {
    key_ends(text, from, key).find_map(|after| {
        let span = scalar_after(text, after)?;
        (&text[span.start..span.end] == value).then_some(span)
    })
}

/// Where the list under `key` (`refs:`) starts, searching from byte `from`.
pub fn list_start(text: &str, from: usize, key: &str) -> Option<usize> {
    key_ends(text, from, key).next()
}

/// The span of `value` as a whole word at or after byte `after` (an entry of a list
/// that starts there, or after the previous entry).
pub fn list_entry(text: &str, after: usize, value: &str) -> Option<Span> {
    text.get(after..)?.match_indices(value).find_map(|(i, _)| {
        let start = after + i;
        let end = start + value.len();
        let bounded = !text[..start].chars().next_back().is_some_and(is_word)
            && !text[end..].chars().next().is_some_and(is_word);
        bounded.then_some(Span::new(start, end))
    })
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// Byte offsets just after each `key:` / `"key":` written as a mapping key.
fn key_ends<'a>(text: &'a str, from: usize, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.get(from..)
        .unwrap_or_default()
        .match_indices(key)
        .filter_map(move |(i, _)| {
            let start = from + i;
            let mut before = text[..start].chars().rev();
            let mut rest = &text[start + key.len()..];
            let mut prev = before.next();
            if let Some(q @ ('"' | '\'')) = prev {
                rest = rest.strip_prefix(q)?;
                prev = before.next();
            }
            let starts_key = prev.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ','));
            let colon = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
            starts_key.then(|| text.len() - colon.len())
        })
}

/// The span of the scalar written after a key's colon, without its quotes.
fn scalar_after(text: &str, at: usize) -> Option<Span> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let start = at + (rest.len() - trimmed.len());
    match trimmed.chars().next()? {
        q @ ('"' | '\'') => {
            let end = trimmed[1..].find(q)?;
            Some(Span::new(start + 1, start + 1 + end))
        }
        _ => {
            let end = trimmed
                .find(['\n', '\r', ',', '}', '#'])
                .unwrap_or(trimmed.len());
            let value = trimmed[..end].trim_end();
            Some(Span::new(start, start + value.len()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, span: Option<Span>) -> Option<&str> {
        span.map(|s| &text[s.start..s.end])
    }

    #[test]
    fn finds_the_top_level_id_not_a_nested_one() {
        let yaml = "kind: incident\ntimeline:\n  - id: T1\nid: INC-1\n";
        let span = key_value(yaml, 0, "id", "INC-1");
        assert_eq!(found(yaml, span), Some("INC-1"));
        assert_eq!(span.unwrap().start, yaml.find("INC-1").unwrap());
        let json = r#"{"kind":"incident","id": "INC-1"}"#;
        assert_eq!(
            found(json, key_value(json, 0, "id", "INC-1")),
            Some("INC-1")
        );
        assert_eq!(key_value("kid: X\n", 0, "id", "X"), None);
    }

    #[test]
    fn finds_a_reference_as_a_whole_word_after_its_key() {
        let yaml = "id: R-1\ntitle: about INC-10 and INC-1\nrefs:\n  - INC-10\n  - INC-1\n";
        let refs = list_start(yaml, 0, "refs").unwrap();
        let span = list_entry(yaml, refs, "INC-1").unwrap();
        assert_eq!(span.start, yaml.rfind("INC-1").unwrap());
        let flow = r#"{"refs": ["INC-1"]}"#;
        assert_eq!(
            found(
                flow,
                list_entry(flow, list_start(flow, 0, "refs").unwrap(), "INC-1")
            ),
            Some("INC-1")
        );
    }
}
