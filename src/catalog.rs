//! The idea catalog: the bundled `ideas/*.toml`, a company's own folders of
//! ideas (`--ideas DIR`) and the config's `[[idea]]` tables, merged by id.

use std::collections::hash_map::Entry;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Weekday;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use toml::Spanned;

use crate::array_of_tables;
use crate::bounded::Bounded;
use crate::money::Money;
use crate::source::{self, Problems, SourceError};

/// The bundled catalog's files, one per category. The binary holds them as
/// code (`bundled_ideas.rs`, generated from these); their text is kept for
/// the tests that check and regenerate it.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "ideas/community.toml",
        include_str!("../ideas/community.toml"),
    ),
    (
        "ideas/customers.toml",
        include_str!("../ideas/customers.toml"),
    ),
    ("ideas/food.toml", include_str!("../ideas/food.toml")),
    ("ideas/fun.toml", include_str!("../ideas/fun.toml")),
    ("ideas/kickoff.toml", include_str!("../ideas/kickoff.toml")),
    (
        "ideas/leadership.toml",
        include_str!("../ideas/leadership.toml"),
    ),
    (
        "ideas/learning.toml",
        include_str!("../ideas/learning.toml"),
    ),
    (
        "ideas/recognition.toml",
        include_str!("../ideas/recognition.toml"),
    ),
    (
        "ideas/reflection.toml",
        include_str!("../ideas/reflection.toml"),
    ),
];

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}

keyword_enum! {
    /// What kind of activity an idea is; the planner seeks variety across these.
    Category {
        Kickoff = "kickoff",
        Recognition = "recognition",
        Food = "food",
        Fun = "fun",
        Customers = "customers",
        Learning = "learning",
        Leadership = "leadership",
        Community = "community",
        Reflection = "reflection",
    }
}

keyword_enum! {
    /// How the team works, and so where an idea can happen.
    #[derive(Default)]
    Mode {
        #[default]
        Onsite = "onsite",
        Remote = "remote",
        Hybrid = "hybrid",
    }
}

keyword_enum! {
    /// When in the working day an idea sits best.
    TimeOfDay {
        Morning = "morning",
        Midday = "midday",
        Afternoon = "afternoon",
        EndOfDay = "end-of-day",
    }
}

keyword_enum! {
    /// Who an idea celebrates or involves.
    Audience {
        Team = "team",
        Customers = "customers",
        Leaders = "leaders",
        Families = "families",
        WholeCompany = "whole-company",
    }
}

/// A day of the week, written `mon`…`sun` (or in full, any case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Day(pub Weekday);

impl Day {
    pub const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    pub const FULL_NAMES: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];

    pub fn short(self) -> &'static str {
        Day::NAMES[self.0.num_days_from_monday() as usize]
    }

    fn parse(text: &str) -> Option<Day> {
        let lower = text.to_ascii_lowercase();
        let index = Day::NAMES
            .iter()
            .position(|n| *n == lower)
            .or_else(|| Day::FULL_NAMES.iter().position(|n| *n == lower))?;
        Some(Day(Weekday::try_from(u8::try_from(index).ok()?).ok()?))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.short())
    }
}

fixed_schema!(Day, "Day", {
    "description": "A day of the week: `mon`…`sun`, or its full name, in any case",
    "anyOf": [
        { "enum": Day::NAMES },
        { "type": "string", "pattern": any_case_pattern() }
    ]
});

/// A regular expression (ECMA 262, as JSON Schema uses) for a day's short
/// or full name in any case.
fn any_case_pattern() -> String {
    let names: Vec<String> = Day::NAMES
        .iter()
        .chain(&Day::FULL_NAMES)
        .map(|name| {
            let mut any_case = String::new();
            for c in name.chars() {
                any_case.extend(['[', c, c.to_ascii_uppercase(), ']']);
            }
            any_case
        })
        .collect();
    format!("^({})$", names.join("|"))
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = String::deserialize(deserializer)?;
        Day::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "expected a day `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun`, found `{text}`"
            ))
        })
    }
}

