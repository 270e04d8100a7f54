//! A `--templates` override of the summary template: compiled with the built-in set,
//! its partial calls checked, then rendered against an empty object (strict mode
//! fails fast on missing data, but partials and helpers still run).
#![no_main]

use evident::report::templates::{Escape, TemplateSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut set = TemplateSet::builtin();
    set.replace("markdown/summary.hbs", "fuzz.hbs".to_owned(), text.to_owned());
    if let Ok(registry) = set.registry(Escape::Markdown) {
        let _ = registry.render("markdown/summary", &serde_json::json!({}));
    }
});
