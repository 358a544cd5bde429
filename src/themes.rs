//! Themes: the week's headline theme, and the theme of each day, which tells
//! the planner which kinds of ideas suit that day.

use crate::catalog::Category;
use crate::catalog::Category::{
    Community, Customers, Food, Fun, Kickoff, Leadership, Learning, Recognition, Reflection,
};

/// Week themes used when a config names none; the year picks one, so the
/// default rotates.
pub const WEEK_THEMES: &[&str] = &[
    "Every customer, every time",
    "Service is a team sport",
    "The people behind every answer",
    "Going the extra mile, together",
    "Small moments, big difference",
    "Thank you for every save",
];

pub fn week_theme(year: i32) -> &'static str {
    let count = i32::try_from(WEEK_THEMES.len()).unwrap_or(1);
    WEEK_THEMES[usize::try_from(year.rem_euclid(count)).unwrap_or(0)]
}

/// A named day and the categories of idea that fit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayTheme {
    pub name: String,
    pub favours: Vec<Category>,
}

/// A bundled set of day themes, Monday first, seven days long (a Monday to
/// Friday week uses the first five).
#[derive(Debug, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub days: [(&'static str, &'static [Category]); 7],
}

const WEEKEND: [(&str, &[Category]); 2] = [
    ("Give back", &[Community, Customers]),
    ("Rest and reflect", &[Reflection, Recognition]),
];

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "icsa",
        days: [
            ("Kick it off", &[Kickoff, Customers]),
            ("Trade places", &[Leadership, Customers]),
            ("Eat up", &[Food]),
            ("Have fun", &[Fun, Community]),
            ("Recognise and reward", &[Recognition, Fun]),
            WEEKEND[0],
            WEEKEND[1],
        ],
    },
    Preset {
        name: "educate",
        days: [
            ("Educate", &[Learning, Kickoff]),
            ("Activate", &[Leadership, Learning]),
            ("Co-create", &[Customers, Community]),
            ("Co-create", &[Customers, Reflection]),
            ("Celebrate", &[Recognition, Food, Fun]),
            WEEKEND[0],
            WEEKEND[1],
        ],
    },
    Preset {
        name: "playful",
        days: [
            ("Pajama Monday", &[Fun, Kickoff]),
            ("Taco Tuesday", &[Food, Fun]),
            ("Wellness Wednesday", &[Community, Reflection]),
            ("Throwback Thursday", &[Reflection, Fun]),
            ("Fun Friday", &[Fun, Recognition]),
            WEEKEND[0],
            WEEKEND[1],
        ],
    },
];

pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

impl Preset {
    pub fn themes(&self, days: usize) -> Vec<DayTheme> {
        self.days
            .iter()
            .take(days)
            .map(|(name, favours)| DayTheme {
                name: (*name).to_string(),
                favours: favours.to_vec(),
            })
            .collect()
    }
}

/// Words in a day theme of the company's own that point at a category, so
/// that "Taco Tuesday" favours food and "Thank-you Friday" recognition.
const KEYWORDS: &[(&str, Category)] = &[
    ("kick", Kickoff),
    ("launch", Kickoff),
    ("welcome", Kickoff),
    ("start", Kickoff),
    ("thank", Recognition),
    ("recogni", Recognition),
    ("reward", Recognition),
    ("award", Recognition),
    ("appreciat", Recognition),
    ("celebrat", Recognition),
    ("food", Food),
    ("eat", Food),
    ("lunch", Food),
    ("breakfast", Food),
    ("taco", Food),
    ("pizza", Food),
    ("treat", Food),
    ("snack", Food),
    ("fun", Fun),
    ("game", Fun),
    ("pajama", Fun),
    ("dress", Fun),
    ("costume", Fun),
    ("play", Fun),
    ("customer", Customers),
    ("client", Customers),
    ("learn", Learning),
    ("train", Learning),
    ("educat", Learning),
    ("skill", Learning),
    ("lead", Leadership),
    ("trade", Leadership),
    ("swap", Leadership),
    ("executive", Leadership),
    ("communit", Community),
    ("wellness", Community),
    ("together", Community),
    ("give", Community),
    ("team", Community),
    ("reflect", Reflection),
    ("throwback", Reflection),
    ("story", Reflection),
    ("stories", Reflection),
    ("review", Reflection),
    ("memor", Reflection),
];

/// The theme of a day named by the company: a word that starts with a
/// keyword counts ("Thanks" for "thank"), one that only contains it does
/// not ("Create" is no "eat").
pub fn custom(name: &str) -> DayTheme {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let mut favours: Vec<Category> = Vec::new();
    for (keyword, category) in KEYWORDS {
        if words.iter().any(|w| w.starts_with(keyword)) && !favours.contains(category) {
            favours.push(*category);
        }
    }
    DayTheme {
        name: name.to_string(),
        favours,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_names_find_their_categories() {
        assert_eq!(custom("Taco Tuesday").favours, vec![Food]);
        assert_eq!(custom("Thank-you Friday").favours, vec![Recognition]);
        assert!(custom("Blue Day").favours.is_empty());
        assert!(custom("Create Wednesday").favours.is_empty());
        assert!(custom("Refund Address").favours.is_empty());
    }
}
