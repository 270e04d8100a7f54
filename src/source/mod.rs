//! Source text and positions: turning byte offsets and JSON pointers into the
//! `file:line:col` every diagnostic carries.

mod pointer;

pub use pointer::{PointerIndex, child as pointer_child};

use std::sync::Arc;

/// A file's text as it was read, with its display path (relative to where the user
/// pointed us, or `<builtin>/…` for embedded files).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in diagnostics.
    pub path: String,
    /// The whole text.
    pub text: Arc<str>,
}

impl SourceFile {
    /// Wraps a path and its text.
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// Byte range within a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (clamped so `end >= start`).
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }
}

/// Offsets of line starts, for converting between bytes and line/column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line.saturating_sub(1)];
        let column = text[start..offset].chars().count() + 1;
        (line.max(1), column)
    }

    /// Byte offset of a 1-based line and 0-based character column; clamps to the text.
    pub fn offset(&self, text: &str, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let rest = &text[start..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let within = rest[..line_end]
            .char_indices()
            .nth(col_chars)
            .map_or(line_end, |(i, _)| i);
        start + within
    }

    /// Byte range of the line holding `offset`, without its newline.
    pub fn line_span(&self, text: &str, offset: usize) -> Span {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let end = if text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Span::new(start, end)
    }
}

/// 1-based line and 1-based column (in characters) of a byte offset, found by counting
/// rather than through a [`LineIndex`]: a valid file needs only a position or two, and
/// indexing every line of every file costs more than that.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[start..].chars().count() + 1)
}

/// Line and column of offsets visited in increasing order, counted forward from the
/// previous one: a file's marks and headings cost one pass over its text in all,
/// where counting each from the start would be quadratic in their number. An
/// offset before the previous one is counted from the start again (still correct).
#[derive(Debug)]
pub struct LineCursor<'a> {
    text: &'a str,
    /// Last offset visited (on a char boundary), its 1-based line, and the start of
    /// that line.
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        if offset < self.offset {
            *self = Self::new(self.text);
        }
        let between = &self.text[self.offset..offset];
        let newlines = between.bytes().filter(|&b| b == b'\n').count();
        if newlines > 0 {
            self.line += newlines;
            self.line_start = self.offset + between.rfind('\n').map_or(0, |i| i + 1);
        }
        self.offset = offset;
        let column = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_offsets_and_lines_both_ways() {
        let text = "a: 1\nbé: two\r\nc: [x]\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        let two = text.find("two").unwrap();
        assert_eq!(index.line_col(text, two), (2, 5));
        assert_eq!(index.offset(text, 2, 4), two);
        let line2 = index.line_span(text, two);
        assert_eq!(&text[line2.start..line2.end], "bé: two");
        assert_eq!(index.offset(text, 99, 0), text.len());
        let mut cursor = LineCursor::new(text);
        for offset in 0..=text.len() + 1 {
            assert_eq!(
                cursor.line_col(offset),
                index.line_col(text, offset),
                "{offset}"
            );
            assert_eq!(
                line_col(text, offset),
                index.line_col(text, offset),
                "{offset}"
            );
        }
        // Going back restarts the count.
        assert_eq!(cursor.line_col(two), (2, 5));
    }
}
