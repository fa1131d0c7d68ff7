//! The `label` example, run as a user runs it. A plain `cargo test` builds the examples
//! first; `cargo test --test example_label` alone does not, so run `cargo build --examples`
//! before it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn example() -> PathBuf {
    // target/<profile>/deps/<this test> -> target/<profile>/examples/label
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target dir");
    dir.join("examples")
        .join(format!("label{}", std::env::consts::EXE_SUFFIX))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shiplabel-example-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(dir: &PathBuf, args: &[&str]) -> Output {
    Command::new(example())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the label example runs")
}

const GOOD: &str = r#"{"order": {"number": "FR2026112500042", "carrier": "Colissimo"},
  "recipient": {"name": "Zoë Lefèvre", "address": {"lines": ["12 rue de l'Église"], "city": "Paris", "postcode": "75004", "country": "FR"}},
  "seller": {"name": "Atelier Lumière SARL", "address": {"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "country": "FR"}}}"#;

#[test]
fn without_arguments_it_writes_the_sample_label() {
    let dir = temp_dir("sample");
    let out = run(&dir, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("wrote label.pdf (1 label, "), "{stdout}");
    let pdf = std::fs::read(dir.join("label.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn an_array_gives_one_page_per_order() {
    let dir = temp_dir("array");
    std::fs::write(dir.join("orders.json"), format!("[{GOOD}, {GOOD}, {GOOD}]")).unwrap();
    let out = run(&dir, &["orders.json", "-o", "three.pdf"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.join("three.pdf")).unwrap();
    assert_eq!(
        lopdf::Document::load_mem(&pdf).unwrap().get_pages().len(),
        3
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn labels_that_cannot_be_printed_are_all_reported_and_nothing_is_written() {
    let dir = temp_dir("unprintable");
    // Valid order numbers whose Code 128 is wider than the label.
    let wide = GOOD.replace(
        "FR2026112500042",
        "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128",
    );
    let wider = GOOD.replace(
        "FR2026112500042",
        "ANOTHER-ORDER-NUMBER-MUCH-TOO-LONG-FOR-CODE128",
    );
    std::fs::write(
        dir.join("orders.json"),
        format!("[{wide}, {GOOD}, {wider}]"),
    )
    .unwrap();
    let out = run(&dir, &["orders.json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            "error: [0] order THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128: order.number: its Code 128 needs 541 modules (the bars, within the margins), 135.4 mm at the narrowest 2-dot module, but the label has 94.5 mm for them; use a shorter order number (runs of digits encode at two per symbol)",
            "error: [2] order ANOTHER-ORDER-NUMBER-MUCH-TOO-LONG-FOR-CODE128: order.number: its Code 128 needs 541 modules (the bars, within the margins), 135.4 mm at the narrowest 2-dot module, but the label has 94.5 mm for them; use a shorter order number (runs of digits encode at two per symbol)",
            "2 label(s) cannot be printed; nothing written",
        ]
    );
    assert!(!dir.join("labels.pdf").exists());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn invalid_orders_are_all_reported_with_their_index_and_nothing_is_written() {
    let dir = temp_dir("invalid");
    let bad = GOOD
        .replace("75004", "7500")
        .replace("\"Atelier Lumière SARL\"", "\"\"");
    let typo = GOOD.replace("\"postcode\": \"75004\"", "\"postcod\": \"75004\"");
    std::fs::write(dir.join("orders.json"), format!("[{GOOD}, {bad}, {typo}]")).unwrap();
    let out = run(&dir, &["orders.json", "-o", "out.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[0],
        r#"error: [1] recipient.address.postcode: "7500" is not a valid postcode for FRANCE (e.g. "33380")"#
    );
    assert_eq!(lines[1], "error: [1] seller.name: must not be empty");
    assert!(
        lines[2].starts_with(
            "error: [2] recipient.address.postcod: unknown field `postcod`, expected one of"
        ),
        "{stderr}"
    );
    assert_eq!(lines[3], "3 problem(s); nothing written");
    assert!(!dir.join("out.pdf").exists());
    std::fs::remove_dir_all(dir).ok();
}
