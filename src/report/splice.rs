//! Writing a large JSON document without holding it: the document's skeleton is a
//! `serde_json::Value`, and its one bulky array (OSCAL's observations) is produced
//! element by element while the document is serialised, each element dropped once
//! written. The bytes are those `to_writer_pretty` would write
//! for the whole value.

use std::cell::RefCell;
use std::io::Write;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value as Json;

/// Writes `skeleton` as pretty JSON with a final newline, with the (placeholder)
/// array at key path `at` (array positions as numbers) replaced by `items`.
pub(super) fn write_pretty(
    out: &mut dyn Write,
    skeleton: &Json,
    at: &[&str],
    items: impl Iterator<Item = Json>,
) -> std::io::Result<()> {
    let items = RefCell::new(Some(items));
    let spliced = Spliced {
        value: skeleton,
        at,
        items: &items,
    };
    serde_json::to_writer_pretty(&mut *out, &spliced)?;
    // A path that names no array would silently drop every element: refuse it.
    if !at.is_empty() && items.borrow().is_some() {
        return Err(std::io::Error::other(format!(
            "no array at {} to write the elements into",
            at.join(".")
        )));
    }
    out.write_all(b"\n")
}

/// A JSON value serialised as it is, except the array at key path `at` (array
/// positions as numbers), whose elements come one at a time from `items`. An empty
/// path splices nothing.
struct Spliced<'a, I> {
    value: &'a Json,
    at: &'a [&'a str],
    items: &'a RefCell<Option<I>>,
}

impl<I: Iterator<Item = Json>> Serialize for Spliced<'_, I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some((head, rest)) = self.at.split_first() else {
            return self.value.serialize(serializer);
        };
        let inner = |value| Spliced {
            value,
            at: rest,
            items: self.items,
        };
        match self.value {
            Json::Object(map) => {
                let mut m = serializer.serialize_map(Some(map.len()))?;
                for (key, value) in map {
                    if key == head && rest.is_empty() {
                        let items = self.items.borrow_mut().take();
                        m.serialize_entry(key, &Items(RefCell::new(items)))?;
                    } else if key == head {
                        m.serialize_entry(key, &inner(value))?;
                    } else {
                        m.serialize_entry(key, value)?;
                    }
                }
                m.end()
            }
            Json::Array(list) => {
                let mut seq = serializer.serialize_seq(Some(list.len()))?;
                for (n, value) in list.iter().enumerate() {
                    if n.to_string() == *head {
                        seq.serialize_element(&inner(value))?;
                    } else {
                        seq.serialize_element(value)?;
                    }
                }
                seq.end()
            }
            other => other.serialize(serializer),
        }
    }
}

/// A sequence serialised from an iterator, each element dropped once written.
struct Items<I>(RefCell<Option<I>>);

impl<I: Iterator<Item = Json>> Serialize for Items<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        let mut seq = serializer.serialize_seq(None)?;
        for item in items.into_iter().flatten() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn a_spliced_document_is_byte_identical_to_the_whole_one() {
        let items = vec![json!({"b": 1, "a": [1, 2]}), json!("x"), json!({})];
        let whole = json!({"z": 1, "doc": {"list": items.clone(), "after": true}, "a": [[]]});
        let skeleton = json!({"z": 1, "doc": {"list": [], "after": true}, "a": [[]]});
        let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
        expected.push(b'\n');
        let mut got = Vec::new();
        super::write_pretty(&mut got, &skeleton, &["doc", "list"], items.into_iter()).unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(expected).unwrap()
        );
        // Nothing to splice: the skeleton as it is.
        let mut plain = Vec::new();
        super::write_pretty(&mut plain, &skeleton, &[], std::iter::empty()).unwrap();
        assert!(String::from_utf8(plain).unwrap().contains("\"list\": []"));
        // A splice point that is not in the document is an error, not lost elements.
        let mut lost = Vec::new();
        let missing = super::write_pretty(
            &mut lost,
            &skeleton,
            &["doc", "nothing"],
            std::iter::once(json!(1)),
        );
        assert!(missing.is_err());
    }
}
