//! Prints shipping labels.
//!
//! ```text
//! cargo run --example label                                 # the built-in sample -> label.pdf
//! cargo run --example label -- orders.json -o labels.pdf    # one order or an array of orders
//! cargo run --example label -- orders.json --rejected rejected.json
//! cargo run --example label -- orders.jsonl --size 100x150 --dpi 300
//! cargo run --example label -- orders.json --sheet a4 --start 3 --cut-marks
//! ```
//!
//! The input is one order object, an array of them, or JSON Lines (one order per line), of
//! any number of orders up to 16 MiB of JSON; the labels are streamed into the PDF as they
//! are drawn, on every core.
//! `--size` is `4x6` (default), `4x8`, `100x150` or `a6`; `--sheet` prints on office sheets
//! instead (`a4`: four A6 labels; `letter`: two 4 × 6 in labels), from position `--start`
//! (1 is the top left), with `--cut-marks` if asked; `--dpi` is the printer's resolution
//! (203 by default).
//!
//! Every problem is printed with the order's index (in an array), its order number and the
//! field's path. By default a batch prints all or nothing: one bad order and nothing is
//! written. With `--rejected FILE` the printable orders are written to the PDF and every
//! other order, exactly as it was in the input, goes to FILE with its problems, so none is
//! lost.
//!
//! Exit status: 0 every order printed; 1 nothing printed (a problem in all-or-nothing mode,
//! every order rejected, or the input unreadable, not JSON or over a limit); 2 bad
//! arguments; 3 (with `--rejected`) some orders printed and the others written to FILE.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;
use shiplabel::{
    Dpi, Label, LabelSize, MAX_JSON_BYTES, Options, PdfWriter, Rejection, Sheet, SheetLayout,
    ValidLabel,
};

/// Some orders printed, the others written to the `--rejected` file.
const EXIT_SOME_REJECTED: u8 = 3;

struct Args {
    input: Option<PathBuf>,
    output: PathBuf,
    rejected: Option<PathBuf>,
    options: Options,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut output = None;
    let mut rejected = None;
    let mut size = None;
    let mut sheet = None;
    let mut start = None;
    let mut cut_marks = false;
    let mut dpi = Dpi::DPI_203;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--size" => {
                let value = args.next().ok_or("--size needs a size")?;
                size = Some(value.parse::<LabelSize>().map_err(|e| e.to_string())?);
            }
            "--sheet" => {
                let value = args.next().ok_or("--sheet needs a sheet")?;
                sheet = Some(value.parse::<SheetLayout>().map_err(|e| e.to_string())?);
            }
            "--start" => {
                let value = args.next().ok_or("--start needs a position")?;
                let position = value
                    .parse::<usize>()
                    .map_err(|_| format!("--start needs a position on the sheet, not {value:?}"))?;
                start = Some(position);
            }
            "--cut-marks" => cut_marks = true,
            "--dpi" => {
                let value = args.next().ok_or("--dpi needs a resolution")?;
                dpi = value
                    .parse::<u32>()
                    .ok()
                    .and_then(Dpi::new)
                    .ok_or_else(|| {
                        format!(
                            "--dpi must be a whole number from {} to {}, not {value:?}",
                            Dpi::MIN,
                            Dpi::MAX
                        )
                    })?;
            }
            "-o" | "--output" => {
                output = Some(PathBuf::from(args.next().ok_or("-o needs a file name")?))
            }
            "--rejected" => {
                rejected = Some(PathBuf::from(
                    args.next().ok_or("--rejected needs a file name")?,
                ))
            }
            "-h" | "--help" => return Err(String::new()),
            _ if input.is_none() && !arg.starts_with('-') => input = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let output = output.unwrap_or_else(|| {
        PathBuf::from(if input.is_some() {
            "labels.pdf"
        } else {
            "label.pdf"
        })
    });
    let mut options = Options::default().with_dpi(dpi);
    match (sheet, size) {
        (Some(_), Some(_)) => {
            return Err(
                "--size and --sheet do not go together: a sheet sets its labels' size".into(),
            );
        }
        (Some(layout), None) => {
            let sheet = Sheet::new(layout)
                .starting_at(start.unwrap_or(1))
                .map_err(|e| e.to_string())?
                .with_cut_marks(cut_marks);
            options = options.with_sheet(sheet);
        }
        (None, size) => {
            if start.is_some() || cut_marks {
                return Err("--start and --cut-marks need --sheet".into());
            }
            options = options.with_size(size.unwrap_or_default());
        }
    }
    Ok(Args {
        input,
        output,
        rejected,
        options,
    })
}

