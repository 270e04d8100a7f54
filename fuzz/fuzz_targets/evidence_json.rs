//! One evidence file in Json format, checked as the evidence stage checks it.
#![no_main]

use evident::evidence::{Format, check_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = check_text("fuzz.json", Format::Json, text);
});
