//! Orders from JSON with every shape mistake found in one pass, each a [`ValidationError`]
//! with its field path: a typo (`recipient.address.postcod`: `unknown_field`), a number
//! where text belongs (`invalid_type`), a required field left out (`missing_field`), a field
//! given twice (`duplicate_field`), text that is not JSON (`invalid_json`).
//!
//! The order types' own reading ([`serde`]) stops at the first mistake; this module reads
//! the JSON as a tree, checks it against the order format field by field, and builds the
//! order from what is sound, so validation can report the rest on top.

use std::io::Read;

use serde_json::{Map, Value};

use crate::limits::MAX_JSON_BYTES;
use crate::model::{Address, Customs, CustomsItem, Label, Order, Party, TaxId};
use crate::validate::{ErrorKind, ValidLabel, ValidationError, ValidationErrors};

/// A field's type in the order format.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Number,
    TextList,
    Object(&'static [Field]),
    ObjectList(&'static [Field]),
}

/// A field of an object: name, type, required.
type Field = (&'static str, Kind, bool);

const ORDER: &[Field] = &[
    ("number", Kind::Text, true),
    ("tracking", Kind::Text, false),
    ("carrier", Kind::Text, false),
    ("service", Kind::Text, false),
    ("weight_grams", Kind::Number, false),
];
const ADDRESS: &[Field] = &[
    ("lines", Kind::TextList, true),
    ("city", Kind::Text, false),
    ("city_area", Kind::Text, false),
    ("region", Kind::Text, false),
    ("postcode", Kind::Text, false),
    ("sorting_code", Kind::Text, false),
    ("country", Kind::Text, true),
];
const PARTY: &[Field] = &[
    ("name", Kind::Text, true),
    ("company", Kind::Text, false),
    ("phone", Kind::Text, false),
    ("address", Kind::Object(ADDRESS), true),
];
const ITEM: &[Field] = &[
    ("description", Kind::Text, true),
    ("quantity", Kind::Number, true),
    ("weight_grams", Kind::Number, true),
    ("value", Kind::Text, true),
    ("currency", Kind::Text, true),
    ("hs_code", Kind::Text, true),
    ("origin_country", Kind::Text, true),
];
const TAX_ID: &[Field] = &[("kind", Kind::Text, true), ("id", Kind::Text, true)];
const CUSTOMS: &[Field] = &[
    ("form", Kind::Text, false),
    ("value_sdr", Kind::Text, false),
    ("contents", Kind::Text, true),
    ("explanation", Kind::Text, false),
    ("non_delivery", Kind::Text, false),
    ("items", Kind::ObjectList(ITEM), true),
    ("invoice", Kind::Text, false),
    ("licence", Kind::Text, false),
    ("certificate", Kind::Text, false),
    ("exporter_reference", Kind::Text, false),
    ("importer_reference", Kind::Text, false),
    ("importer_contact", Kind::Text, false),
    ("tax_ids", Kind::ObjectList(TAX_ID), false),
    ("postage", Kind::Text, false),
    ("signer", Kind::Text, true),
    ("date", Kind::Text, true),
];
const LABEL: &[Field] = &[
    ("order", Kind::Object(ORDER), true),
    ("recipient", Kind::Object(PARTY), true),
    ("seller", Kind::Object(PARTY), true),
    ("customs", Kind::Object(CUSTOMS), false),
];

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// What a JSON value is, for messages: `a number (42)`.
fn found(value: &Value) -> String {
    let shown = |v: &Value| {
        let text = v.to_string();
        if text.chars().count() > 40 {
            let cut: String = text.chars().take(37).collect();
            format!("{cut}...")
        } else {
            text
        }
    };
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(_) => format!("a number ({})", shown(value)),
        Value::String(_) => format!("text ({})", shown(value)),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The known field nearest to `name` (a typo), if one is near.
fn near<'a>(name: &str, fields: &'a [Field]) -> Option<&'a str> {
    fields
        .iter()
        .map(|f| (distance(name, f.0), f.0))
        .filter(|&(d, known)| d <= 2.max(known.len() / 4))
        .min_by_key(|&(d, _)| d)
        .map(|(_, known)| known)
}

/// Edit distance (insertions, deletions, substitutions) between two short names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let best = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(left + 1);
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// Checks `value` as an object of `fields` at `path`, pushing every mistake.
fn check_object(value: &Value, fields: &[Field], path: &str, errors: &mut Vec<ValidationError>) {
    let Value::Object(map) = value else {
        errors.push(ValidationError::new(
            path,
            ErrorKind::InvalidType,
            format!("expected an object, found {}", found(value)),
        ));
        return;
    };
    for (name, child) in map {
        let Some(&(_, kind, _)) = fields.iter().find(|f| f.0 == name) else {
            let hint = match near(name, fields) {
                Some(known) => format!("; did you mean {known:?}?"),
                None => {
                    let names: Vec<&str> = fields.iter().map(|f| f.0).collect();
                    format!("; the fields are {}", names.join(", "))
                }
            };
            errors.push(ValidationError::new(
                join(path, name),
                ErrorKind::UnknownField,
                format!("is not a field of the order format{hint}"),
            ));
            continue;
        };
        let here = join(path, name);
        let required = fields.iter().any(|f| f.0 == name && f.2);
        if child.is_null() && !required {
            continue;
        }
        check_value(child, kind, &here, errors);
    }
    for &(name, _, required) in fields {
        if required && !map.contains_key(name) {
            errors.push(ValidationError::new(
                join(path, name),
                ErrorKind::MissingField,
                "is required",
            ));
        }
    }
}

fn check_value(value: &Value, kind: Kind, path: &str, errors: &mut Vec<ValidationError>) {
    let wrong = |expected: &str, errors: &mut Vec<ValidationError>| {
        errors.push(ValidationError::new(
            path,
            ErrorKind::InvalidType,
            format!("expected {expected}, found {}", found(value)),
        ));
    };
    match kind {
        Kind::Text if !value.is_string() => wrong("text", errors),
        Kind::Number if value.as_u64().is_none_or(|n| n > u64::from(u32::MAX)) => {
            wrong("a whole number from 0 to 4294967295", errors);
        }
        Kind::TextList => match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_value(item, Kind::Text, &format!("{path}[{i}]"), errors);
                }
            }
            _ => wrong("an array of text", errors),
        },
        Kind::Object(fields) => check_object(value, fields, path, errors),
        Kind::ObjectList(fields) => match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_object(item, fields, &format!("{path}[{i}]"), errors);
                }
            }
            _ => wrong("an array of objects", errors),
        },
        Kind::Text | Kind::Number => {}
    }
}

