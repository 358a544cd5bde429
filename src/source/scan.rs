//! A quick pass over TOML text that knows only where strings, comments,
//! brackets and `=` are: enough to tell which key a place in the text
//! belongs to, and where a file's `[[name]]` headers are, without building
//! anything and without taking text inside a string for a key.

// Byte tests are written with `|` and `&` so that they run on sixteen bytes
// at once (see `find_byte`).
#![allow(clippy::needless_bitwise_bool)]

use std::ops::Range;

use crate::array_of_tables::find_byte;

#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Code,
    Basic,
    Literal,
    MultiBasic,
    MultiLiteral,
    Comment,
    Header,
}

/// A walk through a text, forward only, which can say at each place the
/// key whose value is being written there.
pub struct Scan<'t> {
    text: &'t [u8],
    at: usize,
    state: In,
    /// Whether a key may start at the next byte that is not blank.
    key_next: bool,
    /// Whether a table header may start there too (at the start of a line).
    header_next: bool,
    /// Where the key being written starts.
    key_start: Option<usize>,
    /// The key whose value is being written.
    key: Option<Range<usize>>,
    /// The arrays and inline tables open, innermost last: the key each is
    /// the value of, and whether it is a table.
    open: Vec<(Option<Range<usize>>, bool)>,
    /// Where each `[[name]]` header starts, when asked for; every
    /// header's start when the name is None.
    headers: Option<(Option<&'t str>, Vec<usize>)>,
    /// The keys set at the top before the first header, when asked for.
    top_keys: Option<Vec<Range<usize>>>,
}

impl<'t> Scan<'t> {
    pub fn new(text: &'t str) -> Scan<'t> {
        Scan {
            text: text.as_bytes(),
            at: 0,
            state: In::Code,
            key_next: true,
            header_next: true,
            key_start: None,
            key: None,
            open: Vec::new(),
            headers: None,
            top_keys: None,
        }
    }

    /// The key whose value holds byte `at` of the text: the last `key =`
    /// before it, outside strings, in the table or the line it is in.
    /// Asked in order of `at`, the walk goes through the text once.
    pub fn key_at(&mut self, at: usize) -> Option<&'t str> {
        if at < self.at {
            *self = Scan::new(std::str::from_utf8(self.text).unwrap_or_default());
        }
        self.walk_to(at.min(self.text.len()));
        let key = self.key.clone()?;
        std::str::from_utf8(&self.text[key]).ok()
    }

    fn walk_to(&mut self, end: usize) {
        while self.at < end {
            self.step(end);
        }
    }

    /// Reads one byte of code, or a run of a string or comment.
    fn step(&mut self, end: usize) {
        let text = self.text;
        let at = self.at;
        let b = text[at];
        match self.state {
            In::Code => self.code(b),
            In::Basic | In::MultiBasic => {
                let multi = self.state == In::MultiBasic;
                let rest = &text[at..end];
                let Some(i) = find_byte(rest, |b| (b == b'"') | (b == b'\\') | (b == b'\n')) else {
                    self.at = end;
                    return;
                };
                self.at += i;
                match rest[i] {
                    b'\\' => self.at += 2,
                    b'\n' if !multi => {
                        self.state = In::Code;
                        self.newline();
                    }
                    b'"' if !multi => {
                        self.state = In::Code;
                        self.at += 1;
                    }
                    b'"' if text[self.at..].starts_with(b"\"\"\"") => self.close_multi(b'"'),
                    _ => self.at += 1,
                }
                self.at = self.at.min(text.len());
            }
            In::Literal | In::MultiLiteral | In::Comment => {
                let quote = self.state != In::Comment;
                let rest = &text[at..end];
                let Some(i) = find_byte(rest, |b| (b == b'\'') & quote | (b == b'\n')) else {
                    self.at = end;
                    return;
                };
                self.at += i;
                match rest[i] {
                    b'\n' if self.state == In::MultiLiteral => self.at += 1,
                    b'\n' => {
                        self.state = In::Code;
                        self.newline();
                    }
                    _ if self.state == In::Literal => {
                        self.state = In::Code;
                        self.at += 1;
                    }
                    _ if text[self.at..].starts_with(b"'''") => self.close_multi(b'\''),
                    _ => self.at += 1,
                }
            }
            In::Header => match b {
                b'\n' => {
                    self.state = In::Code;
                    self.newline();
                }
                b'#' => {
                    self.state = In::Comment;
                    self.at += 1;
                }
                _ => self.at += 1,
            },
        }
    }

    /// Past the closing quotes of a multi-line string, and the one or two
    /// quotes before them that belong to the string.
    fn close_multi(&mut self, quote: u8) {
        let run = self.text[self.at..]
            .iter()
            .take_while(|&&b| b == quote)
            .count();
        self.at += run.min(5);
        self.state = In::Code;
    }

    fn newline(&mut self) {
        self.at += 1;
        if self.open.is_empty() {
            self.key = None;
            self.key_start = None;
            self.key_next = true;
            self.header_next = true;
        }
    }

