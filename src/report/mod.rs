//! Reports: the [`Report`] every output renders (the assessment plus the facts of the
//! run an auditor needs: manifest, diagnostics, versions, comparison with a baseline),
//! and one renderer per format. Renderers add no scoring logic; they only present.

pub mod baseline;
pub mod explain;
mod href;
pub mod junit;
mod model;
pub mod oscal;
pub mod output;
pub mod partials;
mod render;
pub mod sarif;
mod splice;
pub mod templates;
pub mod terminal;
mod titles;
pub mod view;
pub mod write;

pub use href::repository_prefix;
pub use model::{
    CatalogVersion, DiagnosticRecord, Manifest, ManifestEntry, REPORT_VERSION, Report,
    ReportSummary, Tool,
};
pub use render::{Document, RenderFailure, Renderer};
