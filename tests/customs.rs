//! Customs declarations (CN22 / CN23): every rule with the exact field path, kind and
//! message; the form chosen; the totals, by property.

mod common;

use proptest::prelude::*;
use serde_json::{Value, json};
use shiplabel::{Contents, CustomsForm, ErrorKind, Label};

/// A valid cross-border order to Berlin with a declaration.
fn base() -> Value {
    serde_json::to_value(Label::sample_international()).unwrap()
}

/// `base()` with the values at `/`-separated pointers replaced (or removed, for `Null`).
fn with(changes: &[(&str, Value)]) -> Value {
    common::with_changes(base(), changes)
}

fn errors(v: Value) -> Vec<(String, ErrorKind, String)> {
    let label: Label = serde_json::from_value(v).expect("the JSON has the right shape");
    match label.validate() {
        Ok(_) => Vec::new(),
        Err(e) => e
            .iter()
            .map(|e| (e.field().to_owned(), e.kind(), e.message().to_owned()))
            .collect(),
    }
}

#[test]
fn the_sample_declaration_is_valid_and_totalled() {
    let valid = Label::sample_international().validate().unwrap();
    let customs = valid.customs().unwrap();
    assert_eq!(customs.form(), CustomsForm::Cn22);
    assert_eq!(customs.contents(), Contents::Merchandise);
    assert_eq!(customs.total_value().to_string(), "36.50 EUR");
    assert_eq!(customs.total_weight_grams(), 650);
    assert_eq!(customs.items()[1].hs_code(), "69120000");
    // A valid label reads back into the same declaration.
    let again = Label::from(&valid).validate().unwrap();
    assert_eq!(again, valid);
}

/// Changes to the base order: pointers and values.
type Changes = Vec<(String, Value)>;
/// One error: field, kind, message.
type Expected = (&'static str, ErrorKind, &'static str);

