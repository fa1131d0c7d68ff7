//! Shared helpers for the integration tests: the sample orders and the golden set.

#![allow(dead_code)] // each test binary uses its own part of this module

pub mod labels;
pub mod raster;
pub mod tools;

use std::path::PathBuf;

use shiplabel::{Dpi, Label, LabelSize, Options, Sheet, SheetLayout, ValidLabel};

/// The sample orders by index: the project's shared samples (`tests/data/orders.json`, a
/// copy), then more scripts (`tests/data/scripts.json`: Hebrew, Korean with a Chinese
/// sender, Greek, and Arabic and Thai addresses written in their own scripts).
pub fn sample_orders() -> Vec<Label> {
    let shared: Vec<Label> = serde_json::from_str(include_str!("../data/orders.json"))
        .expect("tests/data/orders.json parses");
    let scripts: Vec<Label> = serde_json::from_str(include_str!("../data/scripts.json"))
        .expect("tests/data/scripts.json parses");
    shared.into_iter().chain(scripts).collect()
}

/// The customs forms' test orders: a CN22 with Chinese descriptions (to the US), a 28-item
/// CN23 (to Australia).
pub fn customs_orders() -> Vec<Label> {
    serde_json::from_str(include_str!("../data/customs.json")).expect("tests/data/customs.json")
}

/// The labels kept as golden files: file stem and index in [`sample_orders`].
pub const GOLDEN: &[(&str, usize)] = &[
    ("gb-london", 0),
    ("us-mountain-view", 1),
    ("de-berlin", 2),
    ("fr-paris", 3),
    ("br-sao-paulo", 5),
    ("vn-ho-chi-minh", 8),
    ("hk-no-postcode", 9),
    ("ae-no-postcode", 10),
    ("mx-mexico-city", 11),
    ("de-long-names", 12),
    ("jp-tokyo", 4),
    ("sa-riyadh", 6),
    ("th-bangkok", 7),
    ("il-tel-aviv", 13),
    ("kr-seoul", 14),
    ("gr-athens", 15),
    ("sa-arabic-address", 16),
    ("th-thai-address", 17),
];

/// Golden documents in other sizes, on sheets and at 300 dpi: file stem, the options, and
/// the indices in [`sample_orders`] of the labels, in order.
pub fn golden_layouts() -> Vec<(&'static str, Options, Vec<usize>)> {
    let sheet = |layout| Sheet::new(layout);
    vec![
        (
            "gb-london-300dpi",
            Options::default().with_dpi(Dpi::DPI_300),
            vec![0],
        ),
        (
            "size-4x8",
            Options::default().with_size(LabelSize::In4x8),
            vec![0],
        ),
        (
            "size-100x150",
            Options::default().with_size(LabelSize::Mm100x150),
            vec![1],
        ),
        (
            "size-a6",
            Options::default().with_size(LabelSize::A6),
            vec![16],
        ),
        (
            "sheet-a4-from-2-cut-marks",
            Options::default().with_sheet(
                sheet(SheetLayout::A4FourA6)
                    .starting_at(2)
                    .expect("a4 has position 2")
                    .with_cut_marks(true),
            ),
            vec![0, 2, 4, 13, 16],
        ),
        (
            "sheet-letter",
            Options::default().with_sheet(sheet(SheetLayout::LetterTwo4x6)),
            vec![3, 8, 14],
        ),
    ]
}

/// Golden labels whose QR code holds something else than the order: file stem, what the QR
/// holds, index in [`sample_orders`].
pub const GOLDEN_QR: &[(&str, shiplabel::QrContent, usize)] = &[
    (
        "gb-london-tracking-url",
        shiplabel::QrContent::TrackingUrl,
        0,
    ),
    ("gb-london-no-qr", shiplabel::QrContent::None, 0),
    ("us-mountain-view-no-qr", shiplabel::QrContent::None, 1),
];

/// A golden label, validated.
pub fn golden_label(index: usize) -> ValidLabel {
    let label = sample_orders().swap_remove(index);
    label.validate().expect("golden samples are valid")
}

/// `tests/golden/<stem>.<ext>`.
pub fn golden_path(stem: &str, ext: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{stem}.{ext}"))
}

/// The binary of the example `name`, which a plain `cargo test` builds before the tests:
/// target/<profile>/deps/<test> -> target/<profile>/examples/<name>.
pub fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    dir.join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// The QR payload the README documents, built here from the input independently of the
/// library's own code.
pub fn expected_payload(label: &Label) -> String {
    let mut payload = format!("SL1\nO:{}", label.order.number.trim());
    if let Some(t) = &label.order.tracking {
        payload.push_str(&format!("\nT:{}", t.trim().to_ascii_uppercase()));
    }
    let country = label.recipient.address.country.trim().to_ascii_uppercase();
    // Hong Kong and the Emirates use no postcodes: none is printed or encoded.
    if let Some(p) = &label.recipient.address.postcode {
        payload.push_str(&format!("\nZ:{}", p.trim().to_uppercase()));
    }
    payload.push_str(&format!("\nC:{country}"));
    payload
}

/// `value` with the values at `/`-separated JSON pointers replaced, or removed for `null`
/// (an array's element is replaced by its index): one order with its mistakes.
pub fn with_changes(
    mut value: serde_json::Value,
    changes: &[(&str, serde_json::Value)],
) -> serde_json::Value {
    use serde_json::Value;
    for (pointer, new) in changes {
        let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
        let parent = value
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("no {parent}"));
        match parent {
            Value::Object(map) if new.is_null() => {
                map.remove(key);
            }
            Value::Object(map) => {
                map.insert(key.to_owned(), new.clone());
            }
            Value::Array(items) => items[key.parse::<usize>().expect("an index")] = new.clone(),
            _ => panic!("{parent} is not a container"),
        }
    }
    value
}
