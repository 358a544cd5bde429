//! A serde deserializer over a text's significant events: each value goes
//! to the visitor that `toml`'s own deserializer would call with it, and
//! anything it wouldn't read the same way gives up.

use std::borrow::Cow;

use serde::de::value::{CowStrDeserializer, Error};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{Event, EventKind};
use toml_parser::{ParseError, Source};

use super::{Placed, find_byte};

/// The `[[name]]` tables that `events` (the significant events of `text`)
/// give, each with the span of its header; None if they give anything
/// else, or anything wrong.
pub(super) fn tables<T: DeserializeOwned>(
    text: &str,
    events: &[Event],
    name: &str,
) -> Option<Vec<Placed<T>>> {
    let mut cursor = Cursor {
        source: Source::new(text),
        events,
        at: 0,
    };
    let mut tables = Vec::new();
    while let Some(open) = cursor.next() {
        if open.kind() != EventKind::ArrayTableOpen {
            return None;
        }
        let key = cursor.next_of(EventKind::SimpleKey)?;
        if cursor.key(key).ok()? != name {
            return None;
        }
        let close = cursor.next_of(EventKind::ArrayTableClose)?;
        let table = T::deserialize(Value {
            cursor: &mut cursor,
            table: Some(Table::Header),
        })
        .ok()?;
        tables.push((open.span().start()..close.span().end(), table));
    }
    Some(tables)
}

/// Where in a text's significant events the reading is.
struct Cursor<'e, 'de> {
    source: Source<'de>,
    events: &'e [Event],
    at: usize,
}

impl<'de> Cursor<'_, 'de> {
    fn peek(&self) -> Option<EventKind> {
        self.events.get(self.at).map(Event::kind)
    }

    fn next(&mut self) -> Option<Event> {
        let event = self.events.get(self.at).copied();
        self.at += 1;
        event
    }

    fn next_of(&mut self, kind: EventKind) -> Option<Event> {
        self.next().filter(|e| e.kind() == kind)
    }

    fn key(&self, event: Event) -> Result<Cow<'de, str>, Error> {
        let raw = self.source.get(event).ok_or_else(gave_up)?;
        // A bare key of the letters, digits, `_` and `-` that TOML allows
        // in one is itself, as the decoder would find.
        let bare = |b: u8| b.is_ascii_alphanumeric() | (b == b'_') | (b == b'-');
        if event.encoding().is_none()
            && !raw.is_empty()
            && find_byte(raw.as_bytes(), |b| !bare(b)).is_none()
        {
            return Ok(Cow::Borrowed(raw.as_str()));
        }
        let mut key = Cow::Borrowed("");
        let mut problem: Option<ParseError> = None;
        raw.decode_key(&mut key, &mut problem);
        match problem {
            None => Ok(key),
            Some(_) => Err(gave_up()),
        }
    }

    fn scalar(&self, event: Event) -> Result<(ScalarKind, Cow<'de, str>), Error> {
        let raw = self.source.get(event).ok_or_else(gave_up)?;
        // A quoted string without escapes or control characters (a tab
        // aside) is its text between the quotes, as the decoder would find;
        // most are, and this finds it several times faster.
        if event.encoding() == Some(Encoding::BasicString)
            && let Some(text) = raw
                .as_str()
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
            && find_byte(text.as_bytes(), |b| {
                (b < 0x20) & (b != b'\t') | (b == 0x7f) | (b == b'\\') | (b == b'"')
            })
            .is_none()
        {
            return Ok((ScalarKind::String, Cow::Borrowed(text)));
        }
        let mut value = Cow::Borrowed("");
        let mut problem: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut value, &mut problem);
        match problem {
            None => Ok((kind, value)),
            Some(_) => Err(gave_up()),
        }
    }
}

/// Why the fast path stopped; never shown, since the thorough path then
/// says what is wrong.
fn gave_up() -> Error {
    de::Error::custom("not read on the fast path")
}

/// Where a table's entries end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    /// At the next `[[name]]` header, or at the end of the text.
    Header,
    /// At its closing brace.
    Inline,
}

/// The next value of the text; with `table`, the entries of the table
/// whose header or opening brace was just read.
struct Value<'a, 'e, 'de> {
    cursor: &'a mut Cursor<'e, 'de>,
    table: Option<Table>,
}

