//! Nasty input, the kind spreadsheets, marketplace exports and web forms send: each case is
//! answered with an exact error (field path, kind and message), never a crash, a hang, a
//! huge allocation or a silently lost order.

mod common;

use shiplabel::{BatchMode, ErrorKind, Label, MAX_ADDRESS_LINES, Options, Rejection, render_batch};

/// A label case: how the sample order is spoiled, and every error expected, in order.
struct Case {
    name: &'static str,
    spoil: fn(&mut Label),
    errors: &'static [(&'static str, ErrorKind, &'static str)],
}

const TEN_MB: usize = 10 * 1024 * 1024;

const LABEL_CASES: &[Case] = &[
    Case {
        name: "NUL in a name",
        spoil: |l| l.recipient.name = "Oliver\0Smith".into(),
        errors: &[(
            "recipient.name",
            ErrorKind::ControlCharacter,
            "contains the control character U+0000 at position 7",
        )],
    },
    Case {
        name: "NUL alone in an optional field",
        spoil: |l| l.seller.phone = Some("\0".into()),
        errors: &[(
            "seller.phone",
            ErrorKind::ControlCharacter,
            "contains the control character U+0000 at position 1",
        )],
    },
    Case {
        name: "right-to-left override in an address line",
        spoil: |l| l.recipient.address.lines = vec!["Flat 4\u{202E}221 Baker Street".into()],
        errors: &[(
            "recipient.address.lines[0]",
            ErrorKind::BidiControl,
            "contains the bidirectional control U+202E at position 7; it would reorder the \
             printed text",
        )],
    },
    Case {
        name: "first-strong isolate in a city",
        spoil: |l| l.recipient.address.city = Some("\u{2068}London\u{2069}".into()),
        errors: &[(
            "recipient.address.city",
            ErrorKind::BidiControl,
            "contains the bidirectional control U+2068 at position 1; it would reorder the \
             printed text",
        )],
    },
    Case {
        name: "a name that is only a zero-width joiner",
        spoil: |l| l.recipient.name = "\u{200D}".into(),
        errors: &[(
            "recipient.name",
            ErrorKind::Empty,
            "must not be empty; it holds only white space and invisible characters such as \
             U+200D",
        )],
    },
    Case {
        name: "a 10 MB name",
        spoil: |l| l.recipient.name = "A".repeat(TEN_MB),
        errors: &[(
            "recipient.name",
            ErrorKind::TooLong,
            "is 10485760 characters long; at most 200 are allowed",
        )],
    },
    Case {
        name: "a 10 MB order number",
        spoil: |l| l.order.number = "7".repeat(TEN_MB),
        errors: &[(
            "order.number",
            ErrorKind::TooLong,
            "is 10485760 characters long; at most 48 are allowed",
        )],
    },
    Case {
        name: "a 10 MB postcode",
        spoil: |l| l.recipient.address.postcode = Some("9".repeat(TEN_MB)),
        errors: &[(
            "recipient.address.postcode",
            ErrorKind::TooLong,
            "is 10485760 characters long; at most 20 are allowed",
        )],
    },
    Case {
        name: "10,000 address lines",
        spoil: |l| l.recipient.address.lines = vec!["221B Baker Street".into(); 10_000],
        errors: &[(
            "recipient.address.lines",
            ErrorKind::TooMany,
            "has 10000 lines; at most 6 are allowed",
        )],
    },
    Case {
        name: "the UK's usual but wrong code",
        spoil: |l| l.recipient.address.country = "UK".into(),
        errors: &[(
            "recipient.address.country",
            ErrorKind::UnknownCountry,
            "\"UK\" is not an ISO 3166-1 alpha-2 country code; did you mean \"GB\" (UNITED \
             KINGDOM)?",
        )],
    },
    Case {
        name: "an unassigned country code",
        spoil: |l| l.seller.address.country = "XX".into(),
        errors: &[(
            "seller.address.country",
            ErrorKind::UnknownCountry,
            "\"XX\" is not a known ISO 3166-1 alpha-2 country code; expected two letters such \
             as \"US\", \"GB\" or \"DE\"",
        )],
    },
    Case {
        name: "a country written out",
        spoil: |l| l.recipient.address.country = "united kingdom".into(),
        errors: &[(
            "recipient.address.country",
            ErrorKind::UnknownCountry,
            "\"united kingdom\" is not an ISO 3166-1 alpha-2 country code; did you mean \
             \"GB\" (UNITED KINGDOM)?",
        )],
    },
    Case {
        name: "a blank country",
        spoil: |l| l.recipient.address.country = " ".into(),
        errors: &[(
            "recipient.address.country",
            ErrorKind::Empty,
            "must not be empty; expected an ISO 3166-1 alpha-2 code such as \"US\"",
        )],
    },
    Case {
        name: "full-width digits in a postcode",
        spoil: |l| l.seller.address.postcode = Some("５１８０４０".into()),
        errors: &[(
            "seller.address.postcode",
            ErrorKind::InvalidPostcode,
            "\"５１８０４０\" is not a valid postcode for CHINA (e.g. \"266033\")",
        )],
    },
    Case {
        name: "a right-to-left override in the order number",
        spoil: |l| l.order.number = "TT-\u{202E}321".into(),
        errors: &[(
            "order.number",
            ErrorKind::NotPrintableAscii,
            "must be printable ASCII: U+202E at position 4 is not",
        )],
    },
    Case {
        name: "every field spoiled at once: each is reported",
        spoil: |l| {
            l.order.number = "\u{0}".into();
            l.recipient.name = "\u{200D}\u{200B}".into();
            l.recipient.address.lines = vec!["x".into(); MAX_ADDRESS_LINES + 1];
            l.seller.address.country = "ZZ".into();
        },
        errors: &[
            (
                "order.number",
                ErrorKind::ControlCharacter,
                "must be printable ASCII: U+0000 at position 1 is not",
            ),
            (
                "recipient.name",
                ErrorKind::Empty,
                "must not be empty; it holds only white space and invisible characters such \
                 as U+200D",
            ),
            (
                "recipient.address.lines",
                ErrorKind::TooMany,
                "has 7 lines; at most 6 are allowed",
            ),
            (
                "seller.address.country",
                ErrorKind::UnknownCountry,
                "\"ZZ\" is not a known ISO 3166-1 alpha-2 country code; expected two letters \
                 such as \"US\", \"GB\" or \"DE\"",
            ),
        ],
    },
];

