//! The evidence stage's entry: scan a directory, read and check every file in
//! parallel, then check across files (duplicate ids, dangling references).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use super::EvidenceKind;
use super::attach;
use super::check::{self, Checked};
use super::cross::{self, Reread};
use super::item::{EvidenceFile, EvidenceItem, Projection};
use super::read;
use super::scan::{self, Candidate, ScanOptions};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// Everything the evidence stage hands on: valid items for scoring, the manifest of
/// files read, and every problem found.
#[derive(Debug, Default)]
pub struct EvidenceSet {
    /// Valid items, sorted by id.
    pub items: Vec<EvidenceItem>,
    /// Every file read, sorted by path, valid or not.
    pub files: Vec<EvidenceFile>,
    /// Files that are not evidence (other extensions, READMEs, links to scanned files).
    pub ignored: Vec<String>,
    /// Diagnostics of the scan, of each file and across files.
    pub diagnostics: Diagnostics,
}

impl EvidenceSet {
    /// The file an item came from.
    pub fn file_of(&self, item: &EvidenceItem) -> Option<&EvidenceFile> {
        self.files.get(item.file)
    }

    /// Number of valid items per kind.
    pub fn count_by_kind(&self) -> BTreeMap<EvidenceKind, usize> {
        let mut counts = BTreeMap::new();
        for item in &self.items {
            *counts.entry(item.kind).or_default() += 1;
        }
        counts
    }
}

/// Loads the evidence under `root`, shown in diagnostics as `display_root`. Calls
/// `progress` with the number of files to read once the scan is done, then once per
/// file read.
pub fn load(
    root: &Path,
    display_root: &str,
    options: &ScanOptions,
    projection: &Projection,
    progress: &(dyn Fn(Progress) + Sync),
) -> EvidenceSet {
    let mut scan = scan::scan(root, display_root, options);
    progress(Progress::Found(scan.candidates.len()));
    let mut results: Vec<FileResult> = scan
        .candidates
        .par_iter_mut()
        .map(|candidate| {
            let result = read_and_check(candidate, display_root, options, projection);
            progress(Progress::Read);
            result
        })
        .collect();
    let mut set = EvidenceSet {
        ignored: scan.ignored,
        diagnostics: scan.diagnostics,
        files: Vec::with_capacity(results.len()),
        ..EvidenceSet::default()
    };
    for (candidate, result) in results.iter_mut().enumerate() {
        if let Some(problems) = result.problems.take() {
            let Problems {
                source,
                diagnostics,
            } = *problems;
            for d in diagnostics {
                match &source {
                    Some(source) => set.diagnostics.push_in(source, d),
                    None => set.diagnostics.push(d),
                }
            }
        }
        // Unreadable files are not in the manifest: nothing of them was hashed.
        let Some(file) = result.file.take() else {
            continue;
        };
        if let Some(c) = &mut result.checked {
            c.item.file = set.files.len();
            c.candidate = candidate;
        }
        set.files.push(file);
    }
    let named: BTreeSet<String> = results
        .iter_mut()
        .flat_map(|r| std::mem::take(&mut r.attachments_named))
        .collect();
    for d in attach::unreferenced(&set.ignored, &named, display_root) {
        set.diagnostics.push(d);
    }
    let checked: Vec<&Checked> = results.iter().filter_map(|r| r.checked.as_ref()).collect();
    let reread = Reread {
        candidates: &scan.candidates,
        display_root,
        max_file_size: options.max_file_size,
    };
    let mut accepted =
        cross::check(&checked, &mut set.files, &reread, &mut set.diagnostics).into_iter();
    // A `filter_map` over the results' own iterator is collected in place by the
    // standard library: the items are moved within the buffer that held the results
    // instead of being held twice, and the spare room is given back.
    set.items = results
        .into_iter()
        .filter_map(|r| {
            let c = r.checked?;
            accepted.next().unwrap_or(false).then_some(c.item)
        })
        .collect();
    set.items.shrink_to_fit();
    // Sorted by id so output does not depend on thread scheduling. Ids are unique
    // once duplicates are rejected, so an unstable sort (which needs no buffer) gives
    // the one order.
    set.items.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    set
}

/// Checks the text of one evidence file as `load` would, without a directory: its
/// diagnostics, and whether it holds a valid item (cross-file checks aside). For
/// tools that check one file at a time, and for the fuzz targets.
pub fn check_text(path: &str, format: super::Format, text: &str) -> (bool, Vec<Diagnostic>) {
    let source = SourceFile::new(path, text);
    let outcome = check::check(&source, format, &Projection::everything());
    (outcome.checked.is_some(), outcome.diagnostics)
}

/// Progress of a load, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// The scan found this many files to read.
    Found(usize),
    /// One more file was read and checked.
    Read,
}

/// What reading and checking one file gave. The results of every file are held
/// together until the cross-file checks, so the rare parts are boxed.
struct FileResult {
    /// The manifest entry (with the item's kind and id when known), or `None` if the
    /// file could not be read.
    file: Option<EvidenceFile>,
    /// The item, if the file holds a valid one.
    checked: Option<Checked>,
    /// Its diagnostics, if any.
    problems: Option<Box<Problems>>,
    /// The attachment paths its item names (relative to the evidence directory),
    /// whether they match or not.
    attachments_named: Vec<String>,
}

/// A file's diagnostics, with its text when they can show a snippet of it.
struct Problems {
    source: Option<SourceFile>,
    diagnostics: Vec<Diagnostic>,
}

impl FileResult {
    fn unread(file: Option<EvidenceFile>, d: Diagnostic) -> Self {
        Self {
            file,
            checked: None,
            problems: Some(Box::new(Problems {
                source: None,
                diagnostics: vec![d],
            })),
            attachments_named: Vec::new(),
        }
    }
}

/// Reads and checks one file. The manifest entry takes the candidate's relative path
/// rather than a copy; the candidate keeps the path to open.
fn read_and_check(
    candidate: &mut Candidate,
    display_root: &str,
    options: &ScanOptions,
    projection: &Projection,
) -> FileResult {
    let shown = scan::shown(display_root, &candidate.rel);
    let contents = match read::read(&candidate.path, &shown, options.max_file_size) {
        Ok(contents) => contents,
        Err(d) => return FileResult::unread(None, *d),
    };
    let mut file = EvidenceFile::unchecked(std::mem::take(&mut candidate.rel), &contents);
    let text = match contents.text {
        Ok(text) => text,
        Err(d) => return FileResult::unread(Some(file), *d),
    };
    let source = SourceFile::new(shown, text);
    let mut outcome = check::check(&source, candidate.format, projection);
    let mut named = Vec::new();
    if outcome.checked.is_some() && !outcome.attachments.is_empty() {
        let verified = attach::verify(&candidate.path, &file.path, &source, &outcome.attachments);
        file.attachments = verified.records;
        named = verified.named;
        if !verified.problems.is_empty() {
            // A changed or missing attachment makes the item not count.
            outcome.checked = None;
            outcome.diagnostics.extend(verified.problems);
        }
    }
    file.valid = outcome.checked.is_some();
    file.kind = outcome.kind;
    file.id = outcome.id;
    let problems = (!outcome.diagnostics.is_empty()).then(|| {
        Box::new(Problems {
            // Kept only here, where a diagnostic will show a snippet of it.
            source: Some(source),
            diagnostics: outcome.diagnostics,
        })
    });
    FileResult {
        file: Some(file),
        checked: outcome.checked,
        problems,
        attachments_named: named,
    }
}
