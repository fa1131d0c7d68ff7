//! The `throughput` example, run as a user runs it: a small run splits into documents and
//! reports its figures.

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
    let bad = Command::new(common::example("throughput"))
        .arg("many")
        .output()
        .expect("the throughput example runs");
    assert_eq!(bad.status.code(), Some(2));
}
