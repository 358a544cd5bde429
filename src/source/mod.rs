//! Reading TOML files (configs and catalogs) with errors a person can act on:
//! `file:line:column: what is wrong`, then the line with a caret under it.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

mod recover;
mod scan;

pub use scan::{headers, outline};

/// A problem at a place in a text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub place: Option<(usize, usize)>,
    pub message: String,
    snippet: String,
}

impl SourceError {
    /// An error about the whole file.
    pub fn whole(path: &Path, message: impl Into<String>) -> SourceError {
        SourceError {
            path: path.to_path_buf(),
            place: None,
            message: shown(&message.into()),
            snippet: String::new(),
        }
    }

    /// An error at `span`, a byte range of `text`.
    pub fn at(
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> SourceError {
        Places::new(text).error(path, span, &message.into())
    }
}

/// Places in one text, found in order: each from the one before, so that
/// a hundred problems in a large file cost one pass through it, not a
/// hundred.
pub(crate) struct Places<'t> {
    text: &'t str,
    /// The last place found, its line (1-based), where that line starts,
    /// and its column (0-based, in characters).
    at: usize,
    line: usize,
    line_start: usize,
    column: usize,
}

impl<'t> Places<'t> {
    pub(crate) fn new(text: &'t str) -> Places<'t> {
        Places {
            text,
            at: 0,
            line: 1,
            line_start: 0,
            column: 0,
        }
    }

    /// Goes to byte `to` (at a character's start), from the last place if
    /// it is before, else from the top.
    fn go(&mut self, to: usize) {
        if to < self.at {
            *self = Places::new(self.text);
        }
        let gap = &self.text[self.at..to];
        match gap.rfind('\n') {
            Some(last) => {
                self.line += gap.bytes().filter(|&b| b == b'\n').count();
                self.line_start = self.at + last + 1;
                self.column = self.text[self.line_start..to].chars().count();
            }
            None => self.column += gap.chars().count(),
        }
        self.at = to;
    }

    /// An error at `span`: its line, column and a snippet of its line,
    /// with a caret under the span.
    pub(crate) fn error(&mut self, path: &Path, span: Range<usize>, message: &str) -> SourceError {
        let text = self.text;
        let mut start = span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        self.go(start);
        let line = self.line;
        let snippet = snippet(text, line, self.line_start, start, span.end);
        SourceError {
            path: path.to_path_buf(),
            place: Some((line, self.column + 1)),
            message: shown(message),
            snippet,
        }
    }
}

/// How many characters of a line a snippet shows at most before and after
/// the place it points at; a shorter line is shown whole.
const AROUND: usize = 60;

/// The snippet of `line` (which starts at byte `line_start`) with a caret
/// under the bytes `start..end`: control characters escaped, and a long
/// line cut to the part around the caret.
fn snippet(text: &str, line: usize, line_start: usize, start: usize, end: usize) -> String {
    let behind = &text[line_start..start];
    let ahead = &text[start..];
    // At most this far ahead, so that a huge line is not read to its end.
    let limit = ahead
        .char_indices()
        .nth(2 * AROUND)
        .map_or(ahead.len(), |(i, _)| i);
    let (ahead, mut cut_after) = match ahead[..limit].find('\n') {
        Some(i) => (&ahead[..i], false),
        None => (&ahead[..limit], limit < ahead.len()),
    };
    let ahead = if cut_after {
        ahead
    } else {
        ahead.trim_end_matches('\r')
    };
    let mut cut_before = false;
    let (mut before, mut after) = (behind, ahead);
    if behind.len() + ahead.len() > 2 * AROUND
        && behind.chars().count() + ahead.chars().count() > 2 * AROUND
    {
        if let Some((i, _)) = behind.char_indices().rev().nth(AROUND - 1) {
            cut_before = i > 0;
            before = &behind[i..];
        }
        if let Some((i, _)) = ahead.char_indices().nth(AROUND) {
            cut_after = true;
            after = &ahead[..i];
        }
    }
    let before = format!("{}{}", if cut_before { "…" } else { "" }, escaped(before));
    let spanned = escaped(&after[..end.saturating_sub(start).min(after.len())]);
    let mut shown_line = format!("{before}{}", escaped(after));
    if cut_after {
        shown_line.push('…');
    }
    let column = before.chars().count();
    let width = spanned.chars().count().max(1);
    let gutter = " ".repeat(line.to_string().len());
    format!(
        "{gutter} |\n{line} | {shown_line}\n{gutter} | {}{}",
        " ".repeat(column),
        "^".repeat(width)
    )
}

/// `text` with each control character but a tab written as an escape
/// (`\u{1b}`, `\r`, `\0`), so that no text from a file can move a
/// terminal's cursor or change its colours or title.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` escaped as [`escaped`] does, line by line: its line breaks kept.
pub fn escaped_lines(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\t' && c != '\n')
    {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(escaped).collect();
    Cow::Owned(lines.join("\n"))
}

/// The longest message shown whole, in characters; a longer one (which
/// can only be from repeating a long value of the file) keeps its start
/// and its end.
const LONGEST_MESSAGE: usize = 400;

/// A message as shown: escaped, and cut in the middle when too long.
fn shown(message: &str) -> String {
    let message = escaped(message);
    if message.len() <= LONGEST_MESSAGE || message.chars().count() <= LONGEST_MESSAGE {
        return message.into_owned();
    }
    let head_end = message
        .char_indices()
        .nth(LONGEST_MESSAGE - 100)
        .map_or(message.len(), |(i, _)| i);
    let tail_start = message.char_indices().rev().nth(99).map_or(0, |(i, _)| i);
    format!("{}…{}", &message[..head_end], &message[tail_start..])
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.place {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if !self.snippet.is_empty() {
            write!(f, "\n{}", self.snippet)?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceError {}

/// How many problems `csweek check` shows; it counts the rest.
pub const SHOWN: usize = 100;

/// Problems found: the first few in full, the rest only counted, so that a
/// file with a million mistakes costs no more to check than to read.
#[derive(Debug)]
pub struct Problems {
    limit: usize,
    shown: Vec<SourceError>,
    more: usize,
}

impl Problems {
    /// Problems of which at most `limit` are kept in full.
    pub fn new(limit: usize) -> Problems {
        Problems {
            limit,
            shown: Vec::new(),
            more: 0,
        }
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Adds a problem found after the others.
    pub fn push(&mut self, problem: SourceError) {
        if self.shown.len() < self.limit {
            self.shown.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// Adds problems found after these (in another file, say).
    pub fn append(&mut self, other: Problems) {
        for problem in other.shown {
            self.push(problem);
        }
        self.more += other.more;
    }

    /// Adds problems in the same file as these, keeping the first in the
    /// file's order.
    pub fn merge(&mut self, other: Problems) {
        self.shown.extend(other.shown);
        self.more += other.more;
        self.shown.sort_by_key(|p| p.place);
        if self.shown.len() > self.limit {
            self.more += self.shown.len() - self.limit;
            self.shown.truncate(self.limit);
        }
    }

    /// How many problems there are, shown or not.
    pub fn len(&self) -> usize {
        self.shown.len() + self.more
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The problems kept in full.
    pub fn shown(&self) -> &[SourceError] {
        &self.shown
    }

    /// How many problems there are beyond those kept in full.
    pub fn more(&self) -> usize {
        self.more
    }

    /// The first problem, as an error.
    pub fn first(self) -> Result<(), SourceError> {
        match self.shown.into_iter().next() {
            None => Ok(()),
            Some(problem) => Err(problem),
        }
    }

    /// Problems at places in `text`: the first `limit` of `found`, in the
    /// text's order, each worded by `message` (only those: wording can
    /// take a search), and the rest counted.
    pub fn at_places<X>(
        path: &Path,
        text: &str,
        found: impl IntoIterator<Item = (Range<usize>, X)>,
        limit: usize,
        mut message: impl FnMut(X) -> String,
    ) -> Problems {
        // Only the first `limit` are kept as they come, the rest counted.
        let mut kept = Vec::new();
        let mut more = 0;
        let mut trim = |kept: &mut Vec<(Range<usize>, X)>| {
            kept.sort_by_key(|(span, _)| span.start);
            more += kept.len().saturating_sub(limit);
            kept.truncate(limit);
        };
        for place in found {
            kept.push(place);
            if kept.len() > 2 * limit + 64 {
                trim(&mut kept);
            }
        }
        trim(&mut kept);
        let found = kept;
        let mut places = Places::new(text);
        let shown = found
            .into_iter()
            .map(|(span, x)| places.error(path, span, &message(x)))
            .collect();
        Problems { limit, shown, more }
    }
}

/// The largest file csweek reads: 100,000 ideas worded like the bundled ones
/// take about 75 MB, so a catalog that large comes in two files or more.
pub const MAX_BYTES: u64 = 64 << 20;

/// Reads a file as UTF-8 text, refusing a missing, unreadable or empty file.
pub fn read(path: &Path) -> Result<String, SourceError> {
    if path.is_dir() {
        return Err(SourceError::whole(path, "is a folder, expected a file"));
    }
    let cannot_read = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        SourceError::whole(path, format!("cannot read: {why}"))
    };
    // `take` keeps a device that never ends (`/dev/zero`) from filling memory.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_BYTES + 1), &mut bytes)
        })
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(SourceError::whole(
            path,
            format!(
                "is larger than {} MiB, the most csweek reads",
                MAX_BYTES >> 20
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        SourceError::at(
            path,
            &text,
            at..at,
            "not valid UTF-8 text; save the file as UTF-8",
        )
    })?;
    if text.trim().is_empty() {
        return Err(SourceError::whole(path, "the file is empty"));
    }
    Ok(text)
}

/// What [`parse_all`] found.
pub struct Parsed<T> {
    /// What is left once the faulty parts are set aside; none after a
    /// syntax error, since the text may not say what was meant.
    pub value: Option<T>,
    /// The problems, in file order.
    pub problems: Problems,
    /// The top-level keys with a problem in them.
    pub faulty: Vec<String>,
    /// Whether the problems are syntax errors, the only ones reported then.
    pub syntax: bool,
}

/// Parses `text` (read from `path`) into `T`, finding every problem rather
/// than the first, and keeping the first `limit` of them in full: each
/// syntax error, or else each value that doesn't fit, found by reading
/// each part of the text on its own and setting aside those at fault.
pub fn parse_all<T: DeserializeOwned>(path: &Path, text: &str, limit: usize) -> Parsed<T> {
    parse_all_in(path, &mut Locator::new(text), 0..text.len(), limit)
}

/// Places and keys in one text, found in order, for the problems of its
/// parts read one after another.
pub struct Locator<'t> {
    text: &'t str,
    places: Places<'t>,
    keys: scan::Scan<'t>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Locator<'t> {
        Locator {
            text,
            places: Places::new(text),
            keys: scan::Scan::new(text),
        }
    }
}

/// [`parse_all`] for the part `range` of the text that `locator` finds
/// places in, a document of its own: the value's spans are in the part,
/// the problems' places in the whole text.
pub fn parse_all_in<T: DeserializeOwned>(
    path: &Path,
    locator: &mut Locator<'_>,
    range: Range<usize>,
    limit: usize,
) -> Parsed<T> {
    let text = &locator.text[range.clone()];
    let (table, syntax) = toml::de::DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        drop(table);
        // What follows a syntax error is the parser's guess, so only the
        // syntax errors are reported, one a line.
        let mut errors = syntax;
        errors.sort_by_key(|e| e.span().map(|s| s.start));
        let mut last: Option<usize> = None;
        errors.retain(|e| {
            let Some(start) = e.span().map(|s| s.start) else {
                return true;
            };
            let same_line = last.is_some_and(|last| {
                text.get(last..start)
                    .is_some_and(|between| !between.contains('\n'))
            });
            last = Some(start);
            !same_line
        });
        return Parsed {
            value: None,
            problems: located_all(path, locator, range.start, errors, 0, limit),
            faulty: Vec::new(),
            syntax: true,
        };
    }
    // Most files are sound: read them once, without a copy to fall back on.
    if let Ok(value) = T::deserialize(toml::de::Deserializer::from(table)) {
        return Parsed {
            value: Some(value),
            problems: Problems::new(limit),
            faulty: Vec::new(),
            syntax: false,
        };
    }
    let table = toml::de::DeTable::parse_recoverable(text).0;
    let found = recover::recover::<T>(text, table, limit);
    Parsed {
        value: found.value,
        problems: located_all(path, locator, range.start, found.errors, found.more, limit),
        faulty: found.faulty,
        syntax: false,
    }
}

/// TOML errors in the part of the text at `offset`, in order, as problems:
/// the first `limit` in full, the rest (and `more`) counted.
fn located_all(
    path: &Path,
    locator: &mut Locator<'_>,
    offset: usize,
    errors: Vec<toml::de::Error>,
    more: usize,
    limit: usize,
) -> Problems {
    let mut problems = Problems::new(limit);
    problems.more = more;
    for error in errors {
        if problems.shown.len() < limit {
            let problem = located(path, locator, offset, &error);
            problems.shown.push(problem);
        } else {
            problems.more += 1;
        }
    }
    problems
}

/// A TOML error as a [`SourceError`] that names the key where it can.
fn located(
    path: &Path,
    locator: &mut Locator<'_>,
    offset: usize,
    e: &toml::de::Error,
) -> SourceError {
    let text = locator.text;
    let mut message = friendly(e.message());
    match e.span().map(|s| s.start + offset..s.end + offset) {
        // A key missing from the top level has no better place than the file
        // (a part of it that starts with a table is not the top).
        Some(span) if span.start == 0 && message.starts_with("missing") => {
            SourceError::whole(path, message)
        }
        Some(span) => {
            if message == "duplicate key" {
                let key = text.get(span.clone()).unwrap_or("").trim();
                message = format!("duplicate key `{key}`; each key may appear once");
            } else if message.starts_with("string values must be quoted")
                || message.starts_with("invalid datetime")
                || message.starts_with("invalid time")
            {
                // The bare value, to the end of its line or a comment.
                let rest = text.get(span.start..).unwrap_or("");
                let bare = rest.lines().next().unwrap_or("");
                let bare = bare.split(" #").next().unwrap_or(bare).trim();
                message = if bare.is_empty() {
                    "expected a value after `=`".to_string()
                } else if bare.starts_with(|c: char| {
                    c.is_alphabetic() || c.is_ascii_digit() && bare.contains(':')
                }) {
                    format!("expected text in quotes, such as \"{bare}\"")
                } else {
                    format!("expected a number, text in quotes, true or false, found `{bare}`")
                };
            } else if message == "expected a list, found a table"
                && let Some(name) = text
                    .get(span.clone())
                    .and_then(|t| t.trim().strip_prefix('['))
                    .and_then(|t| t.strip_suffix(']'))
                    .filter(|t| !t.starts_with('['))
            {
                message = format!("expected a list of tables: write `[[{name}]]`, not `[{name}]`");
            } else if message == "wanted string or table" {
                let found = text.get(span.clone()).unwrap_or("").trim();
                message = format!("expected a word in quotes, found `{found}`");
            }
            if !message.starts_with("unknown key")
                && !message.starts_with("duplicate key")
                && let Some(key) = locator.keys.key_at(span.start)
            {
                message = format!("`{key}`: {message}");
            }
            locator.places.error(path, span, &message)
        }
        None => SourceError::whole(path, message),
    }
}

/// Rewrites serde's generic wording into csweek's: an unknown key gains a
/// "did you mean" hint instead of the full list of keys.
pub(crate) fn friendly(message: &str) -> String {
    let message = message.trim_end();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (unknown, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return match crate::suggest::closest(unknown, known.iter().copied()) {
            Some(hint) => format!("unknown key `{unknown}`; did you mean `{hint}`?"),
            None => format!(
                "unknown key `{unknown}`; expected one of {}",
                quoted(&known)
            ),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (unknown, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = crate::suggest::closest(unknown, known.iter().copied())
            .map(|h| format!("; did you mean `{h}`?"))
            .unwrap_or_default();
        return format!(
            "unknown value `{unknown}`, expected {}{hint}",
            quoted(&known)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        // A number too large for an i64 is reported as an i128.
        let found = found
            .strip_prefix("integer `")
            .and_then(|n| n.strip_suffix("` as i128"))
            .unwrap_or(found);
        return format!(
            "expected {}, found {}",
            plain_type(expected),
            plain_type(found)
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return format!("missing required key `{key}`");
    }
    message.to_string()
}

/// serde's names for TOML's shapes, in TOML's words.
fn plain_type(name: &str) -> &str {
    match name {
        "a sequence" | "sequence" => "a list",
        "map" | "a map" => "a table",
        _ if name.starts_with("struct ") => "a table",
        _ => name,
    }
}

fn quoted(words: &[&str]) -> String {
    match words {
        [] => String::from("nothing"),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|w| format!("`{w}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}