impl<'de> de::Deserializer<'de> for Value<'_, '_, 'de> {
    type Error = Error;

    /// As `toml`'s `ValueDeserializer::deserialize_any` presents each kind of value.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Some(table) = self.table {
            return visit_table(self.cursor, table, visitor);
        }
        let event = self.cursor.next().ok_or_else(gave_up)?;
        match event.kind() {
            EventKind::Scalar => match self.cursor.scalar(event)? {
                (ScalarKind::String, Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
                (ScalarKind::String, Cow::Owned(text)) => visitor.visit_string(text),
                (ScalarKind::Boolean(value), _) => visitor.visit_bool(value),
                (ScalarKind::Integer(radix), digits) => {
                    if let Ok(value) = i64::from_str_radix(&digits, radix.value()) {
                        visitor.visit_i64(value)
                    } else if let Ok(value) = u64::from_str_radix(&digits, radix.value()) {
                        visitor.visit_u64(value)
                    } else {
                        Err(gave_up())
                    }
                }
                (ScalarKind::Float, digits) => match digits.parse::<f64>() {
                    Ok(value) if !value.is_infinite() || digits.contains("inf") => {
                        visitor.visit_f64(value)
                    }
                    _ => Err(gave_up()),
                },
                (ScalarKind::DateTime, _) => Err(gave_up()),
            },
            EventKind::ArrayOpen => {
                let mut items = Items {
                    cursor: self.cursor,
                    done: false,
                };
                let value = visitor.visit_seq(&mut items)?;
                if items.done {
                    Ok(value)
                } else {
                    Err(gave_up())
                }
            }
            EventKind::InlineTableOpen => visit_table(self.cursor, Table::Inline, visitor),
            _ => Err(gave_up()),
        }
    }

    /// TOML has no null: a value that is there is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum is written as its variant's name, in quotes.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.table.is_some() {
            return Err(gave_up());
        }
        let event = self.cursor.next().ok_or_else(gave_up)?;
        if event.kind() != EventKind::Scalar {
            return Err(gave_up());
        }
        match self.cursor.scalar(event)? {
            (ScalarKind::String, text) => {
                let text: CowStrDeserializer<'de, Error> = text.into_deserializer();
                visitor.visit_enum(text)
            }
            _ => Err(gave_up()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string seq
        bytes byte_buf map unit ignored_any unit_struct tuple_struct tuple
        identifier struct
    }
}

/// Hands a table's entries to `visitor`, and checks that it took them all.
fn visit_table<'de, V: Visitor<'de>>(
    cursor: &mut Cursor<'_, 'de>,
    table: Table,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut entries = Entries {
        cursor,
        table,
        done: false,
    };
    let value = visitor.visit_map(&mut entries)?;
    if entries.done {
        Ok(value)
    } else {
        Err(gave_up())
    }
}

/// An array's items, up to its closing bracket.
struct Items<'a, 'e, 'de> {
    cursor: &'a mut Cursor<'e, 'de>,
    done: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, '_, 'de> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        if self.cursor.peek() == Some(EventKind::ArrayClose) {
            self.cursor.next();
            self.done = true;
            return Ok(None);
        }
        let item = seed.deserialize(Value {
            cursor: &mut *self.cursor,
            table: None,
        })?;
        if self.cursor.peek() == Some(EventKind::ValueSep) {
            self.cursor.next();
        }
        Ok(Some(item))
    }
}

/// A table's `key = value` entries; a dotted key gives up.
struct Entries<'a, 'e, 'de> {
    cursor: &'a mut Cursor<'e, 'de>,
    table: Table,
    done: bool,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match (self.table, self.cursor.peek()) {
            (Table::Header, None | Some(EventKind::ArrayTableOpen))
            | (Table::Inline, Some(EventKind::InlineTableClose)) => {
                if self.table == Table::Inline {
                    self.cursor.next();
                }
                self.done = true;
                Ok(None)
            }
            (_, Some(EventKind::SimpleKey)) => {
                let event = self.cursor.next().ok_or_else(gave_up)?;
                let key = self.cursor.key(event)?;
                self.cursor
                    .next_of(EventKind::KeyValSep)
                    .ok_or_else(gave_up)?;
                let key: CowStrDeserializer<'de, Error> = key.into_deserializer();
                seed.deserialize(key).map(Some)
            }
            _ => Err(gave_up()),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let value = seed.deserialize(Value {
            cursor: &mut *self.cursor,
            table: None,
        })?;
        if self.table == Table::Inline && self.cursor.peek() == Some(EventKind::ValueSep) {
            self.cursor.next();
        }
        Ok(value)
    }
}
