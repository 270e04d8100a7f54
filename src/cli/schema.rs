//! `evident schema [NAME]`: prints a published JSON Schema, or lists them;
//! `evident schema --write DIR` exports them all as files.

use std::io::Write;
use std::path::Path;

use evident::schema;

use super::{Exit, error};

pub(super) fn print(name: Option<&str>, out: &mut impl Write) -> Exit {
    let Some(name) = name else {
        for s in schema::published() {
            if writeln!(out, "{:<24} {:<52} {}", s.name, s.path, s.describes()).is_err() {
                return Exit::Output;
            }
        }
        return Exit::Ok;
    };
    match schema::find(name) {
        Some(s) => match out.write_all(s.render().as_bytes()) {
            Ok(()) => Exit::Ok,
            Err(_) => Exit::Output,
        },
        None => {
            let names: Vec<&str> = schema::published().iter().map(|s| s.name).collect();
            error(&format!(
                "no schema named `{name}`; available: {}",
                names.join(", ")
            ));
            Exit::Usage
        }
    }
}

/// Every published schema as a file: its path below `schemas/` (`profile.schema.json`,
/// `evidence/incident.schema.json`) and its text, as committed.
pub(super) fn files() -> Vec<(String, String)> {
    schema::published()
        .iter()
        .map(|s| {
            let path = s.path.strip_prefix("schemas/").unwrap_or(&s.path);
            (path.to_owned(), s.render())
        })
        .collect()
}

/// Writes every schema under `dir`, replacing older copies: an export is meant to be
/// refreshed when evident is upgraded.
pub(super) fn write(dir: &Path, out: &mut impl Write) -> Exit {
    let files = files();
    for (path, text) in &files {
        let target = dir.join(path);
        let written = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&target, text));
        if let Err(e) = written {
            error(&format!("cannot write {}: {e}", target.display()));
            return Exit::Output;
        }
    }
    match writeln!(out, "wrote {} schema(s) to {}", files.len(), dir.display()) {
        Ok(()) => Exit::Ok,
        Err(_) => Exit::Output,
    }
}
