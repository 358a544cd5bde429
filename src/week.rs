//! The date rule: Customer Service Week is the first full week of October,
//! Monday to Friday (or Sunday), starting on October's first Monday.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The first year the week was held.
pub const FIRST_YEAR: i32 = 1984;
/// The last year the planner accepts; keeps every date well inside chrono's range.
pub const LAST_YEAR: i32 = 9999;

/// How many days the celebration runs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
pub enum Span {
    #[default]
    #[serde(rename = "mon-fri")]
    MonFri,
    #[serde(rename = "mon-sun")]
    MonSun,
}

impl Span {
    /// How many days the week has.
    pub fn days(self) -> u32 {
        match self {
            Span::MonFri => 5,
            Span::MonSun => 7,
        }
    }
}

/// One year's Customer Service Week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub year: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Week {
    /// The week of `year`. `year` must be within `FIRST_YEAR..=LAST_YEAR`.
    pub fn of(year: i32, span: Span) -> Week {
        let october = NaiveDate::from_ymd_opt(year, 10, 1).expect("year is validated");
        let to_monday = (7 - october.weekday().num_days_from_monday()) % 7;
        let start = october + Duration::days(i64::from(to_monday));
        Week {
            year,
            start,
            end: start + Duration::days(i64::from(span.days() - 1)),
        }
    }

    /// The next week that has not ended on `today`: this year's, or next year's
    /// once this year's is over.
    pub fn next(today: NaiveDate, span: Span) -> Week {
        let this_year = Week::of(today.year().max(FIRST_YEAR), span);
        if today > this_year.end {
            Week::of(today.year() + 1, span)
        } else {
            this_year
        }
    }

    pub fn dates(self) -> impl Iterator<Item = NaiveDate> {
        self.start.iter_days().take_while(move |d| *d <= self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::{Span, Week};
    use chrono::{Datelike, NaiveDate, Weekday};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn known_years() {
        for (year, day) in [
            (2017, 2),
            (2018, 1),
            (2023, 2),
            (2026, 5),
            (2027, 4),
            (2028, 2),
        ] {
            let week = Week::of(year, Span::MonFri);
            assert_eq!(week.start, date(year, 10, day), "{year}");
            assert_eq!(week.end, date(year, 10, day + 4), "{year}");
        }
        assert_eq!(Week::of(2023, Span::MonSun).end, date(2023, 10, 8));
    }

    #[test]
    fn every_year_starts_on_the_first_monday_of_october() {
        for year in super::FIRST_YEAR..=super::LAST_YEAR {
            let week = Week::of(year, Span::MonSun);
            assert_eq!(week.start.weekday(), Weekday::Mon);
            assert_eq!(week.start.month(), 10);
            assert!(week.start.day() <= 7);
            assert_eq!(week.end.weekday(), Weekday::Sun);
        }
    }

    #[test]
    fn next_week_rolls_over_once_the_week_has_ended() {
        assert_eq!(Week::next(date(2026, 10, 9), Span::MonFri).year, 2026);
        assert_eq!(Week::next(date(2026, 10, 10), Span::MonFri).year, 2027);
        assert_eq!(Week::next(date(2026, 10, 10), Span::MonSun).year, 2026);
        assert_eq!(Week::next(date(2026, 1, 1), Span::MonFri).year, 2026);
    }
}
