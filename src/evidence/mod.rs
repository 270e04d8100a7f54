//! Evidence: the kinds of items an organisation supplies to prove its controls, and
//! the stage that turns an evidence directory into validated items.
//!
//! [`load`] scans the directory ([`scan`]), reads each file once with its SHA-256
//! ([`read`]), parses YAML, JSON or Markdown front matter, validates each item against
//! its kind's schema with located diagnostics (`check`), and checks ids and references
//! across files (`cross`, which reads again only the files its diagnostics name).
//! Scoring gets [`EvidenceSet`]: valid items, the manifest, diagnostics.

mod attach;
mod check;
mod cross;
pub(crate) mod envelope;
mod item;
mod kind;
pub mod kinds;
mod load;
mod locate;
pub mod read;
pub mod scan;

pub use attach::AttachmentRecord;
pub use envelope::{Attachment, Basis, Period, Provenance};
pub use item::{EvidenceFile, EvidenceItem, Projection};
pub use kind::EvidenceKind;
pub use load::{EvidenceSet, Progress, check_text, load};
pub use scan::{Format, ScanOptions};
