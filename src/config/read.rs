//! Reading a large config a part at a time: the keys at the top, then its
//! `[[idea]]` and `[[pin]]` tables a part at a time, and a long `exclude`
//! list straight from the text, so that no document tree holds it all.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Keys, Pin};
use crate::catalog::Idea;
use crate::source::{self, Problems};

/// How much text of `[[idea]]` and `[[pin]]` tables a part holds, give or
/// take a table: reading a part the thorough way takes memory many times
/// its size, which the whole of a large config would.
const PART: usize = 64 << 10;

/// The `[[idea]]` and `[[pin]]` tables of a config as one part reads them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tables {
    #[serde(default)]
    pin: Vec<Pin>,
    #[serde(default)]
    idea: Vec<Spanned<Idea>>,
}

/// Where a config splits into parts that read as the whole does: the keys
/// at the top, then `[[idea]]` and `[[pin]]` tables (each with tables of its
/// own, `[idea.cost]`), split before an `[[idea]]` or `[[pin]]` header a
/// part's length on. None when the text has anything else (another table,
/// an `idea` or `pin` key at the top) or no tables: it is then read whole.
/// Also how many `[[pin]]` and `[[idea]]` tables there are.
pub(super) fn parts(text: &str) -> Option<(Vec<usize>, (usize, usize))> {
    let (keys, headers) = source::outline(text);
    let first = *headers.first()?;
    let ours = |key: &str| {
        let bare = key.trim_start_matches(['"', '\'']);
        bare.starts_with("idea") || bare.starts_with("pin")
    };
    if keys.into_iter().any(|key| ours(&text[key])) {
        return None;
    }
    let mut bounds = vec![0, first];
    let mut tables = (0, 0);
    let mut current: Option<&str> = None;
    for at in headers {
        let line = text[at..].lines().next().unwrap_or("");
        let line = line.split('#').next().unwrap_or(line).trim_end();
        if let Some(name) = ["idea", "pin"]
            .into_iter()
            .find(|name| line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) == Some(name))
        {
            current = Some(name);
            if name == "pin" {
                tables.0 += 1;
            } else {
                tables.1 += 1;
            }
            if at - bounds[bounds.len() - 1] >= PART {
                bounds.push(at);
            }
            continue;
        }
        // A table of the last `[[idea]]` or `[[pin]]`, named plainly.
        let inner = line
            .strip_prefix("[[")
            .and_then(|l| l.strip_suffix("]]"))
            .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')))?;
        let (name, rest) = inner.split_once('.')?;
        if Some(name) != current || rest.is_empty() || rest.contains(['[', ']']) {
            return None;
        }
    }
    bounds.push(text.len());
    Some((bounds, tables))
}

/// A top-level `exclude` list of plain ids (basic or literal strings of
/// printable ASCII without escapes, with commas, blanks and comments
/// between them), read straight from the text: the ids with their spans,
/// and the text with the list's inside blanked (line breaks kept, so every
/// place in it is where it was). `None` for anything else, which is then
/// read as TOML.
pub(super) fn plain_exclude(text: &str) -> Option<(String, Vec<Spanned<String>>)> {
    let (keys, _) = source::outline(text);
    let key = keys.into_iter().find(|k| &text[k.clone()] == "exclude")?;
    let bytes = text.as_bytes();
    let mut at = key.end;
    let blank = |at: &mut usize| {
        while let Some(&b) = bytes.get(*at) {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => *at += 1,
                b'#' => {
                    while bytes.get(*at).is_some_and(|b| *b != b'\n') {
                        *at += 1;
                    }
                }
                _ => break,
            }
        }
    };
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    if bytes.get(at) != Some(&b'=') {
        return None;
    }
    at += 1;
    while matches!(bytes.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let open = at;
    at += 1;
    let mut ids = Vec::new();
    loop {
        blank(&mut at);
        match bytes.get(at) {
            Some(b']') => break,
            Some(&quote @ (b'"' | b'\'')) => {
                let start = at;
                let len = bytes[start + 1..].iter().position(|b| *b == quote)?;
                let id = &text[start + 1..start + 1 + len];
                if id.is_empty() || !id.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'\\') {
                    return None;
                }
                at = start + len + 2;
                ids.push(Spanned::new(start..at, id.to_string()));
                blank(&mut at);
                match bytes.get(at) {
                    Some(b',') => at += 1,
                    Some(b']') => break,
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    let mut blanked = text.as_bytes().to_vec();
    for b in &mut blanked[open + 1..at] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
    // Whole characters were blanked, between two ASCII brackets: the text
    // is still UTF-8.
    Some((String::from_utf8(blanked).ok()?, ids))
}

/// Reads a config split at `bounds` (see [`parts`]): the keys at the top,
/// then the tables a part at a time, each part's problems found as the
/// whole text's would be. Also the ids of the `[[idea]]` tables of each
/// part with a problem.
pub(super) fn read_in_parts(
    path: &Path,
    text: &str,
    (bounds, tables): &(Vec<usize>, (usize, usize)),
    limit: usize,
) -> (source::Parsed<Keys>, Option<Vec<String>>) {
    let mut locator = source::Locator::new(text);
    let top = source::parse_all_in::<Keys>(path, &mut locator, 0..bounds[1], limit);
    let (mut syntax, mut problems) = (Problems::new(limit), Problems::new(limit));
    let mut keys = top.value;
    if let Some(keys) = &mut keys {
        keys.pin.reserve_exact(tables.0);
        keys.idea.reserve_exact(tables.1);
    }
    let mut faulty = top.faulty;
    let mut declared = Vec::new();
    let mut note = |parsed_syntax: bool, found: Problems| {
        if parsed_syntax {
            syntax.append(found);
        } else {
            problems.append(found);
        }
    };
    note(top.syntax, top.problems);
    for part in bounds[1..].windows(2) {
        let range = part[0]..part[1];
        let parsed = source::parse_all_in::<Tables>(path, &mut locator, range.clone(), limit);
        if !parsed.problems.is_empty() {
            declared.extend(crate::catalog::declared_ids(&text[range.clone()]));
            faulty.extend(parsed.faulty);
        }
        note(parsed.syntax, parsed.problems);
        let Some(tables) = parsed.value else {
            keys = None;
            continue;
        };
        if let Some(keys) = &mut keys {
            let at =
                |span: std::ops::Range<usize>| span.start + range.start..span.end + range.start;
            keys.pin.extend(tables.pin.into_iter().map(|pin| {
                Pin {
                    day: Spanned::new(at(pin.day.span()), pin.day.into_inner()),
                    idea: Spanned::new(at(pin.idea.span()), pin.idea.into_inner()),
                    shift: pin
                        .shift
                        .map(|shift| Spanned::new(at(shift.span()), shift.into_inner())),
                }
            }));
            keys.idea.extend(
                tables
                    .idea
                    .into_iter()
                    .map(|idea| Spanned::new(at(idea.span()), idea.into_inner())),
            );
        }
    }
    faulty.sort();
    faulty.dedup();
    let parsed = if syntax.is_empty() {
        source::Parsed {
            value: keys,
            problems,
            faulty,
            syntax: false,
        }
    } else {
        source::Parsed {
            value: None,
            problems: syntax,
            faulty: Vec::new(),
            syntax: true,
        }
    };
    (parsed, Some(declared))
}
