//! Plain-text layout for terminal output: aligned tables and word wrap.

/// Lays out rows under a header with columns padded to their widest cell.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            let pad = widths[i].saturating_sub(cell.chars().count());
            text.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut rule.iter().map(String::as_str));
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// Wraps `text` at `width` columns, prefixing every line with `indent`. Paragraph
/// breaks (blank lines) in the text are kept.
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    for (p, paragraph) in text.split("\n\n").enumerate() {
        if p > 0 {
            out.push('\n');
        }
        let mut line = String::from(indent);
        for word in paragraph.split_whitespace() {
            if line.len() > indent.len() && line.chars().count() + 1 + word.chars().count() > width
            {
                out.push_str(&line);
                out.push('\n');
                line = String::from(indent);
            }
            if line.len() > indent.len() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_columns_and_wraps_words() {
        let t = table(
            &["id", "title"],
            &[
                vec!["CC7.1".into(), "x".into()],
                vec!["A".into(), "long".into()],
            ],
        );
        assert_eq!(t, "id     title\n-----  -----\nCC7.1  x\nA      long\n");
        let w = wrap("one two three four", "  ", 12);
        assert_eq!(w, "  one two\n  three four\n");
        assert_eq!(wrap("a\n\nb", "", 80), "a\n\nb\n");
    }
}
