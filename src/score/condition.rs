//! Field conditions (`field op value`) evaluated on an item's kept fields. A path
//! through a list holds when it holds for any element, so `members.role exists`
//! asks whether some member has a role.

use serde_json::Value as Json;

use crate::catalog::{FieldCondition, Operator};
use crate::evidence::EvidenceItem;

/// Whether `condition` holds for `item`.
pub fn holds(condition: &FieldCondition, item: &EvidenceItem) -> bool {
    let mut parts = condition.field.split('.');
    let first = parts.next().unwrap_or_default();
    let mut values: Vec<&Json> = item.field(first).into_iter().collect();
    for part in parts {
        values = values
            .into_iter()
            .flat_map(|v| match v {
                Json::Array(items) => items.iter().filter_map(|i| i.get(part)).collect(),
                other => other.get(part).into_iter().collect::<Vec<_>>(),
            })
            .collect();
    }
    values.retain(|v| !v.is_null());
    let operand = condition.value.as_ref();
    match condition.op {
        Operator::Exists => !values.is_empty(),
        Operator::NotEmpty => values.iter().any(|v| not_empty(v)),
        Operator::Eq => operand.is_some_and(|o| values.iter().any(|v| equal(v, o))),
        Operator::Ne => operand.is_none_or(|o| !values.iter().any(|v| equal(v, o))),
        Operator::In => {
            list(operand).is_some_and(|l| values.iter().any(|v| l.iter().any(|o| equal(v, o))))
        }
        Operator::NotIn => {
            list(operand).is_none_or(|l| !values.iter().any(|v| l.iter().any(|o| equal(v, o))))
        }
        Operator::Gt => compare_any(&values, operand, |o| o.is_gt()),
        Operator::Gte => compare_any(&values, operand, |o| o.is_ge()),
        Operator::Lt => compare_any(&values, operand, |o| o.is_lt()),
        Operator::Lte => compare_any(&values, operand, |o| o.is_le()),
        Operator::Contains => operand.is_some_and(|o| {
            values.iter().any(|v| match (v, o) {
                (Json::Array(items), _) => items.iter().any(|i| equal(i, o)),
                (Json::String(s), Json::String(needle)) => s.contains(needle.as_str()),
                _ => false,
            })
        }),
    }
}

fn list(operand: Option<&Json>) -> Option<&Vec<Json>> {
    operand.and_then(Json::as_array)
}

fn not_empty(value: &Json) -> bool {
    match value {
        Json::Null => false,
        Json::String(s) => !s.trim().is_empty(),
        Json::Array(a) => !a.is_empty(),
        Json::Object(o) => !o.is_empty(),
        Json::Bool(_) | Json::Number(_) => true,
    }
}

/// JSON equality, with numbers compared by value (`1` equals `1.0`).
fn equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Numbers by value; strings (ISO dates) lexically; nothing else is ordered.
fn compare_any(
    values: &[&Json],
    operand: Option<&Json>,
    accept: fn(std::cmp::Ordering) -> bool,
) -> bool {
    let Some(operand) = operand else { return false };
    values.iter().any(|v| {
        let ordering = match (v, operand) {
            (Json::Number(x), Json::Number(y)) => x
                .as_f64()
                .zip(y.as_f64())
                .and_then(|(x, y)| x.partial_cmp(&y)),
            (Json::String(x), Json::String(y)) => Some(x.as_str().cmp(y.as_str())),
            _ => None,
        };
        ordering.is_some_and(accept)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Basis;
    use crate::evidence::EvidenceKind;
    use serde_json::json;

    fn item(fields: Json) -> EvidenceItem {
        let mut item = EvidenceItem::new("X-1", EvidenceKind::IrTeam, Basis::Declared);
        for (k, v) in fields.as_object().unwrap() {
            item.fields.insert(k.as_str().into(), v.clone());
        }
        item
    }

    fn check(field: &str, op: &str, value: Option<Json>, fields: &Json) -> bool {
        let condition: FieldCondition = serde_json::from_value(json!({
            "field": field, "op": op, "value": value
        }))
        .unwrap();
        holds(&condition, &item(fields.clone()))
    }

    #[test]
    fn every_operator_behaves_as_documented() {
        let fields = json!({
            "status": "approved",
            "completion_rate": 0.92,
            "functions": ["it", "cybersecurity"],
            "members": [{"name": "A", "role": "lead"}, {"name": "B"}],
            "obligations": [{"type": "statutory"}, {"type": "contractual"}],
            "notes": "",
            "closed": "2026-02-01"
        });
        let cases: &[(&str, &str, Option<Json>, bool)] = &[
            ("status", "eq", Some(json!("approved")), true),
            ("status", "eq", Some(json!("draft")), false),
            ("status", "ne", Some(json!("draft")), true),
            ("missing", "ne", Some(json!("draft")), true),
            ("status", "in", Some(json!(["draft", "approved"])), true),
            (
                "status",
                "not-in",
                Some(json!(["draft", "approved"])),
                false,
            ),
            ("completion_rate", "gte", Some(json!(0.9)), true),
            ("completion_rate", "gt", Some(json!(0.92)), false),
            ("completion_rate", "lt", Some(json!(1)), true),
            ("closed", "lte", Some(json!("2026-02-01")), true),
            ("closed", "gt", Some(json!("2026-02-01")), false),
            ("functions", "contains", Some(json!("it")), true),
            ("functions", "contains", Some(json!("privacy")), false),
            ("status", "contains", Some(json!("prov")), true),
            ("members", "not-empty", None, true),
            ("notes", "not-empty", None, false),
            ("notes", "exists", None, true),
            ("missing", "exists", None, false),
            ("members.role", "exists", None, true),
            ("members.phone", "exists", None, false),
            ("obligations.type", "eq", Some(json!("statutory")), true),
            ("obligations.type", "eq", Some(json!("contractual")), true),
            ("obligations.type", "eq", Some(json!("regulatory")), false),
        ];
        for (field, op, value, expected) in cases {
            assert_eq!(
                check(field, op, value.clone(), &fields),
                *expected,
                "{field} {op} {value:?}"
            );
        }
    }
}
