//! An assessment profile (`evident.yaml`).
#![no_main]

use evident::profile::parse;
use evident::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = parse(&SourceFile::new("evident.yaml", text));
});
