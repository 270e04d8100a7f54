//! The catalog files compiled into the binary (listed by `build.rs`).

include!(concat!(env!("OUT_DIR"), "/builtin_catalog.rs"));
