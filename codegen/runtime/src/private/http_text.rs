//! Members bound to URI labels, query parameters and headers, written and read as text: the
//! generic halves of the generated `write_http` and `read_http`. A generated method names the
//! member and its binding; the conversions and the error messages are written once, here.
//!
//! Types with one text form per place implement [`Text`] (strings, booleans, numbers, blobs as
//! base64, timestamps in the place's default format). Everything else (enums, a header string
//! with a `@mediaType`, a timestamp with its own `@timestampFormat`) goes through the `_with`
//! methods, which take the conversion from the generated code.

use std::time::SystemTime;

use crate::__private::protocol::{
    Incoming, Outgoing, ReadError, TimeFormat, f32_text, f64_text, parse_bool, parse_f32,
    parse_f64, parse_time, quote_list_item, split_header_list, split_http_dates, time_text,
};
use crate::error::SerializeError;
use crate::primitives::{BigDecimal, BigInteger};

/// Where a text value goes: it decides a timestamp's default format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A URI label.
    Label,
    /// A query parameter.
    Query,
    /// A header.
    Header,
}

impl Place {
    /// The default timestamp format: HTTP dates in headers, RFC 3339 elsewhere.
    fn time_format(self) -> TimeFormat {
        match self {
            Place::Header => TimeFormat::HttpDate,
            Place::Label | Place::Query => TimeFormat::DateTime,
        }
    }
}

/// A value with one text form in each [`Place`].
pub trait Text: Sized {
    /// Whether items of a header list are quoted when they hold a comma or a quote (not HTTP
    /// dates, whose comma is part of the format).
    const QUOTED_IN_LISTS: bool = true;
    /// The text.
    fn to_text(&self, place: Place) -> Result<String, SerializeError>;
    /// The value of a text; `None` when it is not one.
    fn from_text(text: &str, place: Place) -> Option<Self>;
}

