//! Measures a day's run: N different labels, validated as they are produced (never all
//! held), streamed into one PDF with `PdfWriter` (or, with `--max-pages`, split into
//! documents of at most that many pages with `write_documents`), and reports the time per
//! label, the bytes per label and the process's peak memory.
//!
//! ```text
//! cargo run --release --example throughput -- 10000
//! cargo run --release --example throughput -- 100000 --max-pages 1000
//! ```
//!
//! The labels cycle through the sample orders (`examples/orders.json`), each with its own
//! order number and recipient name, so every barcode, QR code and name differs. The PDFs'
//! bytes are counted and dropped. Validating the orders is timed apart and reported too
//! (it happens as the labels are read, on one core). Peak memory is the kernel's high-water
//! mark of the resident set (`VmHWM` in `/proc/self/status`, Linux).

use std::process::ExitCode;
use std::time::Instant;

use shiplabel::{Label, Options, ValidLabel};

/// A writer that only counts the bytes it is given.
struct Counter<'a>(&'a std::cell::Cell<usize>);

impl std::io::Write for Counter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The process's peak resident memory so far, in MiB (Linux; `None` elsewhere).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Streams `labels` into one PDF; returns the documents written (1).
fn stream(
    labels: impl Iterator<Item = ValidLabel>,
    bytes: &std::cell::Cell<usize>,
) -> Result<usize, shiplabel::RenderError> {
    let mut writer = shiplabel::PdfWriter::new(Counter(bytes), &options())?;
    writer.write_labels(labels)?;
    // All or nothing: a label that cannot be printed fails the run here.
    writer.finish()?;
    Ok(1)
}

/// Labels alone: the international sample orders' customs forms are left out, so the run
/// measures a page per label, as the peers' do.
fn options() -> Options {
    Options::default().with_customs_forms(false)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut count: usize = 10_000;
    let mut max_pages: Option<usize> = None;
    while let Some(arg) = args.next() {
        let parsed = match arg.as_str() {
            "--max-pages" => args
                .next()
                .and_then(|v| v.parse().ok())
                .map(|v| max_pages = Some(v)),
            n => n.parse().ok().map(|v| count = v),
        };
        if parsed.is_none() {
            eprintln!("usage: throughput [LABELS] [--max-pages N]");
            return ExitCode::from(2);
        }
    }
    let samples: Vec<Label> = match serde_json::from_str(include_str!("orders.json")) {
        Ok(samples) => samples,
        Err(e) => {
            eprintln!("error: examples/orders.json: {e}");
            return ExitCode::FAILURE;
        }
    };
    let label = |i: usize| -> Label {
        let mut label = samples[i % samples.len()].clone();
        label.order.number = format!("RUN-{i:08}");
        label.recipient.name = format!("{} {}", label.recipient.name, i % 997);
        label
    };
    let valid =
        |label: Label| -> ValidLabel { label.validate().expect("the sample orders are valid") };

    // Making and validating the orders alone, for the share of the run they take.
    let start = Instant::now();
    for i in 0..count {
        std::hint::black_box(valid(label(i)));
    }
    let validating = start.elapsed();

    let labels = (0..count).map(|i| valid(label(i)));
    let before = peak_mib();
    let start = Instant::now();
    let bytes = std::cell::Cell::new(0usize);
    let written = match max_pages {
        None => stream(labels, &bytes),
        Some(max_pages) => {
            shiplabel::write_documents(labels, &options(), max_pages, |_| Ok(Counter(&bytes)))
        }
    };
    let documents = match written {
        Ok(n) => n,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bytes = bytes.get();
    let elapsed = start.elapsed();
    let peak = peak_mib();
    // Validation alone, after the run so that its orders do not count in the peak: orders
    // made beforehand (a thousand different ones, in turn).
    let made: Vec<Label> = (0..count.clamp(1, 1000)).map(label).collect();
    let start = Instant::now();
    for i in 0..count {
        std::hint::black_box(made[i % made.len()].validate().is_ok());
    }
    let validation = start.elapsed();
    drop(made);
    let per_label = |d: std::time::Duration| d.as_secs_f64() * 1e6 / count.max(1) as f64;
    let split = match max_pages {
        Some(n) => format!("of at most {n} pages"),
        None => "streamed".to_owned(),
    };
    println!(
        "{count} labels in {documents} document(s) {split}: {:.2} s, {:.1} µs/label, \
         {} bytes/label",
        elapsed.as_secs_f64(),
        per_label(elapsed),
        bytes / count.max(1)
    );
    println!(
        "of which making and validating the orders: {:.1} µs/label (validation alone: {:.1} µs)",
        per_label(validating),
        per_label(validation)
    );
    if let (Some(before), Some(after)) = (before, peak) {
        println!("peak resident memory: {after:.1} MiB (at start: {before:.1} MiB)");
    }
    ExitCode::SUCCESS
}
