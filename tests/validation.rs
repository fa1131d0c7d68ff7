//! Every validation rule, with valid and invalid input, asserting the exact field paths,
//! kinds and messages.

mod common;

use serde_json::{Value, json};
use shiplabel::{ErrorKind, Label};

/// A valid order to start from: GB recipient, US seller.
fn base() -> Value {
    json!({
        "order": {"number": "TT-2026-000123", "tracking": "RR473124829GB", "carrier": "Royal Mail", "weight_grams": 420},
        "recipient": {"name": "Oliver Smith", "phone": "+44 20 7946 0018",
            "address": {"lines": ["Flat 4, 221 Baker Street"], "city": "London", "postcode": "NW1 6XE", "country": "GB"}},
        "seller": {"name": "Pacific Goods Fulfilment",
            "address": {"lines": ["2401 E 8th St"], "city": "Los Angeles", "region": "CA", "postcode": "90021", "country": "US"}}
    })
}

/// `base()` with the value at a `/`-separated pointer replaced (or removed, for `Null`).
fn with(changes: &[(&str, Value)]) -> Value {
    common::with_changes(base(), changes)
}

fn parse(v: Value) -> Label {
    serde_json::from_value(v).expect("the JSON has the right shape")
}

/// The errors as `(field, kind, message)`.
fn errors(v: Value) -> Vec<(String, ErrorKind, String)> {
    match parse(v).validate() {
        Ok(_) => Vec::new(),
        Err(e) => e
            .iter()
            .map(|e| (e.field().to_owned(), e.kind(), e.message().to_owned()))
            .collect(),
    }
}

fn one_error(changes: &[(&str, Value)]) -> (String, ErrorKind, String) {
    let mut all = errors(with(changes));
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

fn err(field: &str, kind: ErrorKind, message: &str) -> (String, ErrorKind, String) {
    (field.to_owned(), kind, message.to_owned())
}

#[test]
fn the_base_order_and_every_sample_order_are_valid() {
    assert_eq!(errors(base()), []);
    for (i, label) in common::sample_orders().into_iter().enumerate() {
        assert!(
            label.validate().is_ok(),
            "sample {i}: {:?}",
            label.validate().err()
        );
    }
}

#[test]
fn unknown_fields_are_rejected_by_name() {
    let v = with(&[
        ("/recipient/address/postcode", Value::Null),
        ("/recipient/address/postcod", json!("NW1 6XE")),
    ]);
    let err = serde_json::from_value::<Label>(v).unwrap_err().to_string();
    assert!(
        err.starts_with("unknown field `postcod`, expected one of `lines`, `city`"),
        "{err}"
    );
    let err = serde_json::from_value::<Label>(with(&[("/order/tracking_no", json!("x"))]))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("unknown field `tracking_no`"), "{err}");
}

#[test]
fn names_are_trimmed_and_collapsed() {
    let label = parse(with(&[(
        "/recipient/name",
        json!("  Oliver \u{a0}  Smith\u{3000}"),
    )]))
    .validate()
    .unwrap();
    assert_eq!(label.recipient().name(), "Oliver Smith");
    let label = parse(with(&[(
        "/recipient/address/lines",
        json!(["  Flat 4,   221 Baker Street "]),
    )]))
    .validate()
    .unwrap();
    assert_eq!(
        label.recipient().address().street_lines(),
        ["Flat 4, 221 Baker Street"]
    );
}

