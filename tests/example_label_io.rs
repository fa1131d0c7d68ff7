//! The `label` example when the world around it misbehaves (issue 12, one test per row of its
//! table): streams that cannot be written, runs killed part way, full disks, outputs that
//! collide, planted links, special files, names of any bytes, inputs of millions of values,
//! escape sequences. Whatever happens, no order is lost, no file under an output's name is
//! ever half written, and nothing panics. A plain `cargo test` builds the examples first.

// The `label` example needs the `png` feature (on by default).
#![cfg(feature = "png")]
#![cfg(unix)]

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

fn example() -> PathBuf {
    common::example("label")
}

fn label(dir: &Path) -> Command {
    let mut command = Command::new(example());
    command.current_dir(dir);
    command
}

fn run(dir: &Path, args: &[&str]) -> Output {
    label(dir)
        .args(args)
        .output()
        .expect("the label example runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A valid order numbered `number`.
fn good(number: &str) -> String {
    format!(
        r#"{{"order": {{"number": "{number}"}},
  "recipient": {{"name": "Zoë Lefèvre", "address": {{"lines": ["12 rue de l'Église"], "city": "Paris", "postcode": "75004", "country": "FR"}}}},
  "seller": {{"name": "Atelier Lumière SARL", "address": {{"lines": ["5 quai Saint-Antoine"], "city": "Lyon", "postcode": "69002", "country": "FR"}}}}}}"#
    )
}

/// An invalid order (its postcode has four digits) numbered `number`.
fn bad(number: &str) -> String {
    good(number).replace("75004", "7500")
}

/// `dir/orders.json`: a bad order between two good ones.
fn bad_and_good(dir: &Path) {
    let orders = format!("[{}, {}, {}]", good("G-1"), bad("B-1"), good("G-2"));
    fs::write(dir.join("orders.json"), orders).unwrap();
}

/// The pages of a complete PDF; panics on a truncated or corrupt one.
fn pages(path: &Path) -> usize {
    let bytes = fs::read(path).unwrap();
    lopdf::Document::load_mem(&bytes)
        .unwrap_or_else(|e| panic!("{} is not a complete PDF: {e}", path.display()))
        .get_pages()
        .len()
}

/// The orders of a complete rejected file, by index.
fn rejected(path: &Path) -> Vec<u64> {
    let text = fs::read_to_string(path).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not complete JSON: {e}", path.display()));
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["index"].as_u64().unwrap())
        .collect()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn dev_full() -> fs::File {
    fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap()
}

/// Waits for `child` at most `limit`, killing it past that.
fn wait_at_most(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().ok();
    child.wait().ok();
    None
}

/// Row 1: a standard error that fails (a full device, a pipe closed by `head`) loses
/// messages, never orders: the PDF and the rejected file are both written, and the exit
/// status says so.
#[test]
fn a_failing_standard_error_loses_no_order() {
    let dir = tempfile::tempdir().unwrap();
    bad_and_good(dir.path());
    let args = ["orders.json", "-o", "out.pdf", "--rejected", "rej.json"];
    let out = label(dir.path())
        .args(args)
        .stderr(dev_full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(pages(&dir.path().join("out.pdf")), 2);
    assert_eq!(rejected(&dir.path().join("rej.json")), [1]);

    fs::remove_file(dir.path().join("out.pdf")).unwrap();
    fs::remove_file(dir.path().join("rej.json")).unwrap();
    let mut child = label(dir.path())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take()); // as `2>&1 | head -0` would
    let status = wait_at_most(&mut child, Duration::from_secs(60)).expect("the run ends");
    assert_eq!(status.code(), Some(3));
    assert_eq!(pages(&dir.path().join("out.pdf")), 2);
    assert_eq!(rejected(&dir.path().join("rej.json")), [1]);
}

