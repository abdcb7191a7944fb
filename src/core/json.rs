//! JSON as a debugger needs it: keys in the token's order, numbers exactly as
//! written (serde_json's `preserve_order` and `arbitrary_precision`), repeated
//! keys detected, and the one pretty-printer of the app, which produces
//! coloured pieces whose concatenation is the 2-space pretty JSON.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

/// Parsed JSON plus what a plain parse would silently hide.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonDoc {
    pub value: Value,
    /// Paths (like `a.b` or `list[2].k`) of keys that appear more than once in
    /// the same object. The value kept is the last one.
    pub duplicate_keys: Vec<String>,
    /// Number literals whose text differs from serde_json's rendering (`1E3`,
    /// `1e400`), by JSON Pointer, so they are shown exactly as written.
    pub raw_numbers: HashMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses one JSON document. Nesting is limited (serde_json's recursion
/// limit), so hostile depth is an error, not a stack overflow.
pub fn parse(text: &str) -> Result<JsonDoc, JsonError> {
    let value: Value = serde_json::from_str(text).map_err(|e| to_json_error(&e))?;
    let mut doc = JsonDoc {
        value,
        ..JsonDoc::default()
    };
    let mut scan = Scanner {
        text: text.as_bytes(),
        at: 0,
        doc: &mut doc,
    };
    // The text is valid JSON (serde_json accepted it); the scanner only
    // collects what serde_json's tree cannot hold.
    scan.value(&mut String::new(), &mut String::new());
    Ok(doc)
}

fn to_json_error(e: &serde_json::Error) -> JsonError {
    let full = e.to_string();
    // serde_json appends " at line L column C"; the position is kept separately.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    let message = if message == "recursion limit exceeded" {
        "nested too deeply (more than 128 levels)".to_string()
    } else {
        message
    };
    JsonError {
        line: e.line(),
        // serde_json says column 0 for "before the first character"; people
        // count columns from 1.
        column: e.column().max(1),
        message,
    }
}

/// A second walk over text serde_json has already validated: finds repeated
/// keys and number literals serde_json would re-spell. It stops quietly on
/// anything unexpected instead of failing.
struct Scanner<'a> {
    text: &'a [u8],
    at: usize,
    doc: &'a mut JsonDoc,
}

