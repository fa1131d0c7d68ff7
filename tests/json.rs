//! JSON in and out (feature `serde`): orders read with every shape mistake by field path and
//! kind, validation's problems on top; errors, reports and options round-tripped.

#![cfg(feature = "serde")]

mod common;

use serde_json::{Value, json};
use shiplabel::{
    BatchMode, Dpi, ErrorKind, Label, LabelSize, Options, Paper, QrContent, Sheet, SheetLayout,
    ValidLabel, ValidationErrors,
};

fn sample() -> Value {
    serde_json::to_value(Label::sample()).unwrap()
}

/// The sample with the value at a `/` pointer replaced, or removed for `null`.
fn with(changes: &[(&str, Value)]) -> String {
    common::with_changes(sample(), changes).to_string()
}

/// An error as field, code and message.
type Found = (String, &'static str, String);

fn found(errors: &ValidationErrors) -> Vec<Found> {
    errors
        .iter()
        .map(|e| {
            (
                e.field().to_owned(),
                e.kind().code(),
                e.message().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_sound_order_reads_as_serde_reads_it() {
    let json = sample().to_string();
    assert_eq!(Label::from_json(&json).unwrap(), Label::sample());
    assert_eq!(
        ValidLabel::from_json(&json).unwrap(),
        Label::sample().validate().unwrap()
    );
    let international = serde_json::to_string(&Label::sample_international()).unwrap();
    assert_eq!(
        Label::from_json(&international).unwrap(),
        Label::sample_international()
    );
}

/// Each JSON mistake with the errors it gives, exactly.
#[test]
fn json_mistakes_give_their_field_paths_and_kinds() {
    let t = |f: &str, k: &'static str, m: &str| (f.to_owned(), k, m.to_owned());
    let table: Vec<(String, Vec<Found>)> = vec![
        (
            with(&[("/recipient/address/postcod", json!("NW1 6XE"))]),
            vec![t(
                "recipient.address.postcod",
                "unknown_field",
                "is not a field of the order format; did you mean \"postcode\"?",
            )],
        ),
        (
            with(&[("/order/number", json!(123))]),
            vec![t(
                "order.number",
                "invalid_type",
                "expected text, found a number (123)",
            )],
        ),
        (
            with(&[("/order/weight_grams", json!(-5))]),
            vec![t(
                "order.weight_grams",
                "invalid_type",
                "expected a whole number from 0 to 4294967295, found a number (-5)",
            )],
        ),
        (
            with(&[("/recipient/name", Value::Null)]),
            vec![t("recipient.name", "missing_field", "is required")],
        ),
        (
            with(&[("/seller/address/lines", json!("Room 1203"))]),
            vec![t(
                "seller.address.lines",
                "invalid_type",
                "expected an array of text, found text (\"Room 1203\")",
            )],
        ),
        (
            with(&[("/seller/address/lines", json!(["ok", 7]))]),
            vec![t(
                "seller.address.lines[1]",
                "invalid_type",
                "expected text, found a number (7)",
            )],
        ),
        (
            with(&[("/recipient", json!(["Oliver"]))]),
            vec![t(
                "recipient",
                "invalid_type",
                "expected an object, found an array",
            )],
        ),
        (
            with(&[("/zzz", json!(1))]),
            vec![t(
                "zzz",
                "unknown_field",
                "is not a field of the order format; the fields are order, recipient, seller, \
                 customs",
            )],
        ),
        // Several at once, in one pass.
        (
            with(&[
                ("/order/numbr", json!("TT-1")),
                ("/order/number", Value::Null),
                ("/recipient/phone", json!(44)),
            ]),
            vec![
                t(
                    "order.numbr",
                    "unknown_field",
                    "is not a field of the order format; did you mean \"number\"?",
                ),
                t("order.number", "missing_field", "is required"),
                t(
                    "recipient.phone",
                    "invalid_type",
                    "expected text, found a number (44)",
                ),
            ],
        ),
        (
            sample().to_string().replace(
                r#""postcode":"NW1 6XE""#,
                r#""postcode":"X","postcode":"NW1 6XE""#,
            ),
            vec![t(
                "recipient.address.postcode",
                "duplicate_field",
                "duplicate field `postcode`",
            )],
        ),
        (
            "{\"order\": ".to_owned(),
            // Where the reading stopped: in the order.
            vec![t(
                "order",
                "invalid_json",
                "is not JSON: EOF while parsing a value at line 1 column 10",
            )],
        ),
    ];
    let mut failures = Vec::new();
    for (json, want) in &table {
        match Label::from_json(json) {
            Ok(_) => failures.push(format!("{json}: read without a mistake")),
            Err(errors) if &found(&errors) != want => {
                failures.push(format!(
                    "{json}:\n  got  {:?}\n  want {want:?}",
                    found(&errors)
                ));
            }
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_typo_does_not_hide_the_problems_behind_it() {
    // The postcode's field misspelt, and the country's postcode rule broken too: both
    // come back at once, with the missing postcode validation finds.
    let json = with(&[
        ("/recipient/address/postcod", json!("NW1 6XE")),
        ("/recipient/address/postcode", Value::Null),
        ("/order/number", json!("")),
    ]);
    let errors = ValidLabel::from_json(&json).unwrap_err();
    let fields: Vec<(&str, ErrorKind)> = errors.iter().map(|e| (e.field(), e.kind())).collect();
    assert_eq!(
        fields,
        [
            ("recipient.address.postcod", ErrorKind::UnknownField),
            ("order.number", ErrorKind::Empty),
            ("recipient.address.postcode", ErrorKind::Missing),
        ]
    );
    // A field with a shape mistake is not reported again by validation.
    let errors = ValidLabel::from_json(&with(&[("/order/number", json!(5))])).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors}");
}

#[test]
fn errors_and_reports_serialise_as_field_code_message() {
    let errors = ValidLabel::from_json(&with(&[("/order/number", json!(""))])).unwrap_err();
    let value = serde_json::to_value(&errors).unwrap();
    assert_eq!(
        value,
        json!([{"field": "order.number", "code": "empty", "message": "must not be empty"}])
    );
    // And back.
    let back: ValidationErrors = serde_json::from_value(value).unwrap();
    assert_eq!(back, errors);
    // A layout error, a rejected order and the run's error.
    let mut long = Label::sample();
    long.order.number = "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128".into();
    let err = shiplabel::render_batch(
        &[Label::sample(), long.clone()],
        BatchMode::AllOrNothing,
        &Options::default(),
    )
    .unwrap_err();
    let value = serde_json::to_value(&err).unwrap();
    assert_eq!(value["code"], "rejected");
    let rejected = &value["rejected"][0];
    assert_eq!(rejected["index"], 1);
    assert_eq!(rejected["order_number"], long.order.number.as_str());
    assert_eq!(rejected["errors"][0]["field"], "order.number");
    assert_eq!(rejected["errors"][0]["code"], "barcode_too_wide");
    assert!(
        rejected["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("its Code 128 is")
    );
    // The order itself, as given: nothing is lost.
    let label: Label = serde_json::from_value(rejected["label"].clone()).unwrap();
    assert_eq!(label, long);
    // Every kind by its code, and back.
    for &kind in ErrorKind::ALL {
        let v = serde_json::to_value(kind).unwrap();
        assert_eq!(v, kind.code());
        assert_eq!(serde_json::from_value::<ErrorKind>(v).unwrap(), kind);
        assert_eq!(kind.code().parse::<ErrorKind>(), Ok(kind));
    }
}

#[test]
fn options_round_trip_and_refuse_contradictions() {
    let sheet = Sheet::new(SheetLayout::A4FourA6)
        .starting_at(3)
        .unwrap()
        .with_cut_marks(true);
    let all = [
        Options::default(),
        Options::default()
            .with_dpi(Dpi::DPI_300)
            .with_size(LabelSize::In4x8)
            .with_qr(QrContent::TrackingUrl)
            .with_customs_paper(Paper::Letter)
            .with_customs_forms(false)
            .with_threads(2),
        Options::default().with_sheet(sheet),
    ];
    for options in all {
        let json = serde_json::to_string(&options).unwrap();
        let back: Options = serde_json::from_str(&json).unwrap();
        assert_eq!(back, options, "{json}");
    }
    let read: Options =
        serde_json::from_str(r#"{"dpi": 300, "qr": "none", "sheet": {"layout": "letter"}}"#)
            .unwrap();
    assert_eq!(read.dpi(), Dpi::DPI_300);
    assert_eq!(read.qr(), QrContent::None);
    assert_eq!(read.label_size(), LabelSize::In4x6);
    for (json, message) in [
        (
            r#"{"size": "4x8", "sheet": {"layout": "a4"}}"#,
            "label size 4x8 and sheet a4 do not go together: the sheet holds a6 labels",
        ),
        (
            r#"{"dpi": 20}"#,
            "20 is not a printer resolution from 100 to 1200 dpi",
        ),
        (
            r#"{"size": "5x7"}"#,
            "unknown label size \"5x7\"; one of: 4x6, 4x8, 100x150, a6",
        ),
        (
            r#"{"sheet": {"layout": "a4", "start": 9}}"#,
            "start position 9 is not on an a4 sheet, which has positions 1 to 4",
        ),
        (r#"{"colour": "red"}"#, "unknown field `colour`"),
    ] {
        let err = serde_json::from_str::<Options>(json)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(message), "{json}: {err}");
    }
    assert_eq!("300dpi".parse::<Dpi>(), Ok(Dpi::DPI_300));
    assert!("99".parse::<Dpi>().is_err());
}
