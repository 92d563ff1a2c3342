//! Page text → rustdoc lines that render as the page reads and keep `cargo doc` warning-free.

/// A doc line any page text can become without breaking the build: rustc refuses bare carriage returns
/// in doc comments and text-direction overrides (U+202E and friends) anywhere in comments, and other
/// control characters are invisible in rendered docs. Each is written as its code point instead.
pub fn sanitize(line: &str) -> String {
    let line = line.replace("\r\n", "\n");
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        let direction =
            matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if direction || (c.is_control() && c != '\n' && c != '\t') {
            out.push_str(&format!("(U+{:04X})", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits page text into doc lines: each line of the source becomes a paragraph (the pages put one
/// statement per line), list items stay list items, and markdown-significant characters outside code spans
/// are escaped so `[Array]`, `<tag-key>` or `__os_bit` render literally instead of as links, HTML or bold.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for line in text.trim().lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(escape(line));
    }
    lines
}

/// Escapes markdown outside backtick code spans; bare URLs become code spans.
pub fn escape(line: &str) -> String {
    let (item, rest) = match line.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", line),
    };
    let mut out = String::from(item);
    // An unmatched backtick would open a code span to the end of the paragraph: escape the last one.
    let (rest, tail) = match rest.matches('`').count() % 2 {
        1 => rest.rsplit_once('`').map_or((rest, None), |(head, tail)| (head, Some(tail))),
        _ => (rest, None),
    };
    for (i, part) in rest.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
        } else {
            out.push_str(&escape_prose(part));
        }
    }
    if let Some(tail) = tail {
        out.push_str("\\`");
        out.push_str(&escape_prose(tail));
    }
    out
}

fn escape_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.contains("://") {
            // `http://` and `https://...` as code: rustdoc would otherwise flag bare URLs. Punctuation
            // around the URL stays outside the code span.
            let url = word.trim_start_matches(['(', '"', '\'']).trim_end_matches(['.', ',', ';', ')', '"', '\'']);
            let start = word.find(url).unwrap_or(0);
            out.push_str(&escape_prose(&word[..start]));
            out.push('`');
            out.push_str(url);
            out.push('`');
            out.push_str(&escape_prose(&word[start + url.len()..]));
            continue;
        }
        for c in word.chars() {
            match c {
                '[' | ']' | '*' | '_' | '\\' | '#' => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// A code span for a literal value (a wire name or value), safe for any content.
pub fn code(text: &str) -> String {
    if text.contains('`') { format!("`` {text} ``") } else { format!("`{text}`") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_escaped_outside_code() {
        assert_eq!(escape("[Array] Yes `[x]` <tag-key> __os_bit"), r"\[Array\] Yes `[x]` &lt;tag-key&gt; \_\_os\_bit");
        assert_eq!(escape("cannot start with http:// or https://."), "cannot start with `http://` or `https://`.");
        assert_eq!(escape("- gold - Marketplace image"), r"- gold - Marketplace image");
        assert_eq!(escape("see (https://x.y)."), "see (`https://x.y`).");
        assert_eq!(escape("a `b` c ` d_e"), r"a `b` c \` d\_e");
    }

    #[test]
    fn each_line_is_a_paragraph() {
        assert_eq!(paragraphs("Definition\nThe project ID.\n"), ["Definition", "", "The project ID."]);
    }
}
