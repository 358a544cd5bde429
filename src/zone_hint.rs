//! What people write for a time zone, and what to write instead: an offset
//! such as `UTC+1`, an abbreviation such as `PST` that the tz database
//! lacks, or one such as `EST` that it keeps but that means less than it
//! seems (a fixed offset, without the summer time of the places that say it).

/// A place with each whole or part-hour standard offset from UTC, in minutes.
const PLACES: [(i32, &str); 37] = [
    (-660, "Pacific/Pago_Pago"),
    (-600, "Pacific/Honolulu"),
    (-570, "Pacific/Marquesas"),
    (-540, "America/Anchorage"),
    (-480, "America/Los_Angeles"),
    (-420, "America/Denver"),
    (-360, "America/Chicago"),
    (-300, "America/New_York"),
    (-240, "America/Halifax"),
    (-210, "America/St_Johns"),
    (-180, "America/Sao_Paulo"),
    (-120, "America/Noronha"),
    (-60, "Atlantic/Azores"),
    (0, "Europe/London"),
    (60, "Europe/Paris"),
    (120, "Europe/Athens"),
    (180, "Europe/Moscow"),
    (210, "Asia/Tehran"),
    (240, "Asia/Dubai"),
    (270, "Asia/Kabul"),
    (300, "Asia/Karachi"),
    (330, "Asia/Kolkata"),
    (345, "Asia/Kathmandu"),
    (360, "Asia/Dhaka"),
    (390, "Asia/Yangon"),
    (420, "Asia/Bangkok"),
    (480, "Asia/Singapore"),
    (525, "Australia/Eucla"),
    (540, "Asia/Tokyo"),
    (570, "Australia/Adelaide"),
    (600, "Australia/Sydney"),
    (630, "Australia/Lord_Howe"),
    (660, "Pacific/Noumea"),
    (720, "Pacific/Auckland"),
    (765, "Pacific/Chatham"),
    (780, "Pacific/Tongatapu"),
    (840, "Pacific/Kiritimati"),
];

/// Where an abbreviation is said, and the zone of that place.
type Meaning = (&'static str, &'static str);

/// Abbreviations the tz database has no zone for, with what each may mean.
const ABBREVIATIONS: [(&[&str], &[Meaning]); 30] = [
    (
        &["PST", "PDT", "PT"],
        &[("Pacific time", "America/Los_Angeles")],
    ),
    (&["MDT", "MT"], &[("Mountain time", "America/Denver")]),
    (
        &["CST", "CDT", "CT"],
        &[
            ("Central time", "America/Chicago"),
            ("China", "Asia/Shanghai"),
        ],
    ),
    (&["EDT", "ET"], &[("Eastern time", "America/New_York")]),
    (&["AKST", "AKDT"], &[("Alaska", "America/Anchorage")]),
    (&["AST", "ADT"], &[("Atlantic time", "America/Halifax")]),
    (&["NST", "NDT"], &[("Newfoundland", "America/St_Johns")]),
    (&["BST"], &[("the UK", "Europe/London")]),
    (
        &["IST"],
        &[
            ("India", "Asia/Kolkata"),
            ("Ireland", "Europe/Dublin"),
            ("Israel", "Asia/Jerusalem"),
        ],
    ),
    (&["CEST"], &[("Central Europe", "Europe/Paris")]),
    (&["EEST"], &[("Eastern Europe", "Europe/Athens")]),
    (&["WEST"], &[("Western Europe", "Europe/Lisbon")]),
    (&["MSK"], &[("Moscow", "Europe/Moscow")]),
    (
        &["AEST", "AEDT"],
        &[("Sydney and Melbourne", "Australia/Sydney")],
    ),
    (&["ACST", "ACDT"], &[("Adelaide", "Australia/Adelaide")]),
    (&["AWST"], &[("Perth", "Australia/Perth")]),
    (&["NZST", "NZDT"], &[("New Zealand", "Pacific/Auckland")]),
    (&["JST"], &[("Japan", "Asia/Tokyo")]),
    (&["KST"], &[("Korea", "Asia/Seoul")]),
    (&["HKT"], &[("Hong Kong", "Asia/Hong_Kong")]),
    (&["SGT"], &[("Singapore", "Asia/Singapore")]),
    (&["PHT", "PHST"], &[("the Philippines", "Asia/Manila")]),
    (&["WIB"], &[("Jakarta", "Asia/Jakarta")]),
    (&["ICT"], &[("Indochina", "Asia/Bangkok")]),
    (&["PKT"], &[("Pakistan", "Asia/Karachi")]),
    (&["GST"], &[("the Gulf", "Asia/Dubai")]),
    (&["SAST"], &[("South Africa", "Africa/Johannesburg")]),
    (&["WAT"], &[("West Africa", "Africa/Lagos")]),
    (&["EAT"], &[("East Africa", "Africa/Nairobi")]),
    (&["BRT"], &[("Brasília", "America/Sao_Paulo")]),
];

/// A hint for a `timezone` the tz database doesn't have, when it is an
/// offset from UTC or a known abbreviation.
pub fn for_unknown(name: &str) -> Option<String> {
    if let Some(minutes) = offset(name) {
        return for_offset(minutes);
    }
    let upper = name.trim().to_ascii_uppercase();
    let (_, meanings) = ABBREVIATIONS
        .iter()
        .find(|(names, _)| names.contains(&upper.as_str()))?;
    let hint: Vec<String> = meanings
        .iter()
        .enumerate()
        .map(|(n, (region, zone))| {
            let write = if n == 0 { "write " } else { "" };
            format!("; for {region}, {write}\"{zone}\"")
        })
        .collect();
    Some(hint.concat())
}

