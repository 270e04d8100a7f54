//! Broken user catalogs give located diagnostics with stable codes, all in one run,
//! and the documented exit status (3); the built-in catalog is never replaced.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use evident::catalog;
use evident::diagnostic::{RenderStyle, render};

/// An expected diagnostic: (code, line, column).
type Expected = (&'static str, usize, usize);

/// (fixture directory, expected diagnostics in file order).
const CASES: &[(&str, &[Expected])] = &[
    ("bad-yaml", &[("yaml-syntax", 4, 13)]),
    (
        "wrong-type",
        &[
            ("schema-violation", 12, 13),
            ("schema-violation", 17, 63),
            ("schema-violation", 19, 9),
        ],
    ),
    (
        "duplicate-id",
        &[("builtin-id-replaced", 9, 9), ("duplicate-id", 22, 13)],
    ),
    (
        "unknown-kind",
        &[
            ("unknown-evidence-kind", 17, 19),
            ("unknown-evidence-kind", 20, 28),
        ],
    ),
    (
        "dangling-mapping",
        &[
            ("dangling-mapping", 19, 24),
            ("undefined-level", 20, 24),
            ("undefined-level", 21, 24),
        ],
    ),
    (
        "no-requirement",
        &[
            ("criterion-without-requirement", 13, 13),
            ("criterion-without-requirement", 16, 13),
        ],
    ),
    ("nested-duplicate", &[("duplicate-key", 12, 5)]),
    (
        "unknown-field",
        &[
            ("invalid-requirement", 19, 25),
            ("duplicate-id", 21, 13),
            ("dangling-mapping", 27, 12),
        ],
    ),
    (
        "level-numbering",
        &[
            ("level-numbering", 13, 7),
            ("level-numbering", 14, 16),
            ("level-numbering", 23, 17),
            ("level-content", 24, 16),
            ("invalid-requirement", 32, 75),
            ("invalid-requirement", 32, 96),
        ],
    ),
];

fn load_with(dir: &str) -> (bool, Vec<(String, usize, usize)>, String) {
    let (user, read_problems) =
        catalog::read_dir(&support::root().join("tests/fixtures/catalogs").join(dir));
    assert!(read_problems.is_empty());
    let mut inputs = catalog::builtin_inputs();
    inputs.extend(user);
    let (loaded, diagnostics) = catalog::load(inputs);
    let found = diagnostics
        .sorted()
        .iter()
        .map(|d| {
            let at = d
                .location
                .as_ref()
                .expect("every catalog diagnostic is located");
            (d.code.as_str().to_owned(), at.line, at.column)
        })
        .collect();
    (
        loaded.is_some(),
        found,
        render(&diagnostics, RenderStyle::Plain),
    )
}

#[test]
fn each_broken_catalog_gives_its_located_diagnostics() {
    for (dir, expected) in CASES {
        let (loaded, found, rendered) = load_with(dir);
        assert!(!loaded, "{dir}: a broken catalog must not load");
        let expected: Vec<(String, usize, usize)> = expected
            .iter()
            .map(|(c, l, col)| ((*c).to_owned(), *l, *col))
            .collect();
        assert_eq!(found, expected, "{dir}:\n{rendered}");
        for block in rendered.split("\n\n").filter(|b| !b.trim().is_empty()) {
            assert!(
                block.contains("help: "),
                "{dir}: diagnostic without help:\n{block}"
            );
            assert!(
                block.contains(&format!("catalogs/{dir}/")),
                "{dir}: no file in\n{block}"
            );
        }
    }
}

#[test]
fn the_valid_user_catalog_loads_cleanly() {
    let (loaded, found, rendered) = load_with("valid");
    assert!(loaded, "{rendered}");
    assert!(found.is_empty(), "{rendered}");
}

#[test]
fn all_broken_catalogs_are_reported_in_one_run() {
    let mut args = Vec::new();
    for (dir, _) in CASES {
        args.push("--controls".to_owned());
        args.push(format!("tests/fixtures/catalogs/{dir}"));
    }
    args.extend(["catalog".to_owned(), "list".to_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = support::run(&args);
    assert_eq!(code, 3, "{stderr}");
    assert!(stdout.is_empty(), "nothing is listed from a broken catalog");
    let total: usize = CASES.iter().map(|(_, e)| e.len()).sum();
    assert!(stderr.ends_with(&format!(
        "error: the control catalog has {total} error(s); nothing was done\n"
    )));
    insta::assert_snapshot!("broken_catalogs", stderr);
}

#[test]
fn unreadable_inputs_are_diagnostics_not_panics() {
    let (code, _, stderr) = support::run(&[
        "--controls",
        "tests/fixtures/catalogs/missing-dir",
        "catalog",
        "list",
    ]);
    assert_eq!(code, 3);
    assert!(
        stderr.contains("error[read-error]: cannot read catalog directory"),
        "{stderr}"
    );
    let empty = tempdir();
    let (code, _, stderr) = support::run(&[
        "--controls",
        empty.to_str().unwrap_or_default(),
        "catalog",
        "list",
    ]);
    assert_eq!(code, 3);
    assert!(stderr.contains("error[catalog-empty]"), "{stderr}");
    std::fs::write(empty.join("latin1.yaml"), b"framework: caf\xe9\n").expect("write");
    let (code, _, stderr) = support::run(&[
        "--controls",
        empty.to_str().unwrap_or_default(),
        "catalog",
        "list",
    ]);
    assert_eq!(code, 3);
    assert!(stderr.contains("error[not-utf8]"), "{stderr}");
    std::fs::write(empty.join("latin1.yaml"), "a: 1\na: 2\n").expect("write");
    let (code, _, stderr) = support::run(&[
        "--controls",
        empty.to_str().unwrap_or_default(),
        "catalog",
        "list",
    ]);
    assert_eq!(code, 3);
    assert!(stderr.contains("error[duplicate-key]"), "{stderr}");
    let _ = std::fs::remove_dir_all(empty);
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "evident-test-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