#[test]
fn names_must_not_be_empty_contain_control_characters_or_be_too_long() {
    assert_eq!(
        one_error(&[("/recipient/name", json!("   "))]),
        err("recipient.name", ErrorKind::Empty, "must not be empty")
    );
    assert_eq!(
        one_error(&[("/seller/name", json!(""))]),
        err("seller.name", ErrorKind::Empty, "must not be empty")
    );
    assert_eq!(
        one_error(&[("/recipient/name", json!("Oliver\tSmith"))]),
        err(
            "recipient.name",
            ErrorKind::ControlCharacter,
            "contains the control character U+0009 at position 7"
        )
    );
    assert_eq!(
        one_error(&[("/recipient/company", json!("ACME\u{0}"))]),
        err(
            "recipient.company",
            ErrorKind::ControlCharacter,
            "contains the control character U+0000 at position 5"
        )
    );
    assert_eq!(
        one_error(&[("/seller/address/lines", json!(["2401 E 8th St\r\n"]))]),
        err(
            "seller.address.lines[0]",
            ErrorKind::ControlCharacter,
            "contains the control character U+000D at position 14"
        )
    );
    assert!(errors(with(&[("/recipient/name", json!("x".repeat(200)))])).is_empty());
    assert_eq!(
        one_error(&[("/recipient/name", json!("x".repeat(201)))]),
        err(
            "recipient.name",
            ErrorKind::TooLong,
            "is 201 characters long; at most 200 are allowed"
        )
    );
    assert_eq!(
        one_error(&[("/recipient/address/city", json!("L".repeat(250)))]),
        err(
            "recipient.address.city",
            ErrorKind::TooLong,
            "is 250 characters long; at most 200 are allowed"
        )
    );
}

#[test]
fn control_characters_are_errors_in_every_field_never_blanks() {
    let cases = [
        (
            "/order/tracking",
            json!("\t"),
            "order.tracking",
            "must be printable ASCII: U+0009 at position 1 is not",
        ),
        (
            "/order/tracking",
            json!("RR473124829GB\n"),
            "order.tracking",
            "must be printable ASCII: U+000A at position 14 is not",
        ),
        (
            "/order/carrier",
            json!("Royal\u{7}Mail"),
            "order.carrier",
            "contains the control character U+0007 at position 6",
        ),
        (
            "/recipient/phone",
            json!("+44\u{85}20"),
            "recipient.phone",
            "contains the control character U+0085 at position 4",
        ),
        (
            "/recipient/address/country",
            json!("GB\n"),
            "recipient.address.country",
            "contains the control character U+000A at position 3",
        ),
        (
            "/recipient/address/postcode",
            json!("\t"),
            "recipient.address.postcode",
            "contains the control character U+0009 at position 1",
        ),
        (
            "/recipient/address/city",
            json!("\u{0}"),
            "recipient.address.city",
            "contains the control character U+0000 at position 1",
        ),
    ];
    for (pointer, value, field, message) in cases {
        let all = errors(with(&[(pointer, value)]));
        assert!(
            all.contains(&err(field, ErrorKind::ControlCharacter, message))
                || all.contains(&err(field, ErrorKind::NotPrintableAscii, message)),
            "{pointer}: {all:#?}"
        );
        assert!(
            all.iter().all(|e| e.0 == field),
            "{pointer}: only {field} is wrong: {all:#?}"
        );
    }
}

#[test]
fn decomposed_accents_are_composed() {
    let label = parse(with(&[(
        "/recipient/name",
        json!("Zoe\u{308} Lefe\u{300}vre"),
    )]))
    .validate()
    .unwrap();
    assert_eq!(label.recipient().name(), "Zoë Lefèvre");
}

#[test]
fn blank_optional_fields_are_absent() {
    let label = parse(with(&[
        ("/recipient/phone", json!("  ")),
        ("/order/tracking", json!("")),
        ("/order/carrier", json!(" ")),
    ]))
    .validate()
    .unwrap();
    assert_eq!(label.recipient().phone(), None);
    assert_eq!(label.order().tracking(), None);
    assert_eq!(label.order().carrier(), None);
}

