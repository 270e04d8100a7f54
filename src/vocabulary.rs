//! The closed sets of names evident reads and writes (evidence kinds, bases,
//! statuses, codes, relations, ...) are declared through [`vocabulary!`], so each is
//! named once: kebab-case for serde (JSON, YAML, the schemas) and for strum (the text
//! outputs, the command line, `from_str`), with the same derives everywhere.
//! `tests/vocabulary.rs` holds the two namings to each other.

/// Declares a vocabulary enum of unit variants: `Debug`, `Clone`, `Copy`, equality,
/// order and hashing; serde and JSON Schema in kebab-case; strum's `IntoStaticStr`
/// (the name as `&'static str`), `EnumString` (`parse`) and `VariantArray` (every
/// value). Attributes before `enum` (docs, more derives such as `Default` or
/// `strum::Display`) are kept.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            serde::Serialize,
            serde::Deserialize,
            schemars::JsonSchema,
            strum::IntoStaticStr,
            strum::EnumString,
            strum::VariantArray,
        )]
        #[serde(rename_all = "kebab-case")]
        #[strum(serialize_all = "kebab-case")]
        $vis enum $name { $($body)* }
    };
}

pub(crate) use vocabulary;
