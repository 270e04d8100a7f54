//! The `evident` command: parses arguments, runs the command, returns the exit code.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
