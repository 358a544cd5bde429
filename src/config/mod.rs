//! The config file, `csweek.toml`: its keys, their defaults and their checks.
//!
//! Checks that need only the value happen while the TOML is read, so every
//! error carries a line and column. Checks that need the catalog (ids named
//! in `exclude` and `[[pin]]`) happen in [`Config::check_against`].

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, de};
use toml::Spanned;

use crate::bounded::Bounded;
use crate::catalog::{Catalog, Day, Idea, IdeaId, Mode, Text};
use crate::currency;
use crate::money::Money;
use crate::source::{self, Problems, SourceError};
use crate::suggest;
use crate::themes::{self, DayTheme};
use crate::week::{FIRST_YEAR, LAST_YEAR, Span};
use crate::zone::Zone;
use crate::zone_hint;

mod hours;
mod read;
mod shift;

pub use hours::Hours;
pub use shift::{Shift, ShiftSpec};

use read::{parts, plain_exclude, read_in_parts};

/// The config used when there is no `csweek.toml`; also what `csweek init` writes.
pub const DEFAULT: &str = include_str!("../../examples/starter.toml");
/// The name under which the embedded default config is reported.
pub const DEFAULT_NAME: &str = "<default config>";

pub type Year = Bounded<{ FIRST_YEAR as i64 }, { LAST_YEAR as i64 }>;
pub const MAX_TEAM: i64 = 100_000;
pub type TeamSize = Bounded<1, MAX_TEAM>;
pub type PerDay = Bounded<1, 6>;

/// A parsed config, with the text it came from for pointing at mistakes.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    text: String,
    pub keys: Keys,
    /// Keys set aside for a problem while reading (only by [`Config::check`]).
    faulty: Vec<String>,
    /// The ids of the `[[idea]]` tables near a problem, when the text was
    /// read in parts; None when it was read whole.
    declared: Option<Vec<String>>,
}

/// The keys of `csweek.toml`. These names are a contract with users' files.
/// The doc comments are the descriptions `csweek schema` gives editors.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "csweek.toml",
    description = "A Customer Service Week plan's config, read by `csweek plan`, `check` and `remind`"
)]
pub struct Keys {
    /// Who is celebrating (required)
    pub company: Text,
    /// The week's headline; by default one of the bundled themes, chosen by year
    pub theme: Option<Text>,
    /// Which year's week to plan; by default the next week that has not ended
    pub year: Option<Year>,
    /// The total to spend, in `currency`; 0 plans free ideas only
    #[serde(default)]
    pub budget: Money,
    /// A three-letter currency code; idea costs are read in it
    #[serde(default)]
    pub currency: Currency,
    /// People celebrated; per-person costs are multiplied by it. With
    /// `[[shift]]` tables, each shift gives its own instead
    #[schemars(with = "TeamSize", default = "ten")]
    pub team_size: Option<Spanned<TeamSize>>,
    /// How the team works: only ideas that work that way are planned
    #[serde(default)]
    pub mode: Mode,
    /// Plan ideas that involve key customers
    #[serde(default = "yes")]
    pub include_customers: bool,
    /// Monday to Friday, or Monday to Sunday
    #[serde(default)]
    pub days: Span,
    /// The working day that activities are placed in, such as "09:00-17:00".
    /// With `[[shift]]` tables, each shift gives its own instead
    #[schemars(with = "Hours", default = "Hours::default")]
    pub hours: Option<Spanned<Hours>>,
    /// An IANA time zone, such as "America/Chicago": the zone the plan's times are in
    #[schemars(with = "Option<Timezone>")]
    pub timezone: Option<Spanned<Timezone>>,
    /// How many activities a day
    #[serde(default = "two")]
    pub activities_per_day: PerDay,
    /// The share of the team that stays on the queue at every moment, 0 to 1
    #[serde(default)]
    pub coverage: Coverage,
    /// A preset (`icsa`, `educate`, `playful`) or one name for each day of the week
    #[serde(default)]
    #[schemars(with = "Option<DayThemes>")]
    pub day_themes: Option<Spanned<DayThemes>>,
    /// Idea ids never to plan
    #[serde(default)]
    #[schemars(with = "Vec<IdeaId>")]
    pub exclude: Vec<Spanned<String>>,
    /// Force an idea onto a day
    #[serde(default)]
    pub pin: Vec<Pin>,
    /// Shifts that each get their own activities in their own hours; without
    /// them, `hours` and `team_size` make one shift
    #[serde(default)]
    #[schemars(with = "Vec<Shift>", length(max = 6))]
    pub shift: Vec<Spanned<Shift>>,
    /// Ideas of your own, in the catalog's format
    #[serde(default)]
    #[schemars(with = "Vec<Idea>")]
    pub idea: Vec<Spanned<Idea>>,
}

