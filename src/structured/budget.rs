//! The limits a YAML document must stay within before serde builds a value of it:
//! nesting depth, and the size and node count it would have once every alias is
//! expanded.
//!
//! They are checked on saphyr's event stream, which scans token by token as events
//! are pulled, so a hostile document is refused after reading only as far as the
//! limit: deep flow nesting (whose full scan is quadratic in the depth) stops at
//! level 129, and an alias bomb (a few hundred kilobytes that expand to gigabytes)
//! stops at the alias that crosses the budget, before anything is expanded.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser};

/// Deepest nesting of sequences and mappings a document may have.
pub const MAX_DEPTH: usize = 128;

/// Most bytes of scalar text a document may hold once its aliases are expanded, for
/// a file up to 8 MiB; a larger file may expand to 4 times its size (see [`Budget`]).
pub const MAX_EXPANDED_BYTES: u64 = 32 * 1024 * 1024;

/// Most nodes (scalars, sequences, mappings) a document may have once its aliases
/// are expanded, for a file up to 1,000,000 bytes; a larger file may have one node
/// per byte (see [`Budget`]).
pub const MAX_EXPANDED_NODES: u64 = 1_000_000;

/// The expansion budget of one file. It grows with the file, so raising the file size
/// limit (`--max-file-size`) raises it too, and a file without aliases can never
/// exceed it: written out, every node costs at least a byte and no scalar is longer
/// than the file. Only aliases multiply, and an alias bomb of a few hundred kilobytes
/// still stops at 32 MiB or a million nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Most bytes of scalar text once expanded.
    pub bytes: u64,
    /// Most nodes once expanded.
    pub nodes: u64,
}

impl Budget {
    /// The budget of a file of `len` bytes.
    pub fn for_len(len: usize) -> Self {
        let len = len as u64;
        Self {
            bytes: MAX_EXPANDED_BYTES.max(len.saturating_mul(4)),
            nodes: MAX_EXPANDED_NODES.max(len),
        }
    }
}

/// Which limit a document broke, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// A sequence or mapping opens at depth `MAX_DEPTH + 1`, at 1-based `line` and
    /// 0-based character `column`.
    Depth { line: usize, column: usize },
    /// Expanding the alias at `line`/`column` takes the document past a budget;
    /// `bytes` and `nodes` are the totals counted up to and including it.
    Expansion {
        line: usize,
        column: usize,
        bytes: u64,
        nodes: u64,
        budget: Budget,
    },
}

/// Size of a subtree once expanded.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    bytes: u64,
    nodes: u64,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.bytes = self.bytes.saturating_add(other.bytes);
        self.nodes = self.nodes.saturating_add(other.nodes);
    }
}

/// Whether `text` could break a limit at all: it needs an alias (`*`) to expand, or
/// more than `MAX_DEPTH` opening brackets to nest that deep in flow style (block
/// nesting costs indentation, and libyaml scans it in linear time). Almost every
/// file passes this byte count and is not parsed twice.
pub fn worth_checking(text: &str) -> bool {
    let mut brackets = 0;
    for b in text.bytes() {
        match b {
            b'*' => return true,
            b'[' | b'{' => brackets += 1,
            _ => {}
        }
    }
    brackets > MAX_DEPTH
}

