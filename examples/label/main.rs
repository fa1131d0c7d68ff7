//! Prints shipping labels.
//!
//! ```text
//! cargo run --example label                                 # the built-in sample -> label.pdf
//! cargo run --example label -- orders.json -o labels.pdf    # one order or an array of orders
//! cargo run --example label -- orders.json --rejected rejected.json
//! cargo run --example label -- orders.jsonl --size 100x150 --dpi 300
//! cargo run --example label -- orders.json --sheet a4 --start 3 --cut-marks
//! cargo run --example label -- orders.json -o labels.png    # labels-001.png, labels-002.png…
//! cargo run --example label -- orders.json -o labels.zpl    # ZPL II for a Zebra printer
//! cargo run --example label -- orders.json -o labels.zpl --zpl-text resident  # Latin text in font 0
//! cargo run --example label -- orders.json --no-customs     # labels without their CN22/CN23
//! some-export | cargo run --example label -- - -o - | lp    # standard input and output
//! ```
//!
//! The input is one order object, an array of them, or JSON Lines (one order per line), of
//! up to [`MAX_ORDERS`](shiplabel::MAX_ORDERS) orders in up to
//! [`MAX_JSON_BYTES`](shiplabel::MAX_JSON_BYTES) of JSON; the labels are streamed into the
//! PDF as they are drawn, on every core.
//! `--size` is `4x6` (default), `4x8`, `100x150` or `a6`; `--sheet` prints on office sheets
//! instead (`a4`: four A6 labels; `letter`: two 4 × 6 in labels), from position `--start`
//! (1 is the top left), with `--cut-marks` if asked; `--dpi` is the printer's resolution
//! (203 by default). `--format png` (or an output named `*.png`) writes a 1-bit PNG per label
//! (or per sheet) at that resolution, a dot per pixel, for raster printers: numbered from the
//! output's name, all put in place together at the end. `--format zpl` (or `*.zpl`) writes
//! ZPL II for thermal printers: one format per label, in one file (or standard output).
//!
//! Every problem is printed with the order's index (in an array), its order number and the
//! field's path. By default a batch prints all or nothing: one bad order and nothing is
//! written. With `--rejected FILE` the printable orders are written to the PDF and every
//! other order, exactly as it was in the input, goes to FILE with its problems, so none is
//! lost.
//!
//! Files are never left half written (see `output.rs`): each is written beside its name and
//! renamed into place when complete, the rejected file before the PDF, so a PDF in place
//! always has its rejected file beside it. Messages never stop a run and show control
//! characters escaped (see `report.rs`).
//!
//! Exit status: 0 every order printed; 1 nothing printed (a problem in all-or-nothing mode,
//! every order rejected, the input unreadable, not JSON or over a limit, or an output that
//! could not be written); 2 bad arguments (an output that is a directory, a link or a special
//! file, or that names the input or the other output, included); 3 (with `--rejected`) some
//! orders printed and the others written to FILE.

mod args;
mod images;
mod input;
mod output;
mod rejected;
mod report;

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use shiplabel::{
    BatchMode, Output, PdfWriter, PngOutput, Printer, Raster, Rejected, RenderError, ZplOutput,
};

use crate::args::Format;
use crate::images::Images;

use crate::input::Orders;
use crate::output::{Pending, Target};
use crate::rejected::{RejectedOrder, parse_order, problems};
use crate::report::plural;

/// Some orders printed, the others written to the `--rejected` file.
const EXIT_SOME_REJECTED: u8 = 3;

/// The program's allocator: mimalloc, where glibc's malloc took about an eighth more CPU (a
/// label makes about 300 small allocations, on every thread drawing labels). The library
/// itself leaves the choice to the program that links it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = match args::parse(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(None) => {
            report::usage(args::USAGE, true);
            return ExitCode::SUCCESS;
        }
        Err(Some(message)) => {
            report::error(&message);
            report::usage(args::USAGE, false);
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(status) => status,
        Err(failure) => {
            report::error(&failure.message);
            report::say(failure.outcome);
            ExitCode::FAILURE
        }
    }
}

/// Why a run printed nothing, and what it left behind.
struct Failure {
    message: String,
    outcome: &'static str,
}

impl Failure {
    /// Nothing was written: existing files are as they were.
    fn untouched(message: String) -> Failure {
        Failure {
            message,
            outcome: "nothing written",
        }
    }
}

/// What a run printed: the labels kept in the PDF (0 when none is to be kept), and the
/// orders set aside, by index.
struct Run<'a> {
    printed: usize,
    /// Pages of customs declarations printed after their labels.
    forms: usize,
    rejected: Vec<RejectedOrder<'a>>,
}

/// The labels being written: a PDF, or images.
enum Document {
    Pdf(Pending),
    Png(Images),
}

