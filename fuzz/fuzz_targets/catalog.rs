//! A user catalog file, loaded and validated as `--controls` loads it.
#![no_main]

use evident::catalog::{CatalogInput, load};
use evident::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = load(vec![CatalogInput {
        source: SourceFile::new("fuzz.yaml", text),
        builtin: false,
    }]);
});
