//! Reading TOML files (configs and catalogs) with errors a person can act on:
//! `file:line:column: what is wrong`, then the line with a caret under it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

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
            message: message.into(),
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
        let start = span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let width = text[start..span.end.clamp(start, line_end)]
            .chars()
            .count()
            .max(1);
        let gutter = " ".repeat(line.to_string().len());
        let snippet = format!(
            "{gutter} |\n{line} | {line_text}\n{gutter} | {}{}",
            " ".repeat(column - 1),
            "^".repeat(width)
        );
        SourceError {
            path: path.to_path_buf(),
            place: Some((line, column)),
            message: message.into(),
            snippet,
        }
    }
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

/// The first of `problems`, as they were found, as an error.
pub fn first(problems: Vec<SourceError>) -> Result<(), SourceError> {
    match problems.into_iter().next() {
        None => Ok(()),
        Some(problem) => Err(problem),
    }
}

/// Parses `text` (read from `path`) into `T`, failing with the first
/// problem in the file.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, SourceError> {
    let parsed = parse_all(path, text);
    first(parsed.problems)?;
    parsed
        .value
        .ok_or_else(|| SourceError::whole(path, "cannot be read"))
}

/// What [`parse_all`] found.
pub struct Parsed<T> {
    /// What is left once the faulty parts are set aside; none after a
    /// syntax error, since the text may not say what was meant.
    pub value: Option<T>,
    /// Every problem, in file order.
    pub problems: Vec<SourceError>,
    /// The top-level keys with a problem in them.
    pub faulty: Vec<String>,
}

/// Parses `text` (read from `path`) into `T`, finding every problem rather
/// than the first: each syntax error, or else each value that doesn't fit,
/// found by setting aside the key (or the array element) at fault and
/// trying again.
pub fn parse_all<T: DeserializeOwned>(path: &Path, text: &str) -> Parsed<T> {
    let (table, syntax) = toml::de::DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        // What follows a syntax error is the parser's guess, so only the
        // syntax errors are reported, one a line.
        let mut problems: Vec<SourceError> = Vec::new();
        for problem in syntax.iter().map(|e| located(path, text, e)) {
            let line = problem.place.map(|(line, _)| line);
            if line.is_none() || problems.iter().all(|p| p.place.map(|(l, _)| l) != line) {
                problems.push(problem);
            }
        }
        problems.sort_by_key(|p| p.place);
        return Parsed {
            value: None,
            problems,
            faulty: Vec::new(),
        };
    }
    let whole = table.span();
    // Most files are sound: read them once, without a copy to fall back on.
    let first_try = T::deserialize(toml::de::Deserializer::from(table));
    let error = match first_try {
        Ok(value) => {
            return Parsed {
                value: Some(value),
                problems: Vec::new(),
                faulty: Vec::new(),
            };
        }
        Err(error) => error,
    };
    let mut table = toml::de::DeTable::parse_recoverable(text).0;
    let mut pending = Some(error);
    let mut aside = SetAside::default();
    let mut problems: Vec<SourceError> = Vec::new();
    let mut filled: Vec<String> = Vec::new();
    let value = loop {
        let error = match pending.take() {
            Some(error) => error,
            None => match T::deserialize(toml::de::Deserializer::from(table.clone())) {
                Ok(value) => break Some(value),
                Err(error) => error,
            },
        };
        let at = error.span().map_or(usize::MAX, |s| s.start);
        let missing = error
            .message()
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string);
        // Errors of our own making: a key missing because it was set aside,
        // an array found empty because its elements were.
        let ours = missing.as_ref().is_some_and(|key| {
            let container = error.span().unwrap_or(whole.clone());
            aside
                .keys
                .iter()
                .any(|(k, span)| k == key && container == *span)
        }) || aside.arrays.contains(&at);
        if !ours {
            problems.push(located(path, text, &error));
        }
        match missing {
            Some(key) if error.span().is_none_or(|s| s == whole) => {
                if filled.contains(&key) {
                    break None;
                }
                // A stand-in at the end of the text, so the rest is still checked.
                let end = text.len()..text.len();
                let stand_in = toml::de::DeValue::String(std::borrow::Cow::Borrowed("?"));
                table.get_mut().insert(
                    toml::Spanned::new(end.clone(), std::borrow::Cow::Owned(key.clone())),
                    toml::Spanned::new(end, stand_in),
                );
                aside.faulty.push(key.clone());
                filled.push(key);
            }
            _ => match aside.remove(table.get_mut(), &whole, at) {
                Some(key) => aside.faulty.push(key),
                None => break None,
            },
        }
    };
    problems.sort_by_key(|p| p.place);
    problems.dedup();
    aside.faulty.sort();
    aside.faulty.dedup();
    Parsed {
        value,
        problems,
        faulty: aside.faulty,
    }
}

