//! What scoring looks things up in: the as-of date and audit period, and the valid
//! items indexed by kind and id. Also the calendar arithmetic of the time model.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::model::EvidenceRef;
use super::sections::SectionVocabulary;
use crate::duration::IsoDuration;
use crate::evidence::{EvidenceFile, EvidenceItem, EvidenceKind, EvidenceSet, Period};
pub use crate::profile::CadencePeriods;

/// The inputs of scoring besides the catalog.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The date the assessment is as of.
    pub as_of: Date,
    /// The audit period.
    pub audit_period: Period,
    /// Share of a level's criteria that must be met (0 < t <= 1).
    pub level_threshold: f64,
    /// Whether waived criteria count toward a level or readiness (never essential
    /// ones). Off by default: a waiver is a decision, not evidence.
    pub waivers_count_toward_level: bool,
    /// How cadence periods are cut: calendar months, quarters and years (default), or
    /// consecutive periods from the audit period's first day.
    pub cadence_periods: CadencePeriods,
    /// The organisation's own headings per required section (from the profile).
    pub section_aliases: BTreeMap<String, Vec<String>>,
    /// The catalog's named thresholds with the values this assessment uses (the
    /// catalog's defaults, or the profile's values), recorded for the auditor.
    pub thresholds: BTreeMap<String, String>,
    /// Per covering kind, what coverage deadlines run from, overriding the catalog.
    pub deadline_from: BTreeMap<EvidenceKind, crate::catalog::DeadlineFrom>,
    /// Target per control id (upper-case ids as in the catalog).
    pub targets: BTreeMap<String, u32>,
    /// SOC 2 categories in scope besides security; points of focus of other
    /// categories are not applicable.
    pub categories: Vec<crate::catalog::TscCategory>,
    /// Organisation and scope, for the record.
    pub organisation: Option<String>,
    /// What the assessment covers.
    pub scope: Option<String>,
}

/// Evidence indexed for scoring.
#[derive(Debug)]
pub struct Context<'a> {
    pub settings: &'a Settings,
    pub evidence: &'a EvidenceSet,
    by_kind: BTreeMap<EvidenceKind, Vec<&'a EvidenceItem>>,
    invalid_by_kind: BTreeMap<EvidenceKind, Vec<&'a EvidenceFile>>,
    by_id: HashMap<&'a str, &'a EvidenceItem>,
    /// The accepted headings of every required section.
    pub sections: SectionVocabulary,
}

impl<'a> Context<'a> {
    /// Indexes `evidence`.
    pub fn new(
        settings: &'a Settings,
        evidence: &'a EvidenceSet,
        sections: SectionVocabulary,
    ) -> Self {
        let mut by_kind: BTreeMap<EvidenceKind, Vec<&EvidenceItem>> = BTreeMap::new();
        for item in &evidence.items {
            by_kind.entry(item.kind).or_default().push(item);
        }
        let mut invalid_by_kind: BTreeMap<EvidenceKind, Vec<&EvidenceFile>> = BTreeMap::new();
        for file in evidence.files.iter().filter(|f| !f.valid) {
            if let Some(kind) = file.kind {
                invalid_by_kind.entry(kind).or_default().push(file);
            }
        }
        let by_id = evidence.items.iter().map(|i| (i.id.as_str(), i)).collect();
        Self {
            settings,
            evidence,
            by_kind,
            invalid_by_kind,
            by_id,
            sections,
        }
    }

