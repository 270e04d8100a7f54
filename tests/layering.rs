//! The library's modules form layers: helpers at the bottom, then structured
//! parsing, evidence, catalog, profile, score, reports, the run, and the CLI on top.
//! A module may use only modules of lower layers, and within a module no two
//! submodules may use each other in a circle. This test reads the sources and fails
//! on an import that points up the stack or closes a circle, naming file and line.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module of `src/lib.rs`, by layer (lower uses nothing higher).
const LAYERS: &[&[&str]] = &[
    &["source", "text", "wording", "duration", "vocabulary"],
    &["diagnostic"],
    &["markdown", "schema", "structured"],
    &["evidence"],
    &["catalog"],
    &["profile"],
    &["score"],
    &["report", "import"],
    &["gate", "pipeline"],
    &["publish"],
    &["scaffold"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file with its comments blanked out (line by line, so offsets still
/// give line numbers): a doc link is not an import.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| {
            let cut = line.find("//").unwrap_or(line.len());
            // `//` inside a string literal ("https://...") keeps the code before it.
            &line[..cut]
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segment of every `prefix` reference in `code`, with its line:
/// `crate::a::b` and `$crate::a` give `a`; a group `crate::{a::{b, c}, d}`, on one line
/// or several, gives `a` and `d`.
fn references(code: &str, prefix: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = code[from..].find(prefix) {
        let at = from + found;
        from = at + prefix.len();
        let before = code[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let line = code[..at].matches('\n').count() + 1;
        let after = &code[from..];
        if let Some(group) = after.strip_prefix('{') {
            // The top-level parts of the group, braces matched across lines.
            let mut depth = 0;
            let mut part = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        push_first_segment(&part, line, &mut out);
                        part.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 || c != '{' {
                    part.push(c);
                }
            }
            push_first_segment(&part, line, &mut out);
        } else {
            push_first_segment(after, line, &mut out);
        }
    }
    out
}

fn push_first_segment(path: &str, line: usize, out: &mut Vec<(String, usize)>) {
    let name: String = path
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if !name.is_empty() && name != "self" {
        out.push((name, line));
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a library file belongs to (`None` for lib.rs, the binary
/// and the CLI, which may use anything).
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main" | "cli")).then(|| name.to_owned())
}

#[test]
fn every_library_module_has_a_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| {
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?.strip_suffix(';')
        })
        .collect();
    assert!(declared.len() >= 10, "lib.rs declares {declared:?}");
    for module in &declared {
        assert!(
            layer_of(module).is_some(),
            "module `{module}` is not in LAYERS of tests/layering.rs: place it in the stack"
        );
    }
}

#[test]
fn no_module_uses_a_module_above_it() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(src()).unwrap();
        let Some(module) = module_of(relative) else {
            continue;
        };
        let own = layer_of(&module).unwrap_or_else(|| panic!("{module} has no layer"));
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for (target, line) in references(&code, "crate::") {
            if target == module {
                continue;
            }
            match layer_of(&target) {
                Some(layer) if layer < own => {}
                _ => violations.push(format!(
                    "src/{}:{line}: `{module}` uses `{target}`, which is not below it",
                    relative.display(),
                )),
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

/// The strongly connected groups of a graph with more than one node: its circles.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Reachability by repeated search: the graphs are a dozen nodes each.
    let reach = |from: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(node) = stack.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let mut groups: Vec<Vec<String>> = Vec::new();
    for node in edges.keys() {
        let from = reach(node);
        let mut group: Vec<String> = from
            .iter()
            .filter(|other| *other != node && reach(other).contains(node))
            .cloned()
            .collect();
        if group.is_empty() {
            continue;
        }
        group.push(node.clone());
        group.sort();
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

#[test]
fn no_submodules_use_each_other_in_a_circle() {
    let mut problems = Vec::new();
    let mut modules: Vec<PathBuf> = std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("cli"))
        .collect();
    modules.sort();
    for dir in modules {
        let top = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        let subs: BTreeSet<String> = files
            .iter()
            .filter_map(|f| {
                let rel = f.strip_prefix(&dir).ok()?;
                let first = rel.components().next()?.as_os_str().to_str()?;
                let name = first.strip_suffix(".rs").unwrap_or(first);
                (name != "mod").then(|| name.to_owned())
            })
            .collect();
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in &files {
            let rel = file.strip_prefix(&dir).unwrap();
            let first = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_str()
                .unwrap();
            let me = first.strip_suffix(".rs").unwrap_or(first).to_owned();
            if me == "mod" {
                continue;
            }
            // In a file directly under the module, `super::` names a sibling.
            let direct = rel.components().count() == 1;
            let code = code_of(&std::fs::read_to_string(file).unwrap());
            let mut names = references(&code, &format!("crate::{top}::"));
            if direct {
                names.extend(references(&code, "super::"));
            }
            for (name, _) in names {
                if name != me && subs.contains(&name) {
                    edges.entry(me.clone()).or_default().insert(name);
                }
            }
        }
        for group in circles(&edges) {
            problems.push(format!("src/{top}: {} use each other", group.join(", ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checks_find_what_they_look_for() {
    // The parser sees plain paths, groups (nested, across lines) and macro paths,
    // and skips comments.
    let names = |code: &str| -> Vec<String> {
        references(&code_of(code), "crate::")
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    };
    assert_eq!(names("use crate::score::Settings;"), ["score"]);
    assert_eq!(
        names("use crate::{schema, structured::parse};"),
        ["schema", "structured"]
    );
    assert_eq!(
        names("use crate::{\n    a::{b, c},\n    d::e,\n};"),
        ["a", "d"]
    );
    assert_eq!(names("x: $crate::evidence::Period"), ["evidence"]);
    assert!(names("/// see [`crate::report`]").is_empty());
    assert!(names("let x = 1; // crate::report").is_empty());
    assert_eq!(references("a\nuse crate::gate;", "crate::")[0].1, 2);
    // A circle of two and a chain without one.
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("a".into());
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(circles(&edges), [vec!["a".to_owned(), "b".to_owned()]]);
    edges.remove("b");
    assert!(circles(&edges).is_empty());
    assert_eq!(layer_of("report").unwrap(), layer_of("import").unwrap());
    assert!(layer_of("evidence") < layer_of("catalog"));
}
