//! Helpers shared by the integration tests.
#![allow(clippy::unwrap_used, clippy::panic)]
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (tests run with it as the working directory).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `evident` with the repository root as working directory and colours off.
pub fn evident() -> Command {
    let mut cmd = Command::cargo_bin("evident").expect("the evident binary is built");
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs `evident` and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = evident().args(args).output().expect("evident runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Collapses every run of whitespace into one space, so wrapped text compares equal.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a file under the repository root.
pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(root().join(path)).expect("fixture is readable")
}

/// Copies a directory tree (to change a sample without touching the repository).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `assess DIR --as-of 2026-10-31 --format FORMATS --out OUT EXTRA…` and returns
/// (exit code, stderr): the fixed date the sample organisations are described at.
pub fn assess(dir: &str, formats: &str, out: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec![
        "assess",
        dir,
        "--as-of",
        "2026-10-31",
        "--format",
        formats,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let (code, _, stderr) = run(&args);
    (code, stderr)
}

/// Compares `actual` with the golden file at `path` (under the repository root), or
/// rewrites it when `EVIDENT_BLESS` is set; a difference names the first line.
pub fn golden(path: &str, actual: &str) {
    let path = root().join(path);
    if std::env::var_os("EVIDENT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with EVIDENT_BLESS=1", path.display()));
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the length".to_owned(), |i| format!("line {}", i + 1));
        panic!(
            "{} differs at {line}; if the change is intended, rerun with EVIDENT_BLESS=1 and review the diff",
            path.display()
        );
    }
}