fn ten() -> TeamSize {
    TeamSize::new(10)
}

fn two() -> PerDay {
    PerDay::new(2)
}

fn yes() -> bool {
    true
}

/// `[[pin]]`: an idea forced onto a day.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// The day, `mon`…`sun`
    #[schemars(with = "Day")]
    pub day: Spanned<Day>,
    /// The idea's id
    #[schemars(with = "IdeaId")]
    pub idea: Spanned<String>,
    /// The `[[shift]]` it is for; by default every shift that works that day
    #[schemars(with = "Option<String>")]
    pub shift: Option<Spanned<String>>,
}

/// An ISO 4217 currency code; amounts are in its units, two decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency(String);

impl Default for Currency {
    fn default() -> Currency {
        Currency("USD".to_string())
    }
}

impl Currency {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fixed_schema!(Currency, "Currency", {
    "description": "A three-letter ISO 4217 code, such as \"USD\" or \"EUR\"",
    "type": "string",
    "enum": currency::codes(),
    "default": "USD"
});

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Currency, D::Error> {
        let code = String::deserialize(deserializer)?;
        if currency::is_code(&code) {
            return Ok(Currency(code));
        }
        let upper = code.to_ascii_uppercase();
        let near = if currency::is_code(&upper) {
            Some(upper.as_str())
        } else if upper.len() <= 4 {
            suggest::closest(&upper, currency::codes().iter().copied())
        } else {
            None
        };
        let hint = near
            .map(|c| format!("; did you mean \"{c}\"?"))
            .unwrap_or_default();
        Err(de::Error::custom(format!(
            "expected an ISO 4217 currency code such as \"USD\" or \"EUR\", found \"{code}\"{hint}"
        )))
    }
}

/// An IANA time zone, such as `"America/Chicago"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timezone(pub Zone);

fixed_schema!(Timezone, "Timezone", {
    "description": "An IANA time zone, such as \"America/Chicago\"",
    "type": "string",
    "enum": Zone::names()
});

impl<'de> Deserialize<'de> for Timezone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timezone, D::Error> {
        let name = String::deserialize(deserializer)?;
        Zone::named(&name).map(Timezone).ok_or_else(|| {
            let names = Zone::names();
            // A name in the wrong case is the name.
            let same = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(name.trim()))
                .map(|n| format!("; did you mean `{n}`?"));
            let hint = same
                .or_else(|| zone_hint::for_unknown(&name))
                .or_else(|| {
                    suggest::closest(&name, names.iter().copied())
                        .map(|h| format!("; did you mean `{h}`?"))
                })
                .unwrap_or_default();
            de::Error::custom(format!(
                "expected an IANA time zone such as \"America/Chicago\" or \"Europe/Berlin\", found \"{name}\"{hint}"
            ))
        })
    }
}

/// The share of the team that stays on the queue at every moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage(f64);

impl Default for Coverage {
    fn default() -> Coverage {
        Coverage(0.5)
    }
}

impl Coverage {
    pub fn share(self) -> f64 {
        self.0
    }