#[test]
fn street_lines() {
    assert_eq!(
        one_error(&[("/recipient/address/lines", json!([]))]),
        err(
            "recipient.address.lines",
            ErrorKind::Missing,
            "at least one street line is required"
        )
    );
    assert_eq!(
        one_error(&[("/recipient/address/lines", json!(["  ", ""]))]),
        err(
            "recipient.address.lines",
            ErrorKind::Missing,
            "at least one street line is required"
        )
    );
    // A blank line among real ones carries nothing and is dropped.
    let label = parse(with(&[(
        "/recipient/address/lines",
        json!(["Flat 4", "", "221 Baker Street"]),
    )]))
    .validate()
    .unwrap();
    assert_eq!(
        label.recipient().address().street_lines(),
        ["Flat 4", "221 Baker Street"]
    );
    assert!(
        errors(with(&[(
            "/recipient/address/lines",
            json!(["a", "b", "c", "d", "e", "f"])
        )]))
        .is_empty()
    );
    assert_eq!(
        one_error(&[(
            "/recipient/address/lines",
            json!(["a", "b", "c", "d", "e", "f", "g"])
        )]),
        err(
            "recipient.address.lines",
            ErrorKind::TooMany,
            "has 7 lines; at most 6 are allowed"
        )
    );
}

#[test]
fn country_codes() {
    let label = parse(with(&[("/recipient/address/country", json!(" gb "))]))
        .validate()
        .unwrap();
    assert_eq!(label.recipient().address().country().as_str(), "GB");
    let cases = [
        (
            "UK",
            r#""UK" is not an ISO 3166-1 alpha-2 country code; did you mean "GB" (UNITED KINGDOM)?"#,
        ),
        (
            "GBR",
            r#""GBR" is not an ISO 3166-1 alpha-2 country code; did you mean "GB" (UNITED KINGDOM)?"#,
        ),
        (
            "United Kingdom",
            r#""United Kingdom" is not an ISO 3166-1 alpha-2 country code; did you mean "GB" (UNITED KINGDOM)?"#,
        ),
        (
            "XX",
            r#""XX" is not a known ISO 3166-1 alpha-2 country code; expected two letters such as "US", "GB" or "DE""#,
        ),
    ];
    for (code, message) in cases {
        // An unknown country leaves the postcode unchecked: one error, on the country.
        assert_eq!(
            one_error(&[("/recipient/address/country", json!(code))]),
            err(
                "recipient.address.country",
                ErrorKind::UnknownCountry,
                message
            ),
            "{code}"
        );
    }
    assert_eq!(
        one_error(&[("/seller/address/country", json!("USA"))]),
        err(
            "seller.address.country",
            ErrorKind::UnknownCountry,
            r#""USA" is not an ISO 3166-1 alpha-2 country code; did you mean "US" (UNITED STATES)?"#
        )
    );
}

