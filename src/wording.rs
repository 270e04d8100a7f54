//! Words compared by what they say. Folding: lower case, `&` as `and`, numbering
//! dropped, plurals made singular, and `A/B` read as either word; headings are folded
//! once when a document is read, and the section vocabulary folds its phrases the same
//! way, so matching a section is a substring search. Suggesting: the one "did you
//! mean" every diagnostic about an unknown name uses.

/// Most readings one heading is expanded to (each `A/B` doubles them).
const MAX_READINGS: usize = 16;

/// The folded readings of `text`, one per choice of each `A/B` alternative (at most
/// 16), each padded with a space on both sides so a padded phrase matches whole words
/// by substring search (`" act "` is not in `" contact "`).
pub fn readings(text: &str) -> Vec<String> {
    let mut readings: Vec<String> = vec![String::from(" ")];
    for token in text
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '/'))
        .filter(|t| !t.is_empty())
    {
        let alternatives: Vec<String> = token
            .split('/')
            .map(fold_words)
            .filter(|w| !w.is_empty())
            .collect();
        match alternatives.as_slice() {
            [] => continue,
            [only] => {
                for reading in &mut readings {
                    reading.push_str(only);
                    reading.push(' ');
                }
            }
            _ => {
                let mut next = Vec::new();
                for reading in &readings {
                    for alternative in &alternatives {
                        if next.len() < MAX_READINGS {
                            next.push(format!("{reading}{alternative} "));
                        }
                    }
                }
                readings = next;
            }
        }
    }
    readings
}

/// The first folded reading of `text`, unpadded: the key a section is known by.
pub fn fold(text: &str) -> String {
    readings(text)
        .into_iter()
        .next()
        .map(|r| r.trim().to_owned())
        .unwrap_or_default()
}

/// One token without `/`: `&` read as `and`, pure numbers (numbering) dropped, each
/// word lower-cased and made singular.
fn fold_words(token: &str) -> String {
    let spaced = token.replace('&', " and ");
    spaced
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| singular(&w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `communications` → `communication`, `activities` → `activity`; `analysis`,
/// `process` and `status` stay.
fn singular(word: &str) -> String {
    if word.len() > 4 && word.ends_with("ies") {
        format!("{}y", &word[..word.len() - 3])
    } else if word.len() > 3
        && word.ends_with('s')
        && !(word.ends_with("ss") || word.ends_with("is") || word.ends_with("us"))
    {
        word[..word.len() - 1].to_owned()
    } else {
        word.to_owned()
    }
}

/// How alike (Jaro-Winkler, case folded) a name must be to a known one to be offered
/// as the name meant: close enough to catch a typo or a dropped letter, far enough
/// not to suggest an unrelated id.
const SUGGESTION_SIMILARITY: f64 = 0.8;

/// The known name closest to `given`, when one is close enough to be what was meant
/// and no other is as close (`CC7.9` is as near to `CC7.1` as to `CC7.5`: naming one
/// would be a guess): the "did you mean" of every diagnostic about an unknown name.
pub fn did_you_mean<'k>(given: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let given = given.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    let mut tied = false;
    for k in known {
        let score = strsim::jaro_winkler(&given, &k.to_lowercase());
        if score <= SUGGESTION_SIMILARITY {
            continue;
        }
        match best {
            Some((s, b)) if score < s || (score == s && b == k) => {}
            Some((s, _)) if score == s => tied = true,
            _ => {
                best = Some((score, k));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, k)| k)
}

/// `did you mean `x`? ` (with the trailing space, to start a help line) when
/// [`did_you_mean`] has a suggestion; empty otherwise.
pub fn suggestion<'k>(given: &str, known: impl IntoIterator<Item = &'k str>) -> String {
    did_you_mean(given, known)
        .map(|k| format!("did you mean `{k}`? "))
        .unwrap_or_default()
}

#[cfg(test)]
mod suggestion_tests {
    use super::did_you_mean;

    #[test]
    fn a_typo_gets_the_name_meant_and_a_guess_gets_nothing() {
        let kinds = ["incident", "ir-plan", "post-incident-review"];
        assert_eq!(did_you_mean("Incidnet", kinds), Some("incident"));
        assert_eq!(did_you_mean("ir-plna", kinds), Some("ir-plan"));
        assert_eq!(did_you_mean("waiver", kinds), None, "nothing close");
        // Equally close to two ids: no suggestion rather than an arbitrary one.
        assert_eq!(did_you_mean("CC7.9", ["CC7.1", "CC7.2", "CC7.5"]), None);
        assert_eq!(did_you_mean("IRO-2", ["IRO-01", "IRO-02"]), Some("IRO-02"));
        assert_eq!(
            super::suggestion("IRO-2", ["IRO-02"]),
            "did you mean `IRO-02`? "
        );
        assert_eq!(super::suggestion("x", ["IRO-02"]), "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_words_that_only_look_plural() {
        assert_eq!(
            fold("Analysis of the Process Status"),
            "analysis of the process status"
        );
        assert_eq!(
            fold("3.2 Lessons-Learned & Activities"),
            "lesson learned and activity"
        );
    }

    #[test]
    fn a_slash_gives_one_reading_per_word_and_is_capped() {
        assert_eq!(
            readings("Internal/External Communications"),
            [" internal communication ", " external communication "]
        );
        let many = "a/b c/d e/f g/h i/j k/l";
        assert_eq!(readings(many).len(), MAX_READINGS);
        assert_eq!(readings("").len(), 1);
    }
}
