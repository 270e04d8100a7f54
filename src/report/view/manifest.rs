//! The evidence manifest as the Markdown and HTML reports show it. A report stays
//! readable at any size: it always counts the files by kind and by folder, lists every
//! file when there are at most [`INLINE_FILES`], and above that lists only the files
//! an auditor must look at (invalid ones, and those behind a stale requirement),
//! pointing to `manifest.json` for the rest. The items each result used are listed
//! with that result in the analyst detail, whatever the size.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::report::{ManifestEntry, Report};

/// Most files the reports list one by one; a larger manifest is summarised.
pub const INLINE_FILES: usize = 1_000;

/// The manifest in a report.
#[derive(Debug, Serialize)]
pub struct ManifestSummary {
    /// Whether every file is listed (at most [`INLINE_FILES`]).
    pub in_full: bool,
    /// The inline limit, for the sentence that explains a summary.
    pub limit: usize,
    /// Files per evidence kind (`unknown` for files whose kind could not be read).
    pub by_kind: Vec<FileCount>,
    /// Files per top-level folder of the evidence directory.
    pub by_folder: Vec<FileCount>,
    /// The files listed: all of them, or the invalid and stale ones.
    pub files: Vec<ManifestView>,
    /// How many files are listed.
    pub listed: usize,
    /// Files not listed here (in `manifest.json` only).
    pub not_listed: usize,
}

/// How many files of one kind or folder were read, and how many were invalid.
#[derive(Debug, Serialize)]
pub struct FileCount {
    pub name: String,
    pub files: usize,
    pub invalid: usize,
}

/// One file of the manifest.
#[derive(Debug, Serialize)]
pub struct ManifestView {
    pub path: String,
    pub kind: String,
    pub id: String,
    pub proves: String,
    pub size: u64,
    pub sha256: String,
    pub valid: bool,
    /// Its item is named by a stale reason of an unmet requirement.
    pub stale: bool,
    /// The files the item pins by hash (`attachments`).
    pub attachments: Vec<AttachmentView>,
}

/// One attachment of a manifest file.
#[derive(Debug, Serialize)]
pub struct AttachmentView {
    pub path: String,
    pub sha256: String,
}

impl ManifestSummary {
    /// The manifest of `report` as its reports show it.
    pub fn new(report: &Report) -> Self {
        let entries = &report.manifest.files;
        let stale = stale_paths(report);
        let in_full = entries.len() <= INLINE_FILES;
        let files: Vec<ManifestView> = entries
            .iter()
            .map(|e| (e, stale.contains(e.file.path.as_str())))
            .filter(|(e, stale)| in_full || !e.file.valid || *stale)
            .map(|(e, stale)| view(e, stale))
            .collect();
        Self {
            in_full,
            limit: INLINE_FILES,
            by_kind: count(entries, |e| {
                e.file.kind.map_or("unknown", |k| k.name()).to_owned()
            }),
            by_folder: count(entries, |e| folder(&e.file.path).to_owned()),
            listed: files.len(),
            not_listed: entries.len() - files.len(),
            files,
        }
    }
}

/// The top-level folder of a path relative to the evidence directory.
fn folder(path: &str) -> &str {
    path.split_once('/').map_or("(top level)", |(top, _)| top)
}

fn count(entries: &[ManifestEntry], key: impl Fn(&ManifestEntry) -> String) -> Vec<FileCount> {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in entries {
        let c = counts.entry(key(e)).or_default();
        c.0 += 1;
        c.1 += usize::from(!e.file.valid);
    }
    counts
        .into_iter()
        .map(|(name, (files, invalid))| FileCount {
            name,
            files,
            invalid,
        })
        .collect()
}

/// Paths of the items named by a stale reason of an unmet requirement.
fn stale_paths(report: &Report) -> BTreeSet<&str> {
    crate::report::model::stale_evidence(&report.assessment)
        .map(|e| e.path.as_str())
        .collect()
}

fn view(entry: &ManifestEntry, stale: bool) -> ManifestView {
    let f = &entry.file;
    ManifestView {
        path: f.path.clone(),
        kind: f.kind.map_or_else(String::new, |k| k.name().to_owned()),
        id: f.id.clone().unwrap_or_default(),
        proves: entry.proves.map_or_else(String::new, |p| {
            if p.start == p.end {
                p.start.to_string()
            } else {
                format!("{} to {}", p.start, p.end)
            }
        }),
        size: f.size,
        sha256: f.sha256.to_string(),
        valid: f.valid,
        stale,
        attachments: f
            .attachments
            .iter()
            .map(|a| AttachmentView {
                path: a.path.clone(),
                sha256: a.sha256.to_string(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::folder;

    #[test]
    fn files_are_counted_by_their_top_level_folder() {
        assert_eq!(folder("incidents/2026/INC-1.yaml"), "incidents");
        assert_eq!(folder("plan.md"), "(top level)");
    }
}