#[test]
fn postcodes_are_normalised_and_matched_in_full() {
    let label = parse(with(&[(
        "/recipient/address/postcode",
        json!(" nw1   6xe "),
    )]))
    .validate()
    .unwrap();
    assert_eq!(
        label.recipient().address().postcode().map(|p| p.as_str()),
        Some("NW1 6XE")
    );
    assert_eq!(
        one_error(&[("/recipient/address/postcode", json!("NW1"))]),
        err(
            "recipient.address.postcode",
            ErrorKind::InvalidPostcode,
            r#""NW1" is not a valid postcode for UNITED KINGDOM (e.g. "EC1Y 8SY")"#
        )
    );
    // US ZIP and ZIP+4 pass; a longer string that merely starts like one does not.
    assert!(errors(with(&[("/seller/address/postcode", json!("90021-1234"))])).is_empty());
    for bad in ["90021-12345", "900211", "9002", "90021 x"] {
        assert_eq!(
            one_error(&[("/seller/address/postcode", json!(bad))]),
            err(
                "seller.address.postcode",
                ErrorKind::InvalidPostcode,
                &format!(
                    r#"{:?} is not a valid postcode for UNITED STATES (e.g. "95014")"#,
                    bad.to_uppercase()
                )
            ),
            "{bad}"
        );
    }
    // Other countries' formats, each with a valid and an invalid postcode.
    let cases = [
        (
            "CA",
            "ON",
            "K1A 0B1",
            "K1A0B",
            r#""K1A0B" is not a valid postcode for CANADA (e.g. "H3Z 2Y7")"#,
        ),
        (
            "NL",
            "",
            "1234 ab",
            "12345",
            r#""12345" is not a valid postcode for NETHERLANDS (e.g. "1234 AB")"#,
        ),
        (
            "BR",
            "SP",
            "01310-200",
            "0131-200",
            r#""0131-200" is not a valid postcode for BRAZIL (e.g. "40301-110")"#,
        ),
        (
            "JP",
            "Tokyo",
            "100-0001",
            "100-00012",
            r#""100-00012" is not a valid postcode for JAPAN (e.g. "154-0023")"#,
        ),
    ];
    for (country, region, good, bad, message) in cases {
        // Brazil's data lists its municipalities: the city must be a real one.
        let city = if country == "BR" {
            "São Paulo"
        } else {
            "Town"
        };
        let address = |postcode: &str| {
            let mut a = json!({"lines": ["1 Main Street"], "city": city, "postcode": postcode, "country": country});
            if !region.is_empty() {
                a["region"] = json!(region);
            }
            a
        };
        assert_eq!(
            errors(with(&[("/recipient/address", address(good))])),
            [],
            "{country} {good}"
        );
        assert_eq!(
            errors(with(&[("/recipient/address", address(bad))])),
            [err(
                "recipient.address.postcode",
                ErrorKind::InvalidPostcode,
                message
            )],
            "{country} {bad}"
        );
    }
    // Full-width digits are not ASCII digits.
    assert_eq!(
        one_error(&[("/seller/address/postcode", json!("９００２１"))]).1,
        ErrorKind::InvalidPostcode
    );
}

#[test]
fn a_postcode_is_required_where_the_country_requires_one() {
    assert_eq!(
        one_error(&[("/seller/address/postcode", Value::Null)]),
        err(
            "seller.address.postcode",
            ErrorKind::Missing,
            r#"is required for addresses in UNITED STATES (e.g. "95014")"#
        )
    );
    assert_eq!(
        one_error(&[("/recipient/address/postcode", json!("  "))]),
        err(
            "recipient.address.postcode",
            ErrorKind::Missing,
            r#"is required for addresses in UNITED KINGDOM (e.g. "EC1Y 8SY")"#
        )
    );
}

#[test]
fn countries_without_postcodes_need_none_and_drop_one_given() {
    let hk = |postcode: Value| {
        with(&[
            (
                "/recipient/address",
                json!({"lines": ["Flat B, 12/F, Tower 2", "8 Harbour Road"], "city": "Wan Chai", "region": "Hong Kong Island", "country": "HK"}),
            ),
            ("/recipient/address/postcode", postcode),
        ])
    };
    assert_eq!(errors(hk(Value::Null)), []);
    let label = parse(hk(json!("999077"))).validate().unwrap();
    assert_eq!(label.recipient().address().postcode(), None);
    let ae = with(&[(
        "/recipient/address",
        json!({"lines": ["Villa 12, Street 5"], "region": "Dubai", "country": "AE"}),
    )]);
    assert_eq!(errors(ae), []);
}

#[test]
fn city_and_region_where_the_country_requires_them() {
    assert_eq!(
        one_error(&[("/recipient/address/city", Value::Null)]),
        err(
            "recipient.address.city",
            ErrorKind::Missing,
            "is required for addresses in UNITED KINGDOM"
        )
    );
    assert_eq!(
        one_error(&[("/seller/address/region", json!(" "))]),
        err(
            "seller.address.region",
            ErrorKind::Missing,
            "is required for addresses in UNITED STATES"
        )
    );
    // Great Britain needs no region.
    assert!(errors(with(&[("/recipient/address/region", Value::Null)])).is_empty());
    // The Emirates need the emirate.
    let ae = with(&[(
        "/recipient/address",
        json!({"lines": ["Villa 12, Street 5"], "country": "AE"}),
    )]);
    assert_eq!(
        errors(ae),
        [err(
            "recipient.address.region",
            ErrorKind::Missing,
            "is required for addresses in UNITED ARAB EMIRATES"
        )]
    );
}

