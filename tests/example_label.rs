//! The `label` example, run as a user runs it. A plain `cargo test` builds the examples
//! first; `cargo test --test example_label` alone does not, so run `cargo build --examples`
//! before it.

// The `label` example needs the `png` feature (on by default).
#![cfg(feature = "png")]

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

fn example() -> PathBuf {
    common::example("label")
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
            "error: [0] order THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128: order.number: its Code 128 is 541 modules wide, but the 4x6 label has room for 248 (with 10-module quiet zones) at the narrowest module, 3 dots (0.38 mm) at 203 dpi; use an order number of at most 19 characters, or 38 digits (runs of digits encode two to a symbol)",
            "error: [2] order ANOTHER-ORDER-NUMBER-MUCH-TOO-LONG-FOR-CODE128: order.number: its Code 128 is 541 modules wide, but the 4x6 label has room for 248 (with 10-module quiet zones) at the narrowest module, 3 dots (0.38 mm) at 203 dpi; use an order number of at most 19 characters, or 38 digits (runs of digits encode two to a symbol)",
            "2 of 3 orders rejected; nothing written",
        ]
    );
    assert!(!dir.join("labels.pdf").exists());
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "only the input is left: the temporary file is removed"
    );
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
        r#"error: [1] order FR2026112500042: recipient.address.postcode: "7500" is not a valid postcode for FRANCE (e.g. "33380")"#
    );
    assert_eq!(
        lines[1],
        "error: [1] order FR2026112500042: seller.name: must not be empty"
    );
    assert_eq!(
        lines[2],
        "error: [2] order FR2026112500042: recipient.address.postcod: is not a field of the \
         order format; did you mean \"postcode\"?"
    );
    // The typo does not hide the missing postcode behind it.
    assert_eq!(
        lines[3],
        "error: [2] order FR2026112500042: recipient.address.postcode: is required for \
         addresses in FRANCE (e.g. \"33380\")"
    );
    assert_eq!(lines[4], "2 of 3 orders rejected; nothing written");
    assert_eq!(lines.len(), 5, "{stderr}");
    assert!(!dir.join("out.pdf").exists());
    std::fs::remove_dir_all(dir).ok();
}

/// The orders of `dir/orders.json` for the tests below: valid, invalid, the wrong shape,
/// unprintable (an order number too long for a Code 128 on the label), valid again. The odd spacing and key order are
/// on purpose: a rejected order must come back exactly as it was written.
fn mixed_batch(dir: &std::path::Path) -> [String; 5] {
    let invalid = GOOD.replace("75004", "7500");
    let shape = r#"{"order": {"number": "SHAPE-1"},   "recipient": 42, "seller": null}"#.to_owned();
    // Valid, but its Code 128 is wider than the label.
    let unprintable = GOOD.replace(
        "FR2026112500042",
        "THIS-ORDER-NUMBER-IS-FAR-TOO-LONG-FOR-CODE-128",
    );
    let orders = [
        GOOD.to_owned(),
        invalid,
        shape,
        unprintable,
        GOOD.replace("FR2026112500042", "FR-LAST"),
    ];
    std::fs::write(dir.join("orders.json"), format!("[{}]", orders.join(",\n"))).unwrap();
    orders
}

