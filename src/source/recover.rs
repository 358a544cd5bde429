//! Finding every value that doesn't fit, not only the first, at a cost
//! linear in the text: serde stops at the first problem, so each part of
//! the text is read on its own (with the keys around it that it needs),
//! and a part with a problem is taken apart and its own parts read in turn.
//! Only what is wrong is read more than once, and only as deep as it goes.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, Deserializer, Error};

type Key<'i> = Spanned<Cow<'i, str>>;
type Value<'i> = Spanned<DeValue<'i>>;

/// What [`recover`] found.
pub(super) struct Recovered<T> {
    /// What is left once the faulty parts are set aside.
    pub value: Option<T>,
    /// The first problems in the text, as `toml` words them.
    pub errors: Vec<Error>,
    /// How many more problems there are.
    pub more: usize,
    /// The top-level keys with a problem in them.
    pub faulty: Vec<String>,
}

/// Reads `table` (the whole of `text`, which `T` refused) setting aside
/// each faulty key or array element, and noting why.
/// Keeps the first `limit` problems in the text, and counts the rest.
pub(super) fn recover<T: DeserializeOwned>(
    text: &str,
    table: Spanned<DeTable<'_>>,
    limit: usize,
) -> Recovered<T> {
    let whole = table.span();
    let mut table = table.into_inner();
    let mut finder = Finder {
        stand_ins: DeTable::new(),
        whole: whole.clone(),
        aside: SetAside::default(),
        errors: Errors {
            limit,
            first: Vec::new(),
            more: 0,
            noted: 0,
        },
        _read: std::marker::PhantomData::<T>,
    };
    // Each top-level key on its own, when `T` can be read without the rest.
    if let Some(stand_ins) = stand_ins::<T>(text.len()) {
        finder.stand_ins = stand_ins;
        let entries = std::mem::replace(&mut table, DeTable::new());
        for (key, value) in entries {
            let found = finder.errors.noted;
            let mut path = vec![Step::Entry(key.clone(), whole.clone())];
            let kept = finder.isolate(&mut path, value);
            let name = key.get_ref().to_string();
            if finder.errors.noted > found {
                finder.aside.faulty.push(name.clone());
            }
            match kept {
                Some(value) => {
                    table.insert(key, value);
                }
                None => {
                    finder.aside.keys.insert((name, whole.clone()));
                }
            }
        }
    }
    let (value, mut aside, mut errors) = finder.finish(text, Spanned::new(whole, table));
    aside.faulty.sort();
    aside.faulty.dedup();
    errors.trim(errors.limit);
    Recovered {
        value,
        errors: errors.first,
        more: errors.more,
        faulty: aside.faulty,
    }
}

/// The keys `T` requires at the top, each with a stand-in (`"?"`) at the
/// end of the text, found by reading an empty table; None when a stand-in
/// won't do, or `T` reads nothing without more.
fn stand_ins<'i, T: DeserializeOwned>(end: usize) -> Option<DeTable<'i>> {
    let mut table = DeTable::new();
    for _ in 0..32 {
        let doc = Spanned::new(end..end, table.clone());
        let Err(error) = T::deserialize(Deserializer::from(doc)) else {
            return Some(table);
        };
        let key = missing(&error)?;
        if table.contains_key(key.as_str()) {
            return None;
        }
        table.insert(
            Spanned::new(end..end, Cow::Owned(key)),
            Spanned::new(end..end, DeValue::String(Cow::Borrowed("?"))),
        );
    }
    None
}

/// The key a "missing field" error names.
fn missing(error: &Error) -> Option<String> {
    error
        .message()
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
        .map(str::to_string)
}

/// One step from the top of the document down to a value.
enum Step<'i> {
    /// The value of `key` in a table spanning the range.
    Entry(Key<'i>, Range<usize>),
    /// An item of an array spanning the range.
    Item(Range<usize>),
}

/// The problems found so far: the first in the text kept, the rest counted,
/// so that a text with millions of problems takes no more memory than one
/// with a hundred.
struct Errors {
    limit: usize,
    first: Vec<Error>,
    more: usize,
    /// How many were ever noted.
    noted: usize,
}

impl Errors {
    fn extend(&mut self, errors: impl IntoIterator<Item = Error>) {
        for error in errors {
            self.push(error);
        }
    }

    fn push(&mut self, error: Error) {
        self.noted += 1;
        self.first.push(error);
        if self.first.len() > 2 * self.limit + 64 {
            self.trim(self.limit);
        }
    }

