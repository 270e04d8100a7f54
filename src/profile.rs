//! The assessment profile: `evident.yaml` at the root of an evidence directory says
//! whose evidence it is, what is in scope, the as-of date and audit period, the target
//! per control and how much of a level must be met. It has its own published schema.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location};
use crate::evidence::{EvidenceFile, Period, read, scan};
use crate::source::SourceFile;
use crate::structured;

/// The JSON pointer of `name` under `map` (`targets`, `thresholds`): the key of
/// [`Profile::locations`].
pub fn pointer(map: &str, name: &str) -> String {
    crate::source::pointer_child(&format!("/{map}"), name)
}

/// An assessment profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The organisation assessed.
    #[schemars(length(min = 1))]
    pub organisation: String,
    /// What the assessment covers (entities, systems, services).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The date the assessment is as of (the command line's `--as-of` wins; default
    /// today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The audit period (SOC 2 Type II): cadences and coverage are counted over it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_period: Option<Period>,
    /// Target per control id: a maturity level for SCF controls, the number of points
    /// of focus or steps to meet for the others.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, u32>,
    /// Share of a level's criteria that must be met for the level to count (essential
    /// criteria always must be); 1.0 means all.
    #[serde(default = "all", skip_serializing_if = "is_all")]
    #[schemars(range(min = 0.01, max = 1.0))]
    pub level_threshold: f64,
    /// Whether a criterion waived by a valid waiver counts toward a level and toward
    /// readiness. Off by default: a waiver is a management decision, not evidence. It
    /// never satisfies an essential criterion, and a level reached with waivers says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub waivers_count_toward_level: bool,
    /// How cadence periods are cut: `calendar` (default: calendar months, quarters,
    /// half-years and years; an edge period counts when at least half of it lies in the
    /// audit period, and its evidence may fall anywhere in the calendar period) or
    /// `audit-period` (consecutive periods from the audit period's first day).
    #[serde(default, skip_serializing_if = "is_calendar")]
    pub cadence_periods: CadencePeriods,
    /// The organisation's own headings for sections the catalog requires, added to the
    /// catalog's synonyms (`Revision History: [Änderungshistorie]`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub section_aliases: BTreeMap<String, Vec<String>>,
    /// Per covering kind, what coverage deadlines run from, overriding the catalog:
    /// `post-incident-review: start` counts the 30 days from the incident instead of
    /// from its closure.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deadline_from: BTreeMap<crate::evidence::EvidenceKind, crate::catalog::DeadlineFrom>,
    /// Values for the catalog's named thresholds, which the source texts do not give
    /// (`review-deadline: P45D`, `training-coverage: 1.0`); docs/catalog.md lists
    /// them with their defaults, and every assessment records the values it used.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub thresholds: BTreeMap<String, serde_json::Value>,
    /// SOC 2 categories in scope besides security; points of focus marked with
    /// another category are not applicable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<crate::catalog::TscCategory>,
    /// Where the keys of `targets` and `thresholds` are in the file, by JSON pointer
    /// (`/targets/IRO-02`), for diagnostics about them.
    #[serde(skip)]
    #[schemars(skip)]
    pub locations: BTreeMap<String, Location>,
}

impl Default for Profile {
    /// No profile: nobody named, no targets, every criterion of a level required.
    fn default() -> Self {
        Self {
            organisation: String::new(),
            scope: None,
            as_of: None,
            audit_period: None,
            targets: BTreeMap::new(),
            level_threshold: all(),
            waivers_count_toward_level: false,
            cadence_periods: CadencePeriods::default(),
            section_aliases: BTreeMap::new(),
            deadline_from: BTreeMap::new(),
            thresholds: BTreeMap::new(),
            categories: Vec::new(),
            locations: BTreeMap::new(),
        }
    }
}

fn is_calendar(value: &CadencePeriods) -> bool {
    *value == CadencePeriods::Calendar
}

fn all() -> f64 {
    1.0
}

#[allow(clippy::float_cmp)] // 1.0 is written, not computed.
fn is_all(value: &f64) -> bool {
    *value == 1.0
}

crate::vocabulary::vocabulary! {
    /// How a cadence cuts the audit period into periods.
    #[derive(Default)]
    pub enum CadencePeriods {
        /// Calendar months, quarters, half-years and years (January, April, July,
        /// October…), as organisations schedule them; other lengths fall back to the
        /// audit period.
        #[default]
        Calendar,
        /// Consecutive periods from the audit period's first day.
        AuditPeriod,
    }
}

/// What reading a directory's profile found.
#[derive(Debug, Default)]
pub struct ProfileLoad {
    /// The profile, when the file exists and is valid.
    pub profile: Option<Profile>,
    /// Its manifest entry, when the file was read.
    pub file: Option<EvidenceFile>,
    /// Its problems.
    pub diagnostics: Diagnostics,
}