/// Text without control characters other than line breaks and tabs: they
/// have no place in a calendar file or a web page, and would move a
/// terminal's cursor.
fn plain<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text = String::deserialize(deserializer)?;
    // Only these bytes start a control character in UTF-8 (0xC2 those from
    // U+0080 to U+009F); most text has none, and need not be decoded. A
    // chunk's bytes are all tested before any answer, which the compiler
    // does at once.
    let suspect = |b: u8| b < 0x20 || b == 0x7f || b == 0xc2;
    if !text
        .as_bytes()
        .chunks(16)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | suspect(b)))
    {
        return Ok(text);
    }
    match text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Some(c) => Err(de::Error::custom(format!(
            "expected text without control characters, found U+{:04X}",
            u32::from(c)
        ))),
        None => Ok(text),
    }
}

/// Free text that must say something (a title, a company name).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(s.to_string())
    }
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "\\S" })
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        let text = plain(deserializer)?;
        if text.trim().is_empty() {
            return Err(de::Error::custom(
                "expected some text, found an empty string",
            ));
        }
        Ok(Text(text))
    }
}

/// An idea's id: kebab-case, so configs can name it (`exclude`, `[[pin]]`).
/// Shared, not copied, by the catalog's index and the plans that name it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IdeaId(Arc<str>);

impl IdeaId {
    /// `text` as an id, if it is kebab-case (lowercase words and digits joined by `-`).
    pub fn parse(text: &str) -> Result<IdeaId, String> {
        let kebab = !text.is_empty()
            && text.len() <= 64
            && text.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if kebab {
            Ok(IdeaId(Arc::from(text)))
        } else {
            Err(format!(
                "expected a kebab-case id such as `bbq-with-the-ceo`, found `{text}`"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Lets the catalog's index be searched by `&str`; hashes as the text does.
impl std::borrow::Borrow<str> for IdeaId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IdeaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl Serialize for IdeaId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

fixed_schema!(IdeaId, "IdeaId", {
    "description": "A kebab-case id, such as `bbq-with-the-ceo`",
    "type": "string",
    "maxLength": 64,
    "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
});

impl<'de> Deserialize<'de> for IdeaId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<IdeaId, D::Error> {
        IdeaId::parse(&String::deserialize(deserializer)?).map_err(de::Error::custom)
    }
}

/// What an idea costs: once, plus for each person celebrated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// Paid once, whatever the team's size
    #[serde(default)]
    pub fixed: Money,
    /// Paid for each person celebrated
    #[serde(default, deserialize_with = "crate::money::per_person")]
    #[schemars(with = "crate::money::PerPerson")]
    pub per_person: Money,
}

impl Cost {
    pub fn for_team(self, team_size: u32) -> Money {
        self.fixed + self.per_person.times(team_size)
    }
}

/// Days ahead of the week, for lead times and prep steps.
pub type DaysAhead = Bounded<0, 365>;

/// One thing to do before the week.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prep {
    /// How many days before the week it is due
    pub days_before: DaysAhead,
    /// What to do
    pub task: Text,
}

/// One activity the planner can pick.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Idea {
    /// A kebab-case id, unique in the catalog; a house idea with a bundled id replaces it
    pub id: IdeaId,
    /// The name on the agenda
    pub title: Text,
    /// What happens, in a sentence or three
    #[serde(default, deserialize_with = "plain")]
    pub summary: String,
    /// What kind of activity it is; the planner seeks variety across these
    pub category: Category,
    /// Preferred days; empty means any day.
    #[serde(default)]
    pub days: Vec<Day>,
    /// What it costs: `fixed` once, plus `per_person` for each person celebrated
    #[serde(default)]
    pub cost: Cost,
    /// How long it runs, in minutes
    pub duration_minutes: Bounded<5, 480>,
    /// The kinds of team it works for
    #[serde(default = "all_modes", deserialize_with = "non_empty")]
    #[schemars(length(min = 1))]
    pub modes: Vec<Mode>,
    /// Who it celebrates or involves
    #[serde(default = "team_only", deserialize_with = "non_empty")]
    #[schemars(length(min = 1))]
    pub audience: Vec<Audience>,
    /// How many days of preparation it needs before the week; by default, as
    /// many as its earliest prep step
    #[serde(default)]
    pub lead_time_days: Option<DaysAhead>,
    /// The steps to prepare it, each due some days before the week
    #[serde(default)]
    pub prep: Vec<Prep>,
    /// Whether the people celebrated leave the queue while it runs.
    #[serde(default)]
    pub off_queue: bool,
    /// Where the idea comes from
    #[serde(default = "house_idea", deserialize_with = "plain")]
    pub source: String,
    /// When in the day it sits best; by default, from its category.
    #[serde(default)]
    pub time: Option<TimeOfDay>,
}

fn all_modes() -> Vec<Mode> {
    Mode::ALL.to_vec()
}

fn team_only() -> Vec<Audience> {
    vec![Audience::Team]
}

fn house_idea() -> String {
    "house idea".to_string()
}

fn non_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Vec::<T>::deserialize(deserializer)?;
    if items.is_empty() {
        return Err(de::Error::custom(
            "expected at least one value, found an empty list",
        ));
    }
    Ok(items)
}

