//! Attachments: the files an item stands for (a signed PDF, a screenshot, a
//! spreadsheet), pinned by SHA-256 in the item and checked on every run, and the
//! documents and images no item names.

use std::io::Read;
use std::path::{Component, Path};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::envelope::Attachment;
use super::read::ContentHash;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::source::{LineIndex, SourceFile, Span};

/// Attachments larger than this are not hashed: a scanned board pack is tens of
/// MiB, not gigabytes. Hashing streams, so memory stays flat below the cap.
pub const MAX_ATTACHMENT_SIZE: u64 = 512 * 1024 * 1024;

/// Extensions of the files people attach: documents, images, spreadsheets.
pub const ATTACHMENT_EXTENSIONS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "svg", "tif", "tiff", "xlsx", "xls", "ods", "csv",
    "docx", "doc", "odt", "pptx",
];

/// An attachment as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AttachmentRecord {
    /// Path relative to the evidence directory, `/`-separated.
    pub path: String,
    /// SHA-256 of its bytes, as recorded in the item and found on disk.
    pub sha256: ContentHash,
}

/// Checks an item's attachments against the files beside it (`item_path` is the
/// item's file on disk, `rel` its path relative to the evidence directory). Returns
/// the manifest records of those that match, and a located diagnostic for each that
/// is missing, changed, or named by a path that leaves the item's folder.
pub(super) fn verify(
    item_path: &Path,
    rel: &str,
    source: &SourceFile,
    attachments: &[Attachment],
) -> Verified {
    let folder = item_path.parent().unwrap_or(Path::new("."));
    let rel_folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    let lines = LineIndex::new(&source.text);
    let at = |value: &str| {
        let after = source.text.find("attachments").unwrap_or(0);
        let span = source.text[after..]
            .find(value)
            .map_or(Span::new(0, 0), |i| {
                Span::new(after + i, after + i + value.len())
            });
        Location::in_file(source, &lines, span)
    };
    let mut verified = Verified::default();
    for attachment in attachments {
        let name = &attachment.path;
        let relative = Path::new(name);
        let escapes = relative.is_absolute()
            || relative
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
        if escapes {
            verified.problems.push(
                Diagnostic::error(
                    Code::AttachmentMissing,
                    format!("attachment `{name}` is not a path inside the item's folder"),
                )
                .at(at(name))
                .help("name the file relative to the item's folder, without `..` or a leading `/`"),
            );
            continue;
        }
        let shown = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/");
        let shown = if rel_folder.is_empty() {
            shown
        } else {
            format!("{rel_folder}/{shown}")
        };
        // Named even when it fails below, so it is not also reported as unreferenced.
        verified.named.push(shown.clone());
        let path = folder.join(relative);
        let hashed = match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() && meta.len() > MAX_ATTACHMENT_SIZE => Err(format!(
                "attachment `{name}` is {} bytes, over the {MAX_ATTACHMENT_SIZE}-byte limit",
                meta.len()
            )),
            Ok(meta) if meta.is_file() => {
                hash(&path).map_err(|e| format!("cannot read attachment `{name}`: {e}"))
            }
            Ok(_) => Err(format!("attachment `{name}` is not a regular file")),
            Err(_) => Err(format!("attachment `{name}` is missing")),
        };
        let found = match hashed {
            Ok(found) => found,
            Err(message) => {
                verified.problems.push(
                    Diagnostic::error(Code::AttachmentMissing, message)
                        .at(at(name))
                        .help("put the file beside the item under this path, or remove it from `attachments`; the item does not count until then"),
                );
                continue;
            }
        };
        let found_hex = found.to_string();
        if found_hex != attachment.sha256 {
            verified.problems.push(
                Diagnostic::error(
                    Code::AttachmentChanged,
                    format!(
                        "attachment `{name}` has changed: its SHA-256 is {found_hex}, the item records {}",
                        attachment.sha256
                    ),
                )
                .at(at(&attachment.sha256))
                .help("if the new file is the right one, record its hash in the item; otherwise restore the file. The item does not count until they agree"),
            );
            continue;
        }
        verified.records.push(AttachmentRecord {
            path: shown,
            sha256: found,
        });
    }
    verified
}

/// What checking an item's attachments found.
#[derive(Debug, Default)]
pub(super) struct Verified {
    /// Those that match their recorded hash, for the manifest.
    pub records: Vec<AttachmentRecord>,
    /// Every path named (inside the item's folder), matching or not.
    pub named: Vec<String>,
    /// A diagnostic per attachment that is missing, changed or outside the folder.
    pub problems: Vec<Diagnostic>,
}

/// SHA-256 of a file, streamed.
fn hash(path: &Path) -> std::io::Result<ContentHash> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(ContentHash(hasher.finalize().into()))
}

/// A warning for each document or image among `ignored` that no valid item names,
/// with the sidecar item to write beside it.
pub(super) fn unreferenced(
    ignored: &[String],
    named: &std::collections::BTreeSet<String>,
    display_root: &str,
) -> Vec<Diagnostic> {
    ignored
        .iter()
        .filter(|rel| {
            let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            ext.is_some_and(|e| ATTACHMENT_EXTENSIONS.contains(&e.as_str()))
                && !named.contains(rel.as_str())
        })
        .map(|rel| {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            Diagnostic::warning(
                Code::UnreferencedAttachment,
                format!("{rel} is named by no item, so it proves nothing"),
            )
            .at(Location::file_only(super::scan::shown(display_root, rel)))
            .help(format!(
                "write `{stem}.yaml` beside it with the item it stands for and \
                 `attachments: [{{path: {name}, sha256: <sha256sum {name}>}}]`"
            ))
        })
        .collect()
}
