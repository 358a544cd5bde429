//! A day's times as the clocks show them, across a clock change.

use chrono::{DateTime, Duration, NaiveDateTime, Offset as _, Utc};

use super::{Moment, Times, Timing};
use crate::zone::Rules;

/// A day's times, as the clocks show them: each activity (each wave) at
/// the time the planner gave it, in minutes after the day opens, and as
/// long as it lasts. Where a clock change skips some times, one planned
/// among them starts once the clocks have jumped, and one running across
/// them ends that much later by the clocks; the next starts no earlier
/// than the one before it ends.
pub(super) struct Clock<'a> {
    pub(super) opening: NaiveDateTime,
    pub(super) zone: Option<&'a Rules>,
    pub(super) free_from: Option<DateTime<Utc>>,
}

impl Clock<'_> {
    /// When an activity planned `start` minutes after the opening, for
    /// `minutes`, starts and ends.
    pub(super) fn place(&mut self, start: u32, minutes: u32) -> Timing {
        let planned = self.opening + Duration::minutes(i64::from(start));
        let length = Duration::minutes(i64::from(minutes));
        let Some((zone, from)) = self
            .zone
            .and_then(|zone| Some((zone, zone.instant(planned)?)))
        else {
            let at = |local| Moment {
                local,
                offset: None,
            };
            return Timing::new(at(planned), at(planned + length));
        };
        let from = self.free_from.map_or(from, |free| from.max(free));
        let to = from + length;
        self.free_from = Some(to);
        let at = |instant: DateTime<Utc>| {
            let offset = zone.offset(instant).unwrap_or_else(|| Utc.fix());
            Moment {
                local: instant.with_timezone(&offset).naive_local(),
                offset: Some(offset),
            }
        };
        Timing::new(at(from), at(to))
    }
}

impl Timing {
    pub(super) fn new(starts_at: Moment, ends_at: Moment) -> Timing {
        Timing {
            local: Times {
                start: starts_at.local.time(),
                end: ends_at.local.time(),
            },
            starts_at,
            ends_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::Clock;
    use crate::zone::Zone;

    #[test]
    fn times_across_a_clock_change_keep_their_lengths_and_never_fall_in_its_gap() {
        // Sydney's clocks went from 02:00 to 03:00 on 7 October 2029.
        let sydney = Zone::named("Australia/Sydney").unwrap().rules().unwrap();
        let date = NaiveDate::from_ymd_opt(2029, 10, 7).unwrap();
        let mut clock = Clock {
            opening: date.and_time(NaiveTime::from_hms_opt(1, 0, 0).unwrap()),
            zone: Some(&sydney),
            free_from: None,
        };
        let iso = |t: super::Timing| {
            let text = |m: super::Moment| serde_json::to_value(m).unwrap();
            (text(t.starts_at), text(t.ends_at))
        };
        // Planned 01:30–02:30: an hour, so it ends at 03:30 by the clocks.
        assert_eq!(
            iso(clock.place(30, 60)),
            (
                "2029-10-07T01:30:00+10:00".into(),
                "2029-10-07T03:30:00+11:00".into()
            )
        );
        // Planned at 02:30, a time that never was: after the one before.
        assert_eq!(
            iso(clock.place(90, 30)),
            (
                "2029-10-07T03:30:00+11:00".into(),
                "2029-10-07T04:00:00+11:00".into()
            )
        );
        // Planned at 05:00: as planned.
        assert_eq!(
            iso(clock.place(240, 15)).0,
            serde_json::Value::from("2029-10-07T05:00:00+11:00")
        );
        // Without a time zone, the planned times, past midnight too.
        let mut clock = Clock {
            opening: date.and_time(NaiveTime::from_hms_opt(22, 0, 0).unwrap()),
            zone: None,
            free_from: None,
        };
        assert_eq!(
            iso(clock.place(60, 150)),
            ("2029-10-07T23:00:00".into(), "2029-10-08T01:30:00".into())
        );
    }
}