/// Row 2: killed at any moment, a run leaves complete files or none under the outputs'
/// names (at most a hidden temporary file beside them), and a PDF in place always has its
/// rejected file: the rejected file is renamed into place first. A FIFO as the rejected
/// file is refused at once instead of blocking the run.
#[test]
fn a_run_killed_at_any_moment_leaves_no_half_written_file_and_no_pdf_without_its_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let orders: Vec<String> = (0..120)
        .map(|i| {
            let number = format!("K-{i}");
            if i % 10 == 3 {
                bad(&number)
            } else {
                good(&number)
            }
        })
        .collect();
    fs::write(dir.path().join("orders.jsonl"), orders.join("\n")).unwrap();
    let args = ["orders.jsonl", "-o", "out.pdf", "--rejected", "rej.json"];
    // How long a whole run takes here, to spread the kills over it.
    let start = Instant::now();
    assert_eq!(run(dir.path(), &args).status.code(), Some(3));
    let whole = start.elapsed();
    for trial in 0..10u32 {
        for name in ["out.pdf", "rej.json"] {
            fs::remove_file(dir.path().join(name)).ok();
        }
        let mut child = label(dir.path())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole * trial / 8);
        child.kill().ok(); // SIGKILL: no cleanup runs
        child.wait().unwrap();
        let out_pdf = dir.path().join("out.pdf");
        let rej = dir.path().join("rej.json");
        if rej.exists() {
            assert_eq!(rejected(&rej).len(), 12, "trial {trial}");
        }
        if out_pdf.exists() {
            assert!(
                rej.exists(),
                "trial {trial}: the PDF is in place without its rejects"
            );
            assert_eq!(pages(&out_pdf), 108, "trial {trial}");
        }
        for name in names(dir.path()) {
            assert!(
                ["orders.jsonl", "out.pdf", "rej.json"].contains(&name.as_str())
                    || name.starts_with(".label-"),
                "trial {trial}: {name} left behind"
            );
        }
    }

    let fifo = dir.path().join("fifo.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let mut child = label(dir.path())
        .args(["orders.jsonl", "--rejected", "fifo.json"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait_at_most(&mut child, Duration::from_secs(30)).expect("no blocking");
    assert_eq!(status.code(), Some(2));
}

/// Runs the example with `args` in `dir` under a file size limit of `blocks`, the signal a
/// write past it raises ignored (so the write fails with EFBIG instead).
fn run_with_file_limit(dir: &Path, blocks: u32, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""
        ))
        .arg(example())
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Row 3: a disk that fills while the rejected file or the PDF is written leaves the
/// existing files as they were and no temporary file: nothing is printed.
#[test]
fn a_full_disk_leaves_the_old_files_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // The rejected order is padded to a megabyte (kept byte for byte), the PDF ~13 KB.
    let padded = bad("B-1").replacen('{', &format!("{{{}", " ".repeat(1 << 20)), 1);
    fs::write(
        dir.path().join("orders.json"),
        format!("[{}, {padded}]", good("G-1")),
    )
    .unwrap();
    let args = ["orders.json", "-o", "out.pdf", "--rejected", "rej.json"];
    // 60 blocks (30 or 60 KB, as the shell counts them) hold the PDF, not the rejects; 4
    // blocks hold neither.
    for blocks in [60, 4] {
        fs::write(dir.path().join("out.pdf"), "old pdf").unwrap();
        fs::write(dir.path().join("rej.json"), "old rejects").unwrap();
        let out = run_with_file_limit(dir.path(), blocks, &args);
        assert_eq!(out.status.code(), Some(1), "{blocks}: {}", stderr(&out));
        assert!(stderr(&out).contains("File too large"), "{}", stderr(&out));
        assert!(
            stderr(&out).ends_with("nothing written\n"),
            "{}",
            stderr(&out)
        );
        assert_eq!(fs::read(dir.path().join("out.pdf")).unwrap(), b"old pdf");
        assert_eq!(
            fs::read(dir.path().join("rej.json")).unwrap(),
            b"old rejects"
        );
        assert_eq!(names(dir.path()), ["orders.json", "out.pdf", "rej.json"]);
    }
    // With room, both are written.
    let out = run_with_file_limit(dir.path(), 8192, &args);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(rejected(&dir.path().join("rej.json")), [1]);
}

