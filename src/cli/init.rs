//! `evident init [DIR]`: writes the library's scaffold (see [`evident::scaffold`])
//! dated today and prints what it created and skipped.

use std::io::Write;
use std::path::Path;

use evident::scaffold;

use super::{Exit, error};

pub(super) fn run(dir: &Path, out: &mut impl Write) -> Exit {
    let today = jiff::Zoned::now().date().to_string();
    let written = match scaffold::write(dir, &today) {
        Ok(written) => written,
        Err(e) => {
            error(&e.to_string());
            return match e {
                scaffold::ScaffoldError::NotADirectory(_) => Exit::Usage,
                scaffold::ScaffoldError::Write(_) => Exit::Output,
            };
        }
    };
    let shown = dir.display();
    let mut text = format!("created {} file(s) in {shown}\n", written.created.len());
    if !written.skipped.is_empty() {
        text.push_str(&format!(
            "skipped {} file(s) that already exist: {}\n",
            written.skipped.len(),
            written.skipped.join(", ")
        ));
    }
    text.push_str(&format!(
        "next: edit {shown}/evident.yaml and {shown}/plans/ir-plan.md, copy templates from {shown}/{}/templates/, then run `evident validate {shown}`\n",
        scaffold::HIDDEN
    ));
    match out.write_all(text.as_bytes()) {
        Ok(()) => Exit::Ok,
        Err(_) => Exit::Output,
    }
}