#[test]
fn order_numbers() {
    for ok in [
        "1",
        "TT-2026-000123",
        "578204193364875210",
        &"9".repeat(48),
        "a b~{|}",
    ] {
        assert!(
            errors(with(&[("/order/number", json!(ok))])).is_empty(),
            "{ok}"
        );
    }
    let label = parse(with(&[("/order/number", json!("  TT-1  "))]))
        .validate()
        .unwrap();
    assert_eq!(label.order().number().as_str(), "TT-1");
    let cases = [
        ("", ErrorKind::Empty, "must not be empty"),
        (
            "TT-2026-Ö1",
            ErrorKind::NotPrintableAscii,
            "must be printable ASCII: 'Ö' (U+00D6) at position 9 is not",
        ),
        (
            "TT\n1",
            ErrorKind::ControlCharacter,
            "must be printable ASCII: U+000A at position 3 is not",
        ),
        (
            "№1",
            ErrorKind::NotPrintableAscii,
            "must be printable ASCII: '№' (U+2116) at position 1 is not",
        ),
    ];
    for (number, kind, message) in cases {
        assert_eq!(
            one_error(&[("/order/number", json!(number))]),
            err("order.number", kind, message),
            "{number:?}"
        );
    }
    assert_eq!(
        one_error(&[("/order/number", json!("9".repeat(49)))]),
        err(
            "order.number",
            ErrorKind::TooLong,
            "is 49 characters long; at most 48 are allowed"
        )
    );
}

#[test]
fn tracking_numbers() {
    let label = parse(with(&[("/order/tracking", json!("rr473124829gb"))]))
        .validate()
        .unwrap();
    assert_eq!(
        label.order().tracking().map(|t| (t.as_str(), t.is_s10())),
        Some(("RR473124829GB", true))
    );
    assert_eq!(
        one_error(&[("/order/tracking", json!("RR473124820GB"))]),
        err(
            "order.tracking",
            ErrorKind::InvalidCheckDigit,
            r#""RR473124820GB" has the UPU S10 shape but its check digit is 0; the serial number 47312482 gives 9"#
        )
    );
    // Another carrier's number: refused for the carrier named, accepted for its own.
    assert_eq!(
        one_error(&[("/order/tracking", json!("1Z999AA10123456784"))]),
        err(
            "order.tracking",
            ErrorKind::WrongCarrier,
            r#""1Z999AA10123456784" is a tracking number of UPS (UPS), not of Royal Mail; name the right carrier in order.carrier, or give a Royal Mail number"#
        )
    );
    assert!(
        errors(with(&[
            ("/order/tracking", json!("1Z999AA10123456784")),
            ("/order/carrier", json!("ups"))
        ]))
        .is_empty()
    );
    // Numbers of no known format, with no carrier or one the crate does not know: printable
    // ASCII, up to 40 characters.
    assert!(
        errors(with(&[
            ("/order/tracking", json!("7".repeat(40))),
            ("/order/carrier", Value::Null)
        ]))
        .is_empty()
    );
    assert!(
        errors(with(&[
            ("/order/tracking", json!("7".repeat(40))),
            ("/order/carrier", json!("Acme"))
        ]))
        .is_empty()
    );
    assert_eq!(
        one_error(&[("/order/tracking", json!("7".repeat(41)))]),
        err(
            "order.tracking",
            ErrorKind::TooLong,
            "is 41 characters long; at most 40 are allowed"
        )
    );
    assert_eq!(
        one_error(&[("/order/tracking", json!("JD€1"))]),
        err(
            "order.tracking",
            ErrorKind::NotPrintableAscii,
            "must be printable ASCII: '€' (U+20AC) at position 3 is not"
        )
    );
}

#[test]
fn weight_must_be_positive() {
    assert_eq!(
        one_error(&[("/order/weight_grams", json!(0))]),
        err(
            "order.weight_grams",
            ErrorKind::OutOfRange,
            "must be at least 1 gram"
        )
    );
    assert!(errors(with(&[("/order/weight_grams", json!(1))])).is_empty());
}

