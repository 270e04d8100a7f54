//! The items a requirement selected, indexed once by the ids they link to, so each
//! member of a coverage or timeliness check finds its linked items by lookup instead
//! of a scan of every selected item: scoring stays linear in items × requirements.

use std::collections::HashMap;

use serde_json::Value as Json;

use crate::evidence::EvidenceItem;

/// Selected items by the ids they name (`refs`) and by their own id.
pub(super) struct Links<'s, 'a> {
    items: &'s [&'a EvidenceItem],
    by_ref: HashMap<&'a str, Vec<usize>>,
    by_id: HashMap<&'a str, Vec<usize>>,
}

impl<'s, 'a> Links<'s, 'a> {
    /// Indexes `items` (in the order given, which lookups keep).
    pub(super) fn new(items: &'s [&'a EvidenceItem]) -> Self {
        let mut by_ref: HashMap<&'a str, Vec<usize>> = HashMap::new();
        let mut by_id: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (n, item) in items.iter().enumerate() {
            by_id.entry(item.id.as_str()).or_default().push(n);
            for r in &item.refs {
                let list = by_ref.entry(r.as_str()).or_default();
                // An item naming the same id twice is linked once.
                if list.last() != Some(&n) {
                    list.push(n);
                }
            }
        }
        Self {
            items,
            by_ref,
            by_id,
        }
    }

    /// The items that name `member` or that `member` names, in selection order.
    pub(super) fn of(&self, member: &EvidenceItem) -> Vec<&'a EvidenceItem> {
        let mut found: Vec<usize> = self
            .by_ref
            .get(member.id.as_str())
            .into_iter()
            .flatten()
            .copied()
            .collect();
        for r in &member.refs {
            found.extend(self.by_id.get(r.as_str()).into_iter().flatten());
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|n| self.items[n]).collect()
    }
}

/// Every notification of the selected logs by the incident it concerns: the one its
/// `incident` field names, or else each item its log `refs`. Logs and notifications
/// keep their order.
pub(super) fn notifications_by_incident<'a>(
    logs: &[&'a EvidenceItem],
) -> HashMap<&'a str, Vec<(&'a EvidenceItem, &'a Json)>> {
    let mut index: HashMap<&'a str, Vec<(&'a EvidenceItem, &'a Json)>> = HashMap::new();
    for &log in logs {
        let notifications = log
            .field("notifications")
            .and_then(Json::as_array)
            .into_iter()
            .flatten();
        for n in notifications {
            match n.get("incident").and_then(Json::as_str) {
                Some(id) => index.entry(id).or_default().push((log, n)),
                None => {
                    let mut named: Vec<&str> = log.refs.iter().map(String::as_str).collect();
                    named.sort_unstable();
                    named.dedup();
                    for id in named {
                        index.entry(id).or_default().push((log, n));
                    }
                }
            }
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Basis;
    use crate::evidence::EvidenceKind;

    fn item(id: &str, refs: &[&str]) -> EvidenceItem {
        let mut i = EvidenceItem::new(id, EvidenceKind::PostIncidentReview, Basis::Measured);
        i.refs = refs.iter().map(|r| (*r).to_owned()).collect();
        i
    }

    #[test]
    fn links_go_both_ways_once_each_in_selection_order() {
        let reviews = [
            item("PIR-2", &["INC-1", "INC-1"]),
            item("PIR-1", &["INC-1"]),
            item("PIR-3", &["INC-9"]),
        ];
        let selected: Vec<&EvidenceItem> = reviews.iter().collect();
        let links = Links::new(&selected);
        let ids = |m: &EvidenceItem| -> Vec<String> {
            links.of(m).iter().map(|i| i.id.clone()).collect()
        };
        assert_eq!(ids(&item("INC-1", &[])), ["PIR-2", "PIR-1"]);
        // The member names the review itself, and the review names it back: once.
        assert_eq!(ids(&item("INC-9", &["PIR-3"])), ["PIR-3"]);
        assert!(ids(&item("INC-5", &[])).is_empty());
    }
}
