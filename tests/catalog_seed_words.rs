//! Every requirement of the built-in catalog names the words of its criterion it
//! tests (`seed_words`), and those words are in the criterion's text: a demand the
//! source does not make cannot hide in the catalog.
#![allow(clippy::unwrap_used, clippy::panic)]

use evident::catalog::{builtin_inputs, load};

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn every_requirement_quotes_the_words_of_its_criterion_it_tests() {
    let (catalog, diagnostics) = load(builtin_inputs());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let catalog = catalog.unwrap();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (_, control) in catalog.controls() {
        for criterion in control.criteria() {
            let mut source = criterion.title.clone().unwrap_or_default();
            source.push(' ');
            source.push_str(&criterion.text);
            for item in &criterion.items {
                source.push(' ');
                source.push_str(item);
            }
            let source = fold(&source);
            for r in criterion.requirements.iter().flat_map(|r| r.options()) {
                checked += 1;
                match &r.seed_words {
                    None => problems.push(format!(
                        "{}: \"{}\" names no seed_words",
                        criterion.id, r.description
                    )),
                    Some(words) if !source.contains(&fold(words)) => problems.push(format!(
                        "{}: seed_words \"{words}\" are not in the criterion's text",
                        criterion.id
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} requirements");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_value_the_seeds_do_not_give_is_a_named_threshold_with_one_default() {
    let catalog = load(builtin_inputs()).0.unwrap();
    let mut defaults: std::collections::BTreeMap<String, String> = Default::default();
    let mut problems = Vec::new();
    for (_, control) in catalog.controls() {
        for criterion in control.criteria() {
            for r in criterion.requirements.iter().flat_map(|r| r.options()) {
                let value = r
                    .coverage
                    .as_ref()
                    .and_then(|c| c.within.as_ref().map(ToString::to_string))
                    .or_else(|| r.roster.as_ref().map(|x| x.min_share.to_string()))
                    .or_else(|| r.within.as_ref().map(ToString::to_string))
                    .or_else(|| r.cadence.as_ref().map(|c| c.every.to_string()));
                match (&r.threshold, value) {
                    (None, Some(v)) => problems.push(format!(
                        "{}: \"{}\" has the value {v} but no threshold name",
                        criterion.id, r.description
                    )),
                    (Some(name), Some(v)) => {
                        let first = defaults.entry(name.clone()).or_insert_with(|| v.clone());
                        if *first != v {
                            problems.push(format!(
                                "{}: threshold {name} is {v} here but {first} elsewhere",
                                criterion.id
                            ));
                        }
                    }
                    (Some(name), None) => {
                        problems.push(format!("{}: threshold {name} names no value", criterion.id))
                    }
                    (None, None) => {}
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let names: Vec<&str> = defaults.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "activity-window",
            "affected-party-notice-deadline",
            "check-cadence",
            "document-review",
            "exercise-cycle",
            "improvement-window",
            "incident-notice-deadline",
            "monitoring-cadence",
            "oversight-cadence",
            "recent-record",
            "review-deadline",
            "training-coverage",
        ]
    );
}
