//! Reading one evidence file: bytes with a size cap, its SHA-256, and the checks that
//! make it text we can parse (not empty, not binary, UTF-8; a BOM is dropped).

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::source::LineIndex;

/// A file's bytes as read: their hash and size, and the text if it is usable.
#[derive(Debug)]
pub struct Contents {
    /// SHA-256 of the bytes on disk (before a BOM is dropped).
    pub sha256: ContentHash,
    /// Size in bytes.
    pub size: u64,
    /// The text, or why there is none.
    pub text: Result<String, Box<Diagnostic>>,
}

/// How much of a file is searched for NUL bytes to call it binary (as git does).
const BINARY_PROBE: usize = 8000;

/// Reads `path` (shown as `shown`), never more than `max_size + 1` bytes. `Err` means
/// the file could not be read at all (or is over the limit); then nothing was hashed.
///
/// The size limit is checked here, on the open file, rather than by the scan: the
/// scan runs on one thread and a `stat` per file there costs more than a `fstat` on
/// the reading threads, and the size also lets the buffer be allocated once.
pub fn read(path: &Path, shown: &str, max_size: u64) -> Result<Contents, Box<Diagnostic>> {
    let cannot_read = |e: std::io::Error| {
        Box::new(
            Diagnostic::error(Code::ReadError, format!("cannot read: {e}"))
                .at(Location::file_only(shown))
                .help("check that the file exists and that you may read it"),
        )
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => {
            // Too large matters more than unreadable: it says what to change.
            let size = std::fs::symlink_metadata(path).map_or(0, |m| m.len());
            return Err(if size > max_size {
                too_large(shown, size, max_size)
            } else {
                cannot_read(e)
            });
        }
    };
    let expected = file.metadata().map_or(0, |m| m.len());
    if expected > max_size {
        return Err(too_large(shown, expected, max_size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    let size = bytes.len() as u64;
    if size > max_size {
        // The file grew after it was measured: still over the limit.
        return Err(too_large(shown, size, max_size));
    }
    let sha256 = ContentHash(Sha256::digest(&bytes).into());
    Ok(Contents {
        sha256,
        size,
        text: text(bytes, shown),
    })
}

/// The diagnostic for a file over the size limit.
pub fn too_large(shown: &str, size: u64, max_size: u64) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            Code::FileTooLarge,
            format!(
                "file is larger than the limit ({} bytes, limit {max_size}); it was not read",
                if size > max_size {
                    format!("at least {size}")
                } else {
                    size.to_string()
                }
            ),
        )
        .at(Location::file_only(shown))
        .help("split it into smaller items, or raise the limit with --max-file-size"),
    )
}

fn text(mut bytes: Vec<u8>, shown: &str) -> Result<String, Box<Diagnostic>> {
    let nul = bytes[..bytes.len().min(BINARY_PROBE)].contains(&0);
    if nul {
        return Err(Box::new(
            Diagnostic::error(Code::BinaryFile, "file holds binary data, not text")
                .at(Location::file_only(shown))
                .help("evidence files are YAML, JSON or Markdown text; keep attachments under another extension (e.g. .pdf) and refer to them from an item"),
        ));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let (line, column) = LineIndex::new(&prefix).line_col(&prefix, prefix.len());
        let mut location = Location::file_only(shown);
        location.line = line;
        location.column = column;
        Box::new(
            Diagnostic::error(
                Code::NotUtf8,
                format!("file is not valid UTF-8 (first bad byte at line {line}, column {column})"),
            )
            .at(location)
            .help("save the file as UTF-8"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::error(Code::EmptyFile, "file is empty")
                .at(Location::file_only(shown))
                .help("an evidence file holds one item with at least `kind`, `id`, `title` and `basis`; delete the file or fill it in"),
        ));
    }
    Ok(text)
}

/// The SHA-256 of a file's bytes, shown and serialised as lower-case hex. Kept as
/// bytes: a manifest holds one per file, and a hex `String` would cost each file
/// another allocation and twice the space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHash(pub [u8; 32]);

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One write of 64 digits: the manifest shows a hash per file, and formatting
        // byte by byte took a noticeable share of writing it.
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut hex = [0u8; 64];
        for (pair, b) in hex.chunks_exact_mut(2).zip(self.0) {
            pair[0] = DIGITS[usize::from(b >> 4)];
            pair[1] = DIGITS[usize::from(b & 0xf)];
        }
        f.write_str(std::str::from_utf8(&hex).unwrap_or_default())
    }
}

impl schemars::JsonSchema for ContentHash {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Sha256".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "SHA-256, 64 lower-case hex digits.",
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
        })
    }
}

impl Serialize for ContentHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(bytes: &[u8]) -> Result<String, Code> {
        text(bytes.to_vec(), "x.yaml").map_err(|d| d.code)
    }

    #[test]
    fn bom_is_dropped_and_crlf_kept() {
        assert_eq!(text_of(b"\xEF\xBB\xBFkind: x\r\n").unwrap(), "kind: x\r\n");
    }

    #[test]
    fn binary_empty_and_non_utf8_are_refused() {
        assert_eq!(text_of(b"PK\x03\x04\x00\x00"), Err(Code::BinaryFile));
        assert_eq!(text_of(b" \n\t\n"), Err(Code::EmptyFile));
        assert_eq!(text_of(b""), Err(Code::EmptyFile));
        assert_eq!(text_of(b"a: 1\nb: caf\xE9\n"), Err(Code::NotUtf8));
    }

    #[test]
    fn non_utf8_is_located() {
        let d = text(b"a: 1\nb: caf\xE9\n".to_vec(), "x.yaml").unwrap_err();
        let at = d.location.unwrap();
        assert_eq!((at.line, at.column), (2, 7));
    }

    #[test]
    fn a_file_that_vanished_is_a_read_error() {
        let d = read(Path::new("/nonexistent/evident/x.yaml"), "x.yaml", 100).unwrap_err();
        assert_eq!(d.code, Code::ReadError);
        assert!(d.message.contains("cannot read"), "{}", d.message);
    }

    #[test]
    fn sha256_is_of_the_bytes_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "abc").unwrap();
        let read = read(&path, "a.yaml", 100).unwrap();
        assert_eq!(
            read.sha256.to_string(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(read.size, 3);
        assert_eq!(
            super::read(&path, "a.yaml", 2).unwrap_err().code,
            Code::FileTooLarge
        );
    }
}
