//! Shared helpers for the integration tests: the sample orders and the golden set.

#![allow(dead_code)] // each test binary uses its own part of this module

pub mod labels;

use std::path::PathBuf;

use shiplabel::{Label, ValidLabel};

/// The sample orders (a copy of the project's shared samples), by index.
pub fn sample_orders() -> Vec<Label> {
    let text = include_str!("../data/orders.json");
    serde_json::from_str(text).expect("tests/data/orders.json parses")
}

/// The labels kept as golden files: file stem and index in `tests/data/orders.json`.
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
