//! Loading the catalog: the bundled ideas, folders of idea files read fast
//! or thoroughly, and the config's own, merged by id.

use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::{Idea, IdeaId, bundled_ideas};
use crate::array_of_tables;
use crate::source::{self, Problems, SourceError};

/// The ids that the `[[idea]]` tables of `text` give, whether or not the
/// ideas are sound: an id that names a faulty idea is not unknown.
pub fn declared_ids(text: &str) -> Vec<String> {
    let (table, _) = toml::de::DeTable::parse_recoverable(text);
    let Some(toml::de::DeValue::Array(ideas)) = table.get_ref().get("idea").map(Spanned::get_ref)
    else {
        return Vec::new();
    };
    ideas
        .iter()
        .filter_map(|idea| idea.get_ref().as_table()?.get("id")?.get_ref().as_str())
        .map(str::to_string)
        .collect()
}

/// Files larger than this are read a part at a time, on every core.
const READ_IN_PARTS_ABOVE: usize = 1 << 20;

/// How much of a file with a problem is read the thorough way at a time.
const THOROUGH_PART: usize = 256 << 10;

/// An idea as read from a file, with the span of its `[[idea]]` header.
type Read = array_of_tables::Placed<Idea>;

/// The ideas of a part of a catalog file that the fast path gave up on,
/// read the thorough way; None on any problem.
fn read_thoroughly(path: &Path) -> impl Fn(&str) -> Option<Vec<Read>> + Sync + '_ {
    move |part| {
        let parsed = source::parse_all::<IdeaFile>(path, part, 0);
        if !parsed.problems.is_empty() {
            return None;
        }
        Some(parsed.value?.idea.into_iter().map(unspan).collect())
    }
}

fn unspan(idea: Spanned<Idea>) -> Read {
    (idea.span(), idea.into_inner())
}

/// A catalog file: a list of `[[idea]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdeaFile {
    #[serde(default)]
    idea: Vec<Spanned<Idea>>,
}

/// Ideas from every source, in the order they were added, ids unique.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub ideas: Vec<Idea>,
    /// Where each idea came from, for messages; shared by a file's ideas.
    origins: Vec<Arc<Path>>,
    /// Each id's place in `ideas`.
    index: std::collections::HashMap<IdeaId, usize>,
    /// Ideas that a later source replaced: the id, the file that replaced
    /// it, and where the one replaced came from.
    pub replaced: Vec<Replaced>,
    /// Ids of ideas given with a problem, so not in `ideas`: a name for one
    /// of them is not unknown.
    pub faulty_ids: Vec<String>,
    /// Whether an idea folder or file could not be read, which leaves any
    /// id in doubt.
    pub incomplete: bool,
}

/// Whether `path` names a file of the bundled catalog.
fn is_bundled(path: &Path) -> bool {
    bundled_ideas::FILES
        .iter()
        .any(|name| Path::new(name) == path)
}

/// An idea that a later source replaced.
#[derive(Debug, Clone)]
pub struct Replaced {
    pub id: IdeaId,
    pub by: PathBuf,
    pub from: PathBuf,
}

impl Replaced {
    /// Whether the idea replaced is a bundled one.
    pub fn bundled(&self) -> bool {
        is_bundled(&self.from)
    }
}

impl Catalog {
    /// The catalog built into the binary.
    pub fn bundled() -> Result<Catalog, SourceError> {
        let mut catalog = Catalog::default();
        for (name, ideas) in bundled_ideas::files() {
            let path = Path::new(name);
            let origin: Arc<Path> = Arc::from(path);
            for idea in ideas {
                // An id twice among the bundled files is a mistake too.
                if let Some(message) = catalog.problem(&idea, 0) {
                    return Err(SourceError::whole(path, message));
                }
                catalog.insert(idea, &origin);
            }
        }
        Ok(catalog)
    }

