//! Errors and reports as JSON: each problem `{"field", "code", "message"}` (the field `null`
//! when the problem is about no field), a run's rejected orders with theirs.

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::batch::{Rejected, Rejection};
use crate::error::RenderError;
use crate::layout::LayoutError;
use crate::validate::{ErrorKind, ValidationError, ValidationErrors};

/// One problem: where, what kind, what is wrong.
fn problem<S: Serializer>(
    serializer: S,
    field: Option<&str>,
    code: &str,
    message: &str,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Problem", 3)?;
    s.serialize_field("field", &field)?;
    s.serialize_field("code", code)?;
    s.serialize_field("message", message)?;
    s.end()
}

/// Its code: `"invalid_postcode"`.
impl Serialize for ErrorKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// From its code.
impl<'de> Deserialize<'de> for ErrorKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ErrorKind, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

/// `{"field": "recipient.address.postcode", "code": "invalid_postcode", "message": "…"}`.
impl Serialize for ValidationError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        problem(
            serializer,
            Some(self.field()),
            self.kind().code(),
            self.message(),
        )
    }
}

/// The same three fields back: what an API client sends back or stores.
impl<'de> Deserialize<'de> for ValidationError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ValidationError, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wire {
            field: String,
            code: ErrorKind,
            message: String,
        }
        let wire = Wire::deserialize(deserializer)?;
        Ok(ValidationError::new(wire.field, wire.code, wire.message))
    }
}

/// An array of the errors, in order.
impl Serialize for ValidationErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for error in self.iter() {
            seq.serialize_element(error)?;
        }
        seq.end()
    }
}

/// An array of errors.
impl<'de> Deserialize<'de> for ValidationErrors {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ValidationErrors, D::Error> {
        let errors = Vec::<ValidationError>::deserialize(deserializer)?;
        Ok(ValidationErrors::new(errors))
    }
}

/// `{"field": "order.number" or null, "code": "barcode_too_wide", "message": "…"}`.
impl Serialize for LayoutError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        problem(serializer, self.field(), self.code(), &self.message())
    }
}

/// The order's problems, as an array of `{"field", "code", "message"}`.
impl Serialize for Rejection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Rejection::Invalid(errors) => errors.serialize(serializer),
            Rejection::Layout(error) => {
                let mut seq = serializer.serialize_seq(Some(1))?;
                seq.serialize_element(error)?;
                seq.end()
            }
        }
    }
}

/// `{"index": 3, "order_number": "TT-7", "errors": [...], "label": {...}}`: the order as it
/// was given, so that none is lost.
impl Serialize for Rejected {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Rejected", 4)?;
        s.serialize_field("index", &self.index)?;
        s.serialize_field("order_number", &self.order_number)?;
        s.serialize_field("errors", &self.reason)?;
        s.serialize_field("label", &self.label)?;
        s.end()
    }
}

/// `{"code": "rejected", "message": "…"}`, with `"rejected": [...]` for rejected orders.
impl Serialize for RenderError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rejected = match self {
            RenderError::Rejected { rejected, .. } => Some(rejected),
            _ => None,
        };
        let mut s = serializer.serialize_struct("RenderError", 3)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        match rejected {
            Some(rejected) => s.serialize_field("rejected", rejected)?,
            None => s.skip_field("rejected")?,
        }
        s.end()
    }
}