/// Walks the events of `text` and stops at the first limit broken. A syntax error
/// ends the walk without a verdict: the serde parse that follows reports it.
pub fn check(text: &str) -> Result<(), Exceeded> {
    let budget = Budget::for_len(text.len());
    let mut anchors: HashMap<usize, Size> = HashMap::new();
    // One frame per open sequence or mapping: its anchor id and its size so far.
    let mut open: Vec<(usize, Size)> = Vec::new();
    let mut total = Size::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(event) => event,
            // saphyr's scanner looks ahead through nested flow collections for a
            // possible key and gives up past 255 levels, before the events reach
            // ours: that too is nesting over the limit.
            Err(e) if e.info() == "recursion limit exceeded" => {
                return Err(Exceeded::Depth {
                    line: e.marker().line(),
                    column: e.marker().col(),
                });
            }
            Err(_) => return Ok(()),
        };
        let added = match event {
            Event::DocumentStart(_) => {
                anchors.clear();
                open.clear();
                total = Size::default();
                continue;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if open.len() >= MAX_DEPTH {
                    return Err(Exceeded::Depth {
                        line: span.start.line(),
                        column: span.start.col(),
                    });
                }
                open.push((anchor, Size { bytes: 0, nodes: 1 }));
                total.add(Size { bytes: 0, nodes: 1 });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, size)) = open.pop() else {
                    continue;
                };
                if anchor > 0 {
                    anchors.insert(anchor, size);
                }
                if let Some((_, parent)) = open.last_mut() {
                    parent.add(size);
                }
                continue;
            }
            Event::Scalar(value, _, anchor, _) => {
                let size = Size {
                    bytes: value.len() as u64,
                    nodes: 1,
                };
                if anchor > 0 {
                    anchors.insert(anchor, size);
                }
                size
            }
            // An alias of an anchor still open (a recursive alias) has no size yet;
            // serde rejects it.
            Event::Alias(anchor) => anchors
                .get(&anchor)
                .copied()
                .unwrap_or(Size { bytes: 0, nodes: 1 }),
            _ => continue,
        };
        if let Some((_, parent)) = open.last_mut() {
            parent.add(added);
        }
        total.add(added);
        if total.bytes > budget.bytes || total.nodes > budget.nodes {
            return Err(expansion(span.start, total, budget));
        }
    }
    Ok(())
}

fn expansion(at: Marker, total: Size, budget: Budget) -> Exceeded {
    Exceeded::Expansion {
        line: at.line(),
        column: at.col(),
        bytes: total.bytes,
        nodes: total.nodes,
        budget,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_bomb_is_stopped_at_the_alias_that_crosses_the_budget() {
        let big = "x".repeat(1024 * 1024);
        let mut text = format!("a: &big {big}\nb:\n");
        for _ in 0..40 {
            text.push_str("  - *big\n");
        }
        assert!(worth_checking(&text));
        match check(&text) {
            Err(Exceeded::Expansion { line, bytes, .. }) => {
                // With the anchored 1 MiB, the 31st alias (line 2 + 31) crosses 32 MiB.
                assert_eq!(line, 2 + 31);
                assert!(bytes > MAX_EXPANDED_BYTES);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_large_file_without_aliases_is_never_over_its_budget() {
        // 1.1 million nodes (more than the small-file budget) in 2.2 MB, with a `*`
        // inside a string so the budget walk runs: no alias, nothing expands.
        let mut text = String::from("[\"*.example.com\"");
        for _ in 0..1_100_000 {
            text.push_str(",1");
        }
        text.push(']');
        assert!(worth_checking(&text));
        assert_eq!(check(&text), Ok(()));
        // The budget follows the file size limit a user raises.
        let big = Budget::for_len(100 * 1024 * 1024);
        assert_eq!(big.bytes, 400 * 1024 * 1024);
        assert_eq!(big.nodes, 100 * 1024 * 1024);
        assert_eq!(Budget::for_len(500).bytes, MAX_EXPANDED_BYTES);
    }

    #[test]
    fn nested_anchors_multiply() {
        // Each level doubles: 2^25 nodes from a few hundred bytes.
        let mut text = String::from("l0: &l0 [x, x]\n");
        for i in 1..25 {
            text.push_str(&format!("l{i}: &l{i} [*l{p}, *l{p}]\n", p = i - 1));
        }
        assert!(matches!(check(&text), Err(Exceeded::Expansion { .. })));
    }

    #[test]
    fn depth_is_refused_at_the_first_level_too_many() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(worth_checking(&deep));
        assert_eq!(
            check(&deep),
            Err(Exceeded::Depth {
                line: 1,
                column: 128
            })
        );
        let in_a_mapping = format!("a: b\nx: {}{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            check(&in_a_mapping),
            Err(Exceeded::Depth {
                line: 2,
                column: 130
            })
        );
        let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert_eq!(check(&ok), Ok(()));
        let very = format!("x: {}{}\n", "[".repeat(40_000), "]".repeat(40_000));
        assert!(matches!(check(&very), Err(Exceeded::Depth { line: 1, .. })));
    }

    #[test]
    fn ordinary_documents_pass_and_are_not_checked_twice() {
        let text = "kind: incident\nid: INC-1\nrefs: [A, B]\nnote: 'a * b'\n";
        assert!(worth_checking(text));
        assert_eq!(check(text), Ok(()));
        assert!(!worth_checking("kind: policy\nid: P-1\n"));
        assert_eq!(check("a: [unclosed\n"), Ok(()));
    }
}
