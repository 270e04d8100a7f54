//! The terminal summary of `assess`: one row per control, the gap count, and what
//! changed since the baseline.

use std::fmt::Write as _;

use super::Report;
use super::baseline::{self, Change, FileFate};
use crate::score::{self, TargetStatus};
use crate::text::table;

/// The summary of `report` as plain text.
pub fn summary(report: &Report) -> String {
    let a = &report.assessment;
    let rows: Vec<Vec<String>> = a
        .controls
        .iter()
        .map(|c| {
            vec![
                c.framework.clone(),
                c.id.clone(),
                c.title.clone(),
                score::describe(&c.score),
                score::describe_target(c),
                match c.target_status {
                    Some(TargetStatus::Met) => "met".into(),
                    Some(TargetStatus::Below) => "BELOW".into(),
                    Some(TargetStatus::Unattainable) => "UNATTAINABLE".into(),
                    None => String::new(),
                },
            ]
        })
        .collect();
    let mut text = String::new();
    if let Some(org) = &a.organisation {
        let _ = writeln!(text, "{org}");
    }
    let _ = writeln!(
        text,
        "as of {}, audit period {}..{}\n",
        a.as_of, a.audit_period.start, a.audit_period.end
    );
    text.push_str(&table(
        &["framework", "control", "title", "score", "target", "status"],
        &rows,
    ));
    let _ = writeln!(
        text,
        "\n{} gap(s) to targets; `evident explain <CONTROL>` shows why",
        a.gaps.len()
    );
    if let Some(c) = &report.comparison {
        text.push_str(&comparison(c));
    }
    text
}

/// What changed since the baseline: the counts, each control that moved, each
/// regressed criterion with the files it has lost, then the file changes.
pub fn comparison(c: &baseline::Comparison) -> String {
    let e = &c.evidence;
    let mut text = format!(
        "\nsince the baseline of {}: {} criteria improved, {} regressed; files: {} added, {} removed, {} changed\n",
        c.baseline_as_of,
        c.improved,
        c.regressed,
        e.added.len(),
        e.removed.len(),
        e.changed.len()
    );
    for control in &c.controls {
        if matches!(control.change, Change::Improved | Change::Regressed) {
            let _ = writeln!(
                text,
                "  {} {}: {} -> {}",
                control.id,
                control.change,
                control.before.as_deref().unwrap_or("-"),
                control.after
            );
        }
        for cr in control
            .criteria
            .iter()
            .filter(|cr| cr.change == Change::Regressed)
        {
            let _ = writeln!(
                text,
                "  regressed {}: {} -> {}",
                cr.id,
                cr.before.map_or("-", score::status_name),
                score::status_name(cr.after)
            );
            for file in &cr.lost {
                let how = match file.now {
                    FileFate::Removed => "removed",
                    FileFate::Changed => "changed",
                    FileFate::Invalid => "now invalid",
                };
                let _ = writeln!(text, "    {how}: {} ({})", file.path, file.id);
            }
        }
    }
    for (how, files) in [
        ("added", &e.added),
        ("removed", &e.removed),
        ("changed", &e.changed),
    ] {
        for file in files {
            let _ = writeln!(text, "  {how} {}", file.path);
        }
    }
    text
}