impl Document {
    fn create(args: &args::Args) -> std::io::Result<Document> {
        Ok(match (args.format, &args.output) {
            (Format::Png, Target::Path(path)) => Document::Png(Images::create(path)?),
            _ => Document::Pdf(Pending::create(&args.output)?),
        })
    }

    /// Flushes what was written to the disk; returns how many bytes there are.
    fn sync(&mut self) -> std::io::Result<u64> {
        match self {
            Document::Pdf(pdf) => pdf.sync(),
            Document::Png(images) => Ok(images.bytes()),
        }
    }

    /// What is left when putting it in place fails: nothing of a PDF (one rename); of
    /// images, those renamed before the failure (the message counts them).
    fn commit_failure(&self) -> &'static str {
        match self {
            Document::Pdf(_) => "nothing printed",
            Document::Png(_) => "only the images counted above are in place",
        }
    }

    /// Puts it in place; returns how to name what was written.
    fn commit(self, output: &Target) -> std::io::Result<String> {
        match self {
            Document::Pdf(pdf) => pdf.commit().map(|()| output.name()),
            Document::Png(images) => {
                let (first, last) = images.names();
                images.commit()?;
                Ok(if first == last {
                    first
                } else {
                    format!("{first} … {last}")
                })
            }
        }
    }
}

fn run(args: &args::Args) -> Result<ExitCode, Failure> {
    let io_error =
        |target: &Target, e: std::io::Error| Failure::untouched(format!("{}: {e}", target.name()));
    // The temporary files first: an output directory that cannot be written fails here,
    // before any work.
    let mut pdf = Document::create(args).map_err(|e| io_error(&args.output, e))?;
    let rejected_file = match &args.rejected {
        Some(target) => Some(Pending::create(target).map_err(|e| io_error(target, e))?),
        None => None,
    };

    let text = args.input.read().map_err(Failure::untouched)?;
    let orders = input::split(&text)
        .map_err(|e| Failure::untouched(format!("{}: {e}", args.input.name())))?;
    let total = orders.values.len();
    if total == 0 {
        return Err(Failure::untouched("the input holds no orders".to_owned()));
    }
    let all_or_nothing = args.rejected.is_none();
    let mode = if all_or_nothing {
        BatchMode::AllOrNothing
    } else {
        BatchMode::PrintValid
    };
    let printed = match &mut pdf {
        Document::Pdf(file) if args.format == Format::Zpl => {
            let output = ZplOutput::new(BufWriter::new(file.file())).with_text(args.zpl_text);
            let printer = Printer::to(output, &args.options).with_mode(mode);
            print(&orders, printer, all_or_nothing).and_then(|(run, out)| match out {
                Some(mut out) => out.flush().map(|()| run).map_err(|e| e.to_string()),
                None => Ok(run),
            })
        }
        Document::Pdf(file) => PdfWriter::new(BufWriter::new(file.file()), &args.options)
            .map_err(|e| e.to_string())
            .and_then(|writer| print(&orders, writer.with_mode(mode), all_or_nothing))
            .and_then(|(run, out)| match out {
                Some(mut out) => out.flush().map(|()| run).map_err(|e| e.to_string()),
                None => Ok(run),
            }),
        Document::Png(images) => {
            let output = PngOutput::new(Raster::Print, |_, png: Vec<u8>| images.add(&png));
            let printer = Printer::to(output, &args.options).with_mode(mode);
            print(&orders, printer, all_or_nothing).map(|(run, _)| run)
        }
    };
    let Run {
        printed,
        forms,
        rejected,
    } = printed.map_err(|e| Failure::untouched(format!("{}: {e}", args.output.name())))?;
    let report_rejected = || {
        for order in &rejected {
            for line in order.lines(orders.is_array) {
                report::error(&line);
            }
        }
    };

    // All or nothing: one rejected order and nothing is written.
    let (Some(rejected_target), Some(mut rejected_file)) = (&args.rejected, rejected_file) else {
        if !rejected.is_empty() {
            report_rejected();
            report::say(&format!(
                "{} of {} rejected; nothing written",
                rejected.len(),
                plural(total, "order")
            ));
            return Ok(ExitCode::FAILURE);
        }
        let bytes = pdf.sync().map_err(|e| io_error(&args.output, e))?;
        let partly = pdf.commit_failure();
        let written = pdf.commit(&args.output).map_err(|e| Failure {
            message: format!("{}: {e}", args.output.name()),
            outcome: partly,
        })?;
        said_written(args, &written, printed, forms, bytes);
        return Ok(ExitCode::SUCCESS);
    };

    // Both files complete and on disk before either is in place; then the rejected file,
    // then the PDF, so that a PDF in place always has the record of the orders it lacks.
    write_rejected(&mut rejected_file, &rejected).map_err(|e| io_error(rejected_target, e))?;
    let bytes = if printed > 0 {
        pdf.sync().map_err(|e| io_error(&args.output, e))?
    } else {
        0
    };
    rejected_file
        .commit()
        .map_err(|e| io_error(rejected_target, e))?;
    if printed == 0 {
        drop(pdf);
        report_rejected();
        report::say(&format!(
            "{} of {} rejected, written to {}",
            rejected.len(),
            plural(total, "order"),
            rejected_target.name()
        ));
        report::say("nothing printed");
        return Ok(ExitCode::FAILURE);
    }
    let partly = pdf.commit_failure();
    let written = pdf.commit(&args.output).map_err(|e| Failure {
        message: format!(
            "{}: {e} ({} holds the rejected orders)",
            args.output.name(),
            rejected_target.name()
        ),
        outcome: partly,
    })?;
    report_rejected();
    if !rejected.is_empty() {
        report::say(&format!(
            "{} of {} rejected, written to {}",
            rejected.len(),
            plural(total, "order"),
            rejected_target.name()
        ));
    }
    said_written(args, &written, printed, forms, bytes);
    Ok(if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_REJECTED)
    })
}

