//! A fast way to read a file that is nothing but `[[name]]` tables, such as
//! a catalog of ideas. The thorough way ([`crate::source::parse_all`])
//! builds a tree of the whole document first, every key and value allocated,
//! spanned and sorted into maps, which costs several times what parsing
//! does and many times the text's size in memory. Here values go straight
//! from the parser's events (found by a quick scan where the text is plain,
//! [`events`]) into the types that read them ([`de`]); a file is read a few
//! megabytes at a time, and each of those in parts of a few hundred kilobytes,
//! on every core.
//!
//! None of it explains a problem. At anything out of the ordinary (a syntax
//! error, a value that doesn't fit, a dotted key, a table other than
//! `[[name]]`, a file that isn't UTF-8) it gives up, and the caller reads
//! the text the thorough way, which finds and words every problem. So this
//! path need only agree with that one on every text it accepts: it takes
//! the parser's events, decodes keys and values with the same decoder, and
//! hands each value to the visitor that `toml`'s own deserializer would call.

// Byte tests are written with `|` and `&` so that they run on sixteen bytes
// at once (see `find_byte`); `||` and `&&` would branch on every byte.
#![allow(clippy::needless_bitwise_bool)]

use std::io::Read as _;
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

mod de;
mod events;

/// A table as read, with the span of its `[[name]]` header.
pub type Placed<T> = (Range<usize>, T);

/// How much text a part holds, give or take a table: little enough that
/// reading one takes little memory, enough that handing it to a thread
/// costs little.
const PART: usize = 256 << 10;

/// How much of a file is read at a time.
const WINDOW: usize = 4 << 20;

/// Reads the `[[name]]` tables of the file at `path` a window at a time,
/// never holding the whole text, and hands each window's tables to `take`,
/// in parts as [`read_parts`] reads them. False when the file is not a
/// plain file of UTF-8 text of at most `max_bytes` with at least one table,
/// when a part has a problem, or when `take` refuses a window: the file
/// must then be read the thorough way.
pub fn read_file<T, F>(
    path: &Path,
    name: &str,
    max_bytes: u64,
    thorough: &F,
    mut take: impl FnMut(Vec<Vec<Placed<T>>>) -> bool,
) -> bool
where
    T: DeserializeOwned + Send,
    F: Fn(&str) -> Option<Vec<Placed<T>>> + Sync,
{
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let header = format!("[[{name}]]");
    let mut buffer: Vec<u8> = Vec::new();
    let mut offset = 0;
    let mut tables = 0;
    loop {
        let Ok(read) = (&mut file).take(WINDOW as u64).read_to_end(&mut buffer) else {
            return false;
        };
        if (offset + buffer.len()) as u64 > max_bytes {
            return false;
        }
        // `take` stops short of a window only at the end of the file.
        let at_end = read < WINDOW;
        // A window ends before a header, on a whole character; at the end
        // of the file, with all that is left.
        let text = match std::str::from_utf8(&buffer) {
            Ok(text) => text,
            Err(e) if e.error_len().is_none() && !at_end => {
                match std::str::from_utf8(&buffer[..e.valid_up_to()]) {
                    Ok(text) => text,
                    Err(_) => return false,
                }
            }
            Err(_) => return false,
        };
        let end = if at_end {
            Some(text.len())
        } else {
            text.rmatch_indices('[')
                .map(|(at, _)| at)
                .find(|&at| at > 0 && is_header(text, at, &header))
        };
        let Some(end) = end else {
            continue;
        };
        let Some(mut parts) = read_parts(&text[..end], name, thorough) else {
            return false;
        };
        for (span, _) in parts.iter_mut().flatten() {
            *span = span.start + offset..span.end + offset;
        }
        tables += parts.iter().map(Vec::len).sum::<usize>();
        if !take(parts) {
            return false;
        }
        buffer.drain(..end);
        offset += end;
        if at_end {
            return tables > 0;
        }
    }
}

/// Whether a `header` alone on its line starts at byte `at` of `text`.
fn is_header(text: &str, at: usize, header: &str) -> bool {
    let Some(rest) = text[at..].strip_prefix(header) else {
        return false;
    };
    (at == 0 || text.as_bytes()[at - 1] == b'\n')
        && (rest.starts_with('\n') || rest.starts_with("\r\n"))
}

