//! One-line, human-readable forms of requirements and conditions, shared by
//! `catalog show`, explanations and reports so they all word a requirement the same.

use std::fmt;

use super::model::{FieldCondition, Operator, Requirement};

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Eq => "=",
            Self::Ne => "!=",
            Self::In => "in",
            Self::NotIn => "not in",
            Self::Gt => ">",
            Self::Gte => ">=",
            Self::Lt => "<",
            Self::Lte => "<=",
            Self::Exists => "exists",
            Self::NotEmpty => "is not empty",
            Self::Contains => "contains",
        })
    }
}

impl fmt::Display for FieldCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(v) => write!(f, "{} {} {}", self.field, self.op, v),
            None => write!(f, "{} {}", self.field, self.op),
        }
    }
}

fn join<T: fmt::Display>(items: &[T], sep: &str) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(sep)
}

impl fmt::Display for Requirement {
    /// `ir-plan ×1 within P365D where status = "approved"; sections: Preparation, …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ×{}", self.kind, self.min_count)?;
        if let Some(within) = &self.within {
            write!(f, " within {within}")?;
        }
        if !self.conditions.is_empty() {
            write!(f, " where {}", join(&self.conditions, " and "))?;
        }
        if !self.accepts.is_empty() {
            let bases: Vec<String> = self.accepts.iter().map(|b| b.to_string()).collect();
            write!(f, " (basis: {})", bases.join(", "))?;
        }
        if !self.sections.is_empty() {
            write!(f, "; sections: {}", self.sections.join(", "))?;
        }
        if let Some(cadence) = &self.cadence {
            write!(f, "; every {} over the audit period", cadence.every)?;
            if cadence.min_per_period > 1 {
                write!(f, " (×{} per period)", cadence.min_per_period)?;
            }
        }
        if let Some(coverage) = &self.coverage {
            write!(f, "; for each {}", coverage.of)?;
            if !coverage.conditions.is_empty() {
                write!(f, " where {}", join(&coverage.conditions, " and "))?;
            }
            if let Some(within) = &coverage.within {
                write!(f, ", within {within} of it")?;
            }
        }
        Ok(())
    }
}
