//! `hours`: a working day, `"09:00-17:00"`, as the top-level key and (able
//! to cross midnight) as each shift's reads it.

use std::fmt;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer, de};

/// The working day that activities are placed in, `"09:00-17:00"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Hours {
    /// How long they last; hours that cross midnight end the next day, and
    /// hours that end as they start last a whole day.
    pub fn minutes(self) -> u32 {
        let minutes = (self.end - self.start).num_minutes().rem_euclid(24 * 60);
        let minutes = if minutes == 0 { 24 * 60 } else { minutes };
        u32::try_from(minutes).unwrap_or(0)
    }

    /// Whether they end the day after they start.
    pub fn cross_midnight(self) -> bool {
        self.end <= self.start
    }

    /// `text` as `"HH:MM-HH:MM"`, or what was `expected` and what went wrong.
    pub(super) fn parse(text: &str, expected: &str) -> Result<Hours, String> {
        // csweek prints a range of times with an en dash, and a hand may copy it.
        let dash = text
            .chars()
            .find(|c| matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}'));
        let hint = dash.map_or_else(String::new, |d| {
            let name = match d {
                '\u{2013}' => "an en dash",
                '\u{2014}' => "an em dash",
                '\u{2212}' => "a minus sign",
                _ => "a dash",
            };
            format!("; write a hyphen (-) between the times, not {name} ({d})")
        });
        let fail = || format!("expected {expected}, found \"{text}\"{hint}");
        let (start, end) = text.split_once('-').ok_or_else(fail)?;
        let time = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| fail());
        Ok(Hours {
            start: time(start)?,
            end: time(end)?,
        })
    }
}

impl Default for Hours {
    fn default() -> Hours {
        Hours {
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
            end: NaiveTime::from_hms_opt(17, 0, 0).expect("valid time"),
        }
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

fixed_schema!(Hours, "Hours", {
    "description": "The working day, \"HH:MM-HH:MM\", at least an hour long",
    "type": "string",
    "pattern": "^\\s*([01]?[0-9]|2[0-3]):[0-5][0-9]\\s*-\\s*([01]?[0-9]|2[0-3]):[0-5][0-9]\\s*$",
    "default": "09:00-17:00"
});

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Hours, D::Error> {
        let text = String::deserialize(deserializer)?;
        let hours = Hours::parse(&text, "working hours such as \"09:00-17:00\"")
            .map_err(de::Error::custom)?;
        if hours.cross_midnight() {
            return Err(de::Error::custom(format!(
                "expected working hours that end on the day they start, found \"{text}\", which \
                 ends the next day; for hours through midnight, describe each shift in a \
                 `[[shift]]` table with its own `name`, `hours` and `team_size`"
            )));
        }
        if hours.minutes() < 60 {
            return Err(de::Error::custom(format!(
                "expected working hours that end at least an hour after they start, found \"{text}\""
            )));
        }
        Ok(hours)
    }
}
