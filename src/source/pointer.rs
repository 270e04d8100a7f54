//! Maps JSON pointers (`/controls/2/levels/3/criteria/0/id`) to where the node stands
//! in the YAML or JSON text, so schema errors and semantic checks found on parsed
//! values can point at a line and column.
//!
//! The index is built with `saphyr`, a span-keeping parser, and only after the serde
//! parse has succeeded: saphyr's job is positions, not acceptance.

use std::collections::HashMap;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use super::{LineIndex, Span};

/// Positions of every value (and every mapping key) of a YAML or JSON document.
#[derive(Debug, Default)]
pub struct PointerIndex {
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
}

impl PointerIndex {
    /// Indexes `text`, whose document starts at byte `base` of the file (non-zero for
    /// Markdown front matter). A text saphyr cannot parse gives an empty index; the
    /// serde parse has already reported why.
    pub fn build(text: &str, base: usize) -> Self {
        let mut index = Self::default();
        let Ok(docs) = MarkedYaml::load_from_str(text) else {
            return index;
        };
        let Some(doc) = docs.first() else {
            return index;
        };
        let local = LineIndex::new(text);
        let mut walker = Walker {
            text,
            local: &local,
            index: &mut index,
        };
        walker.walk(doc, &mut String::new());
        // Shift spans from the embedded document to the file.
        if base > 0 {
            for span in index.values.values_mut().chain(index.keys.values_mut()) {
                *span = Span::new(span.start + base, span.end + base);
            }
        }
        index
    }

    /// Span of the value at `pointer`, or of its nearest indexed ancestor.
    pub fn value(&self, pointer: &str) -> Option<Span> {
        let mut p = pointer;
        loop {
            if let Some(span) = self.values.get(p) {
                return Some(*span);
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// Span of the key under which the value at `pointer` sits, falling back to the value.
    pub fn key(&self, pointer: &str) -> Option<Span> {
        self.keys
            .get(pointer)
            .copied()
            .or_else(|| self.value(pointer))
    }

    /// Number of indexed values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether nothing was indexed.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

struct Walker<'a> {
    text: &'a str,
    local: &'a LineIndex,
    index: &'a mut PointerIndex,
}

impl Walker<'_> {
    fn span_of(&self, node: &MarkedYaml<'_>) -> Span {
        let start = self
            .local
            .offset(self.text, node.span.start.line(), node.span.start.col());
        let end = self
            .local
            .offset(self.text, node.span.end.line(), node.span.end.col());
        // Collections end wherever the parser noticed; a one-line highlight reads better.
        let line = self.local.line_span(self.text, start);
        let end = if end <= start || end > line.end {
            line.end
        } else {
            end
        };
        Span::new(start, end)
    }

    fn walk(&mut self, node: &MarkedYaml<'_>, pointer: &mut String) {
        let span = self.span_of(node);
        self.index.values.entry(pointer.clone()).or_insert(span);
        match &node.data {
            YamlData::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    self.walk(item, pointer);
                    pointer.truncate(len);
                }
            }
            YamlData::Mapping(map) => {
                for (key, value) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    push_escaped(pointer, &key_text(key));
                    let key_span = self.span_of(key);
                    self.index.keys.entry(pointer.clone()).or_insert(key_span);
                    self.walk(value, pointer);
                    pointer.truncate(len);
                }
            }
            YamlData::Tagged(_, inner) => self.walk(inner, pointer),
            _ => {}
        }
    }
}

fn key_text(key: &MarkedYaml<'_>) -> String {
    match &key.data {
        YamlData::Value(Scalar::String(s)) => s.to_string(),
        YamlData::Value(Scalar::Integer(i)) => i.to_string(),
        YamlData::Value(Scalar::Boolean(b)) => b.to_string(),
        YamlData::Value(Scalar::FloatingPoint(f)) => f.to_string(),
        YamlData::Value(Scalar::Null) => "null".to_owned(),
        YamlData::Representation(s, _, _) => s.to_string(),
        _ => String::new(),
    }
}

/// The pointer of the member `token` of the value at `pointer`, the token escaped
/// per RFC 6901 (`/targets` and `a/b` give `/targets/a~1b`).
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::from(pointer);
    out.push('/');
    push_escaped(&mut out, token);
    out
}

/// Appends a pointer token, escaped per RFC 6901.
fn push_escaped(pointer: &mut String, token: &str) {
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_pointer_escapes_its_token() {
        assert_eq!(child("/targets", "IRO-02"), "/targets/IRO-02");
        assert_eq!(child("/targets", "a/b~c"), "/targets/a~1b~0c");
        assert_eq!(child("", "x"), "/x");
    }

    fn index(text: &str) -> PointerIndex {
        PointerIndex::build(text, 0)
    }

    #[test]
    fn finds_values_and_keys_by_pointer() {
        let text = "controls:\n  - id: CC7.1\n    levels:\n      - level: 0\n        name: x\n";
        let idx = index(text);
        let id = idx.value("/controls/0/id").unwrap();
        assert_eq!(&text[id.start..id.end], "CC7.1");
        let key = idx.key("/controls/0/levels/0/name").unwrap();
        assert_eq!(&text[key.start..key.end], "name");
        // An unknown child falls back to its nearest ancestor.
        let parent = idx.value("/controls/0/levels/0/missing").unwrap();
        assert_eq!(parent.start, text.find("level: 0").unwrap());
    }

    #[test]
    fn indexes_json_and_escapes_tokens() {
        let text = "{\n  \"a/b\": {\"c~d\": [1, 2]}\n}\n";
        let idx = index(text);
        let two = idx.value("/a~1b/c~0d/1").unwrap();
        assert_eq!(&text[two.start..two.end], "2");
    }

    #[test]
    fn offsets_embedded_documents() {
        let file = "---\nkind: policy\n---\n# Body\n";
        let yaml = "kind: policy\n";
        let idx = PointerIndex::build(yaml, 4);
        let kind = idx.value("/kind").unwrap();
        assert_eq!(&file[kind.start..kind.end], "policy");
    }
}
