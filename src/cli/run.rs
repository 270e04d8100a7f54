//! What `assess` and `explain` share: loading the catalog, the profile and the
//! evidence, and turning profile and command line into scoring settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use evident::catalog::Catalog;
use evident::diagnostic::Diagnostics;
use evident::evidence::{self, EvidenceSet, Projection, ScanOptions};
use evident::profile::{self, Profile};
use evident::score::{self, Assessment, Settings};
use jiff::civil::Date;

use super::{Exit, error, load_catalog, report, warn};

/// Options of every command that scores.
#[derive(Debug, Args)]
pub(super) struct ScoreArgs {
    /// The date the assessment is as of (default: the profile's, else today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<Date>,
    /// The assessment profile (default: DIR/evident.yaml, if present).
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// A target, overriding the profile's: `IRO-02=3` (a level), `BRP=7` (steps met).
    /// Repeatable.
    #[arg(long, value_name = "CONTROL=N", value_parser = parse_target)]
    pub target: Vec<(String, u32)>,
    /// Files larger than this are reported and not read (e.g. 10MiB).
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = super::validate::parse_size)]
    pub max_file_size: u64,
}

fn parse_target(text: &str) -> Result<(String, u32), String> {
    let (id, n) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not CONTROL=N, e.g. IRO-02=3"))?;
    let n = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}` in `{text}` is not a whole number"))?;
    Ok((id.trim().to_owned(), n))
}

/// Everything scoring needs, loaded.
pub(super) struct Loaded {
    pub catalog: Catalog,
    pub evidence: EvidenceSet,
    pub settings: Settings,
    pub diagnostics: Diagnostics,
}

/// Loads catalog, profile and evidence and prints their diagnostics; evidence
/// problems do not stop the run, catalog and profile problems do.
pub(super) fn load(
    controls: &[PathBuf],
    dir: &Path,
    args: &ScoreArgs,
    exclude: Vec<PathBuf>,
) -> Result<Loaded, Exit> {
    let mut catalog = load_catalog(controls)?;
    if !dir.is_dir() {
        error(&format!("`{}` is not a directory", dir.display()));
        return Err(Exit::Usage);
    }
    let shown = dir.to_string_lossy();
    let loaded = match &args.profile {
        Some(path) if !path.is_file() => {
            error(&format!("profile `{}` is not a file", path.display()));
            return Err(Exit::Usage);
        }
        Some(path) => profile::load_file(path, &path.to_string_lossy(), args.max_file_size),
        None => profile::load(dir, &shown, args.max_file_size),
    };
    if loaded.diagnostics.has_errors() {
        report(&loaded.diagnostics);
        error("the assessment profile has errors; nothing was scored");
        return Err(Exit::Config);
    }
    let profile = loaded.profile.unwrap_or_default();
    if let Err(problems) = catalog.apply_thresholds(&profile.thresholds) {
        for p in &problems {
            error(p);
        }
        error("the assessment profile has errors; nothing was scored");
        return Err(Exit::Config);
    }
    let settings = settings(&catalog, &profile, args)?;
    let options = ScanOptions {
        max_file_size: args.max_file_size,
        exclude,
    };
    let projection = Projection::for_catalog(&catalog);
    let mut evidence = evidence::load(dir, &shown, &options, &projection, &|_| {});
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(std::mem::take(&mut evidence.diagnostics));
    report(&diagnostics);
    if evidence.files.is_empty() {
        warn(&format!(
            "no evidence files in `{}`: every control scores from nothing",
            dir.display()
        ));
    }
    let future = evidence
        .items
        .iter()
        .filter(|i| i.proves().is_some_and(|p| p.start > settings.as_of))
        .count();
    if future > 0 {
        warn(&format!(
            "{future} item(s) prove dates after the as-of date {} and do not count",
            settings.as_of
        ));
    }
    Ok(Loaded {
        catalog,
        evidence,
        settings,
        diagnostics,
    })
}

fn settings(catalog: &Catalog, profile: &Profile, args: &ScoreArgs) -> Result<Settings, Exit> {
    let as_of = args
        .as_of
        .or(profile.as_of)
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let audit_period = profile.audit_period.unwrap_or_else(|| {
        // Without a profile: the year up to the as-of date.
        let start = as_of
            .checked_sub(jiff::Span::new().years(1))
            .ok()
            .and_then(|d| d.tomorrow().ok())
            .unwrap_or(as_of);
        evidence::Period { start, end: as_of }
    });
    let mut targets = BTreeMap::new();
    for (id, n) in &profile.targets {
        let Some((_, control)) = catalog.control(id) else {
            error(&format!(
                "the profile sets a target for `{id}`, which is not a control in the catalog (see `evident catalog list`)"
            ));
            return Err(Exit::Config);
        };
        targets.insert(control.id.clone(), *n);
    }
    for (id, n) in &args.target {
        let Some((_, control)) = catalog.control(id) else {
            error(&format!(
                "--target {id}={n}: `{id}` is not a control in the catalog (see `evident catalog list`)"
            ));
            return Err(Exit::Usage);
        };
        targets.insert(control.id.clone(), *n);
    }
    Ok(Settings {
        as_of,
        audit_period,
        level_threshold: profile.level_threshold,
        waivers_count_toward_level: profile.waivers_count_toward_level,
        cadence_periods: profile.cadence_periods,
        section_aliases: profile.section_aliases.clone(),
        deadline_from: profile.deadline_from.clone(),
        // After the profile's values were applied: the values in force.
        thresholds: catalog
            .thresholds()
            .into_iter()
            .map(|(name, (value, _))| (name, value))
            .collect(),
        targets,
        categories: profile.categories.clone(),
        organisation: Some(profile.organisation.clone()).filter(|o| !o.is_empty()),
        scope: profile.scope.clone(),
    })
}

/// Scores what was loaded.
pub(super) fn assess(loaded: &Loaded) -> Assessment {
    score::assess(&loaded.catalog, &loaded.evidence, &loaded.settings)
}