    /// Valid items of a kind, sorted by id.
    pub fn items(&self, kind: EvidenceKind) -> &[&'a EvidenceItem] {
        self.by_kind.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// Files of a kind that were rejected.
    pub fn invalid(&self, kind: EvidenceKind) -> &[&'a EvidenceFile] {
        self.invalid_by_kind.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// An item by id.
    pub fn item(&self, id: &str) -> Option<&'a EvidenceItem> {
        self.by_id.get(id).copied()
    }

    /// The pointer to an item that reports carry.
    pub fn reference(&self, item: &EvidenceItem) -> EvidenceRef {
        let file = self.evidence.file_of(item);
        EvidenceRef {
            id: item.id.clone(),
            title: item.title.clone(),
            path: file.map(|f| f.path.clone()).unwrap_or_default(),
            line: item.line,
            sha256: file.map(|f| f.sha256.to_string()).unwrap_or_default(),
        }
    }

    /// The last day an item is valid, if it expires.
    pub fn valid_until(&self, item: &EvidenceItem) -> Option<Date> {
        let by_duration = item
            .valid_for
            .as_ref()
            .zip(item.proves())
            .map(|(d, p)| add(p.end, d));
        match (item.expires, by_duration) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether an item has expired by the as-of date.
    pub fn expired(&self, item: &EvidenceItem) -> bool {
        self.valid_until(item)
            .is_some_and(|until| until < self.settings.as_of)
    }
}

/// One expected period of a cadence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CadenceSlot {
    /// The period as reported: the calendar period cut to the audit period.
    pub shown: Period,
    /// Where evidence counts: the whole calendar period (an edge period's evidence may
    /// fall just outside the audit period), up to the as-of date.
    pub window: Period,
}

/// The periods a cadence expects, and the edge periods it does not (less than half
/// of a calendar period inside the audit period, or not ended by the as-of date).
pub fn cadence_slots(settings: &Settings, every: &IsoDuration) -> (Vec<CadenceSlot>, Vec<Period>) {
    let audit = settings.audit_period;
    let months =
        calendar_months(every).filter(|_| settings.cadence_periods == CadencePeriods::Calendar);
    let Some(months) = months else {
        let (due, later): (Vec<Period>, Vec<Period>) = tiles(audit, every)
            .into_iter()
            .partition(|p| p.end <= settings.as_of);
        return (
            due.into_iter()
                .map(|p| CadenceSlot {
                    shown: p,
                    window: p,
                })
                .collect(),
            later,
        );
    };
    let mut expected = Vec::new();
    let mut skipped = Vec::new();
    let m0 = i32::from(audit.start.month()) - 1;
    let first_month = i8::try_from(m0 / months * months + 1).unwrap_or(1);
    let mut start = Date::new(audit.start.year(), first_month, 1).unwrap_or(audit.start);
    let step = jiff::Span::new().months(i64::from(months));
    while start <= audit.end && expected.len() + skipped.len() < 10_000 {
        let next = start.checked_add(step).unwrap_or(Date::MAX);
        let full_end = next.yesterday().unwrap_or(next);
        let shown = Period {
            start: start.max(audit.start),
            end: full_end.min(audit.end),
        };
        let days = |p: Period| p.start.until(p.end).map_or(0, |s| s.get_days()) + 1;
        let full = Period {
            start,
            end: full_end,
        };
        // An edge period counts when at least half of it lies in the audit period.
        let enough = days(shown) * 2 >= days(full);
        if enough && shown.end <= settings.as_of {
            expected.push(CadenceSlot {
                shown,
                window: Period {
                    start,
                    end: full_end.min(settings.as_of),
                },
            });
        } else {
            skipped.push(shown);
        }
        start = next;
    }
    (expected, skipped)
}

/// The length in months of a duration that tiles the calendar year (1, 2, 3, 4, 6 or
/// 12 months), if it is one.
fn calendar_months(every: &IsoDuration) -> Option<i32> {
    let span = every.span();
    let zero_below_months = span.get_weeks() == 0
        && span.get_days() == 0
        && span.get_hours() == 0
        && span.get_minutes() == 0
        && span.get_seconds() == 0;
    let months = i32::from(span.get_years()) * 12 + span.get_months();
    (zero_below_months && months > 0 && 12 % months == 0).then_some(months)
}

/// `date + duration`, saturating at the calendar's ends.
pub fn add(date: Date, duration: &IsoDuration) -> Date {
    date.checked_add(duration.span()).unwrap_or(Date::MAX)
}

/// `date - duration`, saturating at the calendar's ends.
pub fn sub(date: Date, duration: &IsoDuration) -> Date {
    date.checked_sub(duration.span()).unwrap_or(Date::MIN)
}

/// The consecutive periods of length `every` that tile `period` (the last one cut at
/// its end).
pub fn tiles(period: Period, every: &IsoDuration) -> Vec<Period> {
    let mut out = Vec::new();
    let mut start = period.start;
    let mut n: i64 = 1;
    while start <= period.end && out.len() < 10_000 {
        // Step from the period's start each time, so months do not drift (Jan 31 +
        // 1 month is Feb 28, + 2 months is Mar 31).
        let next = period
            .start
            .checked_add(every.span().checked_mul(n).unwrap_or_default())
            .unwrap_or(Date::MAX);
        if next <= start {
            break;
        }
        let end = next.yesterday().unwrap_or(next).min(period.end);
        out.push(Period { start, end });
        start = next;
        n += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn d(s: &str) -> IsoDuration {
        s.parse().unwrap()
    }

    #[test]
    fn quarters_tile_an_audit_period() {
        let year = Period {
            start: date(2025, 11, 1),
            end: date(2026, 10, 31),
        };
        let quarters = tiles(year, &d("P3M"));
        assert_eq!(quarters.len(), 4);
        assert_eq!(quarters[0].end, date(2026, 1, 31));
        assert_eq!(quarters[3].start, date(2026, 8, 1));
        assert_eq!(quarters[3].end, date(2026, 10, 31));
        assert_eq!(tiles(year, &d("P1M")).len(), 12);
    }

    #[test]
    fn months_from_the_31st_do_not_drift_and_leap_days_count() {
        let period = Period {
            start: date(2024, 1, 31),
            end: date(2024, 4, 29),
        };
        let months = tiles(period, &d("P1M"));
        assert_eq!(months[0].end, date(2024, 2, 28));
        assert_eq!(months[1].start, date(2024, 2, 29));
        assert_eq!(months[1].end, date(2024, 3, 30));
        assert_eq!(months[2].start, date(2024, 3, 31));
        assert_eq!(sub(date(2024, 3, 1), &d("P1D")), date(2024, 2, 29));
        assert_eq!(add(date(2024, 2, 29), &d("P1Y")), date(2025, 2, 28));
    }
}