/// The orders to print: each exactly as it was in the input (its text), and whether the
/// input was an array.
struct Orders {
    values: Vec<Box<RawValue>>,
    is_array: bool,
}

/// Reads at most [`MAX_JSON_BYTES`] of JSON: one order object, an array of them, or JSON
/// Lines (one order per line).
fn read_orders(path: &Path) -> Result<Orders, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    // One byte more than the limit tells a file at the limit from a larger one.
    let limit = u64::try_from(MAX_JSON_BYTES).map_or(u64::MAX, |max| max.saturating_add(1));
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() > MAX_JSON_BYTES {
        return Err(format!(
            "{}: larger than {MAX_JSON_BYTES} bytes, the most read at once; split it",
            path.display()
        ));
    }
    let not_json = |e: serde_json::Error| format!("{}: not JSON: {e}", path.display());
    // A sequence of JSON values separated by white space: one value (an order or an array
    // of them), or JSON Lines.
    let mut values: Vec<Box<RawValue>> = Vec::new();
    for value in serde_json::Deserializer::from_slice(&bytes).into_iter::<Box<RawValue>>() {
        values.push(value.map_err(not_json)?);
    }
    let (values, is_array) = match values.as_slice() {
        [one] if one.get().starts_with('[') => {
            let orders: Vec<Box<RawValue>> = serde_json::from_str(one.get()).map_err(not_json)?;
            (orders, true)
        }
        [_] => (values, false),
        _ => (values, true),
    };
    Ok(Orders { values, is_array })
}

/// One problem with an order, as printed and as written to the rejected file.
#[derive(Serialize)]
struct Problem {
    field: Option<String>,
    code: String,
    message: String,
}

/// An order that was not printed, as written to the rejected file: the order exactly as it
/// was in the input, and why.
#[derive(Serialize)]
struct RejectedOrder {
    index: usize,
    order_number: Option<String>,
    errors: Vec<Problem>,
    order: Box<RawValue>,
}

fn problems(reason: &Rejection) -> Vec<Problem> {
    match reason {
        Rejection::Invalid(errors) => errors
            .iter()
            .map(|e| Problem {
                field: Some(e.field().to_owned()),
                code: e.kind().code().to_owned(),
                message: e.message().to_owned(),
            })
            .collect(),
        Rejection::Layout(error) => {
            let text = error.to_string();
            // The error's text starts with its field; the field has a place of its own.
            let message = error
                .field()
                .and_then(|f| text.strip_prefix(&format!("{f}: ")))
                .unwrap_or(&text)
                .to_owned();
            vec![Problem {
                field: error.field().map(str::to_owned),
                code: "layout".to_owned(),
                message,
            }]
        }
        _ => vec![Problem {
            field: None,
            code: "rejected".to_owned(),
            message: reason.to_string(),
        }],
    }
}

