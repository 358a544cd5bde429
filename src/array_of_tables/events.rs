//! A text's significant events (keys, values, brackets and separators, with
//! their spans), as the TOML parser gives them: whitespace, comments and
//! line breaks left out, since only their place matters and the parser has
//! checked it.
//!
//! Catalogs are plain TOML, one `key = value` a line, and a scan that knows
//! only that much finds their events several times faster than the parser,
//! which lexes every blank into a token of its own first. The scan gives up
//! on anything else (a multi-line string, a quoted or dotted key, a line
//! break inside an inline table, a byte-order mark…), and the parser reads
//! the text instead. Where the scan does not give up it gives the parser's
//! events exactly; a test holds it to that. Values are not checked here:
//! the decoder checks each one as it is read.

use toml_parser::decoder::Encoding;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source, Span};

use super::find_byte;

/// How deeply arrays and inline tables may nest, as `toml` allows.
const MAX_DEPTH: u32 = 80;

/// The significant events of `text`; None on a syntax error.
pub(super) fn significant(text: &str) -> Option<Vec<Event>> {
    scan(text).or_else(|| parse(text))
}

/// The events as the parser gives them, checked as `toml` checks them.
fn parse(text: &str) -> Option<Vec<Event>> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut events: Vec<Event> = Vec::with_capacity(tokens.len() / 2);
    let mut problem: Option<ParseError> = None;
    {
        let mut whitespace = ValidateWhitespace::new(&mut events, source);
        let mut guard = RecursionGuard::new(&mut whitespace, MAX_DEPTH);
        toml_parser::parser::parse_document(&tokens, &mut guard, &mut problem);
    }
    if problem.is_some() || events.iter().any(|e| e.kind() == EventKind::Error) {
        return None;
    }
    events.retain(|e| {
        !matches!(
            e.kind(),
            EventKind::Whitespace | EventKind::Comment | EventKind::Newline
        )
    });
    Some(events)
}

/// The events of plain TOML, found in one pass; None at anything else.
fn scan(text: &str) -> Option<Vec<Event>> {
    if text.starts_with('\u{feff}') {
        return None;
    }
    let mut scan = Scan {
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
        events: Vec::with_capacity(text.len() / 8),
    };
    loop {
        scan.blank();
        match scan.peek() {
            None => return Some(scan.events),
            Some(b'\n' | b'\r') => scan.newline()?,
            Some(b'#') => scan.comment()?,
            Some(b'[') => {
                scan.mark(EventKind::ArrayTableOpen, "[[")?;
                scan.blank();
                scan.key()?;
                scan.blank();
                scan.mark(EventKind::ArrayTableClose, "]]")?;
                scan.end_of_line()?;
            }
            Some(_) => {
                scan.key_value()?;
                scan.end_of_line()?;
            }
        }
    }
}

struct Scan<'t> {
    bytes: &'t [u8],
    at: usize,
    /// How many arrays and inline tables are open.
    depth: u32,
    events: Vec<Event>,
}

