//! An independent second opinion with tools this project did not write, run by `.ci/run`
//! (`cargo test --test crosscheck -- --ignored`), which installs them: poppler's `pdftoppm`
//! rasterises every golden label at 203 dpi in black and white (as a thermal printer prints),
//! zbar's `zbarimg` decodes each symbol, and `qpdf --check` checks the PDF's structure.
//!
//! It also runs `qpdf --check` on PDFs of random valid labels, generated deterministically
//! with the property tests' strategies.
//!
//! Ignored in a plain `cargo test`, which must pass on a machine with only Rust installed.

mod common;

use common::tools::{run, zbar};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use shiplabel::{BatchMode, Options, RenderError};

#[test]
#[ignore = "needs poppler-utils, zbar-tools and qpdf; .ci/run installs them and runs it"]
fn poppler_zbar_and_qpdf_agree() {
    let orders = common::sample_orders();
    let dir = std::env::temp_dir().join(format!("shiplabel-crosscheck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for &(stem, index) in common::GOLDEN {
        let pdf = common::golden_path(stem, "pdf");
        let pdf = pdf.to_str().unwrap();
        if let Err(e) = run("qpdf", &["--check", pdf]) {
            failures.push(format!("{stem}: {e}"));
        }
        let prefix = dir.join(stem);
        if let Err(e) = run(
            "pdftoppm",
            &[
                "-r",
                "203",
                "-mono",
                "-png",
                "-singlefile",
                pdf,
                prefix.to_str().unwrap(),
            ],
        ) {
            failures.push(format!("{stem}: {e}"));
            continue;
        }
        let png = prefix.with_extension("png");
        let order = &orders[index];
        let expected = [
            ("code128", order.order.number.trim().to_owned()),
            ("qrcode", common::expected_payload(order)),
        ];
        for (symbology, want) in expected {
            match zbar(&png, symbology) {
                Ok(got) if got == want => {}
                other => failures.push(format!(
                    "{stem}: zbarimg {symbology} gave {other:?}, expected {want:?}"
                )),
            }
        }
    }
    // The other sizes, the sheets, the 300 dpi label, and every golden label in one batch.
    for (stem, ..) in common::golden_layouts() {
        let pdf = common::golden_path(stem, "pdf");
        if let Err(e) = run("qpdf", &["--check", pdf.to_str().unwrap()]) {
            failures.push(format!("{stem}: {e}"));
        }
    }
    let labels: Vec<_> = common::GOLDEN
        .iter()
        .map(|&(_, i)| common::golden_label(i))
        .collect();
    let batch = dir.join("batch.pdf");
    let pdf = shiplabel::render_pdf(&labels, &shiplabel::Options::default()).unwrap();
    std::fs::write(&batch, pdf).unwrap();
    if let Err(e) = run("qpdf", &["--check", batch.to_str().unwrap()]) {
        failures.push(format!("batch: {e}"));
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `text` in display order, left to right, by the bidi algorithm (its direction from its
/// first strong character).
fn displayed(text: &str) -> String {
    let bidi = unicode_bidi::BidiInfo::new(text, None);
    bidi.paragraphs
        .iter()
        .map(|p| bidi.reorder_line(p, p.range.clone()).into_owned())
        .collect()
}

/// A line as pdftotext writes a line that mixes directions, in display order: poppler gives
/// its runs from left to right, each right-to-left run in reading order between U+202B and
/// U+202C, so those runs are reversed here.
fn poppler_displayed(line: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let mut in_rtl = false;
    for c in line.chars() {
        match c {
            '\u{202B}' => in_rtl = true,
            '\u{202C}' => {
                out.extend(run.chars().rev());
                run.clear();
                in_rtl = false;
            }
            c if in_rtl => run.push(c),
            c => out.push(c),
        }
    }
    out.extend(run.chars().rev());
    out
}

#[test]
#[ignore = "needs poppler-utils; .ci/run installs it and runs it"]
fn pdftotext_gives_back_every_name_and_address_line() {
    let orders = common::sample_orders();
    let mut failures = Vec::new();
    for &(stem, index) in common::GOLDEN {
        let pdf = common::golden_path(stem, "pdf");
        let text = match run("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]) {
            Ok(text) => text,
            Err(e) => {
                failures.push(format!("{stem}: {e}"));
                continue;
            }
        };
        // poppler wraps right-to-left words in embedding controls (U+202B … U+202C).
        let plain: Vec<String> = text
            .lines()
            .map(|l| {
                l.chars()
                    .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
                    .collect::<String>()
                    .trim()
                    .to_owned()
            })
            .filter(|l| !l.is_empty())
            .collect();
        // Each printed line must come back as a whole line of the output; a line wrapped on
        // the label comes back as two or three, joined here with a space or without (a
        // break after a hyphen or between CJK characters).
        let mut whole: Vec<String> = plain.clone();
        for n in 2..=3 {
            for window in plain.windows(n) {
                whole.push(window.join(" "));
                whole.push(window.join(""));
            }
        }
        // poppler gives a line that mixes directions as its runs in display order (each
        // run in reading order), so such a line is compared as displayed.
        let shown: Vec<String> = text.lines().map(|l| poppler_displayed(l.trim())).collect();
        let label = orders[index].validate().expect("golden samples are valid");
        for party in [label.recipient(), label.seller()] {
            for line in party.lines() {
                let found = whole.contains(&line) || shown.contains(&displayed(&line));
                if !found {
                    let want = displayed(&line);
                    failures.push(format!(
                        "{stem}: {line:?} (shown {want:?}) not in pdftotext's output {shown:?}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How many random labels the qpdf check renders.
const RANDOM_LABELS: usize = 60;

#[test]
#[ignore = "needs qpdf; .ci/run installs it and runs it"]
fn qpdf_accepts_pdfs_of_random_valid_labels() {
    // The same labels on every run: proptest's deterministic runner, the property tests'
    // strategy.
    let mut runner = TestRunner::deterministic();
    let strategy = common::labels::label();
    let labels: Vec<shiplabel::Label> = (0..RANDOM_LABELS)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect();
    let dir = std::env::temp_dir().join(format!("shiplabel-qpdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    // Each label on its own, then all of them in one document.
    let batches: Vec<&[shiplabel::Label]> = labels
        .chunks(1)
        .chain(std::iter::once(labels.as_slice()))
        .collect();
    for (n, batch) in batches.into_iter().enumerate() {
        let printed =
            match shiplabel::render_batch(batch, BatchMode::PrintValid, &Options::default()) {
                Ok(printed) => printed,
                Err(RenderError::Rejected { .. }) => continue, // nothing printable: no PDF
                Err(e) => panic!("batch {n}: {e}"),
            };
        let path = dir.join(format!("random-{n}.pdf"));
        std::fs::write(&path, &printed.output).unwrap();
        let path = path.to_str().unwrap();
        if let Err(e) = run("qpdf", &["--check", path]) {
            failures.push(format!("batch {n}: {e}"));
        }
        match run("qpdf", &["--show-npages", path]) {
            Ok(pages) if pages.trim() == printed.pages.len().to_string() => {}
            other => failures.push(format!(
                "batch {n}: qpdf counts {other:?} pages, expected {}",
                printed.pages.len()
            )),
        }
        checked += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Most random labels print; a run that checked almost nothing would prove little.
    assert!(checked > RANDOM_LABELS / 2, "only {checked} PDFs checked");
}