impl Text for String {
    fn to_text(&self, _: Place) -> Result<String, SerializeError> {
        Ok(self.clone())
    }
    fn from_text(text: &str, _: Place) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl Text for bool {
    fn to_text(&self, _: Place) -> Result<String, SerializeError> {
        Ok(self.to_string())
    }
    fn from_text(text: &str, _: Place) -> Option<Self> {
        parse_bool(text)
    }
}

macro_rules! text_integer {
    ($($t:ty),*) => {$(
        impl Text for $t {
            fn to_text(&self, _: Place) -> Result<String, SerializeError> {
                Ok(self.to_string())
            }
            fn from_text(text: &str, _: Place) -> Option<Self> {
                text.parse().ok()
            }
        }
    )*};
}
text_integer!(i8, i16, i32, i64);

impl Text for f32 {
    fn to_text(&self, _: Place) -> Result<String, SerializeError> {
        Ok(f32_text(*self))
    }
    fn from_text(text: &str, _: Place) -> Option<Self> {
        parse_f32(text)
    }
}

impl Text for f64 {
    fn to_text(&self, _: Place) -> Result<String, SerializeError> {
        Ok(f64_text(*self))
    }
    fn from_text(text: &str, _: Place) -> Option<Self> {
        parse_f64(text)
    }
}

/// Blobs are base64.
impl Text for Vec<u8> {
    fn to_text(&self, _: Place) -> Result<String, SerializeError> {
        Ok(crate::__private::json::base64_encode(self))
    }
    fn from_text(text: &str, _: Place) -> Option<Self> {
        crate::__private::json::base64_decode(text)
    }
}

impl Text for SystemTime {
    const QUOTED_IN_LISTS: bool = false;
    fn to_text(&self, place: Place) -> Result<String, SerializeError> {
        time_text(*self, place.time_format())
    }
    fn from_text(text: &str, place: Place) -> Option<Self> {
        parse_time(text, place.time_format())
    }
}

impl Text for BigInteger {
    fn to_text(&self, _: Place) -> Result<String, SerializeError> {
        Ok(self.as_str().to_owned())
    }
    fn from_text(text: &str, _: Place) -> Option<Self> {
        BigInteger::parse(text)
    }
}

impl Text for BigDecimal {
    fn to_text(&self, _: Place) -> Result<String, SerializeError> {
        Ok(self.as_str().to_owned())
    }
    fn from_text(text: &str, _: Place) -> Option<Self> {
        BigDecimal::parse(text)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

impl Outgoing {
    /// Sets label `name` to `value`.
    pub fn label_text<T: Text>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), SerializeError> {
        let text = value.to_text(Place::Label)?;
        self.label(name, text);
        Ok(())
    }

    /// Adds query parameter `name` with `value`.
    pub fn query_text<T: Text>(&mut self, name: &str, value: &T) -> Result<(), SerializeError> {
        let text = value.to_text(Place::Query)?;
        self.query(name, &text);
        Ok(())
    }

    /// Adds query parameter `name` once per item.
    pub fn query_list<'v, T: Text + 'v>(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = &'v T>,
    ) -> Result<(), SerializeError> {
        for item in items {
            self.query_text(name, item)?;
        }
        Ok(())
    }

    /// Sets header `name` to `value`.
    pub fn header_text<T: Text>(&mut self, name: &str, value: &T) -> Result<(), SerializeError> {
        let text = value.to_text(Place::Header)?;
        self.header(name, &text)
    }

    /// Sets header `name` to the items, comma-separated (quoted where needed).
    pub fn header_list<'v, T: Text + 'v>(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = &'v T>,
    ) -> Result<(), SerializeError> {
        let mut texts = Vec::new();
        for item in items {
            let text = item.to_text(Place::Header)?;
            texts.push(if T::QUOTED_IN_LISTS {
                quote_list_item(&text)
            } else {
                text
            });
        }
        self.header(name, &texts.join(", "))
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// The error for a text that is not a value of the member's type.
#[cold]
fn invalid(place: Place, name: &str) -> ReadError {
    ReadError::Binding(match place {
        Place::Label => format!("label `{name}` has an invalid value"),
        Place::Query => format!("query parameter `{name}` has an invalid value"),
        Place::Header => format!("header `{name}` has an invalid value"),
    })
}

/// Parses one text; an error naming the place when it is not a value.
fn parse<T>(
    text: &str,
    place: Place,
    name: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, ReadError> {
    parse(text).ok_or_else(|| invalid(place, name))
}

impl Incoming<'_> {
    /// Label `name` read through `from` (`None` when absent).
    pub fn label_with<T>(
        &self,
        name: &str,
        from: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, ReadError> {
        self.label(name)
            .map(|text| parse(text, Place::Label, name, from))
            .transpose()
    }

    /// Label `name` (`None` when absent).
    pub fn label_text<T: Text>(&self, name: &str) -> Result<Option<T>, ReadError> {
        self.label_with(name, |text| T::from_text(text, Place::Label))
    }

    /// The first value of query parameter `name` read through `from`.
    pub fn query_with<T>(
        &self,
        name: &str,
        from: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, ReadError> {
        self.query_value(name)
            .map(|text| parse(text, Place::Query, name, from))
            .transpose()
    }

    /// The first value of query parameter `name`.
    pub fn query_text<T: Text>(&self, name: &str) -> Result<Option<T>, ReadError> {
        self.query_with(name, |text| T::from_text(text, Place::Query))
    }

    /// Every value of query parameter `name`, each read through `from`.
    pub fn query_list_with<T>(
        &self,
        name: &str,
        from: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<Vec<T>>, ReadError> {
        self.query_values(name)
            .map(|items| {
                items
                    .into_iter()
                    .map(|text| parse(text, Place::Query, name, &from))
                    .collect()
            })
            .transpose()
    }

    /// Every value of query parameter `name`.
    pub fn query_list<T: Text>(&self, name: &str) -> Result<Option<Vec<T>>, ReadError> {
        self.query_list_with(name, |text| T::from_text(text, Place::Query))
    }

    /// Header `name` read through `from`.
    pub fn header_with<T>(
        &self,
        name: &str,
        from: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, ReadError> {
        self.header(name)
            .map_err(ReadError::Binding)?
            .map(|text| parse(&text, Place::Header, name, from))
            .transpose()
    }

    /// Header `name`.
    pub fn header_text<T: Text>(&self, name: &str) -> Result<Option<T>, ReadError> {
        self.header_with(name, |text| T::from_text(text, Place::Header))
    }

    /// Header `name` as a comma-separated list, split with `split` (HTTP dates hold a comma
    /// each) and each item read through `from`.
    pub fn header_list_with<T>(
        &self,
        name: &str,
        split: fn(&str) -> Vec<String>,
        from: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<Vec<T>>, ReadError> {
        self.header_with(name, |text| {
            split(text).iter().map(|item| from(item)).collect()
        })
    }

    /// Header `name` as a comma-separated list.
    pub fn header_list<T: Text>(&self, name: &str) -> Result<Option<Vec<T>>, ReadError> {
        let split = if T::QUOTED_IN_LISTS {
            split_header_list
        } else {
            split_http_dates
        };
        self.header_list_with(name, split, |text| T::from_text(text, Place::Header))
    }

    /// A member that a client holds as optional but a server requires (`@clientOptional` and
    /// `@required`): for a server an absent one is recorded as missing. The value is unchanged.
    pub fn required_by_server<T>(
        &self,
        value: Option<T>,
        member: &str,
        missing: &mut Vec<String>,
    ) -> Option<T> {
        if value.is_none() && self.server {
            missing.push(format!("/{member}"));
        }
        value
    }

    /// A member whose `@default` only a server fills: for a server an absent one takes
    /// `default()`; a client keeps it absent.
    pub fn default_by_server<T>(&self, value: Option<T>, default: impl FnOnce() -> T) -> Option<T> {
        match value {
            None if self.server => Some(default()),
            value => value,
        }
    }

    /// A required member's value: an error when it is absent, or for a server a recorded
    /// path and a placeholder (see [`crate::__private::protocol::missing_binding`]).
    pub fn required<T: crate::__private::json::Placeholder>(
        &self,
        value: Option<T>,
        member: &str,
        location: &str,
        missing: &mut Vec<String>,
    ) -> Result<T, ReadError> {
        match value {
            Some(value) => Ok(value),
            None => {
                crate::__private::protocol::missing_binding(member, location, self.server, missing)
            }
        }
    }
}