/// The `[[name]]` tables of `text`, split before headers into parts of a
/// few hundred kilobytes, each read on the fast path or else by `thorough`,
/// side by side on every core. The parts in order, with spans in `text`;
/// None when any part has a problem (or a split fell inside a multi-line
/// string, which leaves a part unfinished).
pub fn read_parts<T, F>(text: &str, name: &str, thorough: &F) -> Option<Vec<Vec<Placed<T>>>>
where
    T: DeserializeOwned + Send,
    F: Fn(&str) -> Option<Vec<Placed<T>>> + Sync,
{
    let header = format!("[[{name}]]");
    let mut bounds = vec![0];
    // Each part ends at the first header a part's length on from its start.
    let mut from = PART;
    while from < text.len() {
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(at) = text[from..]
            .match_indices(header.as_str())
            .map(|(at, _)| from + at)
            .find(|&at| is_header(text, at, &header))
        else {
            break;
        };
        bounds.push(at);
        from = at + PART;
    }
    bounds.push(text.len());
    let parts: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    let read_one = |&(start, end): &(usize, usize)| {
        let part = &text[start..end];
        let mut tables = read(part, name).or_else(|| thorough(part))?;
        for (span, _) in &mut tables {
            *span = span.start + start..span.end + start;
        }
        Some(tables)
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, parts.len());
    if workers == 1 {
        return parts.iter().map(read_one).collect();
    }
    let read: Vec<Vec<Option<Vec<Placed<T>>>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (parts, read_one) = (&parts, &read_one);
                scope.spawn(move || {
                    parts
                        .iter()
                        .skip(worker)
                        .step_by(workers)
                        .map(read_one)
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    // Worker `w` read parts `w`, `w + workers`, …: take them back in turn.
    let mut read: Vec<_> = read.into_iter().map(Vec::into_iter).collect();
    (0..parts.len())
        .map(|part| read[part % workers].next().flatten())
        .collect()
}

/// Where in `bytes` the first byte that `stop` picks is. Most of a catalog
/// is long runs of ordinary text, so it is tested sixteen bytes at a time,
/// all of a chunk before any answer, which the compiler does in a few
/// instructions rather than a few for each byte; `stop` should test with
/// `|` and `&`, not `||` and `&&`, which branch on every byte.
pub(crate) fn find_byte(bytes: &[u8], stop: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = 0;
    for chunk in bytes.chunks_exact(16) {
        if chunk.iter().fold(false, |found, &b| found | stop(b)) {
            break;
        }
        at += chunk.len();
    }
    bytes[at..].iter().position(|&b| stop(b)).map(|i| at + i)
}

/// The `[[name]]` tables of `text`, each with the span of its header; None
/// if the text holds anything else, or anything wrong.
pub fn read<T: DeserializeOwned>(text: &str, name: &str) -> Option<Vec<Placed<T>>> {
    de::tables(text, &events::significant(text)?, name)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::{Placed, WINDOW, read, read_file, read_parts};

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Row {
        n: u32,
        text: String,
    }

    /// `count` `[[row]]` tables, with text of two- and three-byte characters.
    fn rows(count: u32) -> String {
        let mut text = String::new();
        for n in 0..count {
            let _ = write!(text, "[[row]]\nn = {n}\ntext = \"é✓ {n} ✓é\"\n\n");
        }
        text
    }

    fn nothing_thorough(_: &str) -> Option<Vec<Placed<Row>>> {
        None
    }

    /// The tables of `text`, read from a file a window at a time, and how
    /// many windows there were.
    fn read_from_file(text: &str) -> (bool, Vec<Placed<Row>>, usize) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.toml");
        std::fs::write(&path, text).unwrap();
        let (mut tables, mut windows) = (Vec::new(), 0);
        let read = read_file(&path, "row", 64 << 20, &nothing_thorough, |parts| {
            windows += 1;
            tables.extend(parts.into_iter().flatten());
            true
        });
        (read, tables, windows)
    }

    #[test]
    fn a_file_read_a_window_at_a_time_gives_what_its_whole_text_gives() {
        let mut text = rows(2 * u32::try_from(WINDOW).unwrap() / 40);
        // A window's end inside a character, which it must not split.
        while text.is_char_boundary(WINDOW) {
            text.insert(0, '\n');
        }
        assert!(text.len() > 2 * WINDOW);
        let (whole, (read, tables, windows)) = (read::<Row>(&text, "row"), read_from_file(&text));
        assert!(read);
        assert!(windows > 2, "{windows} windows");
        assert_eq!(Some(tables), whole);
    }

    #[test]
    fn a_file_that_is_not_plain_is_left_to_the_thorough_way() {
        for text in ["", "# no tables\n", "[[row]]\nn = 1\ntext = \"\\q\"\n"] {
            assert!(!read_from_file(text).0, "{text:?}");
        }
        let mut not_utf8 = rows(3).into_bytes();
        not_utf8.insert(20, 0xff);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.toml");
        std::fs::write(&path, not_utf8).unwrap();
        assert!(!read_file(&path, "row", 1 << 20, &nothing_thorough, |_| {
            true
        }));
        std::fs::write(&path, rows(3)).unwrap();
        assert!(!read_file(&path, "row", 10, &nothing_thorough, |_| true));
        assert!(!read_file(&path, "row", 1 << 20, &nothing_thorough, |_| {
            false
        }));
        assert!(read_file(&path, "row", 1 << 20, &nothing_thorough, |_| {
            true
        }));
    }

    #[test]
    fn parts_give_spans_in_the_whole_text() {
        let text = rows(30_000);
        let parts = read_parts::<Row, _>(&text, "row", &nothing_thorough).unwrap();
        assert!(parts.len() > 3, "{} parts", parts.len());
        let whole = read(&text, "row");
        assert_eq!(Some(parts.into_iter().flatten().collect()), whole);
    }

    #[test]
    fn a_part_the_fast_way_gives_up_on_is_read_the_thorough_way() {
        let text = rows(30_000).replacen("n = 20000\n", "n = 20000\nextra.key = 1\n", 1);
        let asked = std::sync::Mutex::new(Vec::new());
        let thorough = |part: &str| {
            asked.lock().unwrap().push(part.to_string());
            let row = Row {
                n: 0,
                text: String::new(),
            };
            Some(vec![(0..0, row)])
        };
        let parts = read_parts::<Row, _>(&text, "row", &thorough).unwrap();
        let asked = asked.into_inner().unwrap();
        assert_eq!(asked.len(), 1);
        assert!(asked[0].contains("extra.key"));
        // What it gave is in the part's place, with a span in the whole text.
        let part = parts.iter().position(|p| p.len() == 1).unwrap();
        let start = text.find(&asked[0]).unwrap();
        assert_eq!(parts[part][0].0, start..start);
        let tables: usize = parts.iter().map(Vec::len).sum();
        assert_eq!(tables, 30_000 - asked[0].matches("[[row]]").count() + 1);
    }
}
