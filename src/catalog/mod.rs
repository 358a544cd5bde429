//! The idea catalog: the bundled `ideas/*.toml`, a company's own folders of
//! ideas (`--ideas DIR`) and the config's `[[idea]]` tables, merged by id.

use std::fmt;
use std::sync::Arc;

use chrono::Weekday;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::bounded::Bounded;
use crate::money::Money;

/// The bundled catalog's files, one per category. The binary holds them as
/// code (`bundled_ideas.rs`, generated from these); their text is kept for
/// the tests that check and regenerate it.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "ideas/community.toml",
        include_str!("../../ideas/community.toml"),
    ),
    (
        "ideas/customers.toml",
        include_str!("../../ideas/customers.toml"),
    ),
    ("ideas/food.toml", include_str!("../../ideas/food.toml")),
    ("ideas/fun.toml", include_str!("../../ideas/fun.toml")),
    (
        "ideas/kickoff.toml",
        include_str!("../../ideas/kickoff.toml"),
    ),
    (
        "ideas/leadership.toml",
        include_str!("../../ideas/leadership.toml"),
    ),
    (
        "ideas/learning.toml",
        include_str!("../../ideas/learning.toml"),
    ),
    (
        "ideas/recognition.toml",
        include_str!("../../ideas/recognition.toml"),
    ),
    (
        "ideas/reflection.toml",
        include_str!("../../ideas/reflection.toml"),
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

/// What an idea costs: once, plus for each person celebrated and for each
/// session booked.
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
    /// Paid for each session the plan books (see the idea's `group_size`)
    #[serde(default, deserialize_with = "crate::money::per_person")]
    #[schemars(with = "crate::money::PerPerson")]
    pub per_session: Money,
}

impl Cost {
    /// What it costs for `team_size` people in one session.
    pub fn for_team(self, team_size: u32) -> Money {
        self.for_sessions(team_size, 1)
    }

    /// What it costs for `team_size` people in `sessions` sessions.
    pub fn for_sessions(self, team_size: u32, sessions: u32) -> Money {
        self.fixed + self.per_session.times(sessions) + self.per_person.times(team_size)
    }
}

/// The most people one session of an idea takes.
pub type GroupSize = Bounded<1, 10_000>;

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
    /// What it costs: `fixed` once, plus `per_person` for each person
    /// celebrated and `per_session` for each session the plan books
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
    /// The most people one session takes (an escape room about 8, a coffee
    /// with one agent 1); by default, everyone at once. The plan books as
    /// many sessions as a group's head count needs.
    #[serde(default)]
    pub group_size: Option<GroupSize>,
    /// Nobody needs to attend at a set time (an announcement, decorations,
    /// gift cards): with shifts, a day-long item shared by every shift.
    #[serde(default)]
    pub all_day: bool,
    /// A live moment for everyone at once (an awards ceremony): with
    /// shifts, held at a handover where two shifts overlap, or else once
    /// for each shift.
    #[serde(default)]
    pub together: bool,
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
        let mut s = serializer.serialize_struct("Idea", 14)?;
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
        s.serialize_field("group_size", &self.group_size)?;
        s.serialize_field("all_day", &self.all_day)?;
        s.serialize_field("together", &self.together)?;
        s.end()
    }
}

#[path = "../bundled_ideas.rs"]
#[rustfmt::skip]
mod bundled_ideas;
mod load;

pub use load::{Catalog, Replaced, declared_ids};
