//! The report folder (`--out`): where it may be, and how a report gets into it.
//!
//! A report is written to a temporary file of its own, created exclusively (a file
//! or link already at that name makes the creation fail rather than be followed), and
//! renamed over the final name. Two runs writing the same folder each rename whole
//! files, so every report is complete, and a link planted at a report's name is
//! replaced by the rename, never written through.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Refuses an `--out` folder that is the evidence directory or inside it: the
/// evidence directory is read-only to evident, and reports written there would be
/// scanned as evidence by the next run. Both paths are compared after resolving
/// links; a folder that does not exist yet is resolved through its nearest
/// existing ancestor.
pub fn refuse_inside_evidence(out: &Path, evidence: &Path) -> Result<(), String> {
    let (Some(out_real), Ok(evidence_real)) = (resolve(out), evidence.canonicalize()) else {
        return Ok(());
    };
    if out_real.starts_with(&evidence_real) {
        return Err(format!(
            "--out `{}` is inside the evidence directory `{}`, which evident never writes to; \
             write the reports outside it (e.g. `--out ../evident-report`)",
            out.display(),
            evidence.display()
        ));
    }
    Ok(())
}

/// `path` with links resolved, for a path whose tail may not exist yet.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Some(missing.iter().rev().fold(real, |p, part| p.join(part)));
        }
        missing.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
}

/// Writes `dir/name` through a temporary file created exclusively in `dir` and a
/// rename, so a reader never sees a half-written report and nothing at the temporary
/// or final name is followed.
#[cfg(test)]
fn write_atomically(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    prepare(dir)?;
    let staged = stage(dir, name, |w| {
        w.write_all(text.as_bytes())
            .map_err(|e| Failure::Write(e.to_string()))
    })
    .map_err(|e| e.to_string())?;
    commit(dir, vec![staged])
}

/// Why a report could not be written.
#[derive(Debug)]
pub enum Failure {
    /// A template failed to render (located diagnostics).
    Template(crate::diagnostic::Diagnostics),
    /// The file could not be written.
    Write(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Template(_) => f.write_str("a template failed to render"),
            Self::Write(e) => f.write_str(e),
        }
    }
}

/// A report written to its temporary file, waiting for [`commit`].
pub type Staged = (tempfile::NamedTempFile, String);

/// Creates the output folder if missing.
pub fn prepare(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// Writes the report that will be `dir/name` with `fill`, streamed through a buffer
/// into a temporary file created exclusively in `dir` (never following a link) and
/// flushed to disk. Nothing is in place until [`commit`]; a staged file that is
/// dropped instead is removed.
pub fn stage(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn std::io::Write) -> Result<(), Failure>,
) -> Result<Staged, Failure> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // tempfile's default (0600) would leave reports unreadable to a CI job's
        // other users; reports are not secret beyond the evidence they summarise.
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Failure::Write(format!("{}: {e}", dir.display())))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file());
    fill(&mut out)?;
    out.flush()
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Failure::Write(format!("{}: {e}", tmp.path().display())))?;
    drop(out);
    Ok((tmp, name.to_owned()))
}

/// Renames every staged report over its final name, once all of a run's reports
/// are complete: a run that fails half-way (a template that does not render, a full
/// disk) leaves the previous reports as they were.
pub fn commit(dir: &Path, staged: Vec<Staged>) -> Result<(), String> {
    for (tmp, name) in staged {
        let target = dir.join(&name);
        tmp.persist(&target)
            .map_err(|e| format!("{}: {}", target.display(), e.error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_inside_or_equal_to_the_evidence_directory_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let evidence = root.path().join("evidence");
        std::fs::create_dir_all(&evidence).unwrap();
        assert!(refuse_inside_evidence(&evidence.join("evident-report/x"), &evidence).is_err());
        assert!(refuse_inside_evidence(&evidence, &evidence).is_err());
        assert!(refuse_inside_evidence(&root.path().join("out"), &evidence).is_ok());
        assert!(refuse_inside_evidence(&root.path().join("evidence-out"), &evidence).is_ok());
    }

    #[test]
    fn a_run_that_fails_half_way_leaves_the_previous_reports_and_no_temporary() {
        let root = tempfile::tempdir().unwrap();
        write_atomically(root.path(), "a.md", "old a").unwrap();
        let staged = stage(root.path(), "a.md", |w| {
            w.write_all(b"new a")
                .map_err(|e| Failure::Write(e.to_string()))
        })
        .unwrap();
        let failed = stage(root.path(), "b.md", |w| {
            w.write_all(b"half")
                .map_err(|e| Failure::Write(e.to_string()))?;
            Err(Failure::Write("the template failed".to_owned()))
        });
        assert!(failed.is_err());
        // The run stops on the failure: the staged report is dropped, not committed.
        drop(staged);
        assert_eq!(
            std::fs::read_to_string(root.path().join("a.md")).unwrap(),
            "old a"
        );
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.md"]);
    }

    #[test]
    fn writes_replace_the_file_and_leave_no_temporary() {
        let root = tempfile::tempdir().unwrap();
        write_atomically(root.path(), "a.md", "one").unwrap();
        write_atomically(root.path(), "a.md", "two").unwrap();
        assert_eq!(
            std::fs::read_to_string(root.path().join("a.md")).unwrap(),
            "two"
        );
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.md"]);
    }
}
