//! Markdown: the one place pulldown-cmark is configured, and the heading outline of
//! evidence documents that `sections` requirements are checked against.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::source::LineCursor;

/// The CommonMark extensions evident reads and writes: GitHub tables, strikethrough,
/// task lists and heading attributes, so documents render the same here as on GitHub.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One heading of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// The heading's plain text (inline markup removed).
    pub text: String,
    /// 1-based line in the file.
    pub line: u32,
    /// The text folded for section matching ([`crate::wording::readings`]), once
    /// per heading rather than once per check.
    #[serde(skip)]
    readings: Vec<String>,
}

impl Heading {
    /// A heading with its text folded for matching.
    pub fn new(level: u8, text: String, line: u32) -> Self {
        let readings = crate::wording::readings(&text);
        Self {
            level,
            text,
            line,
            readings,
        }
    }

    /// The folded readings of its text, padded with spaces.
    pub fn readings(&self) -> &[String] {
        &self.readings
    }
}

/// Most headings read from one document; a document with more is cut there (with a
/// warning), so a hostile file cannot make the outline, and every section check
/// that walks it, as large as the file.
pub const MAX_HEADINGS: usize = 10_000;

/// A document's headings, and where reading them stopped if it has too many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The headings, at most [`MAX_HEADINGS`].
    pub headings: Vec<Heading>,
    /// Byte offset in the body of the first heading not read, if any.
    pub cut: Option<usize>,
}

/// The headings of `body`, which starts at line `first_line` of its file. Lines are
/// counted forward from one heading to the next, so the outline costs one pass.
pub fn outline(body: &str, first_line: u32) -> Outline {
    let mut headings = Vec::new();
    let mut lines = LineCursor::new(body);
    let mut current: Option<(u8, String, usize)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) if headings.len() == MAX_HEADINGS => {
                return Outline {
                    headings,
                    cut: Some(range.start),
                };
            }
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((depth(level), String::new(), range.start));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, buffer, _)) = &mut current {
                    buffer.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, buffer, _)) = &mut current {
                    buffer.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text, start)) = current.take() {
                    let below = u32::try_from(lines.line_col(start).0 - 1).unwrap_or(u32::MAX);
                    let line = first_line.saturating_add(below);
                    headings.push(Heading::new(level, text.trim().to_owned(), line));
                }
            }
            _ => {}
        }
    }
    Outline {
        headings,
        cut: None,
    }
}

/// Where a document's YAML front matter and body are, as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter {
    /// Start of the YAML (after the opening `---` line).
    pub yaml_start: usize,
    /// End of the YAML (start of the closing line).
    pub yaml_end: usize,
    /// Start of the Markdown body (after the closing line).
    pub body_start: usize,
}

/// Why a document has no usable front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterError {
    /// The text does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---` (or `...`) line.
    Unclosed,
}

/// Splits a document into YAML front matter and body. The front matter opens with a
/// `---` line at the very start and closes with the next `---` or `...` line; CRLF
/// line endings are accepted.
pub fn front_matter(text: &str) -> Result<FrontMatter, FrontMatterError> {
    let first = text.split_inclusive('\n').next().unwrap_or_default();
    if first.trim_end_matches(['\r', '\n']) != "---" || !first.ends_with('\n') {
        return Err(FrontMatterError::Missing);
    }
    let yaml_start = first.len();
    let mut at = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == "---" || bare == "..." {
            return Ok(FrontMatter {
                yaml_start,
                yaml_end: at,
                body_start: at + line.len(),
            });
        }
        at += line.len();
    }
    Err(FrontMatterError::Unclosed)
}

