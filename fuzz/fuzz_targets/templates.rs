//! A `--templates` override of the summary template, compiled alone (the built-in set
//! would cost most of each execution), its partial calls checked, then rendered
//! against an empty object (strict mode fails fast on missing data, but partials and
//! helpers still run). Every input must end in a result or a diagnostic.
#![no_main]

use evident::report::templates::{Escape, TemplateSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let set = TemplateSet::single("markdown/summary.hbs", "fuzz.hbs".to_owned(), text.to_owned());
    for escape in [Escape::Markdown, Escape::Html] {
        if let Ok(registry) = set.registry(escape) {
            let _ = registry.render("markdown/summary", &serde_json::json!({}));
        }
    }
});
