//! Exit statuses: one table, documented in the README, shared by every command.

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: the command did what was asked.
    Ok,
    /// 1: the gate failed: a control is below its target, or a `--fail-on` reason.
    GateFailed,
    /// 2: the command line is wrong (unknown option, unknown control id or schema name).
    Usage,
    /// 3: the configuration is wrong: a catalog (built-in or `--controls`) has errors.
    Config,
    /// 4: the evidence has errors (`validate`: a file is invalid).
    Invalid,
    /// 5: output could not be written.
    Output,
}

impl Exit {
    /// The numeric status.
    pub fn code(self) -> u8 {
        match self {
            Self::Ok => 0,
            Self::GateFailed => 1,
            Self::Usage => 2,
            Self::Config => 3,
            Self::Invalid => 4,
            Self::Output => 5,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
    }
}
