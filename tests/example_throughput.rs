//! The `throughput` example, run as a user runs it: a small run streams into one document,
//! or splits into documents, and reports its figures.

mod common;

use std::process::Command;

#[test]
fn a_small_run_reports_documents_time_bytes_and_memory() {
    let out = Command::new(common::example("throughput"))
        .args(["7", "--max-pages", "3"])
        .output()
        .expect("the throughput example runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("7 labels in 3 document(s) of at most 3 pages: "),
        "{stdout}"
    );
    assert!(
        first.contains(" µs/label, ") && first.ends_with(" bytes/label"),
        "{stdout}"
    );
    if cfg!(target_os = "linux") {
        assert!(stdout.contains("peak resident memory: "), "{stdout}");
    }
    assert!(
        stdout.contains("of which making and validating the orders: "),
        "{stdout}"
    );
    // Without --max-pages, one streamed document.
    let out = Command::new(common::example("throughput"))
        .arg("5")
        .output()
        .expect("the throughput example runs");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("5 labels in 1 document(s) streamed: "),
        "{stdout}"
    );
    let bad = Command::new(common::example("throughput"))
        .arg("many")
        .output()
        .expect("the throughput example runs");
    assert_eq!(bad.status.code(), Some(2));
}