/// One order's JSON text as a `Label`, or the first problem with the path
/// serde_path_to_error gives (`recipient.address: unknown field `postcod``), syntax errors
/// such as a lone surrogate escape (`"\ud800"`) included. A value of the wrong type is
/// placed by its path alone; a syntax error also by its line and column in the order's
/// text. Deeply nested JSON is refused at its first value of the wrong type.
fn parse_order(raw: &RawValue) -> Result<Label, Problem> {
    let mut parser = serde_json::Deserializer::from_str(raw.get());
    serde_path_to_error::deserialize(&mut parser).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let mut message = inner.to_string();
        if inner.is_data() {
            let position = format!(" at line {} column {}", inner.line(), inner.column());
            if let Some(stripped) = message.strip_suffix(&position) {
                message = stripped.to_owned();
            }
        }
        Problem {
            field: (path != ".").then_some(path),
            code: if inner.is_data() {
                "invalid_shape"
            } else {
                "invalid_json"
            }
            .to_owned(),
            message,
        }
    })
}

/// The order number in an order as given, if it has one.
fn order_number(order: &RawValue) -> Option<String> {
    let value: Value = serde_json::from_str(order.get()).ok()?;
    let number = value.pointer("/order/number")?.as_str()?.trim();
    (!number.is_empty()).then(|| number.to_owned())
}

fn report(rejected: &[RejectedOrder], is_array: bool) {
    for r in rejected {
        let mut prefix = String::new();
        if is_array {
            prefix.push_str(&format!("[{}] ", r.index));
        }
        if let Some(number) = &r.order_number {
            prefix.push_str(&format!("order {number}: "));
        }
        for p in &r.errors {
            match &p.field {
                Some(field) => eprintln!("error: {prefix}{field}: {}", p.message),
                None => eprintln!("error: {prefix}{}", p.message),
            }
        }
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!(
                "usage: label [ORDERS.json|.jsonl] [-o OUT.pdf] [--rejected REJECTED.json]\n             \
                 [--size 4x6|4x8|100x150|a6] [--sheet a4|letter [--start N] [--cut-marks]] [--dpi N]"
            );
            return ExitCode::from(2);
        }
    };
    let orders = match &args.input {
        Some(path) => match read_orders(path) {
            Ok(orders) => orders,
            Err(message) => {
                eprintln!("error: {message}");
                eprintln!("nothing written");
                return ExitCode::FAILURE;
            }
        },
        None => match serde_json::value::to_raw_value(&Label::sample()) {
            Ok(value) => Orders {
                values: vec![value],
                is_array: false,
            },
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let total = orders.values.len();
    if total == 0 {
        eprintln!("error: the input holds no orders; nothing written");
        return ExitCode::FAILURE;
    }

    // Parse each order; one that is not an order is rejected here.
    let mut labels = Vec::new();
    let mut positions = Vec::new(); // each label's index in the input
    let mut rejected = Vec::new();
    for (index, raw) in orders.values.iter().enumerate() {
        match parse_order(raw) {
            Ok(label) => {
                labels.push(label);
                positions.push(index);
            }
            Err(problem) => rejected.push(RejectedOrder {
                index,
                order_number: order_number(raw),
                errors: vec![problem],
                order: raw.clone(),
            }),
        }
    }

    // Validate every order before anything is printed.
    let mut valid: Vec<(usize, ValidLabel)> = Vec::new();
    for (label, index) in labels.into_iter().zip(positions) {
        match label.validate() {
            Ok(label) => valid.push((index, label)),
            Err(errors) => {
                let order = orders.values.get(index).cloned().unwrap_or_default();
                rejected.push(RejectedOrder {
                    index,
                    order_number: order_number(&order),
                    errors: problems(&Rejection::Invalid(errors)),
                    order,
                });
            }
        }
    }
    let all_or_nothing = args.rejected.is_none();
    // Stream the valid ones into a file beside the output, renamed into place once the
    // document is complete (and, all or nothing, only if every label could be laid out).
    let mut printed = None;
    if !valid.is_empty() && (rejected.is_empty() || !all_or_nothing) {
        let part = args.output.with_extension("pdf.part");
        match stream(
            &part,
            &args.options,
            valid,
            &orders,
            &mut rejected,
            all_or_nothing,
        ) {
            Ok(Some((labels, bytes))) => match std::fs::rename(&part, &args.output) {
                Ok(()) => printed = Some((labels, bytes)),
                Err(e) => {
                    eprintln!("error: {}: {e}", args.output.display());
                    let _ = std::fs::remove_file(&part);
                    return ExitCode::FAILURE;
                }
            },
            Ok(None) => {
                let _ = std::fs::remove_file(&part);
            }
            Err(e) => {
                eprintln!("error: {e}");
                eprintln!("nothing written");
                let _ = std::fs::remove_file(&part);
                return ExitCode::FAILURE;
            }
        }
    }
    rejected.sort_by_key(|r| r.index);
    report(&rejected, orders.is_array);

    // All or nothing: one rejected order and nothing is written.
    let Some(rejected_path) = &args.rejected else {
        if !rejected.is_empty() {
            eprintln!(
                "{} of {} rejected; nothing written",
                rejected.len(),
                plural(total, "order")
            );
            return ExitCode::FAILURE;
        }
        return said_written(&args.output, printed, ExitCode::SUCCESS);
    };

    let written = serde_json::to_vec_pretty(&rejected)
        .map_err(|e| e.to_string())
        .and_then(|json| std::fs::write(rejected_path, json).map_err(|e| e.to_string()));
    if let Err(e) = written {
        // The printed labels must not go out without the record of the others.
        if printed.is_some() {
            let _ = std::fs::remove_file(&args.output);
        }
        eprintln!("error: {}: {e}", rejected_path.display());
        eprintln!("nothing written");
        return ExitCode::FAILURE;
    }
    if !rejected.is_empty() {
        eprintln!(
            "{} of {} rejected, written to {}",
            rejected.len(),
            plural(total, "order"),
            rejected_path.display()
        );
    }
    if printed.is_none() {
        eprintln!("nothing printed");
        return ExitCode::FAILURE;
    }
    let status = if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_REJECTED)
    };
    said_written(&args.output, printed, status)
}

