//! An ISO-8601 duration as catalogs and profiles write them (`P1M`, `PT1M`).
#![no_main]

use evident::duration::IsoDuration;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(duration) = text.parse::<IsoDuration>() {
        let _ = duration.span();
    }
});