    fn code(&mut self, b: u8) {
        let at = self.at;
        self.at += 1;
        if b == b'\n' {
            self.at = at;
            self.newline();
            return;
        }
        if matches!(b, b' ' | b'\t' | b'\r') {
            return;
        }
        if std::mem::take(&mut self.header_next) && b == b'[' {
            self.key_next = false;
            self.state = In::Header;
            match &mut self.headers {
                Some((None, starts)) => starts.push(at),
                Some((Some(name), starts)) => {
                    let rest = &self.text[at..];
                    let header = rest
                        .strip_prefix(b"[[")
                        .and_then(|r| r.strip_prefix(name.as_bytes()))
                        .and_then(|r| r.strip_prefix(b"]]"));
                    if header.is_some_and(|r| {
                        matches!(r.first(), None | Some(b'\n' | b'\r' | b' ' | b'\t' | b'#'))
                    }) {
                        starts.push(at);
                    }
                }
                None => {}
            }
            return;
        }
        if std::mem::take(&mut self.key_next) && !matches!(b, b'#' | b'}') {
            self.key_start = Some(at);
        }
        match b {
            b'"' | b'\'' => {
                let multi = self.text[at..].starts_with(&[b; 3]);
                self.state = match (b, multi) {
                    (b'"', false) => In::Basic,
                    (b'"', true) => In::MultiBasic,
                    (_, false) => In::Literal,
                    (_, true) => In::MultiLiteral,
                };
                if multi {
                    self.at += 2;
                }
            }
            b'#' => self.state = In::Comment,
            b'=' => {
                if let Some(start) = self.key_start.take() {
                    let key = &self.text[start..at];
                    let trimmed = key.len()
                        - key
                            .iter()
                            .rev()
                            .take_while(|b| b.is_ascii_whitespace())
                            .count();
                    self.key = Some(start..start + trimmed);
                    if self.open.is_empty()
                        && let Some(keys) = &mut self.top_keys
                        && self.headers.as_ref().is_some_and(|(_, s)| s.is_empty())
                    {
                        keys.push(start..start + trimmed);
                    }
                }
            }
            b'[' | b'{' => {
                self.open.push((self.key.clone(), b == b'{'));
                self.key_next = b == b'{';
            }
            b']' | b'}' => {
                if let Some((key, _)) = self.open.pop() {
                    self.key = key;
                }
            }
            b',' => {
                if let Some((key, table)) = self.open.last() {
                    self.key.clone_from(key);
                    self.key_next = *table;
                }
            }
            _ => {}
        }
    }
}

/// Where each `[[name]]` header of `text` starts: alone on its line, not
/// inside a string.
pub fn headers<'t>(text: &'t str, name: &'t str) -> Vec<usize> {
    let mut scan = Scan::new(text);
    scan.headers = Some((Some(name), Vec::new()));
    scan.walk_to(text.len());
    scan.headers.map(|(_, starts)| starts).unwrap_or_default()
}

/// Where each table header of `text` starts (alone on its line, not inside
/// a string), and the keys set at the top before the first of them.
pub fn outline(text: &str) -> (Vec<Range<usize>>, Vec<usize>) {
    let mut scan = Scan::new(text);
    scan.headers = Some((None, Vec::new()));
    scan.top_keys = Some(Vec::new());
    scan.walk_to(text.len());
    let headers = scan.headers.map(|(_, starts)| starts).unwrap_or_default();
    (scan.top_keys.unwrap_or_default(), headers)
}

#[cfg(test)]
mod tests {
    use super::{Scan, headers, outline};

    fn key_at(text: &str, marker: &str) -> Option<String> {
        let at = text.find(marker).unwrap();
        Scan::new(text).key_at(at).map(str::to_string)
    }

    #[test]
    fn the_key_is_the_one_whose_value_holds_the_place() {
        assert_eq!(
            key_at("a = 1\nb = \"x = \\q\"\n", "\\q").as_deref(),
            Some("b")
        );
        assert_eq!(
            key_at("a = 'x = y' # c = 1\nb = 2", "y'").as_deref(),
            Some("a")
        );
        assert_eq!(
            key_at("summary = \"\"\"\nfoo = \"x\\q\"\n\"\"\"\n", "\\q").as_deref(),
            Some("summary")
        );
        assert_eq!(
            key_at("themes = [\"a = b\", 5]\n", "5").as_deref(),
            Some("themes")
        );
        assert_eq!(
            key_at("pin = [{ day = \"x\", idea = 5 }]\n", "5").as_deref(),
            Some("idea")
        );
        assert_eq!(
            key_at("exclude = [\n  \"a\",\n  42,\n]\n", "42").as_deref(),
            Some("exclude")
        );
        assert_eq!(key_at("a = 1\nwhat\n", "what"), None);
        assert_eq!(
            key_at("[[pin]]\nday = \"\\q\"\n", "\\q").as_deref(),
            Some("day")
        );
        assert_eq!(key_at("a = '''x\n'''\nb = 1\n", "1"), Some("b".to_string()));
    }

    #[test]
    fn headers_inside_strings_are_not_headers() {
        let text =
            "[[idea]]\na = \"\"\"\n[[idea]]\n\"\"\"\n[[idea]] # c\n[[ideas]]\n x = 1\n[[idea]]";
        let starts = headers(text, "idea");
        assert_eq!(
            starts,
            [
                0,
                text.find("[[idea]] #").unwrap(),
                text.rfind("[[idea]]").unwrap()
            ]
        );
    }

    #[test]
    fn an_outline_has_every_header_and_the_keys_before_the_first() {
        let text = "a = 1\nb.c = { d = 2 }\nx = \"\"\"\n[no]\n\"\"\"\n[t]\ne = 3\n[[u]] # c\n";
        let (keys, headers) = outline(text);
        let keys: Vec<&str> = keys.into_iter().map(|k| &text[k]).collect();
        assert_eq!(keys, ["a", "b.c", "x"]);
        assert_eq!(
            headers,
            [text.find("[t]").unwrap(), text.find("[[u]]").unwrap()]
        );
    }
}
