//! evident scores the maturity of security controls from evidence.
//!
//! The run, as a library user writes it (this is what `evident assess` does before
//! it prints and picks an exit status):
//!
//! ```
//! use std::path::Path;
//! use evident::{gate, pipeline};
//! use evident::report::output::{self, OutputFormat, RenderContext};
//!
//! // load inputs → scan → validate → score → report
//! let dir = Path::new("evidence-samples/meridian-bank");
//! let run = pipeline::assess(&pipeline::Inputs::new(dir))?;
//! // → the outputs, rendered from one context
//! let formats = [OutputFormat::Json, OutputFormat::Html];
//! let (templates, _) = output::templates_for(&formats, None)?;
//! let context = RenderContext::new(&run.report, &run.catalog, &templates, &formats, dir)
//!     .map_err(|d| format!("{} template problem(s)", d.len()))?;
//! let mut json = Vec::new();
//! OutputFormat::Json.render_to(&context, &mut json).map_err(|e| e.to_string())?;
//! // → gate
//! let failures = gate::gate(&run.report, &gate::Policy::default());
//! assert!(failures.is_empty(), "meridian meets its targets");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The modules form layers; each uses only those below it (`tests/layering.rs`):
//!
//! | layer | modules | owns |
//! |---|---|---|
//! | helpers | [`source`], [`text`], [`wording`], [`duration`], `vocabulary` | positions, text layout, word folding and suggestions, ISO durations, the vocabulary macro |
//! | diagnostics | [`diagnostic`] | every problem as located data, the rule registry |
//! | parsing | [`markdown`], [`schema`], [`structured`] | Markdown outlines, schema generation, the typed loader under caps |
//! | evidence | [`evidence`] | the evidence vocabulary, scan, read, check, cross-file checks |
//! | catalog | [`catalog`] | controls, criteria, requirements; what scoring needs of each item |
//! | profile | [`profile`] | `evident.yaml` |
//! | score | [`score`] | the assessment: levels, criteria, reasons |
//! | report, import | [`report`], [`import`] | every output from one report; exports into evidence |
//! | run | [`pipeline`], [`gate`] | the run from plain inputs; pass or fail |
//! | publish | [`publish`], then [`scaffold`] | the published schemas; `evident init`'s files |
//!
//! Library code never prints; the `evident` binary (`src/cli/`) parses arguments,
//! calls these, prints and maps the outcome to an exit status.

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
mod vocabulary;
pub mod wording;