/// Each invalid declaration with the one error it must give, exactly.
#[test]
fn invalid_declarations_give_exact_errors() {
    let c = "/customs";
    let item0 = "/customs/items/0";
    let table: Vec<(Changes, Expected)> = vec![
        (
            vec![(format!("{c}/items"), json!([]))],
            (
                "customs.items",
                ErrorKind::Missing,
                "at least one item is required",
            ),
        ),
        (
            vec![(format!("{item0}/description"), json!("Gift"))],
            (
                "customs.items[0].description",
                ErrorKind::VagueDescription,
                "\"Gift\" alone is refused by customs: say what the item is, what it is made \
                 of and what it is for, e.g. \"Cotton T-shirt, men's\" or \"Ceramic coffee mug\"",
            ),
        ),
        (
            vec![(format!("{item0}/description"), json!("  parts. "))],
            (
                "customs.items[0].description",
                ErrorKind::VagueDescription,
                "\"parts.\" alone is refused by customs: say what the item is, what it is made \
                 of and what it is for, e.g. \"Cotton T-shirt, men's\" or \"Ceramic coffee mug\"",
            ),
        ),
        (
            vec![(format!("{item0}/description"), json!("Various items"))],
            (
                "customs.items[0].description",
                ErrorKind::VagueDescription,
                "\"Various items\" alone is refused by customs: say what the item is, what it \
                 is made of and what it is for, e.g. \"Cotton T-shirt, men's\" or \"Ceramic \
                 coffee mug\"",
            ),
        ),
        (
            vec![(format!("{item0}/hs_code"), json!("00.00.00"))],
            (
                "customs.items[0].hs_code",
                ErrorKind::InvalidHsCode,
                "\"00.00.00\" is not a Harmonized System code: 6 to 10 digits (dots and spaces \
                 allowed) of a chapter from 01 to 97, e.g. \"610910\" or \"6109.10.00\"",
            ),
        ),
        (
            // A non-ASCII id: refused, never a panic at a character boundary.
            vec![(
                format!("{c}/tax_ids"),
                json!([{"kind": "ioss", "id": "IM2760000742"}, {"kind": "eori", "id": "Dé12345"}]),
            )],
            (
                "customs.tax_ids[1].id",
                ErrorKind::InvalidTaxId,
                "\"Dé12345\" is not a valid EORI number: a country code and up to 15 letters or \
                 digits, e.g. \"DE123456789012345\"",
            ),
        ),
        (
            vec![(
                format!("{c}/tax_ids"),
                json!([{"kind": "ioss", "id": "IM2760000742"}, {"kind": "gst", "id": "123"}]),
            )],
            (
                "customs.tax_ids[1].kind",
                ErrorKind::UnknownValue,
                "\"gst\" is not one of \"ioss\", \"eori\", \"voec\", \"vat\", \"other\"",
            ),
        ),
        (
            vec![(format!("{c}/invoice"), json!("INV\u{7}42"))],
            (
                "customs.invoice",
                ErrorKind::ControlCharacter,
                "contains the control character U+0007 at position 4",
            ),
        ),
        (
            vec![(
                format!("{c}/tax_ids"),
                json!([{"kind": "ioss", "id": "IM2760000742"}, {"kind": "ioss", "id": "IMé76000074"}]),
            )],
            (
                "customs.tax_ids[1].id",
                ErrorKind::InvalidTaxId,
                "\"IMé76000074\" is not a valid IOSS number: \"IM\" and 10 digits, e.g. \
                 \"IM2760000742\"",
            ),
        ),
        (
            vec![(
                format!("{c}/tax_ids"),
                json!(vec![json!({"kind": "ioss", "id": "IM2760000742"}); 5]),
            )],
            (
                "customs.tax_ids",
                ErrorKind::TooMany,
                "has 5 tax ids; at most 4 are allowed",
            ),
        ),
        (
            // An item's value is wrong: its own error only, no IOSS error from a total
            // that leaves it out.
            vec![
                (format!("{item0}/value"), json!("200,00")),
                (format!("{c}/tax_ids"), json!([])),
            ],
            (
                "customs.items[0].value",
                ErrorKind::InvalidNumber,
                "\"200,00\" is not a decimal number: write digits with a point, e.g. \"24.00\"",
            ),
        ),
        (
            // Northern Ireland is in the EU's VAT area for goods.
            vec![
                (format!("{c}/tax_ids"), json!([])),
                ("/recipient/address/country".into(), json!("GB")),
                ("/recipient/address/city".into(), json!("Belfast")),
                ("/recipient/address/postcode".into(), json!("BT1 5GS")),
            ],
            (
                "customs.tax_ids",
                ErrorKind::IossRequired,
                "goods sold to the EU (GB) worth €150 or less (these: 36.50 EUR) need the \
                 seller's IOSS number, so that VAT paid at the sale is not charged again at the \
                 door: add {\"kind\": \"ioss\", \"id\": \"IM\" and 10 digits}",
            ),
        ),
        (
            vec![(format!("{item0}/quantity"), json!(0))],
            (
                "customs.items[0].quantity",
                ErrorKind::OutOfRange,
                "must be at least 1",
            ),
        ),
        (
            vec![(format!("{item0}/weight_grams"), json!(0))],
            (
                "customs.items[0].weight_grams",
                ErrorKind::OutOfRange,
                "must be at least 1 gram",
            ),
        ),
        (
            vec![(format!("{item0}/value"), json!("24.001"))],
            (
                "customs.items[0].value",
                ErrorKind::InvalidNumber,
                "\"24.001\" has 3 digits after the point; at most 2",
            ),
        ),
        (
            vec![(format!("{item0}/value"), json!("-3"))],
            (
                "customs.items[0].value",
                ErrorKind::InvalidNumber,
                "\"-3\" is not a decimal number: write digits with a point, e.g. \"24.00\"",
            ),
        ),
        (
            vec![(format!("{item0}/currency"), json!("EURO"))],
            (
                "customs.items[0].currency",
                ErrorKind::UnknownCurrency,
                "\"EURO\" is not an ISO 4217 currency code, e.g. \"USD\", \"EUR\", \"CNY\"",
            ),
        ),
        (
            vec![("/customs/items/1/currency".into(), json!("USD"))],
            (
                "customs.items[1].currency",
                ErrorKind::MixedCurrencies,
                "is USD, but customs.items[0] is in EUR: one declaration has one currency",
            ),
        ),
        (
            vec![(format!("{item0}/hs_code"), json!("6109"))],
            (
                "customs.items[0].hs_code",
                ErrorKind::InvalidHsCode,
                "\"6109\" is not a Harmonized System code: 6 to 10 digits (dots and spaces \
                 allowed) of a chapter from 01 to 97, e.g. \"610910\" or \"6109.10.00\"",
            ),
        ),
        (
            vec![(format!("{item0}/origin_country"), json!("XX"))],
            (
                "customs.items[0].origin_country",
                ErrorKind::UnknownCountry,
                "\"XX\" is not a known ISO 3166-1 alpha-2 country code; expected two letters such as \"US\", \"GB\" or \"DE\"",
            ),
        ),
        (
            vec![("/order/weight_grams".into(), json!(500))],
            (
                "customs.items",
                ErrorKind::OverWeight,
                "weigh 650 g together, more than the parcel's order.weight_grams of 500 g",
            ),
        ),
        (
            vec![
                (format!("{c}/form"), json!("cn22")),
                (format!("{c}/value_sdr"), json!("300")),
            ],
            (
                "customs.form",
                ErrorKind::WrongForm,
                "a CN22 is for items worth less than 300 SDR, and value_sdr is 300.00: use \
                 \"cn23\" (or \"auto\")",
            ),
        ),
        (
            vec![(format!("{c}/value_sdr"), Value::Null)],
            (
                "customs.value_sdr",
                ErrorKind::Missing,
                "is needed to choose the form (a CN22 under 300 SDR, a CN23 from 300 up), e.g. \
                 \"25.40\"; or set form to \"cn22\" or \"cn23\"",
            ),
        ),
        (
            vec![(format!("{c}/form"), json!("cn 22"))],
            (
                "customs.form",
                ErrorKind::UnknownValue,
                "\"cn 22\" is not one of \"cn22\", \"cn23\"",
            ),
        ),
        (
            vec![(format!("{c}/contents"), json!("present"))],
            (
                "customs.contents",
                ErrorKind::UnknownValue,
                "\"present\" is not one of \"gift\", \"documents\", \"sample\", \
                 \"returned_goods\", \"merchandise\", \"other\"",
            ),
        ),
        (
            vec![(format!("{c}/contents"), json!("other"))],
            (
                "customs.explanation",
                ErrorKind::Missing,
                "is required when contents is \"other\": say what the contents are, e.g. \
                 \"Replacement part under warranty\"",
            ),
        ),
        (
            vec![(format!("{c}/non_delivery"), json!("destroy"))],
            (
                "customs.non_delivery",
                ErrorKind::UnknownValue,
                "\"destroy\" is not one of \"return\", \"abandon\"",
            ),
        ),
        (
            vec![(format!("{c}/tax_ids"), json!([]))],
            (
                "customs.tax_ids",
                ErrorKind::IossRequired,
                "goods sold to the EU (DE) worth €150 or less (these: 36.50 EUR) need the \
                 seller's IOSS number, so that VAT paid at the sale is not charged again at the \
                 door: add {\"kind\": \"ioss\", \"id\": \"IM\" and 10 digits}",
            ),
        ),
        (
            vec![(
                format!("{c}/tax_ids"),
                json!([{"kind": "ioss", "id": "IM12345"}]),
            )],
            (
                "customs.tax_ids[0].id",
                ErrorKind::InvalidTaxId,
                "\"IM12345\" is not a valid IOSS number: \"IM\" and 10 digits, e.g. \"IM2760000742\"",
            ),
        ),
        (
            vec![(
                format!("{c}/tax_ids"),
                json!([{"kind": "ioss", "id": "IM2760000742"}, {"kind": "voec", "id": "12-34"}]),
            )],
            (
                "customs.tax_ids[1].id",
                ErrorKind::InvalidTaxId,
                "\"12-34\" is not a valid VOEC number: 7 digits, e.g. \"2024926\"",
            ),
        ),
        (
            vec![(
                format!("{c}/tax_ids"),
                json!([{"kind": "ioss", "id": "IM2760000742"}, {"kind": "eori", "id": "123456"}]),
            )],
            (
                "customs.tax_ids[1].id",
                ErrorKind::InvalidTaxId,
                "\"123456\" is not a valid EORI number: a country code and up to 15 letters or \
                 digits, e.g. \"DE123456789012345\"",
            ),
        ),
        (
            vec![(format!("{c}/postage"), json!("6.9.0"))],
            (
                "customs.postage",
                ErrorKind::InvalidNumber,
                "\"6.9.0\" is not a decimal number: write digits with a point, e.g. \"24.00\" \
                 (it is in the items' currency, EUR)",
            ),
        ),
        (
            vec![(format!("{c}/date"), json!("2026-02-30"))],
            (
                "customs.date",
                ErrorKind::InvalidDate,
                "\"2026-02-30\" is not a day of the calendar",
            ),
        ),
        (
            vec![(format!("{c}/signer"), json!("  "))],
            ("customs.signer", ErrorKind::Empty, "must not be empty"),
        ),
    ];
    let mut failures = Vec::new();
    for (changes, (field, kind, message)) in &table {
        let changes: Vec<(&str, Value)> = changes
            .iter()
            .map(|(p, v)| (p.as_str(), v.clone()))
            .collect();
        let got = errors(with(&changes));
        let want = vec![((*field).to_owned(), *kind, (*message).to_owned())];
        if got != want {
            failures.push(format!("{changes:?}:\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let got = errors(with(&[
        ("/customs/items/0/hs_code", json!("12")),
        ("/customs/items/1/description", json!("goods")),
        ("/customs/date", json!("yesterday")),
        ("/recipient/address/postcode", json!("1")),
    ]));
    let fields: Vec<&str> = got.iter().map(|(f, ..)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "recipient.address.postcode",
            "customs.items[0].hs_code",
            "customs.items[1].description",
            "customs.date"
        ],
        "{got:#?}"
    );
}

