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
/// celebration budget, and keeps every product of cost and team size in range.
const MAX_UNITS: i64 = 1_000_000_000_000;

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
        Money(self.0.saturating_mul(i64::from(n)))
    }

    /// Parses a decimal such as `2500`, `12.5` or `0.99`.
    pub fn parse(text: &str) -> Result<Money, String> {
        let text = text.trim();
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if text.starts_with('-') {
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
        let units: i64 = whole
            .parse()
            .ok()
            .filter(|u| *u <= MAX_UNITS)
            .ok_or_else(|| format!("expected an amount up to {MAX_UNITS}, found {text}"))?;
        let frac: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        Ok(Money(units * 100 + frac))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
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
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount such as 250 or 12.50")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                Money::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                Money::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                if !v.is_finite() {
                    return Err(E::custom(format!(
                        "expected an amount such as 250 or 12.50, found {v}"
                    )));
                }
                // `{}` prints the shortest decimal that reads back as `v`: 12.5, not 12.4999….
                Money::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
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
