//! Evidence: the kinds of items an organisation supplies to prove its controls.
//!
//! This stage owns the closed vocabulary of evidence kinds that catalogs name in their
//! requirements; the typed items, scanning and validation build on it.

pub(crate) mod envelope;
mod kind;
pub mod kinds;

pub use envelope::Period;
pub use kind::EvidenceKind;
