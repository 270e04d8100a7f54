//! JUnit XML (`junit.xml`): a test suite per control and a test case per criterion,
//! point of focus or step, so a CI test reporter shows each as passed, failed (not
//! met, with the reasons and the evidence) or skipped (waived, not applicable); and a
//! last suite with a test case per evidence file that fails when the file is invalid.
//!
//! Written by hand: the format is small, and every piece of text goes through
//! [`escape`], since evidence and user catalogs are untrusted.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use super::Report;
use super::titles::Titles;
use crate::catalog::Catalog;
use crate::score::{self, ControlResult, CriterionResult, CriterionStatus, EvidenceRef};

/// Name of the suite of evidence files (and the classname of its cases).
pub const EVIDENCE_SUITE: &str = "evidence";

/// One test case: its name and outcome.
struct Case {
    classname: String,
    name: String,
    outcome: Outcome,
}

enum Outcome {
    Passed,
    /// Passed on the design alone: no event in the period showed the operation.
    PassedOnDesign,
    Failed {
        message: String,
        detail: String,
    },
    Skipped {
        message: String,
    },
}

/// One test suite with its properties.
struct Suite {
    name: String,
    properties: Vec<(&'static str, String)>,
    cases: Vec<Case>,
}

impl Suite {
    fn count(&self, pick: fn(&Outcome) -> bool) -> usize {
        self.cases.iter().filter(|c| pick(&c.outcome)).count()
    }
}

/// Writes the report as JUnit XML to `out`. The evidence suite (a case per file
/// read, the bulk of a large run) is written case by case, never held whole.
pub fn render_to(report: &Report, catalog: &Catalog, out: &mut dyn Write) -> std::io::Result<()> {
    let titles = Titles::of(catalog);
    let suites: Vec<Suite> = report
        .assessment
        .controls
        .iter()
        .map(|c| control_suite(c, &titles))
        .collect();
    let files = &report.manifest.files;
    let invalid = files.iter().filter(|f| !f.file.valid).count();

    let total = suites.iter().map(|s| s.cases.len()).sum::<usize>() + files.len();
    let failures = suites.iter().map(|s| s.count(failed)).sum::<usize>() + invalid;
    let skips: usize = suites.iter().map(|s| s.count(skipped)).sum();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"evident\" tests=\"{total}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skips}\" time=\"0\">"
    )?;
    for suite in &suites {
        let counts = (suite.cases.len(), suite.count(failed), suite.count(skipped));
        suite_start(out, &suite.name, counts, &suite.properties)?;
        for case in &suite.cases {
            write_case(out, case)?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    // A case per file read: invalid files fail with their diagnostics.
    let mut problems: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for d in &report.diagnostics {
        if let Some(path) = d.path.as_deref() {
            problems.entry(path).or_default().push(format!(
                "{}[{}] {}:{}:{}: {}",
                d.severity, d.code, path, d.line, d.column, d.message
            ));
        }
    }
    suite_start(out, EVIDENCE_SUITE, (files.len(), invalid, 0), &[])?;
    for entry in files {
        let file = &entry.file;
        let outcome = if file.valid {
            Outcome::Passed
        } else {
            let found = problems
                .get(file.path.as_str())
                .map_or(&[][..], Vec::as_slice);
            Outcome::Failed {
                message: found
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "invalid evidence".to_owned()),
                detail: found.join("\n"),
            }
        };
        let case = Case {
            classname: EVIDENCE_SUITE.to_owned(),
            name: file.path.clone(),
            outcome,
        };
        write_case(out, &case)?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

fn failed(o: &Outcome) -> bool {
    matches!(o, Outcome::Failed { .. })
}

fn skipped(o: &Outcome) -> bool {
    matches!(o, Outcome::Skipped { .. })
}

/// A suite's opening tag, with (tests, failures, skipped), and its properties.
fn suite_start(
    out: &mut dyn Write,
    name: &str,
    (tests, failures, skips): (usize, usize, usize),
    properties: &[(&'static str, String)],
) -> std::io::Result<()> {
    writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skips}\" time=\"0\">",
        escape(name, true),
    )?;
    if !properties.is_empty() {
        writeln!(out, "    <properties>")?;
        for (name, value) in properties {
            writeln!(
                out,
                "      <property name=\"{name}\" value=\"{}\"/>",
                escape(value, true)
            )?;
        }
        writeln!(out, "    </properties>")?;
    }
    Ok(())
}

fn write_case(out: &mut dyn Write, case: &Case) -> std::io::Result<()> {
    write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\" time=\"0\"",
        escape(&case.classname, true),
        escape(&case.name, true)
    )?;
    match &case.outcome {
        Outcome::Passed => writeln!(out, "/>"),
        Outcome::PassedOnDesign => writeln!(
            out,
            ">\n      <system-out>met on design only: no events in the period, so only the procedure was shown, not its operation</system-out>\n    </testcase>"
        ),
        Outcome::Failed { message, detail } => writeln!(
            out,
            ">\n      <failure message=\"{}\" type=\"not-met\">{}</failure>\n    </testcase>",
            escape(message, true),
            escape(detail, false)
        ),
        Outcome::Skipped { message } => writeln!(
            out,
            ">\n      <skipped message=\"{}\"/>\n    </testcase>",
            escape(message, true)
        ),
    }
}

fn control_suite(control: &ControlResult, titles: &Titles) -> Suite {
    let mut properties = vec![
        ("framework", control.framework.clone()),
        ("score", score::describe(&control.score)),
    ];
    if let Some(target) = control.target {
        properties.push(("target", target.to_string()));
    }
    if let Some(status) = control.target_status {
        properties.push(("target-status", <&str>::from(status).into()));
    }
    Suite {
        name: format!("{} {}", control.id, control.title),
        properties,
        cases: control
            .all_criteria()
            .map(|(_, c)| Case {
                classname: control.id.clone(),
                name: format!("{} {}", c.id, titles.criterion(&c.id)),
                outcome: criterion_outcome(c),
            })
            .collect(),
    }
}

fn criterion_outcome(c: &CriterionResult) -> Outcome {
    match c.status {
        CriterionStatus::Met if c.design_only => Outcome::PassedOnDesign,
        CriterionStatus::Met => Outcome::Passed,
        CriterionStatus::Waived => Outcome::Skipped {
            message: match &c.waiver {
                Some(w) => format!("waived by {}", at(w)),
                None => "waived".to_owned(),
            },
        },
        CriterionStatus::NotApplicable => Outcome::Skipped {
            message: format!(
                "not applicable: {}",
                c.not_applicable.as_deref().unwrap_or("out of scope")
            ),
        },
        CriterionStatus::NotMet => {
            let unmet: Vec<_> = c.requirements.iter().filter(|r| !r.met).collect();
            let first = unmet
                .iter()
                .flat_map(|r| &r.reasons)
                .map(|r| r.message.as_str())
                .next()
                .unwrap_or("a requirement is not met");
            let message = format!(
                "{} of {} requirement(s) not met: {first}",
                unmet.len(),
                c.requirements.len()
            );
            let mut detail = String::new();
            for r in unmet {
                let _ = writeln!(detail, "requirement: {} ({})", r.description, r.kind);
                for reason in &r.reasons {
                    let code: &str = reason.code.into();
                    let _ = writeln!(detail, "  {code}: {}", reason.message);
                    for e in &reason.evidence {
                        let _ = writeln!(detail, "    evidence: {}", at(e));
                    }
                }
                for e in &r.evidence {
                    let _ = writeln!(detail, "  counted: {}", at(e));
                }
            }
            let _ = writeln!(detail, "remediation: {}", c.remediation);
            Outcome::Failed { message, detail }
        }
    }
}

/// `ID (path:line)`, or `ID (path)` when the line is not known.
fn at(e: &EvidenceRef) -> String {
    let id = if e.id.is_empty() { "no id" } else { &e.id };
    if e.line == 0 {
        format!("{id} ({})", e.path)
    } else {
        format!("{id} ({}:{})", e.path, e.line)
    }
}

/// Escapes text for XML 1.0: markup characters become entities (so `]]>` and `<`
/// cannot end or open anything), line breaks inside attributes become character
/// references (else a parser folds them into spaces), and characters XML cannot
/// carry at all (most C0 controls) become U+FFFD.
pub fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' | '\t' if attribute => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'.. => {
                out.push(c);
            }
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_quotes_and_control_characters_are_escaped() {
        assert_eq!(
            escape("a<b>&\"c\"]]>'\u{1}", true),
            "a&lt;b&gt;&amp;&quot;c&quot;]]&gt;&apos;\u{FFFD}"
        );
        assert_eq!(escape("x\ny\r", true), "x&#10;y&#13;");
        assert_eq!(escape("x\ny\"]]>", false), "x\ny\"]]&gt;");
    }
}