/// A byte of a bare key.
fn in_key(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// A byte of a number or `true`/`false`; what else the parser would take
/// into one (`:` of a time, say) ends the scan.
fn in_atom(b: u8) -> bool {
    in_key(b) || b == b'+' || b == b'.'
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn push(&mut self, kind: EventKind, encoding: Option<Encoding>, start: usize) {
        let span = Span::new_unchecked(start, self.at);
        self.events.push(Event::new_unchecked(kind, encoding, span));
    }

    /// `literal`, next, as one event.
    fn mark(&mut self, kind: EventKind, literal: &str) -> Option<()> {
        let start = self.at;
        if !self.bytes[start..].starts_with(literal.as_bytes()) {
            return None;
        }
        self.at += literal.len();
        self.push(kind, None, start);
        Some(())
    }

    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn newline(&mut self) -> Option<()> {
        match self.bytes.get(self.at..)? {
            [b'\n', ..] => self.at += 1,
            [b'\r', b'\n', ..] => self.at += 2,
            _ => return None,
        }
        Some(())
    }

    /// A comment, to the end of its line, of what TOML allows in one.
    fn comment(&mut self) -> Option<()> {
        let rest = &self.bytes[self.at..];
        let end =
            find_byte(rest, |b| (b < 0x20) & (b != b'\t') | (b == 0x7f)).unwrap_or(rest.len());
        match rest.get(end) {
            None | Some(b'\n' | b'\r') => {
                self.at += end;
                Some(())
            }
            Some(_) => None,
        }
    }

    fn end_of_line(&mut self) -> Option<()> {
        self.blank();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            Some(_) => self.newline(),
        }
    }

    /// Blanks, line breaks and comments, as between an array's items.
    fn gap(&mut self) -> Option<()> {
        loop {
            self.blank();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\n' | b'\r') => self.newline()?,
                _ => return Some(()),
            }
        }
    }

    fn key(&mut self) -> Option<()> {
        let start = self.at;
        while self.peek().is_some_and(in_key) {
            self.at += 1;
        }
        if self.at == start {
            return None;
        }
        self.push(EventKind::SimpleKey, None, start);
        Some(())
    }

    fn key_value(&mut self) -> Option<()> {
        self.key()?;
        self.blank();
        self.mark(EventKind::KeyValSep, "=")?;
        self.blank();
        self.value()
    }

    fn value(&mut self) -> Option<()> {
        let start = self.at;
        match self.peek()? {
            b'"' | b'\'' if self.bytes[start + 1..].starts_with(&[self.bytes[start]; 2]) => None,
            b'"' => {
                self.at += 1;
                // To the closing quote, past escaped quotes and backslashes,
                // as the lexer goes; the decoder checks the rest.
                loop {
                    let rest = &self.bytes[self.at..];
                    let i = find_byte(rest, |b| (b == b'"') | (b == b'\\') | (b == b'\n'))?;
                    match rest[i] {
                        b'"' => {
                            self.at += i + 1;
                            break;
                        }
                        b'\\' if matches!(rest.get(i + 1), Some(b'"' | b'\\')) => {
                            self.at += i + 2;
                        }
                        b'\\' => self.at += i + 1,
                        _ => return None,
                    }
                }
                self.push(EventKind::Scalar, Some(Encoding::BasicString), start);
                Some(())
            }
            b'\'' => {
                let rest = &self.bytes[start + 1..];
                let i = find_byte(rest, |b| (b == b'\'') | (b == b'\n'))?;
                if rest[i] != b'\'' {
                    return None;
                }
                self.at += i + 2;
                self.push(EventKind::Scalar, Some(Encoding::LiteralString), start);
                Some(())
            }
            b'[' => self.array(),
            b'{' => self.inline_table(),
            b if in_atom(b) => {
                while self.peek().is_some_and(in_atom) {
                    self.at += 1;
                }
                self.push(EventKind::Scalar, None, start);
                Some(())
            }
            _ => None,
        }
    }

    fn array(&mut self) -> Option<()> {
        self.open()?;
        self.mark(EventKind::ArrayOpen, "[")?;
        loop {
            self.gap()?;
            if self.peek() == Some(b']') {
                break;
            }
            self.value()?;
            self.gap()?;
            if self.peek() == Some(b',') {
                self.mark(EventKind::ValueSep, ",")?;
            } else if self.peek() != Some(b']') {
                return None;
            }
        }
        self.mark(EventKind::ArrayClose, "]")?;
        self.depth -= 1;
        Some(())
    }

    /// An inline table on one line, without a trailing comma.
    fn inline_table(&mut self) -> Option<()> {
        self.open()?;
        self.mark(EventKind::InlineTableOpen, "{")?;
        self.blank();
        if self.peek() != Some(b'}') {
            loop {
                self.key_value()?;
                self.blank();
                if self.peek() != Some(b',') {
                    break;
                }
                self.mark(EventKind::ValueSep, ",")?;
                self.blank();
            }
        }
        self.mark(EventKind::InlineTableClose, "}")?;
        self.depth -= 1;
        Some(())
    }

    /// Goes one array or inline table deeper, as deep as the parser allows.
    fn open(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, scan};

    /// Where the scan reads a text, it must give what the parser gives.
    fn agrees(text: &str) -> bool {
        match scan(text) {
            Some(events) => {
                assert_eq!(Some(events), parse(text), "{text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn the_scan_reads_the_bundled_catalog_as_the_parser_does() {
        for (name, text) in crate::catalog::BUNDLED {
            assert!(agrees(text), "{name}");
        }
    }

    #[test]
    fn the_scan_reads_plain_toml_as_the_parser_does() {
        for text in [
            "",
            "\n\n# a comment\r\n",
            "[[idea]]\nid = \"a\"\n",
            "[[ idea ]] # note\r\nid='a'\ntitle\t= \"\"\n",
            "a = [ 1, 2.5, -3, +4, 1_000, 0x1F, 1e3, inf, nan, true, ]\n",
            "a = [\n  # items\n  \"x\",\n\n  'y' # why\n]\n",
            "a = { b = 1, c = { d = [] } }\nb = {}\n",
            "a = \"q\\\"uote\\\\\" # c\nb = \"\\u00e9\\t\"",
            "a = \"ünïcödé ✓\"\nb = 'c:\\path'\n",
            "a = [[1, 2], [3]]\n",
            "a=1\nb\t=\t2",
        ] {
            assert!(agrees(text), "{text:?}");
        }
    }

    #[test]
    fn the_scan_leaves_the_rest_to_the_parser() {
        for text in [
            "\u{feff}a = 1\n",
            "a.b = 1\n",
            "\"a\" = 1\n",
            "[table]\na = 1\n",
            "a = \"\"\"\nlong\n\"\"\"\n",
            "a = '''x'''\n",
            "a = { b = 1, }\n",
            "a = {\n b = 1 }\n",
            "a = 1979-05-27T07:32:00Z\n",
            "a = 1979-05-27 07:32:00\n",
            "a = 1 b = 2\n",
            "a = \"unfinished\n",
            "a = 'unfinished\n",
            "a = [1 2]\n",
            "a = 1\rb = 2\n",
            "# bell \u{7}\n",
            "a = 1 # bell \u{7}\n",
            "= 1\n",
            "a =\n",
            "a = [",
            &format!("a = {}1{}\n", "[".repeat(81), "]".repeat(81)),
        ] {
            assert!(!agrees(text), "{text:?}");
        }
    }

    #[test]
    fn where_the_scan_reads_a_changed_text_it_agrees_with_the_parser() {
        // Every one-byte change to a catalog, at every place: each one the
        // scan reads must come out as the parser reads it.
        let text = crate::catalog::BUNDLED[2].1;
        let text = &text[..=text[..1500].rfind('\n').unwrap()];
        let mut read = 0;
        for at in 0..text.len() {
            if !text.is_char_boundary(at) {
                continue;
            }
            for byte in [
                b' ', b'\n', b'"', b'\'', b'\\', b'#', b'[', b']', b'{', b'}', b',', b'=', b'.',
                b'1', b'a', b'\t', b'\r',
            ] {
                let mut changed = text.as_bytes().to_vec();
                let end = (at + 1..=text.len())
                    .find(|&e| text.is_char_boundary(e))
                    .unwrap_or(text.len());
                changed.splice(at..end, [byte]);
                let Ok(changed) = String::from_utf8(changed) else {
                    continue;
                };
                read += usize::from(agrees(&changed));
                let mut inserted = text.as_bytes().to_vec();
                inserted.insert(at, byte);
                if let Ok(inserted) = String::from_utf8(inserted) {
                    read += usize::from(agrees(&inserted));
                }
            }
        }
        assert!(
            read > 1000,
            "the scan read only {read} of the changed texts"
        );
    }
}
