//! The orders that were not printed, and why: as reported on standard error and as written
//! to the `--rejected` file.

use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;
use shiplabel::{Label, Rejection};

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
        Rejection::Invalid(errors) => errors
            .iter()
            .map(|e| Problem {
                field: Some(e.field().to_owned()),
                code: e.kind().code().to_owned(),
                message: e.message().to_owned(),
            })
            .collect(),
        Rejection::Layout(error) => {
            let text = error.to_string();
            // The error's text starts with its field; the field has a place of its own.
            let message = error
                .field()
                .and_then(|f| text.strip_prefix(&format!("{f}: ")))
                .unwrap_or(&text)
                .to_owned();
            vec![Problem {
                field: error.field().map(str::to_owned),
                code: "layout".to_owned(),
                message,
            }]
        }
        _ => vec![Problem {
            field: None,
            code: "rejected".to_owned(),
            message: reason.to_string(),
        }],
    }
}

/// One order's JSON text as a `Label`, or the first problem with the path
/// serde_path_to_error gives (`recipient.address: unknown field `postcod``), syntax errors
/// such as a lone surrogate escape (`"\ud800"`) included. A value of the wrong type is
/// placed by its path alone; a syntax error also by its line and column in the order's
/// text. Deeply nested JSON is refused at its first value of the wrong type.
pub fn parse_order(raw: &RawValue) -> Result<Label, Problem> {
    let mut parser = serde_json::Deserializer::from_str(raw.get());
    serde_path_to_error::deserialize(&mut parser).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let mut message = inner.to_string();
        if inner.is_data() {
            let position = format!(" at line {} column {}", inner.line(), inner.column());
            if let Some(stripped) = message.strip_suffix(&position) {
                message = stripped.to_owned();
            }
        }
        Problem {
            field: (path != ".").then_some(path),
            code: if inner.is_data() {
                "invalid_shape"
            } else {
                "invalid_json"
            }
            .to_owned(),
            message,
        }
    })
}

/// The order number in an order as given, if it has one.
fn order_number(order: &RawValue) -> Option<String> {
    let value: Value = serde_json::from_str(order.get()).ok()?;
    let number = value.pointer("/order/number")?.as_str()?.trim();
    (!number.is_empty()).then(|| number.to_owned())
}
