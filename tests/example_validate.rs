//! The `validate` example over a JSON Lines file, as a seller runs it before printing. A plain
//! `cargo test` builds the examples first.

mod common;

use std::process::Command;

fn example() -> std::path::PathBuf {
    common::example("validate")
}

#[test]
fn every_line_gets_a_report_in_input_order() {
    let dir = std::env::temp_dir().join(format!("shiplabel-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("addresses.jsonl");
    std::fs::write(
        &input,
        [
            r#"{"id": "A1", "name": "Oliver Smith", "address": {"lines": ["Flat 4, 221 Baker Street"], "city": "London", "postcode": "nw1 6xe", "country": "GB"}}"#,
            r#"{"id": "A2", "name": "Emily Johnson", "company": "Johnson Design LLC", "address": {"lines": ["1600 Amphitheatre Parkway"], "city": "Mountain View", "region": "CA", "postcode": "9404", "country": "US"}}"#,
            "not json",
            "",
            r#"{"id": 7, "name": "X", "address": {"lines": ["a"], "postcod": "1", "country": "DE"}}"#,
            r#"{"name": "Chan Tai Man", "address": {"lines": ["Flat B, 12/F, Tower 2", "8 Harbour Road"], "city": "Wan Chai", "region": "Hong Kong Island", "country": "HK"}}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = Command::new(example())
        .arg(&input)
        .output()
        .expect("the validate example runs");
    assert_eq!(out.status.code(), Some(1), "some lines are invalid");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            r#"{"id":"A1","valid":true,"errors":[],"formatted":"Oliver Smith\nFlat 4, 221 Baker Street\nLONDON\nNW1 6XE\nUNITED KINGDOM"}"#,
            r#"{"id":"A2","valid":false,"errors":[{"field":"address.postcode","code":"invalid_postcode","message":"\"9404\" is not a valid postcode for UNITED STATES (e.g. \"95014\")"}],"formatted":null}"#,
            r#"{"id":null,"valid":false,"errors":[{"field":null,"code":"malformed_json","message":"expected ident at line 1 column 2"}],"formatted":null}"#,
            r#"{"id":null,"valid":false,"errors":[{"field":null,"code":"empty_line","message":"the line is empty"}],"formatted":null}"#,
            r#"{"id":7,"valid":false,"errors":[{"field":"address.postcod","code":"invalid_shape","message":"unknown field `postcod`, expected one of `lines`, `city`, `city_area`, `region`, `postcode`, `sorting_code`, `country`"}],"formatted":null}"#,
            r#"{"id":null,"valid":true,"errors":[],"formatted":"Chan Tai Man\nFlat B, 12/F, Tower 2\n8 Harbour Road\nWan Chai\nHONG KONG ISLAND\nHONG KONG"}"#,
        ]
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_directory_is_an_error_not_an_endless_loop() {
    let dir = std::env::temp_dir();
    let out = Command::new(example())
        .arg(&dir)
        .output()
        .expect("the validate example runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn other_fields_of_an_export_are_ignored_and_the_phone_is_checked() {
    let dir = std::env::temp_dir().join(format!("shiplabel-validate-extra-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("export.jsonl");
    std::fs::write(
        &input,
        r#"{"id": 1, "email": "a@example.com", "phone": "+44\t20", "name": "A", "address": {"lines": ["1 High Street"], "city": "London", "postcode": "NW1 6XE", "country": "GB"}}"#,
    )
    .unwrap();
    let out = Command::new(example()).arg(&input).output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        r#"{"id":1,"valid":false,"errors":[{"field":"phone","code":"control_character","message":"contains the control character U+0009 at position 4"}],"formatted":null}"#
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_line_over_the_limit_is_reported_and_the_rest_still_run() {
    let dir = std::env::temp_dir().join(format!("shiplabel-validate-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("long.jsonl");
    let good = r#"{"id": "G", "name": "A", "address": {"lines": ["1 High Street"], "city": "London", "postcode": "NW1 6XE", "country": "GB"}}"#;
    let long = format!(
        r#"{{"id": "L", "name": "{}"}}"#,
        "x".repeat(shiplabel::MAX_JSON_BYTES)
    );
    std::fs::write(&input, format!("{good}\n{long}\r\n{good}\n")).unwrap();
    let out = Command::new(example()).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].starts_with(r#"{"id":"G","valid":true"#),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        r#"{"id":null,"valid":false,"errors":[{"field":null,"code":"line_too_long","message":"line 2: longer than 16777216 bytes"}],"formatted":null}"#
    );
    assert!(
        lines[2].starts_with(r#"{"id":"G","valid":true"#),
        "{}",
        lines[2]
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Issue 12, row 13: a repeated key is refused, as the `label` example refuses it, never
/// resolved to its last value; row 9: the file name may be any bytes.
#[cfg(unix)]
#[test]
fn a_repeated_key_is_an_error_and_a_file_name_may_be_any_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let dir = std::env::temp_dir().join(format!("shiplabel-validate-dup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join(std::ffi::OsStr::from_bytes(b"export-\xff.jsonl"));
    std::fs::write(
        &input,
        [
            r#"{"id": 1, "name": "A", "address": {"lines": ["1 High Street"], "city": "London", "postcode": "XXX", "postcode": "NW1 6XE", "country": "GB"}}"#,
            r#"{"id": 2, "name": "A", "name": "B", "address": {"lines": ["1 High Street"], "city": "London", "postcode": "NW1 6XE", "country": "GB"}}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = Command::new(example()).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .collect::<Vec<_>>(),
        [
            r#"{"id":1,"valid":false,"errors":[{"field":"address","code":"invalid_shape","message":"duplicate field `postcode`"}],"formatted":null}"#,
            r#"{"id":2,"valid":false,"errors":[{"field":null,"code":"invalid_shape","message":"duplicate field `name`"}],"formatted":null}"#,
        ]
    );
    // A name that cannot be opened is reported with its bytes, never a panic.
    let missing = dir.join(std::ffi::OsStr::from_bytes(b"missing-\xfe\x1b.jsonl"));
    let out = Command::new(example()).arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("missing-\u{fffd}\\u{1b}.jsonl: No such file"),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Issue 12, row 1 for `validate`: a standard error that cannot be written is no panic.
#[cfg(target_os = "linux")]
#[test]
fn a_standard_error_that_cannot_be_written_is_no_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(example())
        .arg("/nonexistent/addresses.jsonl")
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