/// Reads the parts of `value` that are sound; the rest are left empty.
struct Lenient<'a>(Option<&'a Map<String, Value>>);

impl<'a> Lenient<'a> {
    fn of(value: Option<&'a Value>) -> Lenient<'a> {
        Lenient(value.and_then(Value::as_object))
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.and_then(|map| map.get(name))
    }

    fn text(&self, name: &str) -> String {
        self.get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    fn optional(&self, name: &str) -> Option<String> {
        self.get(name).and_then(Value::as_str).map(str::to_owned)
    }

    fn number(&self, name: &str) -> Option<u32> {
        self.get(name)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    }

    fn texts(&self, name: &str) -> Vec<String> {
        self.get(name)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn objects(&self, name: &str) -> Vec<Lenient<'a>> {
        self.get(name)
            .and_then(Value::as_array)
            .map(|items| items.iter().map(|v| Lenient::of(Some(v))).collect())
            .unwrap_or_default()
    }

    fn object(&self, name: &str) -> Lenient<'a> {
        Lenient::of(self.get(name))
    }
}

fn address(v: &Lenient<'_>) -> Address {
    Address {
        lines: v.texts("lines"),
        city: v.optional("city"),
        city_area: v.optional("city_area"),
        region: v.optional("region"),
        postcode: v.optional("postcode"),
        sorting_code: v.optional("sorting_code"),
        country: v.text("country"),
    }
}

fn party(v: &Lenient<'_>) -> Party {
    Party {
        name: v.text("name"),
        company: v.optional("company"),
        phone: v.optional("phone"),
        address: address(&v.object("address")),
    }
}

fn customs(v: &Lenient<'_>) -> Customs {
    Customs {
        form: v.optional("form"),
        value_sdr: v.optional("value_sdr"),
        contents: v.text("contents"),
        explanation: v.optional("explanation"),
        non_delivery: v.optional("non_delivery"),
        items: v
            .objects("items")
            .iter()
            .map(|item| CustomsItem {
                description: item.text("description"),
                quantity: item.number("quantity").unwrap_or(0),
                weight_grams: item.number("weight_grams").unwrap_or(0),
                value: item.text("value"),
                currency: item.text("currency"),
                hs_code: item.text("hs_code"),
                origin_country: item.text("origin_country"),
            })
            .collect(),
        invoice: v.optional("invoice"),
        licence: v.optional("licence"),
        certificate: v.optional("certificate"),
        exporter_reference: v.optional("exporter_reference"),
        importer_reference: v.optional("importer_reference"),
        importer_contact: v.optional("importer_contact"),
        tax_ids: v
            .objects("tax_ids")
            .iter()
            .map(|t| TaxId {
                kind: t.text("kind"),
                id: t.text("id"),
            })
            .collect(),
        postage: v.optional("postage"),
        signer: v.text("signer"),
        date: v.text("date"),
    }
}

/// The order as far as `value` gives it soundly.
fn lenient_label(value: &Value) -> Label {
    let root = Lenient::of(Some(value));
    let order = root.object("order");
    let customs_value = root.get("customs").filter(|v| v.is_object());
    Label {
        order: Order {
            number: order.text("number"),
            tracking: order.optional("tracking"),
            carrier: order.optional("carrier"),
            service: order.optional("service"),
            weight_grams: order.number("weight_grams"),
        },
        recipient: party(&root.object("recipient")),
        seller: party(&root.object("seller")),
        customs: customs_value.map(|c| customs(&Lenient::of(Some(c)))),
    }
}

/// The outcome of reading: the order, or its shape mistakes with the order as far as it
/// could be read.
enum Reading {
    Sound(Label),
    Mistaken(Vec<ValidationError>, Option<Label>),
}

fn read(json: &str) -> Reading {
    if json.len() > MAX_JSON_BYTES {
        return Reading::Mistaken(
            vec![ValidationError::new(
                "",
                ErrorKind::TooLong,
                format!(
                    "the JSON is {} bytes; at most {MAX_JSON_BYTES} are read",
                    json.len()
                ),
            )],
            None,
        );
    }
    // The order types' own reading: every rule of the format, a field given twice included.
    // Most orders are sound: read first without keeping the path, which only a mistake's
    // message needs (and which costs an allocation for every key read).
    if let Ok(label) = serde_json::from_str::<Label>(json) {
        return Reading::Sound(label);
    }
    let mut strict = serde_json::Deserializer::from_str(json);
    let first = match serde_path_to_error::deserialize::<_, Label>(&mut strict) {
        Ok(label) if strict.end().is_ok() => return Reading::Sound(label),
        // Text after the order: the tree reading below says where.
        Ok(_) => None,
        Err(e) => Some(e),
    };
    let value: Value = match serde_json::from_str(json) {
        Ok(value) => value,
        Err(e) => {
            // Where the order's own reading stopped, when it got into a field.
            let path = first
                .as_ref()
                .map(|f| f.path().to_string())
                .filter(|p| p != ".")
                .unwrap_or_default();
            return Reading::Mistaken(
                vec![ValidationError::new(
                    path,
                    ErrorKind::InvalidJson,
                    format!("is not JSON: {e}"),
                )],
                None,
            );
        }
    };
    let mut errors = Vec::new();
    check_object(&value, LABEL, "", &mut errors);
    if let Some(first) = first.filter(|_| errors.is_empty()) {
        // Only the strict reading saw it: a field given twice.
        let path = first.path().to_string();
        let inner = first.into_inner();
        let message = inner.to_string();
        let kind = if message.starts_with("duplicate field") {
            ErrorKind::DuplicateField
        } else {
            ErrorKind::InvalidType
        };
        let message = match message.find(" at line ") {
            Some(at) => message.get(..at).unwrap_or(&message).to_owned(),
            None => message,
        };
        let mut path = if path == "." { String::new() } else { path };
        // The field given twice is the one named: `duplicate field `postcode``.
        if kind == ErrorKind::DuplicateField
            && let Some(name) = message.split('`').nth(1)
        {
            path = join(&path, name);
        }
        errors.push(ValidationError::new(path, kind, message));
    }
    let label = value.is_object().then(|| lenient_label(&value));
    Reading::Mistaken(errors, label)
}

impl Label {
    /// One order from JSON, every mistake in its shape at once, each a [`ValidationError`]
    /// with its field path: `unknown_field` (a typo such as `recipient.address.postcod`,
    /// with the field meant), `invalid_type`, `missing_field`, `duplicate_field`, or
    /// `invalid_json` for text that is not JSON. The values are not checked: that is
    /// [`Label::validate`], or [`ValidLabel::from_json`] for both at once.
    ///
    /// # Errors
    ///
    /// Every shape mistake, in the order found.
    ///
    /// # Examples
    ///
    /// ```
    /// let json = r#"{"order": {"number": 42},
    ///   "recipient": {"name": "Oliver Smith",
    ///     "address": {"lines": ["221B Baker Street"], "city": "London", "postcod": "NW1 6XE", "country": "GB"}},
    ///   "seller": {"name": "Atelier Lumière", "address": {"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "country": "FR"}}}"#;
    /// let errors = shiplabel::Label::from_json(json).unwrap_err();
    /// let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.field(), e.kind().code())).collect();
    /// assert_eq!(found, [
    ///     ("order.number", "invalid_type"),
    ///     ("recipient.address.postcod", "unknown_field"),
    /// ]);
    /// assert_eq!(errors.iter().nth(1).unwrap().message(),
    ///     "is not a field of the order format; did you mean \"postcode\"?");
    /// ```
    pub fn from_json(json: &str) -> Result<Label, ValidationErrors> {
        match read(json) {
            Reading::Sound(label) => Ok(label),
            Reading::Mistaken(errors, _) => Err(ValidationErrors::new(errors)),
        }
    }