fn spoiled(case: &Case) -> Label {
    let mut label = Label::sample();
    (case.spoil)(&mut label);
    label
}

#[test]
fn every_nasty_label_gets_its_exact_errors() {
    for case in LABEL_CASES {
        let errors = match spoiled(case).validate() {
            Ok(_) => panic!("{}: accepted", case.name),
            Err(errors) => errors,
        };
        let got: Vec<(&str, ErrorKind, &str)> = errors
            .iter()
            .map(|e| (e.field(), e.kind(), e.message()))
            .collect();
        assert_eq!(got, case.errors, "{}", case.name);
    }
}

#[test]
fn nasty_labels_in_a_batch_are_all_returned_and_the_good_one_printed() {
    let mut labels: Vec<Label> = LABEL_CASES.iter().map(spoiled).collect();
    labels.push(Label::sample());
    let printed = render_batch(&labels, BatchMode::PrintValid, &Options::default()).unwrap();
    assert_eq!(printed.pages, [LABEL_CASES.len()]);
    assert_eq!(printed.rejected.len(), LABEL_CASES.len());
    for (i, rejected) in printed.rejected.iter().enumerate() {
        assert_eq!(rejected.index, i);
        assert_eq!(rejected.label, labels[i], "{}", LABEL_CASES[i].name);
        assert!(matches!(rejected.reason, Rejection::Invalid(_)));
    }
}