/// Row 4: `-o` and `--rejected` naming one file (under any spelling), or an output naming
/// the input, is a usage error, and nothing is touched.
#[test]
fn outputs_that_name_one_file_or_the_input_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    bad_and_good(dir.path());
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("same.pdf"), "old").unwrap();
    fs::hard_link(dir.path().join("same.pdf"), dir.path().join("alias.pdf")).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["orders.json", "-o", "same.pdf", "--rejected", "same.pdf"],
            "error: -o and --rejected both name same.pdf; give them different files",
        ),
        (
            &[
                "orders.json",
                "-o",
                "sub/../same.pdf",
                "--rejected",
                "./same.pdf",
            ],
            "error: -o and --rejected both name sub/../same.pdf; give them different files",
        ),
        (
            &["orders.json", "-o", "same.pdf", "--rejected", "alias.pdf"],
            "error: -o and --rejected both name same.pdf; give them different files",
        ),
        (
            &["orders.json", "-o", "new.pdf", "--rejected", "new.pdf"],
            "error: -o and --rejected both name new.pdf; give them different files",
        ),
        (
            &["orders.json", "-o", "./orders.json"],
            "error: ./orders.json is the input; writing it would replace the orders",
        ),
        (
            &["orders.json", "--rejected", "orders.json"],
            "error: orders.json is the input; writing it would replace the orders",
        ),
    ];
    let before = fs::read(dir.path().join("orders.json")).unwrap();
    for (args, message) in cases {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out).lines().next(), Some(*message), "{args:?}");
        assert_eq!(fs::read(dir.path().join("same.pdf")).unwrap(), b"old");
        assert_eq!(fs::read(dir.path().join("orders.json")).unwrap(), before);
        assert_eq!(
            names(dir.path()),
            ["alias.pdf", "orders.json", "same.pdf", "sub"]
        );
    }
}