    /// As [`Label::from_json`], from bytes that must be UTF-8.
    ///
    /// # Errors
    ///
    /// As [`Label::from_json`]; bytes that are not UTF-8 are `invalid_json`.
    ///
    /// ```
    /// let json = serde_json::to_vec(&shiplabel::Label::sample()).unwrap();
    /// assert_eq!(shiplabel::Label::from_json_slice(&json)?, shiplabel::Label::sample());
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn from_json_slice(json: &[u8]) -> Result<Label, ValidationErrors> {
        Label::from_json(utf8(json)?)
    }

    /// As [`Label::from_json`], from a reader (a file, a request body), read whole up to
    /// [`MAX_JSON_BYTES`](crate::MAX_JSON_BYTES).
    ///
    /// # Errors
    ///
    /// As [`Label::from_json`]; a reader that fails, or gives more than the limit or bytes
    /// that are not UTF-8, is `invalid_json` or `too_long`.
    ///
    /// ```
    /// let json = serde_json::to_string(&shiplabel::Label::sample()).unwrap();
    /// let label = shiplabel::Label::from_json_reader(json.as_bytes())?;
    /// assert_eq!(label.order.number, "TT-2026-000123");
    /// # Ok::<(), shiplabel::ValidationErrors>(())
    /// ```
    pub fn from_json_reader(reader: impl std::io::Read) -> Result<Label, ValidationErrors> {
        Label::from_json(&read_all(reader)?)
    }
}

impl ValidLabel {
    /// One order from JSON, read and validated: every mistake in its shape and, on top,
    /// every problem validation finds in the fields that could be read, so a seller's typo
    /// does not hide their bad postcode (fields with a shape mistake are not validated
    /// again).
    ///
    /// # Errors
    ///
    /// Every problem found, shape first.
    ///
    /// # Examples
    ///
    /// ```
    /// let json = r#"{"order": {"number": "TT-7", "weight": 420},
    ///   "recipient": {"name": "Oliver Smith",
    ///     "address": {"lines": ["221B Baker Street"], "city": "London", "postcode": "NW1", "country": "GB"}},
    ///   "seller": {"name": "Atelier Lumière", "address": {"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "country": "FR"}}}"#;
    /// let errors = shiplabel::ValidLabel::from_json(json).unwrap_err();
    /// let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.field(), e.kind().code())).collect();
    /// assert_eq!(found, [
    ///     ("order.weight", "unknown_field"),
    ///     ("recipient.address.postcode", "invalid_postcode"),
    /// ]);
    /// ```
    pub fn from_json(json: &str) -> Result<ValidLabel, ValidationErrors> {
        let (mut errors, label) = match read(json) {
            Reading::Sound(label) => return label.validate(),
            Reading::Mistaken(errors, label) => (errors, label),
        };
        if let Some(label) = label
            && let Err(more) = label.validate()
        {
            let shaped: Vec<String> = errors.iter().map(|e| e.field().to_owned()).collect();
            let covered = |field: &str| {
                shaped.iter().any(|s| {
                    field == s
                        || field
                            .strip_prefix(s.as_str())
                            .is_some_and(|rest| rest.starts_with(['.', '[']))
                })
            };
            errors.extend(more.into_vec().into_iter().filter(|e| !covered(e.field())));
        }
        Err(ValidationErrors::new(errors))
    }
}

fn utf8(json: &[u8]) -> Result<&str, ValidationErrors> {
    std::str::from_utf8(json).map_err(|e| {
        ValidationErrors::new(vec![ValidationError::new(
            "",
            ErrorKind::InvalidJson,
            format!("is not UTF-8 text: {e}"),
        )])
    })
}

fn read_all(reader: impl std::io::Read) -> Result<String, ValidationErrors> {
    let mut bytes = Vec::new();
    let limit = MAX_JSON_BYTES as u64 + 1;
    reader.take(limit).read_to_end(&mut bytes).map_err(|e| {
        ValidationErrors::new(vec![ValidationError::new(
            "",
            ErrorKind::InvalidJson,
            format!("could not be read: {e}"),
        )])
    })?;
    if bytes.len() > MAX_JSON_BYTES {
        return Err(ValidationErrors::new(vec![ValidationError::new(
            "",
            ErrorKind::TooLong,
            format!("the JSON is more than {MAX_JSON_BYTES} bytes"),
        )]));
    }
    utf8(&bytes).map(str::to_owned)
}
