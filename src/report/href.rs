//! Where a report points at an evidence file: paths as URI references (SARIF
//! artifact locations, OSCAL hrefs), and the repository an evidence directory lives
//! in, so code-scanning tools can annotate the file in the repository's tree.

use std::path::Path;

/// `path` (`/`-separated) as a relative URI reference: everything but unreserved
/// characters and `/` is percent-encoded, so a space or `#` in a file name cannot
/// turn into a fragment or an invalid URI.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The evidence directory's path inside the nearest enclosing repository (the
/// closest ancestor holding a `.git` entry, a folder or a worktree's file), `/`-
/// separated and ending in `/`; empty when the directory is the repository's root;
/// `None` when no ancestor is a repository (or the directory cannot be resolved).
pub fn repository_prefix(dir: &Path) -> Option<String> {
    let dir = dir.canonicalize().ok()?;
    let root = dir
        .ancestors()
        .find(|a| a.join(".git").symlink_metadata().is_ok())?;
    let inside = dir.strip_prefix(root).ok()?;
    Some(
        inside
            .components()
            .map(|c| format!("{}/", c.as_os_str().to_string_lossy()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_as_relative_uri_references() {
        assert_eq!(encode_path("plans/ir plan#1.md"), "plans/ir%20plan%231.md");
        assert_eq!(encode_path("a/ü.yaml"), "a/%C3%BC.yaml");
        assert_eq!(encode_path("x-1_2.~y"), "x-1_2.~y");
    }

    #[test]
    fn the_prefix_is_the_path_below_the_repository_root() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("org/evidence");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir(temp.path().join("org/.git")).unwrap();
        assert_eq!(repository_prefix(&dir).as_deref(), Some("evidence/"));
        assert_eq!(
            repository_prefix(&temp.path().join("org")).as_deref(),
            Some("")
        );
    }
}