impl Idea {
    pub fn suits(&self, mode: Mode) -> bool {
        self.modes.contains(&mode)
    }

    pub fn involves_customers(&self) -> bool {
        self.audience.contains(&Audience::Customers)
    }

    /// Where the idea goes in the day's running order: kick-offs first,
    /// meals mid-day, recognition late, after-work outings last.
    pub fn time_rank(&self) -> u8 {
        match self.time {
            Some(TimeOfDay::Morning) => 0,
            Some(TimeOfDay::Midday) => 3,
            Some(TimeOfDay::Afternoon) => 4,
            Some(TimeOfDay::EndOfDay) => 7,
            None => match self.category {
                Category::Kickoff => 0,
                Category::Learning | Category::Leadership => 1,
                Category::Customers => 2,
                Category::Food => 3,
                Category::Community | Category::Fun => 4,
                Category::Reflection => 5,
                Category::Recognition => 6,
            },
        }
    }

    /// When in the day it sits best: its `time`, or by category (kick-offs
    /// in the morning, meals at midday, the rest in the afternoon).
    pub fn time_of_day(&self) -> TimeOfDay {
        self.time.unwrap_or(match self.category {
            Category::Kickoff => TimeOfDay::Morning,
            Category::Food => TimeOfDay::Midday,
            _ => TimeOfDay::Afternoon,
        })
    }

    /// Whether it belongs around noon: meals, unless told otherwise.
    pub fn at_midday(&self) -> bool {
        match self.time {
            Some(time) => time == TimeOfDay::Midday,
            None => self.category == Category::Food,
        }
    }

    /// Whether it belongs at the very end of the working day.
    pub fn ends_the_day(&self) -> bool {
        self.time == Some(TimeOfDay::EndOfDay)
    }

    pub fn prefers(&self, day: Weekday) -> bool {
        self.days.iter().any(|d| d.0 == day)
    }

    /// Checks what serde can't: prep steps due before the idea's lead time ends.
    /// Days of preparation it needs: as given, else as its earliest prep step.
    pub fn lead_time(&self) -> DaysAhead {
        self.lead_time_days.unwrap_or_else(|| {
            self.prep
                .iter()
                .map(|p| p.days_before)
                .max()
                .unwrap_or(DaysAhead::new(0))
        })
    }

    fn check(&self) -> Result<(), String> {
        if let Some(lead) = self.lead_time_days
            && let Some(step) = self.prep.iter().find(|p| p.days_before > lead)
        {
            return Err(format!(
                "idea `{}`: `lead_time_days` is {} but the prep step \"{}\" is due {} before the week; raise `lead_time_days` to at least {}",
                self.id,
                lead,
                step.task,
                crate::plural::count(step.days_before.get(), "day", "days"),
                step.days_before
            ));
        }
        Ok(())
    }
}

/// The `ideas --json` shape: the catalog's fields a script needs.
impl Serialize for Idea {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Idea", 11)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("summary", &self.summary)?;
        s.serialize_field("category", &self.category)?;
        s.serialize_field("modes", &self.modes)?;
        s.serialize_field("audience", &self.audience)?;
        s.serialize_field("cost", &self.cost)?;
        s.serialize_field("duration_minutes", &self.duration_minutes)?;
        s.serialize_field("lead_time_days", &self.lead_time())?;
        s.serialize_field("days", &self.days)?;
        s.serialize_field("prep", &self.prep)?;
        s.end()
    }
}

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

#[path = "bundled_ideas.rs"]
#[rustfmt::skip]
mod bundled_ideas;

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

    use super::{BUNDLED, Catalog, Idea, IdeaFile, unspan};
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
