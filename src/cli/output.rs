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
pub(super) fn write_atomically(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
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
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("{}: {e}", tmp.path().display()))?;
    let target = dir.join(name);
    tmp.persist(&target)
        .map(drop)
        .map_err(|e| format!("{}: {}", target.display(), e.error))
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
