//! The environment csweek reads: `TZ`, `SOURCE_DATE_EPOCH` and
//! `CSWEEK_TODAY`, however strange their values.

use chrono::{Duration, NaiveDate, Utc};

use crate::test::{TODAY, Test};

/// What `remind --json` takes as today, under `TZ=tz`.
fn today_under(tz: &str) -> NaiveDate {
    let out = Test::new()
        .env("TZ", tz)
        .args(&["remind", "--within", "0", "--json"])
        .run();
    assert!(out.status == 0 || out.status == 1, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    json["today"].as_str().unwrap().parse().unwrap()
}

/// The date at `offset` hours from UTC, now: `before` and `after` a run,
/// in case it spans a midnight there.
fn dates_at(offset: i64, run: impl FnOnce() -> NaiveDate) -> (NaiveDate, [NaiveDate; 2]) {
    let at = || (Utc::now() + Duration::hours(offset)).date_naive();
    let before = at();
    let today = run();
    (today, [before, at()])
}

/// A valid zone file for the fixed offset `hours`, with `transitions`
/// transitions to that same offset, so that it can be made as large as
/// wanted (`TZif` version 2, RFC 8536).
fn zone_file(hours: i32, transitions: u32) -> Vec<u8> {
    let offset = hours * 3600;
    let name = format!("{hours:+03}\0");
    let header = |out: &mut Vec<u8>| {
        out.extend_from_slice(b"TZif2");
        out.extend_from_slice(&[0; 15]);
        // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
        for count in [0, 0, 0, transitions, 1, u32::try_from(name.len()).unwrap()] {
            out.extend_from_slice(&count.to_be_bytes());
        }
    };
    let mut out = Vec::new();
    // The version 1 block: 32-bit times.
    header(&mut out);
    for i in 0..transitions {
        out.extend_from_slice(&(i32::MIN + 1 + i32::try_from(i).unwrap()).to_be_bytes());
    }
    out.extend(std::iter::repeat_n(0u8, transitions as usize));
    out.extend_from_slice(&offset.to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(name.as_bytes());
    // The version 2 block: 64-bit times, then the POSIX rule for later times.
    header(&mut out);
    for i in 0..transitions {
        out.extend_from_slice(&(i64::from(i32::MIN) + 1 + i64::from(i)).to_be_bytes());
    }
    out.extend(std::iter::repeat_n(0u8, transitions as usize));
    out.extend_from_slice(&offset.to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(format!("\n<{hours:+03}>{}\n", -hours).as_bytes());
    out
}

/// Zone files are a few kilobytes; a larger file is not read, whatever it
/// holds, and today is taken in UTC. Far from UTC (+14 and -12), one of the
/// two dates differs from UTC's, whatever the time.
#[test]
fn a_huge_zone_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    for hours in [14, -12] {
        let small = dir.path().join(format!("small{hours}"));
        let huge = dir.path().join(format!("huge{hours}"));
        std::fs::write(&small, zone_file(hours, 10)).unwrap();
        std::fs::write(&huge, zone_file(hours, 20_000)).unwrap();
        let (today, there) = dates_at(i64::from(hours), || {
            today_under(&format!(":{}", small.display()))
        });
        assert!(there.contains(&today), "{today} at {hours}: {there:?}");
        let (today, utc) = dates_at(0, || today_under(&format!(":{}", huge.display())));
        assert!(utc.contains(&today), "{today} in UTC: {utc:?}");
    }
}

/// An endless device, a pipe nobody writes to, a folder, a missing file and
/// nonsense: today is taken in UTC, at once.
#[cfg(unix)]
#[test]
fn a_zone_that_is_no_zone_file_is_utc() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let fifo = fifo.display().to_string();
    let folder = dir.path().display().to_string();
    for tz in [
        ":/dev/zero",
        "/dev/zero",
        "/dev/urandom",
        &format!(":{fifo}"),
        &fifo,
        &folder,
        ":/nowhere/at/all",
        ":../../../../../../dev/zero",
        "../../../../../../dev/zero",
        "not a zone",
        "",
    ] {
        let (today, utc) = dates_at(0, || today_under(tz));
        assert!(utc.contains(&today), "TZ={tz}: {today}, {utc:?}");
    }
}

/// Zone names, from the system's database or csweek's own, and POSIX rules.
#[test]
fn zones_by_name_and_by_rule() {
    for (tz, hours) in [
        ("Pacific/Kiritimati", 14),
        (":Pacific/Kiritimati", 14),
        ("Etc/GMT+12", -12),
        ("<+14>-14", 14),
        ("<-12>12", -12),
        ("UTC", 0),
    ] {
        let (today, there) = dates_at(hours, || today_under(tz));
        assert!(there.contains(&today), "TZ={tz}: {today}, {there:?}");
    }
}

#[test]
fn a_source_date_epoch_past_9999_is_refused() {
    let plan = |epoch: &str| {
        Test::new()
            .file("csweek.toml", "company = \"Acme\"\n")
            .env("SOURCE_DATE_EPOCH", epoch)
            .args(&["plan", "--today", TODAY, "-f", "ics"])
            .run()
    };
    let out = plan("253402300799").status(0);
    assert!(out.stdout.contains("\r\nDTSTAMP:99991231T235959Z\r\n"));
    for epoch in ["253402300800", "99999999999999", "-1"] {
        plan(epoch).status(2).stdout("").stderr(&format!(
            "error: SOURCE_DATE_EPOCH: expected seconds from 1970-01-01 to the end of 9999 \
             (0 to 253402300799), found `{epoch}`\n"
        ));
    }
}

#[test]
fn an_empty_csweek_today_is_unset() {
    Test::new()
        .env("CSWEEK_TODAY", "")
        .args(&["when", "2027"])
        .run()
        .status(0)
        .stderr("")
        .stdout("Customer Service Week 2027: Monday 4 October to Friday 8 October 2027\n");
    // Given on the command line, an empty date is still a mistake.
    let out = Test::new()
        .env("CSWEEK_TODAY", "")
        .args(&["when", "--today", ""])
        .run()
        .status(2);
    assert!(
        out.stderr
            .starts_with("error: invalid value '' for '--today <DATE>'"),
        "{}",
        out.stderr
    );
}

/// A date `CSWEEK_TODAY` gets wrong is blamed on the variable, not on a
/// `--today` nobody typed; `--today` on the command line overrules it.
#[test]
fn a_bad_csweek_today_is_named() {
    Test::new()
        .env("CSWEEK_TODAY", "garbage")
        .args(&["when"])
        .run()
        .status(2)
        .stdout("")
        .stderr(
            "error: `CSWEEK_TODAY`: expected a date from 1984-01-01 to 9998-12-31, such as \
             2027-09-01, found `garbage`\n",
        );
    Test::new()
        .env("CSWEEK_TODAY", "garbage")
        .args(&["when", "--today", "2026-01-01"])
        .run()
        .status(0)
        .stdout("Customer Service Week 2026: Monday 5 October to Friday 9 October 2026\n");
}