    /// Keeps the first `keep` problems in the text's order, each once.
    fn trim(&mut self, keep: usize) {
        let first = &mut self.first;
        first.sort_by(|a, b| {
            let span = |e: &Error| e.span().map(|s| (s.start, s.end));
            span(a)
                .cmp(&span(b))
                .then_with(|| a.message().cmp(b.message()))
        });
        first.dedup_by(|a, b| a.span() == b.span() && a.message() == b.message());
        if first.len() > keep {
            self.more += first.len() - keep;
            first.truncate(keep);
        }
    }
}

struct Finder<'i, T> {
    stand_ins: DeTable<'i>,
    whole: Range<usize>,
    aside: SetAside,
    errors: Errors,
    _read: std::marker::PhantomData<T>,
}

impl<'i, T: DeserializeOwned> Finder<'i, T> {
    /// A document holding only `value`, at the end of `path`, and the
    /// stand-ins for the keys required at the top.
    fn wrap(&self, path: &[Step<'i>], value: Value<'i>) -> Spanned<DeTable<'i>> {
        let mut value = value;
        let mut top = None;
        for (depth, step) in path.iter().enumerate().rev() {
            value = match step {
                Step::Entry(key, span) => {
                    let mut table = if depth == 0 {
                        self.stand_ins.clone()
                    } else {
                        DeTable::new()
                    };
                    table.insert(key.clone(), value);
                    if depth == 0 {
                        top = Some(table);
                        break;
                    }
                    Spanned::new(span.clone(), DeValue::Table(table))
                }
                Step::Item(span) => {
                    let mut items = DeArray::new();
                    items.push(value);
                    Spanned::new(span.clone(), DeValue::Array(items))
                }
            };
        }
        Spanned::new(self.whole.clone(), top.unwrap_or_default())
    }

    /// Reads `value` at `path` alone: the problem in it, if any. A problem
    /// with what holds it (a key missing beside it) is not its own.
    fn probe(&self, path: &[Step<'i>], value: &Value<'i>) -> Option<Error> {
        let error = T::deserialize(Deserializer::from(self.wrap(path, value.clone()))).err()?;
        let extent = extent(value);
        let its_own = error.span().is_none_or(|s| {
            s == value.span() || extent.contains(&s.start) || s.start == extent.start
        });
        its_own.then_some(error)
    }

    /// Sets aside what is wrong in `value` (at the end of `path`), noting
    /// each problem: the value that is left, None when nothing of it is sound.
    fn isolate(&mut self, path: &mut Vec<Step<'i>>, value: Value<'i>) -> Option<Value<'i>> {
        // A list is read an item at a time from the start: reading it whole
        // first would take a copy of it all.
        let error = if matches!(value.get_ref(), DeValue::Array(_)) {
            None
        } else {
            match self.probe(path, &value) {
                None => return Some(value),
                error => error,
            }
        };
        let span = value.span();
        let kept = match value.into_inner() {
            DeValue::Array(items) => {
                let mut kept = DeArray::new();
                let mut lost = false;
                path.push(Step::Item(span.clone()));
                for item in items {
                    match self.isolate(path, item) {
                        Some(item) => kept.push(item),
                        None => lost = true,
                    }
                }
                path.pop();
                if lost {
                    self.aside.arrays.insert(span.start);
                }
                DeValue::Array(kept)
            }
            DeValue::Table(entries) => {
                let mut kept = DeTable::new();
                for (key, value) in entries {
                    path.push(Step::Entry(key.clone(), span.clone()));
                    let value = self.isolate(path, value);
                    path.pop();
                    match value {
                        Some(value) => {
                            kept.insert(key, value);
                        }
                        None => {
                            self.aside
                                .keys
                                .insert((key.get_ref().to_string(), span.clone()));
                        }
                    }
                }
                DeValue::Table(kept)
            }
            _ => {
                self.errors.extend(error);
                return None;
            }
        };
        // What is left of a list or a table may still be wrong as a whole
        // (a key missing from it), or wrong only for what was set aside.
        let kept = Spanned::new(span, kept);
        match self.probe(path, &kept) {
            None => Some(kept),
            Some(error) => {
                if !self.aside.ours(&error, &self.whole) {
                    self.errors.push(error);
                }
                None
            }
        }
    }

