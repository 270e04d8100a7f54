//! Finding the evidence files under a directory: which to read, which to skip and
//! why. Nothing here opens or even `stat`s a file: special files are recognised from
//! the type the directory listing gives, and sizes are checked when a file is read.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};

/// How an evidence file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `.yaml` or `.yml`.
    Yaml,
    /// `.json`.
    Json,
    /// `.md` or `.markdown`: YAML front matter and a Markdown body.
    Markdown,
}

impl Format {
    /// The format of a file name, or `None` for files that are not evidence.
    pub fn of(name: &str) -> Option<Self> {
        let (_, ext) = name.rsplit_once('.')?;
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        if is("yaml") || is("yml") {
            Some(Self::Yaml)
        } else if is("json") {
            Some(Self::Json)
        } else if is("md") || is("markdown") {
            Some(Self::Markdown)
        } else {
            None
        }
    }
}

/// What the scan decided to skip or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Path to open.
    pub path: PathBuf,
    /// Path relative to the evidence directory, `/`-separated: the file's name in
    /// manifests and reports.
    pub rel: String,
    /// Its format.
    pub format: Format,
}

/// Options of a scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Files larger than this many bytes are reported and not read (checked by
    /// [`super::read::read`]).
    pub max_file_size: u64,
    /// Folders not to enter (the report output folder when it is inside the root).
    pub exclude: Vec<PathBuf>,
}

/// The name of the assessment profile at the root, which is not an evidence item.
pub const PROFILE_FILE: &str = "evident.yaml";

/// The default size limit: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            exclude: Vec::new(),
        }
    }
}

/// The result of a scan: files to read in path order, files ignored, diagnostics.
#[derive(Debug, Default)]
pub struct Scan {
    /// Evidence files to read, sorted by `rel`.
    pub candidates: Vec<Candidate>,
    /// Relative paths of files that are not evidence (other extensions, READMEs,
    /// symlinks to files scanned at their own path).
    pub ignored: Vec<String>,
    /// Skipped files and unreadable folders.
    pub diagnostics: Diagnostics,
}

/// How the scan shows a relative path in diagnostics: under the directory as the
/// user named it, so the path works from their shell.
pub fn shown(display_root: &str, rel: &str) -> String {
    let root = display_root.trim_end_matches('/');
    if root.is_empty() || root == "." {
        rel.to_owned()
    } else {
        format!("{root}/{rel}")
    }
}

/// Walks `root` (named `display_root` in diagnostics). Hidden files and folders
/// (`.git`), excluded folders, the root's `evident.yaml` and `README.md` files are
/// not evidence. Symbolic links are never followed: a link inside the root names
/// something scanned at its own path, one outside is reported.
pub fn scan(root: &Path, display_root: &str, options: &ScanOptions) -> Scan {
    let mut scan = Scan::default();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let exclude: Vec<PathBuf> = options
        .exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            let excluded = entry.file_type().is_dir()
                && !exclude.is_empty()
                && entry
                    .path()
                    .canonicalize()
                    .is_ok_and(|real| exclude.contains(&real));
            !hidden && !excluded
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| ".".to_owned());
                scan.diagnostics.push(
                    Diagnostic::error(Code::ReadError, format!("cannot read: {e}"))
                        .at(Location::file_only(shown(display_root, &rel)))
                        .help("check that you may read this folder"),
                );
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let rel = relative(root, entry.path());
        let name = entry.file_name().to_string_lossy();
        if kind.is_symlink() {
            match symlink(entry.path(), &real_root, &shown(display_root, &rel)) {
                Some(d) => scan.diagnostics.push(d),
                None => scan.ignored.push(rel),
            }
            continue;
        }
        if !kind.is_file() {
            scan.diagnostics.push(
                Diagnostic::warning(
                    Code::SpecialFile,
                    "not a regular file (a FIFO, socket or device); skipped without opening it",
                )
                .at(Location::file_only(shown(display_root, &rel)))
                .help("keep only evidence files in the evidence directory"),
            );
            continue;
        }
        let is_profile = entry.depth() == 1 && name == PROFILE_FILE;
        let is_readme = name.eq_ignore_ascii_case("README.md");
        let Some(format) = Format::of(&name).filter(|_| !is_profile && !is_readme) else {
            if !is_profile {
                scan.ignored.push(rel);
            }
            continue;
        };
        scan.candidates.push(Candidate {
            path: entry.into_path(),
            rel,
            format,
        });
    }
    scan
}