/// Streams `valid` labels (each with its index in the input) into a PDF at `path`, adding
/// those that cannot be laid out to `rejected`. `Ok(None)` when nothing is to be kept: no
/// label printed, or, `all_or_nothing`, one could not be laid out. Otherwise the labels
/// printed and the file's size.
fn stream(
    path: &Path,
    options: &Options,
    valid: Vec<(usize, ValidLabel)>,
    orders: &Orders,
    rejected: &mut Vec<RejectedOrder>,
    all_or_nothing: bool,
) -> Result<Option<(usize, u64)>, String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut writer =
        PdfWriter::new(std::io::BufWriter::new(file), options).map_err(|e| e.to_string())?;
    let (positions, labels): (Vec<usize>, Vec<ValidLabel>) = valid.into_iter().unzip();
    let failures = writer.write_labels(labels).map_err(|e| e.to_string())?;
    let failed = !failures.is_empty();
    for failure in failures {
        // The writer counts the labels it was given; the input counts every order.
        let index = positions
            .get(failure.index)
            .copied()
            .unwrap_or(failure.index);
        let order = orders.values.get(index).cloned().unwrap_or_default();
        rejected.push(RejectedOrder {
            index,
            order_number: order_number(&order),
            errors: problems(&Rejection::Layout(failure.error)),
            order,
        });
    }
    if (failed && all_or_nothing) || writer.labels() == 0 {
        return Ok(None);
    }
    let labels = writer.labels();
    let out = writer.finish().map_err(|e| e.to_string())?;
    let file = out
        .into_inner()
        .map_err(|e| format!("{}: {}", path.display(), e.error()))?;
    file.sync_all()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = file
        .metadata()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    Ok(Some((labels, bytes)))
}

/// Says what was written; `status` if something was, else failure.
fn said_written(output: &Path, printed: Option<(usize, u64)>, status: ExitCode) -> ExitCode {
    let Some((labels, bytes)) = printed else {
        eprintln!("error: nothing to print; nothing written");
        return ExitCode::FAILURE;
    };
    println!(
        "wrote {} ({}, {bytes} bytes)",
        output.display(),
        plural(labels, "label")
    );
    status
}
