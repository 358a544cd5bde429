//! Counts in words, so that one of anything reads as one: "1 idea", "2 ideas".

/// `n` with the noun that agrees with it: `count(1, "idea", "ideas")` is "1 idea".
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: Copy + std::fmt::Display + PartialEq + From<u8>,
{
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// `words` as `A, B and C`.
pub fn and_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `minutes` as hours and minutes: "17 hours", "16 hours 30 minutes".
pub fn count_hours(minutes: u32) -> String {
    let hours = count(minutes / 60, "hour", "hours");
    match minutes % 60 {
        0 => hours,
        rest => format!("{hours} {}", count(rest, "minute", "minutes")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1_u32, "idea", "ideas"), "1 idea");
        assert_eq!(super::count(0_usize, "idea", "ideas"), "0 ideas");
        assert_eq!(super::count(2_i64, "person", "people"), "2 people");
    }
}
