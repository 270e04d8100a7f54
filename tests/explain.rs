//! `evident explain`: the derivation of one control as an analyst reads it. Golden
//! output (`EVIDENT_BLESS=1` rewrites it) for northwind-health's IRO-01, whose L3
//! criteria show items grouped by why they do not match, with a count and the first
//! ids, and whose L2 criteria show the heading that satisfied each required section.
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

#[test]
fn explain_groups_what_does_not_match_and_names_the_headings_used() {
    let (code, stdout, stderr) = support::run(&[
        "explain",
        "IRO-01",
        "evidence-samples/northwind-health",
        "--as-of",
        "2026-10-31",
    ]);
    assert_eq!(code, 0, "explain explains; it does not gate: {stderr}");
    assert!(
        stdout.contains("5 items do not match: `type = \"strategy\"` does not hold (NWH-CISO-REVIEW-2026-01, NWH-CISO-REVIEW-2026-04, NWH-CISO-REVIEW-2026-07 and 2 more)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("section \"Revision History\": heading \"Revision History\""),
        "{stdout}"
    );
    support::golden("tests/golden/northwind-health/explain-IRO-01.txt", &stdout);
}
