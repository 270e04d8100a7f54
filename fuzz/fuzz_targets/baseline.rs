//! A `--baseline` file: an earlier `assessment.json`, or anything pretending to be one.
#![no_main]

use evident::report::baseline::check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = check(text);
});
