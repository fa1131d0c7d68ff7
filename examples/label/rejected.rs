//! The orders that were not printed, and why: as reported on standard error and as written
//! to the `--rejected` file.

use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;
use shiplabel::{Label, Rejection, ValidLabel, ValidationError};

/// One problem with an order.
#[derive(Debug, Serialize)]
pub struct Problem {
    pub field: Option<String>,
    pub code: String,
    pub message: String,
}

/// An order that was not printed: the order exactly as it was in the input (a reference to
/// its text), and why.
#[derive(Debug, Serialize)]
pub struct RejectedOrder<'a> {
    pub index: usize,
    pub order_number: Option<String>,
    pub errors: Vec<Problem>,
    pub order: &'a RawValue,
}

impl<'a> RejectedOrder<'a> {
    /// The order at `index` in the input, text `order`, set aside for `errors`.
    pub fn new(index: usize, order: &'a RawValue, errors: Vec<Problem>) -> Self {
        RejectedOrder {
            index,
            order_number: order_number(order),
            errors,
            order,
        }
    }

    /// The lines reported for it: `[index] order NUMBER: field: message`, the index when
    /// the input held several orders.
    pub fn lines(&self, is_array: bool) -> impl Iterator<Item = String> + '_ {
        let mut prefix = String::new();
        if is_array {
            prefix.push_str(&format!("[{}] ", self.index));
        }
        if let Some(number) = &self.order_number {
            prefix.push_str(&format!("order {number}: "));
        }
        self.errors.iter().map(move |p| match &p.field {
            Some(field) => format!("{prefix}{field}: {}", p.message),
            None => format!("{prefix}{}", p.message),
        })
    }
}

/// The problems behind a rejection.
pub fn problems(reason: &Rejection) -> Vec<Problem> {
    match reason {
        Rejection::Invalid(errors) => errors.iter().map(Problem::from).collect(),
        Rejection::Layout(error) => vec![Problem {
            field: error.field().map(str::to_owned),
            code: error.code().to_owned(),
            message: error.message(),
        }],
        _ => vec![Problem {
            field: None,
            code: "rejected".to_owned(),
            message: reason.to_string(),
        }],
    }
}

/// An order read from its JSON: every mistake in its shape and, on top, validation's
/// problems with what could be read (a typo does not hide a bad postcode).
pub fn parse_order(raw: &RawValue) -> Result<Label, Vec<Problem>> {
    Label::from_json(raw.get()).map_err(|_| {
        let errors = match ValidLabel::from_json(raw.get()) {
            Err(errors) => errors.into_vec(),
            Ok(_) => Vec::new(),
        };
        errors.iter().map(Problem::from).collect()
    })
}

impl From<&ValidationError> for Problem {
    fn from(e: &ValidationError) -> Problem {
        Problem {
            field: (!e.field().is_empty()).then(|| e.field().to_owned()),
            code: e.kind().code().to_owned(),
            message: e.message().to_owned(),
        }
    }
}

/// The order number in an order as given, if it has one.
fn order_number(order: &RawValue) -> Option<String> {
    let value: Value = serde_json::from_str(order.get()).ok()?;
    let number = value.pointer("/order/number")?.as_str()?.trim();
    (!number.is_empty()).then(|| number.to_owned())
}