#[test]
fn every_problem_is_reported_at_once_in_field_order() {
    let v = with(&[
        ("/order/number", json!("")),
        ("/order/tracking", json!("RR473124820GB")),
        ("/recipient/name", json!(" ")),
        ("/recipient/address/postcode", json!("NW1")),
        ("/seller/address/country", json!("UK")),
        ("/seller/address/lines", json!([])),
    ]);
    let label = parse(v);
    let all = label.validate().unwrap_err();
    assert_eq!(
        all.to_string(),
        "order.number: must not be empty\n\
         order.tracking: \"RR473124820GB\" has the UPU S10 shape but its check digit is 0; the serial number 47312482 gives 9\n\
         recipient.name: must not be empty\n\
         recipient.address.postcode: \"NW1\" is not a valid postcode for UNITED KINGDOM (e.g. \"EC1Y 8SY\")\n\
         seller.address.country: \"UK\" is not an ISO 3166-1 alpha-2 country code; did you mean \"GB\" (UNITED KINGDOM)?\n\
         seller.address.lines: at least one street line is required"
    );
    let codes: Vec<&str> = all.iter().map(|e| e.kind().code()).collect();
    assert_eq!(
        codes,
        [
            "empty",
            "invalid_check_digit",
            "empty",
            "invalid_postcode",
            "unknown_country",
            "missing"
        ]
    );
}

#[test]
fn characters_no_label_font_prints_are_refused_with_the_field() {
    let all = errors(with(&[
        ("/recipient/name", json!("Oliver 😀 Smith")),
        (
            "/recipient/address/lines",
            json!(["Flat 4", "221 Baker Street \u{E000}"]),
        ),
        ("/seller/company", json!("Pacific ☃ Goods")),
    ]));
    assert_eq!(
        all,
        [
            err(
                "recipient.name",
                ErrorKind::UncoveredCharacter,
                "contains the character '😀' (U+1F600), which the label fonts cannot print"
            ),
            err(
                "recipient.address.lines[1]",
                ErrorKind::UncoveredCharacter,
                "contains the character '\\u{e000}' (U+E000), which the label fonts cannot print"
            ),
            err(
                "seller.company",
                ErrorKind::UncoveredCharacter,
                "contains the character '☃' (U+2603), which the label fonts cannot print"
            ),
        ]
    );
    assert_eq!(ErrorKind::UncoveredCharacter.code(), "uncovered_character");
    // Every script the enabled fonts cover passes, joiners and direction marks included;
    // a script whose font feature is off is refused, naming its first character.
    for (name, bundled, first) in [
        ("محمد العلي", cfg!(feature = "arabic"), "'م' (U+0645)"),
        ("דוד כהן", cfg!(feature = "hebrew"), "'ד' (U+05D3)"),
        ("สมชาย ใจดี", cfg!(feature = "thai"), "'ส' (U+0E2A)"),
        ("Γιώργος", true, ""),
        ("Иван Петров", true, ""),
        ("Արամ", cfg!(feature = "armenian"), "'Ա' (U+0531)"),
        ("გიორგი", cfg!(feature = "georgian"), "'გ' (U+10D2)"),
        ("山田 太郎", cfg!(feature = "cjk"), "'山' (U+5C71)"),
        ("Nguyễn Thị Hương", true, ""),
        ("عبد\u{200C}الله", cfg!(feature = "arabic"), "'ع' (U+0639)"),
    ] {
        let found = errors(with(&[("/recipient/name", json!(name))]));
        if bundled {
            assert_eq!(found, [], "{name}");
        } else {
            let message =
                format!("contains the character {first}, which the label fonts cannot print");
            assert_eq!(
                found,
                [err(
                    "recipient.name",
                    ErrorKind::UncoveredCharacter,
                    &message
                )],
                "{name}"
            );
        }
    }
}