impl Scanner<'_> {
    fn skip_ws(&mut self) {
        while matches!(self.text.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Scans a string literal; returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.text.get(self.at)? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    let literal = std::str::from_utf8(&self.text[start..self.at]).ok()?;
                    return serde_json::from_str(literal).ok();
                }
                _ => self.at += 1,
            }
        }
    }

    /// `pointer` is the JSON Pointer of this value, `path` its readable form.
    fn value(&mut self, pointer: &mut String, path: &mut String) -> Option<()> {
        self.skip_ws();
        match *self.text.get(self.at)? {
            b'{' => {
                self.at += 1;
                let mut seen = HashSet::new();
                loop {
                    self.skip_ws();
                    match *self.text.get(self.at)? {
                        b'}' => {
                            self.at += 1;
                            return Some(());
                        }
                        b',' => self.at += 1,
                        b'"' => {
                            let key = self.string()?;
                            self.skip_ws();
                            self.at += 1; // the ':'
                            let (pl, hl) = (pointer.len(), path.len());
                            pointer.push('/');
                            pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&key);
                            if !seen.insert(key) {
                                self.doc.duplicate_keys.push(path.clone());
                            }
                            self.value(pointer, path)?;
                            pointer.truncate(pl);
                            path.truncate(hl);
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut index = 0usize;
                loop {
                    self.skip_ws();
                    match *self.text.get(self.at)? {
                        b']' => {
                            self.at += 1;
                            return Some(());
                        }
                        b',' => self.at += 1,
                        _ => {
                            let (pl, hl) = (pointer.len(), path.len());
                            pointer.push_str(&format!("/{index}"));
                            path.push_str(&format!("[{index}]"));
                            self.value(pointer, path)?;
                            pointer.truncate(pl);
                            path.truncate(hl);
                            index += 1;
                        }
                    }
                }
            }
            b'"' => self.string().map(|_| ()),
            b'-' | b'0'..=b'9' => {
                let start = self.at;
                while matches!(
                    self.text.get(self.at),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.at += 1;
                }
                let literal = std::str::from_utf8(&self.text[start..self.at]).ok()?;
                let shown = self.doc.value.pointer(pointer).map(|v| v.to_string());
                // A repeated key's later literal replaces the earlier one.
                if shown.as_deref() == Some(literal) {
                    self.doc.raw_numbers.remove(pointer.as_str());
                } else {
                    self.doc
                        .raw_numbers
                        .insert(pointer.clone(), literal.to_string());
                }
                Some(())
            }
            _ => {
                // true, false, null
                while self.text.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

/// The kind of a piece of pretty-printed JSON, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Punct,
    Key,
    Str,
    /// An escape sequence inside a string that makes an invisible or
    /// look-alike character visible (zero-width, bidi controls, NUL…).
    Escape,
    Number,
    Bool,
    Null,
    Space,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub text: String,
}

/// Pretty prints with a 2-space indent (as `JSON.stringify(v, null, 2)`),
/// returning coloured pieces. Invisible and direction-changing characters in
/// strings are written as `\uXXXX` escapes so a claim cannot impersonate
/// another.
pub fn pretty_pieces(doc: &JsonDoc) -> Vec<Piece> {
    pretty_window(doc, usize::MAX).0
}

/// The start of [`pretty_pieces`]: printing stops once at least `min_bytes`
/// are written (or the JSON ends), so a giant document costs only its window.
/// The pieces spell a prefix of the pretty text; the flag says whether text
/// was left out.
pub fn pretty_window(doc: &JsonDoc, min_bytes: usize) -> (Vec<Piece>, bool) {
    let mut out = Printer {
        pieces: Vec::new(),
        raw_numbers: &doc.raw_numbers,
        pointer: String::new(),
        compact: false,
        budget: min_bytes,
        cut: false,
    };
    out.value(&doc.value, 0);
    (out.pieces, out.cut)
}

/// One member of a top-level object, on one line (`["a", "b"]`), with the
/// same fidelity and escaping as the pretty form.
pub fn compact_member(doc: &JsonDoc, key: &str) -> Option<Vec<Piece>> {
    let value = doc.value.get(key)?;
    let mut out = Printer {
        pieces: Vec::new(),
        raw_numbers: &doc.raw_numbers,
        pointer: String::new(),
        compact: true,
        budget: usize::MAX,
        cut: false,
    };
    out.enter(|| key.replace('~', "~0").replace('/', "~1"));
    out.value(value, 0);
    Some(out.pieces)
}

/// Valid JSON text on one line: the whitespace between tokens dropped, and
/// everything else (key order, repeated keys, numbers and escapes) exactly
/// as written. What the encoder signs.
pub fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for ch in text.chars() {
        if in_string {
            out.push(ch);
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !matches!(ch, ' ' | '\t' | '\n' | '\r') {
            in_string = ch == '"';
            out.push(ch);
        }
    }
    out
}

/// The JSON object `text` with member `name` set to `value` (replaced where
/// it stands, else added last), pretty-printed with 2 spaces; other members
/// keep their order and numbers as written. What the encoder's `alg`
/// selector and claim buttons do to the JSON a user is editing.
pub fn set_member(text: &str, name: &str, value: Value) -> Result<String, JsonError> {
    let mut doc: Value = serde_json::from_str(text).map_err(|e| to_json_error(&e))?;
    let Some(object) = doc.as_object_mut() else {
        return Err(JsonError {
            line: 1,
            column: 1,
            message: format!("expected a JSON object, found {}", type_name(&doc)),
        });
    };
    object.insert(name.to_string(), value);
    serde_json::to_string_pretty(&doc).map_err(|e| to_json_error(&e))
}

/// Text (a claim name, a key id) as display pieces: hidden characters as
/// escapes (styled apart, so they cannot be confused with typed text), all
/// else as it is.
pub fn display_text(text: &str) -> Vec<Piece> {
    // Almost every string has nothing to escape: one piece, no per-character work.
    if !text.chars().any(is_hidden_char) {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Piece {
                kind: PieceKind::Str,
                text: text.to_string(),
            }]
        };
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for ch in text.chars() {
        let (kind, part) = if is_hidden_char(ch) {
            (PieceKind::Escape, hidden_escape(ch))
        } else {
            (PieceKind::Str, ch.to_string())
        };
        match pieces.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(&part),
            _ => pieces.push(Piece { kind, text: part }),
        }
    }
    pieces
}

/// `\uXXXX` in UTF-16 units, so characters beyond the BMP escape as a
/// surrogate pair that JSON reads back as the same character.
fn hidden_escape(ch: char) -> String {
    let mut units = [0u16; 2];
    ch.encode_utf16(&mut units)
        .iter()
        .map(|u| format!("\\u{u:04x}"))
        .collect()
}

/// [`display_text`] as one string.
pub fn visible(text: &str) -> String {
    if !text.chars().any(is_hidden_char) {
        return text.to_string();
    }
    display_text(text).into_iter().map(|p| p.text).collect()
}

/// The pretty JSON as one string (the concatenation of [`pretty_pieces`]).
pub fn pretty(doc: &JsonDoc) -> String {
    pretty_pieces(doc).into_iter().map(|p| p.text).collect()
}

struct Printer<'a> {
    pieces: Vec<Piece>,
    raw_numbers: &'a HashMap<String, String>,
    /// JSON Pointer of the value being printed, kept only when there are raw
    /// numbers to look up.
    pointer: String,
    /// One line, `", "` between items, for claim values.
    compact: bool,
    /// Bytes still to write before printing may stop.
    budget: usize,
    /// Whether printing stopped before the end.
    cut: bool,
}

impl Printer<'_> {
    fn push(&mut self, kind: PieceKind, text: impl Into<String>) {
        let text = text.into();
        self.budget = self.budget.saturating_sub(text.len());
        if let Some(last) = self.pieces.last_mut() {
            if last.kind == kind {
                last.text.push_str(&text);
                return;
            }
        }
        self.pieces.push(Piece { kind, text });
    }

    /// Extends the pointer by one step (only when raw numbers exist);
    /// returns the length to truncate back to.
    fn enter(&mut self, step: impl FnOnce() -> String) -> usize {
        let len = self.pointer.len();
        if !self.raw_numbers.is_empty() {
            self.pointer.push('/');
            self.pointer.push_str(&step());
        }
        len
    }

    fn newline(&mut self, depth: usize) {
        if self.compact {
            return;
        }
        self.push(PieceKind::Space, format!("\n{}", "  ".repeat(depth)));
    }

    /// Whether the window is full: what is left is not printed.
    fn stop(&mut self) -> bool {
        if self.budget == 0 {
            self.cut = true;
        }
        self.cut
    }

    fn value(&mut self, value: &Value, depth: usize) {
        if self.stop() {
            return;
        }
        match value {
            Value::Null => self.push(PieceKind::Null, "null"),
            Value::Bool(b) => self.push(PieceKind::Bool, b.to_string()),
            Value::Number(n) => match self.raw_numbers.get(&self.pointer) {
                Some(raw) => self.push(PieceKind::Number, raw.clone()),
                None => self.push(PieceKind::Number, n.to_string()),
            },
            Value::String(s) => self.string(s, PieceKind::Str),
            Value::Array(items) if items.is_empty() => self.push(PieceKind::Punct, "[]"),
            Value::Array(items) => {
                self.push(PieceKind::Punct, "[");
                for (i, item) in items.iter().enumerate() {
                    if self.stop() {
                        return;
                    }
                    if i > 0 {
                        self.push(PieceKind::Punct, ",");
                        if self.compact {
                            self.push(PieceKind::Space, " ");
                        }
                    }
                    self.newline(depth + 1);
                    let len = self.enter(|| i.to_string());
                    self.value(item, depth + 1);
                    self.pointer.truncate(len);
                }
                if self.stop() {
                    return;
                }
                self.newline(depth);
                self.push(PieceKind::Punct, "]");
            }
            Value::Object(map) if map.is_empty() => self.push(PieceKind::Punct, "{}"),
            Value::Object(map) => {
                self.push(PieceKind::Punct, "{");
                for (i, (key, item)) in map.iter().enumerate() {
                    if self.stop() {
                        return;
                    }
                    if i > 0 {
                        self.push(PieceKind::Punct, ",");
                        if self.compact {
                            self.push(PieceKind::Space, " ");
                        }
                    }
                    self.newline(depth + 1);
                    self.string(key, PieceKind::Key);
                    if self.cut {
                        return;
                    }
                    self.push(PieceKind::Punct, ":");
                    self.push(PieceKind::Space, " ");
                    let len = self.enter(|| key.replace('~', "~0").replace('/', "~1"));
                    self.value(item, depth + 1);
                    self.pointer.truncate(len);
                }
                if self.stop() {
                    return;
                }
                self.newline(depth);
                self.push(PieceKind::Punct, "}");
            }
        }
    }

    fn string(&mut self, s: &str, kind: PieceKind) {
        let mut plain = String::from("\"");
        for ch in s.chars() {
            if plain.len() >= self.budget {
                // A string longer than the window ends the window.
                if !plain.is_empty() {
                    self.push(kind, plain);
                }
                self.cut = true;
                return;
            }
            match escape_for_display(ch) {
                Escaped::Plain => plain.push(ch),
                Escaped::Json(e) => plain.push_str(e),
                Escaped::Visible => {
                    if !plain.is_empty() {
                        self.push(kind, std::mem::take(&mut plain));
                    }
                    let escaped = hidden_escape(ch);
                    self.push(PieceKind::Escape, escaped);
                }
            }
        }
        plain.push('"');
        self.push(kind, plain);
    }
}