/// A warning for a `timezone` the tz database has, but only as an
/// abbreviation: most who write one mean a place's clocks.
pub fn warning(name: &str) -> Option<String> {
    let fixed = |offset: &str, region: &str, october: &str, zone: &str| {
        format!(
            "\"{name}\" is {offset} all year, without summer time; for {region}, which is {october} in October, write \"{zone}\""
        )
    };
    let place = |zone: &str| {
        format!(
            "\"{name}\" is an abbreviation kept for old systems; name the place instead, such as \"{zone}\""
        )
    };
    Some(match name {
        "EST" => fixed("UTC-5", "Eastern time", "UTC-4", "America/New_York"),
        "MST" => {
            fixed("UTC-7", "Mountain time", "UTC-6", "America/Denver")
                + " (Arizona keeps UTC-7: \"America/Phoenix\")"
        }
        "GMT" => fixed("UTC+0", "the UK", "UTC+1", "Europe/London"),
        "HST" => place("Pacific/Honolulu"),
        "EST5EDT" => place("America/New_York"),
        "CST6CDT" => place("America/Chicago"),
        "MST7MDT" => place("America/Denver"),
        "PST8PDT" => place("America/Los_Angeles"),
        "CET" | "MET" => place("Europe/Paris"),
        "EET" => place("Europe/Athens"),
        "WET" => place("Europe/Lisbon"),
        _ => return None,
    })
}

/// The hint for an offset of `minutes` east of UTC.
fn for_offset(minutes: i32) -> Option<String> {
    let place = PLACES
        .iter()
        .find(|(at, _)| *at == minutes)
        .map(|(_, zone)| zone);
    let sign = if minutes < 0 { '-' } else { '+' };
    // The tz database's fixed zones are whole hours, named with POSIX's sign.
    let fixed = (minutes % 60 == 0 && (-720..=840).contains(&minutes)).then(|| {
        let hours = minutes / 60;
        if hours == 0 {
            "write \"UTC\" for UTC all year".to_string()
        } else {
            let reversed = if hours < 0 { '+' } else { '-' };
            let hours = hours.abs();
            format!("write \"Etc/GMT{reversed}{hours}\" for UTC{sign}{hours} all year (the sign is reversed)")
        }
    });
    match (place, fixed) {
        (Some(zone), Some(fixed)) => Some(format!(
            "; name a place, such as \"{zone}\", to follow its clock changes, or {fixed}"
        )),
        (Some(zone), None) => Some(format!("; name a place, such as \"{zone}\"")),
        (None, Some(fixed)) => Some(format!("; {fixed}")),
        (None, None) => None,
    }
}

/// Minutes east of UTC, for an offset written as `UTC+1`, `GMT-05:00`,
/// `+0530` and the like.
fn offset(name: &str) -> Option<i32> {
    let text = name.trim();
    let upper = text.to_ascii_uppercase();
    let rest = ["UTC", "GMT", "UT"]
        .iter()
        .find_map(|prefix| upper.strip_prefix(prefix))
        .unwrap_or(&upper)
        .trim_start();
    let (sign, digits) = if let Some(rest) = rest.strip_prefix('+') {
        (1, rest)
    } else if let Some(rest) = rest.strip_prefix(['-', '\u{2212}']) {
        (-1, rest)
    } else {
        return None;
    };
    let digits = digits.trim_start();
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::{for_unknown, offset, warning};

    #[test]
    fn offsets_read_in_every_common_spelling() {
        for (text, minutes) in [
            ("UTC+1", 60),
            ("utc+01:00", 60),
            ("GMT-5", -300),
            ("UTC -05:00", -300),
            ("+0530", 330),
            ("UTC+5:30", 330),
            ("-03:30", -210),
        ] {
            assert_eq!(offset(text), Some(minutes), "{text}");
        }
        for text in ["UTC", "Europe/Paris", "UTC+15", "UTC+1:75", "+", "UTC+x"] {
            assert_eq!(offset(text), None, "{text}");
        }
    }

    #[test]
    fn hints_name_a_zone_that_exists() {
        let zones = crate::zone::Zone::names();
        let named = |hint: String| {
            hint.split('"')
                .skip(1)
                .step_by(2)
                .for_each(|name| assert!(zones.contains(&name), "{name} in {hint}"));
        };
        for minutes in (-720..=840).step_by(15) {
            if let Some(hint) = super::for_offset(minutes) {
                named(hint);
            }
        }
        for (names, _) in super::ABBREVIATIONS {
            for name in names {
                assert!(crate::zone::Zone::named(name).is_none(), "{name} is a zone");
                named(for_unknown(name).unwrap());
            }
        }
        for name in [
            "EST", "MST", "GMT", "HST", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT", "CET", "MET",
            "EET", "WET",
        ] {
            assert!(
                crate::zone::Zone::named(name).is_some(),
                "{name} is no zone"
            );
            named(warning(name).unwrap());
        }
        assert_eq!(warning("America/New_York"), None);
        assert_eq!(warning("UTC"), None);
    }
}
