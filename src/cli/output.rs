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
pub(super) fn refuse_inside_evidence(out: &Path, evidence: &Path) -> Result<(), String> {
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
pub(super) fn write_atomically(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    let mut staged = Staged::new(dir)?;
    staged.write(name, |w| {
        w.write_all(text.as_bytes()).map_err(|e| e.to_string())
    })?;
    staged.commit()
}

/// Reports written to temporary files in the output folder, none of them in place
/// until [`Staged::commit`] renames them all: a run that fails half-way (a template
/// that does not render, a full disk) leaves the previous reports as they were and
/// removes its temporaries when dropped. Each report streams to its file through a
/// buffer, so none is held in memory whole.
pub(super) struct Staged {
    dir: PathBuf,
    files: Vec<(tempfile::NamedTempFile, String)>,
}

impl Staged {
    /// Creates `dir` if missing.
    pub(super) fn new(dir: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Self {
            dir: dir.to_owned(),
            files: Vec::new(),
        })
    }

    /// Writes the report that will be `name` with `fill`, into a temporary file
    /// created exclusively (never following a link) and flushed to disk.
    pub(super) fn write(
        &mut self,
        name: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> Result<(), String>,
    ) -> Result<(), String> {
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
            .tempfile_in(&self.dir)
            .map_err(|e| format!("{}: {e}", self.dir.display()))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file());
        fill(&mut out).map_err(|e| format!("{}: {e}", tmp.path().display()))?;
        out.flush()
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| format!("{}: {e}", tmp.path().display()))?;
        drop(out);
        self.files.push((tmp, name.to_owned()));
        Ok(())
    }

    /// Renames every staged report over its final name.
    pub(super) fn commit(self) -> Result<(), String> {
        for (tmp, name) in self.files {
            let target = self.dir.join(&name);
            tmp.persist(&target)
                .map_err(|e| format!("{}: {}", target.display(), e.error))?;
        }
        Ok(())
    }
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
        let mut staged = Staged::new(root.path()).unwrap();
        staged
            .write("a.md", |w| w.write_all(b"new a").map_err(|e| e.to_string()))
            .unwrap();
        let failed = staged.write("b.md", |w| {
            w.write_all(b"half").map_err(|e| e.to_string())?;
            Err("the template failed".to_owned())
        });
        assert!(failed.is_err());
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
