//! Reports: the [`Report`] every output renders (the assessment plus the facts of the
//! run an auditor needs: manifest, diagnostics, versions, comparison with a baseline),
//! and one renderer per format. Renderers add no scoring logic; they only present.

pub mod baseline;
mod model;
mod render;
pub mod templates;
pub mod view;

pub use model::{
    CatalogVersion, DiagnosticRecord, Manifest, ManifestEntry, REPORT_VERSION, Report,
    ReportSummary, Tool,
};
pub use render::{Document, render};
