//! JSON bodies exactly as Huawei's Python SDK writes them (`simplejson.dumps` defaults): `", "` and `": "`
//! separators and every non-ASCII character escaped as `\uXXXX`, so a signed body is byte-for-byte the
//! SDK's.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter, Serializer};

struct PythonFormatter;

impl Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        for c in fragment.chars() {
            // simplejson escapes DEL as well as everything above ASCII.
            if c.is_ascii() && c != '\x7f' {
                writer.write_all(&[c as u8])?;
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }

    fn write_char_escape<W: ?Sized + Write>(&mut self, writer: &mut W, escape: CharEscape) -> io::Result<()> {
        // Python writes the same short escapes as serde_json, and lowercase hex for the rest.
        let text = match escape {
            CharEscape::Quote => "\\\"".to_owned(),
            CharEscape::ReverseSolidus => "\\\\".to_owned(),
            CharEscape::Solidus => "/".to_owned(),
            CharEscape::Backspace => "\\b".to_owned(),
            CharEscape::FormFeed => "\\f".to_owned(),
            CharEscape::LineFeed => "\\n".to_owned(),
            CharEscape::CarriageReturn => "\\r".to_owned(),
            CharEscape::Tab => "\\t".to_owned(),
            CharEscape::AsciiControl(byte) => format!("\\u{byte:04x}"),
        };
        writer.write_all(text.as_bytes())
    }
}

/// Serializes `value` as the Huawei Python SDK would.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    value.serialize(&mut Serializer::with_formatter(&mut out, PythonFormatter))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_ascii_escapes_match_simplejson() {
        let value = serde_json::json!({"a": [1, true, null], "b": "ü中😀\n\"/\u{1}\u{7f}"});
        let text = String::from_utf8(to_vec(&value).unwrap_or_default()).unwrap_or_default();
        assert_eq!(text, r#"{"a": [1, true, null], "b": "\u00fc\u4e2d\ud83d\ude00\n\"/\u0001\u007f"}"#);
    }
}