    /// Adds every `*.toml` file in `dir`, in name order.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), SourceError> {
        let mut problems = Problems::new(1);
        self.check_dir(dir, &mut problems);
        problems.first()
    }

    /// Adds every sound idea of every `*.toml` file in `dir`, in name order,
    /// noting every problem on the way.
    pub fn check_dir(&mut self, dir: &Path, problems: &mut Problems) {
        if dir.is_file() {
            problems.push(SourceError::whole(
                dir,
                "is a file; --ideas takes a folder of `*.toml` idea files",
            ));
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.incomplete = true;
                let why = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such folder".to_string()
                } else {
                    e.to_string()
                };
                problems.push(SourceError::whole(
                    dir,
                    format!("cannot read the ideas folder: {why}"),
                ));
                return;
            }
        };
        // Every `*.toml` entry but a folder, so that a broken link is
        // reported rather than passed over. A pipe or a device is refused
        // before it is opened: it may never answer, or never end.
        let mut files: Vec<PathBuf> = Vec::new();
        // Whether a `*.toml` entry was refused, already reported.
        let mut refused = false;
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    if path.extension().is_none_or(|x| x != "toml") {
                        continue;
                    }
                    match std::fs::metadata(&path) {
                        Ok(meta) if meta.is_dir() => {}
                        Ok(meta) if !meta.is_file() => {
                            self.incomplete = true;
                            refused = true;
                            problems.push(SourceError::whole(
                                &path,
                                format!(
                                    "is {}, not a file; an ideas folder holds `*.toml` idea files",
                                    special_file(&meta)
                                ),
                            ));
                        }
                        _ => files.push(path),
                    }
                }
                Err(e) => {
                    self.incomplete = true;
                    problems.push(SourceError::whole(
                        dir,
                        format!("cannot read the ideas folder: {e}"),
                    ));
                }
            }
        }
        files.sort();
        if files.is_empty() && !refused {
            problems.push(SourceError::whole(dir, "holds no `*.toml` idea files"));
        }
        let first_of_dir = self.ideas.len();
        for file in files {
            if self.add_sound_file(&file, first_of_dir) {
                continue;
            }
            match source::read(&file) {
                Ok(text) => self.add_file(&file, &text, first_of_dir, problems),
                Err(problem) => {
                    self.incomplete = true;
                    problems.push(problem);
                }
            }
        }
    }

    /// Adds the ideas of a catalog file as it reads it, a window at a time,
    /// so that a large file is never held whole. False, with nothing added,
    /// when anything in it is out of the ordinary: the file is then read
    /// the thorough way, which says what.
    fn add_sound_file(&mut self, path: &Path, first_of_source: usize) -> bool {
        let origin: Arc<Path> = Arc::from(path);
        let (added, replaced) = (self.ideas.len(), self.replaced.len());
        let mut undo = Vec::new();
        let read = array_of_tables::read_file(
            path,
            "idea",
            source::MAX_BYTES,
            &read_thoroughly(path),
            |parts| {
                for (_, idea) in parts.into_iter().flatten() {
                    if self.problem(&idea, first_of_source).is_some() {
                        return false;
                    }
                    undo.extend(self.insert(idea, &origin));
                }
                true
            },
        );
        if !read {
            for (at, idea, origin) in undo.into_iter().rev() {
                self.ideas[at] = idea;
                self.origins[at] = origin;
            }
            for idea in self.ideas.drain(added..) {
                self.index.remove(&idea.id);
            }
            self.origins.truncate(added);
            self.replaced.truncate(replaced);
        }
        read
    }

    /// Adds the `[[idea]]` tables of a catalog file's text, as one source.
    pub fn add_text(&mut self, path: &Path, text: &str) -> Result<(), SourceError> {
        let first_new = self.ideas.len();
        let mut problems = Problems::new(1);
        self.add_file(path, text, first_new, &mut problems);
        problems.first()
    }

    /// Adds the sound `[[idea]]` tables of one catalog file, part of a source
    /// whose ideas start at `first_new`, noting every problem.
    fn add_file(&mut self, path: &Path, text: &str, first_new: usize, problems: &mut Problems) {
        let limit = problems.limit();
        let read = if text.len() > READ_IN_PARTS_ABOVE {
            array_of_tables::read_parts(text, "idea", &read_thoroughly(path))
        } else {
            array_of_tables::read(text, "idea").map(|ideas| vec![ideas])
        };
        if let Some(parts) = read {
            let found = self.add_all(parts.into_iter().flatten(), path, text, first_new, limit);
            problems.append(found);
            return;
        }
        // The thorough way, a part at a time, split before `[[idea]]`
        // headers: reading a part takes memory many times its size, which
        // the whole of a large file would.
        let mut bounds = vec![0];
        for at in source::headers(text, "idea") {
            if at - bounds[bounds.len() - 1] >= THOROUGH_PART {
                bounds.push(at);
            }
        }
        bounds.push(text.len());
        let mut found = Problems::new(limit);
        let mut locator = source::Locator::new(text);
        let mut ideas: Vec<Read> = Vec::new();
        for part in bounds.windows(2) {
            let parsed =
                source::parse_all_in::<IdeaFile>(path, &mut locator, part[0]..part[1], limit);
            if !parsed.problems.is_empty() {
                self.faulty_ids
                    .extend(declared_ids(&text[part[0]..part[1]]));
            }
            found.append(parsed.problems);
            if let Some(file) = parsed.value {
                ideas.extend(file.idea.into_iter().map(|idea| {
                    let (span, idea) = unspan(idea);
                    (span.start + part[0]..span.end + part[0], idea)
                }));
            }
        }
        found.merge(self.add_all(ideas, path, text, first_new, limit));
        problems.append(found);
    }

    /// Adds ideas read from `text` (a catalog file's, or a config's
    /// `[[idea]]` tables) as one source, noting every problem.
    pub fn add_spanned(
        &mut self,
        ideas: &[Spanned<Idea>],
        path: &Path,
        text: &str,
        problems: &mut Problems,
    ) {
        let ideas = ideas
            .iter()
            .map(|idea| (idea.span(), idea.get_ref().clone()));
        let found = self.add_all(ideas, path, text, self.ideas.len(), problems.limit());
        problems.merge(found);
    }

    /// Adds the sound ones of `ideas` (read from `text`) as one source;
    /// the problems with the others, the first `limit` in full.
    fn add_all(
        &mut self,
        ideas: impl IntoIterator<Item = Read>,
        path: &Path,
        text: &str,
        first_new: usize,
        limit: usize,
    ) -> Problems {
        let origin: Arc<Path> = Arc::from(path);
        let mut found = Vec::new();
        for (span, idea) in ideas {
            if let Some(message) = self.problem(&idea, first_new) {
                self.faulty_ids.push(idea.id.to_string());
                found.push((span, message));
                continue;
            }
            self.insert(idea, &origin);
        }
        Problems::at_places(path, text, found, limit, |message| message)
    }

    /// What keeps an idea out of a source whose ideas start at
    /// `first_of_source`: a problem of its own, or an id the source gave
    /// already. An id from an earlier source is no problem: the idea
    /// replaces that one.
    fn problem(&self, idea: &Idea, first_of_source: usize) -> Option<String> {
        if let Err(message) = idea.check() {
            return Some(message);
        }
        match self.index.get(&idea.id) {
            Some(&at) if at >= first_of_source => Some(format!(
                "duplicate idea id `{}`: {} already defines it",
                idea.id,
                self.origins[at].display()
            )),
            _ => None,
        }
    }

    /// Adds a sound idea; one with an id seen in an earlier source replaces
    /// it, and is given back with its place and origin.
    fn insert(&mut self, idea: Idea, origin: &Arc<Path>) -> Option<(usize, Idea, Arc<Path>)> {
        match self.index.entry(idea.id.clone()) {
            Entry::Occupied(entry) => {
                let at = *entry.get();
                let from = std::mem::replace(&mut self.origins[at], Arc::clone(origin));
                self.replaced.push(Replaced {
                    id: idea.id.clone(),
                    by: origin.to_path_buf(),
                    from: from.to_path_buf(),
                });
                Some((at, std::mem::replace(&mut self.ideas[at], idea), from))
            }
            Entry::Vacant(entry) => {
                entry.insert(self.ideas.len());
                self.ideas.push(idea);
                self.origins.push(Arc::clone(origin));
                None
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Idea> {
        self.index.get(id).map(|&at| &self.ideas[at])
    }

    /// How many ideas come from the bundled catalog, and how many from
    /// house idea files and the config.
    pub fn counts(&self) -> (usize, usize) {
        let bundled = self.origins.iter().filter(|o| is_bundled(o)).count();
        (bundled, self.ideas.len() - bundled)
    }

    /// Notes on stderr each idea that a later source replaced.
    pub fn say_what_was_replaced(&self) {
        for replaced in &self.replaced {
            if replaced.bundled() {
                eprintln!(
                    "note: idea `{}` from {} replaces the bundled one",
                    replaced.id,
                    replaced.by.display()
                );
            } else {
                eprintln!(
                    "note: idea `{}` from {} replaces the one from {}",
                    replaced.id,
                    replaced.by.display(),
                    replaced.from.display()
                );
            }
        }
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.ideas.iter().map(|i| i.id.as_str())
    }
}

/// What a file that is not a regular file or a folder is, in a few words.
fn special_file(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "a special file"
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::Path;

    use super::{Catalog, IdeaFile, unspan};
    use crate::catalog::{BUNDLED, Idea};
    use crate::{array_of_tables, source};

    #[test]
    fn the_fast_way_reads_changed_catalogs_as_the_thorough_way_does() {
        // Random small changes to the bundled files: whatever the fast way
        // reads, the thorough way reads alike, without a problem.
        let pieces = [
            " ",
            "\n",
            "\r\n",
            "\t",
            "\"",
            "'",
            "\\",
            "#",
            "[",
            "]",
            "{",
            "}",
            ",",
            "=",
            ".",
            "1",
            "-",
            "é",
            "\u{85}",
            "\u{1}",
            "\u{7f}",
            "\"\"\"",
            "'''",
            ":",
            "x",
            "inf",
            "true",
            "\\u00e9",
            "\\\"",
            "mon",
            "team",
            "hybrid",
            "id",
            "cost",
            "prep",
            "time",
            "[[idea]]\n",
            "days_before",
            "fixed",
            "12.50",
            "1.234",
            "-5",
        ];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut pick = |below: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            usize::try_from(x % u64::try_from(below).unwrap()).unwrap()
        };
        let mut read = 0;
        for round in 0..2000 {
            let mut text = BUNDLED[round % BUNDLED.len()].1.to_string();
            for _ in 0..=pick(3) {
                let mut at = pick(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + pick(6)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, pieces[pick(pieces.len())]);
            }
            let Some(fast) = array_of_tables::read::<Idea>(&text, "idea") else {
                continue;
            };
            read += 1;
            let parsed = source::parse_all::<IdeaFile>(Path::new("x.toml"), &text, 1);
            assert_eq!(parsed.problems.shown(), [], "{text}");
            let thorough: Vec<_> = parsed.value.unwrap().idea.into_iter().map(unspan).collect();
            assert_eq!(fast, thorough, "{text}");
        }
        assert!(read > 200, "the fast way read only {read}");
    }

    #[test]
    fn a_file_with_a_problem_found_late_adds_its_sound_ideas_once() {
        // Read a window at a time, the file replaces a bundled idea and adds
        // thousands before its last idea repeats an id: all of that is taken
        // back, and the file read the thorough way instead.
        let mut text = String::from(
            "[[idea]]\nid = \"catered-lunch\"\ntitle = \"House lunch\"\ncategory = \"food\"\nduration_minutes = 60\n\n",
        );
        for n in 0..60_000 {
            let _ = write!(
                text,
                "[[idea]]\nid = \"big-{n}\"\ntitle = \"Big idea {n}\"\ncategory = \"fun\"\nduration_minutes = 30\n\n"
            );
        }
        text.push_str("[[idea]]\nid = \"big-7\"\ntitle = \"Again\"\ncategory = \"fun\"\nduration_minutes = 30\n");
        assert!(text.len() > 4 << 20);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("house.toml"), &text).unwrap();
        let mut catalog = Catalog::bundled().unwrap();
        let bundled = catalog.ideas.len();
        let error = catalog.add_dir(dir.path()).unwrap_err();
        assert!(
            error.message.starts_with("duplicate idea id `big-7`"),
            "{error}"
        );
        assert_eq!(catalog.ideas.len(), bundled + 60_000);
        assert_eq!(catalog.replaced.len(), 1);
        assert_eq!(
            catalog.get("catered-lunch").unwrap().title.as_str(),
            "House lunch"
        );
        assert_eq!(catalog.get("big-7").unwrap().title.as_str(), "Big idea 7");
        assert_eq!(catalog.faulty_ids, ["big-7"]);
    }
}