/// Row 5: a rejected file that cannot be written (its directory does not exist) stops the
/// run before any work, and an older PDF under the output's name stays as it was.
#[test]
fn a_rejected_file_that_cannot_be_written_leaves_the_old_pdf() {
    let dir = tempfile::tempdir().unwrap();
    bad_and_good(dir.path());
    fs::write(dir.path().join("out.pdf"), "old").unwrap();
    let out = run(
        dir.path(),
        &[
            "orders.json",
            "-o",
            "out.pdf",
            "--rejected",
            "nodir/rej.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().collect::<Vec<_>>(),
        [
            "error: nodir/rej.json: No such file or directory (os error 2)",
            "nothing written"
        ]
    );
    assert_eq!(fs::read(dir.path().join("out.pdf")).unwrap(), b"old");
    assert_eq!(names(dir.path()), ["orders.json", "out.pdf"]);
}

/// Row 6: runs writing the same output at once each write a file of their own and rename
/// it into place: the file is always one run's complete PDF.
#[test]
fn runs_at_once_on_one_output_never_mix_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let two = format!("[{}, {}]", good("A-1"), good("A-2"));
    let three = format!("[{}, {}, {}]", good("B-1"), good("B-2"), good("B-3"));
    fs::write(dir.path().join("two.json"), two).unwrap();
    fs::write(dir.path().join("three.json"), three).unwrap();
    for trial in 0..6 {
        let spawn = |input: &str| {
            label(dir.path())
                .args([input, "-o", "out.pdf"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (spawn("two.json"), spawn("three.json"));
        assert!(a.wait().unwrap().success());
        assert!(b.wait().unwrap().success());
        let pages = pages(&dir.path().join("out.pdf"));
        assert!(pages == 2 || pages == 3, "trial {trial}: {pages} pages");
        assert_eq!(names(dir.path()), ["out.pdf", "three.json", "two.json"]);
    }
}

/// Row 7: a link planted where a fixed temporary name would be is never followed (there is
/// no fixed name), and a link at the output's name is refused.
#[test]
fn planted_links_are_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    bad_and_good(dir.path());
    fs::write(dir.path().join("victim"), "precious").unwrap();
    std::os::unix::fs::symlink("victim", dir.path().join("out.pdf.part")).unwrap();
    let out = run(
        dir.path(),
        &["orders.json", "-o", "out.pdf", "--rejected", "r.json"],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join("victim")).unwrap(), b"precious");
    assert!(
        fs::symlink_metadata(dir.path().join("out.pdf.part"))
            .unwrap()
            .is_symlink()
    );

    std::os::unix::fs::symlink("victim", dir.path().join("link.pdf")).unwrap();
    let out = run(
        dir.path(),
        &["orders.json", "-o", "link.pdf", "--rejected", "r.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).lines().next(),
        Some("error: link.pdf is a symbolic link; name the file it points to")
    );
    let out = run(dir.path(), &["orders.json", "--rejected", "link.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(dir.path().join("victim")).unwrap(), b"precious");
}

/// Row 8: a device, a FIFO or a directory at an output's name is refused before any work
/// (`-` is how to write to standard output); a name of 255 bytes, the most a name may
/// have, is written.
#[test]
fn special_files_are_refused_and_the_longest_name_is_written() {
    let dir = tempfile::tempdir().unwrap();
    bad_and_good(dir.path());
    let out = run(dir.path(), &["orders.json", "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).lines().next(),
        Some(
            "error: /dev/null is not a regular file (a device, a FIFO or a socket); only `-` \
             writes to standard output"
        )
    );
    fs::create_dir(dir.path().join("dir.pdf")).unwrap();
    let out = run(dir.path(), &["orders.json", "-o", "dir.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).lines().next(),
        Some("error: dir.pdf is a directory")
    );

    let long = format!("{}.pdf", "a".repeat(251));
    assert_eq!(long.len(), 255);
    let out = run(
        dir.path(),
        &["orders.json", "-o", &long, "--rejected", "r.json"],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(pages(&dir.path().join(&long)), 2);
}

/// Row 9: file names are any bytes, in the input and the outputs, and messages show the
/// bytes that are not UTF-8 as `\xNN`.
#[test]
fn file_names_that_are_not_utf8_work() {
    let dir = tempfile::tempdir().unwrap();
    let name = |bytes: &[u8]| std::ffi::OsStr::from_bytes(bytes).to_owned();
    fs::write(
        dir.path().join(name(b"\xff.json")),
        format!("[{}, {}]", good("G-1"), bad("B-1")),
    )
    .unwrap();
    let out = label(dir.path())
        .arg(name(b"\xff.json"))
        .arg("-o")
        .arg(name(b"out-\xfe.pdf"))
        .arg("--rejected")
        .arg(name(b"rej-\xfd.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(pages(&dir.path().join(name(b"out-\xfe.pdf"))), 1);
    assert_eq!(rejected(&dir.path().join(name(b"rej-\xfd.json"))), [1]);
    assert!(stderr(&out).ends_with("1 of 2 orders rejected, written to rej-\\xFD.json\n"));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("wrote out-\\xFE.pdf (1 label, "));
}

/// Row 10: a standard output that fails after a successful run changes nothing: the PDF is
/// in place and the status says so. With `-o -` the PDF itself goes there, so a failing
/// standard output means nothing printed.
#[test]
fn a_failing_standard_output_is_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    bad_and_good(dir.path());
    let out = label(dir.path())
        .args(["orders.json", "-o", "out.pdf", "--rejected", "rej.json"])
        .stdout(dev_full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(pages(&dir.path().join("out.pdf")), 2);

    let out = label(dir.path())
        .args(["orders.json", "-o", "-", "--rejected", "rej.json"])
        .stdout(dev_full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).lines().collect::<Vec<_>>(),
        [
            "error: standard output: No space left on device (os error 28) (rej.json holds the \
             rejected orders)",
            "nothing printed"
        ]
    );
}

/// Standard input and output as `-`: the PDF reaches standard output whole, and the
/// summary goes to standard error.
#[test]
fn standard_input_and_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = label(dir.path())
        .args(["-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{}\n{}", good("S-1"), good("S-2")).as_bytes())
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = lopdf::Document::load_mem(&out.stdout).unwrap();
    assert_eq!(doc.get_pages().len(), 2);
    assert!(stderr(&out).starts_with("wrote standard output (2 labels, "));
    assert!(names(dir.path()).is_empty());
}

/// Row 11: an input of millions of tiny values is refused as it is split, within a memory
/// bound (1 GB of address space; it took 2.7 GB before), without parsing any.
#[test]
fn millions_of_tiny_orders_are_refused_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = "0\n".repeat(shiplabel::MAX_JSON_BYTES / 2);
    fs::write(dir.path().join("zeros.jsonl"), zeros).unwrap();
    for rejected in [false, true] {
        let mut args = vec!["zeros.jsonl", "-o", "out.pdf"];
        if rejected {
            args.extend(["--rejected", "rej.json"]);
        }
        let out = Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1000000; exec \"$0\" \"$@\"")
            .arg(example())
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(
            stderr(&out).lines().collect::<Vec<_>>(),
            [
                "error: zeros.jsonl: more than 100000 orders, the most read at once; split it",
                "nothing written"
            ]
        );
        assert_eq!(names(dir.path()), ["zeros.jsonl"]);
    }
}

/// Row 14: an escape sequence in an order number (or any text from the input) reaches the
/// terminal escaped, never raw.
#[test]
fn escape_sequences_in_messages_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let evil = bad("TT-1").replace("\"TT-1\"", r#""TT-1\u001b]0;pwned\u0007\u009b31m""#);
    fs::write(dir.path().join("orders.json"), &evil).unwrap();
    let out = run(dir.path(), &["orders.json"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a raw control character reached the terminal: {text:?}"
    );
    assert!(
        text.starts_with("error: order TT-1\\u{1b}]0;pwned\\u{7}\\u{9b}31m: order.number: "),
        "{text}"
    );
}
