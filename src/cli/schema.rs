//! `evident schema [NAME]`: prints a published JSON Schema, or lists them.

use std::io::Write;

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
