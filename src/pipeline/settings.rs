//! Profile and request merged into the scoring [`Settings`]: the request wins over
//! the profile, the profile over the defaults.

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::evidence::Period;
use crate::profile::Profile;
use crate::score::Settings;

use super::Inputs;

/// The settings of a run. A request target naming no control is a usage error (the
/// user typed it just now); the profile's unknown targets are diagnostics instead
/// (see [`unknown_targets`]).
pub(super) fn merge(
    catalog: &Catalog,
    profile: &Profile,
    inputs: &Inputs<'_>,
) -> Result<Settings, String> {
    let as_of = inputs
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
        Period { start, end: as_of }
    });
    let mut targets = BTreeMap::new();
    for (id, n) in &profile.targets {
        if let Some((_, control)) = catalog.control(id) {
            targets.insert(control.id.clone(), *n);
        }
    }
    for (id, n) in inputs.targets {
        let Some((_, control)) = catalog.control(id) else {
            return Err(format!(
                "--target {id}={n}: `{id}` is not a control in the catalog (see `evident catalog list`)"
            ));
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

/// An error per profile target naming no control, at its key in the profile. The
/// run goes on so the reports show it, but a target nobody checks is a gate that
/// silently passes, so the gate fails on it (see [`crate::gate`]).
pub(super) fn unknown_targets(catalog: &Catalog, profile: &Profile) -> Diagnostics {
    let mut out = Diagnostics::new();
    for id in profile.targets.keys() {
        if catalog.control(id).is_some() {
            continue;
        }
        let known: Vec<&str> = catalog.controls().map(|(_, c)| c.id.as_str()).collect();
        let mut d = Diagnostic::error(
            Code::UnknownTarget,
            format!("the profile sets a target for `{id}`, which is not a control in the catalog"),
        )
        .help(format!(
            "{}known controls: {} (`evident catalog list`)",
            crate::wording::suggestion(id, known.iter().copied()),
            known.join(", ")
        ));
        if let Some(at) = profile
            .locations
            .get(&crate::profile::pointer("targets", id))
        {
            d = d.at(at.clone());
        }
        out.push(d);
    }
    out
}