/// Emoji are text, but no bundled font draws them: validation refuses them, naming the
/// field and the character, rather than printing a blank box.
#[test]
fn an_emoji_only_name_is_refused_by_validation() {
    let mut label = Label::sample();
    label.recipient.name = "😀😀".into();
    let errors = label.validate().unwrap_err();
    let found: Vec<(&str, ErrorKind, &str)> = errors
        .iter()
        .map(|e| (e.field(), e.kind(), e.message()))
        .collect();
    assert_eq!(
        found,
        [(
            "recipient.name",
            ErrorKind::UncoveredCharacter,
            "contains the character '😀' (U+1F600), which the label fonts cannot print"
        )]
    );
    // In a batch it is returned, not dropped.
    let printed = render_batch(
        &[label.clone(), Label::sample()],
        BatchMode::PrintValid,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(printed.pages, [1]);
    assert_eq!(printed.rejected[0].label, label);
    assert!(matches!(printed.rejected[0].reason, Rejection::Invalid(_)));
}

#[cfg(feature = "png")]
/// A JSON case: one order's text, and the problem the `label` example reports for it: the
/// path (from serde_path_to_error), the code and serde_json's message.
struct JsonCase {
    name: &'static str,
    json: String,
    field: Option<&'static str>,
    code: &'static str,
    message: &'static str,
}

#[cfg(feature = "png")]
/// The sample order as JSON with `from` replaced by `to`.
fn sample_with(from: &str, to: &str) -> String {
    let json = serde_json::to_string(&Label::sample()).unwrap();
    assert!(json.contains(from), "{from}");
    json.replacen(from, to, 1)
}

#[cfg(feature = "png")]
fn json_cases() -> Vec<JsonCase> {
    vec![
        JsonCase {
            name: "a number where a string belongs",
            json: sample_with(r#""name":"Oliver Smith""#, r#""name":42"#),
            field: Some("recipient.name"),
            code: "invalid_type",
            message: "expected text, found a number (42)",
        },
        JsonCase {
            name: "a string where a number belongs",
            json: sample_with(r#""weight_grams":420"#, r#""weight_grams":"420""#),
            field: Some("order.weight_grams"),
            code: "invalid_type",
            message: "expected a whole number from 0 to 4294967295, found text (\"420\")",
        },
        JsonCase {
            name: "a weight beyond a u32",
            json: sample_with(r#""weight_grams":420"#, r#""weight_grams":5000000000"#),
            field: Some("order.weight_grams"),
            code: "invalid_type",
            message: "expected a whole number from 0 to 4294967295, found a number (5000000000)",
        },
        JsonCase {
            name: "an object where the address lines belong",
            json: sample_with(
                r#""lines":["Flat 4, 221 Baker Street"]"#,
                r#""lines":{"0":"Flat 4"}"#,
            ),
            field: Some("recipient.address.lines"),
            code: "invalid_type",
            message: "expected an array of text, found an object",
        },
        JsonCase {
            name: "null where a required string belongs",
            json: sample_with(r#""country":"GB""#, r#""country":null"#),
            field: Some("recipient.address.country"),
            code: "invalid_type",
            message: "expected text, found null",
        },
        // serde_json's own words; the line and column are in the order's text.
        JsonCase {
            name: "a lone leading surrogate in a string escape",
            json: sample_with(
                r#""name":"Oliver Smith""#,
                r#""name":"Oliver \ud800 Smith""#,
            ),
            field: Some("recipient.name"),
            code: "invalid_json",
            message: "is not JSON: unexpected end of hex escape at line 1 column 175",
        },
        JsonCase {
            name: "a lone trailing surrogate in a string escape",
            json: sample_with(r#""city":"London""#, r#""city":"\udc00""#),
            field: Some("recipient.address.city"),
            code: "invalid_json",
            message: "is not JSON: lone leading surrogate in hex escape at line 1 column 264",
        },
        JsonCase {
            name: "deeply nested arrays",
            json: format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            field: None,
            code: "invalid_json",
            message: "is not JSON: recursion limit exceeded at line 1 column 128",
        },
        // serde's positional form: the fields in declaration order, here with the seller
        // where the recipient belongs.
        JsonCase {
            name: "an order written as an array",
            json: {
                let sample = Label::sample();
                format!(
                    "[{}, {}, {}]",
                    serde_json::to_string(&sample.order).unwrap(),
                    serde_json::to_string(&sample.seller).unwrap(),
                    serde_json::to_string(&sample.recipient).unwrap()
                )
            },
            field: None,
            code: "invalid_type",
            message: "expected an object, found an array",
        },
        JsonCase {
            name: "an address written as an array",
            json: sample_with(
                r#"{"lines":["Flat 4, 221 Baker Street"],"city":"London","postcode":"NW1 6XE","country":"GB"}"#,
                r#"[["Flat 4, 221 Baker Street"],"London",null,null,"NW1 6XE",null,"GB"]"#,
            ),
            field: Some("recipient.address"),
            code: "invalid_type",
            message: "expected an object, found an array",
        },
        JsonCase {
            name: "a field given twice",
            json: sample_with(
                r#""postcode":"NW1 6XE""#,
                r#""postcode":"XXX","postcode":"NW1 6XE""#,
            ),
            field: Some("recipient.address.postcode"),
            code: "duplicate_field",
            message: "duplicate field `postcode`",
        },
        JsonCase {
            name: "deeply nested objects",
            json: format!("{}1{}", r#"{"order":"#.repeat(100_000), "}".repeat(100_000)),
            field: Some("order.order"),
            code: "invalid_json",
            message: "is not JSON: recursion limit exceeded at line 1 column 1144",
        },
    ]
}

/// Every nasty order in one file, after a good one, through the `label` example as a user
/// runs it: the good order is printed, and each nasty one comes back in the rejected file
/// exactly as it was written, with its exact problem.
#[cfg(feature = "png")] // the `label` example needs it
#[test]
fn every_nasty_json_order_is_rejected_with_its_exact_problem_and_kept_intact() {
    let cases = json_cases();
    let dir = std::env::temp_dir().join(format!("shiplabel-nasty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = serde_json::to_string(&Label::sample()).unwrap();
    let orders: Vec<&str> = std::iter::once(good.as_str())
        .chain(cases.iter().map(|c| c.json.as_str()))
        .collect();
    std::fs::write(dir.join("orders.json"), format!("[{}]", orders.join(",\n"))).unwrap();
    let out = std::process::Command::new(common::example("label"))
        .args(["orders.json", "--rejected", "rejected.json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("wrote labels.pdf (1 label, "));

    // The orders are kept as their text, lone surrogates and all, which serde_json will not
    // read into a `Value`: read them as raw text.
    #[derive(serde::Deserialize)]
    struct Returned {
        index: usize,
        errors: serde_json::Value,
        order: Box<serde_json::value::RawValue>,
    }
    let text = std::fs::read_to_string(dir.join("rejected.json")).unwrap();
    let rejected: Vec<Returned> = serde_json::from_str(&text).unwrap();
    assert_eq!(rejected.len(), cases.len());
    let mut failures = Vec::new();
    for (i, (case, r)) in cases.iter().zip(&rejected).enumerate() {
        assert_eq!(r.index, i + 1, "{}", case.name);
        assert_eq!(r.order.get(), case.json, "{}: not intact", case.name);
        let expected = serde_json::json!([{
            "field": case.field,
            "code": case.code,
            "message": case.message,
        }]);
        if r.errors != expected {
            failures.push(format!(
                "{}:\n  got  {}\n  want {expected}",
                case.name, r.errors
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    std::fs::remove_dir_all(dir).ok();
}

#[cfg(feature = "png")] // the `label` example needs it
#[test]
fn a_file_nested_too_deeply_is_refused_whole() {
    let dir = std::env::temp_dir().join(format!("shiplabel-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("deep.json"), "[".repeat(1_000_000)).unwrap();
    let out = std::process::Command::new(common::example("label"))
        .arg("deep.json")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .collect::<Vec<_>>(),
        [
            "error: deep.json: not JSON: EOF while parsing a list at line 1 column 1000000",
            "nothing written"
        ]
    );
    std::fs::remove_dir_all(dir).ok();
}
