//! The input, read within bounds: at most [`MAX_JSON_BYTES`] of JSON holding at most
//! [`MAX_ORDERS`] orders, each kept as a reference to its text, so the run's memory is the
//! input's size and a few bytes per order, whatever the input holds.

use std::io::Read;
use std::path::PathBuf;

use serde::de::{Deserializer as _, Error as _, SeqAccess, Visitor};
use serde_json::value::RawValue;
use shiplabel::{MAX_JSON_BYTES, MAX_ORDERS};

use crate::report::path_text;

/// Where the orders come from.
#[derive(Debug)]
pub enum Source {
    /// A file.
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
    /// The built-in sample order, when no input is named.
    Sample,
}

impl Source {
    /// How messages name it.
    pub fn name(&self) -> String {
        match self {
            Source::Path(path) => path_text(path),
            Source::Stdin => "standard input".to_owned(),
            Source::Sample => "the sample order".to_owned(),
        }
    }

    /// Reads the whole input, refusing more than [`MAX_JSON_BYTES`] without holding more.
    pub fn read(&self) -> Result<String, String> {
        let fail = |e: std::io::Error| format!("{}: {e}", self.name());
        let mut bytes = Vec::new();
        // One byte more than the limit tells an input at the limit from a larger one.
        let limit = u64::try_from(MAX_JSON_BYTES).map_or(u64::MAX, |max| max.saturating_add(1));
        match self {
            Source::Path(path) => {
                let file = std::fs::File::open(path).map_err(fail)?;
                file.take(limit).read_to_end(&mut bytes).map_err(fail)?;
            }
            Source::Stdin => {
                std::io::stdin()
                    .lock()
                    .take(limit)
                    .read_to_end(&mut bytes)
                    .map_err(fail)?;
            }
            Source::Sample => {
                return serde_json::to_string(&shiplabel::Label::sample())
                    .map_err(|e| format!("{}: {e}", self.name()));
            }
        }
        if bytes.len() > MAX_JSON_BYTES {
            return Err(format!(
                "{}: larger than {MAX_JSON_BYTES} bytes, the most read at once; split it",
                self.name()
            ));
        }
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "{}: not UTF-8 text (byte {} is not)",
                self.name(),
                e.utf8_error().valid_up_to()
            )
        })
    }
}

/// The orders of an input, each exactly as it was written.
#[derive(Debug)]
pub struct Orders<'a> {
    pub values: Vec<&'a RawValue>,
    /// Whether the input was an array or JSON Lines (messages then give each order's index).
    pub is_array: bool,
}

/// Splits `text` into orders: one order object, an array of them, or JSON Lines (one per
/// line); more than [`MAX_ORDERS`] is an error as soon as the one too many is reached.
pub fn split(text: &str) -> Result<Orders<'_>, String> {
    let too_many = || format!("more than {MAX_ORDERS} orders, the most read at once; split it");
    let mut values: Vec<&RawValue> = Vec::new();
    for value in serde_json::Deserializer::from_str(text).into_iter::<&RawValue>() {
        if values.len() == MAX_ORDERS {
            return Err(too_many());
        }
        values.push(value.map_err(|e| format!("not JSON: {e}"))?);
    }
    match values.as_slice() {
        [one] if one.get().starts_with('[') => {
            let orders = serde_json::Deserializer::from_str(one.get())
                .deserialize_seq(Bounded)
                .map_err(|e| {
                    if e.is_data() {
                        too_many()
                    } else {
                        format!("not JSON: {e}")
                    }
                })?;
            Ok(Orders {
                values: orders,
                is_array: true,
            })
        }
        [_] => Ok(Orders {
            values,
            is_array: false,
        }),
        _ => Ok(Orders {
            values,
            is_array: true,
        }),
    }
}

/// An array's elements as references to their text, at most [`MAX_ORDERS`] of them.
struct Bounded;

impl<'de> Visitor<'de> for Bounded {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of orders")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = seq.next_element::<&'de RawValue>()? {
            if values.len() == MAX_ORDERS {
                return Err(A::Error::custom("too many orders"));
            }
            values.push(value);
        }
        Ok(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_order_an_array_or_json_lines() {
        let one = split(r#" {"a": 1} "#).unwrap();
        assert_eq!((one.values.len(), one.is_array), (1, false));
        assert_eq!(one.values[0].get(), r#"{"a": 1}"#);
        let array = split(r#"[{"a": 1},  {"b": [2]}]"#).unwrap();
        assert_eq!((array.values.len(), array.is_array), (2, true));
        assert_eq!(array.values[1].get(), r#"{"b": [2]}"#);
        let lines = split("{\"a\": 1}\n{\"b\": 2}\n").unwrap();
        assert_eq!((lines.values.len(), lines.is_array), (2, true));
        assert!(
            split("{\"a\": 1}\n{\"b\": ")
                .unwrap_err()
                .starts_with("not JSON: ")
        );
    }

    #[test]
    fn more_orders_than_the_limit_are_refused_in_every_form() {
        let message = format!("more than {MAX_ORDERS} orders, the most read at once; split it");
        let lines = "0\n".repeat(MAX_ORDERS + 1);
        assert_eq!(split(&lines).err(), Some(message.clone()));
        assert_eq!(
            split(&"0\n".repeat(MAX_ORDERS)).unwrap().values.len(),
            MAX_ORDERS
        );
        let array = format!("[{}0]", "0,".repeat(MAX_ORDERS));
        assert_eq!(split(&array).err(), Some(message));
        let array = format!("[{}0]", "0,".repeat(MAX_ORDERS - 1));
        assert_eq!(split(&array).unwrap().values.len(), MAX_ORDERS);
    }
}