/// Decides about a symbolic link without following it for reading: `None` when its
/// target is inside the root (and so scanned at its own path), else a warning.
fn symlink(path: &Path, real_root: &Path, shown: &str) -> Option<Diagnostic> {
    match path.canonicalize() {
        Ok(target) if target.starts_with(real_root) => {
            let parent = path
                .parent()
                .and_then(|p| p.canonicalize().ok())
                .unwrap_or_default();
            if target.is_dir() && parent.starts_with(&target) {
                Some(
                    Diagnostic::warning(
                        Code::SymlinkLoop,
                        format!(
                            "symbolic link points to a folder that contains it ({}); not followed",
                            target.display()
                        ),
                    )
                    .at(Location::file_only(shown))
                    .help("remove the link; the folder is scanned once at its own path"),
                )
            } else {
                None
            }
        }
        Ok(target) => Some(
            Diagnostic::warning(
                Code::SymlinkSkipped,
                format!(
                    "symbolic link points outside the evidence directory ({}); not followed",
                    target.display()
                ),
            )
            .at(Location::file_only(shown))
            .help("copy the evidence into the directory, or run evident on the directory that holds it"),
        ),
        Err(e) if e.raw_os_error() == Some(ELOOP) => Some(
            Diagnostic::warning(Code::SymlinkLoop, "symbolic link leads back to itself; not followed")
                .at(Location::file_only(shown))
                .help("remove the link or point it at a real file"),
        ),
        Err(e) => Some(
            Diagnostic::warning(
                Code::SymlinkSkipped,
                format!("symbolic link cannot be resolved ({e}); not followed"),
            )
            .at(Location::file_only(shown))
            .help("remove the broken link or restore its target"),
        ),
    }
}

/// `ELOOP` on Linux and the BSDs' value differ; both mean "too many levels of links".
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // The walk joins names with `/` and nothing else, so on Unix a UTF-8 path is
    // already in the form wanted; taking it as it is spares a parse per file.
    #[cfg(unix)]
    if let Some(text) = rel.to_str().filter(|t| !t.is_empty()) {
        return text.to_owned();
    }
    let mut out = String::new();
    for part in rel.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&part.as_os_str().to_string_lossy());
    }
    if out.is_empty() { ".".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_folder_and_the_profile_are_not_evidence() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path();
        for rel in [
            "evident.yaml",
            "a/b/item.yml",
            "evident-report/report.json",
            "a/evident.yaml",
        ] {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let options = ScanOptions {
            exclude: vec![root.join("evident-report")],
            ..ScanOptions::default()
        };
        let scan = scan(root, ".", &options);
        let rels: Vec<&str> = scan.candidates.iter().map(|c| c.rel.as_str()).collect();
        // Only the root's evident.yaml is the profile; a nested one is evidence.
        assert_eq!(rels, ["a/b/item.yml", "a/evident.yaml"]);
        assert!(scan.diagnostics.is_empty());
    }

    #[test]
    fn formats_follow_the_extension_case_insensitively() {
        assert_eq!(Format::of("a.YAML"), Some(Format::Yaml));
        assert_eq!(Format::of("a.yml"), Some(Format::Yaml));
        assert_eq!(Format::of("a.json"), Some(Format::Json));
        assert_eq!(Format::of("plan.markdown"), Some(Format::Markdown));
        assert_eq!(Format::of("scan.pdf"), None);
        assert_eq!(Format::of("Makefile"), None);
    }
}