fn depth(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whether a heading text names the section `wanted`: case-insensitive, `&` equals
/// `and`, punctuation and numbering (`3.2 Containment`) ignored.
pub fn heading_matches(heading: &str, wanted: &str) -> bool {
    let heading = normalise(heading);
    let wanted = normalise(wanted);
    // Whole words only: `act` must not match `Contact`.
    !wanted.is_empty() && format!(" {heading} ").contains(&format!(" {wanted} "))
}

fn normalise(text: &str) -> String {
    let mut words = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if word == "&" {
            words.push("and".to_owned());
        } else if !word.chars().all(|c| c.is_ascii_digit()) {
            words.push(word.replace('&', " and "));
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_records_levels_text_and_lines() {
        let body = "Intro\n\n# Plan\n\n## 1. Detection & *Analysis*\ntext\n\nSetext\n------\n";
        let outline = outline(body, 10);
        let got: Vec<_> = outline
            .headings
            .iter()
            .map(|h| (h.level, h.text.as_str(), h.line))
            .collect();
        assert_eq!(
            got,
            [
                (1, "Plan", 12),
                (2, "1. Detection & Analysis", 14),
                (2, "Setext", 17)
            ]
        );
    }

    #[test]
    fn outline_stops_at_the_heading_cap() {
        let body: String = (0..MAX_HEADINGS + 5).map(|i| format!("# H{i}\n")).collect();
        let outline = outline(&body, 1);
        assert_eq!(outline.headings.len(), MAX_HEADINGS);
        let last = outline.headings.last().unwrap();
        assert_eq!(last.line, u32::try_from(MAX_HEADINGS).unwrap());
        let cut = outline.cut.unwrap();
        assert!(body[cut..].starts_with(&format!("# H{MAX_HEADINGS}\n")));
    }

    #[test]
    fn front_matter_is_split_with_lf_or_crlf() {
        let doc = "---\nkind: policy\n---\n# Body\n";
        let fm = front_matter(doc).unwrap();
        assert_eq!(&doc[fm.yaml_start..fm.yaml_end], "kind: policy\n");
        assert_eq!(&doc[fm.body_start..], "# Body\n");
        let crlf = "---\r\nkind: policy\r\n...\r\nbody";
        let fm = front_matter(crlf).unwrap();
        assert_eq!(&crlf[fm.yaml_start..fm.yaml_end], "kind: policy\r\n");
        assert_eq!(&crlf[fm.body_start..], "body");
        assert_eq!(front_matter("# Plan\n"), Err(FrontMatterError::Missing));
        assert_eq!(
            front_matter("---\nkind: x\n"),
            Err(FrontMatterError::Unclosed)
        );
    }

    #[test]
    fn headings_in_code_blocks_are_not_headings() {
        assert!(
            outline("```\n# not a heading\n```\n", 1)
                .headings
                .is_empty()
        );
    }

    #[test]
    fn section_names_match_loosely_but_not_wrongly() {
        assert!(heading_matches(
            "3.2 Detection & Analysis",
            "detection and analysis"
        ));
        assert!(heading_matches(
            "Containment, Eradication and Recovery",
            "eradication"
        ));
        assert!(!heading_matches("Recovery", "containment"));
        assert!(!heading_matches("Anything", ""));
        assert!(!heading_matches("Contact list", "act"));
    }
}

/// Renders Markdown that may come from evidence or a user catalog as HTML that is
/// safe to inline: raw HTML is shown as text, and links or images whose URL uses a
/// scheme other than http, https or mailto (`javascript:`, `data:`, `vbscript:`)
/// lose their URL. Everything else is escaped by pulldown-cmark.
pub fn to_safe_html(text: &str) -> String {
    let events = Parser::new_ext(text, options()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut html = String::with_capacity(text.len() + text.len() / 4);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The URL if its scheme is harmless (or it has none: a relative link), else empty.
fn safe_url(url: pulldown_cmark::CowStr<'_>) -> pulldown_cmark::CowStr<'_> {
    let lower: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s);
    let harmless = match scheme {
        None => true,
        // `a/b:c` is a relative path, not a scheme.
        Some(s) if s.contains('/') || s.contains('?') || s.contains('#') => true,
        Some(s) => matches!(s, "http" | "https" | "mailto"),
    };
    if harmless { url } else { "".into() }
}

#[cfg(test)]
mod safe_html_tests {
    use super::to_safe_html;

    #[test]
    fn raw_html_and_script_links_do_not_survive() {
        let html = to_safe_html(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n\
             [a](javascript:alert(1)) [b]( JaVaScRiPt:alert(1)) [c](data:text/html,x) \
             ![d](data:image/png;base64,AA) [e](https://example.org) [f](docs/plan.md)",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img src=\"x\""), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(html.contains("href=\"docs/plan.md\""), "{html}");
    }
}
