//! evident scores the maturity of security controls from evidence.
//!
//! The pipeline is one module per stage with plain data between them (see
//! `DESIGN.md`): [`catalog`] loads and validates the control catalog, [`evidence`]
//! owns the evidence vocabulary, [`diagnostic`] collects every problem as located
//! data. Library code never prints; the `evident` binary renders.

// Tests may unwrap and panic: a failed assertion is their way to report.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::panic))]

pub mod catalog;
pub mod diagnostic;
pub mod duration;
pub mod evidence;
pub mod gate;
pub mod import;
pub mod markdown;
pub mod pipeline;
pub mod profile;
pub mod publish;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod score;
pub mod source;
pub mod structured;
pub mod text;
pub mod vocabulary;
pub mod wording;
