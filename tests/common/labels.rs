//! Random valid labels (proptest strategies), for the property tests and the cross-check.
//!
//! The addresses are the sample orders' (valid, in Latin script) with random street lines;
//! names, companies, phones, order numbers and shipment details are random. Text is drawn
//! from the scripts the label fonts print (a character they lack is a validation error,
//! which the nasty-input table covers), and some values are long, so that layout errors are
//! exercised too.

use proptest::prelude::*;
use proptest::sample::select;
use shiplabel::{Address, Label, Order, Party};

/// Text of 2 to `max` characters from `letters` plus digits, spaces and punctuation inside,
/// a letter first and a letter or digit last.
fn text_of(letters: &str, max: usize) -> impl Strategy<Value = String> + use<> {
    let first = proptest::string::string_regex(&format!("[{letters}]")).expect("a valid pattern");
    let inner = format!("[{letters}0-9 '.,/&-]{{0,{}}}", max.saturating_sub(2));
    let inner = proptest::string::string_regex(&inner).expect("a valid pattern");
    (first, inner, "[A-Za-z0-9]").prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

/// Latin-script text, accents included (what most addresses on these labels are written in).
pub fn text(max: usize) -> impl Strategy<Value = String> {
    text_of("A-Za-zÀ-ÖØ-öø-ÿĀ-žạếữỳ", max)
}

/// Text mixing Latin, Greek and Cyrillic script. In an address's street lines it makes the
/// address non-Latin, so that regions and cities print in the destination's own script
/// (which the fonts may lack: a clear layout error).
pub fn mixed_text(max: usize) -> impl Strategy<Value = String> {
    text_of("A-Za-zÀ-ÿΑ-ΡΣ-Ωα-ωА-я", max)
}

/// Names: mostly Latin, some mixing Greek and Cyrillic, and one time in ten with a word in
/// a script that needs shaping or another font (CJK, Arabic, Hebrew, Thai, Hangul).
pub fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        7 => text(40),
        2 => mixed_text(40),
        1 => (text(12), select(vec!["山田", "محمد", "דוד", "สมชาย", "김민준"]))
            .prop_map(|(t, other)| format!("{t} {other}")),
    ]
}

fn street_line() -> impl Strategy<Value = String> {
    prop_oneof![9 => text(40), 1 => mixed_text(40)]
}

/// Order numbers the validator accepts: short codes, long digit runs (which pack two to a
/// Code 128 symbol), any printable ASCII, and long ones too wide for the label.
pub fn order_number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z]{2}-[0-9]{4,14}",
        2 => "[0-9]{1,48}",
        3 => "[!-~]([ -~]{0,28}[!-~])?",
        1 => "[!-~]{31,48}",
    ]
}

/// A tracking number and carrier the validator accepts together: valid numbers of known
/// carriers (named in any case, or found from the number, spaces and all), or a number of no
/// known format with any carrier text (or none), as sellers of unknown carriers give them.
fn tracking_and_carrier() -> impl Strategy<Value = (Option<String>, Option<String>)> {
    let known = prop::sample::select(vec![
        ("1Z5R89390357567127", Some("UPS")),
        ("1Z 5R8 939 03 5756 7127", None),
        ("986578788855", Some("fedex")),
        ("9400 1112 0108 0805 4830 16", Some("USPS")),
        ("3318810025", None),
        ("RR473124829GB", Some("Royal Mail")),
        ("EE000000080CN", Some("ems")),
        ("SF1193907051991", Some("SF Express")),
        ("YT2229521272164446", None),
    ])
    .prop_map(|(n, c)| (Some(n.to_owned()), c.map(str::to_owned)));
    // "ZX" and digits: the shape of no carrier's numbers.
    let unknown = (
        proptest::option::of("ZX[0-9]{2,30}"),
        proptest::option::of(text(20)),
    )
        .prop_filter("a carrier whose formats the number is not", |(n, c)| {
            n.as_deref()
                .is_none_or(|n| shiplabel::TrackingNumber::parse(n, c.as_deref()).is_ok())
        });
    prop_oneof![1 => known, 3 => unknown]
}

fn order() -> impl Strategy<Value = Order> {
    (
        order_number(),
        tracking_and_carrier(),
        proptest::option::of(text(30)),
        proptest::option::of(1u32..=u32::MAX),
    )
        .prop_map(|(number, (tracking, carrier), service, weight_grams)| {
            let mut order = Order::new(number);
            order.tracking = tracking;
            order.carrier = carrier;
            order.service = service;
            order.weight_grams = weight_grams;
            order
        })
}

/// The sample orders' addresses in Latin script (valid, each with its country's rules).
fn addresses() -> Vec<Address> {
    super::sample_orders()
        .into_iter()
        .flat_map(|l| [l.recipient.address, l.seller.address])
        .filter(|a| a.validate().is_ok() && !["JP", "SA", "TH"].contains(&a.country.as_str()))
        .collect()
}

fn party() -> impl Strategy<Value = Party> {
    (
        name(),
        proptest::option::of(text(40)),
        proptest::option::of("\\+[0-9]{2}( [0-9]{2,4}){1,4}"),
        select(addresses()),
        prop::collection::vec(street_line(), 1..=4),
    )
        .prop_map(|(name, company, phone, mut address, lines)| {
            address.lines = lines;
            let mut party = Party::new(name, address);
            party.company = company;
            party.phone = phone;
            party
        })
}

/// A label that passes validation (laying it out may still fail, clearly).
pub fn label() -> impl Strategy<Value = Label> {
    (order(), party(), party())
        .prop_map(|(order, recipient, seller)| Label::new(order, recipient, seller))
}