/// Prints every order through the library's printing layer (a [`Printer`]: validated,
/// laid out and drawn on every core, streamed, only a few labels in memory at once), all or
/// nothing or the printable ones; returns what was printed and, when something is to be
/// kept, the finished output. The orders that are not orders (JSON of the wrong shape) are
/// set aside here; the printer sets aside those that are invalid or cannot be laid out.
/// Each comes back with its text in the input.
fn print<'a, O: Output>(
    orders: &Orders<'a>,
    mut writer: Printer<O>,
    all_or_nothing: bool,
) -> Result<(Run<'a>, Option<O::Finished>), String> {
    let mut unread = Vec::new();
    // The input index of each order offered to the writer.
    let mut positions = Vec::new();
    let labels = orders
        .values
        .iter()
        .enumerate()
        .filter_map(|(index, &raw)| match parse_order(raw) {
            Ok(label) => {
                positions.push(index);
                Some(label)
            }
            Err(problems) => {
                unread.push(RejectedOrder::new(index, raw, problems));
                None
            }
        });
    writer.write_labels(labels).map_err(|e| e.to_string())?;
    // Each order the printer set aside, back to its text in the input; one that cannot be
    // found there (a bug) stops the run rather than go missing.
    let as_given = |rejected: Vec<Rejected>| -> Result<Vec<RejectedOrder<'a>>, String> {
        rejected
            .into_iter()
            .map(|r| {
                let index = positions.get(r.index).copied();
                let raw = index.and_then(|i| orders.values.get(i).copied());
                match (index, raw) {
                    (Some(index), Some(raw)) => {
                        Ok(RejectedOrder::new(index, raw, problems(&r.reason)))
                    }
                    _ => Err(format!(
                        "internal error: order {} not found in the input",
                        r.index
                    )),
                }
            })
            .collect()
    };
    let (printed, forms, set_aside, output) = if all_or_nothing && !unread.is_empty() {
        // Not an order: all or nothing, nothing is kept.
        (0, 0, as_given(writer.rejected().to_vec())?, None)
    } else {
        match writer.finish() {
            Ok(printed) => {
                // A page per label, then its customs forms' pages.
                (
                    printed.orders.len(),
                    printed.pages.len() - printed.orders.len(),
                    as_given(printed.rejected)?,
                    Some(printed.output),
                )
            }
            Err(RenderError::Rejected { rejected, .. }) => (0, 0, as_given(rejected)?, None),
            // No order reached the writer: every one was set aside here.
            Err(RenderError::NoLabels) => (0, 0, Vec::new(), None),
            Err(other) => return Err(other.to_string()),
        }
    };
    let mut rejected = unread;
    rejected.extend(set_aside);
    rejected.sort_by_key(|r| r.index);
    Ok((
        Run {
            printed,
            forms,
            rejected,
        },
        output,
    ))
}

/// Writes the rejected orders as a JSON array (`[]` when there are none) and syncs them.
fn write_rejected(file: &mut Pending, rejected: &[RejectedOrder<'_>]) -> std::io::Result<()> {
    let mut out = BufWriter::new(file.file());
    serde_json::to_writer_pretty(&mut out, rejected)?;
    out.flush()?;
    drop(out);
    file.sync().map(drop)
}

/// Says what was written: on standard output, unless an output went there.
fn said_written(args: &args::Args, written: &str, printed: usize, forms: usize, bytes: u64) {
    let forms = match forms {
        0 => String::new(),
        n => format!(" and {}", plural(n, "customs form page")),
    };
    let line = format!(
        "wrote {written} ({}{forms}, {bytes} bytes)",
        plural(printed, "label")
    );
    let on_stdout = args.output == Target::Stdout || args.rejected == Some(Target::Stdout);
    if on_stdout {
        report::say(&line);
    } else {
        report::tell(&line);
    }
}
