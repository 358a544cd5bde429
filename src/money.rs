//! Exact money: an amount in hundredths of the currency unit.
//!
//! Budgets and costs come from TOML, where `12.5` is a binary float. They are
//! read through their shortest decimal spelling, so `12.5` is exactly 1250
//! hundredths, and totals never drift.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A non-negative amount with two decimal places, stored in hundredths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// The largest amount accepted from a file: a trillion units is beyond any
/// celebration budget.
const MAX_UNITS: i64 = 1_000_000_000_000;

/// The largest cost per person accepted: ten million units. With the
/// largest team (100,000 people) an idea then costs at most two trillion
/// units, and a week of at most 42 activities less than 2^53 hundredths: so
/// no total csweek makes is out of range, even as a float.
pub const MAX_PER_PERSON: i64 = 10_000_000;

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self × n`, for per-person costs.
    pub fn times(self, n: u32) -> Money {
        Money(
            self.0
                .checked_mul(i64::from(n))
                .expect("amounts read are bounded so that no total is out of range"),
        )
    }

    /// Parses a decimal such as `2500`, `12.5` or `0.99`.
    pub fn parse(text: &str) -> Result<Money, String> {
        Money::parse_up_to(text, MAX_UNITS)
    }

    /// Parses a decimal of at most `max` units. Zero is zero, whatever
    /// its sign (`-0`, `-0.0`).
    fn parse_up_to(text: &str, max: i64) -> Result<Money, String> {
        let text = text.trim();
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let zero = |s: &str| s.bytes().all(|b| b == b'0');
        if unsigned != text && !(digits(whole) && zero(whole) && zero(frac)) {
            return Err(format!("expected an amount of 0 or more, found {text}"));
        }
        if !digits(whole) || !(frac.is_empty() || digits(frac)) {
            return Err(format!(
                "expected an amount such as 250 or 12.50, found `{text}`"
            ));
        }
        if frac.len() > 2 {
            return Err(format!("expected at most 2 decimal places, found {text}"));
        }
        let frac: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        whole
            .parse::<i64>()
            .ok()
            .map(|units| units.saturating_mul(100).saturating_add(frac))
            .filter(|cents| *cents <= max * 100)
            .map(Money)
            .ok_or_else(|| format!("expected an amount up to {max}, found {text}"))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// Never out of range, since amounts are bounded as they are read (see
/// [`MAX_PER_PERSON`]); were they not, a wrong total would be worse than
/// stopping.
impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(
            self.0
                .checked_add(rhs.0)
                .expect("amounts read are bounded so that no total is out of range"),
        )
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(
            self.0
                .checked_sub(rhs.0)
                .expect("amounts read are bounded so that no total is out of range"),
        )
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// Money is a decimal string in JSON and templates (`"2500.00"`), so no
/// consumer ever sees a binary float.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fixed_schema!(Money, "Money", {
    "description": "An amount of 0 or more, at most two decimals: 250, 12.5 or \"12.50\"",
    "anyOf": [
        { "type": "number", "minimum": 0, "maximum": MAX_UNITS },
        { "type": "string", "pattern": "^\\s*[0-9]{1,13}(\\.[0-9]{0,2})?\\s*$" }
    ]
});

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        deserializer.deserialize_any(Visitor(MAX_UNITS))
    }
}

/// A cost per person: an amount of at most [`MAX_PER_PERSON`] units.
pub fn per_person<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
    deserializer.deserialize_any(Visitor(MAX_PER_PERSON))
}

/// The schema of a cost per person.
pub struct PerPerson;

fixed_schema!(PerPerson, "PerPerson", {
    "description": "An amount for each person or session, of 0 or more, at most 10000000, at most two decimals",
    "anyOf": [
        { "type": "number", "minimum": 0, "maximum": MAX_PER_PERSON },
        { "type": "string", "pattern": "^\\s*[0-9]{1,8}(\\.[0-9]{0,2})?\\s*$" }
    ]
});

/// Reads an amount of at most the units it holds.
struct Visitor(i64);

impl de::Visitor<'_> for Visitor {
    type Value = Money;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount such as 250 or 12.50")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
        Money::parse_up_to(&v.to_string(), self.0).map_err(E::custom)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
        Money::parse_up_to(&v.to_string(), self.0).map_err(E::custom)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
        if !v.is_finite() {
            return Err(E::custom(format!(
                "expected an amount such as 250 or 12.50, found {v}"
            )));
        }
        // `{}` prints the shortest decimal that reads back as `v`: 12.5, not 12.4999….
        Money::parse_up_to(&v.to_string(), self.0).map_err(E::custom)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
        Money::parse_up_to(v, self.0).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::Money;

    #[test]
    fn parses_decimals_exactly() {
        assert_eq!(Money::parse("12.5").unwrap().cents(), 1250);
        assert_eq!(Money::parse("0.99").unwrap().cents(), 99);
        assert_eq!(Money::parse("2500").unwrap().to_string(), "2500.00");
        assert_eq!(
            Money::parse("1.234").unwrap_err(),
            "expected at most 2 decimal places, found 1.234"
        );
        assert_eq!(
            Money::parse("-5").unwrap_err(),
            "expected an amount of 0 or more, found -5"
        );
        assert_eq!(
            Money::parse("-0.01").unwrap_err(),
            "expected an amount of 0 or more, found -0.01"
        );
        for zero in ["-0", "-0.0", "-00.00", "0"] {
            assert_eq!(Money::parse(zero), Ok(Money::ZERO), "{zero}");
        }
    }

    #[test]
    fn the_largest_amount_is_the_largest_with_its_cents() {
        assert_eq!(
            Money::parse("1000000000000").unwrap().to_string(),
            "1000000000000.00"
        );
        for over in [
            "1000000000000.01",
            "1000000000000.5",
            "99999999999999999999",
        ] {
            assert_eq!(
                Money::parse(over).unwrap_err(),
                format!("expected an amount up to 1000000000000, found {over}")
            );
        }
    }

    #[test]
    fn float_input_is_read_through_its_decimal_spelling() {
        let m: Money = toml::from_str::<toml::Table>("v = 0.1")
            .unwrap()
            .get("v")
            .unwrap()
            .clone()
            .try_into()
            .unwrap();
        assert_eq!(m.cents(), 10);
        let three: Money = [m, m, m].into_iter().sum();
        assert_eq!(three.to_string(), "0.30");
    }
}