/// Reads `evident.yaml` at `root` (shown as `display_root`), if there is one.
pub fn load(root: &Path, display_root: &str, max_size: u64) -> ProfileLoad {
    let path = root.join(scan::PROFILE_FILE);
    let shown = scan::shown(display_root, scan::PROFILE_FILE);
    // Like evidence, the profile is never read through a symbolic link.
    match path.symlink_metadata() {
        Ok(meta) if meta.file_type().is_file() => load_file(&path, &shown, max_size),
        Ok(meta) if meta.file_type().is_symlink() => {
            let mut out = ProfileLoad::default();
            out.diagnostics.push(
                Diagnostic::warning(
                    Code::SymlinkSkipped,
                    "the profile is a symbolic link; it was not read",
                )
                .at(Location::file_only(shown))
                .help(
                    "put the profile itself in the evidence directory, or pass it with --profile",
                ),
            );
            out
        }
        _ => ProfileLoad::default(),
    }
}

/// Reads a profile file at `path` (shown as `shown`).
pub fn load_file(path: &Path, shown: &str, max_size: u64) -> ProfileLoad {
    let mut out = ProfileLoad::default();
    let contents = match read::read(path, shown, max_size) {
        Ok(contents) => contents,
        Err(d) => {
            out.diagnostics.push(*d);
            return out;
        }
    };
    let mut file = EvidenceFile::unchecked(scan::PROFILE_FILE.to_owned(), &contents);
    let text = match contents.text {
        Ok(text) => text,
        Err(d) => {
            out.diagnostics.push(*d);
            out.file = Some(file);
            return out;
        }
    };
    let source = SourceFile::new(shown.to_owned(), text);
    match parse(&source) {
        Ok(profile) => {
            file.valid = true;
            out.profile = Some(profile);
        }
        Err(problems) => {
            for d in problems {
                out.diagnostics.push_in(&source, d);
            }
        }
    }
    out.file = Some(file);
    out
}

/// Parses and validates a profile's text.
pub fn parse(source: &SourceFile) -> Result<Profile, Vec<Diagnostic>> {
    let validator = validator().map_err(|e| vec![Diagnostic::error(Code::SchemaViolation, e)])?;
    let (mut profile, doc): (Profile, _) = structured::load(
        source,
        validator,
        "profile",
        "profile",
        structured::no_classes,
    )?;
    if let Some(period) = profile.audit_period.filter(|p| p.end < p.start) {
        return Err(vec![
            Diagnostic::error(
                Code::InvalidPeriod,
                format!(
                    "the audit period ends ({}) before it starts ({})",
                    period.end, period.start
                ),
            )
            .at(doc.locate("/audit_period/end"))
            .help("swap `start` and `end`, or correct the dates"),
        ]);
    }
    let pointers: Vec<String> = (profile.targets.keys().map(|k| pointer("targets", k)))
        .chain(profile.thresholds.keys().map(|k| pointer("thresholds", k)))
        .collect();
    profile.locations = pointers
        .into_iter()
        .map(|pointer| {
            let at = doc.locate_key(&pointer);
            (pointer, at)
        })
        .collect();
    Ok(profile)
}

fn validator() -> Result<&'static jsonschema::Validator, String> {
    static VALIDATOR: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| crate::schema::compile(&crate::schema::generate::<Profile>()))
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Profile, Vec<(Code, usize)>> {
        parse(&SourceFile::new("evident.yaml", text)).map_err(|ds| {
            ds.into_iter()
                .map(|d| (d.code, d.location.map_or(0, |l| l.line)))
                .collect()
        })
    }

    #[test]
    fn a_full_profile_reads() {
        let profile = parse_text(
            "organisation: Acme\nas_of: 2026-10-31\naudit_period: {start: 2025-11-01, end: 2026-10-31}\ntargets: {IRO-02: 3}\nlevel_threshold: 0.8\n",
        )
        .unwrap();
        assert_eq!(profile.targets["IRO-02"], 3);
        assert!((profile.level_threshold - 0.8).abs() < f64::EPSILON);
        assert_eq!(
            parse_text("organisation: Acme\n").unwrap().level_threshold,
            1.0
        );
    }

    #[test]
    fn mistakes_are_located() {
        assert_eq!(
            parse_text("organisation: Acme\nlevel_threshold: 1.5\n").unwrap_err(),
            [(Code::SchemaViolation, 2)]
        );
        assert_eq!(
            parse_text("organisation: Acme\nas_of: 2026-13-01\n").unwrap_err(),
            [(Code::SchemaViolation, 2)]
        );
        assert_eq!(
            parse_text(
                "organisation: Acme\naudit_period:\n  start: 2026-01-01\n  end: 2025-01-01\n"
            )
            .unwrap_err(),
            [(Code::InvalidPeriod, 4)]
        );
        assert_eq!(
            parse_text("organisation: Acme\ntarget: {}\n").unwrap_err(),
            [(Code::SchemaViolation, 2)]
        );
    }
}