#[test]
fn the_form_follows_the_value_unless_named() {
    let form = |changes: &[(&str, Value)]| {
        let label: Label = serde_json::from_value(with(changes)).unwrap();
        label.validate().map(|v| v.customs().unwrap().form())
    };
    assert_eq!(form(&[]).unwrap(), CustomsForm::Cn22);
    assert_eq!(
        form(&[("/customs/value_sdr", json!("299.99"))]).unwrap(),
        CustomsForm::Cn22
    );
    assert_eq!(
        form(&[("/customs/value_sdr", json!("300"))]).unwrap(),
        CustomsForm::Cn23
    );
    assert_eq!(
        form(&[
            ("/customs/form", json!("auto")),
            ("/customs/value_sdr", json!("1200.5"))
        ])
        .unwrap(),
        CustomsForm::Cn23
    );
    // A parcel may go on a CN23 at any value; then the value in SDR is not needed.
    assert_eq!(
        form(&[
            ("/customs/form", json!("CN23")),
            ("/customs/value_sdr", Value::Null)
        ])
        .unwrap(),
        CustomsForm::Cn23
    );
    // Outside the EU (or in its territories outside the VAT area: the Canary Islands), or
    // over €150, or not a sale: no IOSS number is asked for.
    for changes in [
        vec![
            ("/customs/tax_ids", json!([])),
            ("/recipient/address/country", json!("ES")),
            ("/recipient/address/postcode", json!("35001")),
            (
                "/recipient/address/city",
                json!("Las Palmas de Gran Canaria"),
            ),
            ("/recipient/address/region", json!("GC")),
        ],
        vec![
            ("/customs/tax_ids", json!([])),
            ("/recipient/address/country", json!("CH")),
            ("/recipient/address/postcode", json!("8001")),
            ("/recipient/address/city", json!("Zürich")),
        ],
        vec![
            ("/customs/tax_ids", json!([])),
            ("/customs/items/0/value", json!("150.00")),
        ],
        vec![
            ("/customs/tax_ids", json!([])),
            ("/customs/contents", json!("gift")),
        ],
    ] {
        assert!(form(&changes).is_ok(), "{changes:?}: {:?}", form(&changes));
    }
}