/// What [`parse_all`] has set aside so far.
#[derive(Default)]
struct SetAside {
    /// Each key removed, with the span of the table it was in.
    keys: Vec<(String, Range<usize>)>,
    /// Where each array that lost an element starts.
    arrays: Vec<usize>,
    /// The top-level keys with something removed.
    faulty: Vec<String>,
}

impl SetAside {
    /// Removes the innermost entry of `table` (whose own span is `span`)
    /// that holds byte `at`: an array's element when that is as deep as it
    /// goes. Returns the key of `table` it was in, or None when nothing
    /// holds `at`.
    fn remove(
        &mut self,
        table: &mut toml::de::DeTable<'_>,
        span: &Range<usize>,
        at: usize,
    ) -> Option<String> {
        let holds = |span: Range<usize>| span.contains(&at) || span.start == at;
        let key = table
            .iter()
            .find(|(k, v)| holds(k.span()) || holds(extent(v)))
            .map(|(k, _)| k.clone())?;
        let deeper = match table.get_mut(&key) {
            Some(value) => {
                let value_span = value.span();
                match value.get_mut() {
                    toml::de::DeValue::Table(inner) => {
                        self.remove(inner, &value_span, at).is_some()
                    }
                    toml::de::DeValue::Array(items) => {
                        match items.iter().position(|item| holds(extent(item))) {
                            Some(i) => {
                                let item_span = items[i].span();
                                let within = match items.as_mut()[i].get_mut() {
                                    toml::de::DeValue::Table(inner) => {
                                        self.remove(inner, &item_span, at).is_some()
                                    }
                                    _ => false,
                                };
                                if !within {
                                    let mut kept = toml::de::DeArray::new();
                                    for (j, item) in items.iter().enumerate() {
                                        if j != i {
                                            kept.push(item.clone());
                                        }
                                    }
                                    *items = kept;
                                    self.arrays.push(value_span.start);
                                }
                                true
                            }
                            None => false,
                        }
                    }
                    _ => false,
                }
            }
            None => false,
        };
        let name = key.get_ref().to_string();
        if !deeper {
            table.remove(&key);
            self.keys.push((name.clone(), span.clone()));
        }
        Some(name)
    }
}

/// The bytes a value covers, nested keys and values included: a `[[pin]]`
/// element's own span is only its header.
fn extent(value: &toml::Spanned<toml::de::DeValue<'_>>) -> Range<usize> {
    let mut range = value.span();
    let mut widen = |r: Range<usize>| {
        range.start = range.start.min(r.start);
        range.end = range.end.max(r.end);
    };
    match value.get_ref() {
        toml::de::DeValue::Array(items) => items.iter().for_each(|i| widen(extent(i))),
        toml::de::DeValue::Table(table) => {
            for (k, v) in table {
                widen(k.span());
                widen(extent(v));
            }
        }
        _ => {}
    }
    range
}

/// A TOML error as a [`SourceError`] that names the key where it can.
fn located(path: &Path, text: &str, e: &toml::de::Error) -> SourceError {
    let mut message = friendly(e.message());
    match e.span() {
        // A key missing from the top level has no better place than the file.
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
                && let Some(key) = key_before(text, span.start)
            {
                message = format!("`{key}`: {message}");
            }
            SourceError::at(path, text, span, message)
        }
        None => SourceError::whole(path, message),
    }
}

/// The key whose value starts at byte `at`: the last `key =` before it on its line.
fn key_before(text: &str, at: usize) -> Option<&str> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..at].rsplit_once('=')?.0.trim_end();
    let start = before
        .char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(&before[start..]).filter(|k| !k.is_empty())
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