    /// Reads the whole document once its faulty parts are set aside: what
    /// is left are keys missing at the top, each filled with a stand-in so
    /// that the rest is still checked.
    fn finish(self, text: &str, mut table: Spanned<DeTable<'i>>) -> (Option<T>, SetAside, Errors) {
        let Finder {
            whole,
            mut aside,
            mut errors,
            ..
        } = self;
        let mut filled: Vec<String> = Vec::new();
        let value = loop {
            let error = match T::deserialize(Deserializer::from(table.clone())) {
                Ok(value) => break Some(value),
                Err(error) => error,
            };
            let at = error.span().map_or(usize::MAX, |s| s.start);
            let missing = missing(&error);
            if !aside.ours(&error, &whole) {
                errors.push(error.clone());
            }
            match missing {
                Some(key) if error.span().is_none_or(|s| s == whole) => {
                    if filled.contains(&key) {
                        break None;
                    }
                    // A stand-in at the end of the text, so the rest is still checked.
                    let end = text.len()..text.len();
                    let stand_in = DeValue::String(Cow::Borrowed("?"));
                    table.get_mut().insert(
                        Spanned::new(end.clone(), Cow::Owned(key.clone())),
                        Spanned::new(end, stand_in),
                    );
                    aside.faulty.push(key.clone());
                    filled.push(key);
                }
                _ => match aside.remove(table.get_mut(), &whole, at) {
                    Some(key) => aside.faulty.push(key),
                    None => break None,
                },
            }
        };
        (value, aside, errors)
    }
}

/// What has been set aside so far.
#[derive(Default)]
struct SetAside {
    /// Each key removed, with the span of the table it was in.
    keys: HashSet<(String, Range<usize>)>,
    /// Where each array that lost an element starts.
    arrays: HashSet<usize>,
    /// The top-level keys with something removed.
    faulty: Vec<String>,
}

impl SetAside {
    /// Whether `error` is of our own making: a key missing because it was
    /// set aside, an array found empty because its elements were.
    fn ours(&self, error: &Error, whole: &Range<usize>) -> bool {
        let at = error.span().map_or(usize::MAX, |s| s.start);
        missing(error).is_some_and(|key| {
            let container = error.span().unwrap_or(whole.clone());
            self.keys.contains(&(key, container))
        }) || self.arrays.contains(&at)
    }

    /// Removes the innermost entry of `table` (whose own span is `span`)
    /// that holds byte `at`: an array's element when that is as deep as it
    /// goes. Returns the key of `table` it was in, or None when nothing
    /// holds `at`.
    fn remove(
        &mut self,
        table: &mut DeTable<'_>,
        span: &Range<usize>,
        at: usize,
    ) -> Option<String> {
        let holds = |span: Range<usize>| span.contains(&at) || span.start == at;
        let key = table
            .iter()
            .find(|(k, v)| holds(k.span()) || holds(extent(v)))
            .map(|(k, _)| k.clone())?;
        let deeper = match table.get_mut(&key) {
            Some(value) => {
                let value_span = value.span();
                match value.get_mut() {
                    DeValue::Table(inner) => self.remove(inner, &value_span, at).is_some(),
                    DeValue::Array(items) => {
                        match items.iter().position(|item| holds(extent(item))) {
                            Some(i) => {
                                let item_span = items[i].span();
                                let within = match items.as_mut()[i].get_mut() {
                                    DeValue::Table(inner) => {
                                        self.remove(inner, &item_span, at).is_some()
                                    }
                                    _ => false,
                                };
                                if !within {
                                    let kept: DeArray<'_> =
                                        std::mem::replace(items, DeArray::new())
                                            .into_iter()
                                            .enumerate()
                                            .filter(|(j, _)| *j != i)
                                            .map(|(_, item)| item)
                                            .collect();
                                    *items = kept;
                                    self.arrays.insert(value_span.start);
                                }
                                true
                            }
                            None => false,
                        }
                    }
                    _ => false,
                }
            }
            None => false,
        };
        let name = key.get_ref().to_string();
        if !deeper {
            table.remove(&key);
            self.keys.insert((name.clone(), span.clone()));
        }
        Some(name)
    }
}

/// The bytes a value covers, nested keys and values included: a `[[pin]]`
/// element's own span is only its header.
fn extent(value: &Value<'_>) -> Range<usize> {
    let mut range = value.span();
    let mut widen = |r: Range<usize>| {
        range.start = range.start.min(r.start);
        range.end = range.end.max(r.end);
    };
    match value.get_ref() {
        DeValue::Array(items) => items.iter().for_each(|i| widen(extent(i))),
        DeValue::Table(table) => {
            for (k, v) in table {
                widen(k.span());
                widen(extent(v));
            }
        }
        _ => {}
    }
    range
}