    /// How many of `team` may leave the queue at once.
    pub fn may_leave(self, team: u32) -> u32 {
        let on_duty = (self.0 * f64::from(team)).ceil();
        // `on_duty` is between 0 and `team`, so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let on_duty = on_duty as u32;
        team.saturating_sub(on_duty)
    }
}

fixed_schema!(Coverage, "Coverage", {
    "type": "number",
    "minimum": 0,
    "maximum": 1,
    "default": 0.5
});

impl<'de> Deserialize<'de> for Coverage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Coverage, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Coverage;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a share from 0 to 1, such as 0.5")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Coverage, E> {
                if (0.0..=1.0).contains(&v) {
                    Ok(Coverage(v))
                } else {
                    Err(E::custom(format!(
                        "expected a share from 0 to 1, such as 0.5, found {v}"
                    )))
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Coverage, E> {
                match v {
                    0 => Ok(Coverage(0.0)),
                    1 => Ok(Coverage(1.0)),
                    _ => Err(E::custom(format!(
                        "expected a share from 0 to 1, such as 0.5, found {v}"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `day_themes`: a bundled preset's name, or the company's own names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayThemes {
    Preset(&'static themes::Preset),
    Names(Vec<String>),
}

impl JsonSchema for DayThemes {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DayThemes".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let presets: Vec<&str> = themes::PRESETS.iter().map(|p| p.name).collect();
        let name = generator.subschema_for::<Text>();
        json_schema!({
            "anyOf": [
                { "description": "A bundled preset", "type": "string", "enum": presets },
                {
                    "description": "One name for each day: 5 for mon-fri, 7 for mon-sun",
                    "type": "array",
                    "items": name,
                    "minItems": 5,
                    "maxItems": 7
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for DayThemes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DayThemes, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = DayThemes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a preset name or a list of day names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DayThemes, E> {
                if let Some(preset) = themes::preset(v) {
                    return Ok(DayThemes::Preset(preset));
                }
                let names = themes::PRESETS.iter().map(|p| p.name);
                let hint = suggest::closest(v, names)
                    .map(|h| format!("; did you mean `{h}`?"))
                    .unwrap_or_default();
                Err(E::custom(format!(
                    "unknown day theme preset `{v}`, expected `icsa`, `educate`, `playful` or a list of names{hint}"
                )))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<DayThemes, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<Text>()? {
                    names.push(name.as_str().to_string());
                }
                Ok(DayThemes::Names(names))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Config {
    /// Reads and parses the config at `path`.
    pub fn load(path: &Path) -> Result<Config, SourceError> {
        let text = source::read(path)?;
        Config::parse(path, text)
    }

    /// The embedded default config.
    pub fn default_config() -> Config {
        Config::parse(Path::new(DEFAULT_NAME), DEFAULT.to_string())
            .expect("the embedded default config is valid (tested)")
    }

    /// Parses `text` (read from `path`), failing with the first problem.
    pub fn parse(path: &Path, text: String) -> Result<Config, SourceError> {
        let (config, problems) = Config::check(path, text, 1);
        problems.first()?;
        config.ok_or_else(|| SourceError::whole(path, "cannot be read as a config"))
    }

    /// Parses `text` (read from `path`), finding every problem rather than
    /// the first. The config, when there is one, is what is left once the
    /// faulty keys are set aside; checks across keys run only when every
    /// key is sound. The first `limit` problems are kept in full.
    pub fn check(path: &Path, text: String, limit: usize) -> (Option<Config>, Problems) {
        // A long `exclude` list of plain ids is read here, not into a
        // document tree: the rest is read with the list's items blanked.
        let plain = plain_exclude(&text);
        let read = plain.as_ref().map_or(text.as_str(), |(blanked, _)| blanked);
        let (mut parsed, declared) = if let Some(bounds) = parts(read) {
            read_in_parts(path, read, &bounds, limit)
        } else {
            let parsed = source::parse_all::<Keys>(path, read, limit);
            // Read without a problem, every idea is among those read.
            let sound = parsed.problems.is_empty() && parsed.faulty.is_empty();
            (parsed, sound.then(Vec::new))
        };
        if let (Some(keys), Some((_, exclude))) = (&mut parsed.value, plain) {
            keys.exclude = exclude;
        }
        let mut problems = parsed.problems;
        let config = parsed.value.map(|keys| Config {
            path: path.to_path_buf(),
            text,
            keys,
            faulty: parsed.faulty,
            declared,
        });
        if let Some(config) = &config {
            // Each check across keys needs the keys it reads to be sound.
            let mut across = Problems::new(limit);
            if !config.is_faulty("days")
                && !config.is_faulty("day_themes")
                && let Some(problem) = config.check_day_themes()
            {
                across.push(problem);
            }
            if !config.is_faulty("days") {
                across.merge(config.check_pins_fit_days(limit));
            }
            if !config.is_faulty("days") && !config.is_faulty("shift") && !config.is_faulty("pin") {
                across.merge(config.check_shifts(limit));
            }
            problems.merge(across);
        }
        (config, problems)
    }

    /// What is sound but likely not what was meant, for a `warning:` each.
    pub fn warnings(&self) -> Vec<SourceError> {
        let timezone = self.keys.timezone.as_ref().and_then(|zone| {
            let warning = zone_hint::warning(zone.get_ref().0.name())?;
            Some(self.error_at(zone.span(), format!("`timezone`: {warning}")))
        });
        timezone.into_iter().collect()
    }

    fn error_at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> SourceError {
        SourceError::at(&self.path, &self.text, span, message)
    }

    fn check_day_themes(&self) -> Option<SourceError> {
        let themes = self.keys.day_themes.as_ref()?;
        if let DayThemes::Names(names) = themes.get_ref() {
            let want = self.keys.days.days() as usize;
            if names.len() != want {
                return Some(self.error_at(
                    themes.span(),
                    format!(
                        "`day_themes` lists {}, but `days = \"{}\"` has {want} days",
                        crate::plural::count(names.len(), "name", "names"),
                        self.days_text()
                    ),
                ));
            }
        }
        None
    }

    fn days_text(&self) -> &'static str {
        match self.keys.days {
            Span::MonFri => "mon-fri",
            Span::MonSun => "mon-sun",
        }
    }

    fn check_pins_fit_days(&self, limit: usize) -> Problems {
        let outside: Vec<_> = self
            .keys
            .pin
            .iter()
            .filter(|pin| pin.day.get_ref().0.num_days_from_monday() >= self.keys.days.days())
            .map(|pin| (pin.day.span(), pin.day.get_ref().short()))
            .collect();
        Problems::at_places(&self.path, &self.text, outside, limit, |day| {
            format!(
                "`day = \"{day}\"` is outside the week: `days = \"{}\"` runs Monday to {}",
                self.days_text(),
                if self.keys.days == Span::MonFri {
                    "Friday"
                } else {
                    "Sunday"
                }
            )
        })
    }

    /// The theme of each day of the week, Monday first.
    pub fn day_themes(&self) -> Vec<DayTheme> {
        let days = self.keys.days.days() as usize;
        match self.keys.day_themes.as_ref().map(Spanned::get_ref) {
            None => themes::PRESETS[0].themes(days),
            Some(DayThemes::Preset(preset)) => preset.themes(days),
            Some(DayThemes::Names(names)) => names.iter().map(|n| themes::custom(n)).collect(),
        }
    }

    /// Whether `key` had a problem and was set aside while reading.
    pub fn is_faulty(&self, key: &str) -> bool {
        self.faulty.iter().any(|k| k == key)
    }

    /// Adds the config's own `[[idea]]` tables to `catalog`, noting every problem.
    pub fn add_ideas_to(&self, catalog: &mut Catalog, problems: &mut Problems) {
        catalog.add_spanned(&self.keys.idea, &self.path, &self.text, problems);
    }

    /// Checks that every id in `exclude` and `[[pin]]` names an idea of
    /// `catalog`, and that pins don't contradict each other or the excludes.
    pub fn check_against(&self, catalog: &Catalog) -> Result<(), SourceError> {
        self.problems_with(catalog, &[], 1).first()
    }

    /// The ids the config's own `[[idea]]` tables give, sound or not (of
    /// those read as sound, only the ones the catalog has).
    pub fn declared_ids(&self) -> Vec<String> {
        match &self.declared {
            Some(declared) => declared.clone(),
            None => crate::catalog::declared_ids(&self.text),
        }
    }

    /// Every id in `exclude` and `[[pin]]` that isn't in `catalog` (nor in
    /// `declared`, ideas that have problems of their own), and every pin
    /// that contradicts another or the excludes: the first `limit` in full.
    pub fn problems_with(&self, catalog: &Catalog, declared: &[String], limit: usize) -> Problems {
        enum Why {
            Unknown(&'static str),
            Excluded,
            Twice(Option<usize>),
            Shared,
        }
        let declared: HashSet<&str> = declared.iter().map(String::as_str).collect();
        let known = |id: &str| catalog.get(id).is_some() || declared.contains(id);
        // Only pins are checked against the excludes.
        let excluded: HashSet<&str> = if self.keys.pin.is_empty() {
            HashSet::new()
        } else {
            self.keys
                .exclude
                .iter()
                .map(|x| x.get_ref().as_str())
                .collect()
        };
        let unknown = self
            .keys
            .exclude
            .iter()
            .filter(|id| !known(id.get_ref()))
            .map(|id| {
                (
                    id.span(),
                    (id.get_ref().as_str(), Why::Unknown("`exclude`")),
                )
            });
        let shifts = &self.keys.shift;
        let all_day = |id: &str| catalog.get(id).is_some_and(|idea| idea.all_day);
        let mut pinned: HashSet<(&str, Option<usize>)> = HashSet::new();
        let pins = self.keys.pin.iter().filter_map(|pin| {
            let id = pin.idea.get_ref().as_str();
            let mut again = None;
            for shift in self.pinned_for(pin, all_day(id)) {
                if !pinned.insert((id, shift)) {
                    again = again.or(Some(shift));
                }
            }
            let (span, why) = if !known(id) {
                (pin.idea.span(), Why::Unknown("`[[pin]]`"))
            } else if excluded.contains(id) {
                (pin.idea.span(), Why::Excluded)
            } else if let Some(shift) = pin
                .shift
                .as_ref()
                .filter(|_| !shifts.is_empty() && all_day(id))
            {
                (shift.span(), Why::Shared)
            } else if let Some(shift) = again {
                (pin.idea.span(), Why::Twice(shift))
            } else {
                return None;
            };
            Some((span, (id, why)))
        });
        Problems::at_places(
            &self.path,
            &self.text,
            unknown.chain(pins),
            limit,
            |(id, why)| match why {
                Why::Unknown(key) => {
                    let hint = suggest::closest(id, catalog.ids()).map_or_else(
                        || "; `csweek ideas` lists them".to_string(),
                        |h| format!("; did you mean `{h}`?"),
                    );
                    format!("{key} names unknown idea `{id}`{hint}")
                }
                Why::Excluded => format!("`{id}` is both pinned and excluded; remove one"),
                Why::Twice(None) => {
                    format!("`{id}` is pinned twice; an idea runs at most once a week")
                }
                Why::Twice(Some(shift)) => format!(
                    "`{id}` is pinned twice for the shift \"{}\"; an idea runs at most once a \
                     week for each shift, so give each pin its own `shift`",
                    shifts[shift].get_ref().name.get_ref()
                ),
                Why::Shared => format!(
                    "`{id}` is a day-long item every shift shares (`all_day = true`), so it is \
                     for no one shift; remove `shift`"
                ),
            },
        )
    }

    /// The span of a pin's idea, for planner errors about that pin.
    pub fn pin_error(&self, pin: &Pin, message: impl Into<String>) -> SourceError {
        self.error_at(pin.idea.span(), message)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::{Config, Keys, plain_exclude};
    use crate::catalog::Catalog;

    /// A plain `exclude` list read straight from the text gives the ids and
    /// spans TOML gives, and anything else is left to TOML.
    #[test]
    fn a_plain_exclude_list_reads_as_toml_reads_it() {
        let plain = [
            "exclude = [\"raffle\", 'potluck']\n",
            "exclude = [ # the ones we did\n  \"raffle\",\n\n  \"potluck\", # fun\n]\nbudget = 10\n",
            "exclude=[\"a b\",\"c\"] # after\n",
            "exclude = []\n",
            "exclude = [\"raffle\",]\n",
        ];
        for tail in plain {
            let text = format!("company = \"Acme\"\n{tail}");
            let (blanked, ids) = plain_exclude(&text).unwrap_or_else(|| panic!("{tail}"));
            assert_eq!(blanked.len(), text.len());
            assert_eq!(blanked.lines().count(), text.lines().count());
            let toml = crate::source::parse_all::<Keys>(Path::new("c.toml"), &text, 10)
                .value
                .unwrap()
                .exclude;
            let spans = |ids: &[toml::Spanned<String>]| -> Vec<(String, std::ops::Range<usize>)> {
                ids.iter()
                    .map(|i| (i.get_ref().clone(), i.span()))
                    .collect()
            };
            assert_eq!(spans(&ids), spans(&toml), "{tail}");
        }
        let other = [
            "exclude = [\"ra\\u0066fle\"]\n",
            "exclude = [\"\"\"raffle\"\"\"]\n",
            "exclude = [\"café\"]\n",
            "exclude = [\"\"]\n",
            "exclude = [raffle]\n",
            "exclude = [\"a\" \"b\"]\n",
            "exclude = \"raffle\"\n",
            "[exclude]\n",
        ];
        for tail in other {
            let text = format!("company = \"Acme\"\n{tail}");
            assert!(plain_exclude(&text).is_none(), "{tail}");
        }
    }

    /// Lines that look like a config, with values of every kind in every key.
    fn config_text() -> impl Strategy<Value = String> {
        let keys = prop_oneof![
            Just("company"),
            Just("budget"),
            Just("team_size"),
            Just("mode"),
            Just("days"),
            Just("hours"),
            Just("coverage"),
            Just("activities_per_day"),
            Just("day_themes"),
            Just("exclude"),
            Just("year"),
            Just("timezone"),
            Just("include_customers"),
            Just("theme"),
            Just("currency"),
        ];
        let values = prop_oneof![
            Just("\"Acme\"".to_string()),
            any::<i64>().prop_map(|v| v.to_string()),
            (-10.0f64..10.0).prop_map(|v| v.to_string()),
            "\"[a-z:0-9 -]{0,12}\"".prop_map(|v| v),
            Just("[\"raffle\", \"x\"]".to_string()),
            Just("[\"a\", \"b\", \"c\", \"d\", \"e\"]".to_string()),
            Just("true".to_string()),
            Just("\"09:00-17:00\"".to_string()),
            Just("\"mon-sun\"".to_string()),
            Just("\"remote\"".to_string()),
        ];
        proptest::collection::vec((keys, values), 0..8).prop_map(|pairs| {
            let lines = pairs
                .into_iter()
                .filter(|(key, _)| *key != "company")
                .map(|(key, value)| format!("{key} = {value}\n"));
            std::iter::once("company = \"Acme\"\n".to_string())
                .chain(lines)
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Any text is an error or a config; never a panic.
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = Config::parse(Path::new("x.toml"), text);
        }

        /// Any config that parses plans or fails with an error; never a panic.
        #[test]
        fn configs_plan_or_fail_cleanly(text in config_text()) {
            if let Ok(config) = Config::parse(Path::new("x.toml"), text) {
                let catalog = Catalog::bundled().unwrap();
                if config.check_against(&catalog).is_ok() {
                    let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
                    let _ = crate::make_plan(&config, &catalog, today, None, Some(1), None);
                }
            }
        }
    }
}
