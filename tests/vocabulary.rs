//! One vocabulary: every closed set of names (evidence kinds, bases, statuses, reason
//! and finding codes, relations, categories, operators, severities, sources) is named
//! once, in kebab-case. serde writes the names into JSON and reads them from YAML,
//! strum gives them to the text outputs and the command line; this test fails if the
//! two ever disagree on a single name, so a report never words a value one way and
//! `assessment.json` another.
#![allow(clippy::unwrap_used, clippy::panic)]

use serde::Serialize;
use strum::VariantArray;

fn same_names<T>(what: &str) -> usize
where
    T: VariantArray + Serialize + Into<&'static str> + Copy + std::fmt::Debug,
{
    for value in T::VARIANTS {
        let text: &'static str = (*value).into();
        let json = serde_json::to_value(value).unwrap();
        assert_eq!(json.as_str(), Some(text), "{what}::{value:?}");
        assert!(
            text.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{what}::{value:?} is `{text}`, not kebab-case"
        );
    }
    T::VARIANTS.len()
}

#[test]
fn serde_and_the_text_outputs_use_the_same_names() {
    use evident::catalog::{DeadlineFrom, Operator, Relation, TscCategory};
    use evident::diagnostic::Severity;
    use evident::evidence::{Basis, EvidenceKind};
    use evident::report::baseline::Change;
    use evident::report::view::Rag;
    use evident::score::{CriterionStatus, FindingCode, ReasonCode, TargetStatus};
    let counted = [
        same_names::<EvidenceKind>("EvidenceKind"),
        same_names::<Basis>("Basis"),
        same_names::<TscCategory>("TscCategory"),
        same_names::<Operator>("Operator"),
        same_names::<Relation>("Relation"),
        same_names::<DeadlineFrom>("DeadlineFrom"),
        same_names::<CriterionStatus>("CriterionStatus"),
        same_names::<ReasonCode>("ReasonCode"),
        same_names::<FindingCode>("FindingCode"),
        same_names::<TargetStatus>("TargetStatus"),
        same_names::<Severity>("Severity"),
        same_names::<Change>("Change"),
        same_names::<Rag>("Rag"),
    ];
    assert!(counted.iter().all(|n| *n >= 2), "{counted:?}");
    assert_eq!(counted[0], 21, "every evidence kind");
}

#[test]
fn names_parse_back_to_their_values() {
    use evident::gate::FailOn;
    use evident::import::Source;
    use evident::report::output::OutputFormat;
    for kind in evident::evidence::EvidenceKind::ALL {
        assert_eq!(kind.name().parse(), Ok(*kind));
    }
    for source in Source::ALL {
        assert_eq!(Source::from_name(source.name()), Some(*source));
    }
    for format in OutputFormat::VARIANTS {
        assert_eq!(format.to_string().parse(), Ok(*format));
    }
    assert_eq!("expired-waiver".parse(), Ok(FailOn::ExpiredWaiver));
    assert!("expired_waiver".parse::<FailOn>().is_err());
    assert_eq!(Source::from_name("training-csv"), Some(Source::TrainingCsv));
}
