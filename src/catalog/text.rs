//! What `evident catalog list` and `catalog show` print: a table of controls, and one
//! control in full with its levels, criteria, requirements and mappings (as text, or
//! as the JSON of `--format json`).

use std::fmt::Write as _;

use super::{Catalog, Control, ControlModel, Criterion, Framework, Mapping, TextOrigin};
use crate::text::{table, wrap};

const WIDTH: usize = 100;

/// The table of every control: framework, id, title, shape, criteria.
pub fn list(catalog: &Catalog) -> String {
    let summaries = catalog.summaries();
    let rows: Vec<Vec<String>> = summaries
        .iter()
        .map(|s| {
            let shape = match (
                &s.defined_levels,
                &s.undefined_levels,
                s.points_of_focus,
                s.steps,
            ) {
                (Some(d), Some(u), _, _) => levels_text(d, u),
                (_, _, Some(n), _) => format!("{n} points of focus"),
                (_, _, _, Some(n)) => format!("{n} step{}", if n == 1 { "" } else { "s" }),
                _ => String::new(),
            };
            vec![
                s.framework.clone(),
                s.id.clone(),
                s.title.clone(),
                shape,
                s.criteria.to_string(),
            ]
        })
        .collect();
    table(
        &[
            "framework",
            "id",
            "title",
            "levels / points of focus",
            "criteria",
        ],
        &rows,
    )
}

fn levels_text(defined: &[u8], undefined: &[u8]) -> String {
    let range = |ls: &[u8]| match (ls.first(), ls.last()) {
        (Some(a), Some(b)) if a == b => format!("L{a}"),
        (Some(a), Some(b)) => format!("L{a}-L{b}"),
        _ => String::new(),
    };
    if undefined.is_empty() {
        format!("{} defined", range(defined))
    } else {
        format!(
            "{} defined; {} not defined",
            range(defined),
            range(undefined)
        )
    }
}

/// One control in full as `catalog show --format json` prints it: its framework, the
/// control and the mappings that name it.
pub fn show_json(
    framework: &Framework,
    control: &Control,
    mappings: &[&Mapping],
) -> serde_json::Value {
    serde_json::json!({
        "framework": framework,
        "control": control,
        "mappings": mappings,
    })
}

/// One control in full.
pub fn show(framework: &Framework, control: &Control, mappings: &[&Mapping]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}  {}", control.id, control.title);
    let _ = writeln!(s, "Framework: {} ({})", framework.name, framework.version);
    s.push_str(&wrap(&format!("Source: {}", framework.source), "", WIDTH));
    s.push_str(&wrap(
        &format!("Licence: {}. {}", framework.licence, framework.attribution),
        "",
        WIDTH,
    ));
    if let Some(weight) = control.weight {
        let _ = writeln!(s, "Weight: {weight}");
    }
    if let Some(cadence) = &control.cadence {
        let _ = writeln!(s, "Assessment cadence: {cadence}");
    }
    s.push_str("\nStatement\n");
    s.push_str(&wrap(&control.statement, "  ", WIDTH));
    if let Some(question) = &control.question {
        s.push_str("\nControl question\n");
        s.push_str(&wrap(question, "  ", WIDTH));
    }
    match control.model() {
        ControlModel::PointsOfFocus(points) => {
            s.push_str("\nPoints of focus\n");
            for c in points {
                render_criterion(&mut s, c, "  ");
            }
        }
        ControlModel::Procedure(steps) => {
            s.push_str("\nSteps\n");
            for c in steps {
                render_criterion(&mut s, c, "  ");
            }
        }
        ControlModel::Maturity(levels) => {
            s.push_str("\nMaturity levels (C|P-CMM)\n");
            for level in levels {
                let state = if level.is_defined() {
                    ""
                } else {
                    " (not defined)"
                };
                let _ = writeln!(s, "\n  L{} {}{state}", level.level, level.name);
                for text in level.description.iter().chain(level.not_defined.iter()) {
                    s.push_str(&wrap(text, "     ", WIDTH));
                }
                for c in &level.criteria {
                    render_criterion(&mut s, c, "     ");
                }
            }
        }
    }
    if !mappings.is_empty() {
        s.push_str("\nMappings\n");
        for m in mappings {
            let relation: &str = m.relation.into();
            let source = m
                .source
                .as_deref()
                .map(|x| format!("; {x}"))
                .unwrap_or_default();
            let _ = writeln!(s, "  {} -> {} ({relation}{source})", m.from, m.to);
        }
        s.push_str("  Scores are never copied across a mapping other than `equal`.\n");
    }
    s
}

fn render_criterion(s: &mut String, c: &Criterion, indent: &str) {
    let deeper = format!("{indent}    ");
    let mut flags = Vec::new();
    if c.essential {
        flags.push("essential".to_owned());
    }
    if let Some(category) = c.category {
        flags.push(<&str>::from(category).to_owned());
    }
    if c.text_origin == TextOrigin::Evident {
        flags.push("text by evident".to_owned());
    }
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", flags.join(", "))
    };
    let title = c
        .title
        .as_deref()
        .map(|t| format!(" {t}"))
        .unwrap_or_default();
    let _ = writeln!(s, "\n{indent}{}{title}{flags}", c.id);
    s.push_str(&wrap(&c.text, &deeper, WIDTH));
    for item in &c.items {
        s.push_str(&wrap(&format!("- {item}"), &format!("{deeper}  "), WIDTH));
    }
    for r in &c.requirements {
        s.push_str(&wrap(
            &format!("requires: {}", r.description),
            &deeper,
            WIDTH,
        ));
        s.push_str(&wrap(&format!("({r})"), &format!("{deeper}  "), WIDTH));
    }
    s.push_str(&wrap(
        &format!("remediation: {}", c.remediation),
        &deeper,
        WIDTH,
    ));
}
