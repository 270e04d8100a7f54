//! `evident schema [NAME]`: prints a published JSON Schema, or lists them;
//! `evident schema --write DIR` exports them all as files.

use std::io::Write;
use std::path::Path;

use evident::publish;

use super::{Exit, error};

pub(super) fn print(name: Option<&str>, out: &mut impl Write) -> Exit {
    let Some(name) = name else {
        for s in publish::published() {
            if writeln!(out, "{:<24} {:<52} {}", s.name, s.path, s.describes()).is_err() {
                return Exit::Output;
            }
        }
        return Exit::Ok;
    };
    match publish::find(name) {
        Some(s) => match out.write_all(s.render().as_bytes()) {
            Ok(()) => Exit::Ok,
            Err(_) => Exit::Output,
        },
        None => {
            let names: Vec<&str> = publish::published().iter().map(|s| s.name).collect();
            error(&format!(
                "no schema named `{name}`; available: {}",
                names.join(", ")
            ));
            Exit::Usage
        }
    }
}

/// Writes every schema under `dir` and says how many.
pub(super) fn write(dir: &Path, out: &mut impl Write) -> Exit {
    match publish::write_all(dir) {
        Ok(n) => match writeln!(out, "wrote {n} schema(s) to {}", dir.display()) {
            Ok(()) => Exit::Ok,
            Err(_) => Exit::Output,
        },
        Err(e) => {
            error(&e);
            Exit::Output
        }
    }
}