enum Escaped {
    Plain,
    Json(&'static str),
    Visible,
}

fn escape_for_display(ch: char) -> Escaped {
    match ch {
        '"' => Escaped::Json("\\\""),
        '\\' => Escaped::Json("\\\\"),
        '\n' => Escaped::Json("\\n"),
        '\r' => Escaped::Json("\\r"),
        '\t' => Escaped::Json("\\t"),
        '\u{8}' => Escaped::Json("\\b"),
        '\u{c}' => Escaped::Json("\\f"),
        c if is_hidden_char(c) => Escaped::Visible,
        _ => Escaped::Plain,
    }
}

/// Characters that are invisible, reorder text, or are otherwise easy to
/// miss: shown escaped so what the reader sees is what the token holds.
pub fn is_hidden_char(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x1f | 0x7f..=0x9f | 0xad | 0x34f | 0x61c | 0x115f | 0x1160 | 0x17b4 | 0x17b5
        | 0x180b..=0x180f | 0x200b..=0x200f | 0x2028..=0x202e | 0x205f..=0x206f
        | 0x3164 | 0xfe00..=0xfe0f | 0xfeff | 0xffa0 | 0xfff0..=0xfffb
        | 0x1d173..=0x1d17a | 0xe0000..=0xe007f)
}

/// A short name of a JSON value's type, for messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_member_replaces_in_place_and_keeps_numbers() {
        let text = "{\"alg\": \"HS256\", \"n\": 1.50, \"typ\": \"JWT\"}";
        let out = set_member(text, "alg", Value::String("RS256".into())).unwrap();
        assert_eq!(
            out,
            "{\n  \"alg\": \"RS256\",\n  \"n\": 1.50,\n  \"typ\": \"JWT\"\n}"
        );
        let out = set_member("{}", "iat", serde_json::json!(1767225600)).unwrap();
        assert_eq!(out, "{\n  \"iat\": 1767225600\n}");
        let err = set_member("[1]", "a", Value::Null).unwrap_err();
        assert_eq!(err.message, "expected a JSON object, found an array");
        let err = set_member("{\n  \"a\": 1,\n}", "b", Value::Null).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
    }

    #[test]
    fn minify_drops_only_the_whitespace_between_tokens() {
        let text = "{\r\n \"b\" : [1e3 , -0],\n\t\"a\":\"x \\\" y\\\\\",\"a\": { } }";
        assert_eq!(
            minify(text),
            "{\"b\":[1e3,-0],\"a\":\"x \\\" y\\\\\",\"a\":{}}"
        );
        assert_eq!(minify("\" spaced  string \""), "\" spaced  string \"");
    }

    #[test]
    fn keeps_key_order_and_numbers_as_written() {
        let doc = parse(
            r#"{"z":1,"a":1e3,"big":12345678901234567890123,"neg":-0,"f":1.50,"l":[2E-1,{"a/b":1.0e+00}]}"#,
        )
        .unwrap();
        assert_eq!(
            pretty(&doc),
            "{\n  \"z\": 1,\n  \"a\": 1e3,\n  \"big\": 12345678901234567890123,\n  \"neg\": -0,\n  \"f\": 1.50,\n  \"l\": [\n    2E-1,\n    {\n      \"a/b\": 1.0e+00\n    }\n  ]\n}"
        );
    }

    #[test]
    fn huge_exponent_is_kept_not_rejected() {
        let doc = parse(r#"{"n":1e400}"#).unwrap();
        assert_eq!(pretty(&doc), "{\n  \"n\": 1e400\n}");
    }

    #[test]
    fn empty_containers_and_nesting_match_json_stringify() {
        let doc = parse(r#"{"a":[],"b":{},"c":[1,{"d":null}],"e":true}"#).unwrap();
        assert_eq!(
            pretty(&doc),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": null\n    }\n  ],\n  \"e\": true\n}"
        );
    }

    #[test]
    fn finds_duplicate_keys_at_any_depth() {
        let doc = parse(r#"{"a":1,"b":{"c":1,"c":2},"a":3,"l":[{"x":1,"x":1}]}"#).unwrap();
        assert_eq!(doc.duplicate_keys, vec!["b.c", "a", "l[0].x"]);
        // Last value wins, in the first key's position.
        assert_eq!(doc.value["a"], serde_json::json!(3));
        let doc = parse(r#"{"n":1e3,"n":2}"#).unwrap();
        assert_eq!(pretty(&doc), "{\n  \"n\": 2\n}");
    }

    #[test]
    fn display_text_escapes_without_quotes() {
        assert_eq!(visible("a\u{200b}dmin"), "a\\u200bdmin");
        assert_eq!(visible("<img src=\"x\">"), "<img src=\"x\">");
        assert_eq!(visible(""), "");
        let pieces = display_text("\u{202e}x");
        assert_eq!(pieces[0].kind, PieceKind::Escape);
        assert_eq!(pieces[1].text, "x");
    }

    #[test]
    fn compact_member_is_one_line() {
        let doc = parse(r#"{"aud":["a","b"],"n":1E3,"o":{"k":[]}}"#).unwrap();
        let text = |k| -> String {
            compact_member(&doc, k)
                .unwrap()
                .into_iter()
                .map(|p| p.text)
                .collect()
        };
        assert_eq!(text("aud"), r#"["a", "b"]"#);
        assert_eq!(text("n"), "1E3");
        assert_eq!(text("o"), r#"{"k": []}"#);
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert_eq!(err.message, "trailing comma");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        let err = parse(&text).unwrap_err();
        assert_eq!(err.message, "nested too deeply (more than 128 levels)");
    }

    #[test]
    fn hidden_characters_are_escaped_visibly() {
        let doc = parse("{\"a\\u200bdmin\":\"x\\u202ey\\u0000\"}").unwrap();
        let pieces = pretty_pieces(&doc);
        let escapes: Vec<&str> = pieces
            .iter()
            .filter(|p| p.kind == PieceKind::Escape)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(escapes, vec!["\\u200b", "\\u202e", "\\u0000"]);
        assert_eq!(
            pretty(&doc),
            "{\n  \"a\\u200bdmin\": \"x\\u202ey\\u0000\"\n}"
        );
    }
}