#[test]
fn with_rejected_the_valid_orders_print_and_the_others_are_written_intact() {
    let dir = temp_dir("rejected");
    let orders = mixed_batch(&dir);
    let out = run(&dir, &["orders.json", "--rejected", "rejected.json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert_eq!(
        stderr.lines().last(),
        Some("3 of 5 orders rejected, written to rejected.json")
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("wrote labels.pdf (2 labels, "),
        "{stdout}"
    );
    let pdf = std::fs::read(dir.join("labels.pdf")).unwrap();
    assert_eq!(
        lopdf::Document::load_mem(&pdf).unwrap().get_pages().len(),
        2
    );

    let text = std::fs::read_to_string(dir.join("rejected.json")).unwrap();
    let rejected: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rejected = rejected.as_array().unwrap();
    let indices: Vec<u64> = rejected
        .iter()
        .map(|r| r["index"].as_u64().unwrap())
        .collect();
    assert_eq!(indices, [1, 2, 3]);
    // Each order exactly as it was written, byte for byte.
    for (r, &i) in rejected.iter().zip(&indices) {
        let original = &orders[usize::try_from(i).unwrap()];
        assert!(text.contains(original.as_str()), "order {i} not intact");
        let order: serde_json::Value = serde_json::from_str(original).unwrap();
        assert_eq!(r["order"], order);
    }
    assert_eq!(
        rejected[0]["errors"],
        serde_json::json!([{
            "field": "recipient.address.postcode",
            "code": "invalid_postcode",
            "message": "\"7500\" is not a valid postcode for FRANCE (e.g. \"33380\")"
        }])
    );
    assert_eq!(rejected[1]["order_number"], "SHAPE-1");
    assert_eq!(
        rejected[1]["errors"],
        serde_json::json!([{
            "field": "recipient",
            "code": "invalid_type",
            "message": "expected an object, found a number (42)"
        }, {
            "field": "seller",
            "code": "invalid_type",
            "message": "expected an object, found null"
        }])
    );
    assert_eq!(
        rejected[2]["errors"],
        serde_json::json!([{
            "field": "order.number",
            "code": "barcode_too_wide",
            "message": "its Code 128 is 541 modules wide, but the 4x6 label has room for 248 (with \
                        10-module quiet zones) at the narrowest module, 3 dots (0.38 mm) at 203 \
                        dpi; use an order number of at most 19 characters, or 38 digits (runs of \
                        digits encode two to a symbol)"
        }])
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn with_rejected_and_every_order_rejected_nothing_is_printed() {
    let dir = temp_dir("all-rejected");
    let bad = GOOD.replace("\"FR\"", "\"France\"");
    std::fs::write(dir.join("orders.json"), format!("[{bad}, {bad}]")).unwrap();
    let out = run(&dir, &["orders.json", "--rejected", "rejected.json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().rev().take(2).collect::<Vec<_>>(),
        [
            "nothing printed",
            "2 of 2 orders rejected, written to rejected.json"
        ]
    );
    assert!(!dir.join("labels.pdf").exists());
    let rejected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("rejected.json")).unwrap()).unwrap();
    assert_eq!(rejected.as_array().map(Vec::len), Some(2));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn with_rejected_and_nothing_rejected_the_file_is_an_empty_list() {
    let dir = temp_dir("none-rejected");
    std::fs::write(dir.join("rejected.json"), "stale").unwrap();
    std::fs::write(dir.join("orders.json"), format!("[{GOOD}]")).unwrap();
    let out = run(&dir, &["orders.json", "--rejected", "rejected.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.join("rejected.json")).unwrap(),
        "[]"
    );
    assert!(dir.join("labels.pdf").exists());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn input_over_the_limits_is_refused_before_it_is_parsed() {
    let dir = temp_dir("limits");
    // One byte over MAX_JSON_BYTES: white space around a valid order.
    let mut big = vec![b' '; shiplabel::MAX_JSON_BYTES + 1 - GOOD.len()];
    big.extend_from_slice(GOOD.as_bytes());
    std::fs::write(dir.join("big.json"), &big).unwrap();
    let out = run(&dir, &["big.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next(),
        Some("error: big.json: larger than 16777216 bytes, the most read at once; split it")
    );
    // Exactly at the limit is read.
    big.remove(0);
    std::fs::write(dir.join("big.json"), &big).unwrap();
    let out = run(&dir, &["big.json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Any number of orders within the byte limit: more than one library call prints.
    let many = vec![GOOD; shiplabel::MAX_LABELS + 1].join("\n");
    std::fs::write(dir.join("many.jsonl"), many).unwrap();
    let out = run(&dir, &["many.jsonl", "-o", "many.pdf"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("wrote "));
    let pdf = std::fs::read(dir.join("many.pdf")).unwrap();
    assert_eq!(
        lopdf::Document::load_mem(&pdf).unwrap().get_pages().len(),
        shiplabel::MAX_LABELS + 1
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|name| name.to_string_lossy().starts_with(".label-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_arguments_exit_with_status_2() {
    let dir = temp_dir("usage");
    let out = run(&dir, &["--rejected"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next(),
        Some("error: --rejected needs a file name")
    );
    // The usage follows, on its own lines, as written (not escaped like messages).
    let stderr = String::from_utf8_lossy(&out.stderr);
    let usage: Vec<&str> = stderr.lines().skip(1).collect();
    assert_eq!(usage.len(), 4, "{stderr}");
    assert!(usage[0].starts_with("usage: label "), "{stderr}");
    assert!(
        usage[1].trim_start().starts_with("[--rejected "),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn help_prints_the_usage_on_standard_output() {
    let dir = temp_dir("help");
    let out = run(&dir, &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].starts_with("usage: label "), "{stdout}");
    assert!(
        lines[3].contains("[--qr order|tracking-url|none]"),
        "{stdout}"
    );
    assert!(!stdout.contains("\\u{"), "{stdout}");
    assert!(out.stderr.is_empty());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_example_orders_print_with_every_qr_choice() {
    // examples/orders.json: Royal Mail, USPS, DHL (found from its number), SF Express and
    // EMS numbers, each with a known tracking page.
    let dir = temp_dir("qr");
    let orders = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/orders.json");
    for qr in ["order", "tracking-url", "none"] {
        let name = format!("{qr}.pdf");
        let out = run(&dir, &[orders.to_str().unwrap(), "--qr", qr, "-o", &name]);
        assert!(
            out.status.success(),
            "--qr {qr}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pdf = std::fs::read(dir.join(&name)).unwrap();
        // Five labels; after the three international ones, their customs forms: two CN22s
        // (4 × 6 in) and the Hong Kong order's CN23 (an A4 page).
        let sizes = page_sizes(&pdf);
        assert_eq!(sizes.len(), 8, "--qr {qr}");
        assert_eq!(sizes.iter().filter(|&&s| s == (595, 842)).count(), 1);
    }
    // Without a tracking number there is no page to point to: the order is refused, named.
    std::fs::write(dir.join("orders.json"), format!("[{GOOD}]")).unwrap();
    let out = run(
        &dir,
        &["orders.json", "--qr", "tracking-url", "-o", "x.pdf"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("order.tracking: the QR code is to open the tracking page, but there is no tracking number"),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// The page sizes of a PDF, in whole points.
fn page_sizes(pdf: &[u8]) -> Vec<(i64, i64)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|&id| {
            let media = doc.get_dictionary(id).unwrap().get(b"MediaBox").unwrap();
            let v: Vec<f32> = media
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_float().unwrap())
                .collect();
            (v[2].round() as i64, v[3].round() as i64)
        })
        .collect()
}

#[test]
fn json_lines_sizes_sheets_and_resolution_from_the_command_line() {
    let dir = temp_dir("sizes");
    let second = GOOD.replace("FR2026112500042", "FR-SECOND");
    let third = GOOD.replace("FR2026112500042", "FR-THIRD");
    // JSON Lines: one order per line.
    let lines = [GOOD, second.as_str(), third.as_str()]
        .map(|o| o.replace('\n', " "))
        .join("\n");
    std::fs::write(dir.join("orders.jsonl"), lines).unwrap();

    let out = run(
        &dir,
        &[
            "orders.jsonl",
            "--size",
            "100x150",
            "--dpi",
            "300",
            "-o",
            "m.pdf",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.join("m.pdf")).unwrap();
    assert_eq!(page_sizes(&pdf), [(283, 425); 3]);

    // Three labels on A4 from position 3: two on the first sheet, one on the second.
    let out = run(
        &dir,
        &[
            "orders.jsonl",
            "--sheet",
            "a4",
            "--start",
            "3",
            "--cut-marks",
            "-o",
            "a4.pdf",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.join("a4.pdf")).unwrap();
    assert_eq!(page_sizes(&pdf), [(595, 842); 2]);

    for (args, message) in [
        (
            &["--sheet", "letter", "--start", "3"][..],
            "error: start position 3 is not on a letter sheet, which has positions 1 to 2",
        ),
        (
            &["--size", "5x7"][..],
            "error: unknown label size \"5x7\"; one of: 4x6, 4x8, 100x150, a6",
        ),
        (
            &["--dpi", "50"][..],
            "error: --dpi must be a whole number from 100 to 1200, not \"50\"",
        ),
        (
            &["--start", "2"][..],
            "error: --start and --cut-marks need --sheet",
        ),
        (
            &["--size", "a6", "--sheet", "a4"][..],
            "error: --size and --sheet do not go together: a sheet sets its labels' size",
        ),
        (
            &["--qr", "url"][..],
            "error: unknown QR content \"url\"; one of: order, tracking-url, none",
        ),
    ] {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().next(), Some(message), "{args:?}");
    }
    std::fs::remove_dir_all(dir).ok();
}

/// The width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Files in `dir` whose names start with `prefix`, sorted.
fn files(dir: &PathBuf, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

#[test]
fn png_writes_a_numbered_image_per_label_or_sheet_at_the_printers_dots() {
    let dir = temp_dir("png");
    let second = GOOD.replace("FR2026112500042", "FR-SECOND");
    std::fs::write(dir.join("two.json"), format!("[{GOOD}, {second}]")).unwrap();
    // An output named .png asks for images; --dpi sets their resolution.
    let out = run(&dir, &["two.json", "-o", "labels.png", "--dpi", "300"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or(""),
        format!(
            "wrote labels-001.png … labels-002.png (2 labels, {} bytes)",
            ["labels-001.png", "labels-002.png"]
                .iter()
                .map(|n| std::fs::metadata(dir.join(n)).unwrap().len())
                .sum::<u64>()
        )
    );
    assert_eq!(files(&dir, "labels"), ["labels-001.png", "labels-002.png"]);
    let png = std::fs::read(dir.join("labels-001.png")).unwrap();
    assert_eq!(png_size(&png), (1200, 1800)); // 4 x 6 in at 300 dpi
    // On sheets, one image per sheet.
    let out = run(
        &dir,
        &[
            "two.json",
            "--format",
            "png",
            "--sheet",
            "letter",
            "-o",
            "sheet.png",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(files(&dir, "sheet"), ["sheet-001.png"]);
    let png = std::fs::read(dir.join("sheet-001.png")).unwrap();
    assert_eq!(png_size(&png), (1726, 2233)); // Letter at 203 dpi
    // Images cannot go to standard output.
    let out = run(&dir, &["two.json", "--format", "png", "-o", "-"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn png_all_or_nothing_leaves_no_image_and_print_valid_keeps_every_order() {
    let dir = temp_dir("png-batch");
    let bad = GOOD
        .replace("FR2026112500042", "FR-BAD")
        .replace("\"75004\"", "\"7500\"");
    std::fs::write(dir.join("mixed.json"), format!("[{GOOD}, {bad}, {GOOD}]")).unwrap();
    let out = run(&dir, &["mixed.json", "-o", "mixed.png"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(files(&dir, "mixed-").is_empty());
    assert!(files(&dir, ".label-").is_empty(), "temporary files left");
    let out = run(
        &dir,
        &["mixed.json", "-o", "mixed.png", "--rejected", "rej.json"],
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(files(&dir, "mixed-"), ["mixed-001.png", "mixed-002.png"]);
    let rejected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("rej.json")).unwrap()).unwrap();
    assert_eq!(rejected[0]["index"], 1);
    assert_eq!(rejected[0]["order_number"], "FR-BAD");
    assert!(files(&dir, ".label-").is_empty(), "temporary files left");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn zpl_writes_one_format_per_label_in_one_file() {
    let dir = temp_dir("zpl");
    let second = GOOD.replace("FR2026112500042", "FR-SECOND");
    std::fs::write(dir.join("two.json"), format!("[{GOOD}, {second}]")).unwrap();
    let out = run(&dir, &["two.json", "-o", "labels.zpl"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let zpl = std::fs::read_to_string(dir.join("labels.zpl")).unwrap();
    assert_eq!(zpl.matches("^XA\n^PW812\n^LL1218\n").count(), 2);
    assert!(zpl.contains("^FD>:FR-SECOND^FS"), "{zpl}");
    // The same formats as the library makes for the same orders.
    let expected: Vec<u8> = [GOOD.to_owned(), second]
        .iter()
        .flat_map(|json| {
            let label: shiplabel::Label = serde_json::from_str(json).unwrap();
            let layout =
                shiplabel::layout(&label.validate().unwrap(), &Default::default()).unwrap();
            shiplabel::render_zpl(&layout).unwrap()
        })
        .collect();
    assert_eq!(zpl.as_bytes(), expected);
    // ZPL is for label printers, not sheets.
    let out = run(&dir, &["two.json", "--format", "zpl", "--sheet", "a4"]);
    assert_eq!(out.status.code(), Some(2));
    // The Latin lines in the printer's font 0, as the library writes them.
    let out = run(
        &dir,
        &["two.json", "-o", "font0.zpl", "--zpl-text", "resident"],
    );
    assert_eq!(out.status.code(), Some(0));
    let zpl = std::fs::read(dir.join("font0.zpl")).unwrap();
    let label: shiplabel::Label = serde_json::from_str(GOOD).unwrap();
    let layout = shiplabel::layout(&label.validate().unwrap(), &Default::default()).unwrap();
    let first = shiplabel::render_zpl_with(
        &layout,
        shiplabel::ZplOptions::default().with_text(shiplabel::ZplText::ResidentFont),
    )
    .unwrap();
    assert!(zpl.starts_with(&first));
    assert!(String::from_utf8(first).unwrap().contains("^A0N,"));
    // Only ZPL has text options.
    let out = run(&dir, &["two.json", "--zpl-text", "resident"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--zpl-text is for --format zpl"));
    std::fs::remove_dir_all(dir).ok();
}
