//! The `evident` command: parses arguments, runs the command, returns the exit code.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::panic))]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
