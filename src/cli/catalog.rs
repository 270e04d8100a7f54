//! `evident catalog list` and `evident catalog show <ID>`.

use std::io::Write;

use evident::catalog::Catalog;

use super::{Exit, Format, error};

pub(super) fn list(catalog: &Catalog, format: Format, out: &mut impl Write) -> Exit {
    let text = match format {
        Format::Json => json(&catalog.summaries()),
        Format::Text => evident::catalog::text::list(catalog),
    };
    write_out(out, &text)
}

pub(super) fn show(catalog: &Catalog, id: &str, format: Format, out: &mut impl Write) -> Exit {
    let Some((framework, control)) = catalog.control(id) else {
        let ids: Vec<&str> = catalog.controls().map(|(_, c)| c.id.as_str()).collect();
        let suggestion = evident::wording::suggestion(id, ids.iter().copied());
        error(&format!(
            "no control `{id}` in the catalog; {suggestion}known controls: {}",
            ids.join(", ")
        ));
        return Exit::Usage;
    };
    let mappings: Vec<_> = catalog.mappings_of(control).collect();
    let text = match format {
        Format::Json => json(&evident::catalog::text::show_json(
            framework, control, &mappings,
        )),
        Format::Text => evident::catalog::text::show(framework, control, &mappings),
    };
    write_out(out, &text)
}

fn json(value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn write_out(out: &mut impl Write, text: &str) -> Exit {
    match out.write_all(text.as_bytes()) {
        Ok(()) => Exit::Ok,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            error(&format!("cannot write output: {e}"));
            Exit::Output
        }
    }
}
