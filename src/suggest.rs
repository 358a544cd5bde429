//! "Did you mean" hints for mistyped keys and ids.

/// Words longer than this are no typo of a key, an id or a zone's name,
/// and comparing them would take time in their length times the names'.
const LONGEST_WORD: usize = 100;

/// The candidate closest to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.len() > LONGEST_WORD {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Up to `n` candidates, closest first, for listing alternatives.
pub fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    if word.len() > LONGEST_WORD {
        return Vec::new();
    }
    // A candidate that holds the word (`lunch` in `catered-lunch`) is as
    // likely as a near spelling.
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let holds = word.len() >= 3 && c.contains(word);
            let score = strsim::jaro_winkler(word, c);
            (if holds { score.max(0.9) } else { score }, c)
        })
        .filter(|(score, _)| *score > 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}