/// Random item lists: the totals are the sums of the items, whatever the currency's minor
/// digits, and the values read back as given.
#[test]
fn totals_are_the_sums_of_the_items() {
    let item = (1u32..1000, 1u32..100_000, 0u64..10_000_000);
    proptest!(ProptestConfig::with_cases(64), |(items in prop::collection::vec(item, 1..20), currency in prop::sample::select(vec![("EUR", 2u32), ("JPY", 0), ("KWD", 3)]))| {
        let (code, digits) = currency;
        let items: Vec<Value> = items
            .iter()
            .map(|&(quantity, weight, minor)| {
                let unit = 10u64.pow(digits);
                let value = if digits == 0 {
                    minor.to_string()
                } else {
                    format!("{}.{:0w$}", minor / unit, minor % unit, w = digits as usize)
                };
                json!({"description": "Stainless steel water bottle", "quantity": quantity,
                       "weight_grams": weight, "value": value, "currency": code,
                       "hs_code": "7323.93", "origin_country": "CN"})
            })
            .collect();
        let label: Label = serde_json::from_value(with(&[
            ("/customs/items", Value::Array(items.clone())),
            ("/customs/postage", Value::Null),
            ("/customs/form", json!("cn23")),
            ("/order/weight_grams", Value::Null),
        ]))
        .unwrap();
        let valid = label.validate().unwrap();
        let customs = valid.customs().unwrap();
        let minor: u64 = items
            .iter()
            .map(|i| {
                let v = i["value"].as_str().unwrap().replace('.', "");
                v.parse::<u64>().unwrap()
            })
            .sum();
        let grams: u64 = items.iter().map(|i| i["weight_grams"].as_u64().unwrap()).sum();
        prop_assert_eq!(customs.total_value().minor_units(), minor);
        prop_assert_eq!(customs.total_value().currency().code(), code);
        prop_assert_eq!(customs.total_weight_grams(), grams);
        for (valid, given) in customs.items().iter().zip(&items) {
            prop_assert_eq!(valid.value().amount(), given["value"].as_str().unwrap());
        }
    });
}
