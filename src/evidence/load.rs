//! The evidence stage's entry: scan a directory, read and check every file in
//! parallel, then check across files (duplicate ids, dangling references).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use super::EvidenceKind;
use super::check::{self, Checked};
use super::item::{EvidenceFile, EvidenceItem, Projection};
use super::read;
use super::scan::{self, Candidate, ScanOptions};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
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
    let scan = scan::scan(root, display_root, options);
    progress(Progress::Found(scan.candidates.len()));
    let results: Vec<FileResult> = scan
        .candidates
        .par_iter()
        .map(|candidate| {
            let result = read_and_check(candidate, display_root, options, projection);
            progress(Progress::Read);
            result
        })
        .collect();
    let mut set = EvidenceSet {
        ignored: scan.ignored,
        diagnostics: scan.diagnostics,
        ..EvidenceSet::default()
    };
    let mut checked = Vec::new();
    for result in results {
        let FileResult {
            file,
            source,
            outcome,
        } = result;
        for d in outcome.diagnostics {
            match &source {
                Some(source) => set.diagnostics.push_in(source, d),
                None => set.diagnostics.push(d),
            }
        }
        // Unreadable files are not in the manifest: nothing of them was hashed.
        let Some(mut file) = file else { continue };
        file.valid = outcome.checked.is_some();
        file.kind = outcome.kind;
        file.id = outcome.id;
        if let Some(mut c) = outcome.checked {
            c.item.file = set.files.len();
            checked.push(c);
        }
        set.files.push(file);
    }
    set.items = cross_check(checked, &mut set.files, &mut set.diagnostics);
    // Sorted by id so output does not depend on thread scheduling.
    set.items.sort_by(|a, b| a.id.cmp(&b.id));
    set
}

/// Progress of a load, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// The scan found this many files to read.
    Found(usize),
    /// One more file was read and checked.
    Read,
}

struct FileResult {
    file: Option<EvidenceFile>,
    source: Option<SourceFile>,
    outcome: check::Outcome,
}

fn read_and_check(
    candidate: &Candidate,
    display_root: &str,
    options: &ScanOptions,
    projection: &Projection,
) -> FileResult {
    let shown = scan::shown(display_root, &candidate.rel);
    let contents = match read::read(&candidate.path, &shown, options.max_file_size) {
        Ok(contents) => contents,
        Err(d) => {
            return FileResult {
                file: None,
                source: None,
                outcome: check::Outcome {
                    diagnostics: vec![*d],
                    ..check::Outcome::default()
                },
            };
        }
    };
    let file = EvidenceFile {
        path: candidate.rel.clone(),
        size: contents.size,
        sha256: read::hex(&contents.sha256),
        kind: None,
        id: None,
        valid: false,
    };
    match contents.text {
        Ok(text) => {
            let source = SourceFile::new(shown, text);
            let outcome = check::check(&source, candidate.format, projection);
            // Keep the text only when a diagnostic will show a snippet of it.
            let source = (!outcome.diagnostics.is_empty()).then_some(source);
            FileResult {
                file: Some(file),
                source,
                outcome,
            }
        }
        Err(d) => FileResult {
            file: Some(file),
            source: None,
            outcome: check::Outcome {
                diagnostics: vec![*d],
                ..check::Outcome::default()
            },
        },
    }
}

/// Ids must be unique (ignoring case, as file systems and people do) and references
/// must name a valid item. The first file in path order keeps a duplicated id; any
/// item with a cross-file error is rejected, so scoring only sees consistent items.
fn cross_check(
    checked: Vec<Checked>,
    files: &mut [EvidenceFile],
    diagnostics: &mut Diagnostics,
) -> Vec<EvidenceItem> {
    let mut first: HashMap<String, usize> = HashMap::with_capacity(checked.len());
    let mut rejected = vec![false; checked.len()];
    for (i, c) in checked.iter().enumerate() {
        match first.entry(c.item.id.to_lowercase()) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let original = &checked[*o.get()];
                let at = &original.id.location;
                diagnostics.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        format!("id `{}` is already used by another item", c.item.id),
                    )
                    .at(c.id.location.clone())
                    .excerpt(c.id.excerpt.clone())
                    .label("used again here")
                    .help(format!(
                        "first used at {}:{}:{}; give one of the two items another id (this one is not counted)",
                        at.path, at.line, at.column
                    )),
                );
                rejected[i] = true;
            }
        }
    }
    let exact: HashMap<&str, usize> = checked
        .iter()
        .enumerate()
        .filter(|(i, _)| !rejected[*i])
        .map(|(i, c)| (c.item.id.as_str(), i))
        .collect();
    let mut dangling = vec![false; checked.len()];
    for (i, c) in checked.iter().enumerate().filter(|(i, _)| !rejected[*i]) {
        for (reference, mark) in c.item.refs.iter().zip(&c.refs) {
            if exact.contains_key(reference.as_str()) {
                continue;
            }
            let help = match first.get(&reference.to_lowercase()) {
                Some(&j) if !rejected[j] => format!(
                    "did you mean `{}`? ids are matched exactly",
                    checked[j].item.id
                ),
                _ => "add the item it refers to, or correct the id; an item is referred to by its `id`, not its file name".to_owned(),
            };
            diagnostics.push(
                Diagnostic::error(
                    Code::DanglingRef,
                    format!("reference to `{reference}`, which no valid item has as its id"),
                )
                .at(mark.location.clone())
                .excerpt(mark.excerpt.clone())
                .label("no such item")
                .help(help),
            );
            dangling[i] = true;
        }
    }
    let mut items = Vec::with_capacity(checked.len());
    for (i, c) in checked.into_iter().enumerate() {
        if rejected[i] || dangling[i] {
            if let Some(f) = files.get_mut(c.item.file) {
                f.valid = false;
            }
        } else {
            items.push(c.item);
        }
    }
    items
}
